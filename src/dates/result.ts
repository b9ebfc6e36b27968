/**
 * @module dates/result
 * Building results and resolving them against the publication day: year inference, most
 * recent weekday, months and weeks. Shared by parsers and refiners so that every phrasing
 * resolves the same way (CODING.md "Dates").
 */
import {
  addMonths,
  dayNumber,
  dayToHijri,
  hijriMonthSpan,
  hijriToDay,
  isValidDate,
  monthSpan,
  toYmd,
  weekStartOf,
  weekdayOf,
  yearSpan,
} from './calendar.ts';
import type { DateComponent, DateKind, DatePrecision, DateResult, ParsingContext, ResultFacts } from './types.ts';

/** Fields a parser supplies; the rest gets defaults. */
export interface ResultInit {
  index: number;
  end: number;
  start: number | null;
  stop: number | null;
  precision: DatePrecision;
  kind?: DateKind;
  known?: DateComponent[];
  implied?: DateComponent[];
  tags?: string[];
  facts: ResultFacts;
  hijri?: boolean;
}

/** Creates a result; an unresolved one (start null) gets precision 'unknown'. */
export function makeResult(init: ResultInit): DateResult {
  const resolved = init.start !== null || init.stop !== null;
  const r: DateResult = {
    index: init.index,
    end: init.end,
    start: init.start,
    stop: init.stop,
    precision: resolved ? init.precision : 'unknown',
    kind: init.kind ?? 'point',
    known: new Set(init.known ?? []),
    implied: new Set(init.implied ?? []),
    tags: new Set([parserTag(init.facts.source)]),
    facts: init.facts,
    priority: 0,
  };
  if (init.tags) for (const t of init.tags) r.tags.add(t);
  if (init.hijri) r.hijri = true;
  return r;
}

/** "parser/<source>", one string per source. */
const PARSER_TAGS = new Map<string, string>();
function parserTag(source: string): string {
  let tag = PARSER_TAGS.get(source);
  if (tag === undefined) PARSER_TAGS.set(source, (tag = `parser/${source}`));
  return tag;
}

/** Span start once attached proclitics (named group `pre`) are skipped. */
export function spanStart(match: RegExpExecArray): number {
  return match.index + (match.groups?.pre?.length ?? 0);
}

/** The text just before `index`, at most `n` characters (for look-behind checks). */
export function before(ctx: ParsingContext, index: number, n = 48): string {
  return ctx.text.slice(Math.max(0, index - n), index);
}

/** The text just after `end`, at most `n` characters. */
export function after(ctx: ParsingContext, end: number, n = 48): string {
  return ctx.text.slice(end, end + n);
}

/**
 * The year of a day-month written without a year: the most recent such date not after the
 * publication day plus the slack. Null without a reference day or for an impossible date.
 * @example with ref 2022-01-27: inferYear(ctx, 1, 20) === 2022, inferYear(ctx, 3, 5) === 2021
 */
export function inferYear(ctx: ParsingContext, m: number, d: number, ref: number | null = ctx.ref): number | null {
  if (ref === null) return null;
  const limit = ref + ctx.yearSlackDays;
  let y = toYmd(ref).y + 1;
  for (let i = 0; i < 6; i++, y--) {
    if (isValidDate(y, m, d) && dayNumber(y, m, d) <= limit) return y;
  }
  return null;
}

/** The most recent day with this weekday on or before the reference day (strictly before if `strict`). */
export function lastWeekday(ref: number, weekday: number, strict = false): number {
  let delta = (weekdayOf(ref) - weekday + 7) % 7;
  if (strict && delta === 0) delta = 7;
  return ref - delta;
}

/** The next day with this weekday strictly after the reference day. */
export function nextWeekday(ref: number, weekday: number): number {
  const delta = (weekday - weekdayOf(ref) + 7) % 7;
  return ref + (delta === 0 ? 7 : delta);
}

