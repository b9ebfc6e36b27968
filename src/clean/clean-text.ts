/**
 * @module clean/clean-text
 * The CLEAN stage for plain text: removes site furniture before and after the body of an
 * article (share bars, related-article blocks, bylines, copyright footers, captions, credits,
 * menus) and normalizes whitespace. The phrases are data (data/lexicons/ar/boilerplate.tsv);
 * this module holds only general rules about lines: where a line sits, how long it is,
 * whether it reads as a sentence. Real body lines in the middle of the text are never touched
 * by the positional rules, so a short subheading between two paragraphs survives.
 */
import { readFileSync } from 'node:fs';
import { isDeleted, normalizeArabic, normalizeChar } from '../text/normalize.ts';

export type BoilerplateKind = 'line' | 'heading' | 'footer';

/** One row of the boilerplate lexicon. */
export interface BoilerplateRule {
  cue: string;
  kind: BoilerplateKind;
  where: 'start' | 'any';
  /** The line is furniture only if it has at most this many words; 0 = any length. */
  maxWords: number;
  zone: 'any' | 'edge';
  reason: string;
}

export interface RemovedLine {
  text: string;
  reason: string;
}

export interface CleanResult {
  text: string;
  removed: RemovedLine[];
}

/** Lines of at most this many words, with no sentence marks, may be menu items. */
const MENU_MAX_WORDS = 4;
/** At the top, a stricter size: a short title must not be mistaken for a menu. */
const LEADING_MENU_MAX_WORDS = 3;
/** A leading run needs this many menu-like lines (a title plus a dek is two). */
const LEADING_MENU_MIN_RUN = 3;
/** Lines that follow a mid-text related-articles heading and look like link titles. */
const HEADLINE_MAX_WORDS = 15;
const HEADING_BLOCK_MAX_LINES = 6;
/** A line this long is body text: a block heading followed by one is not at the very end. */
const BODY_LINE_WORDS = 20;
/** Share of the text after which a heading or footer cue counts as trailing. */
const TRAILING_FROM = 0.5;
/** How many lines at each end the `edge` zone covers. */
const EDGE_LINES = 3;

const LEXICON_URL = new URL('../../data/lexicons/ar/boilerplate.tsv', import.meta.url);

/** Parses the boilerplate lexicon (TSV with `#` comment lines and a header row). */
export function parseBoilerplateLexicon(tsv: string): BoilerplateRule[] {
  const rules: BoilerplateRule[] = [];
  let header = true;
  for (const [i, raw] of tsv.split(/\r?\n/).entries()) {
    if (!raw.trim() || raw.startsWith('#')) continue;
    const cols = raw.split('\t');
    if (header) {
      header = false;
      if (cols[0] === 'cue') continue;
    }
    const [cue, kind, where, maxWords, zone, reason] = cols.map((c) => c.trim());
    if (!cue || !reason || !['line', 'heading', 'footer'].includes(kind) || !['start', 'any'].includes(where) || !['any', 'edge'].includes(zone) || !/^\d+$/.test(maxWords ?? '')) {
      throw new Error(`boilerplate lexicon line ${i + 1}: malformed row "${raw}"`);
    }
    rules.push({ cue, kind: kind as BoilerplateKind, where: where as 'start' | 'any', maxWords: Number(maxWords), zone: zone as 'any' | 'edge', reason });
  }
  return rules;
}

/** Every Arabic letter of a folded cue matches all the forms that fold to it. */
const LETTER_CLASS: Record<string, string> = {
  '\u0627': '[\u0627\u0623\u0625\u0622\u0671]',
  '\u064A': '[\u064A\u0649\u06CC\u0626]',
  '\u0647': '[\u0647\u0629]',
  '\u0648': '[\u0648\u0624]',
  '\u0643': '[\u0643\u06A9]',
};
/**
 * Letters and digits of the scripts news text uses. Written out rather than as \p{L}\p{N}:
 * Unicode property classes make the cue patterns many times slower to compile and to run.
 */
