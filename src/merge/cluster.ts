/**
 * @module merge/cluster
 * Cross-source event clustering: which reports (one document's account of an event) describe
 * the same happening. Two reports are *compatible* when
 *   - they come from different documents (an extractor that split an article into two events
 *     meant two events), and
 *   - either they are copies: their documents are near-duplicates (same document cluster),
 *     with the same event type and the same anchor evidence text;
 *   - or they agree: same event type; both dated, each spanning at most MAX_SPAN_DAYS, with
 *     date ranges overlapping within ±1 day; locations within MAX_DISTANCE_KM or with the
 *     same folded name (two events without any location agree only when they share an
 *     actor); actor1 and actor2 not contradicting (different ids on the same side).
 *
 * The clusters are a pure function of the set of reports, never of arrival order:
 * connected components of the compatibility graph are partitioned by a constrained
 * Kruskal pass — edges sorted by (date gap, distance, keys) are accepted unless they would
 * put two reports of one document into one event. The store re-runs it over a whole
 * component whenever a report joins or leaves it.
 */
import { normalizeArabic } from '../text/normalize.ts';

/** Reports farther apart than this are different events (unless their names match). */
export const MAX_DISTANCE_KM = 25;
/** Date ranges may miss each other by this many days and still overlap. */
export const DATE_SLACK_DAYS = 1;
/** Longer ranges (month, year precision) are too vague to match another report by date. */
export const MAX_SPAN_DAYS = 31;

/** What clustering needs to know about one report. */
export interface ReportLite {
  key: string;
  documentId: number;
  /** Near-duplicate document cluster. */
  docClusterId: number;
  type: string;
  start: string | null;
  end: string | null;
  lat: number | null;
  lon: number | null;
  /** Folded location name ('' when none). */
  locKey: string;
  actor1: string | null;
  actor2: string | null;
  /** Other actor ids (associated actors), for the no-location rule. */
  actorIds?: string[];
  /** Folded anchor evidence text. */
  anchor: string;
}

const DAY_MS = 86_400_000;

/** Days since the epoch of a YYYY-MM-DD date (UTC). */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(date.slice(0, 10) + 'T00:00:00Z') / DAY_MS);
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Folds a place or evidence text for equality tests (Rasad normalization, article dropped per word). */
export function foldKey(s: string | null | undefined): string {
  if (!s) return '';
  return normalizeArabic(s)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .map((w) => (w.length >= 4 && w.startsWith('ال') ? w.slice(2) : w))
    .join(' ');
}

/** Grid cell size in degrees: ≥ MAX_DISTANCE_KM in latitude, and in longitude up to ~63°N/S. */
export const CELL_DEGREES = 0.5;

/** Grid cell of a coordinate (-1 when there is none). */
export function cellOf(lat: number | null, lon: number | null): number {
  if (lat == null || lon == null || !Number.isFinite(lat) || !Number.isFinite(lon)) return -1;
  return Math.floor((lat + 90) / CELL_DEGREES) * 1000 + Math.floor((lon + 180) / CELL_DEGREES);
}

/**
 * Cells where a compatible report may lie: the 3×3 block around the report's cell, or the
 * no-coordinates cell (-1) for a report without coordinates.
 */
export function neighbourCells(lat: number | null, lon: number | null): number[] {
  const c = cellOf(lat, lon);
  if (c < 0) return [-1];
  const row = Math.floor(c / 1000), col = c % 1000;
  const out: number[] = [];
  for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) if (row + dr >= 0 && col + dc >= 0) out.push((row + dr) * 1000 + col + dc);
  return out;
}

/** Great-circle distance in km. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** True when a report can be matched to others by date (dated, not too vague). */
export function datable(r: ReportLite): boolean {
  if (!r.start || !r.end) return false;
  return dayNumber(r.end) - dayNumber(r.start) <= MAX_SPAN_DAYS;
}

