/**
 * @module dates/refiners/part-of-day
 * Parts of the day around a date: "مساء الخميس"، "فجر اليوم"، "صباح أمس"، "ليلة الأحد"،
 * "مساء الـ 20 الشهر الجاري"، "في ساعة متأخرة من ليل السبت" before it, or "أمس مساءً" after.
 * The date keeps its day; `partOfDay` records the part.
 */
import { LEX, PhraseBefore, phraseList, PROCLITICS, SRC, lookup } from '../lexicon.ts';
import type { DateRefiner, DateResult } from '../types.ts';

const BEFORE = new PhraseBefore(new RegExp(`(?:^|[^${SRC.W}])(?<pre>[وف]?[بل]?)(?<pod>${SRC.partOfDay})\\s+$`, 'du'), phraseList('part-of-day'), PROCLITICS);
const AFTER = new RegExp(`^\\s*(?<adv>${SRC.partOfDayAdverb})(?![${SRC.W}])`, 'u');

/** Day-level dates take a part of the day; months, years, durations and times do not. */
function takesPartOfDay(r: DateResult): boolean {
  return r.kind !== 'time' && r.kind !== 'duration-ago' && (r.precision === 'day' || r.facts.source === 'day-range' || (r.precision === 'unknown' && r.facts.source !== 'year'));
}

export const partOfDayRefiner: DateRefiner = {
  name: 'part-of-day',
  refine(ctx, results) {
    results.forEach((r, i) => {
      if (!takesPartOfDay(r)) return;
      const prevEnd = i > 0 ? results[i - 1].end : 0;
      const headStart = Math.max(prevEnd, r.index - 40);
      const m = BEFORE.exec(ctx.text, headStart, r.index);
      if (m) {
        r.index = headStart + m.indices!.groups!.pod![0];
        setPart(r, lookup(LEX.partsOfDay, m.groups!.pod)!);
        if (r.facts.source === 'weekday' && r.partOfDay === 'night') r.tags.add('night-of');
        return;
      }
      if (r.partOfDay) return;
      const nextStart = i + 1 < results.length ? results[i + 1].index : ctx.text.length;
      const a = AFTER.exec(ctx.text.slice(r.end, nextStart));
      if (a) {
        r.end += a[0].length;
        setPart(r, lookup(LEX.partOfDayAdverbs, a.groups!.adv)!);
      }
    });
    return results;
  },
};

function setPart(r: DateResult, pod: NonNullable<DateResult['partOfDay']>): void {
  r.partOfDay = pod;
  r.known.add('partOfDay');
  r.tags.add('refiner/part-of-day');
}
