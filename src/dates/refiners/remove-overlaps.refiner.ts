/**
 * @module dates/refiners/remove-overlaps
 * Keeps the longest of overlapping results ("24 ولغاية 31 الشهر الجاري" over "31 الشهر
 * الجاري" and "الشهر الجاري"); on equal length, the parser listed first in the configuration.
 */
import type { DateRefiner, DateResult } from '../types.ts';

export const removeOverlapsRefiner: DateRefiner = {
  name: 'remove-overlaps',
  refine(_ctx, results) {
    const byStrength = [...results].sort((a, b) => b.end - b.index - (a.end - a.index) || a.priority - b.priority || a.index - b.index);
    const kept: DateResult[] = [];
    for (const r of byStrength) {
      if (!kept.some((k) => k.index < r.end && r.index < k.end)) kept.push(r);
    }
    return kept.sort((a, b) => a.index - b.index);
  },
};
