/**
 * @module recognize/numbers
 * Arabic number mentions: digits (ASCII and Arabic-Indic, with thousands separators and
 * decimals), number words ("خمسة وعشرون", "ثلاثمائة", "ألفان"), digits with scale words
 * ("3 آلاف"), qualifiers ("أكثر من", "نحو", "على الأقل") and vague amounts kept vague
 * ("العشرات" → value null, vague {min: 10}).
 *
 * Numbers that are not counts (years, dates, phone numbers, sports scores, article and unit
 * references, times, money, durations…) are still returned, tagged, so that the casualty
 * recognizer can skip them. Every word list lives in data/lexicons/ar/number-*.tsv.
 *
 * Matching runs on the normalized text (diacritics removed, Arabic-Indic digits → ASCII);
 * spans are mapped back to the original through the normalization offset map.
 */
import { normalizeArabic, normalizeWithOffsets, type NormalizedText } from '../text/normalize.ts';
import { dataPath, readTsv } from '../data/tsv.ts';
import { A0, AN, letterWordSet, type LetterWordSet } from '../text/letter-trie.ts';
import { ALEF, BEH, FEH, KAF, LAM, WAW, isSpaceCode } from '../text/char-codes.ts';

export type Qualifier = 'at-least' | 'more-than' | 'about' | 'less-than' | 'exact';

export interface NumberMention {
  start: number;
  end: number;
  text: string;
  value: number | null;
  vague?: { min: number; max?: number };
  qualifier?: Qualifier;
  tags: string[];
}

/** A number mention on the normalized text (used by the casualty recognizer). */
export interface NormNumber {
  /** Span in the normalized text. */
  nstart: number;
  nend: number;
  value: number | null;
  vague?: { min: number; max?: number };
  qualifier?: Qualifier;
  tags: string[];
}

/** Tags that mark a number as something other than a count of people or things. */
export const NON_COUNT_TAGS: ReadonlySet<string> = new Set([
  'year', 'date', 'phone', 'score', 'article-ref', 'ref', 'time', 'percent', 'money', 'duration',
  'measure', 'ordinal', 'model', 'times',
]);

/** True when the number can be a count (no year, date, phone, score … tag). */
export function isCount(m: { tags: string[] }): boolean {
  return !m.tags.some((t) => NON_COUNT_TAGS.has(t));
}

// ---------------------------------------------------------------------------------------------
// Lexicons

type WordKind = 'unit' | 'unit-teen' | 'ten' | 'tens' | 'hundred' | 'scale' | 'scale-dual' | 'scale-plural' | 'half';
interface WordEntry {
  value: number;
  kind: WordKind;
}
interface Phrase<T> {
  toks: string[];
  data: T;
}
interface ContextRow {
  tag: string;
  applies: 'any' | 'year4';
}

interface Lexicons {
  words: Map<string, WordEntry>;
  vague: Map<string, Phrase<{ min: number; max?: number }>[]>;
  qualBefore: Phrase<Qualifier>[];
  qualAfter: Phrase<Qualifier>[];
  /** Context phrases keyed by their last word (before) and first word (after). */
  ctxBefore: Map<string, Phrase<ContextRow>[]>;
  ctxAfter: Map<string, Phrase<ContextRow>[]>;
  near: Map<string, string>;
  /** Range openers and joiners ("بين … و …"). */
  ranges: Array<{ opener: string[]; joiner: string }>;
  /** Phrases before a bracketed number ("عدد (3)"). */
  qualParen: Phrase<Qualifier>[];
  /** Last two letters of every number word and vague first word: a cheap first filter. */
  endings: Set<number>;
  /** The same for two Arabic letters, as a table: endingTable[last * AN + before last] = 1. */
  endingTable: Uint8Array;
  /** The forms a word token can be read as, less its proclitics (see mayBeNumberWord), or null (no such filter). */
  /** Number words and vague first words (less proclitics), read from the last letter back. */
  stems: LetterWordSet | null;
}

/** The last two code units of a word as one number (no allocation). */
function ending(w: string): number {
  return endingAt(w, w.length);
}

/** The two code units before e as one number. */
function endingAt(text: string, e: number): number {
  return text.charCodeAt(e - 1) * 65536 + text.charCodeAt(e - 2);
}

