import { describe, expect, it } from 'vitest';
import { addDays, cellOf, compatible, foldKey, haversineKm, leaderGroups, neighbourCells, type ReportLite } from './cluster.ts';

const base: ReportLite = {
  key: 'a',
  documentId: 1,
  docClusterId: 1,
  type: 'Battles',
  start: '2022-01-23',
  end: '2022-01-23',
  lat: 36.5,
  lon: 40.75,
  locKey: 'حسكه',
  actor1: 'asayish',
  actor2: 'isis',
  anchor: 'اشتباكات عنيفه',
};
const r = (over: Partial<ReportLite>): ReportLite => ({ ...base, key: 'b', documentId: 2, docClusterId: 2, anchor: 'مواجهات', ...over });

describe('compatible', () => {
  it.each<[string, Partial<ReportLite>, boolean]>([
    ['same type, day and place', {}, true],
    ['dates one day apart', { start: '2022-01-24', end: '2022-01-24' }, true],
    ['dates two days apart', { start: '2022-01-25', end: '2022-01-25' }, false],
    ['a range covering the day', { start: '2022-01-20', end: '2022-01-31' }, true],
    ['another type', { type: 'Riots' }, false],
    ['a town 4 km away under another name', { lat: 36.47, lon: 40.72, locKey: 'غويران' }, true],
    ['a town 60 km away', { lat: 37.05, lon: 40.75, locKey: 'قامشلي' }, false],
    ['the same name without coordinates', { lat: null, lon: null }, true],
    ['a contradicting actor1', { actor1: 'syrian-army' }, false],
    ['an unknown actor2', { actor2: null }, true],
    ['no date', { start: null, end: null }, false],
    ['a month-long range (too vague)', { start: '2022-01-01', end: '2022-03-01' }, false],
    ['the same document', { documentId: 1 }, false],
  ])('%s → %s', (_name, over, expected) => {
    expect(compatible(base, r(over))).toBe(expected);
    expect(compatible(r(over), base)).toBe(expected); // symmetric
  });

  it('links copies (same document cluster, type and anchor) whatever their fields', () => {
    const copy = r({ docClusterId: 1, anchor: base.anchor, start: '2022-02-10', end: '2022-02-10', lat: 10, lon: 10, locKey: 'x' });
    expect(compatible(base, copy)).toBe(true);
  });

  it('matches events without a place only through a shared actor', () => {
    const a = { ...base, lat: null, lon: null, locKey: '' };
    expect(compatible(a, r({ lat: null, lon: null, locKey: '' }))).toBe(true);
    expect(compatible({ ...a, actor1: null, actor2: null }, r({ lat: null, lon: null, locKey: '', actor1: null, actor2: null }))).toBe(false);
    expect(compatible(a, r({}))).toBe(false);
  });
});

describe('leaderGroups', () => {
  const reports: ReportLite[] = [
    { ...base, key: 'k1', documentId: 1 },
    r({ key: 'k2', documentId: 2 }),
    r({ key: 'k3', documentId: 3, start: '2022-01-24', end: '2022-01-24' }),
    // the same document reports a second, separate clash nearby: it must stay apart from k1
    { ...base, key: 'k4', documentId: 1, lat: 36.52, lon: 40.76, anchor: 'اشتباك ثان' },
    r({ key: 'k5', documentId: 4, type: 'Protests' }),
  ];

  it('groups compatible reports and keeps one document’s events apart', () => {
    const groups = leaderGroups(reports).map((g) => g.map((x) => x.key));
    expect(groups).toEqual([['k1', 'k2', 'k3'], ['k4'], ['k5']]);
  });

  it('does not depend on input order', () => {
    const expected = JSON.stringify(leaderGroups(reports));
    const perms = [[4, 3, 2, 1, 0], [2, 0, 4, 1, 3], [3, 1, 0, 4, 2]];
    for (const p of perms) expect(JSON.stringify(leaderGroups(p.map((i) => reports[i])))).toBe(expected);
  });

  it('does not chain daily events in one town into one long event', () => {
    // a clash in the same town every day for a month, each day reported by one outlet
    const daily = Array.from({ length: 30 }, (_, d) =>
      r({ key: `d${String((d * 7919) % 97).padStart(3, '0')}`, documentId: 100 + d, docClusterId: 100 + d, start: addDays('2022-03-01', d), end: addDays('2022-03-01', d) }),
    );
    const groups = leaderGroups(daily);
    expect(groups.flat()).toHaveLength(30);
    for (const g of groups) {
      const days = g.map((x) => x.start!).sort();
      // every member is within a day of its leader: a group spans at most three days
      expect(Date.parse(days[days.length - 1]) - Date.parse(days[0])).toBeLessThanOrEqual(2 * 86_400_000);
    }
  });
});

describe('helpers', () => {
  it.each([
    ['2022-01-31', 1, '2022-02-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2022-01-01', -32, '2021-11-30'],
  ])('addDays(%s, %i) = %s', (d, n, e) => expect(addDays(d, n)).toBe(e));

  it.each([
    ['بالحسكة', 'بالحسكه'],
    ['الحسكة', 'حسكه'],
    ['ريف إدلب الجنوبي', 'ريف ادلب جنوبي'],
    ['', ''],
  ])('foldKey(%s) = %s', (s, e) => expect(foldKey(s)).toBe(e));

  it('measures great-circle distances', () => {
    expect(haversineKm(36.5024, 40.7477, 36.4717, 40.7269)).toBeCloseTo(3.9, 0);
    expect(haversineKm(33.5138, 36.2765, 36.2021, 37.1343)).toBeGreaterThan(300);
  });

  it('puts points within 25 km into neighbouring cells', () => {
    const c = cellOf(36.49, 40.99);
    expect(neighbourCells(36.4, 41.2)).toContain(c);
    expect(cellOf(null, 40)).toBe(-1);
    expect(neighbourCells(null, null)).toEqual([-1]);
  });
});
