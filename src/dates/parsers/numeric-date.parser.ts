/**
 * @module dates/parsers/numeric-date
 * Dates in digits: "1/3/2018" (day first, as in Arabic usage), "01-03-2018", "1.3.2018",
 * "2018-03-01", "1/3/18". A year is required: "3-1" is a score and "5/6" a fraction more
 * often than a date.
 */
import { dayNumber, isValidDate, toYmd } from '../calendar.ts';
import { makeResult } from '../result.ts';
import type { DateParser } from '../types.ts';

// slashes may carry spaces ("9 / 8 / 2018", often with direction marks that normalization drops)
const PATTERN =
  /(?<![A-Za-z0-9\u0621-\u064A/.\-:])(?<a>\d{1,4})(?:(?<sep>[.\-])(?<b>\d{1,2})\k<sep>|\s?\/\s?(?<b2>\d{1,2})\s?\/\s?)(?<c>\d{1,4})(?![\p{N}]|[/.\-:]\d)/gu;

export const numericDateParser: DateParser = {
  name: 'numeric-date',
  pattern: () => PATTERN,
  // the first number: at most four digits, then a separator (white space before a slash)
  digitsFirst: { maxDigits: 4, next: '.-/', nextAfterSpace: '/' },
  extract(ctx, match) {
    const g = match.groups!;
    const tags: string[] = [];
    const sep = g.sep ?? '/';
    const b = g.b ?? g.b2;
    let y: number, m: number, d: number;
    if (g.a.length === 4 && g.c.length <= 2) {
      [y, m, d] = [Number(g.a), Number(b), Number(g.c)];
    } else if (g.a.length <= 2 && (g.c.length === 4 || (g.c.length === 2 && sep === '/'))) {
      [d, m, y] = [Number(g.a), Number(b), Number(g.c)];
      if (g.c.length === 2) {
        const cur = ctx.ref === null ? 2100 : toYmd(ctx.ref).y + 1;
        y = 2000 + y <= cur ? 2000 + y : 1900 + y;
        tags.push('two-digit-year');
      }
      if (m > 12 && d <= 12) {
        [d, m] = [m, d]; // month first, as some outlets write it
        tags.push('month-first');
      }
    } else return null;
    if (y < 1900 || y > 2100 || !isValidDate(y, m, d)) return null;
    const day = dayNumber(y, m, d);
    return makeResult({
      index: match.index,
      end: match.index + match[0].length,
      start: day,
      stop: day,
      precision: 'day',
      known: ['day', 'month', 'year'],
      tags,
      facts: { source: 'numeric-date', calendar: 'gregorian', y, m, d, yearKnown: true },
    });
  },
};
