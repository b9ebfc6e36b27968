import { describe, expect, it } from 'vitest';
import { getModalityMatcher, getTriggerMatcher, loadTriggerRows } from './triggers.ts';
import { EVENT_TYPES } from '../types.ts';
import { tokenize } from '../text/tokenize.ts';

describe('[events/triggers] the lexicon', () => {
  const rows = loadTriggerRows();
  it('parses, with unique kebab-case reasons', () => {
    const reasons = rows.map((r) => r.reason);
    expect(new Set(reasons).size).toBe(reasons.length);
    for (const r of reasons) expect(r).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
  it('covers every event type of SPEC section 3', () => {
    const types = new Set(rows.map((r) => r.eventType));
    for (const t of Object.keys(EVENT_TYPES)) expect(types.has(t as keyof typeof EVENT_TYPES), t).toBe(true);
  });
  it.each([
    ['والغارات', 'air-raid-noun'],
    ['بقصف', 'bombardment-generic'],
    ['بسيارة مفخخة', 'ied-and-mines'],
    ['حظراً كلياً', 'curfew'],
    ['حظر التجوال', 'curfew'],
  ])('matches %s with its proclitics and diacritics', (text, reason) => {
    const [m] = getTriggerMatcher().findAll(tokenize(text));
    expect(m.values.map((v) => v.reason)).toContain(reason);
  });
  it('knows its modality cues', () => {
    const found = getModalityMatcher().findAll(tokenize('من المتوقع أن'));
    expect(found[0].values[0].kind).toBe('future');
  });
});
