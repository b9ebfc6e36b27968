/**
 * @module store/lock-keys
 * Lock keys for concurrent writers (PostgreSQL advisory locks; SQLite serializes writers and
 * needs none). Re-clustering a report reads and rewrites its neighbourhood (src/merge/
 * cluster.ts, src/store/sql-store.ts `recluster`), so two transactions must not run at once
 * when one could read or write what the other writes. Keys are fine-grained, so that
 * unrelated documents (other places, other weeks, other event types) save in parallel:
 *
 * - a report's *point keys* name the buckets a candidate query could find it in:
 *   `c:type:cell:long:bucket` (its grid cell, short/long span, a bucket of its start date:
 *   8 days for short reports, 64 for long ones), `l:type:place:long:bucket` when it has a
 *   place name, `a:type:anchor:docCluster` when it has an anchor (copy rule);
 * - a candidate query's *region keys* are every such bucket its conditions cover: the
 *   neighbouring cells (or the place name) × every bucket of its start-date window, and the
 *   anchor key.
 *
 * Why this is sufficient: a transaction holds the region keys of every candidate query it
 * runs and the point keys of every report it reads or writes (new ones included). If a
 * report R written by one transaction could be seen by another — returned by one of its
 * candidate queries, or read by key, leader or event — both hold a key of R: the query's
 * region contains R's bucket, and a report read by key is read, so its point keys are held.
 * In particular two reports that can merge share a key: each one's candidate query returns
 * the other (same type, date windows overlapping within the slack, neighbouring cells or the
 * same place name, or the same anchor in the same document cluster), which the unit test
 * checks on random pairs. Documents add `band:i:value` (SimHash bands: near-duplicates share
 * one) and `d:cluster` for the document clusters read or merged.
 *
 * A transaction cannot know its whole neighbourhood before reading it, so the store locks
 * the keys it can predict, reads, and checks that every key it turned out to need is held;
 * when one is missing it rolls back and starts again holding it too (no lock is ever taken
 * late, out of order: all are taken at once, sorted, at the start — no deadlocks).
 */
import { addDays, cellOf, datable, dayNumber, neighbourCells, DATE_SLACK_DAYS, MAX_SPAN_DAYS, SHORT_SPAN_DAYS, type ReportLite } from '../merge/cluster.ts';

/** Days per date bucket for short (≤ SHORT_SPAN_DAYS) and long reports. */
export const SHORT_BUCKET_DAYS = 8;
export const LONG_BUCKET_DAYS = 64;

/** 1 when a report's stored `long_span` flag is set (its range is longer than SHORT_SPAN_DAYS). */
export function longSpan(r: Pick<ReportLite, 'start' | 'end'>): 0 | 1 {
  return r.start && r.end && dayNumber(r.end) - dayNumber(r.start) > SHORT_SPAN_DAYS ? 1 : 0;
}

function bucket(date: string, long: 0 | 1): number {
  return Math.floor(dayNumber(date) / (long ? LONG_BUCKET_DAYS : SHORT_BUCKET_DAYS));
}

function buckets(from: string, to: string, long: 0 | 1): number[] {
  const out: number[] = [];
  for (let b = bucket(from, long), last = bucket(to, long); b <= last; b++) out.push(b);
  return out;
}

/** The keys under which a candidate query can find this report (see the module comment). */
export function pointKeys(r: ReportLite): string[] {
  const out: string[] = [];
  if (r.start) {
    const long = longSpan(r);
    const b = bucket(r.start, long);
    out.push(`c:${r.type}:${cellOf(r.lat, r.lon)}:${long}:${b}`);
    if (r.locKey !== '') out.push(`l:${r.type}:${r.locKey}:${long}:${b}`);
  }
  if (r.anchor !== '') out.push(`a:${r.type}:${r.anchor}:${r.docClusterId}`);
  // found by no query (undated, no anchor): still a key, for reads by key or event
  if (!out.length) out.push(`i:${r.type}`);
  return out;
}

/** The keys covering the candidate query for this report (mirrors SqlStore.candidates). */
export function regionKeys(r: ReportLite): string[] {
  const out: string[] = [];
  if (datable(r)) {
    const lastStart = addDays(r.end!, DATE_SLACK_DAYS);
    for (const long of [0, 1] as const) {
      const firstStart = addDays(r.start!, -DATE_SLACK_DAYS - (long ? MAX_SPAN_DAYS : SHORT_SPAN_DAYS));
      for (const b of buckets(firstStart, lastStart, long)) {
        for (const cell of neighbourCells(r.lat, r.lon)) out.push(`c:${r.type}:${cell}:${long}:${b}`);
        if (r.locKey !== '') out.push(`l:${r.type}:${r.locKey}:${long}:${b}`);
      }
    }
  }
  if (r.anchor !== '') out.push(`a:${r.type}:${r.anchor}:${r.docClusterId}`);
  return out;
}

/** Thrown inside a transaction that needs locks it does not hold: retried holding them too. */
export class NeedLocks extends Error {
  constructor(readonly keys: string[]) {
    super(`transaction needs ${keys.length} more lock(s)`);
    this.name = 'NeedLocks';
  }
}

/** The keys a transaction holds, and the check that it holds what it needs. */
export class LockSet {
  /**
   * Document clusters created in this transaction (a new document's own id): no other
   * transaction can name them before it commits, so their keys need no lock.
   */
  readonly newClusters = new Set<number>();

  constructor(
    readonly held: Set<string>,
    /** False where writers are serialized anyway (SQLite): nothing is checked. */
    readonly enforce: boolean,
  ) {}

  private exempt(key: string): boolean {
    if (!this.newClusters.size) return false;
    if (key.startsWith('d:')) return this.newClusters.has(Number(key.slice(2)));
    if (key.startsWith('a:')) return this.newClusters.has(Number(key.slice(key.lastIndexOf(':') + 1)));
    return false;
  }

  /** Throws NeedLocks with the keys of `keys` not held. */
  need(keys: Iterable<string>): void {
    if (!this.enforce) return;
    const missing: string[] = [];
    for (const k of keys) if (!this.held.has(k) && !this.exempt(k)) missing.push(k);
    if (missing.length) throw new NeedLocks([...new Set(missing)]);
  }
}
