/**
 * @module sources/read-path
 * Files and folders → documents, dispatching on file type: .txt, .html/.htm, .jsonl (also
 * .ndjson and .jsonl.gz), feeds (.xml/.rss/.atom, recognised by their root element), Telegram
 * Desktop exports (.json with a top-level "messages" array, usually `result.json`), WARC
 * (.warc, .warc.gz), and sitemaps (.xml with a urlset root: their pages are fetched politely).
 * Folders are walked recursively in sorted order (so two runs see the same sequence);
 * hidden entries and files of other types in a folder are skipped silently, while a file
 * named explicitly that cannot be read is an error item.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import zlib from 'node:zlib';
import { decodeBytes } from './decode.ts';
import { feedDocuments } from './feed.ts';
import { readHtmlFile, readTextFile } from './files.ts';
import { readJsonlFile, readJsonlStream } from './jsonl.ts';
import { readSitemapText, type UrlReadOptions } from './read-url.ts';
import { readTelegramFile } from './telegram.ts';
import { DEFAULT_MAX_BYTES, errorItem, type SourceItem } from './types.ts';
import { readWarcFile } from './warc.ts';
import { xmlKind } from './xml.ts';

export type PathReadOptions = UrlReadOptions;

export type FileKind = 'text' | 'html' | 'jsonl' | 'jsonl.gz' | 'xml' | 'json' | 'warc';

/** The reader a file name asks for, or null for a type we do not read. */
export function fileKind(path: string): FileKind | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.warc') || lower.endsWith('.warc.gz')) return 'warc';
  if (lower.endsWith('.jsonl.gz') || lower.endsWith('.ndjson.gz')) return 'jsonl.gz';
  switch (extname(lower)) {
    case '.txt':
      return 'text';
    case '.html':
    case '.htm':
    case '.xhtml':
      return 'html';
    case '.jsonl':
    case '.ndjson':
      return 'jsonl';
    case '.xml':
    case '.rss':
    case '.atom':
      return 'xml';
    case '.json':
      return 'json';
    default:
      return null;
  }
}

async function head(path: string, n: number): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.toString('utf8', 0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function* readXmlFile(path: string, opts: PathReadOptions, explicit: boolean): AsyncGenerator<SourceItem> {
  const kind = xmlKind(await head(path, 64 * 1024));
  if (kind === null) {
    if (explicit) yield errorItem(path, 'unsupported', 'XML file is neither an RSS/Atom feed nor a sitemap', { id: null });
    return;
  }
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = (await stat(path)).size;
  // Feeds and sitemaps are parsed whole; the per-document limit bounds them too (sitemaps.org caps a file at 50 MB).
  if (size > Math.max(max, 50 * 1024 * 1024)) {
    yield errorItem(path, 'too_large', `XML file is ${size} bytes, too large to parse whole`, { id: null });
    return;
  }
  const text = decodeBytes(await readFile(path)).text;
  if (kind === 'urlset' || kind === 'sitemapindex') yield* readSitemapText(text, path, opts);
  else yield* feedDocuments(text, path, opts);
}

async function* readJsonFile(path: string, opts: PathReadOptions, explicit: boolean): AsyncGenerator<SourceItem> {
  // Telegram Desktop writes name, type and id before "messages"; all within the first few hundred bytes.
  if (/"messages"\s*:\s*\[/.test(await head(path, 64 * 1024))) {
    yield* readTelegramFile(path, opts);
  } else if (explicit) {
    yield errorItem(path, 'unsupported', 'JSON file is not a Telegram Desktop chat export (no "messages" array)', { id: null });
  }
}

async function* readFileOf(path: string, opts: PathReadOptions, explicit: boolean): AsyncGenerator<SourceItem> {
  const kind = fileKind(path);
  switch (kind) {
    case 'text':
      return yield* readTextFile(path, opts);
    case 'html':
      return yield* readHtmlFile(path, opts);
    case 'jsonl':
      return yield* readJsonlFile(path, opts);
    case 'jsonl.gz':
      return yield* readJsonlStream(createReadStream(path).pipe(zlib.createGunzip()), path, opts);
    case 'xml':
      return yield* readXmlFile(path, opts, explicit);
    case 'json':
      return yield* readJsonFile(path, opts, explicit);
    case 'warc':
      return yield* readWarcFile(path, opts);
    default:
      if (explicit) yield errorItem(path, 'unsupported', `no reader for files like ${path}`, { id: null });
  }
}

async function* walk(dir: string, opts: PathReadOptions): AsyncGenerator<SourceItem> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    yield errorItem(dir, 'read_error', (e as Error).message, { id: null });
    return;
  }
  // Code-unit order, not locale order: the same on every machine.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (opts.signal?.aborted) return;
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p, opts);
    else if (e.isFile()) yield* readFileOf(p, opts, false);
  }
}

/** Documents in a file or folder; see the module comment. */
export async function* readPath(path: string, opts: PathReadOptions = {}): AsyncGenerator<SourceItem> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    yield errorItem(path, 'read_error', (e as Error).message, { id: null });
    return;
  }
  if (st.isDirectory()) yield* walk(path, opts);
  else yield* readFileOf(path, opts, true);
}