/** lex.endings.has(endingAt(text, e)), by table when both letters are Arabic. */
function endingKnown(text: string, e: number, lex: Lexicons): boolean {
  const last = text.charCodeAt(e - 1) - A0;
  const before = text.charCodeAt(e - 2) - A0;
  if (last >= 0 && last < AN && before >= 0 && before < AN) return lex.endingTable[last * AN + before] === 1;
  return lex.endings.has(endingAt(text, e));
}

const WORD_KINDS = new Set<WordKind>(['unit', 'unit-teen', 'ten', 'tens', 'hundred', 'scale', 'scale-dual', 'scale-plural', 'half']);
const QUALIFIERS = new Set<Qualifier>(['at-least', 'more-than', 'about', 'less-than', 'exact']);

const toks = (s: string) => normalizeArabic(s).split(' ').filter(Boolean);
const byLengthDesc = <T>(a: Phrase<T>, b: Phrase<T>) => b.toks.length - a.toks.length;

let LEX: Lexicons | null = null;

/** Loads the number lexicons once (lazily, so importing the module stays cheap). */
export function numberLexicons(): Lexicons {
  if (LEX) return LEX;
  const file = (n: string) => dataPath('lexicons', 'ar', n);
  const words = new Map<string, WordEntry>();
  for (const r of readTsv(file('number-words.tsv'), ['form', 'value', 'kind'])) {
    const kind = r.kind as WordKind;
    if (!WORD_KINDS.has(kind)) throw new Error(`number-words.tsv: unknown kind ${r.kind}`);
    words.set(normalizeArabic(r.form), { value: Number(r.value), kind });
  }
  const vague = new Map<string, Phrase<{ min: number; max?: number }>[]>();
  for (const r of readTsv(file('number-vague.tsv'), ['phrase', 'min'])) {
    const p = { toks: toks(r.phrase), data: { min: Number(r.min), ...(r.max ? { max: Number(r.max) } : {}) } };
    const list = vague.get(p.toks[0]) ?? [];
    list.push(p);
    list.sort(byLengthDesc);
    vague.set(p.toks[0], list);
  }
  const qualBefore: Phrase<Qualifier>[] = [];
  const qualAfter: Phrase<Qualifier>[] = [];
  const qualParen: Phrase<Qualifier>[] = [];
  for (const r of readTsv(file('number-qualifiers.tsv'), ['phrase', 'qualifier', 'position'])) {
    if (!QUALIFIERS.has(r.qualifier as Qualifier)) throw new Error(`number-qualifiers.tsv: unknown qualifier ${r.qualifier}`);
    const list = r.position === 'after' ? qualAfter : r.position === 'before-paren' ? qualParen : qualBefore;
    list.push({ toks: toks(r.phrase), data: r.qualifier as Qualifier });
  }
  const ctxBefore: Phrase<ContextRow>[] = [];
  const ctxAfter: Phrase<ContextRow>[] = [];
  const near = new Map<string, string>();
  for (const r of readTsv(file('number-context.tsv'), ['phrase', 'tag', 'position'])) {
    const row: ContextRow = { tag: r.tag, applies: r.applies === 'year4' ? 'year4' : 'any' };
    // punctuation such as % is a token of its own: keep it as written
    const t = /^\p{L}/u.test(r.phrase) ? toks(r.phrase) : [r.phrase];
    if (r.position === 'before') ctxBefore.push({ toks: t, data: row });
    else if (r.position === 'after') ctxAfter.push({ toks: t, data: row });
    else if (r.position === 'near') near.set(t[0], r.tag);
  }
  for (const l of [qualBefore, qualAfter, ctxBefore, ctxAfter]) l.sort(byLengthDesc);
  const index = (list: Phrase<ContextRow>[], last: boolean) => {
    const m = new Map<string, Phrase<ContextRow>[]>();
    for (const p of list) {
      const k = last ? p.toks[p.toks.length - 1] : p.toks[0];
      m.set(k, [...(m.get(k) ?? []), p]);
    }
    return m;
  };
  const endings = new Set<number>();
  for (const w of words.keys()) endings.add(ending(w));
  for (const w of vague.keys()) endings.add(ending(w));
  const ranges = readTsv(file('number-ranges.tsv'), ['opener', 'joiner']).map((r) => ({ opener: toks(r.opener), joiner: normalizeArabic(r.joiner) }));
  // lookupWord reads a word as itself or less its proclitics, parseVague also reads لل… as ال…
  const stems = [...words.keys(), ...vague.keys(), ...[...vague.keys()].filter((v) => v.startsWith('ال')).map((v) => v.slice(2))];
  const endingTable = new Uint8Array(AN * AN);
  for (const e of endings) {
    const last = Math.floor(e / 65536) - A0;
    const before = (e % 65536) - A0;
    if (last >= 0 && last < AN && before >= 0 && before < AN) endingTable[last * AN + before] = 1;
  }
  LEX = {
    ranges,
    qualParen,
    endings,
    endingTable,
    stems: letterWordSet(stems, true),
    words,
    vague,
    qualBefore,
    qualAfter,
    ctxBefore: index(ctxBefore, true),
    ctxAfter: index(ctxAfter, false),
    near,
  };
  return LEX;
}

