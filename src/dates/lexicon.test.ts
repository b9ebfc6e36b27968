/**
 * @module dates/lexicon.test
 * Checks of the real date lexicons: they load, every calendar month has a name in every
 * variant, weekdays and ordinal days are complete, and no normalized name means two things.
 */
import { describe, expect, it } from 'vitest';
import { normalizeArabic } from '../text/normalize.ts';
import { dataPath, readTsv } from '../data/tsv.ts';
import { LEX } from './lexicon.ts';

describe('[dates/lexicon] months.tsv', () => {
  const rows = readTsv(dataPath('lexicons', 'ar', 'months.tsv'), ['name', 'month', 'calendar', 'variant', 'alone', 'with-day']);

  it.each(['levantine', 'standard', 'hijri'])('[dates/lexicon] %s names cover the twelve months', (variant) => {
    const months = new Set(rows.filter((r) => r.variant === variant).map((r) => Number(r.month)));
    expect([...months].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('[dates/lexicon] Maghrebi names with the shared standard ones cover the twelve months', () => {
    const months = new Set(rows.filter((r) => r.variant === 'maghrebi').map((r) => Number(r.month)));
    // مارس، سبتمبر، أكتوبر، نوفمبر، ديسمبر are shared with the standard list
    for (const m of [3, 9, 10, 11, 12]) months.add(m);
    expect(months.size).toBe(12);
  });

  it('[dates/lexicon] a normalized name never names two months', () => {
    const seen = new Map<string, string>();
    for (const r of rows) {
      const key = normalizeArabic(r.name);
      const value = `${r.calendar}:${r.month}`;
      expect(seen.get(key) ?? value, `[dates/lexicon] ${r.name}`).toBe(value);
      seen.set(key, value);
    }
  });

  it('[dates/lexicon] flags are yes or no', () => {
    for (const r of rows) {
      expect(['yes', 'no']).toContain(r.alone);
      expect(['yes', 'no']).toContain(r['with-day']);
    }
  });
});

describe('[dates/lexicon] weekdays.tsv and date-words.tsv', () => {
  it('[dates/lexicon] the seven weekdays are there', () => {
    expect(new Set(LEX.weekdays.values())).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
  });

  it('[dates/lexicon] ordinal day words cover 1 to 31', () => {
    const days = [...new Set(LEX.ordinalDays.values())].sort((a, b) => a - b);
    expect(days).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
  });

  it('[dates/lexicon] clock hours cover 1 to 12', () => {
    expect([...new Set(LEX.clockHours.values())].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('[dates/lexicon] relative days have numeric offsets', () => {
    for (const [w, v] of LEX.relativeDays) expect(Number.isInteger(v.offset), w).toBe(true);
    expect(LEX.relativeDays.get('امس')?.offset).toBe(-1);
  });

  it('[dates/lexicon] every category row has the fields its category needs', () => {
    const rows = readTsv(dataPath('lexicons', 'ar', 'date-words.tsv'), ['category', 'phrase']);
    const needsValue = new Set(['relative-day', 'ordinal-day', 'cardinal', 'unit', 'period', 'period-offset', 'period-part', 'part-of-day', 'part-of-day-adverb', 'era', 'clock-hour', 'clock-special', 'clock-fraction', 'meridiem']);
    for (const r of rows) if (needsValue.has(r.category)) expect(r.value, `[dates/lexicon] ${r.category} ${r.phrase}`).not.toBe('');
    const keys = rows.map((r) => `${r.category}\t${normalizeArabic(r.phrase)}`);
    expect(keys.length - new Set(keys).size, '[dates/lexicon] duplicate rows').toBe(0);
  });
});