const LETTER_RANGES: readonly [number, number][] = [
  [0x621, 0x64a], [0x41, 0x5a], [0x61, 0x7a], [0xc0, 0x24f], [0x370, 0x52f], [0x66e, 0x6d3], [0x6fa, 0x6ff],
  [0x750, 0x77f], [0x8a0, 0x8ff], [0x3040, 0x9fff], [0xac00, 0xd7a3], [0xfb50, 0xfefc],
];
const WORD_RANGES: readonly [number, number][] = [...LETTER_RANGES, [0x30, 0x39], [0x660, 0x669], [0x6f0, 0x6f9]];
const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
const toClass = (ranges: readonly [number, number][]) => ranges.map(([lo, hi]) => `${hex(lo)}-${hex(hi)}`).join('');
/** The ranges as the inside of a regex character class. */
const WORD_CLASS = toClass(WORD_RANGES);
const LETTER_CLASS_BODY = toClass(LETTER_RANGES);

/** Marks that folding ignores, allowed after any letter of a cue. */
const MARKS = '[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]*';
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Builds a pattern that matches the cue in raw (unfolded) text; word ends are checked by the caller. */
export function cuePattern(cue: string): string {
  const folded = normalizeArabic(cue);
  let out = '';
  let prevWord = false;
  let prevDigit = false;
  for (const ch of folded) {
    if (ch === ' ') {
      out += '\\s+';
      prevWord = false;
      prevDigit = false;
      continue;
    }
    const isWord = WORD_CHAR.test(ch);
    const isDigit = /\d/.test(ch);
    // a letter next to punctuation or digits may or may not have a space between ("اقرأ .." / "اقرأ..", "فرانس 24")
    if (out && (isWord !== prevWord || isDigit !== prevDigit) && !out.endsWith('\\s+')) out += '\\s*';
    if (LETTER_CLASS[ch]) out += LETTER_CLASS[ch] + MARKS;
    else if (/[\u0600-\u06FF]/.test(ch)) out += ch + MARKS;
    else if (isDigit) out += `[${ch}${String.fromCharCode(0x0660 + Number(ch))}${String.fromCharCode(0x06f0 + Number(ch))}]`;
    else out += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    prevWord = isWord;
    prevDigit = isDigit;
  }
  // a cue that ends in a letter must end a word ("كتب:" is a cue, "كتبت" is not "كتب")
  return WORD_CHAR.test(folded[folded.length - 1] ?? '') ? `${out}(?![${WORD_CLASS}])` : out;
}

/** Case folding only where a cue has Latin letters: it slows Arabic matching. */
function isLatin(cue: string): boolean {
  return /[A-Za-z]/.test(cue);
}

interface CompiledRule extends BoilerplateRule {
  re: RegExp;
  /** The cue begins with a letter or digit, so it must begin a word. */
  wordStart: boolean;
  /** Letter and pair mask bits the line must have for the cue to be there (a cheap first test, see CHAR_INFO). */
  letters: number;
  pairs: number;
  /** Matches the cue followed only by punctuation or a count: a bare block heading. */
  bare: RegExp;
}

/** Before a line-start cue: only bullets or punctuation. */
const AT_START = `^[^${WORD_CLASS}]*`;

/** A cleaner built from a lexicon; `cleanText` uses the project lexicon. */
export class Cleaner {
  /** All line-start cues in one anchored alternation (Latin ones apart, case-folded): most lines fail it at once. */
  private readonly startArabic: RegExp | null;
  private readonly startLatin: RegExp | null;
  /** First two folded letters of every line-start cue: lines opening otherwise skip the regexes. */
  private readonly startKeys: Set<string>;
  /** The one-letter keys among them, as codes: a line opening with such a letter may carry the cue. */
  private readonly oneLetterStartKeys: Set<number>;
  private readonly anyZone: { start: CompiledRule[]; anywhere: CompiledRule[] };
  private readonly edgeZone: { start: CompiledRule[]; anywhere: CompiledRule[] };

