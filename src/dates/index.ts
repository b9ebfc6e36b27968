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

/** JS \s on one code unit (WhiteSpace and LineTerminator). */
function isSpaceCode(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
const isDigitCode = (c: number) => c >= 48 && c <= 57;
/** SRC.W as a test on one code unit. */
function isWordCode(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f) ||
    (c >= 0x621 && c <= 0x64a) || (c >= 0x66e && c <= 0x6d3) || (c >= 0x6fa && c <= 0x6fc)
  );
}

/**
 * The first elements of all parsers with `firsts`: one trie of their phrases over the letters
 * they use (flat tables: the walk runs at every word start), and bit masks (one bit per
 * PARSERS index) for the digit openings.
 */
const FIRSTS = (() => {
  const usable: number[] = [];
  const letters = new Int16Array(0x10000).fill(-1);
  let size = 1;
  PARSERS.forEach((parser, i) => {
    const f = parser.firsts;
    // the candidates are word starts: a phrase that opens with a non-word character (or too
    // many parsers for the masks) leaves the parser to its full scan
    if (!f || i > 30 || f.phrases.some((p) => p !== '' && !isWordCode(p.charCodeAt(0)))) return;
    usable.push(i);
    for (const p of f.phrases) size += p.length;
  });
  let nLetters = 0;
  for (const i of usable) for (const p of PARSERS[i].firsts!.phrases) for (let k = 0; k < p.length; k++) if (letters[p.charCodeAt(k)] < 0) letters[p.charCodeAt(k)] = nLetters++;
  const next = new Int32Array(size * Math.max(1, nLetters));
  const parsers = new Int32Array(size);
  let nodes = 1;
  let digit = 0;
  let articleDigit = 0;
  let all = 0;
  for (const i of usable) {
    const f = PARSERS[i].firsts!;
    const bit = 1 << i;
    all |= bit;
    if (f.digit) digit |= bit;
    if (f.articleDigit) articleDigit |= bit;
    for (const p of f.phrases) {
      if (!p) continue;
      let node = 0;
      for (let k = 0; k < p.length; k++) {
        const at = node * nLetters + letters[p.charCodeAt(k)];
        if (!next[at]) next[at] = nodes++;
        node = next[at];
      }
      parsers[node] |= bit;
    }
  }
  return { letters, nLetters, next, parsers, space: letters[32], digit, articleDigit, all };
})();

/** Parsers (bit mask) whose first element may begin at c: a phrase of the trie, a digit, "ال" + digit. */
function firstsAt(text: string, c: number): number {
  const { letters, nLetters, next, parsers, space } = FIRSTS;
  const n = text.length;
  let mask = 0;
  let node = 0;
  for (let k = c; k < n; ) {
    const ch = text.charCodeAt(k);
    if (space >= 0 && isSpaceCode(ch) && next[node * nLetters + space]) {
      // a space of a phrase is \s+ in its pattern (the next letter of a phrase is never white space)
      node = next[node * nLetters + space];
      k++;
      while (k < n && isSpaceCode(text.charCodeAt(k))) k++;
    } else {
      const l = letters[ch];
      if (l < 0 || !(node = next[node * nLetters + l])) break;
      k++;
    }
    mask |= parsers[node];
  }
  const c0 = text.charCodeAt(c);
  if (isDigitCode(c0)) mask |= FIRSTS.digit;
  else if (FIRSTS.articleDigit && c0 === 0x627 && text.charCodeAt(c + 1) === 0x644) {
    // ال\s?-?\s?\d: a digit within three more characters, only white space and a dash before it
    for (let k = c + 2; k <= c + 5 && k < n; k++) {
      const d = text.charCodeAt(k);
      if (isDigitCode(d)) {
        mask |= FIRSTS.articleDigit;
        break;
      }
      if (d !== 45 && !isSpaceCode(d)) break;
    }
  }
  return mask;
}

/**
 * Per parser with `firsts`: the word starts (no SRC.W character before) where its pattern may
 * match, i.e. where its first element stands after the proclitics SRC.CLITIC allows (every
 * parser with `firsts` opens with SRC.LB + SRC.CLITIC, see DateParser.firsts).
 */
function candidatePositions(text: string): number[][] {
  const out: number[][] = PARSERS.map(() => []);
  if (!FIRSTS.all) return out;
  const n = text.length;
  let prevWord = false;
  for (let r = 0; r < n; r++) {
    const w = isWordCode(text.charCodeAt(r));
    const start = w && !prevWord;
    prevWord = w;
    if (!start) continue;
    // SRC.CLITIC is [وف]?[بل]?: the first element stands one letter in only after one of
    // و ف ب ل, two letters in only after و or ف then ب or ل
    const c0 = text.charCodeAt(r);
    const conj = c0 === 0x648 || c0 === 0x641;
    let mask = firstsAt(text, r);
    if (conj || c0 === 0x628 || c0 === 0x644) {
      mask |= firstsAt(text, r + 1);
      const c1 = text.charCodeAt(r + 1);
      if (conj && (c1 === 0x628 || c1 === 0x644)) mask |= firstsAt(text, r + 2);
    }
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
    const withFirsts = (FIRSTS.all & (1 << priority)) !== 0;
    if (withFirsts) {
      candidates ??= candidatePositions(ctx.text);
      // no candidate, no match: the gate need not be tried
      if (!candidates[priority].length) return;
    }
    if (parser.gate) {
      let open = gates.get(parser.gate);
      if (open === undefined) gates.set(parser.gate, (open = parser.gate.test(ctx.text)));
      if (!open) return;
    }
    const re = parser.pattern(ctx);
    if (withFirsts) {
      // the same matches as the global scan below: it would find the leftmost match at or
      // after lastIndex, and every position a match can start at is a candidate
      let sticky = STICKY.get(re);
      if (!sticky) STICKY.set(re, (sticky = new RegExp(re.source, re.flags.replace('g', '') + 'y')));
      let from = 0;
      for (const p of candidates![priority]) {
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
