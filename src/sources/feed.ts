/**
 * @module sources/feed
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds → documents, with fast-xml-parser. Bodies come from
 * content:encoded / Atom content (full text) before description / summary (often a teaser).
 * An item with no body at all keeps its headline as text: a headline alone ("مقتل خمسة
 * مدنيين بقصف على ريف إدلب") is still a report worth extracting.
 */
import { XMLParser } from 'fast-xml-parser';
import { toPublished } from './dates.ts';
import { decodeEntities } from './html-meta.ts';
import { errorItem, type ReadOptions, type SourceDocument, type SourceItem } from './types.ts';
import { asArray, attrOf, rawContent, textOf, xmlKind } from './xml.ts';

export interface FeedEntry {
  id: string;
  title?: string;
  link?: string;
  published?: string;
  html?: string;
  text?: string;
}

export interface ParsedFeed {
  kind: 'rss' | 'atom' | 'rdf';
  title?: string;
  link?: string;
  entries: FeedEntry[];
}

/** Thrown by `parseFeed` for a string that is not a feed. */
export class FeedParseError extends Error {
  override name = 'FeedParseError';
}

const BODY_NODES = ['description', 'content:encoded', 'content', 'summary'];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true,
  // Bodies are kept raw so that inline XHTML and unescaped HTML survive as markup.
  stopNodes: BODY_NODES.map((n) => `*.${n}`),
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

function cleanTitle(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  // Atom titles of type html arrive entity-decoded as markup; strip tags for a plain title.
  const t = decodeEntities(raw.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return t || undefined;
}

function body(node: unknown): { html?: string; text?: string } {
  const raw = textOf(node);
  if (raw === undefined) return {};
  const content = rawContent(raw);
  if (!content) return {};
  const type = attrOf(node, 'type')?.toLowerCase();
  return type === 'text' || type === 'text/plain' ? { text: content } : { html: content };
}

function atomLink(links: unknown[]): string | undefined {
  const alt =
    links.find((l) => (attrOf(l, 'rel') ?? 'alternate') === 'alternate' && (attrOf(l, 'type') ?? 'text/html').includes('html')) ??
    links.find((l) => (attrOf(l, 'rel') ?? 'alternate') === 'alternate');
  return alt ? attrOf(alt, 'href') : undefined;
}

function firstDate(...vals: unknown[]): string | undefined {
  for (const v of vals) {
    const p = toPublished(textOf(v));
    if (p) return p;
  }
  return undefined;
}

/** Parses a feed. `base` names the feed in ids of items that have neither guid nor link. */
export function parseFeed(xml: string, base = 'feed'): ParsedFeed {
  const kind = xmlKind(xml);
  if (kind !== 'rss' && kind !== 'atom' && kind !== 'rdf') throw new FeedParseError('not an RSS or Atom feed');
  let doc: Record<string, any>;
  try {
    doc = parser.parse(xml) as Record<string, any>;
  } catch (e) {
    throw new FeedParseError(`malformed XML: ${(e as Error).message}`);
  }
  const entries: FeedEntry[] = [];
  if (kind === 'atom') {
    const feed = doc.feed ?? {};
    asArray<any>(feed.entry).forEach((e, i) => {
      const link = atomLink(asArray(e.link));
      const content = body(e.content);
      const entry: FeedEntry = {
        id: textOf(e.id)?.trim() || link || `${base}#entry-${i + 1}`,
        title: cleanTitle(textOf(e.title)),
        link,
        published: firstDate(e.published, e.updated, e['dc:date']),
        ...(content.html || content.text ? content : body(e.summary)),
      };
      entries.push(entry);
    });
    return { kind, title: cleanTitle(textOf(feed.title)), link: atomLink(asArray(feed.link)), entries };
  }
  const root = kind === 'rss' ? doc.rss : (doc['rdf:RDF'] ?? doc.RDF);
  const channel = asArray<any>(root?.channel)[0] ?? {};
  // RSS 2.0 nests items in the channel; RSS 1.0 puts them beside it.
  const items = kind === 'rss' ? asArray<any>(channel.item) : asArray<any>(root?.item);
  items.forEach((it, i) => {
    const link = textOf(asArray(it.link)[0])?.trim() || undefined;
    const guid = textOf(it.guid)?.trim() || attrOf(it, 'rdf:about');
    const full = body(it['content:encoded']);
    entries.push({
      id: guid || link || `${base}#item-${i + 1}`,
      title: cleanTitle(textOf(it.title)),
      link,
      published: firstDate(it.pubDate, it['dc:date'], it.published, it.updated),
      ...(full.html || full.text ? full : body(it.description)),
    });
  });
  return { kind, title: cleanTitle(textOf(channel.title)), link: textOf(asArray(channel.link)[0])?.trim(), entries };
}

/** One feed entry as an input document (without fetching its page). */
export function entryToDocument(e: FeedEntry, feed: ParsedFeed, opts: ReadOptions = {}): SourceDocument {
  const doc: SourceDocument = { id: e.id };
  if (e.html) doc.html = e.html;
  else if (e.text) doc.text = e.text;
  else if (e.title) doc.text = e.title;
  if (e.title) doc.title = e.title;
  if (e.published) doc.published = e.published;
  if (e.link) doc.url = e.link;
  const source = opts.source ?? feed.title;
  if (source) doc.source = source;
  return doc;
}

/** Documents of a feed given as text; a feed that cannot be parsed is one error item. */
export function* feedDocuments(xml: string, origin: string, opts: ReadOptions = {}): Generator<SourceItem> {
  let feed: ParsedFeed;
  try {
    feed = parseFeed(xml, origin);
  } catch (e) {
    yield errorItem(origin, 'parse_error', (e as Error).message, { id: null });
    return;
  }
  for (const [i, e] of feed.entries.entries()) {
    if (!e.html && !e.text && !e.title) {
      yield errorItem(`${origin}#item=${i + 1}`, 'invalid_document', 'feed item has no title, content or description', { id: e.id });
      continue;
    }
    yield { kind: 'document', doc: entryToDocument(e, feed, opts), origin: `${origin}#item=${i + 1}` };
  }
}
