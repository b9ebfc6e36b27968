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
import { isWordCode } from './lexicon.ts';
import { isSpaceCode } from '../text/char-codes.ts';
import type { DateMention, DateParser, DateParsingOptions, DateResult, ParsingContext } from './types.ts';

export type { DateMention, DateParsingOptions, DatePrecision, DateKind, PartOfDay, HoursWindow } from './types.ts';

const DEBUG = Boolean(process.env.RASAD_DEBUG_DATES);

/**
 * Per parser pattern: a sticky copy (for `firsts` and `digitsFirst`), and a sticky copy with
 * the d flag, run again at a match whose extractor asks for indices.
 */
const STICKY = new Map<RegExp, { plain: RegExp; withIndices: RegExp }>();

function stickyCopies(re: RegExp): { plain: RegExp; withIndices: RegExp } {
  let s = STICKY.get(re);
  if (!s) {
    const flags = re.flags.replace(/[gdy]/g, '');
    STICKY.set(re, (s = { plain: new RegExp(re.source, flags + 'y'), withIndices: new RegExp(re.source, flags + 'dy') }));
  }
  return s;
}

const isDigitCode = (c: number) => c >= 48 && c <= 57;
/** Per code unit: WORD_CHAR (isWordCode), DIGIT_CHAR, SPACE_CHAR (isSpaceCode). */
const WORD_CHAR = 1;
const DIGIT_CHAR = 2;
const SPACE_CHAR = 4;
const CHAR_CLASS = (() => {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = (isWordCode(c) ? WORD_CHAR : 0) | (isDigitCode(c) ? DIGIT_CHAR : 0) | (isSpaceCode(c) ? SPACE_CHAR : 0);
  return t;
})();

/** Parser masks (one bit per PARSERS index) have room for this many parsers. */
const MAX_MASKED = 16;

/**
 * The first elements of all parsers with `firsts`, and the phrases of all word gates: one
 * trie of their phrases over the letters they use (flat tables: the walk runs at every word
 * start), whose nodes carry two parser masks (first elements, word gates), and bit masks for
 * the digit openings.
 */
const FIRSTS = (() => {
  const opensWord = (p: string) => p === '' || isWordCode(p.charCodeAt(0));
  const firstsOf: (readonly string[] | null)[] = PARSERS.map((parser, i) =>
    // the candidates are word starts: a phrase that opens with a non-word character (or too
    // many parsers for the masks) leaves the parser to its full scan
    parser.firsts && i < MAX_MASKED && parser.firsts.phrases.every(opensWord) ? parser.firsts.phrases : null,
  );
  const gatesOf: (readonly string[] | null)[] = PARSERS.map((parser, i) =>
    parser.wordGate && i < MAX_MASKED && parser.wordGate.every(opensWord) ? parser.wordGate : null,
  );
  const all = [...firstsOf, ...gatesOf].flatMap((ps) => ps ?? []);
  const letters = new Int16Array(0x10000).fill(-1);
  let nLetters = 0;
  let size = 1;
  for (const p of all) {
    size += p.length;
    for (let k = 0; k < p.length; k++) if (letters[p.charCodeAt(k)] < 0) letters[p.charCodeAt(k)] = nLetters++;
  }
  const next = new Int32Array(size * Math.max(1, nLetters));
  /** Per node: first-element mask in the low 16 bits, word-gate mask in the high 16. */
  const masks = new Int32Array(size);
  let nodes = 1;
  const add = (p: string, bit: number) => {
    if (!p) return;
    let node = 0;
    for (let k = 0; k < p.length; k++) {
      const at = node * nLetters + letters[p.charCodeAt(k)];
      if (!next[at]) next[at] = nodes++;
      node = next[at];
    }
    masks[node] |= bit;
  };
  let digit = 0;
  let articleDigit = 0;
  let firsts = 0;
  let wordGates = 0;
  PARSERS.forEach((parser, i) => {
    if (firstsOf[i]) {
      firsts |= 1 << i;
      if (parser.firsts!.digit) digit |= 1 << i;
      if (parser.firsts!.articleDigit) articleDigit |= 1 << i;
      for (const p of firstsOf[i]!) add(p, 1 << i);
    }
    if (gatesOf[i]) {
      wordGates |= 1 << i;
      for (const p of gatesOf[i]!) add(p, 1 << (i + MAX_MASKED));
    }
  });
  /** Code units a phrase, a digit or "ال" + digit may begin with. */
  const opens = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if ((letters[c] >= 0 && next[letters[c]]) || isDigitCode(c) || c === 0x627) opens[c] = 1;
  // parsers sharing an opening share their candidates (see DateParser.opening)
  for (const a of PARSERS) for (const b of PARSERS) {
    if (a.opening && a.opening === b.opening && JSON.stringify(a.firsts) !== JSON.stringify(b.firsts)) throw new Error(`dates: ${a.name} and ${b.name} share an opening, not their firsts`);
  }
  return { letters, nLetters, next, masks, opens, space: letters[32], digit, articleDigit, firsts, wordGates };
})();

