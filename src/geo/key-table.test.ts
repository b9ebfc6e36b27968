import { describe, expect, it } from 'vitest';
import { keyHash } from '../text/key-filter.ts';
import { KeyTable } from './key-table.ts';

describe('[geo/key-table] keys looked up by their hash', () => {
  const words = ['في', 'من', 'حلب', 'سوري', 'محافظه', 'ريف'];
  const table = new KeyTable(words.map((w, i) => [w, i] as [string, number]));

  it('finds every key by its hash, and nothing else', () => {
    for (const [i, w] of words.entries()) expect(table.get(w, keyHash(w))).toBe(i);
    for (const w of ['حمص', 'فيي', '', 'م']) expect(table.get(w, keyHash(w))).toBeUndefined();
    expect(table.size).toBe(words.length);
  });

  it('tells keys apart that share a hash (or a slot)', () => {
    // a hash passed for another key must not find it
    expect(table.get('حمص', keyHash('حلب'))).toBeUndefined();
    const many = new KeyTable(Array.from({ length: 500 }, (_, i) => [`k${i}`, i] as [string, number]));
    for (let i = 0; i < 500; i++) expect(many.get(`k${i}`, keyHash(`k${i}`))).toBe(i);
    expect(many.get('k500', keyHash('k500'))).toBeUndefined();
  });

  it('rejects duplicate keys', () => {
    expect(() => new KeyTable([['a', 1], ['a', 2]])).toThrow(/duplicate/);
  });
});
