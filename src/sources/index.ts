/**
 * @module sources
 * Input readers: everything Rasad can ingest, as one stream of `SourceItem`s. `readInput`
 * takes what a user types after `rasad ingest` — a path or an http(s) URL.
 */
import { readPath, type PathReadOptions } from './read-path.ts';
import { readUrl } from './read-url.ts';
import type { SourceItem } from './types.ts';

export { readPath, fileKind, type PathReadOptions, type FileKind } from './read-path.ts';
export { readUrl, readSitemapText, htmlResponseToDocument, type UrlReadOptions } from './read-url.ts';
export { PoliteFetcher, FetchError, DEFAULT_USER_AGENT, type FetcherOptions, type FetchedResponse } from './fetcher.ts';
export { parseRobots, isAllowed, type RobotsPolicy } from './robots.ts';
export { parseFeed, feedDocuments, type ParsedFeed, type FeedEntry } from './feed.ts';
export { parseSitemap, type ParsedSitemap, type SitemapEntry } from './sitemap.ts';
export { readJsonlStream, readJsonlFile, validateDocument, inputDocumentSchema } from './jsonl.ts';
export { readTelegramStream, readTelegramFile, flattenTelegramText, telegramMessageToDocument } from './telegram.ts';
export { readWarcStream, readWarcFile } from './warc.ts';
export { readTextFile, readHtmlFile, fileId } from './files.ts';
export { decodeBytes } from './decode.ts';
export { readHtmlMeta } from './html-meta.ts';
export { parseRfc822, normalizeIsoDate, toPublished } from './dates.ts';
export * from './types.ts';

/** A path or an http(s) URL. */
export function readInput(input: string, opts: PathReadOptions = {}): AsyncGenerator<SourceItem> {
  return /^https?:\/\//i.test(input) ? readUrl(input, opts) : readPath(input, opts);
}
