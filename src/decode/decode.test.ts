import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { arabicLetterShare, DecodeError, decodeBytes, DEFAULT_MAX_BYTES, detectLanguage } from './decode.ts';

const ARABIC = 'فرضت السلطات حظر تجول في المدينة بعد اشتباكات استمرت حتى ساعات الفجر.';
const ENGLISH = 'The council met on Tuesday to discuss the water shortage in the northern districts.';
const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (number[] | Uint8Array | Buffer)[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

describe('decodeBytes: accepted encodings', () => {
  it.each([
    ['UTF-8 without BOM', utf8(ARABIC), ARABIC, 'utf-8'],
    ['UTF-8 with BOM (BOM stripped)', bytes([0xef, 0xbb, 0xbf], utf8(ARABIC)), ARABIC, 'utf-8'],
    ['UTF-16 LE with BOM', bytes([0xff, 0xfe], iconv.encode(ARABIC, 'utf-16le')), ARABIC, 'utf-16le'],
    ['UTF-16 BE with BOM', bytes([0xfe, 0xff], iconv.encode(ARABIC, 'utf-16be')), ARABIC, 'utf-16be'],
    ['UTF-16 LE without BOM', iconv.encode(ARABIC, 'utf-16le'), ARABIC, 'utf-16le'],
    ['UTF-16 BE without BOM', iconv.encode(ENGLISH, 'utf-16be'), ENGLISH, 'utf-16be'],
    ['Windows-1256 Arabic', iconv.encode(ARABIC, 'windows-1256'), ARABIC, 'windows-1256'],
    ['valid UTF-8 in another language', utf8(ENGLISH), ENGLISH, 'utf-8'],
    ['CRLF text is left to the cleaner', utf8('سطر أول\r\nسطر ثان'), 'سطر أول\r\nسطر ثان', 'utf-8'],
  ])('%s', (_name, input, text, encoding) => {
    const out = decodeBytes(Uint8Array.from(input), 'article.txt');
    expect(out).toEqual({ text, encoding });
  });

  it('accepts input exactly at the size limit', () => {
    const input = utf8('خبر '.repeat(10));
    expect(decodeBytes(input, 'a.txt', { maxBytes: input.length }).text).toBe('خبر '.repeat(10));
  });
});

describe('decodeBytes: refused input', () => {
  it.each([
    ['empty', new Uint8Array(0), 'empty', 'empty.txt: empty input, no text'],
    ['whitespace only', utf8('  \n\t \r\n '), 'empty', 'empty.txt: empty input, only whitespace'],
    ['UTF-8 BOM only', bytes([0xef, 0xbb, 0xbf]), 'empty', 'empty.txt: empty input, only whitespace'],
    ['UTF-16 BOM only', bytes([0xff, 0xfe]), 'empty', 'empty.txt: empty input, only whitespace'],
    ['PNG header', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00]), 'binary', 'empty.txt: binary data, not text'],
    ['text with a NUL byte', bytes(utf8('خبر عاجل'), [0], utf8(' من المدينة')), 'binary', 'empty.txt: binary data, not text'],
    ['many control characters', bytes(utf8('خبر'), [1, 2, 3, 4, 5, 6, 7, 8, 0x0e, 0x0f, 0x10, 0x11], utf8('عاجل')), 'binary', 'empty.txt: binary data, not text'],
    ['Windows-1252 French (not UTF-8, not Arabic)', iconv.encode('Le conseil a décidé hier à Genève de prolonger la trêve.', 'windows-1252'), 'undecodable', 'empty.txt: not valid UTF-8, UTF-16 or Windows-1256 Arabic text'],
    ['UTF-8 BOM before invalid UTF-8', bytes([0xef, 0xbb, 0xbf], iconv.encode(ARABIC, 'windows-1256')), 'undecodable', 'empty.txt: starts with a UTF-8 byte order mark but is not valid UTF-8'],
  ])('%s', (_name, input, code, message) => {
    let error: unknown;
    try {
      decodeBytes(Uint8Array.from(input), 'empty.txt');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({ code, input: 'empty.txt', message });
    expect((error as Error).message).not.toContain('\n');
  });

  it.each([
    ['over an explicit limit', utf8('خبر عاجل من المدينة'), { maxBytes: 10 }, 'article.bin: too large (35 bytes, limit 10 bytes)'],
    ['over the default 5 MB limit', new Uint8Array(DEFAULT_MAX_BYTES + 1).fill(0x61), {}, 'article.bin: too large (5242881 bytes, limit 5 MB)'],
  ])('too large: %s', (_name, input, opts, message) => {
    expect(() => decodeBytes(input, 'article.bin', opts)).toThrow(message);
    try {
      decodeBytes(input, 'article.bin', opts);
    } catch (e) {
      expect(e).toMatchObject({ code: 'too-large', input: 'article.bin' });
    }
  });

  it('checks the size before reading anything', () => {
    const binary = new Uint8Array(2048); // all NUL: would be binary, but size is checked first
    expect(() => decodeBytes(binary, 'x.bin', { maxBytes: 1024 })).toThrow(expect.objectContaining({ code: 'too-large' }));
  });

  it('default limit is 5 MB', () => {
    expect(DEFAULT_MAX_BYTES).toBe(5 * 1024 * 1024);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['Arabic news sentence', ARABIC, 'ar'],
    ['Arabic with a few Latin names', 'قالت وكالة Reuters إن وزير الخارجية التقى نظيره في جنيف أمس.', 'ar'],
    ['English', ENGLISH, 'other'],
    ['French', 'Le conseil municipal a voté la fermeture de la route.', 'other'],
    ['Persian counts as Arabic script', 'دولت اعلام کرد که مدارس فردا تعطیل است', 'ar'],
    ['digits and punctuation only', '2024-03-10 12:00 !!!', 'other'],
    ['empty', '', 'other'],
  ])('%s', (_name, text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('arabicLetterShare counts letters only', () => {
    expect(arabicLetterShare('خبر abc')).toBeCloseTo(0.5);
    expect(arabicLetterShare('123 ...')).toBe(0);
  });
});
