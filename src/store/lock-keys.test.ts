import { describe, expect, it } from 'vitest';
import { compatible, type ReportLite } from '../merge/cluster.ts';
import { LockSet, NeedLocks, pointKeys, regionKeys } from './lock-keys.ts';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (n: number) => new Date(Date.parse('2023-12-20T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);

/** Random reports packed in a small area and a few weeks, so that many pairs are compatible. */
function randomReports(n: number, seed: number): ReportLite[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const start = Math.floor(r() * 40);
    const span = r() < 0.6 ? 0 : r() < 0.7 ? 1 + Math.floor(r() * 2) : Math.floor(r() * 40);
    const located = r() < 0.85;
    const dated = r() < 0.9;
    return {
      key: `k${i}`,
      documentId: i,
      docClusterId: Math.floor(r() * 5),
      type: pick(['Battles', 'Protests']),
      start: dated ? day(start) : null,
      end: dated ? day(start + span) : null,
      // around a cell corner (0.5° grid at 36.0/41.0), so neighbours often sit in other cells
      lat: located && r() < 0.8 ? 36 + (r() - 0.5) * 0.6 : null,
      lon: located ? 41 + (r() - 0.5) * 0.6 : null,
      locKey: located && r() < 0.5 ? pick(['حسكه', 'قامشلي', 'دير زور']) : '',
      actor1: r() < 0.5 ? pick(['a', 'b']) : null,
      actor2: null,
      actorIds: r() < 0.3 ? ['x'] : [],
      anchor: r() < 0.5 ? pick(['قصف', 'اشتباكات', 'مظاهره']) : '',
    };
  });
}

describe('lock keys', () => {
  it('gives every pair of reports that can merge a shared key, each way (the candidate query of one finds the other)', () => {
    let pairs = 0;
    for (const seed of [1, 2, 3]) {
      const rs = randomReports(250, seed);
      const point = new Map(rs.map((x) => [x.key, new Set(pointKeys(x))]));
      const region = new Map(rs.map((x) => [x.key, regionKeys(x)]));
      for (const a of rs) {
        for (const b of rs) {
          if (a === b || !compatible(a, b)) continue;
          pairs++;
          expect(region.get(a.key)!.some((k) => point.get(b.key)!.has(k)), `${JSON.stringify(a)} → ${JSON.stringify(b)}`).toBe(true);
        }
      }
    }
    expect(pairs).toBeGreaterThan(1000);
  });

  it('keeps unrelated reports apart: other type, other place, other month', () => {
    const base: ReportLite = { key: 'a', documentId: 1, docClusterId: 1, type: 'Battles', start: '2024-01-10', end: '2024-01-10', lat: 36.5, lon: 40.7, locKey: 'حسكه', actor1: null, actor2: null, anchor: 'اشتباكات' };
    const region = new Set(regionKeys(base));
    const apart = (x: Partial<ReportLite>) => pointKeys({ ...base, key: 'b', documentId: 2, docClusterId: 2, ...x }).some((k) => region.has(k));
    expect(apart({})).toBe(true);
    expect(apart({ type: 'Protests' })).toBe(false);
    expect(apart({ lat: 33.5, lon: 36.3, locKey: 'دمشق' })).toBe(false);
    expect(apart({ start: '2024-03-10', end: '2024-03-10' })).toBe(false);
  });

  it('asks for the keys a transaction does not hold, except those of clusters it created', () => {
    const locks = new LockSet(new Set(['c:Battles:1:0:1']), true);
    expect(() => locks.need(['c:Battles:1:0:1'])).not.toThrow();
    expect(() => locks.need(['c:Battles:1:0:1', 'd:7', 'a:Battles:قصف:7'])).toThrow(NeedLocks);
    locks.newClusters.add(7);
    expect(() => locks.need(['d:7', 'a:Battles:قصف:7'])).not.toThrow();
    expect(() => new LockSet(new Set(), false).need(['x'])).not.toThrow();
  });
});
