/**
 * @module dates/parsers/current-month-day
 * A day of a month named relative to publication: "الـ 20 الشهر الجاري", "20 من الشهر الجاري",
 * "في 23 الشهر الجاري", "الثامن من الشهر الحالي", "الخامس من الشهر الماضي".
 */
import { dayNumber, isValidDate } from '../calendar.ts';
import { DAY_OPENING, dayOf, LEX, lookup, phraseList, SRC } from '../lexicon.ts';
import { makeResult, relativeMonthSpan, spanStart } from '../result.ts';
import type { DateParser } from '../types.ts';
import { ordinalIsAdjective } from './absolute-date.parser.ts';

const PATTERN = new RegExp(
  SRC.LB +
    SRC.CLITIC +
    `(?:${SRC.dayPrefix}\\s+)?` +
    `(?:(?<dnum>${SRC.dayNumber})|(?<dword>${SRC.ordinalDay})${SRC.RB})` +
    `\\s*(?:من\\s+)?(?:(?<this>${SRC.this})\\s+)?${SRC.monthPeriod}(?:\\s+(?<off>${SRC.periodOffset}))?${SRC.RB}`,
  'gu',
);

export const currentMonthDayParser: DateParser = {
  name: 'current-month-day',
  // no gate: every match holds الشهر
  pattern: () => PATTERN,
  // first element after the proclitics: a day prefix or the day
  firsts: { phrases: phraseList('day-prefix', 'ordinal-day'), digit: true, articleDigit: true },
  opening: DAY_OPENING,
  extract(ctx, match) {
    const g = match.groups!;
    const index = spanStart(match);
    const day = dayOf(g.dnum ?? g.dword);
    const off = g.this ? 0 : lookup(LEX.periodOffsets, g.off);
    if (day === undefined || off === undefined) return null;
    if (g.dword && ordinalIsAdjective(ctx, index)) return null;
    const month = relativeMonthSpan(ctx, off);
    if (month && !isValidDate(month.y, month.m, day)) return null;
    const d = month ? dayNumber(month.y, month.m, day) : null;
    return makeResult({
      index,
      end: match.index + match[0].length,
      start: d,
      stop: d,
      precision: 'day',
      known: ['day'],
      implied: ['month', 'year'],
      facts: { source: 'current-month-day', calendar: 'gregorian', y: month?.y, m: month?.m, d: day, yearKnown: false },
    });
  },
};
