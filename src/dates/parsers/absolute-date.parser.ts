/**
 * @module dates/parsers/absolute-date
 * A day and a named month, with or without a year: "20 كانون الثاني/يناير 2022",
 * "الثالث من مارس", "يوم 16 مارس", "8 يوليو/تموز الجاري", "23 نوفمبر الفائت", "10 محرم 1440 هـ".
 * Without a year, the year is the most recent that is not after publication (+ slack).
 */
import { DAY_OPENING, dayOf, LEX, monthOf, phraseList, previousWord, SRC } from '../lexicon.ts';
import { makeResult, spanStart } from '../result.ts';
import type { DateParser, ParsingContext } from '../types.ts';
import { MONTH_REF, resolveMonthRef } from './month-ref.ts';

const PATTERN = new RegExp(
  SRC.LB +
    SRC.CLITIC +
    `(?:${SRC.dayPrefix}\\s+)?` +
    `(?:(?<dnum>${SRC.dayNumber})|(?<dword>${SRC.ordinalDay})${SRC.RB})` +
    `\\s*(?:(?<min>من)\\s+)?(?:(?<noun>${SRC.monthNoun})\\s+)?` +
    MONTH_REF,
  'gu',
);

/**
 * True when an ordinal day word is really an adjective of the noun before it, or the end of
 * a two-word month name
 * ("الأسبوع الأول من مارس" is the first week, not 1 March). Weekday names are the exception
 * ("الخميس الثالث من مارس").
 */
export function ordinalIsAdjective(ctx: ParsingContext, index: number): boolean {
  const prev = previousWord(ctx.text, index);
  // "كانون الأول": the ordinal belongs to the month name
  if (LEX.monthNameHeads.has(prev)) return true;
  return prev.startsWith('ال') && !LEX.weekdays.has(prev) && !/\d/.test(prev);
}

export const absoluteDateParser: DateParser = {
  name: 'absolute-date',
  // no gate: every match holds a month name
  pattern: () => PATTERN,
  // first element after the proclitics: a day prefix or the day
  firsts: { phrases: phraseList('day-prefix', 'ordinal-day'), digit: true, articleDigit: true },
  opening: DAY_OPENING,
  extract(ctx, match) {
    const g = match.groups!;
    const index = spanStart(match);
    const day = dayOf(g.dnum ?? g.dword);
    if (day === undefined) return null;
    if (g.dword && ordinalIsAdjective(ctx, index)) return null;
    const entry = monthOf(g.month);
    if (!entry) return null;
    // "فاز 3 صفر" is a score: some names need more than a digit day
    if (g.dnum && !entry.withDay && !(g.year || g.noun || g.min || g.alt)) return null;
    const v = resolveMonthRef(ctx, g, day);
    if (!v) return null;
    return makeResult({
      index,
      end: match.index + match[0].length,
      start: v.start,
      stop: v.stop,
      precision: 'day',
      known: v.known,
      implied: v.implied,
      tags: v.tags,
      facts: { source: 'absolute-date', ...v.facts },
      hijri: v.hijri,
    });
  },
};