/** The longest proclitic lookupWord or parseVague strips (و or ف, then ب ل ك or لل). */
const MAX_PROCLITIC = 3;

/**
 * Can parseWords or parseVague read something at the word text[s, e)? Only when it is one of
 * the stems after at most MAX_PROCLITIC letters: one walk back from its last letter, no strings made.
 */
function mayBeNumberWord(text: string, s: number, e: number, lex: Lexicons): boolean {
  const trie = lex.stems;
  if (!trie) return true;
  const { next, end } = trie;
  let node = 0;
  for (let i = e; ; ) {
    if (end[node] && i - s <= MAX_PROCLITIC) return true;
    if (--i < s) return false;
    const c = text.charCodeAt(i) - A0;
    if (c < 0 || c >= AN || !(node = next[node * AN + c])) return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Tokens over the normalized text

/**
 * A token of the normalized text (span, form, kind: word, digits, punctuation). Its form `w` is
 * cut from the text when first read: most tokens are only looked at through their span.
 */
export class Tok {
  readonly text: string;
  readonly s: number;
  readonly e: number;
  readonly k: 'w' | 'd' | 'p';
  private form: string | undefined = undefined;
  constructor(text: string, s: number, e: number, k: 'w' | 'd' | 'p') {
    this.text = text;
    this.s = s;
    this.e = e;
    this.k = k;
  }
  get w(): string {
    return (this.form ??= this.text.slice(this.s, this.e));
  }
}

const CLITIC_LETTERS = 'وفبلك';

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
/** Per code unit beyond ASCII: 0 = not looked up yet, 1 = letter or mark, 2 = neither (64 KB, filled as met). */
const LETTER_OR_MARK_CODE = new Uint8Array(0x10000);

/** Letter test of code unit i: Arabic and Latin ranges directly, other scripts through \p{L} (once per code unit). */
function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0x0621 && c <= 0x064a) return true;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c < 0x80) return false;
  let known = LETTER_OR_MARK_CODE[c];
  if (!known) LETTER_OR_MARK_CODE[c] = known = LETTER_OR_MARK.test(text[i]) ? 1 : 2;
  return known === 1;
}

/** Words (letters), digit runs with inner . or , ("1,500", "3.5") and single other characters. */
export function numberTokens(text: string): Tok[] {
  const out: Tok[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0) {
      i++;
      continue;
    }
    const s = i;
    if (c >= 48 && c <= 57) {
      i++;
      for (;;) {
        while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
        const d = text.charCodeAt(i);
        const d2 = text.charCodeAt(i + 1);
        if ((d === 46 || d === 44) && d2 >= 48 && d2 <= 57) i++;
        else break;
      }
      out.push(new Tok(text, s, i, 'd'));
    } else if (isLetterAt(text, i)) {
      i++;
      while (i < n && isLetterAt(text, i)) i++;
      out.push(new Tok(text, s, i, 'w'));
    } else if (isSpaceCode(c)) {
      i++;
    } else {
      i++;
      out.push(new Tok(text, s, i, 'p'));
    }
  }
  return out;
}

/** A word and its readings without proclitics (و ف, then ب ل ك; لل read as ال). */
function variants(w: string): string[] {
  const out = [w];
  let i = 0;
  if (w[0] === 'و' || w[0] === 'ف') out.push(w.slice(++i));
  if ('بلك'.includes(w[i]) && w.length - i > 2) out.push(w.slice(i + 1));
  if (w.startsWith('لل', i) && w.length - i > 3) out.push('ال' + w.slice(i + 2));
  return out;
}

