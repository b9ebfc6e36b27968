import { describe, expect, it } from 'vitest';
import { fts5Match, ftsIndexBody, ftsQueryGroups, tsQuerySource } from './fts.ts';

describe('full-text folding', () => {
  it.each([
    ['بالحسكة', 'بالحسكه حسكه'],
    ['الحسكة', 'حسكه'],
    ['والجيش', 'والجيش جيش'],
    ['للمدنيين', 'للمدنيين مدنيين لمدنيين'],
    ['وزير', 'وزير زير'],
    ['إدلب ٢٠٢٢', 'ادلب 2022'],
  ])('indexes %s as %s', (text, body) => {
    expect(ftsIndexBody(text)).toBe(body);
  });

  it('makes each query word a group of its readings', () => {
    expect(ftsQueryGroups('قصف بالحسكة')).toEqual([['قصف'], ['بالحسكه', 'حسكه']]);
    expect(ftsQueryGroups('  ،،  ')).toEqual([]);
  });

  it('builds safe FTS5 and tsquery expressions', () => {
    expect(fts5Match('قصف "بالحسكة"')).toBe('("قصف") AND ("بالحسكه" OR "حسكه")');
    expect(tsQuerySource("قصف & (حسكة) | x'")).toBe('(قصف) & (حسكه) & (x)');
    expect(fts5Match('')).toBe('');
  });
});
