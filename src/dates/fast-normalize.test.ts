/**
 * @module dates/fast-normalize.test
 * The table-driven normalizer must agree with text/normalize exactly, maps included.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { normalizeWithOffsets } from '../text/normalize.ts';
import { fastNormalizeWithOffsets } from './fast-normalize.ts';

describe('[dates/fast-normalize]', () => {
  it.each([
    ['بالحَسَكة'],
    ['أمسِ الأربعاء، ١٥ شباط ٢٠٢٢ «الساعة ٦:٣٠ مساءً»'],
    ['mixed Latin 2022 وعربي\u200F مع علامات\u00A0خاصة؛ ؟'],
    [''],
    ['plain ascii only'],
    [readFileSync(new URL('../../examples/articles/seed-hasakah.txt', import.meta.url), 'utf8')],
  ])('[dates/fast-normalize] agrees with normalizeWithOffsets on %#', (text) => {
    const a = normalizeWithOffsets(text);
    const b = fastNormalizeWithOffsets(text);
    expect(b.text).toBe(a.text);
    expect(Array.from(b.map)).toEqual(Array.from(a.map));
  });
});
