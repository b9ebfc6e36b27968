/**
 * @module sources/files
 * Single-document files: .txt (text) and .html/.htm (html). The id is the file name without
 * its extension (SPEC section 1). The raw bytes travel with the document so that a caller with
 * a better charset detector can decode again; here they are decoded with `decodeBytes`.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { decodeBytes } from './decode.ts';
import { readHtmlMeta } from './html-meta.ts';
import { DEFAULT_MAX_BYTES, errorItem, type ReadOptions, type SourceDocument, type SourceItem } from './types.ts';

/** File name without directory and extension: "a/b/2022-01-27-hasakah.txt" → "2022-01-27-hasakah". */
export function fileId(path: string): string {
  const b = basename(path);
  return b.slice(0, b.length - extname(b).length) || b;
}

async function readBounded(path: string, max: number): Promise<Buffer | SourceItem> {
  try {
    const st = await stat(path);
    if (st.size > max) return errorItem(path, 'too_large', `file is ${st.size} bytes, over the ${max}-byte limit`, { id: fileId(path) });
    return await readFile(path);
  } catch (e) {
    return errorItem(path, 'read_error', (e as Error).message, { id: fileId(path) });
  }
}

const asBytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** A plain-text file as one document. */
export async function* readTextFile(path: string, opts: ReadOptions = {}): AsyncGenerator<SourceItem> {
  const b = await readBounded(path, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  if (!Buffer.isBuffer(b)) return yield b;
  const { text, charset } = decodeBytes(b);
  if (!text.trim()) return yield errorItem(path, 'invalid_document', 'file is empty', { id: fileId(path) });
  const doc: SourceDocument = { id: fileId(path), text, content_type: 'text/plain', charset };
  if (opts.source) doc.source = opts.source;
  yield { kind: 'document', doc, origin: path, bytes: asBytes(b) };
}

/** An HTML file as one document, with title and date from its head when present. */
export async function* readHtmlFile(path: string, opts: ReadOptions = {}): AsyncGenerator<SourceItem> {
  const b = await readBounded(path, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  if (!Buffer.isBuffer(b)) return yield b;
  const { text: html, charset } = decodeBytes(b, { html: true });
  if (!html.trim()) return yield errorItem(path, 'invalid_document', 'file is empty', { id: fileId(path) });
  const doc: SourceDocument = { id: fileId(path), html, content_type: 'text/html', charset };
  const meta = readHtmlMeta(html);
  if (meta.title) doc.title = meta.title;
  if (meta.published) doc.published = meta.published;
  if (opts.source) doc.source = opts.source;
  yield { kind: 'document', doc, origin: path, bytes: asBytes(b) };
}
