/**
 * @module sources/xml
 * Shared XML helpers for feeds and sitemaps: which kind of document a string is (by its root
 * element, not by file extension or a server's Content-Type, both often wrong), and small
 * accessors over fast-xml-parser's output.
 */

/** Local name of the root element ("rss", "feed", "rdf", "urlset", "sitemapindex", "html" …), or null. */
export function xmlRootName(text: string): string | null {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = Math.min(text.length, 64 * 1024);
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0 || lt >= n) return null;
    if (text.startsWith('<?', lt)) {
      i = text.indexOf('?>', lt);
      if (i < 0) return null;
      i += 2;
    } else if (text.startsWith('<!--', lt)) {
      i = text.indexOf('-->', lt);
      if (i < 0) return null;
      i += 3;
    } else if (text.startsWith('<!', lt)) {
      // DOCTYPE, possibly with an internal subset in brackets.
      const br = text.indexOf('[', lt);
      const gt = text.indexOf('>', lt);
      if (br >= 0 && br < gt) {
        const close = text.indexOf(']>', br);
        if (close < 0) return null;
        i = close + 2;
      } else {
        if (gt < 0) return null;
        i = gt + 1;
      }
    } else {
      const m = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text.slice(lt, lt + 200));
      return m ? m[2].toLowerCase() : null;
    }
  }
  return null;
}

/** Feed and sitemap kinds recognised by their root element. */
export type XmlKind = 'rss' | 'atom' | 'rdf' | 'urlset' | 'sitemapindex';

export function xmlKind(text: string): XmlKind | null {
  switch (xmlRootName(text)) {
    case 'rss':
      return 'rss';
    case 'feed':
      return 'atom';
    case 'rdf':
      return 'rdf';
    case 'urlset':
      return 'urlset';
    case 'sitemapindex':
      return 'sitemapindex';
    default:
      return null;
  }
}

/** Text content of a parsed node: a string, or `#text` of an element with attributes. */
export function textOf(node: unknown): string | undefined {
  if (node == null) return undefined;
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return textOf(node[0]);
  if (typeof node === 'object') return textOf((node as Record<string, unknown>)['#text']);
  return undefined;
}

export function attrOf(node: unknown, name: string): string | undefined {
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    const v = (node as Record<string, unknown>)[`@_${name}`];
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

export function asArray<T>(v: T | T[] | undefined | null): T[] {
  if (v == null) return [];
  return Array.isArray(v) ? v : [v];
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    return XML_ENTITIES[e.toLowerCase()] ?? all;
  });
}

/**
 * The content of an element kept raw by `stopNodes` (description, content:encoded, Atom
 * content): CDATA sections are unwrapped as they are; text outside CDATA is entity-decoded
 * unless it is itself markup (inline XHTML, or a feed that forgot to escape its HTML).
 */
export function rawContent(raw: string): string {
  const parts = raw.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/);
  const outside = parts.filter((_, i) => i % 2 === 0).join('');
  const isMarkup = /<[A-Za-z!/]/.test(outside);
  return parts
    .map((p, i) => (i % 2 === 1 ? p.slice(9, -3) : isMarkup ? p : decodeXmlEntities(p)))
    .join('')
    .trim();
}
