/**
 * @module text/key-filter
 * A bit filter over dictionary keys (one bit per 32-bit key hash, a Bloom filter with one hash):
 * "no" is certain, "maybe" needs the real lookup. Tokens carry the hash of each reading's key
 * (tokenize), so the matchers and lexicons test a bit before a string-keyed Map lookup: most
 * words of a text are in none of them.
 */

/** FNV-1a hash of a key, 32 bits unsigned; tokens carry it for every reading (CliticReading.hash). */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class KeyFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  /** A filter for about `expected` keys: 16 bits a key (at most 2^24 bits), so "maybe" is rarely wrong. */
  constructor(expected: number) {
    let size = 1 << 12;
    while (size < expected * 16 && size < 1 << 24) size <<= 1;
    this.bits = new Uint32Array(size >>> 5);
    this.mask = size - 1;
  }

  /** A filter that knows these keys. */
  static of(keys: Iterable<string>): KeyFilter {
    const list = [...keys];
    const f = new KeyFilter(list.length);
    for (const k of list) f.add(k);
    return f;
  }

  add(key: string): void {
    this.addHash(keyHash(key));
  }

  addHash(h: number): void {
    const b = h & this.mask;
    this.bits[b >>> 5] |= 1 << (b & 31);
  }

  /** False when no key added has this hash (so the key is certainly not in the set). */
  mayHave(h: number): boolean {
    const b = h & this.mask;
    return (this.bits[b >>> 5] & (1 << (b & 31))) !== 0;
  }
}
