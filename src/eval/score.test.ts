import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { score, type GoldDocument, type PredResult } from './score.ts';
import { foldName } from './fold.ts';

const loc = (names: string[], lat: number, lon: number) => ({ names, lat, lon });
const g = (over: Record<string, unknown> = {}) => ({
  event_type: 'Battles',
  sub_event_type: ['Armed clash'],
  date: { start: '2022-01-20', end: '2022-01-20' },
  location: loc(['الحسكة', 'Al-Hasakah'], 36.5024, 40.7477),
  actor1: ['isis', 'داعش'],
  actor2: null,
  fatalities: null,
  optional: false,
  ...over,
});
const p = (over: Record<string, unknown> = {}) => ({
  event_type: 'Battles',
  sub_event_type: 'Armed clash',
  date: { start: '2022-01-20', end: '2022-01-20' },
  location: { text: 'الحسكة', name: 'Al-Hasakah', name_ar: 'الحسكة', lat: 36.5, lon: 40.75 },
  actor1: { id: 'isis', name: 'Islamic State', name_ar: 'داعش', text: 'داعش' },
  actor2: null,
  fatalities: null,
  ...over,
});
const run = (gold: object[], pred: object[]) =>
  score([{ id: 'd', events: gold }] as GoldDocument[], [{ document: { id: 'd' }, events: pred }] as PredResult[]);

describe('[eval/fold]', () => {
  it.each([
    ['بالحسكة', 'حسكه'],
    ['Al-Hasakah', 'hasakah'],
    ['الأمم المتحدة', 'امم متحده'],
    ['el Arish', 'arish'],
    ['قوات سوريا الديمقراطية', 'قوات سوريا ديمقراطيه'],
  ])('%s → %s', (a, b) => expect(foldName(a)).toBe(b));
});

describe('[eval/score] detection and fields (SPEC 5)', () => {
  it.each([
    ['exact hit', [g()], [p()], { tp: 1, fp: 0, fn: 0, strict: 1 }],
    ['wrong type is a miss and a false alarm', [g()], [p({ event_type: 'Riots' })], { tp: 0, fp: 1, fn: 1, strict: 0 }],
    ['date within one day still detected', [g()], [p({ date: { start: '2022-01-21', end: '2022-01-21' } })], { tp: 1, fp: 0, fn: 0, strict: 0 }],
    ['date two days off is not', [g()], [p({ date: { start: '2022-01-22', end: '2022-01-22' } })], { tp: 0, fp: 1, fn: 1, strict: 0 }],
    ['place 40 km away but same name', [g()], [p({ location: { text: 'الحسكة', lat: 36.8, lon: 40.9 } })], { tp: 1, fp: 0, fn: 0, strict: 0 }],
    ['place 40 km away, other name', [g()], [p({ location: { text: 'تل تمر', lat: 36.8, lon: 40.9 } })], { tp: 0, fp: 1, fn: 1, strict: 0 }],
    ['optional gold absorbs a prediction', [g({ optional: true })], [p()], { tp: 0, fp: 0, fn: 0, strict: 0 }],
    ['null gold fatalities accepts 0', [g()], [p({ fatalities: 0 })], { tp: 1, fp: 0, fn: 0, strict: 1 }],
    ['wrong actor1 breaks strict only', [g()], [p({ actor1: { id: 'sdf', name: 'SDF', name_ar: 'قسد', text: 'قسد' } })], { tp: 1, fp: 0, fn: 0, strict: 0 }],
  ])('%s', (_name, gold, pred, want) => {
    const r = run(gold, pred);
    expect({ tp: r.matched, fp: r.predicted_events - r.matched, fn: r.gold_events - r.matched }).toEqual({ tp: want.tp, fp: want.fp, fn: want.fn });
    const strictTp = Math.round(r.strict.recall * r.gold_events);
    expect(strictTp).toBe(want.strict);
  });

  it('pairs one-to-one preferring required events', () => {
    const r = run([g({ optional: true }), g()], [p()]);
    expect(r.matched).toBe(1);
    expect(r.detection.f1).toBe(1);
  });
});

// The shared reference scorer sits beside the repository in the development setup.
const reference = path.resolve(import.meta.dirname, '../../../shared/tools/score.mjs');
describe.runIf(existsSync(reference))('[eval/score] same figures as the reference scorer', () => {
  it('on the bundled examples with perturbed predictions', async () => {
    const ref = await import(reference);
    const gold = readFileSync(path.resolve(import.meta.dirname, '../../examples/gold.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // predictions made from the gold itself, with some fields broken, exercise every rule
    const preds = gold.map((d: GoldDocument, i: number) => ({
      document: { id: d.id },
      events: (d.events ?? []).map((e, k) => ({
        event_type: k % 4 === 3 ? 'Riots' : e.event_type,
        sub_event_type: (Array.isArray(e.sub_event_type) ? e.sub_event_type[(i + k) % e.sub_event_type.length] : e.sub_event_type) ?? undefined,
        date: e.date,
        location: e.location ? { text: e.location.names?.[0], lat: (e.location.lat ?? 0) + (k % 2) * 0.2, lon: e.location.lon } : null,
        actor1: e.actor1 ? { id: e.actor1[k % e.actor1.length] } : null,
        actor2: null,
        fatalities: e.fatalities,
      })),
    }));
    const { misses: _a, ...mine } = score(gold, preds as PredResult[]);
    const { misses: _b, ...theirs } = ref.score(gold, preds);
    expect(mine).toEqual(theirs);
  });
});
