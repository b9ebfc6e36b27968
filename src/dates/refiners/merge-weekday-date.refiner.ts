/**
 * @module dates/refiners/merge-weekday-date
 * "الخميس 20 أكتوبر 2016"، "يوم الأحد الموافق 23 من الشهر الجاري"، "الخميس (20 يناير)":
 * a weekday followed by its date is one date; the written date decides, a weekday that
 * disagrees with it is tagged.
 */
import { weekdayOf } from '../calendar.ts';
import { SRC } from '../lexicon.ts';
import type { DateRefiner, DateResult } from '../types.ts';

const GAP = new RegExp(`^\\s*[,(]?\\s*(?:${SRC.concordant}\\s*)?$`, 'u');

export const mergeWeekdayDateRefiner: DateRefiner = {
  name: 'merge-weekday-date',
  refine(ctx, results) {
    const out: DateResult[] = [];
    for (let i = 0; i < results.length; i++) {
      const a = results[i];
      const b = results[i + 1];
      if (b && a.facts.weekday !== undefined && a.precision === 'day' && a.kind === 'point' && b.facts.d !== undefined && b.precision !== 'month' && GAP.test(ctx.text.slice(a.end, b.index))) {
        const merged: DateResult = {
          ...b,
          partOfDay: b.partOfDay ?? a.partOfDay,
          index: a.index,
          end: ctx.text[b.end] === ')' && ctx.text.slice(a.end, b.index).includes('(') ? b.end + 1 : b.end,
          known: new Set([...b.known, 'weekday', ...(a.partOfDay ? (['partOfDay'] as const) : [])]),
          tags: new Set([...a.tags, ...b.tags, 'refiner/weekday-date']),
          facts: { ...b.facts, weekday: a.facts.weekday },
        };
        if (!merged.partOfDay) delete merged.partOfDay;
        if (b.kind === 'point' && b.start !== null && weekdayOf(b.start) !== a.facts.weekday) merged.tags.add('weekday-mismatch');
        out.push(merged);
        i++;
        continue;
      }
      out.push(a);
    }
    return out;
  },
};
