/**
 * @module sources/sitemap
 * sitemaps.org sitemaps: a `urlset` lists pages, a `sitemapindex` lists more sitemaps. Google
 * News sitemaps add `<news:publication_date>` and `<news:title>`, which are kept: unlike
 * `lastmod` (when the page last changed), they date the article itself.
 */
import { XMLParser } from 'fast-xml-parser';
import { toPublished } from './dates.ts';
import { asArray, textOf, xmlKind } from './xml.ts';

export interface SitemapEntry {
  loc: string;
  lastmod?: string;
  /** From a news sitemap only. */
  published?: string;
  title?: string;
}

export interface ParsedSitemap {
  kind: 'urlset' | 'sitemapindex';
  entries: SitemapEntry[];
}

export class SitemapParseError extends Error {
  override name = 'SitemapParseError';
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'url' || name === 'sitemap',
});

export function parseSitemap(xml: string): ParsedSitemap {
  const kind = xmlKind(xml);
  if (kind !== 'urlset' && kind !== 'sitemapindex') throw new SitemapParseError('not a sitemap (no urlset or sitemapindex root)');
  let doc: Record<string, any>;
  try {
    doc = parser.parse(xml) as Record<string, any>;
  } catch (e) {
    throw new SitemapParseError(`malformed XML: ${(e as Error).message}`);
  }
  const nodes = kind === 'urlset' ? asArray<any>(doc.urlset?.url) : asArray<any>(doc.sitemapindex?.sitemap);
  const entries: SitemapEntry[] = [];
  for (const n of nodes) {
    const loc = textOf(n?.loc)?.trim();
    if (!loc) continue;
    const e: SitemapEntry = { loc };
    const lastmod = textOf(n.lastmod)?.trim();
    if (lastmod) e.lastmod = lastmod;
    const news = asArray<any>(n.news)[0];
    if (news) {
      const p = toPublished(textOf(news.publication_date));
      if (p) e.published = p;
      const t = textOf(news.title)?.trim();
      if (t) e.title = t;
    }
    entries.push(e);
  }
  return { kind, entries };
}
