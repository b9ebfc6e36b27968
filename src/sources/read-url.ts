/**
 * @module sources/read-url
 * URLs → documents through a `PoliteFetcher`. What the URL is gets decided by what comes
 * back, not by how the URL looks: an RSS/Atom feed yields its items (with `followLinks`, each
 * item's page is fetched and replaces the teaser), a sitemap or sitemap index yields every
 * page it lists (fetched politely, recursively, up to `maxPages`), an HTML page is one
 * document, plain text is one document.
 */
import zlib from 'node:zlib';
import { decodeBytes } from './decode.ts';
import { entryToDocument, parseFeed, type ParsedFeed } from './feed.ts';
import { FetchError, PoliteFetcher, type FetchedResponse, type FetcherOptions } from './fetcher.ts';
import { readHtmlMeta } from './html-meta.ts';
import { parseSitemap, type SitemapEntry } from './sitemap.ts';
import { DEFAULT_MAX_BYTES, errorItem, type ReadOptions, type SourceDocument, type SourceItem } from './types.ts';
import { xmlKind } from './xml.ts';

export interface UrlReadOptions extends ReadOptions {
  /** Shared fetcher (keeps robots.txt cache and per-host clocks across calls). */
  fetcher?: PoliteFetcher;
  /** Used when no `fetcher` is given. */
  fetcherOptions?: FetcherOptions;
  /** For feeds: fetch each item's page instead of keeping its description. Default false. */
  followLinks?: boolean;
  /** Most pages fetched from one sitemap (index included). Default 10,000. */
  maxPages?: number;
  /** Deepest sitemap-index nesting followed. Default 3. */
  maxSitemapDepth?: number;
}

const ACCEPT = 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5';
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** URL without its fragment: the same page whatever anchor was linked. */
function pageId(url: string): string {
  const i = url.indexOf('#');
  return i >= 0 ? url.slice(0, i) : url;
}

function fetchErrorItem(url: string, e: unknown, id: string | null = null): SourceItem {
  if (e instanceof FetchError) return errorItem(url, e.code, e.message, { id });
  return errorItem(url, 'fetch_error', (e as Error).message, { id });
}

function maybeGunzip(res: FetchedResponse, max: number): Uint8Array {
  const b = res.bytes;
  // Sitemaps are often served as .xml.gz with a generic type; fetch already undid Content-Encoding.
  if (b[0] === 0x1f && b[1] === 0x8b) return zlib.gunzipSync(b, { maxOutputLength: max });
  return b;
}

/** An HTML response as a document; `fallback` supplies fields the page lacks (from a feed or news sitemap). */
export function htmlResponseToDocument(res: FetchedResponse, opts: ReadOptions, fallback: Partial<SourceDocument> = {}): SourceDocument {
  const { text: html, charset } = decodeBytes(res.bytes, { contentType: res.contentType, html: true });
  const meta = readHtmlMeta(html);
  const doc: SourceDocument = { id: fallback.id ?? pageId(res.requestedUrl), html, url: res.url, fetched_at: res.fetchedAt, content_type: res.mediaType || 'text/html', charset };
  const title = meta.title ?? fallback.title;
  if (title) doc.title = title;
  const published = meta.published ?? fallback.published;
  if (published) doc.published = published;
  const source = opts.source ?? fallback.source;
  if (source) doc.source = source;
  return doc;
}

/** Served as HTML, or served without a useful type but starting like an HTML page. */
function looksLikeHtml(res: FetchedResponse): boolean {
  if (HTML_TYPES.has(res.mediaType)) return true;
  if (res.mediaType && !['text/plain', 'application/octet-stream', 'text/xml', 'application/xml'].includes(res.mediaType)) return false;
  return /^\s*(<!doctype html|<html)/i.test(Buffer.from(res.bytes.subarray(0, 1024)).toString('latin1').replace(/^\uFEFF/, ''));
}

interface Ctx {
  fetcher: PoliteFetcher;
  opts: UrlReadOptions;
  pages: number;
  seen: Set<string>;
}

async function* pageDocument(ctx: Ctx, url: string, fallback: Partial<SourceDocument>): AsyncGenerator<SourceItem> {
  let res: FetchedResponse;
  try {
    res = await ctx.fetcher.get(url, { accept: ACCEPT, signal: ctx.opts.signal });
  } catch (e) {
    yield fetchErrorItem(url, e, fallback.id ?? pageId(url));
    return;
  }
  if (!looksLikeHtml(res)) {
    yield errorItem(url, 'unsupported', `expected an HTML page, got ${res.mediaType || 'no content type'}`, { id: fallback.id ?? pageId(url) });
    return;
  }
  yield { kind: 'document', doc: htmlResponseToDocument(res, ctx.opts, fallback), origin: res.url, bytes: res.bytes };
}

