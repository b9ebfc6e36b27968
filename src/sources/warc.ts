/**
 * @module sources/warc
 * WARC 1.0/1.1 files (.warc, .warc.gz) → documents, record by record, with bounded memory:
 * headers are read line by line, only `response` records with an HTML 200 are buffered (up to
 * `maxBytes`), everything else is skipped as it streams past. Gzip is detected by its magic
 * bytes; Node's gunzip reads the per-record gzip members of a .warc.gz in sequence.
 * WARC-Date is when the crawler fetched the page, not when the article was published: it goes
 * to `fetched_at`, and `published` comes only from the page's own metadata.
 */
import { createReadStream } from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { ByteReader, type ByteSource } from './bytes.ts';
import { decodeBytes } from './decode.ts';
import { readHtmlMeta } from './html-meta.ts';
import { parseHttpResponse } from './http-message.ts';
import { DEFAULT_MAX_BYTES, errorItem, type ReadOptions, type SourceDocument, type SourceItem } from './types.ts';

export interface WarcHeaders {
  version: string;
  fields: Map<string, string>;
}

/** Reads one record's header block; null at a clean end of stream. */
async function readWarcHeaders(r: ByteReader): Promise<WarcHeaders | null> {
  let line: string | null;
  // Records are separated by CRLF CRLF; tolerate extra blank lines.
  do {
    line = await r.readLine();
    if (line === null) return null;
  } while (line === '');
  if (!/^WARC\/\d+\.\d+$/.test(line.trim())) throw new Error(`expected a WARC version line, got ${JSON.stringify(line.slice(0, 40))}`);
  const fields = new Map<string, string>();
  let last: string | null = null;
  for (;;) {
    const l = await r.readLine();
    if (l === null) throw new Error('end of file inside WARC headers');
    if (l === '') break;
    if ((l[0] === ' ' || l[0] === '\t') && last) {
      fields.set(last, `${fields.get(last)} ${l.trim()}`); // folded continuation line
      continue;
    }
    const c = l.indexOf(':');
    if (c <= 0) continue;
    last = l.slice(0, c).trim().toLowerCase();
    fields.set(last, l.slice(c + 1).trim());
  }
  return { version: line.trim(), fields };
}

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)/i;

/** Document id for a record: its WARC-Record-ID without angle brackets, else the target URI. */
function recordId(f: Map<string, string>): string | null {
  const rid = f.get('warc-record-id')?.replace(/^<|>$/g, '').trim();
  return rid || f.get('warc-target-uri')?.replace(/^<|>$/g, '').trim() || null;
}

/** Documents from a (possibly gzipped) WARC byte stream; `name` prefixes each origin. */
export async function* readWarcStream(
  input: ByteSource,
  name: string,
  opts: ReadOptions = {},
): AsyncGenerator<SourceItem> {
  try {
    yield* warcRecords(input, name, opts);
  } catch (e) {
    // A truncated gzip member or an I/O error ends the file, not the whole ingest.
    yield errorItem(name, 'read_error', (e as Error).message, { id: null });
  }
}

async function* warcRecords(input: ByteSource, name: string, opts: ReadOptions): AsyncGenerator<SourceItem> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let r = ByteReader.from(input);
  const magic = await r.peek(2);
  if (magic[0] === 0x1f && magic[1] === 0x8b) {
    // Re-read from the start through gunzip; the peeked bytes are still unread in `r`.
    const raw = r;
    // Sync flush at the end: a truncated file yields what it holds and then a clean EOF,
    // instead of an error that discards output already decompressed but not yet read.
    const gz = zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    const src = Readable.from(
      (async function* () {
        for (;;) {
          const b = await raw.read(256 * 1024);
          if (b.length === 0) return;
          yield b;
        }
      })(),
    );
    // pipeline (not pipe) so a read error upstream reaches the gunzip stream we iterate.
    r = ByteReader.from(pipeline(src, gz, () => {}));
  }
  let n = 0;
  for (;;) {
    if (opts.signal?.aborted) return;
    let h: WarcHeaders | null;
    const at = r.offset;
    try {
      h = await readWarcHeaders(r);
    } catch (e) {
      // Without a valid header we cannot find the next record boundary: stop here.
      yield errorItem(`${name}#offset=${at}`, 'parse_error', (e as Error).message, { id: null });
      return;
    }
    if (!h) return;
    n++;
    const origin = `${name}#record=${n}`;
    const f = h.fields;
    const len = Number(f.get('content-length'));
    if (!Number.isFinite(len) || len < 0) {
      yield errorItem(origin, 'parse_error', 'record without a valid Content-Length', { id: recordId(f) });
      return;
    }
    const type = (f.get('warc-type') ?? '').toLowerCase();
    const isHttp = /application\/http/i.test(f.get('content-type') ?? '');
    if (type !== 'response' || !isHttp) {
      if ((await r.skip(len)) < len) {
        yield errorItem(origin, 'parse_error', 'file ends inside a record', { id: recordId(f) });
        return;
      }
      continue;
    }
    const id = recordId(f);
    if (len > max + 64 * 1024) {
      await r.skip(len);
      yield errorItem(origin, 'too_large', `response record is ${len} bytes, over the ${max}-byte limit`, { id });
      continue;
    }
    const block = await r.read(len);
    if (block.length < len) {
      yield errorItem(origin, 'parse_error', 'file ends inside a record', { id });
      return;
    }
    let res;
    try {
      res = parseHttpResponse(block, max);
    } catch (e) {
      yield errorItem(origin, 'parse_error', (e as Error).message, { id });
      continue;
    }
    // Not errors: redirects, 404s and images are a normal part of any crawl.
    const ct = res.headers.get('content-type') ?? '';
    if (res.status !== 200 || !HTML_TYPE.test(ct)) continue;
    const { text: html, charset } = decodeBytes(res.body, { contentType: ct, html: true });
    const meta = readHtmlMeta(html);
    const url = f.get('warc-target-uri')?.replace(/^<|>$/g, '');
    const doc: SourceDocument = { id: id ?? origin, html, content_type: ct.split(';')[0].trim().toLowerCase(), charset };
    if (meta.title) doc.title = meta.title;
    if (meta.published) doc.published = meta.published;
    if (url) doc.url = url;
    const date = f.get('warc-date');
    if (date) doc.fetched_at = date;
    if (opts.source) doc.source = opts.source;
    yield { kind: 'document', doc, origin, bytes: new Uint8Array(res.body.buffer, res.body.byteOffset, res.body.byteLength) };
  }
}

/** Reads a .warc or .warc.gz file. */
export function readWarcFile(path: string, opts: ReadOptions = {}): AsyncGenerator<SourceItem> {
  return readWarcStream(createReadStream(path, { highWaterMark: 256 * 1024 }), path, opts);
}
