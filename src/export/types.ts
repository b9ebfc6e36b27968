/**
 * @module export/types
 * The row every exporter takes: one canonical event as the store hands it out, i.e. a
 * `RasadEvent` (SPEC section 2) plus where it was reported. The store's `StoredEvent`
 * (src/store/store.ts) is assignable to `ExportEvent`; so is a bare `RasadEvent` with a
 * `sources` list, which keeps the exporters usable without a store (tests, one-off
 * conversions of `rasad extract` output).
 */
import type { Actor, RasadEvent } from '../types.ts';

/** One report of the event: the outlet and the document it came from. */
export interface ExportSource {
  /** Outlet name ("Enab Baladi", "وكالة سانا"). */
  name: string;
  url?: string | null;
  /** The caller's document id (SPEC section 1 `id`). The store gives it as `doc_id`. */
  document_id?: string | number;
  doc_id?: string;
  published?: string | null;
  /** ACLED source_scale of the outlet ("National", "International", "Subnational" …) when known. */
  scale?: string | null;
}

/** An analyst's change to one field. */
export interface ExportCorrection {
  field: string;
  old: unknown;
  new: unknown;
  who?: string;
  at?: string;
}

/** An actor that may also say which country its forces belong to (foreign state forces are ACLED inter 8). */
export type ExportActor = Actor & { country?: string | null };

/** One row of an export. Only the RasadEvent fields and `sources` are required. */
export type ExportEvent = Omit<RasadEvent, 'actor1' | 'actor2' | 'assoc_actor1' | 'assoc_actor2'> & {
  actor1: ExportActor | null;
  actor2: ExportActor | null;
  assoc_actor1: ExportActor[];
  assoc_actor2: ExportActor[];
  sources: ExportSource[];
  /** English country name overriding the one derived from `location.country`. */
  country_name?: string;
  /** Stable key of the canonical event (store). */
  event_key?: string;
  /** Number used in ACLED's event_id_cnty ("SYR" + seq); else the store's db_id; else the row's position. */
  seq?: number;
  db_id?: number;
  /** Last change (ISO 8601); ACLED's `timestamp` column. */
  updated_at?: string;
  created_at?: string;
  /** Analyst corrections: the store flags `corrected` and keeps `original` values; a list may be given instead. */
  corrected?: boolean;
  original?: Record<string, unknown>;
  corrections?: ExportCorrection[];
  /** Which fields the text stated and which were inferred (style practice 3): field → 'stated' | 'implied'. */
  certainty?: Record<string, 'stated' | 'implied'>;
  report_count?: number;
  source_count?: number;
  review?: { status: string; who?: string; at?: string } | null;
};

/** Options shared by exporters. */
export interface ExportOptions {
  /** "Now" for rows without `updated_at` (ACLED timestamp). Default: the time of the call. */
  now?: Date;
  /** GeoJSON: also write events without coordinates (geometry null). Default false. */
  includeUnlocated?: boolean;
  /** CSV: start with a UTF-8 byte-order mark so that spreadsheet programs read Arabic correctly. Default false. */
  bom?: boolean;
}
