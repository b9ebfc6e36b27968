/**
 * @module dates
 * Arabic date and time recognition, resolved against a document's publication date
 * (CODING.md "Dates"). Parsers and refiners are listed in configuration.ts; lexicons are in
 * data/lexicons/ar/{months,weekdays,date-words}.tsv.
 *
 * Conventions: weeks start on Sunday (option `weekStart`), so "الأسبوع الماضي" in an article
 * of Thursday 2022-01-27 is Sunday 16 to Saturday 22 January; a year left out is the most
 * recent one not after publication plus `yearSlackDays` (7); a weekday is the most recent on or
 * before publication; dates after publication are kept and tagged 'future'.
 */
import { isDeleted, normalizeWithOffsets, toOriginalSpan, type NormalizedText } from '../text/normalize.ts';
import { formatDay, parsePublished } from './calendar.ts';
import { PARSERS, REFINERS } from './configuration.ts';
import type { DateMention, DateParsingOptions, DateResult, ParsingContext } from './types.ts';

export type { DateMention, DateParsingOptions, DatePrecision, DateKind, PartOfDay, HoursWindow } from './types.ts';

const DEBUG = Boolean(process.env.RASAD_DEBUG_DATES);

/** Runs every parser over the whole text; results sorted by position. */
function runParsers(ctx: ParsingContext): DateResult[] {
  const results: DateResult[] = [];
  const gates = new Map<RegExp, boolean>();
  PARSERS.forEach((parser, priority) => {
    if (parser.gate) {
      let open = gates.get(parser.gate);
      if (open === undefined) gates.set(parser.gate, (open = parser.gate.test(ctx.text)));
      if (!open) return;
    }
    const re = parser.pattern(ctx);
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(ctx.text))) {
      const r = parser.extract(ctx, m);
      if (r) {
        r.priority = priority;
        results.push(r);
        ctx.debug(() => `[dates/${parser.name}] "${ctx.text.slice(r.index, r.end)}"`);
        // a result shorter than its match (a window that was one time) resumes after itself
        re.lastIndex = Math.max(r.end, m.index + 1);
      } else {
        re.lastIndex = m.index + 1;
      }
    }
  });
  return results.sort((a, b) => a.index - b.index);
}

function toMention(original: string, norm: NormalizedText, r: DateResult, ref: number | null): DateMention {
  const span = toOriginalSpan(norm, r.index, r.end);
  // keep the marks that normalization dropped at the end of the last word (صباحاً's tanween)
  while (span.end < original.length && isDeleted(original[span.end])) span.end++;
  const tags = new Set(r.tags);
  if (ref !== null && r.start !== null && r.start > ref) tags.add('future');
  const implied = [...r.implied].filter((c) => !r.known.has(c));
  const m: DateMention = {
    start: span.start,
    end: span.end,
    text: original.slice(span.start, span.end),
    startDate: r.start === null ? null : formatDay(r.start),
    endDate: r.stop === null ? null : formatDay(r.stop),
    precision: r.start === null && r.stop === null ? 'unknown' : r.precision,
    known: [...r.known],
    implied,
    kind: r.kind,
    tags: [...tags],
  };
  if (r.partOfDay) m.partOfDay = r.partOfDay;
  if (r.hours) m.hours = { ...r.hours };
  if (r.time) m.time = r.time;
  if (r.hijri) m.hijri = true;
  return m;
}

/**
 * Finds the dates and times in an Arabic text and resolves them against `published`
 * (YYYY-MM-DD or an ISO date-time; "today" is the date as written in its offset). Without
 * `published`, dates that need it come back with null dates and precision 'unknown'.
 * @example
 * parseDates('طلبت روسيا عقد اجتماع اليوم الخميس', { published: '2022-01-27' })
 * // → [{ text: 'اليوم الخميس', startDate: '2022-01-27', endDate: '2022-01-27', precision: 'day', … }]
 */
export function parseDates(text: string, ref: { published: string | null }, options: DateParsingOptions = {}): DateMention[] {
  if (!text) return [];
  return parseDatesNormalized(text, normalizeWithOffsets(text), ref, options);
}

/**
 * parseDates for a caller that already normalized the text (normalizeWithOffsets or
 * tokenize().norm), so the pipeline normalizes each document once.
 * @example parseDatesNormalized(text, tokenize(text).norm, { published: '2022-01-27' })
 */
export function parseDatesNormalized(
  text: string,
  norm: NormalizedText,
  ref: { published: string | null },
  options: DateParsingOptions = {},
): DateMention[] {
  const refDay = parsePublished(ref.published);
  const ctx: ParsingContext = {
    text: norm.text,
    ref: refDay,
    weekStart: options.weekStart ?? 0,
    yearSlackDays: options.yearSlackDays ?? 7,
    debug: DEBUG ? (f) => process.stderr.write(f() + '\n') : () => {},
  };
  let results = runParsers(ctx);
  for (const refiner of REFINERS) results = refiner.refine(ctx, results);
  return results.map((r) => toMention(text, norm, r, refDay));
}
