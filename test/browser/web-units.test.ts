/**
 * @module test/browser/web-units.test
 * [web] pure parts of the dashboard (web/src): highlight segments, grid clustering, URL state, timeline bins.
 */
import { describe, expect, it } from 'vitest';
import { segments } from '../../web/src/highlight.ts';
import { dominant, gridCluster } from '../../web/src/cluster.ts';
import { apiQuery, inDateRange, parseState, stateToSearch } from '../../web/src/state.ts';
import { addDays, binByDay, binSize, daysBetween } from '../../web/src/timeline.ts';
import type { ApiEvent } from '../../web/src/api.ts';

describe('[web/highlight] segments', () => {
  const text = 'قتل ثلاثة مدنيين في قصف مدفعي';
  it.each([
    ['no spans', [], [[0, text.length, false, []]]],
    ['one evidence span', [{ start: 4, end: 16, kind: 'evidence' as const }], [[0, 4, false, []], [4, 16, true, []], [16, text.length, false, []]]],
    [
      'a field span inside evidence',
      [
        { start: 0, end: 16, kind: 'evidence' as const },
        { start: 4, end: 9, kind: 'field' as const, field: 'fatalities' },
      ],
      [[0, 4, true, []], [4, 9, true, ['fatalities']], [9, 16, true, []], [16, text.length, false, []]],
    ],
    ['spans outside the text are clipped', [{ start: -5, end: 3, kind: 'evidence' as const }, { start: 500, end: 600, kind: 'evidence' as const }], [[0, 3, true, []], [3, text.length, false, []]]],
    ['empty spans are dropped', [{ start: 5, end: 5, kind: 'evidence' as const }], [[0, text.length, false, []]]],
  ])('%s', (_n, spans, expected) => {
    const got = segments(text.length, spans).map((s) => [s.start, s.end, s.evidence, s.fields]);
    expect(got).toEqual(expected);
  });

  it('says where each field span ends, for its label', () => {
    const segs = segments(text.length, [
      { start: 0, end: 9, kind: 'field', field: 'fatalities' },
      { start: 4, end: 16, kind: 'field', field: 'actor2' },
    ]);
    expect(segs.map((s) => [s.start, s.end, s.endsFields])).toEqual([
      [0, 4, []],
      [4, 9, ['fatalities']],
      [9, 16, ['actor2']],
      [16, text.length, []],
    ]);
  });
});

describe('[web/cluster] gridCluster', () => {
  it.each([
    ['two close points merge', [[1, 1], [5, 5]], 40, [2]],
    ['points in different cells stay apart', [[1, 1], [100, 100]], 40, [1, 1]],
    ['non-finite points are skipped', [[1, 1], [NaN, 3]], 40, [1]],
  ])('%s', (_n, pts, cell, sizes) => {
    const got = gridCluster(pts.map(([x, y], i) => ({ x, y, item: i })), cell).map((c) => c.items.length);
    expect(got).toEqual(sizes);
  });

  it('places a cluster at the mean and names its dominant type', () => {
    const [c] = gridCluster([{ x: 0, y: 0, item: 'Battles' }, { x: 10, y: 20, item: 'Protests' }, { x: 2, y: 4, item: 'Battles' }], 50);
    expect([c.x, c.y]).toEqual([4, 8]);
    expect(dominant(c.items, (x) => x)).toBe('Battles');
  });
});

describe('[web/state] URL state', () => {
  it.each([
    ['?types=Battles,Protests&admin1=Homs&lang=en', { types: ['Battles', 'Protests'], admin1: 'Homs', lang: 'en' }],
    ['?from=2022-01-01&to=bad&min_fatalities=x&review=weird', { from: '2022-01-01', to: '', min_fatalities: '', review: '' }],
    [`?q=${encodeURIComponent('حظر تجوال')}&event=abc`, { q: 'حظر تجوال', event: 'abc', lang: 'ar' }],
  ])('parses %s', (search, expected) => {
    expect(parseState(search)).toMatchObject(expected);
  });

  it('round-trips through the query string and leaves dates out of the API query', () => {
    const s = parseState('?types=Riots&actor=%D8%AF%D8%A7%D8%B9%D8%B4&from=2022-01-01&to=2022-01-31&review=any');
    expect(parseState(stateToSearch(s))).toEqual(s);
    expect(Object.fromEntries(apiQuery(s))).toEqual({ types: 'Riots', actor: 'داعش', review: 'any' });
  });

  it.each([
    ['2022-01-10', '2022-01-12', '2022-01-11', '', true],
    ['2022-01-10', '2022-01-12', '2022-01-13', '', false],
    ['2022-01-10', '2022-01-10', '', '2022-01-09', false],
    [null, null, '2022-01-01', '', false],
    [null, null, '', '', true],
  ])('event %s..%s in [%s, %s] → %s', (start, end, from, to, expected) => {
    expect(inDateRange(start, end, from, to)).toBe(expected);
  });
});

describe('[web/timeline] bins', () => {
  const ev = (start: string | null, type: string) => ({ date: { start, end: start, precision: 'day', text: null }, event_type: type }) as unknown as ApiEvent;
  it('counts events per day and type over the whole period, empty days included', () => {
    const b = binByDay([ev('2022-01-30', 'Battles'), ev('2022-02-01', 'Battles'), ev('2022-02-01', 'Protests'), ev(null, 'Riots')])!;
    expect(b.first).toBe('2022-01-30');
    expect(b.bins.map((x) => [x.day, x.total])).toEqual([
      ['2022-01-30', 1],
      ['2022-01-31', 0],
      ['2022-02-01', 2],
    ]);
    expect(Object.fromEntries(b.bins[2].byType)).toEqual({ Battles: 1, Protests: 1 });
  });
  it('bins a long period by week, each bin naming its first and last day', () => {
    const b = binByDay([ev('2020-01-01', 'Battles'), ev('2020-01-09', 'Riots'), ev('2021-01-01', 'Battles')])!;
    expect(b.size).toBe(7);
    expect([b.bins[0].day, b.bins[0].last, b.bins[0].total]).toEqual(['2020-01-01', '2020-01-07', 1]);
    expect([b.bins[1].day, b.bins[1].total]).toEqual(['2020-01-08', 1]);
    expect(b.bins.reduce((n, x) => n + x.total, 0)).toBe(3);
  });
  it.each([
    [1, 1],
    [180, 1],
    [181, 7],
    [1500, 7],
    [1501, 30],
  ])('%i days are drawn %i days per bar', (days, size) => {
    expect(binSize(days)).toBe(size);
  });
  it('widens a short period to the minimum, centred', () => {
    const b = binByDay([ev('2022-01-10', 'Battles')], 5)!;
    expect(b.bins.map((x) => x.day)).toEqual(['2022-01-08', '2022-01-09', '2022-01-10', '2022-01-11', '2022-01-12']);
  });
  it('has no bins without dated events', () => {
    expect(binByDay([ev(null, 'Riots')])).toBeNull();
  });
  it.each([
    ['2022-02-28', 1, '2022-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2022-01-01', -1, '2021-12-31'],
  ])('%s + %i day = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
    expect(daysBetween(d, expected)).toBe(n);
  });
});
