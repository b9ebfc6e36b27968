/**
 * @module dates/parsers/month-ref
 * The "named month" fragment shared by the day-month, day-range and month parsers: a month
 * name, an optional second name of the same month (كانون الثاني/يناير, مارس (آذار)), and an
 * optional year ("2018", "عام 2018 م", "من العام الماضي") or modifier ("الماضي", "الجاري").
 * Resolution lives here too so that every parser infers years the same way.
 */
import { dayNumber, hijriMonthSpan, hijriToDay, isValidDate, monthSpan, toYmd, dayToHijri } from '../calendar.ts';
import { LEX, SRC, lookup, monthOf } from '../lexicon.ts';
import { inferHijriYear, inferMonthYear, inferYear, hijriMonth } from '../result.ts';
import type { DateComponent, ParsingContext, ResultFacts } from '../types.ts';

/**
 * Regex source with named groups month, alt, year, era, yoff, moff. Embed at most once per
 * pattern (group names must be unique).
 */
export const MONTH_REF =
  `(?<month>${SRC.month})${SRC.RB}` +
  `(?:\\s*[/(\\-]?\\s*(?<alt>${SRC.month})${SRC.RB}(?:\\s*\\))?)?` +
  '(?:' +
  `\\s*,?\\s*(?:من\\s+)?(?:${SRC.yearNoun}\\s+)?(?<year>${SRC.year})(?:\\s*(?<era>${SRC.era})${SRC.RB})?` +
  `|\\s+(?:من\\s+)?${SRC.yearPeriod}\\s+(?<yoff>${SRC.periodOffset})${SRC.RB}` +
  `|\\s+(?<moff>${SRC.periodOffset})${SRC.RB}` +
  ')?';

/** A resolved month reference. */
export interface MonthRefValue {
  start: number | null;
  stop: number | null;
  known: DateComponent[];
  implied: DateComponent[];
  tags: string[];
  facts: Omit<ResultFacts, 'source'>;
  hijri: boolean;
}

/** Lexicon tags of the month names matched. */
function monthTags(groups: Record<string, string | undefined>): string[] {
  const tags: string[] = [];
  for (const g of [groups.month, groups.alt]) {
    const e = monthOf(g);
    if (e) tags.push(`lexicon/months.${e.variant}`);
  }
  return [...new Set(tags)];
}

/** True when the match carries a cue beyond the bare month name (year, modifier, pair). */
export function hasMonthCue(groups: Record<string, string | undefined>): boolean {
  return Boolean(groups.alt || groups.year || groups.yoff || groups.moff);
}

/**
 * Resolves the month reference of a match, with a day (`day` given) or as a whole month.
 * Returns null for an impossible date (31 شباط).
 */
export function resolveMonthRef(ctx: ParsingContext, groups: Record<string, string | undefined>, day?: number): MonthRefValue | null {
  const entry = monthOf(groups.month);
  if (!entry) return null;
  const m = entry.month;
  const yoff = lookup(LEX.periodOffsets, groups.yoff);
  const moff = lookup(LEX.periodOffsets, groups.moff);
  const era = lookup(LEX.eras, groups.era);
  const hijri = entry.calendar === 'hijri' || era === 'hijri';
  const writtenYear = groups.year ? Number(groups.year) : null;
  const tags = monthTags(groups);
  if (hijri) tags.push('hijri');
  const known: DateComponent[] = day !== undefined ? ['day', 'month'] : ['month'];
  const implied: DateComponent[] = [];
  if (writtenYear !== null) known.push('year');
  else implied.push('year');

  if (entry.calendar === 'hijri') {
    let hy: number | null = writtenYear;
    if (hy === null && yoff !== undefined && ctx.ref !== null) hy = dayToHijri(ctx.ref).y + yoff;
    if (day !== undefined) {
      if (hy === null) hy = inferHijriYear(ctx, m, day);
      const d = hy === null ? null : hijriToDay(hy, m, day);
      if (hy !== null && d === null) return null;
      return { start: d, stop: d, known, implied, tags, facts: { calendar: 'hijri', y: hy ?? undefined, m, d: day, yearKnown: writtenYear !== null }, hijri: true };
    }
    const span = hy !== null ? hijriMonthSpan(hy, m) : hijriMonth(ctx, m, null, moff ?? 0);
    return { start: span?.[0] ?? null, stop: span?.[1] ?? null, known, implied, tags, facts: { calendar: 'hijri', m, yearKnown: writtenYear !== null }, hijri: true };
  }

  // Gregorian month; a year marked هـ is a Hijri year written with a Gregorian month name,
  // which happens only in error: keep the note, do not resolve.
  if (era === 'hijri') {
    return { start: null, stop: null, known, implied, tags, facts: { calendar: 'gregorian', m, d: day }, hijri: true };
  }
  let y: number | null = writtenYear;
  if (y === null && yoff !== undefined && ctx.ref !== null) y = toYmd(ctx.ref).y + yoff;
  if (day !== undefined) {
    if (y === null && ctx.ref !== null && moff !== undefined) {
      const ry = toYmd(ctx.ref).y;
      if (moff < 0) y = isValidDate(ry, m, day) && dayNumber(ry, m, day) < ctx.ref ? ry : ry - 1;
      else if (moff > 0) y = isValidDate(ry, m, day) && dayNumber(ry, m, day) > ctx.ref ? ry : ry + 1;
      else y = ry;
    }
    if (y === null) y = inferYear(ctx, m, day);
    if (y !== null && !isValidDate(y, m, day)) return null;
    if (y === null && !isValidDate(2000, m, day)) return null; // 2000 is a leap year: 29 شباط passes
    const d = y === null ? null : dayNumber(y, m, day);
    return { start: d, stop: d, known, implied, tags, facts: { calendar: 'gregorian', y: y ?? undefined, m, d: day, yearKnown: writtenYear !== null }, hijri: false };
  }
  if (y === null) y = inferMonthYear(ctx, m, moff ?? 0);
  const span = y === null ? null : monthSpan(y, m);
  return { start: span?.[0] ?? null, stop: span?.[1] ?? null, known, implied, tags, facts: { calendar: 'gregorian', y: y ?? undefined, m, yearKnown: writtenYear !== null }, hijri: false };
}