/** Does a token equal a phrase word, allowing a proclitic (و ف ب ل ك, لل for ال) when `clitic`? Returns the clitic length or -1. */
function wordEq(tok: string, word: string, clitic: boolean): number {
  if (tok === word) return 0;
  if (!clitic || tok.length <= word.length) return -1;
  // by char codes and tailEquals: no strings made (this runs for every phrase tried around a number)
  let i = 0;
  if (tok.charCodeAt(0) === WAW || tok.charCodeAt(0) === FEH) i++;
  if (tailEquals(tok, i, word, 0)) return i;
  const c = tok.charCodeAt(i);
  if ((c === BEH || c === LAM || c === KAF) && tailEquals(tok, i + 1, word, 0)) return i + 1;
  // لل + word without its article: "للعام" = ل + العام
  if (word.charCodeAt(0) === ALEF && word.charCodeAt(1) === LAM && c === LAM && tok.charCodeAt(i + 1) === LAM && tailEquals(tok, i + 2, word, 2)) return i + 1;
  return -1;
}

/** a.slice(ai) === b.slice(bi), both offsets within their strings. */
function tailEquals(a: string, ai: number, b: string, bi: number): boolean {
  const n = a.length - ai;
  if (n !== b.length - bi) return false;
  for (let k = 0; k < n; k++) if (a.charCodeAt(ai + k) !== b.charCodeAt(bi + k)) return false;
  return true;
}

