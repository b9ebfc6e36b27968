import { describe, expect, it } from 'vitest';
import { A0, AN, letterTrie, letterTrieSize, letterWordSet, type LetterWordSet } from './letter-trie.ts';

/** Walks `word` through the set in the set's reading direction. */
function has(set: LetterWordSet, word: string, fromEnd: boolean): boolean {
  let node = 0;
  for (let j = 0; j < word.length; j++) {
    const c = word.charCodeAt(fromEnd ? word.length - 1 - j : j) - A0;
    if (c < 0 || c >= AN || !(node = set.next[node * AN + c])) return false;
  }
  return set.end[node] === 1;
}

describe('letter tries', () => {
  it.each([
    [['قتيل', 'قتلى'], 9],
    [[], 1],
    [['قتيل', ''], null],
    [['قتيلا 5'], null],
    [['killed'], null],
  ])('letterTrieSize(%j) = %j', (words, size) => {
    expect(letterTrieSize(words)).toBe(size);
  });

  it('gives each word its end node, in the order given; a repeated word ends at the same node', () => {
    const t = letterTrie(['جرحى', 'جريح', 'جرحى'], false)!;
    expect(t.nodeOf[0]).toBe(t.nodeOf[2]);
    expect(t.nodeOf[0]).not.toBe(t.nodeOf[1]);
  });

  it.each([false, true])('word sets answer membership (read from the end: %s)', (fromEnd) => {
    const set = letterWordSet(['ثلاثة', 'ثلاث', 'عشرات'], fromEnd)!;
    for (const w of ['ثلاثة', 'ثلاث', 'عشرات']) expect(has(set, w, fromEnd)).toBe(true);
    for (const w of ['ثلا', 'عشر', 'ثلاثين']) expect(has(set, w, fromEnd)).toBe(false);
  });
});