/**
 * Parsers (FIRSTS.masks layout) whose first element or word-gate phrase may begin at c: a
 * phrase of the trie, a digit, "ال" + digit.
 */
function firstsAt(text: string, c: number): number {
  const { letters, nLetters, next, masks, space } = FIRSTS;
  const n = text.length;
  let mask = 0;
  let node = 0;
  for (let k = c; k < n; ) {
    const ch = text.charCodeAt(k);
    if (space >= 0 && CHAR_CLASS[ch] & SPACE_CHAR && next[node * nLetters + space]) {
      // a space of a phrase is \s+ in its pattern (the next letter of a phrase is never white space)
      node = next[node * nLetters + space];
      k++;
      while (k < n && CHAR_CLASS[text.charCodeAt(k)] & SPACE_CHAR) k++;
    } else {
      const l = letters[ch];
      if (l < 0 || !(node = next[node * nLetters + l])) break;
      k++;
    }
    mask |= masks[node];
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

/** What one walk over a text finds for runParsers. */
interface Walk {
  /** Per parser with `firsts` or `digitsFirst`: the positions where its pattern may match. */
  candidates: number[][];
  /** Parsers (bit mask) whose word gate stands in the text. */
  wordGates: number;
  /** Length of the longest run of ASCII digits. */
  longestDigitRun: number;
}

/**
 * One pass over the text. Per parser with `firsts`: the word starts (no SRC.W character
 * before) where its pattern may match, i.e. where its first element stands after the
 * proclitics SRC.CLITIC allows (every parser with `firsts` opens with SRC.LB + SRC.CLITIC, see
 * DateParser.firsts); the same walk finds the word-gate phrases. Per parser with
 * `digitsFirst`: the digit runs that fit.
 */
function walk(text: string): Walk {
  const candidates: number[][] = PARSERS.map(() => []);
  const n = text.length;
  let wordGates = 0;
  let longestDigitRun = 0;
  for (let r = 0; r < n; ) {
    // to the next word start
    while (r < n && !(CHAR_CLASS[text.charCodeAt(r)] & WORD_CHAR)) r++;
    if (r === n) break;
    // SRC.CLITIC is [وف]?[بل]?: the first element stands one letter in only after one of
    // و ف ب ل, two letters in only after و or ف then ب or ل
    const c0 = text.charCodeAt(r);
    const conj = c0 === 0x648 || c0 === 0x641;
    let mask = FIRSTS.opens[c0] ? firstsAt(text, r) : 0;
    if (conj || c0 === 0x628 || c0 === 0x644) {
      const c1 = text.charCodeAt(r + 1);
      if (FIRSTS.opens[c1]) mask |= firstsAt(text, r + 1);
      if (conj && (c1 === 0x628 || c1 === 0x644) && FIRSTS.opens[text.charCodeAt(r + 2)]) mask |= firstsAt(text, r + 2);
    }
    wordGates |= mask >>> MAX_MASKED;
    for (let m = mask & FIRSTS.firsts; m; m &= m - 1) candidates[31 - Math.clz32(m & -m)].push(r);
    // through the word, with its digit runs (digits are word characters)
    let runStart = -1;
    for (; r < n; r++) {
      const cls = CHAR_CLASS[text.charCodeAt(r)];
      if (cls & DIGIT_CHAR) {
        if (runStart < 0) runStart = r;
        continue;
      }
      if (runStart >= 0) {
        digitRunEnds(text, runStart, r, candidates);
        longestDigitRun = Math.max(longestDigitRun, r - runStart);
        runStart = -1;
      }
      if (!(cls & WORD_CHAR)) break;
    }
    if (runStart >= 0) {
      digitRunEnds(text, runStart, r, candidates);
      longestDigitRun = Math.max(longestDigitRun, r - runStart);
    }
  }
  return { candidates, wordGates, longestDigitRun };
}

/** Parsers with `digitsFirst` (and no usable `firsts`), by PARSERS index. */
const DIGITS_FIRST = PARSERS.flatMap((parser, i) => (parser.digitsFirst && !(FIRSTS.firsts & (1 << i)) ? [i] : []));

/** A run of digits text[from, to): a candidate for the parsers with `digitsFirst` it fits. */
function digitRunEnds(text: string, from: number, to: number, candidates: number[][]): void {
  for (const i of DIGITS_FIRST) {
    const d = PARSERS[i].digitsFirst!;
    if (to - from > d.maxDigits || to >= text.length) continue;
    const next = text[to];
    if (d.next.includes(next) || (CHAR_CLASS[next.charCodeAt(0)] & SPACE_CHAR && to + 1 < text.length && d.nextAfterSpace.includes(text[to + 1]))) {
      candidates[i].push(from);
    }
  }
}

/** Runs every parser over the whole text; results sorted by position. */
function runParsers(ctx: ParsingContext): DateResult[] {
  const results: DateResult[] = [];
  const gates = new Map<RegExp, boolean>();
  /** Per opening: the candidates where it matches. */
  const opened = new Map<RegExp, number[]>();
  let found: Walk | null = null;
  PARSERS.forEach((parser, priority) => {
    const bit = 1 << priority;
    const tried = (FIRSTS.firsts & bit) !== 0 || DIGITS_FIRST.includes(priority);
    if (tried || (FIRSTS.wordGates & bit) !== 0 || parser.minDigitRun) found ??= walk(ctx.text);
    // no candidate, no word gate or no digits: no match
    if (tried && !found!.candidates[priority].length) return;
    if (FIRSTS.wordGates & bit && !(found!.wordGates & bit)) return;
    if (parser.minDigitRun && found!.longestDigitRun < parser.minDigitRun) return;
    const from = results.length;
    let candidates = found?.candidates[priority] ?? [];
    if (parser.opening) {
      const opening = parser.opening;
      let kept = opened.get(opening);
      if (!kept) {
        opened.set(opening, (kept = candidates.filter((p) => ((opening.lastIndex = p), opening.test(ctx.text)))));
      }
      candidates = kept;
    }
    if (tried) runAtCandidates(ctx, parser, priority, candidates, results);
    else runEverywhere(ctx, parser, priority, results);
    if (parser.gate && results.length > from) {
      let open = gates.get(parser.gate);
      if (open === undefined) gates.set(parser.gate, (open = parser.gate.test(ctx.text)));
      if (!open) results.length = from;
    }
  });
  if (DEBUG) for (const r of results) ctx.debug(() => `[dates/${PARSERS[r.priority].name}] "${ctx.text.slice(r.index, r.end)}"`);
  return results.sort((a, b) => a.index - b.index);
}

/**
 * The pattern tried, sticky, at each candidate: the same matches as the global scan of
 * runEverywhere, which would find the leftmost match at or after lastIndex, as every position
 * a match can start at is a candidate.
 */
function runAtCandidates(ctx: ParsingContext, parser: DateParser, priority: number, candidates: number[], results: DateResult[]): void {
  const { plain, withIndices } = stickyCopies(parser.pattern(ctx));
  let at = 0;
  const indices = () => {
    withIndices.lastIndex = at;
    return withIndices.exec(ctx.text)!.indices!;
  };
  let from = 0;
  for (const p of candidates) {
    if (p < from) continue;
    plain.lastIndex = p;
    const m = plain.exec(ctx.text);
    if (!m) continue;
    at = m.index;
    const r = parser.extract(ctx, m, indices);
    if (r) {
      r.priority = priority;
      results.push(r);
      from = Math.max(r.end, m.index + 1);
    } else {
      from = m.index + 1;
    }
  }
}

function runEverywhere(ctx: ParsingContext, parser: DateParser, priority: number, results: DateResult[]): void {
  const re = parser.pattern(ctx);
  const { withIndices } = stickyCopies(re);
  let at = 0;
  const indices = () => {
    withIndices.lastIndex = at;
    return withIndices.exec(ctx.text)!.indices!;
  };
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(ctx.text))) {
    at = m.index;
    const r = parser.extract(ctx, m, indices);
    if (r) {
      r.priority = priority;
      results.push(r);
      // a result shorter than its match (a window that was one time) resumes after itself
      re.lastIndex = Math.max(r.end, m.index + 1);
    } else {
      re.lastIndex = m.index + 1;
    }
  }
}

function toMention(original: string, norm: NormalizedText, r: DateResult, ref: number | null): DateMention {
  const span = toOriginalSpan(norm, r.index, r.end);
  // keep the marks that normalization dropped at the end of the last word (صباحاً's tanween)
  while (span.end < original.length && isDeleted(original[span.end])) span.end++;
  const tags = [...r.tags];
  if (ref !== null && r.start !== null && r.start > ref && !r.tags.has('future')) tags.push('future');
  const implied: string[] = [];
  for (const c of r.implied) if (!r.known.has(c)) implied.push(c);
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
    tags,
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
