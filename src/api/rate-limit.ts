/**
 * @module api/rate-limit
 * A sliding-window limiter kept in memory: at most `max` hits per key within the last
 * `windowMs`. One process serves the API, so memory is enough; the window is exact (a list of
 * timestamps per key) because write rates are small.
 */

export interface RateLimitOptions {
  /** Hits allowed per window. */
  max: number;
  windowMs: number;
  /** Clock (tests inject one). */
  now?: () => number;
}

export interface RateDecision {
  ok: boolean;
  /** Hits left in the current window after this one. */
  remaining: number;
  /** When refused: milliseconds until the oldest hit leaves the window. */
  retryAfterMs: number;
}

/**
 * @example
 * const limiter = new SlidingWindowLimiter({ max: 2, windowMs: 1000 });
 * limiter.hit('editor-1').ok; // true, true, then false within the same second
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly max: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(opts: RateLimitOptions) {
    this.max = opts.max;
    this.windowMs = opts.windowMs;
    this.now = opts.now ?? Date.now;
  }

  /** Records a hit for `key` unless the window is full. */
  hit(key: string): RateDecision {
    const t = this.now();
    const since = t - this.windowMs;
    const list = (this.hits.get(key) ?? []).filter((x) => x > since);
    if (list.length >= this.max) {
      this.hits.set(key, list);
      return { ok: false, remaining: 0, retryAfterMs: Math.max(1, list[0] + this.windowMs - t) };
    }
    list.push(t);
    this.hits.set(key, list);
    // drop idle keys now and then so the map cannot grow without bound
    if (this.hits.size > 1000) this.prune(since);
    return { ok: true, remaining: this.max - list.length, retryAfterMs: 0 };
  }

  private prune(since: number): void {
    for (const [k, v] of this.hits) if (!v.some((x) => x > since)) this.hits.delete(k);
  }
}
