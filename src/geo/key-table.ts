/**
 * @module geo/key-table
 * A read-only map from dictionary keys to values, looked up by the key's keyHash (text/key-filter),
 * which every token reading carries already. A string-keyed Map hashes each fresh token key on its
 * first lookup; here an absent key usually costs one typed-array read and a present one a hash
 * compare and a string compare. Open addressing with linear probing, at most a quarter full.
 */
import { keyHash } from '../text/key-filter.ts';

export class KeyTable<V> {
  /** Per slot: 1 + index into keys/values, 0 when empty. */
  private readonly slots: Int32Array;
  private readonly hashes: Uint32Array;
  private readonly mask: number;
  private readonly keys: string[] = [];
  private readonly values: V[] = [];

  constructor(entries: Iterable<[string, V]>) {
    const list = [...entries];
    let size = 16;
    while (size < list.length * 4) size <<= 1;
    this.slots = new Int32Array(size);
    this.hashes = new Uint32Array(size);
    this.mask = size - 1;
    for (const [key, value] of list) {
      const h = keyHash(key);
      let s = h & this.mask;
      for (; this.slots[s] !== 0; s = (s + 1) & this.mask) {
        if (this.hashes[s] === h && this.keys[this.slots[s] - 1] === key) throw new Error(`KeyTable: duplicate key ${key}`);
      }
      this.keys.push(key);
      this.values.push(value);
      this.slots[s] = this.keys.length;
      this.hashes[s] = h;
    }
  }

  get size(): number {
    return this.keys.length;
  }

  /** The value of `key`, whose keyHash is `hash`; undefined when absent. */
  get(key: string, hash: number): V | undefined {
    for (let s = hash & this.mask; ; s = (s + 1) & this.mask) {
      const e = this.slots[s];
      if (e === 0) return undefined;
      if (this.hashes[s] === hash && this.keys[e - 1] === key) return this.values[e - 1];
    }
  }
}