  constructor(rules: readonly BoilerplateRule[]) {
    const compiled: CompiledRule[] = rules.map((r) => {
      const p = cuePattern(r.cue);
      const flags = isLatin(r.cue) ? 'i' : '';
      return {
        ...r,
        re: r.where === 'start' ? new RegExp(AT_START + p, flags) : new RegExp(p, `${flags}g`),
        wordStart: WORD_CHAR.test(normalizeArabic(r.cue)[0] ?? ''),
        ...requiredMasks(r.cue),
        bare: new RegExp(`${AT_START}${p}[^${LETTER_CLASS_BODY}]*$`, flags),
      };
    });
    const pick = (zone: string, where: string) => compiled.filter((r) => r.zone === zone && r.where === where);
    this.anyZone = { start: pick('any', 'start'), anywhere: pick('any', 'any') };
    this.edgeZone = { start: pick('edge', 'start'), anywhere: pick('edge', 'any') };
    const startAlternation = (latin: boolean, flags: string) => {
      const cues = rules.filter((r) => r.where === 'start' && isLatin(r.cue) === latin).map((r) => cuePattern(r.cue));
      return cues.length ? new RegExp(`${AT_START}(?:${cues.join('|')})`, flags) : null;
    };
    this.startArabic = startAlternation(false, '');
    this.startLatin = startAlternation(true, 'i');
    this.startKeys = new Set(rules.filter((r) => r.where === 'start').map((r) => openingKey(normalizeArabic(r.cue))));
    this.oneLetterStartKeys = new Set([...this.startKeys].filter((k) => k.length === 1).map((k) => k.charCodeAt(0)));
  }

  clean(raw: string): CleanResult {
    const { lines, words, letters, pairs } = scanLines(raw);
    const removed: (string | null)[] = lines.map(() => null); // reason per line, null = kept
    const n = lines.length;

    const totalChars = lines.reduce((a, l) => a + l.length + 1, 0);
    const startOffset: number[] = [];
    let acc = 0;
    for (const l of lines) {
      startOffset.push(acc);
      acc += l.length + 1;
    }
    const isTrailing = (i: number): boolean => {
      if (startOffset[i] >= totalChars * TRAILING_FROM) return true;
      for (let j = i + 1; j < n; j++) if (removed[j] === null && words[j] >= BODY_LINE_WORDS) return false;
      return true;
    };
    const removeFrom = (i: number, reason: string) => {
      removed[i] = reason;
      for (let j = i + 1; j < n; j++) if (removed[j] === null && lines[j] !== '') removed[j] = `block:${reason}`;
    };

    // pass 1: rules that hold anywhere in the text
    for (let i = 0; i < n; i++) {
      const line = lines[i];
      if (line === '' || removed[i] !== null) continue;
      const generic = genericFurniture(line, words[i]);
      if (generic) {
        removed[i] = generic;
        continue;
      }
      const rule = this.match(line, words[i], letters[i], pairs[i], 'any');
      if (!rule) continue;
      if (rule.kind === 'line') {
        removed[i] = rule.reason;
      } else if (rule.kind === 'footer') {
        if (isTrailing(i)) removeFrom(i, rule.reason);
        else removed[i] = rule.reason;
      } else if (!rule.bare.test(line)) {
        removed[i] = rule.reason; // a one-line teaser: "اقرأ أيضاً: <title>"
      } else if (isTrailing(i)) {
        removeFrom(i, rule.reason);
      } else {
        removed[i] = rule.reason;
        let taken = 0;
        for (let j = i + 1; j < n && taken < HEADING_BLOCK_MAX_LINES; j++) {
          if (lines[j] === '' || removed[j] !== null) continue;
          if (!isHeadlineLike(lines[j], words[j])) break;
          removed[j] = `block:${rule.reason}`;
          taken++;
        }
      }
    }

    // pass 2: edge-only cues and menu runs at both ends, repeated because removing one
    // exposes the next (a credit line under a menu, a menu under a credit line)
    const keptLines = () => {
      const kept: number[] = [];
      for (let i = 0; i < n; i++) if (removed[i] === null && lines[i] !== '') kept.push(i);
      return kept;
    };
    for (let round = 0, changed = true; changed && round < 8; round++) {
      changed = false;
      let kept = keptLines();
      for (const i of new Set([...kept.slice(0, EDGE_LINES), ...kept.slice(-EDGE_LINES)])) {
        const rule = this.match(lines[i], words[i], letters[i], pairs[i], 'edge');
        if (rule) {
          removed[i] = rule.reason;
          changed = true;
        }
      }
      if (changed) kept = keptLines();

      let t = kept.length;
      while (t > 0 && isMenuLike(lines[kept[t - 1]], words[kept[t - 1]], MENU_MAX_WORDS)) t--;
      const trailingRun = kept.length - t;
      // a single short line may be the end of the body; two or more, or one or two words alone, are furniture
      if (t > 0 && (trailingRun >= 2 || (trailingRun === 1 && words[kept[t]] <= 2))) {
        for (let k = t; k < kept.length; k++) removed[kept[k]] = 'menu-trailing';
        changed = true;
        kept = kept.slice(0, t);
      }
      let h = 0;
      while (h < kept.length && isMenuLike(lines[kept[h]], words[kept[h]], LEADING_MENU_MAX_WORDS)) h++;
      if (h < kept.length && h >= LEADING_MENU_MIN_RUN) {
        for (let k = 0; k < h; k++) removed[kept[k]] = 'menu-leading';
        changed = true;
      }
    }

    const out: string[] = [];
    const removedLines: RemovedLine[] = [];
    for (let i = 0; i < n; i++) {
      const reason = removed[i];
      if (reason !== null) {
        if (lines[i] !== '') removedLines.push({ text: lines[i], reason });
        continue;
      }
      const line = lines[i];
      if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
      out.push(line);
    }
    while (out.length && out[out.length - 1] === '') out.pop();
    return { text: out.map(unhashtag).join('\n'), removed: removedLines };
  }

