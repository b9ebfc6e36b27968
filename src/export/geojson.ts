/**
 * @module export/geojson
 * RFC 7946 GeoJSON: a FeatureCollection with one Point feature per located event
 * ([longitude, latitude], WGS 84), written as text piece by piece so that a large export never
 * sits in memory. Properties are the event's fields flattened to one level (actor1_name,
 * date_start, certainty_date …) so that GIS tools can show and filter them; the lists
 * (sources, evidence, associated actors, corrections) stay arrays.
 */
import { acledCountry } from './coding.ts';
import type { ExportActor, ExportEvent, ExportOptions } from './types.ts';

type Props = Record<string, unknown>;

function actorProps(p: Props, prefix: string, a: ExportActor | null): void {
  p[`${prefix}_id`] = a?.id ?? null;
  p[`${prefix}_name`] = a?.name ?? null;
  p[`${prefix}_name_ar`] = a?.name_ar ?? null;
  p[`${prefix}_text`] = a?.text ?? null;
  p[`${prefix}_kind`] = a?.kind ?? null;
}

/** The event's properties, flattened. */
export function eventProperties(ev: ExportEvent): Props {
  const loc = ev.location;
  const p: Props = {
    event_id: ev.id,
    event_key: ev.event_key ?? null,
    event_type: ev.event_type,
    sub_event_type: ev.sub_event_type,
    date_start: ev.date.start,
    date_end: ev.date.end,
    date_precision: ev.date.precision,
    date_text: ev.date.text,
    hours_from: ev.hours?.from ?? null,
    hours_to: ev.hours?.to ?? null,
    location_text: loc?.text ?? null,
    location_name: loc?.name ?? null,
    location_name_ar: loc?.name_ar ?? null,
    country: loc?.country ?? null,
    country_name: ev.country_name ?? acledCountry(loc?.country)?.name ?? null,
    admin1: loc?.admin1 ?? null,
    admin2: loc?.admin2 ?? null,
    geo_precision: loc?.geo_precision ?? null,
    geonames_id: loc?.geonames_id ?? null,
  };
  actorProps(p, 'actor1', ev.actor1);
  actorProps(p, 'actor2', ev.actor2);
  p.assoc_actor1 = (ev.assoc_actor1 ?? []).map((a) => ({ id: a.id, name: a.name, name_ar: a.name_ar }));
  p.assoc_actor2 = (ev.assoc_actor2 ?? []).map((a) => ({ id: a.id, name: a.name, name_ar: a.name_ar }));
  p.fatalities = ev.fatalities;
  p.fatalities_vague_min = ev.fatalities_vague?.min ?? null;
  p.fatalities_vague_max = ev.fatalities_vague?.max ?? null;
  p.injured = ev.injured;
  p.detained = ev.detained;
  p.displaced = ev.displaced;
  p.confidence = ev.confidence;
  for (const [field, c] of Object.entries(ev.certainty ?? {})) p[`certainty_${field}`] = c;
  for (const [field, e] of Object.entries(ev.explain ?? {})) p[`rule_${field}`] = e.rule;
  p.source_names = [...new Set(ev.sources.map((s) => s.name))].join('; ');
  p.source_count = ev.source_count ?? new Set(ev.sources.map((s) => s.name)).size;
  p.report_count = ev.report_count ?? ev.sources.length;
  p.sources = ev.sources.map((s) => ({ name: s.name, url: s.url ?? null, document_id: s.doc_id ?? s.document_id ?? null, published: s.published ?? null }));
  p.evidence = ev.evidence;
  p.corrected = ev.corrected ?? (ev.corrections?.length ?? 0) > 0;
  if (ev.corrections) p.corrections = ev.corrections;
  if (ev.original) p.original = ev.original;
  p.review_status = ev.review?.status ?? null;
  p.created_at = ev.created_at ?? null;
  p.updated_at = ev.updated_at ?? null;
  return p;
}

/** [lon, lat] when the event has valid WGS 84 coordinates, else null. */
export function eventCoordinates(ev: ExportEvent): [number, number] | null {
  const lat = ev.location?.lat;
  const lon = ev.location?.lon;
  if (lat == null || lon == null || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return null;
  return [lon, lat];
}

/** One Feature, or null for an event that is left out (no coordinates and not `includeUnlocated`). */
export function eventFeature(ev: ExportEvent, opts: ExportOptions = {}): object | null {
  const coords = eventCoordinates(ev);
  if (!coords && !opts.includeUnlocated) return null;
  return {
    type: 'Feature',
    id: ev.event_key ?? ev.id,
    geometry: coords ? { type: 'Point', coordinates: coords } : null,
    properties: eventProperties(ev),
  };
}

export const GEOJSON_HEAD = '{"type":"FeatureCollection","features":[';
export const GEOJSON_TAIL = '\n]}\n';

/** Streams a FeatureCollection as text chunks: head, one chunk per feature, tail. */
export function* geojson(rows: Iterable<ExportEvent>, opts: ExportOptions = {}): Generator<string> {
  yield GEOJSON_HEAD;
  let first = true;
  for (const ev of rows) {
    const f = eventFeature(ev, opts);
    if (!f) continue;
    yield (first ? '\n' : ',\n') + JSON.stringify(f);
    first = false;
  }
  yield GEOJSON_TAIL;
}
