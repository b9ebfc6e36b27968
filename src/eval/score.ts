/**
 * @module eval/score
 * Scores extracted events against gold events by SPEC section 5, so analysts can measure Rasad
 * on their own coding. Same rules as the shared reference scorer: detection by maximum-weight
 * one-to-one assignment per document, then field accuracy over hits, then strict F1.
 */
import { foldName } from './fold.ts';

export interface GoldLocation {
  names?: string[];
  lat?: number;
  lon?: number;
}
export interface GoldEvent {
  event_type: string;
  sub_event_type: string[] | string | null;
  date: { start?: string | null; end?: string | null } | null;
  location: GoldLocation | null;
  actor1: string[] | null;
  actor2: string[] | null;
  fatalities: number | null;
  optional?: boolean;
  note?: string;
}
export interface GoldDocument {
  id: string;
  events?: GoldEvent[];
}
/** A predicted event as read from a result line: only the scored fields matter. */
export interface PredEvent {
  event_type: string;
  sub_event_type?: string;
  date?: { start?: string | null; end?: string | null } | null;
  location?: { text?: string; name?: string; name_ar?: string; lat?: number | null; lon?: number | null } | null;
  actor1?: { id?: string; name?: string; name_ar?: string; text?: string } | null;
  actor2?: { id?: string; name?: string; name_ar?: string; text?: string } | null;
  fatalities?: number | null;
}
export interface PredResult {
  id?: string;
  document?: { id: string };
  events?: PredEvent[];
}

type DateLike = { start?: string | null; end?: string | null } | null | undefined;
type Point = { lat?: number | null; lon?: number | null } | null | undefined;

const toDay = (d: string | null | undefined): number | null => {
  if (d == null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(d).slice(0, 10));
  return m ? Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000) : null;
};
const dayRange = (date: DateLike): [number, number] | null => {
  if (!date) return null;
  const s = toDay(date.start);
  const e = toDay(date.end ?? date.start);
  if (s == null && e == null) return null;
  return [(s ?? e)!, (e ?? s)!];
};

/** Great-circle distance in km. */
export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const R = 6371;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}
const hasCoords = (l: Point): l is { lat: number; lon: number } =>
  l != null && Number.isFinite(l.lat) && Number.isFinite(l.lon);
const within = (g: Point, p: Point, km: number) => hasCoords(g) && hasCoords(p) && haversineKm(g, p) <= km;

function nameMatch(goldLoc: GoldLocation | null, predLoc: PredEvent['location']): boolean {
  if (!goldLoc?.names || !predLoc) return false;
  const goldNames = new Set(goldLoc.names.map(foldName).filter(Boolean));
  return [predLoc.text, predLoc.name, predLoc.name_ar].map(foldName).some((n) => n && goldNames.has(n));
}
function datesOverlap(goldDate: DateLike, predDate: DateLike, slackDays: number): boolean {
  const g = dayRange(goldDate);
  if (!g) return true;
  const p = dayRange(predDate);
  if (!p) return false;
  return p[0] <= g[1] + slackDays && p[1] >= g[0] - slackDays;
}
function dateExact(goldDate: DateLike, predDate: DateLike): boolean {
  const g = dayRange(goldDate);
  if (!g) return true;
  const p = dayRange(predDate);
  return !!p && p[0] === g[0] && p[1] === g[1];
}
function actorMatch(goldAliases: string[] | null, predActor: PredEvent['actor1']): boolean {
  if (goldAliases == null) return true;
  if (!predActor) return false;
  const gold = new Set(goldAliases.map(foldName));
  return [predActor.id, predActor.name, predActor.name_ar, predActor.text].map(foldName).some((n) => n && gold.has(n));
}
const subMatch = (g: GoldEvent, p: PredEvent) => {
  const ok = Array.isArray(g.sub_event_type) ? g.sub_event_type : [g.sub_event_type];
  return g.sub_event_type == null || ok.includes(p.sub_event_type as string);
};
const fatalMatch = (g: GoldEvent, p: PredEvent) =>
  g.fatalities == null ? p.fatalities == null || p.fatalities === 0 : p.fatalities === g.fatalities;

