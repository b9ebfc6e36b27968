/**
 * @module text/letter-trie
 * Dense tries over the Arabic letters ء…ي, for scans that must make no strings: a word is
 * walked letter by letter through one typed array. Shared by the casualty and number finders.
 */

/** Arabic letters ء…ي: the alphabet of the tries. */
export const A0 = 0x0621;
export const AN = 0x064a - A0 + 1;

export interface LetterTrie {
  /** next[node * AN + letter - A0] = child node, 0 = none (node 0 is the root). */
  next: Int32Array;
  /** Node count (the root included): per-node tables have this length. */
  size: number;
  /** The node where each word given ends, in the order given. */
  nodeOf: Int32Array;
}

/** Nodes a trie of `words` can need (root + one per letter); null when a word is empty or not all Arabic letters. */
export function letterTrieSize(words: readonly string[]): number | null {
  let size = 1;
  for (const w of words) {
    if (!w) return null;
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i) - A0;
      if (c < 0 || c >= AN) return null;
    }
    size += w.length;
  }
  return size;
}

/**
 * A trie of `words`, read from their first letter, or from their last one back (`fromEnd`: for
 * scans that meet a word's end first); null when a word is empty or not all Arabic letters.
 */
export function letterTrie(words: readonly string[], fromEnd: boolean): LetterTrie | null {
  const size = letterTrieSize(words);
  if (size === null) return null;
  const next = new Int32Array(size * AN);
  const nodeOf = new Int32Array(words.length);
  let nodes = 1;
  words.forEach((w, k) => {
    let node = 0;
    for (let j = 0; j < w.length; j++) {
      const at = node * AN + w.charCodeAt(fromEnd ? w.length - 1 - j : j) - A0;
      if (!next[at]) next[at] = nodes++;
      node = next[at];
    }
    nodeOf[k] = node;
  });
  return { next, size, nodeOf };
}

/** A set of words as a letter trie: `end` is 1 at the node where a word ends. */
export interface LetterWordSet {
  next: Int32Array;
  end: Uint8Array;
}

/** `words` as a LetterWordSet (see letterTrie for `fromEnd` and null). */
export function letterWordSet(words: readonly string[], fromEnd: boolean): LetterWordSet | null {
  const trie = letterTrie(words, fromEnd);
  if (!trie) return null;
  const end = new Uint8Array(trie.size);
  for (const node of trie.nodeOf) end[node] = 1;
  return { next: trie.next, end };
}
