/**
 * @module dates/refiners/merge-relative-weekday
 * "اليوم الخميس"، "أمس الأربعاء"، "صباح اليوم (الأربعاء)"، 'ظهر اليوم" الجمعة': a relative day
 * followed by its weekday is one date. The weekday decides (nearest such day to the relative
 * one), which survives a publication date a day off; a disagreement is tagged.
 */
import { nearestWeekday } from '../result.ts';
import type { DateRefiner, DateResult } from '../types.ts';

const GAP = /^[\s"'(),]{0,4}$/;

export const mergeRelativeWeekdayRefiner: DateRefiner = {
  name: 'merge-relative-weekday',
  refine(ctx, results) {
    const out: DateResult[] = [];
    for (let i = 0; i < results.length; i++) {
      const a = results[i];
      const b = results[i + 1];
      if (
        b &&
        a.facts.source === 'relative-day' &&
        b.facts.source === 'weekday' &&
        !b.tags.has('weekday/past') &&
        !b.tags.has('weekday/next') &&
        GAP.test(ctx.text.slice(a.end, b.index))
      ) {
        const around = a.start;
        const d = around === null ? null : nearestWeekday(around, b.facts.weekday!);
        const merged: DateResult = {
          ...a,
          end: ctx.text[b.end] === ')' && ctx.text.slice(a.end, b.index).includes('(') ? b.end + 1 : b.end,
          start: d,
          stop: d,
          known: new Set([...a.known, 'weekday']),
          tags: new Set([...a.tags, ...b.tags, 'refiner/relative-weekday']),
          facts: { ...a.facts, weekday: b.facts.weekday },
        };
        if (d !== null && d !== around) merged.tags.add('weekday-mismatch');
        out.push(merged);
        i++;
        continue;
      }
      out.push(a);
    }
    return out;
  },
};