  /**
   * The first rule of the given zone whose cue the line carries within the rule's length
   * (`letters`, `pairs`: the line's masks, see CHAR_INFO).
   */
  private match(line: string, wordCount: number, letters: number, pairs: number, zone: 'any' | 'edge'): CompiledRule | null {
    const lists = zone === 'any' ? this.anyZone : this.edgeZone;
    // line-start cues first: they are the more specific reading of a line
    const key = openingKey(line);
    const opens = this.startKeys.has(key) || (key.length > 1 && this.oneLetterStartKeys.has(key.charCodeAt(0)));
    if (opens && (this.startArabic?.test(line) || this.startLatin?.test(line))) {
      const r = firstHit(lists.start, line, wordCount, letters, pairs);
      if (r) return r;
    }
    return firstHit(lists.anywhere, line, wordCount, letters, pairs);
  }
}

/**
 * The first two letters of a line or cue, folded and lower-cased, skipping leading
 * punctuation and marks; one letter when the first word has only one.
 */
function openingKey(text: string): string {
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = keyFold(c);
    if (CHAR_INFO[c] & WORD_BIT) {
      if (f === SEVERAL_UNITS) return openingKeyByChars(text);
      if (f === DELETED) continue;
      if (first < 0) first = f;
      else return String.fromCharCode(first, f);
    } else if (first >= 0 && f !== DELETED) break;
  }
  return first < 0 ? '' : String.fromCharCode(first);
}

/** openingKey by its definition, with strings (a lower-cased letter may be several code units). */
function openingKeyByChars(text: string): string {
  let key = '';
  for (let i = 0; i < text.length && key.length < 2; i++) {
    const c = text.charCodeAt(i);
    if (isWordCode(c)) key += normalizeChar(text[i]).toLowerCase();
    else if (key !== '' && !isDeleted(text[i])) break;
  }
  return key;
}

/** keyFold results besides a code unit. */
const DELETED = -1;
const SEVERAL_UNITS = -2;
const UNKNOWN = -3;
/** normalizeChar then toLowerCase of each code unit, filled in as met. */
const KEY_FOLD = new Int32Array(0x10000).fill(UNKNOWN);

function keyFold(c: number): number {
  let f = KEY_FOLD[c];
  if (f === UNKNOWN) {
    const s = normalizeChar(String.fromCharCode(c)).toLowerCase();
    KEY_FOLD[c] = f = s === '' ? DELETED : s.length === 1 ? s.charCodeAt(0) : SEVERAL_UNITS;
  }
  return f;
}

