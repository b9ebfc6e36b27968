/**
 * The seed gate (core issue): the seed article, committed in examples/, scores detection F1 ≥ 0.9
 * and strict F1 ≥ 0.6 against its gold with Rasad's own scorer. The other bundled examples are
 * end-to-end tests too: every required gold event found, nothing in the sports article.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractDocument } from '../../src/pipeline.ts';
import { score, type GoldDocument } from '../../src/eval/score.ts';
import type { InputDocument } from '../../src/types.ts';

const EX = path.resolve(import.meta.dirname, '../../examples');
const readJsonl = <T>(f: string): T[] => readFileSync(path.join(EX, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const docs = readJsonl<InputDocument>('documents.jsonl');
const gold = readJsonl<GoldDocument>('gold.jsonl');
const only = (id: string) => ({ docs: docs.filter((d) => d.id === id), gold: gold.filter((g) => g.id === id) });

describe('[e2e] seed gate', () => {
  const seed = only('seed-hasakah');
  const results = seed.docs.map((d) => extractDocument(d));
  const report = score(seed.gold, results);

  it('detection F1 ≥ 0.9 and strict F1 ≥ 0.6', () => {
    expect(report.detection.f1).toBeGreaterThanOrEqual(0.9);
    expect(report.strict.f1).toBeGreaterThanOrEqual(0.6);
  });

  it('keeps no website furniture in the cleaned text', () => {
    const text = results[0].document.text;
    expect(text).not.toContain('شارك المقال على');
    expect(text).not.toContain('مقالات ذات صلة');
    expect(text.trimEnd().endsWith('باتجاه الأحياء الأكثر أماناً.')).toBe(true);
  });

  it('every evidence span points into the cleaned text', () => {
    for (const e of results[0].events) {
      expect(e.evidence.length).toBeGreaterThan(0);
      for (const s of e.evidence) expect(s.end).toBeLessThanOrEqual(results[0].document.text.length);
    }
  });

  it('codes the two curfews per town with their own dates and the Qamishli hours', () => {
    const curfews = results[0].events.filter((e) => e.sub_event_type === 'Curfew');
    const byTown = Object.fromEntries(curfews.map((e) => [e.location?.text, e]));
    expect(byTown['الحسكة'].date).toMatchObject({ start: '2022-01-24', end: '2022-01-31' });
    expect(byTown['قامشلو'].date).toMatchObject({ start: '2022-01-25', end: '2022-01-31' });
    expect(byTown['قامشلو'].hours).toEqual({ from: '18:00', to: '06:00' });
  });

  it('adds the per-side tolls of the statement (175 + 27)', () => {
    const battle = results[0].events.find((e) => e.event_type === 'Battles');
    expect(battle?.fatalities).toBe(202);
  });
});

describe('[e2e] bundled examples', () => {
  it.each(gold.filter((g) => g.id !== 'seed-hasakah').map((g) => [g.id]))('%s: every required gold event is detected', (id) => {
    const ex = only(id);
    const report = score(ex.gold, ex.docs.map((d) => extractDocument(d)));
    expect(report.gold_events - report.matched).toBe(0);
  });

  it('finds no event in the football report', () => {
    const r = extractDocument(docs.find((d) => d.id === 'football-derby')!);
    expect(r.events).toEqual([]);
    expect(r.warnings?.[0]).toMatch(/relevance gate/);
  });
});
