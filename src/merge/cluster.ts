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
 * Grouping must not chain (daily clashes in one town, each compatible with the next day's,
 * are not one month-long event) and must not depend on arrival order, while staying local
 * so that a new report touches only its neighbourhood. Rasad uses leader clustering with a
 * fixed priority, the report key:
 *   - a report is a *leader* when every report compatible with it has a larger key;
 *   - any other report prefers the closest compatible leader (date gap, then distance,
 *     then key) and joins its group — unless another report of its own document is closer
 *     to that leader (one article's two events stay two events); it is alone otherwise.
 * Every group lies within the compatibility radius of its leader (bounded in time and
 * space), and each report's group is a function of its neighbours and theirs: the store
 * recomputes two hops around what changed (src/store/sql-store.ts) and gets the same
 * result as `leaderGroups` over the whole set, whatever the order documents arrived in.
 */
import { normalizeArabic } from '../text/normalize.ts';

/** Reports farther apart than this are different events (unless their names match). */
export const MAX_DISTANCE_KM = 25;
/** Date ranges may miss each other by this many days and still overlap. */
export const DATE_SLACK_DAYS = 1;
/** Longer ranges (month, year precision) are too vague to match another report by date. */
export const MAX_SPAN_DAYS = 31;
/** Ranges up to this many days (a day, or "yesterday to today") are short: most reports. */
export const SHORT_SPAN_DAYS = 2;

/** Days a report's date range spans (end − start), or null without dates. */
export function spanDays(r: Pick<ReportLite, 'start' | 'end'>): number | null {
  return r.start && r.end ? dayNumber(r.end) - dayNumber(r.start) : null;
}

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
  const key = date.length === 10 ? date : date.slice(0, 10);
  let n = dayCache.get(key);
  if (n === undefined) {
    n = Math.floor(Date.parse(key + 'T00:00:00Z') / DAY_MS);
    // clustering asks about the same few thousand dates over and over
    if (dayCache.size > 50_000) dayCache.clear();
    dayCache.set(key, n);
  }
  return n;
}
const dayCache = new Map<string, number>();

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

/** How close two compatible reports are: copies first, then date gap, distance and key. */
export function closeness(a: ReportLite, b: ReportLite): [number, number, string] {
  if (copies(a, b)) return [-1, 0, b.key];
  return [dateGap(a, b), Math.min(placeDistance(a, b), 1e6), b.key];
}

function closer(x: [number, number, string], y: [number, number, string]): boolean {
  return x[0] < y[0] || (x[0] === y[0] && (x[1] < y[1] || (x[1] === y[1] && x[2] < y[2])));
}

/** A leader: every compatible report has a larger key. */
export function isLeader(r: ReportLite, neighbours: Iterable<ReportLite>): boolean {
  for (const n of neighbours) if (n.key < r.key) return false;
  return true;
}

/** The closest compatible leader of a non-leader (null when none). */
export function preferredLeader(r: ReportLite, leaderNeighbours: Iterable<ReportLite>): ReportLite | null {
  let best: ReportLite | null = null;
  let bestC: [number, number, string] | null = null;
  for (const l of leaderNeighbours) {
    const c = closeness(r, l);
    if (!bestC || closer(c, bestC)) {
      best = l;
      bestC = c;
    }
  }
  return best;
}

/**
 * The members of a leader's group from the reports that prefer it: per document only the
 * closest (one article's two events stay apart). Returns members (leader first, then by
 * key) and the reports left alone.
 */
export function resolveGroup(leader: ReportLite, followers: ReportLite[]): { members: ReportLite[]; alone: ReportLite[] } {
  const best = new Map<number, ReportLite>();
  for (const f of followers) {
    const cur = best.get(f.documentId);
    if (!cur || closer(closeness(leader, f), closeness(leader, cur))) best.set(f.documentId, f);
  }
  const members = [...best.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  const kept = new Set(members.map((m) => m.key));
  return { members: [leader, ...members], alone: followers.filter((f) => !kept.has(f.key)) };
}

/**
 * Groups a whole set of reports (the reference the store's incremental updates agree
 * with). Groups are returned sorted by their leader's key, members leader first.
 */
export function leaderGroups(reports: ReportLite[]): ReportLite[][] {
  const rs = [...reports].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const nb = new Map<string, ReportLite[]>(rs.map((r) => [r.key, []]));
  for (let i = 0; i < rs.length; i++)
    for (let j = i + 1; j < rs.length; j++)
      if (compatible(rs[i], rs[j])) {
        nb.get(rs[i].key)!.push(rs[j]);
        nb.get(rs[j].key)!.push(rs[i]);
      }
  const leaders = new Set(rs.filter((r) => isLeader(r, nb.get(r.key)!)).map((r) => r.key));
  const followers = new Map<string, ReportLite[]>();
  const groups: ReportLite[][] = [];
  for (const r of rs) {
    if (leaders.has(r.key)) continue;
    const pref = preferredLeader(r, nb.get(r.key)!.filter((n) => leaders.has(n.key)));
    if (!pref) groups.push([r]);
    else followers.set(pref.key, [...(followers.get(pref.key) ?? []), r]);
  }
  for (const r of rs) {
    if (!leaders.has(r.key)) continue;
    const { members, alone } = resolveGroup(r, followers.get(r.key) ?? []);
    groups.push(members);
    for (const a of alone) groups.push([a]);
  }
  return groups.sort((x, y) => (x[0].key < y[0].key ? -1 : 1));
}
