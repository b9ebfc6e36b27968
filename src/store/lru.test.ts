import { describe, expect, it } from 'vitest';
import { LruMap } from './lru.ts';

describe('LruMap', () => {
  it('makes a value once and serves it again', () => {
    const m = new LruMap<string, number>(4);
    let made = 0;
    const make = (k: string) => (made++, k.length);
    expect(m.getOrMake('قصف', make)).toBe(3);
    expect(m.getOrMake('قصف', make)).toBe(3);
    expect(made).toBe(1);
  });

  it('forgets the least recently used entry when full', () => {
    const m = new LruMap<number, string>(2);
    const make = (k: number) => `v${k}`;
    m.getOrMake(1, make);
    m.getOrMake(2, make);
    m.getOrMake(1, make); // 1 is now the most recent
    m.getOrMake(3, make); // evicts 2
    expect(m.size).toBe(2);
    let remade = 0;
    m.getOrMake(1, (k) => (remade++, `v${k}`));
    expect(remade).toBe(0);
    m.getOrMake(2, (k) => (remade++, `v${k}`));
    expect(remade).toBe(1);
  });
});
