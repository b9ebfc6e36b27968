/**
 * @module store/store
 * The one storage interface of Rasad. Every command (ingest, events, export, reextract, the
 * HTTP API, workers) talks to a `Store`; two engines implement it with the same behaviour
 * (SQLite by default, PostgreSQL for scale-out), checked by one conformance suite
 * (test/conformance/store.suite.ts).
 *
 * Model: a *document* is one stored article (raw + cleaned text, identified by its content
 * hash). Each event the extractor finds in a document is a *report* (table event_documents,
 * with its evidence spans and the values that document gave). Reports of the same happening
 * from different documents are clustered into one *canonical event* (table events) whose
 * fields are reconciled from its reports (src/merge/reconcile.ts). Queries, counts and
 * exports see canonical events, so wire copies and multi-outlet coverage are counted once.
 *
 * Identity: every report has a stable key, sha1(document content hash + event_type + anchor
 * evidence text); a canonical event's key is the smallest key of its reports. Analyst
 * corrections and reviews are attached to keys, so they survive re-extraction and
 * re-clustering; a correction whose key no longer exists is an orphan, kept and listed.
 */
import type { ExtractionResult, InputDocument, RasadEvent, Span } from '../types.ts';
import type { PreparedDocument } from './prepare.ts';

/** Which engine a store runs on. */
export type StoreEngine = 'sqlite' | 'postgres';

/** What `saveDocumentResult` receives: the input document, its extraction and its source. */
export interface SaveDocumentInput {
  /** The input document; `raw` is the body as fetched (HTML or text), `content_hash` its identity. */
  doc: InputDocument & { raw?: string; content_hash?: string };
  /** The extraction result; `result.document.text` is the cleaned text evidence points into. */
  result: ExtractionResult;
  /** Outlet / feed name (defaults to `doc.source`, then 'unknown'). */
  sourceName?: string;
  /** Optional URL of the source (feed URL or site). */
  sourceUrl?: string;
  /**
   * What the save needs from the document alone (src/store/prepare.ts `prepareDocument` of
   * this same input), computed off the writer's thread by batch ingest; computed here when absent.
   */
  prepared?: PreparedDocument;
}

export interface SaveResult {
  /** inserted: new document; duplicate: same content hash already stored (nothing written);
   *  near-duplicate: stored and linked into an existing document cluster (SimHash). */
  status: 'inserted' | 'duplicate' | 'near-duplicate';
  /** Internal id of the stored document (the existing one for a duplicate). */
  documentId: number;
  /** Document cluster (near-duplicates share it). */
  clusterId: number;
  /** Canonical event keys the document's reports ended up in (empty for a duplicate). */
  eventKeys: string[];
}

/** Filters for `queryEvents`, `countEvents`, `exportRows` and saved alerts. All optional, ANDed. */
export interface EventFilter {
  /** Inclusive date range; an event matches when its [start, end] overlaps it. Events without a date never match a date filter. */
  from?: string;
  to?: string;
  types?: string[];
  subTypes?: string[];
  /** Actor ids (slugs) as actor1, actor2 or an associated actor. */
  actors?: string[];
  /** Free text matched (normalized, substring) against actor names and texts. */
  actorText?: string;
  /** ISO 3166-1 alpha-2 codes. */
  countries?: string[];
  admin1?: string[];
  admin2?: string[];
  /** [minLon, minLat, maxLon, maxLat]. */
  bbox?: [number, number, number, number];
  /** Arabic full-text search over the evidence, places and actors (engine-specific matching). */
  text?: string;
  minFatalities?: number;
  /** Source (outlet) names: events with at least one report from one of them. */
  sources?: string[];
  /** Internal document id: events with a report from this document. */
  documentId?: number;
  /** Review state; by default rejected events are hidden. */
  review?: 'confirmed' | 'rejected' | 'unreviewed' | 'any';
  /** Only events whose canonical id is greater (alerts, incremental export). */
  afterId?: number;
}

export type EventSort = 'date_desc' | 'date_asc' | 'fatalities_desc' | 'id_asc';

export interface PageRequest {
  /** Default 50, max 1000. */
  limit?: number;
  /** Either offset or cursor; a cursor (from the previous page) is faster on deep pages. */
  offset?: number;
  cursor?: string | null;
  /** Default 'date_desc'. */
  sort?: EventSort;
  /**
   * Also count the matches, exactly when that is cheap: counting stops at `totalCap` (default
   * DEFAULT_TOTAL_CAP). Beyond the cap `totalIsExact` is false and `total` is approximate: the
   * cap, a lower bound (SQLite), or the query planner's estimate (PostgreSQL, which also falls
   * back to it when the exact count overruns a time budget). Counting every match of a broad
   * filter over millions of events would cost far more than the page itself.
   */
  withTotal?: boolean;
  /** Where counting stops (default DEFAULT_TOTAL_CAP, at most MAX_TOTAL_CAP). */
  totalCap?: number;
}

