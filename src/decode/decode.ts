/**
 * @module decode/decode
 * Bytes to text for the DECODE stage. Accepts UTF-8 (with or without BOM), UTF-16 LE/BE
 * (with BOM, or without one when the byte pattern is unmistakable) and Windows-1256, the
 * legacy Arabic code page still served by some outlets. Windows-1256 is a guess of last
 * resort: almost any byte string decodes under it, so it is chosen only when the bytes are
 * not UTF-8 and the result reads as Arabic. Anything else (binary data, empty input,
 * oversize input) is refused with a typed {@link DecodeError} whose message names the input.
 */
import iconv from 'iconv-lite';

/** Default size limit: a news article is never near this; a PDF or a dump often is. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export type DecodeErrorCode = 'empty' | 'binary' | 'too-large' | 'undecodable';
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256';

/** A document that cannot be turned into text; `message` is one line naming the input. */
export class DecodeError extends Error {
  readonly code: DecodeErrorCode;
  readonly input: string;
  constructor(code: DecodeErrorCode, input: string, detail: string) {
    super(`${input}: ${detail}`);
    this.name = 'DecodeError';
    this.code = code;
    this.input = input;
  }
}

export interface DecodeOptions {
  maxBytes?: number;
}

export interface Decoded {
  text: string;
  encoding: TextEncoding;
}

/** Share of Arabic letters among letters above which text counts as Arabic. */
const ARABIC_SHARE = 0.5;
/** Share of control characters above which "text" is taken to be binary data. */
const MAX_CONTROL_SHARE = 0.01;

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes the bytes of one document.
 * @throws DecodeError with code `too-large`, `empty`, `binary` or `undecodable`.
 * @example decodeBytes(new TextEncoder().encode('خبر'), 'a.txt') // { text: 'خبر', encoding: 'utf-8' }
 */
export function decodeBytes(bytes: Uint8Array, inputName: string, opts: DecodeOptions = {}): Decoded {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    throw new DecodeError('too-large', inputName, `too large (${bytes.length} bytes, limit ${formatSize(maxBytes)})`);
  }
  if (bytes.length === 0) throw new DecodeError('empty', inputName, 'empty input, no text');

  const decoded = decodeByBom(bytes, inputName) ?? decodeUtf8(bytes) ?? decodeUtf16NoBom(bytes) ?? decodeWindows1256(bytes, inputName);
  assertText(decoded.text, inputName);
  return decoded;
}

/** Byte order marks decide outright. */
function decodeByBom(bytes: Uint8Array, inputName: string): Decoded | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryUtf8(bytes.subarray(3));
    // a UTF-8 BOM before invalid UTF-8 is a broken file, not a reason to guess another code page
    if (text === null) throw new DecodeError('undecodable', inputName, 'starts with a UTF-8 byte order mark but is not valid UTF-8');
    return { text, encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv.decode(asBuffer(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: iconv.decode(asBuffer(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  }
  return null;
}

function decodeUtf8(bytes: Uint8Array): Decoded | null {
  // NUL never occurs in text; UTF-16 without a BOM is tried next
  if (bytes.includes(0)) return null;
  const text = tryUtf8(bytes);
  return text === null ? null : { text, encoding: 'utf-8' };
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8Fatal.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * UTF-16 without a BOM: one byte of every pair takes only a handful of values (0x00 for
 * Latin, 0x06 for Arabic). Binary files rarely show that regularity over a whole file.
 */
function decodeUtf16NoBom(bytes: Uint8Array): Decoded | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  for (const [encoding, highOffset] of [['utf-16le', 1], ['utf-16be', 0]] as const) {
    const counts = new Map<number, number>();
    for (let i = highOffset; i < bytes.length; i += 2) counts.set(bytes[i], (counts.get(bytes[i]) ?? 0) + 1);
    const top = [...counts.values()].sort((a, b) => b - a).slice(0, 3).reduce((a, b) => a + b, 0);
    const pairs = bytes.length / 2;
    if (top / pairs < 0.95 || !counts.has(0)) continue;
    const text = iconv.decode(asBuffer(bytes), encoding);
    if (controlShare(text) <= MAX_CONTROL_SHARE && letterCounts(text).letters > 0) return { text, encoding };
  }
  return null;
}

function decodeWindows1256(bytes: Uint8Array, inputName: string): Decoded {
  if (bytes.includes(0)) throw new DecodeError('binary', inputName, 'binary data, not text');
  const text = iconv.decode(asBuffer(bytes), 'windows-1256');
  if (controlShare(text) > MAX_CONTROL_SHARE) throw new DecodeError('binary', inputName, 'binary data, not text');
  const { letters, arabic } = letterCounts(text);
  if (letters === 0 || arabic / letters < ARABIC_SHARE) {
    throw new DecodeError('undecodable', inputName, 'not valid UTF-8, UTF-16 or Windows-1256 Arabic text');
  }
  return { text, encoding: 'windows-1256' };
}

/**
 * Rejects decoded strings that are not usable text (NUL or many control characters; nothing
 * but whitespace). Exported for decoders of other formats (HTML with a declared charset).
 * @throws DecodeError with code `binary` or `empty`.
 */
export function assertText(text: string, inputName: string): void {
  if (text.includes('\u0000') || controlShare(text) > MAX_CONTROL_SHARE) {
    throw new DecodeError('binary', inputName, 'binary data, not text');
  }
  if (!/[^\s\uFEFF\u200B-\u200F]/.test(text)) throw new DecodeError('empty', inputName, 'empty input, only whitespace');
}

/** Share of C0/C1 control characters other than tab, line feed, form feed and carriage return. */
function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) controls++;
  }
  return controls / text.length;
}

const LETTER = /\p{L}/u;

/** Counts letters and, among them, Arabic-script letters. */
function letterCounts(text: string): { letters: number; arabic: number } {
  let letters = 0;
  let arabic = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) letters++;
      continue;
    }
    if (isArabicLetterCode(c)) {
      letters++;
      arabic++;
    } else if (LETTER.test(text[i])) {
      letters++;
    }
  }
  return { letters, arabic };
}

/** Arabic-script letters: base block, supplement, extended-A and presentation forms. */
function isArabicLetterCode(c: number): boolean {
  return (
    (c >= 0x0620 && c <= 0x064a) ||
    (c >= 0x066e && c <= 0x06d3) ||
    c === 0x06d5 ||
    (c >= 0x06fa && c <= 0x06fc) ||
    (c >= 0x0750 && c <= 0x077f) ||
    (c >= 0x08a0 && c <= 0x08c9) ||
    (c >= 0xfb50 && c <= 0xfdfb) ||
    (c >= 0xfe70 && c <= 0xfefc)
  );
}

/** Share of Arabic letters among all letters (0 when the text has no letters). */
export function arabicLetterShare(text: string): number {
  const { letters, arabic } = letterCounts(text);
  return letters === 0 ? 0 : arabic / letters;
}

/**
 * Language of a text, as far as Rasad cares: Arabic or not.
 * @example detectLanguage('قتل شخصان في قصف') === 'ar'
 */
export function detectLanguage(text: string): 'ar' | 'other' {
  return arabicLetterShare(text) >= ARABIC_SHARE ? 'ar' : 'other';
}

/** A Buffer view of the bytes, without copying them. */
function asBuffer(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${n} bytes`;
}
