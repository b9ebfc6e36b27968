/**
 * @module text/tokenize
 * Word tokens over the normalized text, each knowing its span in the original, plus the
 * proclitic readings (و ف ب ل ك ال لل) used for dictionary matching. Arabic proclitics
 * are ambiguous ("وزير" is not و + زير), so a token keeps every reading and matchers try
 * them longest first.
 */
import { normalizeWithOffsets, type NormalizedText } from './normalize.ts';
import { keyHash } from './key-filter.ts';
import { ALEF, BEH, FEH, KAF, LAM, WAW } from './char-codes.ts';

export interface Token {
  /** Position of the token in the token list. */
  index: number;
  /** Span in the original (cleaned) text. */
  start: number;
  end: number;
  /** Span in the normalized text. */
  nstart: number;
  nend: number;
  /** Normalized surface form. */
  norm: string;
  /** stripArticle(norm): the key the word has inside a dictionary phrase (computed once here). */
  key: string;
  kind: 'word' | 'number' | 'punct';
  /** Readings as [key, normalized chars of proclitics removed]; key has no definite article. */
  readings: CliticReading[];
}

export interface TokenizedText {
  original: string;
  norm: NormalizedText;
  tokens: Token[];
}

/** Character classes per UTF-16 code unit, built once: the tokenizer is a plain scan over them. */
const LETTER = 1;
const DIGIT = 2;
const SPACE = 3;
const OTHER = 0;
const CLASS = buildClasses();

function buildClasses(): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    t[c] = /[\p{L}\p{M}]/u.test(ch) ? LETTER : /\p{N}/u.test(ch) ? DIGIT : /\s/u.test(ch) ? SPACE : OTHER;
  }
  // surrogate halves: astral letters (rare in news) are read as letters
  for (let c = 0xd800; c < 0xe000; c++) t[c] = LETTER;
  return t;
}

/** Strips a leading definite article when at least two letters remain. */
export function stripArticle(w: string): string {
  return stripArticleFrom(w, 0);
}

/** stripArticle(w.slice(from)), without making the intermediate string (clitic readings, per token). */
function stripArticleFrom(w: string, from: number): string {
  if (w.length - from >= 4 && w.charCodeAt(from) === ALEF && w.charCodeAt(from + 1) === LAM) return w.slice(from + 2);
  return from ? w.slice(from) : w;
}

/**
 * All proclitic readings of a normalized word, longest (fewest letters stripped) first.
 * Each reading is keyed without the definite article so that "الحسكة" and "حسكة" meet.
 * @example cliticReadings('بالحسكه') → [{key:'بالحسكه',0}, {key:'حسكه',1}]
 */
export interface CliticReading {
  key: string;
  cliticLength: number;
  /** لل + noun: the written stem lost the alef of its article ("للأمم" → "الأمم"). */
  restoresArticle?: boolean;
  /** keyHash(key), for the bit filters in front of dictionary lookups (text/key-filter). */
  hash: number;
}

/** Adds the reading of w after its first `from` characters (`clitic` of them proclitics), keyed without the article. */
function addReading(out: CliticReading[], w: string, from: number, clitic: number, restoresArticle: boolean): void {
  const length = w.length - from;
  if (length < 2) return;
  // a restored article (لل read as ال) is the one stripped: the key is what follows لل
  const key = restoresArticle ? w.slice(from) : stripArticleFrom(w, from);
  for (let k = 0; k < out.length; k++) if (out[k].key === key) return;
  out.push(restoresArticle ? { key, cliticLength: clitic, restoresArticle, hash: keyHash(key) } : { key, cliticLength: clitic, hash: keyHash(key) });
}

export function cliticReadings(w: string): CliticReading[] {
  const out: CliticReading[] = [];
  addReading(out, w, 0, 0, false);
  const c0 = w.charCodeAt(0);
  const conj = c0 === WAW || c0 === FEH ? 1 : 0;
  if (conj) addReading(out, w, 1, 1, false);
  // لل = ل + ال : "للحسكة" → "الحسكة", whose key (article stripped) is the word after لل
  const p = w.charCodeAt(conj);
  if (w.length - conj >= 4 && p === LAM && w.charCodeAt(conj + 1) === LAM) addReading(out, w, conj + 2, conj + 1, true);
  if (p === BEH || p === LAM || p === KAF) addReading(out, w, conj + 1, conj + 1, false);
  return out;
}

/** Tokenizes text: words, numbers and punctuation marks, with offsets and clitic readings. */
export function tokenize(original: string): TokenizedText {
  const norm = normalizeWithOffsets(original);
  const text = norm.text;
  const n = text.length;
  const tokens: Token[] = [];
  let i = 0;
  while (i < n) {
    const c = CLASS[text.charCodeAt(i)];
    if (c === SPACE) {
      i++;
    } else if (c === LETTER) {
      let j = i + 1;
      while (j < n && CLASS[text.charCodeAt(j)] === LETTER) j++;
      pushToken(tokens, original, norm, i, j, 'word');
      i = j;
    } else if (c === DIGIT) {
      // digits with decimal or thousands separators: 3.5, 1,500
      let j = i + 1;
      for (;;) {
        while (j < n && CLASS[text.charCodeAt(j)] === DIGIT) j++;
        const sep = text[j];
        if ((sep === '.' || sep === ',') && j + 1 < n && CLASS[text.charCodeAt(j + 1)] === DIGIT) j++;
        else break;
      }
      pushToken(tokens, original, norm, i, j, 'number');
      i = j;
    } else {
      pushToken(tokens, original, norm, i, i + 1, 'punct');
      i++;
    }
  }
  return { original, norm, tokens };
}

/** The one reading of each punctuation mark, shared by its tokens (readings are read-only; at most one entry per mark). */
const punctReadings = new Map<number, CliticReading[]>();

function punctReading(w: string): CliticReading[] {
  const code = w.charCodeAt(0);
  let readings = punctReadings.get(code);
  if (readings === undefined) {
    readings = [{ key: w, cliticLength: 0, hash: keyHash(w) }];
    punctReadings.set(code, readings);
  }
  return readings;
}

function pushToken(tokens: Token[], original: string, norm: NormalizedText, nstart: number, nend: number, kind: Token['kind']): void {
  const w = norm.text.slice(nstart, nend);
  const readings =
    kind === 'word' ? cliticReadings(w) : kind === 'punct' ? punctReading(w) : [{ key: w, cliticLength: 0, hash: keyHash(w) }];
  tokens.push({
    index: tokens.length,
    start: norm.map[nstart],
    end: extendOverMarks(original, norm.map[nend - 1] + 1),
    nstart,
    nend,
    norm: w,
    // the first reading, when there is one, is stripArticle(w) itself
    key: readings.length && readings[0].cliticLength === 0 ? readings[0].key : stripArticle(w),
    kind,
    readings,
  });
}

/** [\u0610-\u061A\u064B-\u065F\u0670\u0640]: marks written after a letter. */
function isTrailingMark(c: number): boolean {
  return (c >= 0x0610 && c <= 0x061a) || (c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640;
}

/** A word's span includes the diacritics written after its last letter ("شخصاً"). */
function extendOverMarks(original: string, end: number): number {
  while (end < original.length && isTrailingMark(original.charCodeAt(end))) end++;
  return end;
}

/** Original offset where the reading's stem starts (after the stripped proclitics). */
export function stemStart(t: TokenizedText, token: Token, cliticLength: number): number {
  return t.norm.map[token.nstart + cliticLength];
}