function firstHit(rules: readonly CompiledRule[], line: string, wordCount: number, letters: number, pairs: number): CompiledRule | null {
  for (const r of rules) {
    if (r.maxWords > 0 && wordCount > r.maxWords) continue;
    // the mask tests rule out most lines before the folding-aware pattern runs
    if ((letters & r.letters) !== r.letters || (pairs & r.pairs) !== r.pairs) continue;
    if (hasCue(r, line)) return r;
  }
  return null;
}

/**
 * Characters deleted outright: zero-width and bidi controls, BOM, soft hyphen (they carry
 * nothing for extraction), and control characters other than tab and line feed.
 */
const INVISIBLE_OR_CONTROL_RANGES: readonly [number, number][] = [
  [0x200b, 0x200b], [0x200d, 0x200f], [0x202a, 0x202e], [0x2066, 0x2069], [0xfeff, 0xfeff], [0xad, 0xad],
  [0x00, 0x08], [0x0b, 0x0c], [0x0e, 0x1f], [0x7f, 0x84], [0x86, 0x9f],
];
/** Horizontal whitespace other than the plain space. */
const ODD_SPACE_RANGES: readonly [number, number][] = [[0x09, 0x09], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000]];
/** Line ends other than the line feed (CR LF is one). */
const ODD_LINE_END_RANGES: readonly [number, number][] = [[0x0d, 0x0d], [0x2028, 0x2029], [0x85, 0x85]];
const INVISIBLE_OR_CONTROL = new RegExp(`[${toClass(INVISIBLE_OR_CONTROL_RANGES)}]`, 'g');
const ODD_SPACES = new RegExp(`[${toClass(ODD_SPACE_RANGES)}]`, 'g');
const SPACE_RUNS = / {2,}/g;
const ODD_LINE_ENDS = /\r\n?|[\u2028\u2029\u0085]/g;

/** Line ends unified, invisible characters deleted, horizontal white space one plain space. */
function normalizeSpaces(raw: string): string {
  return raw.replace(ODD_LINE_ENDS, '\n').replace(INVISIBLE_OR_CONTROL, '').replace(ODD_SPACES, ' ').replace(SPACE_RUNS, ' ');
}

/** Letters and digits of the scripts news text uses (a fast stand-in for \p{L}\p{N}). */
function isWordCode(c: number): boolean {
  if (c >= 0x621 && c <= 0x64a) return true; // the common case first
  if (c < 0x30) return false;
  for (let i = 1; i < WORD_RANGES.length; i++) if (c >= WORD_RANGES[i][0] && c <= WORD_RANGES[i][1]) return true;
  return false;
}

/**
 * Arabic letters that folding never changes: a cue's such letters, and pairs of them written
 * together, must appear verbatim in any line that carries the cue (with only the marks that
 * folding ignores between the two of a pair); so must a case-folded cue's ASCII letters (in
 * either case) and "©". The line scan sets a bit per such letter (CHAR_INFO) and per pair
 * (pairBit, hashed) in two masks, and a mask test rules most lines out before the (slower)
 * folding-aware pattern runs.
 */
const INVARIANT_LETTERS = 'ظغضذثصطزشخجحقفعسدبرتنمل';
const INVARIANT_BITS = (1 << INVARIANT_LETTERS.length) - 1;
const COPYRIGHT_BIT = 1 << INVARIANT_LETTERS.length;
/** ASCII letters share bits (a-z modulo this many). */
const LATIN_BITS = 4;
const FIRST_LATIN_BIT = INVARIANT_LETTERS.length + 1;
/** In CHAR_INFO beside the letter bits: a mark that folding ignores (MARKS). */
const MARK_BIT = 1 << (FIRST_LATIN_BIT + LATIN_BITS);
/** In CHAR_INFO: a character normalizeSpaces changes. */
const ODD_SPACE_BIT = 1 << 30;
/** In CHAR_INFO: a letter or digit (isWordCode); the sign bit. */
const WORD_BIT = 1 << 31;
const LETTER_BITS = INVARIANT_BITS | COPYRIGHT_BIT | (((1 << LATIN_BITS) - 1) << FIRST_LATIN_BIT);

