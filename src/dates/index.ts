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

/** Sticky copies of parser patterns (for `firsts`). */
const STICKY = new Map<RegExp, RegExp>();

interface FirstNode {
  next: Map<number, FirstNode>;
  /** Bit per parser (PARSERS index) whose first element can be the phrase ending here. */
  parsers: number;
}

/** The first elements of all parsers with `firsts`: one trie of phrases, digit bit masks. */
const FIRSTS = (() => {
  const root: FirstNode = { next: new Map(), parsers: 0 };
  let digit = 0;
  let articleDigit = 0;
  let all = 0;
  PARSERS.forEach((parser, i) => {
    const f = parser.firsts;
    // the candidates are word starts: a phrase that opens with a non-word character (or too
    // many parsers for the masks) leaves the parser to its full scan
    if (!f || i > 30 || f.phrases.some((p) => p !== '' && !isWordCharAt(p, 0))) return;
    const bit = 1 << i;
    all |= bit;
    if (f.digit) digit |= bit;
    if (f.articleDigit) articleDigit |= bit;
    for (const phrase of f.phrases) {
      if (!phrase) continue;
      let node = root;
      for (let k = 0; k < phrase.length; k++) {
        const c = phrase.charCodeAt(k);
        let child = node.next.get(c);
        if (!child) node.next.set(c, (child = { next: new Map(), parsers: 0 }));
        node = child;
      }
      node.parsers |= bit;
    }
  });
  return { root, digit, articleDigit, all };
})();

const SPACE_CHAR = /\s/;
const isSpaceAt = (text: string, i: number) => i < text.length && SPACE_CHAR.test(text[i]);
const isDigitAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};
/** SRC.W as a test on one code unit. */
function isWordCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f) ||
    (c >= 0x621 && c <= 0x64a) || (c >= 0x66e && c <= 0x6d3) || (c >= 0x6fa && c <= 0x6fc)
  );
}

/** Parsers (bit mask) whose first element may begin at c: a phrase of the trie, a digit, "ال" + digit. */
function firstsAt(text: string, c: number): number {
  let mask = 0;
  let node: FirstNode | undefined = FIRSTS.root;
  for (let k = c; node && k < text.length; ) {
    const space: FirstNode | undefined = node.next.get(32);
    if (space && isSpaceAt(text, k)) {
      // a space of a phrase is \s+ in its pattern (the next phrase letter is never white space)
      while (isSpaceAt(text, k)) k++;
      node = space;
    } else {
      node = node.next.get(text.charCodeAt(k));
      k++;
    }
    if (node) mask |= node.parsers;
  }
  if (isDigitAt(text, c)) mask |= FIRSTS.digit;
  else if (FIRSTS.articleDigit && text.charCodeAt(c) === 0x627 && text.charCodeAt(c + 1) === 0x644) {
    // ال\s?-?\s?\d: a digit within three more characters, only white space and a dash before it
    for (let k = c + 2; k <= c + 5 && k < text.length; k++) {
      if (isDigitAt(text, k)) {
        mask |= FIRSTS.articleDigit;
        break;
      }
      if (text[k] !== '-' && !isSpaceAt(text, k)) break;
    }
  }
  return mask;
}

/**
 * Per parser with `firsts`: the word starts (no SRC.W character before) where its pattern may
 * match, i.e. where its first element stands after at most two letters of proclitics.
 */
function candidatePositions(text: string): number[][] {
  const out: number[][] = PARSERS.map(() => []);
  if (!FIRSTS.all) return out;
  const n = text.length;
  for (let r = 0; r < n; r++) {
    if (!isWordCharAt(text, r) || (r > 0 && isWordCharAt(text, r - 1))) continue;
    const mask = firstsAt(text, r) | firstsAt(text, r + 1) | firstsAt(text, r + 2);
    if (!mask) continue;
    for (let i = 0; i < out.length; i++) if (mask & (1 << i)) out[i].push(r);
  }
  return out;
}

/** Runs every parser over the whole text; results sorted by position. */
function runParsers(ctx: ParsingContext): DateResult[] {
  const results: DateResult[] = [];
  const gates = new Map<RegExp, boolean>();
  let candidates: number[][] | null = null;
  PARSERS.forEach((parser, priority) => {
    if (parser.gate) {
      let open = gates.get(parser.gate);
      if (open === undefined) gates.set(parser.gate, (open = parser.gate.test(ctx.text)));
      if (!open) return;
    }
    const re = parser.pattern(ctx);
    if (FIRSTS.all & (1 << priority)) {
      // the same matches as the global scan below: it would find the leftmost match at or
      // after lastIndex, and every position a match can start at is a candidate
      let sticky = STICKY.get(re);
      if (!sticky) STICKY.set(re, (sticky = new RegExp(re.source, re.flags.replace('g', '') + 'y')));
      let from = 0;
      candidates ??= candidatePositions(ctx.text);
      for (const p of candidates[priority]) {
        if (p < from) continue;
        sticky.lastIndex = p;
        const m = sticky.exec(ctx.text);
        if (!m) continue;
        const r = parser.extract(ctx, m);
        if (r) {
          r.priority = priority;
          results.push(r);
          ctx.debug(() => `[dates/${parser.name}] "${ctx.text.slice(r.index, r.end)}"`);
          from = Math.max(r.end, m.index + 1);
        } else {
          from = m.index + 1;
        }
      }
      return;
    }
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