/** Phrase matched by tokens [i, i+len): returns the clitic length on the first token or -1. */
function phraseAt(ts: Tok[], i: number, p: string[], clitic: boolean): number {
  if (i < 0 || i + p.length > ts.length) return -1;
  let c = -1;
  for (let k = 0; k < p.length; k++) {
    const r = wordEq(ts[i + k].w, p[k], clitic && k === 0);
    if (r < 0) return -1;
    if (k === 0) c = r;
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Number words

interface Parsed {
  /** Token range [i, j) and normalized start (after a proclitic on the first token). */
  i: number;
  j: number;
  nstart: number;
  value: number | null;
  vague?: { min: number; max?: number };
  tags: string[];
}

/** Looks a word up in the number lexicon; `first` allows proclitics (only و further on). */
function lookupWord(words: Map<string, WordEntry>, w: string, first: boolean): { e: WordEntry; conj: boolean; clitic: number } | null {
  const e = words.get(w);
  if (e) return { e, conj: false, clitic: 0 };
  if (w[0] === 'و' || (first && w[0] === 'ف')) {
    const e2 = words.get(w.slice(1));
    if (e2) return { e: e2, conj: w[0] === 'و', clitic: 1 };
  }
  if (!first) return null;
  // ب ل ك only before longer words: "لست" is "I am not", not ل + ست
  let i = w[0] === 'و' || w[0] === 'ف' ? 1 : 0;
  if ('بلك'.includes(w[i]) && w.length - i - 1 >= 4) {
    const e3 = words.get(w.slice(i + 1));
    if (e3) return { e: e3, conj: false, clitic: i + 1 };
  }
  return null;
}

/** Parses a run of number words starting at token i ("مئة وخمسون", "ثلاثة آلاف", "خمسة عشر"). */
function parseWords(ts: Tok[], i: number, lex: Lexicons): Parsed | null {
  const first = lookupWord(lex.words, ts[i].w, true);
  if (!first) return null;
  let total = 0;
  let group = 0;
  let hasU = false;
  let hasT = false;
  let hasH = false;
  let lastScale = Infinity;
  let lastKind: WordKind | null = null;
  let j = i;
  for (; j < ts.length; j++) {
    const t = ts[j];
    if (t.k !== 'w') break;
    const hit = j === i ? first : lookupWord(lex.words, t.w, false);
    if (!hit) break;
    const { e, conj } = hit;
    const v = e.value;
    let ok = true;
    switch (e.kind) {
      case 'unit':
      case 'unit-teen':
        if (e.kind === 'unit-teen') {
          // أحد / اثنا only before عشر
          const nx = ts[j + 1] && lex.words.get(ts[j + 1].w);
          if (!nx || nx.kind !== 'ten') {
            ok = false;
            break;
          }
        }
        if (j === i) {
          group += v;
          hasU = true;
        } else if (conj && !hasU && !hasT && lastKind !== 'unit') {
          group += v;
          hasU = true;
        } else ok = false;
        break;
      case 'ten':
        if (j > i && !conj && (lastKind === 'unit' || lastKind === 'unit-teen') && !hasT && group % 100 < 10) {
          group += 10; // teen: خمسة عشر
          hasT = true;
        } else if (j === i || (conj && !hasU && !hasT)) {
          group += 10;
          hasU = hasT = true;
        } else ok = false;
        break;
      case 'tens':
        if (j === i) {
          group += v;
          hasT = true;
        } else if (conj && !hasT && (!hasU || lastKind === 'unit')) {
          group += v;
          hasT = true;
        } else ok = false;
        break;
      case 'hundred':
        if (j === i) {
          group += v;
          hasH = true;
        } else if (!conj && v === 100 && lastKind === 'unit' && !hasH && !hasT && group >= 3 && group <= 9) {
          group *= 100; // ثلاث مئة
          hasH = true;
          hasU = false;
        } else if (conj && !hasH && !hasU && !hasT) {
          group += v;
          hasH = true;
        } else ok = false;
        break;
      case 'scale':
      case 'scale-plural': {
        if (j === i) {
          if (e.kind === 'scale-plural') return null; // "آلاف" alone is vague
          total += v;
          lastScale = v;
        } else if (!conj && group > 0 && v < lastScale && (e.kind === 'scale' || (group >= 3 && group <= 10))) {
          total += group * v;
          lastScale = v;
        } else if (conj && e.kind === 'scale' && group === 0 && v < lastScale) {
          total += v;
          lastScale = v;
        } else ok = false;
        if (ok) {
          group = 0;
          hasU = hasT = hasH = false;
        }
        break;
      }
      case 'scale-dual':
        if (j === i || (conj && group === 0 && v < lastScale)) {
          total += v;
          lastScale = v / 2;
          group = 0;
          hasU = hasT = hasH = false;
        } else ok = false;
        break;
      case 'half':
        if (conj && group === 0 && lastScale !== Infinity && (lastKind === 'scale' || lastKind === 'scale-dual')) total += lastScale / 2;
        else ok = false;
        break;
    }
    if (!ok) break;
    lastKind = e.kind;
  }
  if (j === i) return null;
  // digits after a scale word: "ستة آلاف و259"
  const w = ts[j];
  const d = ts[j + 1];
  if (lastScale !== Infinity && group === 0 && w && d && w.w === 'و' && d.k === 'd' && w.e === d.s && /^\d+$/.test(d.w) && Number(d.w) < lastScale) {
    total += Number(d.w);
    j += 2;
  }
  return { i, j, nstart: ts[i].s + first.clitic, value: total + group, tags: ['words'] };
}

/** Vague amount at token i ("العشرات", "عشرات الآلاف", "عدد من"). */
function parseVague(ts: Tok[], i: number, lex: Lexicons): Parsed | null {
  const w = ts[i].w;
  // candidate first words: as written, or without proclitics
  const cands = [w];
  let k = w[0] === 'و' || w[0] === 'ف' ? 1 : 0;
  if (k) cands.push(w.slice(1));
  if ('بلك'.includes(w[k])) cands.push(w.slice(k + 1));
  if (w.slice(k).startsWith('لل')) cands.push('ال' + w.slice(k + 2));
  for (const c of cands) {
    const list = lex.vague.get(c);
    if (!list) continue;
    for (const p of list) {
      const cl = phraseAt(ts, i, p.toks, true);
      if (cl < 0) continue;
      return { i, j: i + p.toks.length, nstart: ts[i].s + cl, value: null, vague: { ...p.data }, tags: ['vague'] };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Digits

const isLatin = (ch: string | undefined) => !!ch && /[A-Za-z]/.test(ch);

/** Value of a digit string with separators: "1,500" and "1.500" are thousands, "3.5" is a decimal. */
function digitValue(s: string, beforeScale: boolean): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (/^\d{1,3}(,\d{3})+$/.test(s)) return Number(s.replace(/,/g, ''));
  if (!beforeScale && /^\d{1,3}(\.\d{3})+$/.test(s) && !/^0/.test(s)) return Number(s.replace(/\./g, ''));
  if (/^\d+[.,]\d+$/.test(s)) return Number(s.replace(',', '.'));
  return Number(s.replace(/[.,]/g, ''));
}

const DASHES = new Set(['-', '–', '—']);

function adjacent(a: Tok, b: Tok): boolean {
  return a.e === b.s;
}
/** b follows a with at most one space. */
function close(a: Tok, b: Tok, text: string): boolean {
  return b.s - a.e <= 1 && (a.e === b.s || text[a.e] === ' ');
}

/** Number made of digits at token i, with phone, date, time, score and range shapes. */
function parseDigits(ts: Tok[], i: number, text: string, lex: Lexicons): Parsed | null {
  const t = ts[i];
  const raw = t.w;
  const digitsOnly = raw.replace(/[.,]/g, '');
  const prev = ts[i - 1];
  // model designations: F16, F-16, تو-154, S-300
  if (prev && adjacent(prev, t)) {
    if (isLatin(text[t.s - 1])) return { i, j: i + 1, nstart: t.s, value: null, tags: ['digits', 'model'] };
    if (DASHES.has(prev.w) && ts[i - 2] && adjacent(ts[i - 2], prev) && ts[i - 2].k === 'w') {
      return { i, j: i + 1, nstart: t.s, value: null, tags: ['digits', 'model'] };
    }
  }
  // phone numbers: long digit runs, +country codes, 0-prefixed grouped numbers ("0933 123 456")
  const plus = !!prev && prev.w === '+' && adjacent(prev, t);
  if (plus || /^0\d/.test(raw) || /^\d{8,}$/.test(raw)) {
    let j = i + 1;
    let count = digitsOnly.length;
    if (plus || raw[0] === '0') {
      while (j < ts.length && ts[j].k === 'd' && close(ts[j - 1], ts[j], text)) {
        count += ts[j].w.length;
        j++;
      }
    }
    if (count >= 8 || (plus && count >= 6)) return { i, j, nstart: plus ? prev.s : t.s, value: null, tags: ['digits', 'phone'] };
  }
  const n1 = ts[i + 1];
  const n2 = ts[i + 2];
  // times 6:30
  if (n1 && n2 && n1.w === ':' && adjacent(t, n1) && adjacent(n1, n2) && n2.k === 'd') {
    return { i, j: i + 3, nstart: t.s, value: null, tags: ['digits', 'time'] };
  }
  // dates 8/4/2018, 2018-04-08
  if (n1 && n2 && (n1.w === '/' || DASHES.has(n1.w)) && adjacent(t, n1) && adjacent(n1, n2) && n2.k === 'd') {
    const n3 = ts[i + 3];
    const n4 = ts[i + 4];
    const three = n3 && n4 && n3.w === n1.w && adjacent(n2, n3) && adjacent(n3, n4) && n4.k === 'd';
    if (n1.w === '/' || (three && raw.length === 4)) {
      return { i, j: three ? i + 5 : i + 3, nstart: t.s, value: null, tags: ['digits', 'date'] };
    }
  }
  // "3-1" score or "20-30" range (spaces allowed around the dash)
  if (n1 && n2 && DASHES.has(n1.w) && n2.k === 'd' && close(t, n1, text) && close(n1, n2, text) && /^\d{1,4}$/.test(raw) && /^\d{1,4}$/.test(n2.w)) {
    const a = Number(raw);
    const b = Number(n2.w);
    if (nearScoreWord(ts, i, lex) || a >= b || (a <= 15 && b <= 15 && text[t.s - 1] === '(')) {
      return { i, j: i + 3, nstart: t.s, value: null, tags: ['digits', 'score'] };
    }
    return { i, j: i + 3, nstart: t.s, value: a, vague: { min: a, max: b }, tags: ['digits', 'range'] };
  }
  // digits + scale word: "3 آلاف", "2 مليون", "1.5 مليون"
  if (n1 && n1.k === 'w' && close(t, n1, text)) {
    const hit = lookupWord(lex.words, n1.w, false);
    if (hit && !hit.conj && (hit.e.kind === 'scale' || hit.e.kind === 'scale-plural')) {
      const v = digitValue(raw, true) * hit.e.value;
      return { i, j: i + 2, nstart: t.s, value: Math.round(v), tags: ['digits', 'scale'] };
    }
  }
  return { i, j: i + 1, nstart: t.s, value: digitValue(raw, false), tags: ['digits'] };
}

/** A sports word (مباراة, بنتيجة, هدف…) within ten tokens of token i. */
function nearScoreWord(ts: Tok[], i: number, lex: Lexicons): boolean {
  for (let k = Math.max(0, i - 10); k < Math.min(ts.length, i + 12); k++) {
    const w = ts[k].w;
    if (ts[k].k !== 'w') continue;
    if (lex.near.has(w) || (w.length > 3 && (w[0] === 'و' || w[0] === 'ف' || w[0] === 'ب') && lex.near.has(w.slice(1)))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Context: qualifiers and non-count tags

const isYear4 = (p: Parsed, ts: Tok[]) =>
  p.j - p.i === 1 && ts[p.i].k === 'd' && /^\d{4}$/.test(ts[p.i].w) && p.value! >= 1900 && p.value! <= 2099;

/** Index of the token before i, skipping a lone proclitic letter glued to a number ("و2017", "ب14"). */
function before(ts: Tok[], i: number): number {
  const p = ts[i - 1];
  if (p && p.k === 'w' && p.w.length === 1 && CLITIC_LETTERS.includes(p.w) && p.e >= ts[i].s - 1) return i - 2;
  return i - 1;
}

/** First context tag whose phrase, indexed by the word of `tok`, matches around token `at`. */
function contextTag(index: Map<string, Phrase<ContextRow>[]>, ts: Tok[], tok: number, year4: boolean, after: boolean): string | undefined {
  const t = ts[tok];
  if (!t) return undefined;
  for (const v of t.k === 'w' ? variants(t.w) : [t.w]) {
    const list = index.get(v);
    if (!list) continue;
    for (const c of list) {
      if (c.data.applies === 'year4' && !year4) continue;
      // before: the phrase ends at tok; after: it starts there ("2018م" is glued, so no clitic on short words)
      const ok = after ? phraseAt(ts, tok, c.toks, c.toks[0].length > 2) >= 0 : phraseAt(ts, tok - c.toks.length + 1, c.toks, true) >= 0;
      if (ok) return c.data.tag;
    }
  }
  return undefined;
}

function contextTags(ts: Tok[], p: Parsed, lex: Lexicons): string[] {
  const out: string[] = [];
  const year4 = p.value !== null && isYear4(p, ts);
  const tb = contextTag(lex.ctxBefore, ts, before(ts, p.i), year4, false);
  if (tb) out.push(tb);
  const ta = contextTag(lex.ctxAfter, ts, p.j, year4, true);
  if (ta) out.push(ta);
  return out;
}

/** Qualifier before token i: returns [qualifier, first token, clitic length] or null. */
function qualifierBefore(ts: Tok[], i: number, lex: Lexicons): [Qualifier, number, number] | null {
  for (const q of lex.qualBefore) {
    const at = i - q.toks.length;
    const cl = phraseAt(ts, at, q.toks, true);
    if (cl >= 0) return [q.data, at, cl];
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Public API

/** A number (digits, words or a vague amount) starting at token i. */
function parseAt(ts: Tok[], i: number, text: string, lex: Lexicons): Parsed | null {
  const t = ts[i];
  if (t.k === 'd') return parseDigits(ts, i, text, lex);
  // the word's span is read, not its form, until it may be a number word
  if (t.k === 'w' && t.e - t.s > 1 && endingKnown(text, t.e, lex) && mayBeNumberWord(text, t.s, t.e, lex)) return parseWords(ts, i, lex) ?? parseVague(ts, i, lex);
  return null;
}

/** "بين 40 و70": the two numbers as one range mention (value = the lower bound, as ACLED codes). */
function rangeAt(ts: Tok[], p: Parsed, text: string, lex: Lexicons): Parsed | null {
  if (p.value === null || p.tags.includes('range')) return null;
  for (const r of lex.ranges) {
    const at = p.i - r.opener.length;
    if (phraseAt(ts, at, r.opener, true) < 0) continue;
    const jt = ts[p.j];
    if (!jt) return null;
    let k = -1;
    if (jt.w === r.joiner) k = p.j + 1; // "و 70", "إلى 70", "و70"
    else if (r.joiner.length === 1 && jt.k === 'w' && jt.w.startsWith(r.joiner)) k = p.j; // "وسبعين"
    if (k < 0 || !ts[k]) continue;
    const q = k === p.j ? parseWords(ts, k, lex) : parseAt(ts, k, text, lex);
    if (!q || q.value === null || q.value <= p.value) continue;
    return { i: p.i, j: q.j, nstart: p.nstart, value: p.value, vague: { min: p.value, max: q.value }, tags: [...new Set([...p.tags, ...q.tags, 'range'])] };
  }
  return null;
}

/** Number mentions over normalized text (spans in the normalized text). */
export function findNumbersNormalized(text: string, tokensOut?: Tok[]): NormNumber[] {
  const lex = numberLexicons();
  const ts = numberTokens(text);
  tokensOut?.push(...ts);
  const out: NormNumber[] = [];
  let lastYearEnd = -1;
  for (let i = 0; i < ts.length; ) {
    let p = parseAt(ts, i, text, lex);
    if (!p) {
      i++;
      continue;
    }
    p = rangeAt(ts, p, text, lex) ?? p;
    const tags = [...p.tags];
    if (p.value !== null || p.vague) {
      for (const c of contextTags(ts, p, lex)) if (!tags.includes(c)) tags.push(c);
    }
    if (!tags.some((x) => NON_COUNT_TAGS.has(x)) && isYear4(p, ts)) {
      // "2017/2018", and "و2017" right after a year ("بين عامي 2014 و2017")
      if (ts[p.j] && ts[p.j].w === '/') tags.push('date');
      else if (lastYearEnd >= 0 && p.i - 2 === lastYearEnd && ts[p.i - 1].w === 'و') tags.push('year');
    }
    let nstart = p.nstart;
    let nend = ts[p.j - 1].e;
    let qualifier: Qualifier | undefined;
    let j = p.j;
    if (isCount({ tags })) {
      const qb = qualifierBefore(ts, p.i, lex);
      if (qb) {
        qualifier = qb[0];
        nstart = ts[qb[1]].s + qb[2];
      }
      // "عدد (3)": the bracketed figure with its lead word
      const o = ts[p.i - 1];
      const c = ts[p.j];
      if (!qb && o && c && o.w === '(' && c.w === ')' && p.j - p.i === 1) {
        for (const q of lex.qualParen) {
          const cl = phraseAt(ts, p.i - 1 - q.toks.length, q.toks, true);
          if (cl < 0) continue;
          qualifier = q.data;
          nstart = ts[p.i - 1 - q.toks.length].s + cl;
          nend = c.e;
          j = p.j + 1;
          break;
        }
      }
      for (const q of lex.qualAfter) {
        if (phraseAt(ts, j, q.toks, false) >= 0) {
          qualifier ??= q.data;
          nend = ts[j + q.toks.length - 1].e;
          j += q.toks.length;
          break;
        }
        // after the counted noun: "150 شخصا على الأقل"
        if (ts[j] && ts[j].k === 'w' && phraseAt(ts, j + 1, q.toks, false) >= 0) {
          qualifier ??= q.data;
          break;
        }
      }
    }
    // a qualifier may not swallow the previous mention
    const last = out[out.length - 1];
    if (last && nstart < last.nend) nstart = p.nstart;
    // fields added in the order the mention has always had (no spread of temporary objects)
    const m = { nstart, nend, value: p.value } as NormNumber;
    if (p.vague) m.vague = p.vague;
    if (qualifier) m.qualifier = qualifier;
    m.tags = tags;
    out.push(m);
    lastYearEnd = tags.includes('year') ? j - 1 : -1;
    i = j;
  }
  return out;
}

/**
 * Number mentions of a text, with spans in the original text.
 * @example findNumbers('قتل أكثر من 500 شخص')[0] → {text: 'أكثر من 500', value: 500, qualifier: 'more-than'}
 */
export function findNumbers(text: string): NumberMention[] {
  const norm = normalizeWithOffsets(text);
  return findNumbersIn(norm, text).map(({ m, start, end }) => ({
    start,
    end,
    text: text.slice(start, end),
    value: m.value,
    ...(m.vague ? { vague: m.vague } : {}),
    ...(m.qualifier ? { qualifier: m.qualifier } : {}),
    tags: m.tags,
  }));
}

/** Number mentions of an already normalized text, each with its original span. */
export function findNumbersIn(norm: NormalizedText, original: string): Array<{ m: NormNumber; start: number; end: number }> {
  return findNumbersNormalized(norm.text).map((m) => ({ m, ...originalSpan(norm, original, m.nstart, m.nend) }));
}

/** Harakat, tanween, dagger alef and tatweel written after the last letter of a mention. */
const TRAILING_MARK = /[\u064B-\u065F\u0670\u0640]/;

/** Original span of a normalized span; the end takes in trailing diacritics ("شخصاً", "ألفاً"). */
export function originalSpan(norm: NormalizedText, original: string, nstart: number, nend: number): { start: number; end: number } {
  const start = norm.map[nstart];
  let end = norm.map[nend - 1] + 1;
  const limit = norm.map[nend] ?? original.length;
  while (end < limit && TRAILING_MARK.test(original[end])) end++;
  return { start, end };
}
