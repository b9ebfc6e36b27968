/**
 * @module dates/parsers/weekday
 * Weekday names: "الخميس"، "يوم الثلاثاء"، "الجمعة الماضية" (strictly before publication),
 * "الأحد المقبل" (after it; future). Without a modifier, the most recent such day on or before
 * publication (CODING.md "Dates").
 */
import { LEX, lookup, nextWord, phraseList, SRC } from '../lexicon.ts';
import { lastWeekday, makeResult, nextWeekday, spanStart } from '../result.ts';
import type { DateParser } from '../types.ts';

const PATTERN = new RegExp(
  SRC.LB + SRC.CLITIC + `(?:${SRC.weekdayPrefix}\\s+)?(?<wd>${SRC.weekday})${SRC.RB}(?:\\s+(?<off>${SRC.periodOffset})${SRC.RB})?`,
  'gu',
);

export const weekdayParser: DateParser = {
  name: 'weekday',
  pattern: () => PATTERN,
  // first element after the proclitics: a weekday prefix or name
  firsts: { phrases: phraseList('weekday-prefix', 'weekday') },
  extract(ctx, match) {
    const g = match.groups!;
    const weekday = lookup(LEX.weekdays, g.wd);
    if (weekday === undefined) return null;
    // the weekday ends where the white space before the modifier starts
    let wdEnd = match.index + match[0].length;
    if (g.off !== undefined) {
      wdEnd -= g.off.length;
      while (/\s/.test(ctx.text[wdEnd - 1])) wdEnd--;
    }
    if (LEX.weekdayBlockersAfter.has(nextWord(ctx.text, wdEnd))) return null; // "الأحد عشر"
    let off = lookup(LEX.periodOffsets, g.off) ?? 0;
    const end = off === 0 ? wdEnd : match.index + match[0].length;
    let d: number | null = null;
    if (ctx.ref !== null) d = off > 0 ? nextWeekday(ctx.ref, weekday) : lastWeekday(ctx.ref, weekday, off < 0);
    off = Math.sign(off);
    return makeResult({
      index: spanStart(match),
      end,
      start: d,
      stop: d,
      precision: 'day',
      known: ['weekday'],
      implied: ['day', 'month', 'year'],
      tags: off < 0 ? ['weekday/past'] : off > 0 ? ['weekday/next'] : [],
      facts: { source: 'weekday', weekday },
    });
  },
};
