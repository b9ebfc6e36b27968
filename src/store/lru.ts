/**
 * @module store/lru
 * A bounded map that forgets its least recently used entry when full: memoisation for the
 * writer's hot re-reads (see SqlStore.reportEvent) without memory growing with the store.
 */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.map.size;
  }

  /** The value for `key`, made by `make` (and remembered) when absent. */
  getOrMake(key: K, make: (key: K) => V): V {
    const map = this.map;
    if (map.has(key)) {
      const v = map.get(key)!;
      // Map iterates in insertion order: re-inserting makes this the most recent
      map.delete(key);
      map.set(key, v);
      return v;
    }
    const v = make(key);
    if (map.size >= this.capacity) map.delete(map.keys().next().value as K);
    map.set(key, v);
    return v;
  }
}
