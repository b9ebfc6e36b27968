/**
 * @module sources/http-message
 * Parses an HTTP/1.x response as archived in a WARC `response` record: status line, headers,
 * and the body with its transfer coding (chunked) and content coding (gzip, deflate, br)
 * removed — crawlers archive the bytes exactly as the server sent them.
 */
import zlib from 'node:zlib';

export interface HttpResponse {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

/** Finds the blank line ending the header block (CRLF CRLF, or bare LF LF from sloppy servers). */
function headerEnd(buf: Buffer): { end: number; bodyStart: number } | null {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { end: crlf, bodyStart: crlf + 4 };
  if (lf >= 0) return { end: lf, bodyStart: lf + 2 };
  return null;
}

/** Removes chunked transfer coding; returns null when the framing is broken. */
export function dechunk(buf: Buffer): Buffer | null {
  const out: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const nl = buf.indexOf('\n', pos);
    if (nl < 0) return null;
    const size = parseInt(buf.toString('latin1', pos, nl).split(';')[0].trim(), 16);
    if (!Number.isFinite(size) || size < 0) return null;
    if (size === 0) break;
    const start = nl + 1;
    if (start + size > buf.length) return null;
    out.push(buf.subarray(start, start + size));
    pos = start + size;
    if (buf[pos] === 0x0d) pos++;
    if (buf[pos] === 0x0a) pos++;
  }
  return Buffer.concat(out);
}

/** Undoes Content-Encoding, bounded by `maxBytes` of output. */
export function decodeContent(body: Buffer, encoding: string | undefined, maxBytes: number): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  const o = { maxOutputLength: maxBytes };
  if (enc === 'gzip' || enc === 'x-gzip') return zlib.gunzipSync(body, o);
  if (enc === 'deflate') {
    try {
      return zlib.inflateSync(body, o);
    } catch {
      return zlib.inflateRawSync(body, o); // servers often send raw deflate under this name
    }
  }
  if (enc === 'br') return zlib.brotliDecompressSync(body, o);
  return body;
}

/** Parses a raw HTTP response. Throws on a missing status line or header block. */
export function parseHttpResponse(block: Buffer, maxBytes: number): HttpResponse {
  const he = headerEnd(block);
  if (!he) throw new Error('no end of HTTP headers');
  const lines = block.toString('latin1', 0, he.end).split(/\r?\n/);
  const m = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(lines[0] ?? '');
  if (!m) throw new Error(`bad HTTP status line: ${JSON.stringify((lines[0] ?? '').slice(0, 80))}`);
  const headers = new Map<string, string>();
  for (const l of lines.slice(1)) {
    const c = l.indexOf(':');
    if (c <= 0) continue;
    const k = l.slice(0, c).trim().toLowerCase();
    const v = l.slice(c + 1).trim();
    headers.set(k, headers.has(k) ? `${headers.get(k)}, ${v}` : v);
  }
  let body = block.subarray(he.bodyStart);
  if (/chunked/i.test(headers.get('transfer-encoding') ?? '')) body = dechunk(body) ?? body;
  try {
    body = decodeContent(body, headers.get('content-encoding'), maxBytes);
  } catch (e) {
    // Some archivers store the body already decoded but keep the header; gzip magic tells.
    if (body[0] === 0x1f && body[1] === 0x8b) throw e;
  }
  return { status: Number(m[1]), headers, body };
}
