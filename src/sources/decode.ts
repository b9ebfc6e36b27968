/**
 * @module sources/decode
 * Bytes → string for fetched and archived pages. Order: byte-order mark, then the declared
 * charset (HTTP header, then `<meta charset>` in the first 4 KiB), then strict UTF-8, then
 * windows-1256 — the legacy encoding most Arabic sites used before UTF-8. The raw bytes are
 * always handed on too, so a caller with a better detector can decode again.
 */
import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  charset: string;
}

/** Charset named in a Content-Type value, lower-cased, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return m ? m[1].toLowerCase() : null;
}

/** Charset declared by `<meta charset>` or `<meta http-equiv content>` near the top of a page. */
export function charsetFromMeta(head: Uint8Array): string | null {
  const s = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(s);
  return m ? m[1].toLowerCase() : null;
}

function bomCharset(b: Uint8Array): { charset: string; skip: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes with the ladder described in the module comment. */
export function decodeBytes(bytes: Uint8Array, opts: { contentType?: string | null; html?: boolean } = {}): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = bomCharset(buf);
  if (bom) return { text: iconv.decode(buf.subarray(bom.skip), bom.charset), charset: bom.charset };
  const declared = charsetFromContentType(opts.contentType) ?? (opts.html ? charsetFromMeta(buf) : null);
  if (declared === 'utf-8' || declared === 'utf8') {
    // Declared UTF-8 with a few bad bytes: keep the rest readable rather than guess another charset.
    return { text: buf.toString('utf8'), charset: 'utf-8' };
  }
  if (declared && iconv.encodingExists(declared)) return { text: iconv.decode(buf, declared), charset: declared };
  try {
    return { text: strictUtf8.decode(buf), charset: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'windows-1256'), charset: 'windows-1256' };
  }
}