/** Per UTF-16 code unit: its letter bit, MARK_BIT, ODD_SPACE_BIT and WORD_BIT. */
const CHAR_INFO = (() => {
  const info = new Int32Array(0x10000);
  for (let i = 0; i < INVARIANT_LETTERS.length; i++) info[INVARIANT_LETTERS.charCodeAt(i)] = 1 << i;
  info[0xa9] = COPYRIGHT_BIT;
  for (let k = 0; k < 26; k++) info[0x41 + k] = info[0x61 + k] = 1 << (FIRST_LATIN_BIT + (k % LATIN_BITS));
  const mark = new RegExp(`^${MARKS.slice(0, -1)}$`);
  for (let c = 0x600; c < 0x700; c++) if (mark.test(String.fromCharCode(c))) info[c] |= MARK_BIT; // MARKS are all in this block
  for (const [lo, hi] of [...INVISIBLE_OR_CONTROL_RANGES, ...ODD_SPACE_RANGES, ...ODD_LINE_END_RANGES]) for (let c = lo; c <= hi; c++) info[c] |= ODD_SPACE_BIT;
  for (const [lo, hi] of WORD_RANGES) for (let c = lo; c <= hi; c++) info[c] |= WORD_BIT;
  return info;
})();

/** Index in INVARIANT_LETTERS of the letter whose bit `info` carries. */
const invariantIndex = (info: number) => 31 - Math.clz32(info & INVARIANT_BITS);
/** Bit of a pair of invariant letters in a pair mask (a shift count is taken modulo 32). */
const pairBit = (a: number, b: number) => 1 << (a * INVARIANT_LETTERS.length + b);

/** The letter and pair masks a line must have for the cue to be in it (cuePattern keeps these characters as they are). */
function requiredMasks(cue: string): { letters: number; pairs: number } {
  const folded = normalizeArabic(cue);
  let letters = 0;
  let pairs = 0;
  for (let i = 0; i < folded.length; i++) {
    const info = CHAR_INFO[folded.charCodeAt(i)];
    const next = i + 1 < folded.length ? CHAR_INFO[folded.charCodeAt(i + 1)] : 0;
    letters |= info & LETTER_BITS;
    if (info & INVARIANT_BITS && next & INVARIANT_BITS) pairs |= pairBit(invariantIndex(info), invariantIndex(next));
  }
  return { letters, pairs };
}

/** Lines of a text with, per line, its number of words and its letter and pair masks. */
interface LineScan {
  lines: string[];
  words: number[];
  letters: number[];
  pairs: number[];
}

/**
 * Splits a text into trimmed lines with, per line, its number of words (space-separated
 * tokens holding a letter or digit) and its letter and pair masks, in one pass; as
 * normalizeSpaces would, line by line (only a line of a text with odd line ends, or a line
 * with odd white space, needs more than dropping its edge spaces).
 */
function scanLines(text: string): LineScan {
  const out: LineScan = { lines: [], words: [], letters: [], pairs: [] };
  const n = text.length;
  for (let from = 0; from <= n; ) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = n;
    if (!scanLine(text, from, to, out)) {
      const line = text.slice(from, to);
      // an odd line end splits lines anew: the whole text first
      if (ODD_LINE_END.test(line)) return scanLines(normalizeSpaces(text));
      scanLine(normalizeSpaces(line), 0, -1, out);
    }
    from = to + 1;
  }
  return out;
}
const ODD_LINE_END = new RegExp(`[${toClass(ODD_LINE_END_RANGES)}]`);

/**
 * Adds the line text[from, to) (to = -1: the whole text) to `out`; false, adding nothing, when
 * it has white space or characters that normalizeSpaces changes.
 */
