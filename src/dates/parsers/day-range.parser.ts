/**
 * @module dates/parsers/day-range
 * Two days sharing one month: "من 24 ولغاية 31 الشهر الجاري", "بين 3 و5 مارس",
 * "من 24 إلى 31 يناير", "ليل 5-6 كانون الثاني/يناير", "من الأول وحتى الخامس من آذار".
 * Ranges across months are two dates joined by the range refiner instead.
 */
import { dayNumber, isValidDate } from '../calendar.ts';
import { CONJUNCTIONS, DAY_OPENING, dayOf, LEX, lookup, PhraseBefore, phraseList, previousWord, SRC } from '../lexicon.ts';
import { makeResult, relativeMonthSpan, spanStart } from '../result.ts';
import type { DateParser } from '../types.ts';
import { ordinalIsAdjective } from './absolute-date.parser.ts';
import { MONTH_REF, resolveMonthRef } from './month-ref.ts';

const DAY = (n: string) => `(?:(?<${n}n>${SRC.dayNumber})|(?<${n}w>${SRC.ordinalDay})${SRC.RB})`;

const PATTERN = new RegExp(
  SRC.LB +
    SRC.CLITIC +
    `(?:${SRC.dayPrefix}\\s+)?` +
    DAY('d1') +
    `\\s*(?<conn>${SRC.rangeTo}|و|-|–)\\s*` +
    DAY('d2') +
    `\\s*(?:من\\s+)?(?:${SRC.monthNoun}\\s+)?` +
    `(?:${MONTH_REF}|(?:(?<this>${SRC.this})\\s+)?${SRC.monthPeriod}(?:\\s+(?<off>${SRC.periodOffset}))?${SRC.RB})`,
  'gu',
);

/** The opener before the range, looked for backwards (a leading optional word slows the scan). */
const OPENER_BEFORE = new PhraseBefore(
  new RegExp(`(?:^|[^${SRC.W}])[وف]?(?:(?<open>${SRC.openRange})|(?<from>${SRC.rangeFrom}))\\s+$`, 'd'),
  [...phraseList('open-range'), ...phraseList('range-from')],
  CONJUNCTIONS,
);

export const dayRangeParser: DateParser = {
  name: 'day-range',
  // no gate: every match holds a month name or الشهر
  pattern: () => PATTERN,
  // first element after the proclitics: a day prefix or the first day
  firsts: { phrases: phraseList('day-prefix', 'ordinal-day'), digit: true, articleDigit: true },
  opening: DAY_OPENING,
  extract(ctx, match) {
    const g = { ...match.groups! };
    let index = spanStart(match);
    const headStart = Math.max(0, index - 24);
    const opener = OPENER_BEFORE.exec(ctx.text, headStart, index);
    if (opener) {
      g.open = opener.groups!.open;
      g.from = opener.groups!.from;
      index = headStart + opener.indices!.groups![g.open ? 'open' : 'from']![0];
    }
    const d1 = dayOf(g.d1n ?? g.d1w);
    const d2 = dayOf(g.d2n ?? g.d2w);
    if (d1 === undefined || d2 === undefined || d1 >= d2) return null;
    // "السادس والعشرين من مايو" is one ordinal (26), not the 6th to the 20th
    if (g.conn === 'و' && g.d1w && g.d2w && LEX.ordinalDays.has(`${g.d1w} و${g.d2w}`)) return null;
    const dayStart = spanStart(match);
    if (g.d1w && !g.from && !g.open && ordinalIsAdjective(ctx, dayStart)) return null;
    if (g.d1w && LEX.monthNameHeads.has(previousWord(ctx.text, dayStart))) return null;
    const tags: string[] = [];
    if (g.conn === 'و') tags.push('range/and');
    if (g.open) tags.push('open-marker');
    const end = match.index + match[0].length;
    if (g.month) {
      const v = resolveMonthRef(ctx, g, d2);
      if (!v) return null;
      return makeResult({
        index,
        end,
        start: v.start === null ? null : v.start - (d2 - d1),
        stop: v.stop,
        precision: 'range',
        kind: 'range',
        known: v.known,
        implied: v.implied,
        tags: [...v.tags, ...tags],
        facts: { source: 'day-range', ...v.facts },
        hijri: v.hijri,
      });
    }
    const off = g.this ? 0 : lookup(LEX.periodOffsets, g.off);
    if (off === undefined) return null;
    // "2-1 الشهر الماضي" without من/بين is more likely a score than a range
    if ((g.conn === '-' || g.conn === '–') && !g.from && !g.open) return null;
    const month = relativeMonthSpan(ctx, off);
    if (month && !isValidDate(month.y, month.m, d2)) return null;
    return makeResult({
      index,
      end,
      start: month ? dayNumber(month.y, month.m, d1) : null,
      stop: month ? dayNumber(month.y, month.m, d2) : null,
      precision: 'range',
      kind: 'range',
      known: ['day'],
      implied: ['month', 'year'],
      tags,
      facts: { source: 'day-range', calendar: 'gregorian', y: month?.y, m: month?.m, d: d2, yearKnown: false },
    });
  },
};
