/**
 * @module sources/html-meta
 * Title and publication date from a page's `<head>` (Open Graph / article meta tags, JSON-LD
 * `datePublished`, `<title>`), read with a cheap scan of the first 128 KiB rather than a DOM
 * parse: readers handle thousands of pages a second and only need these two fields. The
 * cleaner does the full parse later.
 */
import { toPublished } from './dates.ts';

export interface HtmlMeta {
  title?: string;
  published?: string;
}

const HEAD_LIMIT = 128 * 1024;

/** Meta names/properties that carry the article's own publication time, best first. */
const PUBLISHED_KEYS = [
  'article:published_time',
  'og:published_time',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'dc.date.issued',
  'dcterms.created',
  'date',
];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the few entities found in attribute values and titles. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : null;
}

/** Reads title and publication date from the head of an HTML page. */
export function readHtmlMeta(html: string): HtmlMeta {
  const head = html.length > HEAD_LIMIT ? html.slice(0, HEAD_LIMIT) : html;
  const end = head.search(/<\/head\s*>/i);
  const headOnly = end >= 0 ? head.slice(0, end) : head;
  const out: HtmlMeta = {};
  const metas = new Map<string, string>();
  for (const m of headOnly.matchAll(/<meta\b[^>]*>/gi)) {
    const key = (attr(m[0], 'property') ?? attr(m[0], 'name') ?? attr(m[0], 'itemprop'))?.toLowerCase();
    const content = attr(m[0], 'content');
    if (key && content && !metas.has(key)) metas.set(key, content.trim());
  }
  for (const k of PUBLISHED_KEYS) {
    const p = toPublished(metas.get(k));
    if (p) {
      out.published = p;
      break;
    }
  }
  if (!out.published) {
    // JSON-LD may sit in the body; the first datePublished on the page is the article's.
    const m = /"datePublished"\s*:\s*"([^"]+)"/.exec(head);
    const p = m ? toPublished(m[1]) : null;
    if (p) out.published = p;
  }
  const og = metas.get('og:title');
  const t = og ?? /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(headOnly)?.[1];
  const title = t ? decodeEntities(t).replace(/\s+/g, ' ').trim() : '';
  if (title) out.title = title;
  return out;
}