function scanLine(text: string, from: number, to: number, out: LineScan): boolean {
  let start = from;
  let end = to < 0 ? text.length : to;
  while (start < end && text.charCodeAt(start) === 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) === 0x20) end--;
  let words = 0;
  let letters = 0;
  let pairs = 0;
  let inWord = false;
  let prevLetter = -1; // index of the invariant letter a pair may start with
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      // two spaces inside a line become one (i > start: a line does not start with a space)
      if (text.charCodeAt(i - 1) === 0x20) return false;
      inWord = false;
      prevLetter = -1;
      continue;
    }
    const info = CHAR_INFO[c];
    if (info & ODD_SPACE_BIT) return false;
    letters |= info;
    if (!inWord && info & WORD_BIT) {
      words++;
      inWord = true;
    }
    if (info & INVARIANT_BITS) {
      const l = invariantIndex(info);
      if (prevLetter >= 0) pairs |= pairBit(prevLetter, l);
      prevLetter = l;
    } else if (!(info & MARK_BIT)) prevLetter = -1;
  }
  out.lines.push(text.slice(start, end));
  out.words.push(words);
  out.letters.push(letters);
  out.pairs.push(pairs);
  return true;
}

const HASHTAG = /(^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;
const HASHTAG_ONLY = /^(?:#[\p{L}\p{N}_]+[\s,،.]*)+$/u;
const URL_ONLY = /^(?:(?:https?:\/\/|www\.|pic\.twitter\.com\/)\S+[\s,،|]*)+$/i;

/** Furniture recognized by shape rather than by words. */
function genericFurniture(line: string, wordCount: number): string | null {
  if (wordCount === 0) return 'no-text';
  if (line.charCodeAt(0) === 0x23 && HASHTAG_ONLY.test(line)) return 'hashtag-only';
  if (URL_ONLY.test(line)) return 'url-only';
  return null;
}

/** Inline hashtags become plain words: "#وحدات_حماية_الشعب" → "وحدات حماية الشعب". */
function unhashtag(line: string): string {
  if (!line.includes('#')) return line;
  return line.replace(HASHTAG, (_m, pre: string, tag: string) => pre + tag.replace(/_+/g, ' ').trim());
}

/** Sentence marks, quotes and brackets: menu items carry none of them. */
const SENTENCE_MARKS = /[.!?؟؛;:,،"«»“”„()[\]]/;
/** Arabic sentences usually open with a conjunction fused to a verb (وقال، فأعلن). */
const CONJUNCTION_START = /^[وف][\u0621-\u064A]{3,}/;

function isMenuLike(line: string, wordCount: number, maxWords: number): boolean {
  if (wordCount === 0 || wordCount > maxWords || SENTENCE_MARKS.test(line)) return false;
  // one word is never a clause, even when it starts with و (واتساب)
  return wordCount === 1 || !CONJUNCTION_START.test(line);
}

function isHeadlineLike(line: string, wordCount: number): boolean {
  return wordCount <= HEADLINE_MAX_WORDS && !/[.!?؟]\s*["”»]?$/.test(line) && !CONJUNCTION_START.test(line);
}

/**
 * Whether the line carries the rule's cue. The word-start check is done by hand: a
 * `(?:^|[^\p{L}])` prefix in the pattern makes the regex engine try every position slowly.
 */
function hasCue(rule: CompiledRule, line: string): boolean {
  if (rule.where === 'start') return rule.re.test(line);
  const re = rule.re;
  re.lastIndex = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (!rule.wordStart || m.index === 0 || !isWordCode(line.charCodeAt(m.index - 1))) return true;
    re.lastIndex = m.index + 1;
  }
  return false;
}

let defaultCleaner: Cleaner | null = null;

/** The boilerplate rules of the project lexicon. */
export function boilerplateRules(): BoilerplateRule[] {
  return parseBoilerplateLexicon(readFileSync(LEXICON_URL, 'utf8'));
}

/**
 * Cleans one article's text: furniture removed, whitespace normalized, body kept intact.
 * @example cleanText('خبر.\n\nشارك المقال على:\nفيسبوك').text === 'خبر.'
 */
export function cleanText(raw: string): CleanResult {
  defaultCleaner ??= new Cleaner(boilerplateRules());
  return defaultCleaner.clean(raw);
}
