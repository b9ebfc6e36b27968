/**
 * @module dates/parsers/relative-period
 * Calendar periods named relative to publication: "الأسبوع الماضي" (the calendar week before
 * the current one; weeks start on ctx.weekStart, Sunday by default), "الشهر الماضي"،
 * "هذا العام"، "العام الماضي"، "مطلع الشهر الجاري"، "نهاية الأسبوع الماضي". Precision week,
 * month or year; a part of a period is a range.
 */
import { LEX, lookup, phraseList, previousWord, SRC, withoutConjunction } from '../lexicon.ts';
import { makeResult, partOfSpan, relativeMonthSpan, relativeWeekSpan, relativeYearSpan, spanStart } from '../result.ts';
import type { DateParser } from '../types.ts';

const PATTERN = new RegExp(
  SRC.LB +
    SRC.CLITIC +
    `(?:(?<part>${SRC.periodPart})\\s+)?(?:(?<this>${SRC.this})\\s+)?(?<unit>${SRC.period})(?:\\s+(?<off>${SRC.periodOffset}))?${SRC.RB}`,
  'gu',
);

export const relativePeriodParser: DateParser = {
  name: 'relative-period',
  // the period noun follows the proclitics or white space
  wordGate: phraseList('period'),
  pattern: () => PATTERN,
  // first element after the proclitics: a period part, "this" or the period noun
  firsts: { phrases: phraseList('period-part', 'this', 'period') },
  extract(ctx, match) {
    const g = match.groups!;
    const unit = lookup(LEX.periods, g.unit);
    const off = g.this ? 0 : lookup(LEX.periodOffsets, g.off);
    if (!unit || off === undefined) return null;
    const index = spanStart(match);
    // "الأمين العام السابق" is the former secretary-general, not last year
    if (unit === 'year' && !g.part && !g.this && LEX.yearAdjectiveBlockers.has(withoutConjunction(previousWord(ctx.text, index)))) return null;
    const span =
      unit === 'week' ? relativeWeekSpan(ctx, off) : unit === 'month' ? relativeMonthSpan(ctx, off)?.span ?? null : relativeYearSpan(ctx, off);
    let precision: 'week' | 'month' | 'year' | 'range' = unit;
    const tags: string[] = [`period/${unit}`];
    if (unit === 'year') tags.push('year-only');
    let [start, stop] = span ?? [null, null];
    const part = lookup(LEX.periodParts, g.part);
    if (part) {
      tags.push(`part/${part}`);
      precision = 'range';
      if (span) [start, stop] = partOfSpan(span, part, unit);
    }
    const implied: Array<'day' | 'month' | 'year'> = unit === 'year' ? ['year'] : unit === 'month' ? ['month', 'year'] : ['day', 'month', 'year'];
    return makeResult({
      index,
      end: match.index + match[0].length,
      start,
      stop,
      precision,
      implied,
      tags,
      facts: { source: 'relative-period' },
    });
  },
};