/** The day with this weekday closest to `around` (within three days either side). */
export function nearestWeekday(around: number, weekday: number): number {
  const fwd = (weekday - weekdayOf(around) + 7) % 7;
  return fwd <= 3 ? around + fwd : around + fwd - 7;
}

/**
 * The year of a month written without a year: the most recent such month whose first day is
 * not after the publication day plus the slack. `offset` -1 ("مارس الماضي") wants one before
 * the current month, +1 ("مارس المقبل") one after.
 */
export function inferMonthYear(ctx: ParsingContext, m: number, offset = 0): number | null {
  if (ctx.ref === null) return null;
  const { y: ry, m: rm } = toYmd(ctx.ref);
  if (offset < 0) return m < rm ? ry : ry - 1;
  if (offset > 0) return m > rm ? ry : ry + 1;
  return dayNumber(ry, m, 1) <= ctx.ref + ctx.yearSlackDays ? ry : ry - 1;
}

/** A Gregorian month span, or the month `offset` months from the reference month. */
export function relativeMonthSpan(ctx: ParsingContext, offset: number): { y: number; m: number; span: [number, number] } | null {
  if (ctx.ref === null) return null;
  const { y, m } = toYmd(ctx.ref);
  const t = addMonths(y, m, offset);
  return { ...t, span: monthSpan(t.y, t.m) };
}

/** The calendar week `offset` weeks from the reference week (weeks start on ctx.weekStart). */
export function relativeWeekSpan(ctx: ParsingContext, offset: number): [number, number] | null {
  if (ctx.ref === null) return null;
  const s = weekStartOf(ctx.ref, ctx.weekStart) + 7 * offset;
  return [s, s + 6];
}

/** A Gregorian year span `offset` years from the reference year. */
export function relativeYearSpan(ctx: ParsingContext, offset: number): [number, number] | null {
  if (ctx.ref === null) return null;
  return yearSpan(toYmd(ctx.ref).y + offset);
}

/** A part (early / mid / late) of a span of days. Months split 1–10, 11–20, 21–end. */
export function partOfSpan(span: [number, number], part: 'early' | 'mid' | 'late', unit: 'week' | 'month' | 'year'): [number, number] {
  const [s, e] = span;
  if (unit === 'month') {
    if (part === 'early') return [s, s + 9];
    if (part === 'mid') return [s + 10, s + 19];
    return [s + 20, e];
  }
  if (unit === 'year') {
    const y = toYmd(s).y;
    if (part === 'early') return [s, monthSpan(y, 4)[1]];
    if (part === 'mid') return [dayNumber(y, 5, 1), monthSpan(y, 8)[1]];
    return [dayNumber(y, 9, 1), e];
  }
  if (part === 'early') return [s, s + 2];
  if (part === 'mid') return [s + 2, s + 4];
  return [s + 4, e];
}

/** Hijri year of a day-month written without a year (most recent not after ref + slack). */
export function inferHijriYear(ctx: ParsingContext, m: number, d: number): number | null {
  if (ctx.ref === null) return null;
  const hy = dayToHijri(ctx.ref).y;
  for (const y of [hy + 1, hy, hy - 1, hy - 2]) {
    const day = hijriToDay(y, m, d);
    if (day !== null && day <= ctx.ref + ctx.yearSlackDays) return y;
  }
  return null;
}

/** Hijri month span, most recent such month (offset as in inferMonthYear) when no year. */
export function hijriMonth(ctx: ParsingContext, m: number, year: number | null, offset = 0): [number, number] | null {
  if (year !== null) return hijriMonthSpan(year, m);
  if (ctx.ref === null) return null;
  const cur = dayToHijri(ctx.ref);
  let y: number;
  if (offset < 0) y = m < cur.m ? cur.y : cur.y - 1;
  else if (offset > 0) y = m > cur.m ? cur.y : cur.y + 1;
  else {
    y = cur.y;
    const first = hijriToDay(y, m, 1);
    if (first === null || first > ctx.ref + ctx.yearSlackDays) y -= 1;
  }
  return hijriMonthSpan(y, m);
}
