/**
 * @module dates/configuration
 * The Arabic date pipeline, in order: parsers (all run over the whole normalized text) and
 * refiners (run one after the other). Ordering constraints are commented here, not in the
 * modules.
 */
import { absoluteDateParser } from './parsers/absolute-date.parser.ts';
import { currentMonthDayParser } from './parsers/current-month-day.parser.ts';
import { dayRangeParser } from './parsers/day-range.parser.ts';
import { durationAgoParser } from './parsers/duration-ago.parser.ts';
import { monthParser } from './parsers/month.parser.ts';
import { numericDateParser } from './parsers/numeric-date.parser.ts';
import { pastWindowParser } from './parsers/past-window.parser.ts';
import { relativeDayParser } from './parsers/relative-day.parser.ts';
import { relativePeriodParser } from './parsers/relative-period.parser.ts';
import { timeParser } from './parsers/time.parser.ts';
import { weekdayParser } from './parsers/weekday.parser.ts';
import { yearParser } from './parsers/year.parser.ts';
import { hoursRefiner } from './refiners/hours.refiner.ts';
import { mergeRelativeWeekdayRefiner } from './refiners/merge-relative-weekday.refiner.ts';
import { mergeWeekdayDateRefiner } from './refiners/merge-weekday-date.refiner.ts';
import { namePrefixRefiner } from './refiners/name-prefix.refiner.ts';
import { openRangeRefiner } from './refiners/open-range.refiner.ts';
import { partOfDayRefiner } from './refiners/part-of-day.refiner.ts';
import { rangeRefiner } from './refiners/range.refiner.ts';
import { removeOverlapsRefiner } from './refiners/remove-overlaps.refiner.ts';
import type { DateParser, DateRefiner } from './types.ts';

/** Parsers; on overlaps of equal length the earlier one wins. */
export const PARSERS: readonly DateParser[] = Object.freeze([
  numericDateParser,
  dayRangeParser,
  absoluteDateParser,
  currentMonthDayParser,
  monthParser,
  yearParser,
  pastWindowParser,
  relativePeriodParser,
  durationAgoParser,
  relativeDayParser,
  weekdayParser,
  timeParser,
]);

export const REFINERS: readonly DateRefiner[] = Object.freeze([
  // first, so that merges see one reading of each stretch of text
  removeOverlapsRefiner,
  // before merging: a name ("ثورة 25 يناير") must not become the end of a range
  namePrefixRefiner,
  // "اليوم الخميس" and "الخميس 20 يناير" become one date before a part of day or a range
  // marker is looked for in front of them ("مساء اليوم الخميس")
  mergeRelativeWeekdayRefiner,
  mergeWeekdayDateRefiner,
  // "من مساء الخميس حتى صباح السبت": parts of day first, then the range around them
  partOfDayRefiner,
  // open-range before range: "اعتباراً من الثلاثاء ولغاية 31" opens, then closes
  openRangeRefiner,
  rangeRefiner,
  // last: hours attach to the finished range
  hoursRefiner,
]);
