import { describe, expect, it } from 'vitest';
import { cliticReadings, tokenize } from './tokenize.ts';
import { normalizeArabic, normalizeWithOffsets } from './normalize.ts';
import { splitSentences } from './sentences.ts';
import { datelineEnd } from '../pipeline.ts';

/** Deterministic pseudo-random strings over a small alphabet of letters, marks, spaces and punctuation. */
function samples(alphabet: string[], count: number, maxLength: number): string[] {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const n = next() % maxLength;
    for (let j = 0; j < n; j++) s += alphabet[next() % alphabet.length];
    out.push(s);
  }
  return out;
}

describe('normalization fast paths', () => {
  const alphabet = ['ا', 'أ', 'ة', 'ى', 'َ', 'ّ', 'ـ', ' ', '\n', '١', 'a', '«', 'ل', 'و', '\u200f'];
  it('normalizeArabic is normalizeWithOffsets text with white space collapsed', () => {
    for (const s of samples(alphabet, 2000, 40)) expect(normalizeArabic(s)).toBe(normalizeWithOffsets(s).text.replace(/\s+/g, ' ').trim());
  });
  it('long texts decode to the same characters as short ones', () => {
    const long = 'قَصفٌ أَدى إلى مقتل ١٢ شخصاً. '.repeat(400);
    const norm = normalizeWithOffsets(long);
    const pieces = long.split('. ').map((p) => normalizeWithOffsets(p).text);
    expect(norm.text).toBe(pieces.join('. '));
    expect(norm.map.length).toBe(norm.text.length + 1);
  });
});

describe('clitic readings', () => {
  it('لل restores the article it merged with, and strips no second one', () => {
    expect(cliticReadings('للالعاب').map((r) => [r.key, r.cliticLength, r.restoresArticle ?? false])).toEqual([
      ['للالعاب', 0, false],
      ['العاب', 1, true],
      ['لالعاب', 1, false],
    ]);
    expect(cliticReadings('وللحسكه').map((r) => r.key)).toEqual(['وللحسكه', 'للحسكه', 'حسكه', 'لحسكه']);
  });
  it('punctuation tokens of the same mark read alike', () => {
    const t = tokenize('قصف، ثم قصف، ثم.');
    const commas = t.tokens.filter((x) => x.norm === ',');
    expect(commas).toHaveLength(2);
    expect(commas[0].readings).toEqual([{ key: ',', cliticLength: 0, hash: commas[0].readings[0].hash }]);
    expect(commas[1].readings).toEqual(commas[0].readings);
  });
});

describe('sentence and dateline scans', () => {
  it('Arabic terminators still end sentences after letters', () => {
    const text = 'هل قصفت؟ نعم؛ قصفت المدينة.';
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual(['هل قصفت؟', 'نعم؛', 'قصفت المدينة.']);
  });
  it('datelines: bracket within reach of the first word, leading spaces allowed', () => {
    expect(datelineEnd('بيروت، لبنان (رويترز) - قصف')).toBe('بيروت، لبنان (رويترز) -'.length);
    expect(datelineEnd('   دبي (CNN)-- قصف')).toBe('   دبي (CNN)--'.length);
    expect(datelineEnd('قصف ' + 'كلمة '.repeat(20) + '(رويترز) - نص')).toBe(0);
    expect(datelineEnd('نص بلا أقواس')).toBe(0);
  });
});
