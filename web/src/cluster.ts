/**
 * @module web/cluster
 * Grid clustering of map points in screen space: points whose projected positions fall in the
 * same cell (of `cellPx` pixels at the current zoom) become one cluster at their mean
 * position. Cheap enough to redo on every zoom for a few thousand events.
 */

export interface ScreenPoint<T> {
  x: number;
  y: number;
  item: T;
}

export interface Cluster<T> {
  x: number;
  y: number;
  items: T[];
}

/**
 * @example gridCluster([{ x: 1, y: 1, item: 'a' }, { x: 5, y: 5, item: 'b' }], 40) // one cluster of a and b
 */
export function gridCluster<T>(points: ScreenPoint<T>[], cellPx: number): Cluster<T>[] {
  const cells = new Map<string, { sx: number; sy: number; items: T[] }>();
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    const key = `${Math.floor(p.x / cellPx)}:${Math.floor(p.y / cellPx)}`;
    const c = cells.get(key);
    if (c) {
      c.sx += p.x;
      c.sy += p.y;
      c.items.push(p.item);
    } else cells.set(key, { sx: p.x, sy: p.y, items: [p.item] });
  }
  return [...cells.values()].map((c) => ({ x: c.sx / c.items.length, y: c.sy / c.items.length, items: c.items }));
}

/** The most frequent value of `key` among items (ties: first seen). */
export function dominant<T>(items: T[], key: (x: T) => string): string {
  const counts = new Map<string, number>();
  for (const it of items) counts.set(key(it), (counts.get(key(it)) ?? 0) + 1);
  let best = '';
  let n = -1;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  return best;
}
