import { describe, expect, it } from 'vitest';
import { combinedConfidence, conservativeFigure, primaryReport, reconcile, type ReportForReconcile } from './reconcile.ts';
import { FIXTURES, makeEvent } from '../store/testing/fixtures.ts';
import type { RasadEvent } from '../types.ts';

const f = FIXTURES.hasakahOther;
const clash = (over: Partial<RasadEvent>): RasadEvent => ({ ...makeEvent(f.text, f.events[1]), ...over });
const rep = (key: string, cluster: number, over: Partial<RasadEvent>): ReportForReconcile => ({ key, docClusterId: cluster, event: clash(over) });

describe('reconcile', () => {
  it('takes the lowest well-sourced toll and keeps other fields from the best report', () => {
    const out = reconcile([
      rep('a', 1, { fatalities: 12, confidence: 0.8 }),
      rep('b', 2, { fatalities: 8, confidence: 0.7 }),
      rep('c', 3, { fatalities: 3, confidence: 0.2 }), // a weak report does not set the figure
    ]);
    expect(out.fatalities).toBe(8);
    expect(out.event_type).toBe('Battles');
  });

  it.each<[string, Array<number | null>, number | null]>([
    ['no figures', [null, null], null],
    ['one figure', [null, 5], 5],
    ['an explicit zero is a figure', [0, 4], 0],
  ])('conservative figure with %s', (_n, figs, expected) => {
    expect(conservativeFigure(figs.map((x, i) => rep(`k${i}`, i, { fatalities: x })), 'fatalities')).toBe(expected);
  });

  it('prefers the most precise date', () => {
    const week = rep('a', 1, { date: { start: '2022-01-17', end: '2022-01-23', precision: 'week', text: null } });
    const day = rep('b', 2, { date: { start: '2022-01-23', end: '2022-01-23', precision: 'day', text: null } });
    expect(primaryReport([week, day]).key).toBe('b');
    expect(reconcile([week, day]).date.start).toBe('2022-01-23');
  });

  it('votes the sub-event type and actors', () => {
    const out = reconcile([
      rep('a', 1, { sub_event_type: 'Armed clash' }),
      rep('b', 2, { sub_event_type: 'Armed clash', actor2: null }),
      rep('c', 3, { sub_event_type: 'Government regains territory' }),
    ]);
    expect(out.sub_event_type).toBe('Armed clash');
    expect(out.actor2?.id).toBe('isis');
  });

  it('counts near-duplicate copies once in the confidence', () => {
    expect(combinedConfidence([rep('a', 1, { confidence: 0.5 }), rep('b', 1, { confidence: 0.5 })])).toBe(0.5);
    expect(combinedConfidence([rep('a', 1, { confidence: 0.5 }), rep('b', 2, { confidence: 0.5 })])).toBe(0.75);
  });

  it('does not depend on report order', () => {
    const rs = [rep('a', 1, { fatalities: 12 }), rep('b', 2, { fatalities: 8, sub_event_type: 'Other' }), rep('c', 3, { actor1: null })];
    expect(reconcile([...rs].reverse())).toEqual(reconcile(rs));
  });
});