/** Detection (SPEC 5.1): same type, dates within a day, place within 30 km or named alike. */
export const compatible = (g: GoldEvent, p: PredEvent): boolean =>
  g.event_type === p.event_type &&
  datesOverlap(g.date, p.date, 1) &&
  (g.location == null || within(g.location, p.location, 30) || nameMatch(g.location, p.location));

/** Fields scored on matched pairs (SPEC 5.2). */
export const FIELDS: Record<string, (g: GoldEvent, p: PredEvent) => boolean> = {
  sub_event_type: subMatch,
  date_exact: (g, p) => dateExact(g.date, p.date),
  location_10km: (g, p) => g.location == null || within(g.location, p.location, 10),
  actor1: (g, p) => actorMatch(g.actor1, p.actor1),
  actor2: (g, p) => actorMatch(g.actor2, p.actor2),
  fatalities: fatalMatch,
};
const fieldCount = (g: GoldEvent, p: PredEvent) => Object.values(FIELDS).filter((f) => f(g, p)).length;

/** Maximum-weight assignment (Hungarian algorithm on cost = −weight); returns [row, col] pairs. */
export function assign(weights: number[][]): Array<[number, number]> {
  const n = weights.length;
  const m = n ? weights[0].length : 0;
  const size = Math.max(n, m);
  if (!size) return [];
  const cost = Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => -((weights[i] ?? [])[j] ?? 0)));
  const u = new Array(size + 1).fill(0);
  const v = new Array(size + 1).fill(0);
  const p = new Array(size + 1).fill(0);
  const way = new Array(size + 1).fill(0);
  for (let i = 1; i <= size; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array(size + 1).fill(Infinity);
    const used = new Array(size + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= size; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= size; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  const pairs: Array<[number, number]> = [];
  for (let j = 1; j <= size; j++) if (p[j] && p[j] <= n && j <= m) pairs.push([p[j] - 1, j - 1]);
  return pairs;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}
export interface Miss {
  id: string;
  kind: string;
  gold?: GoldEvent;
  pred?: PredEvent;
}
export interface ScoreReport {
  documents: number;
  documents_without_prediction: number;
  gold_events: number;
  predicted_events: number;
  matched: number;
  detection: PRF;
  fields: Record<string, number>;
  strict: PRF;
  by_type: Record<string, { tp: number; fp: number; fn: number } & PRF>;
  misses: Miss[];
}

const prf = (t: number, falsePos: number, falseNeg: number): PRF => {
  const p = t + falsePos ? t / (t + falsePos) : 0;
  const r = t + falseNeg ? t / (t + falseNeg) : 0;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

/**
 * Scores predictions against gold. Per document: among compatible pairs, first as many required
 * gold events as possible, then as many optional ones, then the most correct fields.
 */
export function score(goldDocs: GoldDocument[], predResults: PredResult[]): ScoreReport {
  const gold = new Map(goldDocs.map((d) => [d.id, d.events ?? []]));
  const pred = new Map<string, PredEvent[]>();
  for (const r of predResults) {
    const id = r.document?.id ?? r.id;
    if (id != null && gold.has(id)) pred.set(id, r.events ?? []);
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let strictTp = 0;
  let missingDocs = 0;
  const fieldHits: Record<string, number> = Object.fromEntries(Object.keys(FIELDS).map((k) => [k, 0]));
  const byType: Record<string, { tp: number; fp: number; fn: number }> = {};
  const bump = (t: string, k: 'tp' | 'fp' | 'fn') => {
    byType[t] ??= { tp: 0, fp: 0, fn: 0 };
    byType[t][k] += 1;
  };
  const misses: Miss[] = [];
  for (const [id, goldEvents] of gold) {
    if (!pred.has(id)) missingDocs += 1;
    const predEvents = pred.get(id) ?? [];
    const weights = goldEvents.map((g) =>
      predEvents.map((p) => (compatible(g, p) ? (g.optional ? 1e3 : 1e6) + fieldCount(g, p) : 0)),
    );
    const pairs = assign(weights).filter(([gi, pi]) => weights[gi][pi] > 0);
    const gUsed = new Set(pairs.map(([gi]) => gi));
    const pUsed = new Set(pairs.map(([, pi]) => pi));
    for (const [gi, pi] of pairs) {
      const g = goldEvents[gi];
      const p = predEvents[pi];
      if (g.optional) continue; // neither a hit nor a false alarm
      tp += 1;
      bump(g.event_type, 'tp');
      let all = true;
      for (const [k, f] of Object.entries(FIELDS)) {
        if (f(g, p)) fieldHits[k] += 1;
        else {
          all = false;
          misses.push({ id, kind: `wrong ${k}`, gold: g, pred: p });
        }
      }
      if (all) strictTp += 1;
    }
    goldEvents.forEach((g, gi) => {
      if (!gUsed.has(gi) && !g.optional) {
        fn += 1;
        bump(g.event_type, 'fn');
        misses.push({ id, kind: 'missed', gold: g });
      }
    });
    predEvents.forEach((p, pi) => {
      if (!pUsed.has(pi)) {
        fp += 1;
        bump(p.event_type, 'fp');
        misses.push({ id, kind: 'false alarm', pred: p });
      }
    });
  }
  return {
    documents: gold.size,
    documents_without_prediction: missingDocs,
    gold_events: tp + fn,
    predicted_events: tp + fp,
    matched: tp,
    detection: prf(tp, fp, fn),
    fields: Object.fromEntries(Object.entries(fieldHits).map(([k, v]) => [k, tp ? v / tp : 0])),
    strict: prf(strictTp, fp + (tp - strictTp), fn + (tp - strictTp)),
    by_type: Object.fromEntries(Object.entries(byType).map(([t, c]) => [t, { ...c, ...prf(c.tp, c.fp, c.fn) }])),
    misses,
  };
}

/** The report as text, in the reference scorer's layout (so outputs can be compared line by line). */
export function formatReport(report: ScoreReport, verbose = false): string {
  const pct = (x: number) => (100 * x).toFixed(1).padStart(5) + '%';
  const { detection, strict, fields } = report;
  const lines = [
    `documents ${report.documents} (without prediction: ${report.documents_without_prediction}); gold events ${report.gold_events}; predicted ${report.predicted_events}; matched ${report.matched}`,
    `detection  P ${pct(detection.precision)}  R ${pct(detection.recall)}  F1 ${pct(detection.f1)}`,
    `strict     P ${pct(strict.precision)}  R ${pct(strict.recall)}  F1 ${pct(strict.f1)}`,
    'fields on matched: ' + Object.entries(fields).map(([k, v]) => `${k} ${pct(v)}`).join('  '),
  ];
  for (const [t, c] of Object.entries(report.by_type).sort()) {
    lines.push(`  ${t.padEnd(28)} tp ${String(c.tp).padStart(3)} fp ${String(c.fp).padStart(3)} fn ${String(c.fn).padStart(3)}  F1 ${pct(c.f1)}`);
  }
  if (verbose) {
    const brief = (e: any, isGold: boolean) =>
      e &&
      JSON.stringify({
        t: e.event_type,
        s: e.sub_event_type,
        d: e.date && [e.date.start, e.date.end],
        l: e.location && (e.location.names?.[0] ?? e.location.name ?? e.location.text),
        a1: isGold ? e.actor1?.[0] : e.actor1?.id,
        a2: isGold ? e.actor2?.[0] : e.actor2?.id,
        f: e.fatalities,
      });
    for (const m of report.misses) lines.push(`${m.id}\t${m.kind}\tgold=${brief(m.gold, true) ?? '-'}\tpred=${brief(m.pred, false) ?? '-'}`);
  }
  return lines.join('\n');
}