/** Days between two date ranges (0 when they overlap). */
export function dateGap(a: ReportLite, b: ReportLite): number {
  const as = dayNumber(a.start!), ae = dayNumber(a.end!), bs = dayNumber(b.start!), be = dayNumber(b.end!);
  if (as > be) return as - be;
  if (bs > ae) return bs - ae;
  return 0;
}

function hasLocation(r: ReportLite): boolean {
  return r.locKey !== '' || (r.lat != null && r.lon != null);
}

/** Distance between the reports' places: 0 for the same name, Infinity when unknown. */
export function placeDistance(a: ReportLite, b: ReportLite): number {
  if (a.locKey !== '' && a.locKey === b.locKey) return 0;
  if (a.lat != null && a.lon != null && b.lat != null && b.lon != null) return haversineKm(a.lat, a.lon, b.lat, b.lon);
  return Infinity;
}

function sharesActor(a: ReportLite, b: ReportLite): boolean {
  const as = new Set([a.actor1, a.actor2, ...(a.actorIds ?? [])].filter(Boolean));
  return [b.actor1, b.actor2, ...(b.actorIds ?? [])].some((x) => x != null && as.has(x));
}

/** The copy rule: same near-duplicate cluster, type and anchor text. */
export function copies(a: ReportLite, b: ReportLite): boolean {
  return a.docClusterId === b.docClusterId && a.type === b.type && a.anchor !== '' && a.anchor === b.anchor;
}

/** Whether two reports may describe the same event (see the module comment). */
export function compatible(a: ReportLite, b: ReportLite): boolean {
  if (a.documentId === b.documentId) return false;
  if (a.type !== b.type) return false;
  if (copies(a, b)) return true;
  if (!datable(a) || !datable(b)) return false;
  if (dateGap(a, b) > DATE_SLACK_DAYS) return false;
  if (a.actor1 && b.actor1 && a.actor1 !== b.actor1) return false;
  if (a.actor2 && b.actor2 && a.actor2 !== b.actor2) return false;
  const la = hasLocation(a);
  const lb = hasLocation(b);
  if (!la && !lb) return sharesActor(a, b);
  if (la !== lb) return false;
  return placeDistance(a, b) <= MAX_DISTANCE_KM;
}

interface Edge {
  a: number;
  b: number;
  gap: number;
  dist: number;
  ka: string;
  kb: string;
}

/**
 * Partitions reports into events, deterministically and independently of input order.
 * Groups are returned sorted by their smallest key, members sorted by key.
 */
export function partition(reports: ReportLite[]): ReportLite[][] {
  const rs = [...reports].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const n = rs.length;
  const edges: Edge[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = rs[i], b = rs[j];
      if (!compatible(a, b)) continue;
      const copy = copies(a, b);
      edges.push({
        a: i,
        b: j,
        // copies first, then the closest in time and space
        gap: copy ? -1 : dateGap(a, b),
        dist: copy ? 0 : Math.min(placeDistance(a, b), 1e6),
        ka: a.key,
        kb: b.key,
      });
    }
  }
  edges.sort((x, y) => x.gap - y.gap || x.dist - y.dist || (x.ka < y.ka ? -1 : x.ka > y.ka ? 1 : 0) || (x.kb < y.kb ? -1 : x.kb > y.kb ? 1 : 0));
  const parent = rs.map((_, i) => i);
  const docs = rs.map((r) => new Set([r.documentId]));
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (const e of edges) {
    const ra = find(e.a), rb = find(e.b);
    if (ra === rb) continue;
    const da = docs[ra], db = docs[rb];
    let clash = false;
    for (const d of da) if (db.has(d)) { clash = true; break; }
    if (clash) continue; // one document's two events stay two events
    // union: smaller index becomes root so the result does not depend on edge ties
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    parent[child] = root;
    for (const d of docs[child]) docs[root].add(d);
  }
  const groups = new Map<number, ReportLite[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(rs[i]);
  }
  return [...groups.values()].sort((x, y) => (x[0].key < y[0].key ? -1 : 1));
}