/** Matches counted exactly by default before a total becomes a lower bound. */
export const DEFAULT_TOTAL_CAP = 10_000;
/** The largest cap a caller may ask for. */
export const MAX_TOTAL_CAP = 1_000_000;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** With `withTotal`: the number of matches, exact or approximate (see totalIsExact); never fewer than the page shows exist. */
  total?: number;
  /** With `withTotal`: false when `total` is approximate (PageRequest.withTotal). */
  totalIsExact?: boolean;
}

/** One document's report of a canonical event. */
export interface EventSource {
  /** Internal id of the document. */
  document_id: number;
  /** The caller's id of the document (SPEC section 1 `id`). */
  doc_id: string;
  /** Source (outlet) name. */
  name: string;
  url: string | null;
  title: string | null;
  published: string | null;
  /** Document cluster: reports from near-duplicate documents share it. */
  cluster_id: number;
  /** The report's stable key. */
  event_key: string;
  /** Evidence spans in the document's cleaned text. */
  evidence: Span[];
  /** The text of each evidence span (only from getEvent). */
  evidence_text?: string[];
  /** The event as that document reported it (only from getEvent): per-source values. */
  values?: RasadEvent;
}

export interface ReviewState {
  status: 'confirmed' | 'rejected';
  who: string;
  at: string;
}

/** A canonical event as read from the store (corrections applied). */
export interface StoredEvent extends RasadEvent {
  /** Public id: the canonical event key. */
  id: string;
  event_key: string;
  /** Internal row id (changes when clusters are rebuilt; use `event_key` to refer to an event). */
  db_id: number;
  sources: EventSource[];
  /** Number of reports, and of distinct document clusters (independent sources). */
  report_count: number;
  source_count: number;
  /** True when analyst corrections changed a field; `original` keeps the values before them. */
  corrected: boolean;
  original?: Record<string, unknown>;
  review: ReviewState | null;
  created_at: string;
  updated_at: string;
}

export interface StoredDocument {
  id: number;
  doc_id: string;
  source: string;
  title: string | null;
  published: string | null;
  url: string | null;
  language: string | null;
  content_hash: string;
  simhash: string;
  cluster_id: number;
  /** Cleaned text (evidence offsets point into it). */
  text: string;
  raw: string | null;
  created_at: string;
  /** Canonical events this document reports. */
  events: StoredEvent[];
}

/** A document to re-run extraction on (from `iterateDocuments`). */
export interface DocumentForReextract {
  documentId: number;
  contentHash: string;
  source: string;
  /** Reconstructed input: `html` when the raw body looks like HTML, else `text` (raw, or cleaned when no raw was stored). */
  input: InputDocument;
}

export type CountGroup = 'day' | 'month' | 'type' | 'sub_type' | 'admin1' | 'country' | 'source';

export interface CountRow {
  key: string | null;
  events: number;
  fatalities: number;
}

export interface DocumentHit {
  id: number;
  doc_id: string;
  title: string | null;
  published: string | null;
  url: string | null;
  source: string;
  /** A short piece of the cleaned text around the first match (or its beginning). */
  snippet: string;
}

export interface CorrectionInput {
  /** Key of the event (canonical or report key). */
  eventKey: string;
  /** Field path: 'fatalities', 'event_type', 'sub_event_type', 'date.start', 'location', 'location.lat', 'actor1', … */
  field: string;
  /** Defaults to the value the event has now. */
  oldValue?: unknown;
  newValue: unknown;
  who: string;
  note?: string;
}

export interface Correction {
  id: number;
  event_key: string;
  field: string;
  old_value: unknown;
  new_value: unknown;
  who: string;
  note: string | null;
  created_at: string;
}

export type TokenRole = 'viewer' | 'editor' | 'admin';

export interface TokenInfo {
  id: number;
  name: string;
  role: TokenRole;
  created_at: string;
  last_used_at: string | null;
  revoked: boolean;
}

export interface AlertInput {
  name: string;
  filter: EventFilter;
  /** Webhook URL (null for alerts read by polling). */
  webhookUrl?: string | null;
  createdBy?: string;
}

export interface Alert {
  id: number;
  name: string;
  filter: EventFilter;
  webhook_url: string | null;
  created_by: string | null;
  active: boolean;
  created_at: string;
}

export interface DeliveryInput {
  alertId: number;
  eventKeys: string[];
  status: 'ok' | 'failed';
  httpStatus?: number | null;
  error?: string | null;
}

export interface Delivery {
  id: number;
  alert_id: number;
  event_keys: string[];
  status: 'ok' | 'failed';
  http_status: number | null;
  error: string | null;
  created_at: string;
}

