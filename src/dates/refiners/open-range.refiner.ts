/**
 * @module dates/refiners/open-range
 * "اعتباراً من يوم الثلاثاء"، "ابتداءً من 1 مارس"، "منذ 2011"، "منذ الأسبوع الماضي": a date
 * after an open-range marker starts an open range (end null) unless the range refiner, which
 * runs next, finds its end ("ولغاية 31 الشهر الجاري").
 */
import { CONJUNCTIONS, LEX, PhraseBefore, phraseList, SRC, lookup } from '../lexicon.ts';
import type { DateRefiner, DateResult } from '../types.ts';

const BEFORE = new PhraseBefore(new RegExp(`(?:^|[^${SRC.W}])[وف]?(?<mark>${SRC.openRange})\\s+$`, 'du'), phraseList('open-range'), CONJUNCTIONS);

function opensRange(r: DateResult): boolean {
  return r.kind === 'point' || r.kind === 'range';
}

export const openRangeRefiner: DateRefiner = {
  name: 'open-range',
  refine(ctx, results) {
    results.forEach((r, i) => {
      if (!opensRange(r)) return;
      const prevEnd = i > 0 ? results[i - 1].end : 0;
      const headStart = Math.max(prevEnd, r.index - 30);
      const m = BEFORE.exec(ctx.text, headStart, r.index);
      if (!m) return;
      r.index = headStart + m.indices!.groups!.mark![0];
      r.tags.add('refiner/open-range');
      if (lookup(LEX.openRange, m.groups!.mark) === 'since') r.tags.add('since');
      if (r.kind === 'point') {
        r.kind = 'open-range';
        r.stop = null;
      }
    });
    return results;
  },
};
