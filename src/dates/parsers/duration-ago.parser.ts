/**
 * @module dates/parsers/duration-ago
 * Durations counted back from publication: "منذ أسبوع"، "منذ يومين"، "قبل ثلاثة أيام"،
 * "قبل نحو 6 أشهر"، "منذ 30 عاماً"، "قبل أيام" (vague). Days and weeks resolve to a day,
 * months to a window of a week either side of the day N months back, years and decades to a
 * year. "قبل يومين من الانتخابات" counts from
 * something else and is left alone.
 */
import { addMonths, dayNumber, daysInMonth, toYmd, yearSpan } from '../calendar.ts';
import { LEX, lookup, monthOf, nextWord, phraseList, SRC } from '../lexicon.ts';
import { after, makeResult, spanStart } from '../result.ts';
import type { DateParser, DatePrecision } from '../types.ts';

const PATTERN = new RegExp(
  SRC.LB +
    SRC.CLITIC +
    `(?<ago>${SRC.ago})\\s+(?:(?<approx>${SRC.approx})\\s+)?` +
    `(?:(?<num>\\d{1,4})\\s*|(?<cw>${SRC.cardinal})\\s+|(?<vague>${SRC.vagueCount})\\s+)?` +
    `(?<unit>${SRC.unit})${SRC.RB}(?:\\s+(?<few>${SRC.vagueAfter})${SRC.RB})?`,
  'gu',
);

/** Half-width of the window around "N months ago". */
const MONTH_SLACK_DAYS = 7;

export const durationAgoParser: DateParser = {
  name: 'duration-ago',
  pattern: () => PATTERN,
  // first element after the proclitics: the "ago" word
  firsts: { phrases: phraseList('ago') },
  extract(ctx, match) {
    const g = match.groups!;
    const u = lookup(LEX.units, g.unit);
    if (!u) return null;
    const end = match.index + match[0].length;
    const next = nextWord(ctx.text, end);
    const blocker = LEX.agoBlockersAfter.get(next);
    if (blocker !== undefined && (blocker === null || blocker.includes(g.ago))) return null;
    const counted = g.num ?? (g.cw ? String(lookup(LEX.cardinals, g.cw)) : undefined);
    // "منذ عام 2011", "قبل يوم الخميس", "قبل شهر رمضان": the unit word is a noun of a date
    if (counted === undefined && u.count === '1' && (/^\s+(?:ال|\d)/.test(after(ctx, end, 4)) || monthOf(next))) return null;
    const tags: string[] = [];
    let count = counted !== undefined ? Number(counted) : u.count === '2' ? 2 : u.count === '1' ? 1 : NaN;
    if (g.approx) tags.push('approximate');
    if (Number.isNaN(count) || g.vague || g.few) tags.push('vague');
    let start: number | null = null;
    let stop: number | null = null;
    let precision: DatePrecision = 'day';
    if (ctx.ref !== null) {
      const ref = ctx.ref;
      const { y, m } = toYmd(ref);
      if (tags.includes('vague')) {
        // "قبل أيام": some days back, not today
        const spans: Record<string, [number, number] | null> = {
          hour: [ref - 1, ref],
          day: [ref - 7, ref - 1],
          week: [ref - 35, ref - 7],
        };
        const s = spans[u.unit] ?? null;
        if (s) [start, stop] = s;
        precision = 'range';
      } else if (u.unit === 'hour') {
        start = stop = ref - Math.floor(count / 24);
        tags.push('approximate');
      } else if (u.unit === 'day' || u.unit === 'week') {
        start = stop = ref - count * (u.unit === 'week' ? 7 : 1);
      } else if (u.unit === 'month') {
        // "قبل نحو شهر" is a day about a month back, not a calendar month: a week either side
        const t = addMonths(y, m, -count);
        const back = dayNumber(t.y, t.m, Math.min(toYmd(ref).d, daysInMonth(t.y, t.m)));
        [start, stop] = [back - MONTH_SLACK_DAYS, Math.min(ref, back + MONTH_SLACK_DAYS)];
        precision = 'range';
        tags.push('approximate');
      } else {
        count *= u.unit === 'decade' ? 10 : 1;
        [start, stop] = yearSpan(y - count);
        precision = 'year';
        tags.push('year-only');
      }
    }
    return makeResult({
      index: spanStart(match),
      end,
      start,
      stop,
      precision,
      kind: 'duration-ago',
      implied: ['day', 'month', 'year'],
      tags,
      facts: { source: 'duration-ago' },
    });
  },
};