async function* feedItems(ctx: Ctx, feed: ParsedFeed, origin: string): AsyncGenerator<SourceItem> {
  for (const [i, e] of feed.entries.entries()) {
    if (ctx.opts.signal?.aborted) return;
    const base = entryToDocument(e, feed, ctx.opts);
    if (ctx.opts.followLinks && e.link) {
      let failed: SourceItem | null = null;
      for await (const item of pageDocument(ctx, e.link, { id: base.id, title: base.title, published: base.published, source: base.source })) {
        if (item.kind === 'document') yield item;
        else failed = item;
      }
      // The page could not be had (robots, 404): the feed's own text is better than nothing.
      if (!failed) continue;
      if (!e.html && !e.text) {
        yield failed;
        continue;
      }
    }
    yield { kind: 'document', doc: base, origin: `${origin}#item=${i + 1}` };
  }
}

async function* sitemapPages(ctx: Ctx, xml: string, origin: string, depth: number): AsyncGenerator<SourceItem> {
  let sm;
  try {
    sm = parseSitemap(xml);
  } catch (e) {
    yield errorItem(origin, 'parse_error', (e as Error).message, { id: null });
    return;
  }
  const maxPages = ctx.opts.maxPages ?? 10_000;
  for (const entry of sm.entries) {
    if (ctx.opts.signal?.aborted || ctx.pages >= maxPages) return;
    if (ctx.seen.has(entry.loc)) continue;
    ctx.seen.add(entry.loc);
    if (sm.kind === 'sitemapindex') {
      if (depth >= (ctx.opts.maxSitemapDepth ?? 3)) {
        yield errorItem(entry.loc, 'unsupported', 'sitemap index nested too deep', { id: null });
        continue;
      }
      yield* fetchAny(ctx, entry.loc, depth + 1);
    } else {
      ctx.pages++;
      yield* pageDocument(ctx, entry.loc, sitemapFallback(entry, ctx.opts));
    }
  }
}

function sitemapFallback(e: SitemapEntry, opts: ReadOptions): Partial<SourceDocument> {
  const f: Partial<SourceDocument> = {};
  if (e.published) f.published = e.published;
  if (e.title) f.title = e.title;
  if (opts.source) f.source = opts.source;
  return f;
}

/** Fetches a URL and dispatches on what came back. */
async function* fetchAny(ctx: Ctx, url: string, depth: number): AsyncGenerator<SourceItem> {
  let res: FetchedResponse;
  try {
    res = await ctx.fetcher.get(url, { accept: ACCEPT, signal: ctx.opts.signal });
  } catch (e) {
    yield fetchErrorItem(url, e, null);
    return;
  }
  if (HTML_TYPES.has(res.mediaType)) {
    yield { kind: 'document', doc: htmlResponseToDocument(res, ctx.opts), origin: res.url, bytes: res.bytes };
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = maybeGunzip(res, ctx.opts.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (e) {
    yield errorItem(url, 'parse_error', `bad gzip body: ${(e as Error).message}`, { id: null });
    return;
  }
  const { text, charset } = decodeBytes(bytes, { contentType: res.contentType });
  const kind = xmlKind(text);
  if (kind === 'rss' || kind === 'atom' || kind === 'rdf') {
    let feed: ParsedFeed;
    try {
      feed = parseFeed(text, url);
    } catch (e) {
      yield errorItem(url, 'parse_error', (e as Error).message, { id: null });
      return;
    }
    yield* feedItems(ctx, feed, res.url);
    return;
  }
  if (kind === 'urlset' || kind === 'sitemapindex') {
    yield* sitemapPages(ctx, text, res.url, depth);
    return;
  }
  if (looksLikeHtml({ ...res, mediaType: '' })) {
    yield { kind: 'document', doc: htmlResponseToDocument(res, ctx.opts), origin: res.url, bytes: res.bytes };
    return;
  }
  if (res.mediaType === 'text/plain' && text.trim()) {
    const doc: SourceDocument = { id: pageId(url), text, url: res.url, fetched_at: res.fetchedAt, content_type: 'text/plain', charset };
    if (ctx.opts.source) doc.source = ctx.opts.source;
    yield { kind: 'document', doc, origin: res.url, bytes: res.bytes };
    return;
  }
  yield errorItem(url, 'unsupported', `cannot read ${res.mediaType || 'content without a type'} as documents`, { id: null });
}

/** Documents behind a URL (article page, feed, or sitemap); see the module comment. */
export async function* readUrl(url: string, opts: UrlReadOptions = {}): AsyncGenerator<SourceItem> {
  const fetcher = opts.fetcher ?? new PoliteFetcher({ maxBytes: opts.maxBytes, ...opts.fetcherOptions });
  yield* fetchAny({ fetcher, opts, pages: 0, seen: new Set([url]) }, url, 0);
}

/** Pages listed by a sitemap given as text (a local sitemap file), fetched politely. */
export async function* readSitemapText(xml: string, origin: string, opts: UrlReadOptions = {}): AsyncGenerator<SourceItem> {
  const fetcher = opts.fetcher ?? new PoliteFetcher({ maxBytes: opts.maxBytes, ...opts.fetcherOptions });
  yield* sitemapPages({ fetcher, opts, pages: 0, seen: new Set() }, xml, origin, 0);
}
