/**
 * @module api/rate-limit.test
 * [api/rate-limit] the sliding window counts hits per key within the last windowMs.
 */
import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from './rate-limit.ts';

describe('[api/rate-limit] SlidingWindowLimiter', () => {
  it.each([
    // [hit times, max, window, expected ok per hit]
    [[0, 10, 20], 2, 100, [true, true, false]],
    [[0, 10, 101], 2, 100, [true, true, true]],
    [[0, 50, 99, 150, 151], 2, 100, [true, true, false, true, true]],
    [[0, 1, 2, 3], 1, 10, [true, false, false, false]],
  ])('hits at %j with max %i per %i ms → %j', (times, max, windowMs, expected) => {
    let now = 0;
    const limiter = new SlidingWindowLimiter({ max, windowMs, now: () => now });
    const got = times.map((t) => {
      now = t;
      return limiter.hit('amal').ok;
    });
    expect(got).toEqual(expected);
  });

  it('keeps one window per key and says when to retry', () => {
    let now = 1000;
    const limiter = new SlidingWindowLimiter({ max: 1, windowMs: 60_000, now: () => now });
    expect(limiter.hit('amal').ok).toBe(true);
    expect(limiter.hit('sami').ok).toBe(true);
    now = 31_000;
    const refused = limiter.hit('amal');
    expect(refused).toEqual({ ok: false, remaining: 0, retryAfterMs: 30_000 });
  });
});
