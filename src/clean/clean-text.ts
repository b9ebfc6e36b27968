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

/**
 * Arabic letters that folding never changes, rarest first (rough newspaper frequencies). A
 * cue's rarest such letters must appear verbatim in any line that carries the cue, so a
 * substring search rules most lines out before the (slower) folding-aware pattern runs.
 */
const INVARIANT_BY_RARITY = 'ظغضذثصطزشخجحقفعسدبرتنمل';

function gateLetters(cue: string): string[] {
  const letters = new Set(normalizeArabic(cue));
  return [...INVARIANT_BY_RARITY].filter((ch) => letters.has(ch)).slice(0, 2);
}

/** Case folding only where a cue has Latin letters: it slows Arabic matching. */
function isLatin(cue: string): boolean {
  return /[A-Za-z]/.test(cue);
}

interface CompiledRule extends BoilerplateRule {
  re: RegExp;
  /** The cue begins with a letter or digit, so it must begin a word. */
  wordStart: boolean;
  /** Letters the line must contain literally for the cue to be there (a cheap first test). */
  gates: string[];
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
        gates: gateLetters(r.cue),
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
  }

  clean(raw: string): CleanResult {
    const lines = splitLines(raw);
    const removed: (string | null)[] = lines.map(() => null); // reason per line, null = kept
    const n = lines.length;
    const words = lines.map(countWords);

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
      const rule = this.match(line, words[i], 'any');
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
        const rule = this.match(lines[i], words[i], 'edge');
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

  /** The first rule of the given zone whose cue the line carries within the rule's length. */
  private match(line: string, wordCount: number, zone: 'any' | 'edge'): CompiledRule | null {
    const lists = zone === 'any' ? this.anyZone : this.edgeZone;
    // line-start cues first: they are the more specific reading of a line
    const key = openingKey(line);
    if ((this.startKeys.has(key) || this.startKeys.has(key.slice(0, 1))) && (this.startArabic?.test(line) || this.startLatin?.test(line))) {
      const r = firstHit(lists.start, line, wordCount);
      if (r) return r;
    }
    return firstHit(lists.anywhere, line, wordCount);
  }
}

/**
 * The first two letters of a line or cue, folded and lower-cased, skipping leading
 * punctuation and marks; one letter when the first word has only one.
 */
function openingKey(text: string): string {
  let key = '';
  for (let i = 0; i < text.length && key.length < 2; i++) {
    const c = text.charCodeAt(i);
    if (isWordCode(c)) key += normalizeChar(text[i]).toLowerCase();
    else if (key !== '' && !isDeleted(text[i])) break;
  }
  return key;
}

function firstHit(rules: readonly CompiledRule[], line: string, wordCount: number): CompiledRule | null {
  outer: for (const r of rules) {
    if (r.maxWords > 0 && wordCount > r.maxWords) continue;
    // the literal letter test rules out most lines before the folding-aware pattern runs
    for (const g of r.gates) if (!line.includes(g)) continue outer;
    if (hasCue(r, line)) return r;
  }
  return null;
}

/**
 * Characters deleted outright: zero-width and bidi controls, BOM, soft hyphen (they carry
 * nothing for extraction), and control characters other than tab and line feed.
 */
const INVISIBLE_OR_CONTROL = /[\u200B\u200D-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g;
/** Horizontal whitespace other than the plain space, and runs of spaces. */
const ODD_SPACES = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const SPACE_RUNS = / {2,}/g;

/** Splits into trimmed lines with Windows and old-Mac line ends unified. */
function splitLines(raw: string): string[] {
  return raw
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(INVISIBLE_OR_CONTROL, '')
    .replace(ODD_SPACES, ' ')
    .replace(SPACE_RUNS, ' ')
    .split('\n')
    .map((l) => l.trim());
}

/** Letters and digits of the scripts news text uses (a fast stand-in for \p{L}\p{N}). */
function isWordCode(c: number): boolean {
  if (c >= 0x621 && c <= 0x64a) return true; // the common case first
  if (c < 0x30) return false;
  for (let i = 1; i < WORD_RANGES.length; i++) if (c >= WORD_RANGES[i][0] && c <= WORD_RANGES[i][1]) return true;
  return false;
}

/** Words: space-separated tokens holding a letter or digit. */
function countWords(line: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x20) inWord = false;
    else if (!inWord && isWordCode(c)) {
      n++;
      inWord = true;
    }
  }
  return n;
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