/** A row of `exportRows`: a canonical event with its sources (RasadEvent & {sources}). */
export type StoreExportRow = StoredEvent;

export interface StoreStats {
  documents: number;
  documentClusters: number;
  reports: number;
  events: number;
  sources: number;
  corrections: number;
  orphanCorrections: number;
}

/** The storage interface. All methods are async; writes of one document are one transaction. */
export interface Store {
  readonly engine: StoreEngine;
  /** Where it lives (file path or postgres URL without password). */
  readonly location: string;

  /** Brings the schema up to date (openStore calls it). */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // ---- documents -------------------------------------------------------------------------
  /** Saves a document, its reports and their clustering in ONE transaction; idempotent by content hash. */
  saveDocumentResult(input: SaveDocumentInput): Promise<SaveResult>;
  /**
   * Saves several documents in ONE transaction (batch ingest: one commit for many documents).
   * All or nothing: an interrupted batch leaves none of its documents, never part of one, and
   * a re-run stores them. Results in input order, each as `saveDocumentResult` would give it.
   */
  saveDocumentResults(inputs: SaveDocumentInput[]): Promise<SaveResult[]>;
  hasDocumentHash(contentHash: string): Promise<boolean>;
  getDocument(id: number): Promise<StoredDocument | null>;
  /** Documents whose text matches (Arabic FTS), newest first. */
  searchDocuments(text: string, limit?: number): Promise<DocumentHit[]>;
  /** Replaces a document's reports with a new extraction (re-extraction); corrections stay attached by key. */
  replaceDocumentEvents(documentId: number, result: ExtractionResult): Promise<{ eventKeys: string[] }>;
  /** Every stored document, in id order, fetched in batches (safe to write while iterating). */
  iterateDocuments(opts?: { batchSize?: number }): AsyncIterable<DocumentForReextract>;

  // ---- events ----------------------------------------------------------------------------
  queryEvents(filter?: EventFilter, page?: PageRequest): Promise<Page<StoredEvent>>;
  /** By event key (canonical or any of its report keys) or internal id. */
  getEvent(idOrKey: string | number): Promise<StoredEvent | null>;
  countEvents(groupBy: CountGroup, filter?: EventFilter): Promise<CountRow[]>;
  /** All matching events with their sources, in id order, streamed in batches. */
  exportRows(filter?: EventFilter): AsyncIterable<StoreExportRow>;
  stats(): Promise<StoreStats>;

  // ---- analyst work ----------------------------------------------------------------------
  addCorrection(c: CorrectionInput): Promise<Correction>;
  listCorrections(eventKey?: string): Promise<Correction[]>;
  /** Corrections whose event no longer exists (after re-extraction); kept, never dropped. */
  listOrphanCorrections(): Promise<Correction[]>;
  reviewEvent(eventKey: string, status: 'confirmed' | 'rejected', who: string): Promise<void>;

  // ---- API tokens (only a hash is stored) --------------------------------------------------
  createToken(name: string, role: TokenRole): Promise<string>;
  verifyToken(plaintext: string): Promise<{ name: string; role: TokenRole } | null>;
  listTokens(): Promise<TokenInfo[]>;
  revokeToken(name: string): Promise<boolean>;

  // ---- alerts ----------------------------------------------------------------------------
  createAlert(a: AlertInput): Promise<Alert>;
  listAlerts(): Promise<Alert[]>;
  deleteAlert(id: number): Promise<boolean>;
  /** Matching events not yet delivered successfully for this alert (oldest first). */
  newEventsForAlert(alertId: number, limit?: number): Promise<StoredEvent[]>;
  recordDelivery(d: DeliveryInput): Promise<Delivery>;
  listDeliveries(alertId: number, limit?: number): Promise<Delivery[]>;
}

/** Default SQLite file when neither --db nor RASAD_DB is given. */
export const DEFAULT_DB = './rasad.db';

/** The store URL to use: the CLI value, else env RASAD_DB, else ./rasad.db. */
export function resolveDbUrl(cliValue?: string | null, env: NodeJS.ProcessEnv = process.env): string {
  if (cliValue && cliValue.trim()) return cliValue.trim();
  if (env.RASAD_DB && env.RASAD_DB.trim()) return env.RASAD_DB.trim();
  return DEFAULT_DB;
}

/** True for postgres:// and postgresql:// URLs. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * Opens (and migrates) a store: a `postgres://…` URL selects PostgreSQL, anything else is a
 * SQLite file path (':memory:' allowed for throwaway use).
 */
export async function openStore(url: string = DEFAULT_DB): Promise<Store> {
  const { openSqlStore } = await import('./sql-store.ts');
  return openSqlStore(url);
}
