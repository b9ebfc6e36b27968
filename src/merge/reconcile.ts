/**
 * @module merge/reconcile
 * Builds one canonical event from the reports clustered into it. The rules (each report's
 * own values stay stored beside the canonical event):
 *
 * - sub_event_type: the most frequent among reports; ties go to the higher confidence,
 *   then to the smaller report key.
 * - date, hours: from the report with the most precise date (day < range < week < month <
 *   year < unknown), then the narrowest range, then the earliest start, then the smaller key.
 * - location: from the report with the best geo_precision (1 best) that has coordinates,
 *   then the most frequent name, then the smaller key.
 * - actor1 / actor2: the most frequent actor id on that side (ties: smaller key's);
 *   associated actors: the union, by id.
 * - fatalities, injured, detained, displaced: ACLED's conservative rule — the lowest
 *   non-null figure among well-sourced reports (confidence ≥ WELL_SOURCED_CONFIDENCE;
 *   when no report reaches it, among all reports). A vague amount (fatalities_vague) is
 *   kept only when no report gives a figure.
 * - evidence: the primary (date-chosen) report's spans.
 * - confidence: 1 − Π(1 − c) over independent sources (near-duplicate copies count once,
 *   with their best confidence), capped at 0.99.
 */
import type { Actor, RasadEvent } from '../types.ts';

/** Reports at or above this confidence are "well-sourced" for the fatality rule. */
export const WELL_SOURCED_CONFIDENCE = 0.5;

/** One report as reconciliation sees it. */
export interface ReportForReconcile {
  key: string;
  /** Near-duplicate document cluster (independence of sources). */
  docClusterId: number;
  event: RasadEvent;
}

const PRECISION_RANK: Record<string, number> = { day: 0, range: 1, week: 2, month: 3, year: 4, unknown: 5 };

function byKey(a: ReportForReconcile, b: ReportForReconcile): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function spanDays(e: RasadEvent): number {
  if (!e.date?.start || !e.date?.end) return Number.MAX_SAFE_INTEGER;
  return (Date.parse(e.date.end) - Date.parse(e.date.start)) / 86_400_000;
}

/** The report whose date is the most precise (the "primary" report). */
export function primaryReport(reports: ReportForReconcile[]): ReportForReconcile {
  return [...reports].sort((a, b) => {
    const pa = PRECISION_RANK[a.event.date?.precision ?? 'unknown'] ?? 5;
    const pb = PRECISION_RANK[b.event.date?.precision ?? 'unknown'] ?? 5;
    if (pa !== pb) return pa - pb;
    const da = a.event.date?.start ? 0 : 1, db = b.event.date?.start ? 0 : 1;
    if (da !== db) return da - db;
    const sa = spanDays(a.event), sb = spanDays(b.event);
    if (sa !== sb) return sa - sb;
    const xa = a.event.date?.start ?? '', xb = b.event.date?.start ?? '';
    if (xa !== xb) return xa < xb ? -1 : 1;
    return byKey(a, b);
  })[0];
}

/** Most frequent value (by a key function), ties to higher confidence then smaller report key. */
function vote<T>(reports: ReportForReconcile[], get: (e: RasadEvent) => T | null | undefined, keyOf: (v: T) => string): T | null {
  const tally = new Map<string, { value: T; n: number; conf: number; key: string }>();
  for (const r of [...reports].sort(byKey)) {
    const v = get(r.event);
    if (v == null) continue;
    const k = keyOf(v);
    const t = tally.get(k);
    if (t) {
      t.n++;
      t.conf = Math.max(t.conf, r.event.confidence ?? 0);
    } else tally.set(k, { value: v, n: 1, conf: r.event.confidence ?? 0, key: r.key });
  }
  let best: { value: T; n: number; conf: number; key: string } | null = null;
  for (const t of tally.values()) {
    if (!best || t.n > best.n || (t.n === best.n && (t.conf > best.conf || (t.conf === best.conf && t.key < best.key)))) best = t;
  }
  return best ? best.value : null;
}

/** The conservative figure: the lowest non-null value among well-sourced reports. */
export function conservativeFigure(reports: ReportForReconcile[], field: 'fatalities' | 'injured' | 'detained' | 'displaced'): number | null {
  const withFig = reports.filter((r) => typeof r.event[field] === 'number');
  if (!withFig.length) return null;
  const well = withFig.filter((r) => (r.event.confidence ?? 0) >= WELL_SOURCED_CONFIDENCE);
  const pool = well.length ? well : withFig;
  return Math.min(...pool.map((r) => r.event[field] as number));
}

function unionActors(lists: Actor[][]): Actor[] {
  const seen = new Map<string, Actor>();
  for (const l of lists) for (const a of l ?? []) if (a && !seen.has(a.id)) seen.set(a.id, a);
  return [...seen.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Noisy-or confidence over independent document clusters. */
export function combinedConfidence(reports: ReportForReconcile[]): number {
  const best = new Map<number, number>();
  for (const r of reports) best.set(r.docClusterId, Math.max(best.get(r.docClusterId) ?? 0, r.event.confidence ?? 0));
  let miss = 1;
  for (const c of best.values()) miss *= 1 - Math.min(Math.max(c, 0), 1);
  return Math.round(Math.min(0.99, 1 - miss) * 1000) / 1000;
}

/** Reconciles a cluster of reports into one canonical event (id left to the caller). */
export function reconcile(reports: ReportForReconcile[]): RasadEvent {
  if (!reports.length) throw new Error('reconcile: no reports');
  const sorted = [...reports].sort(byKey);
  const primary = primaryReport(sorted);
  const p = primary.event;
  if (sorted.length === 1) return { ...p, assoc_actor1: p.assoc_actor1 ?? [], assoc_actor2: p.assoc_actor2 ?? [] };

  const subType = vote(sorted, (e) => e.sub_event_type, (v) => v) ?? p.sub_event_type;
  const locReport = [...sorted].sort((a, b) => {
    const la = a.event.location, lb = b.event.location;
    if (!la !== !lb) return la ? -1 : 1;
    if (!la || !lb) return byKey(a, b);
    const ca = la.lat != null ? 0 : 1, cb = lb.lat != null ? 0 : 1;
    if (ca !== cb) return ca - cb;
    if (la.geo_precision !== lb.geo_precision) return la.geo_precision - lb.geo_precision;
    return byKey(a, b);
  })[0];
  const actor1 = vote(sorted, (e) => e.actor1, (a) => a.id);
  const actor2 = vote(sorted, (e) => e.actor2, (a) => a.id);
  const fatalities = conservativeFigure(sorted, 'fatalities');
  const out: RasadEvent = {
    ...p,
    sub_event_type: subType,
    location: locReport.event.location,
    actor1,
    actor2,
    assoc_actor1: unionActors(sorted.map((r) => r.event.assoc_actor1)).filter((a) => a.id !== actor1?.id),
    assoc_actor2: unionActors(sorted.map((r) => r.event.assoc_actor2)).filter((a) => a.id !== actor2?.id),
    fatalities,
    injured: conservativeFigure(sorted, 'injured'),
    detained: conservativeFigure(sorted, 'detained'),
    displaced: conservativeFigure(sorted, 'displaced'),
    confidence: combinedConfidence(sorted),
  };
  if (fatalities != null) delete out.fatalities_vague;
  else {
    const vague = sorted.map((r) => r.event.fatalities_vague).filter((v): v is NonNullable<typeof v> => !!v);
    if (vague.length) out.fatalities_vague = vague.sort((a, b) => a.min - b.min)[0];
  }
  delete out.explain;
  return out;
}
