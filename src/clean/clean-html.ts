/**
 * @module clean/clean-html
 * The CLEAN stage for HTML pages: finds the article body, its title and its publication
 * date, and hands plain text (paragraphs separated by blank lines) to {@link cleanText}.
 * The body comes from a ladder of methods, each recorded in the result: Mozilla Readability,
 * then the densest cluster of <p> elements, then the raw text of <body>. Scripts, styles and
 * event-handler attributes are dropped before any of them runs, so they never reach the text.
 * {@link decodeHtmlBytes} turns page bytes into a string, honouring a declared charset
 * (Windows-1256 pages still exist) and otherwise following the rules of decodeBytes.
 */
import { Readability } from '@mozilla/readability';
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import { assertText, DecodeError, decodeBytes, DEFAULT_MAX_BYTES } from '../decode/decode.ts';
import { cleanText, type RemovedLine } from './clean-text.ts';

export type ExtractionMethod = 'readability' | 'paragraphs' | 'raw';

export interface HtmlArticle {
  /** Cleaned body text, paragraphs separated by blank lines. */
  text: string;
  title: string | null;
  /** `YYYY-MM-DD` or a full ISO date-time (offset kept as found), or null. */
  published: string | null;
  method: ExtractionMethod;
  /** Lines cleanText removed from the extracted text. */
  removed: RemovedLine[];
}

export interface HtmlExtractOptions {
  /** Page address, used to resolve relative links inside Readability. */
  url?: string;
  /** Rungs of the ladder to try, in their fixed order (default: all); the raw text is always the last resort. */
  methods?: ExtractionMethod[];
}

/** A rung's text shorter than this is taken as a miss and the next rung is tried. */
const MIN_BODY_CHARS = 150;
/** A <p> shorter than this counts toward density only if it ends like a sentence. */
const MIN_PARAGRAPH_CHARS = 40;

/** Elements whose content is never article text. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'math', 'button', 'select', 'option', 'textarea', 'input', 'head', 'title', 'meta', 'link']);
/** Page chrome, left out of the fallback rungs (Readability has its own judgement). */
const CHROME = new Set(['nav', 'aside', 'footer', 'header', 'form', 'menu', 'dialog']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li', 'main', 'nav',
  'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'td', 'th', 'tr', 'ul',
]);

/**
 * Extracts the article of an HTML page.
 * @example extractHtmlArticle(html).method // 'readability' | 'paragraphs' | 'raw'
 */
export function extractHtmlArticle(html: string, opts: HtmlExtractOptions = {}): HtmlArticle {
  const document = parsePage(html);
  const meta = readMetadata(document);
  sanitize(document);
  const rungs = new Set(opts.methods ?? ['readability', 'paragraphs', 'raw']);
  const byReadability = rungs.has('readability') ? readabilityRung(document, opts.url) : null;
  // Readability rewrites the tree it reads (even when it fails): later rungs get a fresh copy
  let fresh: Page | null = rungs.has('readability') ? null : document;
  const page = () => {
    if (!fresh) {
      fresh = parsePage(html);
      sanitize(fresh);
    }
    return fresh;
  };
  const attempts: { method: ExtractionMethod; run: () => string }[] = [
    { method: 'readability', run: () => byReadability?.body ?? '' },
    { method: 'paragraphs', run: () => densestParagraphs(page()) },
    { method: 'raw', run: () => (page().body ? blockText(page().body, true) : '') },
  ];
  // the first rung with a full body wins; on a page with only a short text, the first rung
  // that found any (Readability's short text is better than the raw page around it)
  let method: ExtractionMethod = 'raw';
  let body = '';
  let fallback: { method: ExtractionMethod; body: string } | null = null;
  for (const a of attempts) {
    if (!rungs.has(a.method) && a.method !== 'raw') continue;
    const text = a.run();
    if (text.length >= MIN_BODY_CHARS) {
      [method, body] = [a.method, text];
      fallback = null;
      break;
    }
    if (text !== '' && fallback === null) fallback = { method: a.method, body: text };
  }
  if (fallback) [method, body] = [fallback.method, fallback.body];

  const cleaned = cleanText(body);
  return {
    text: cleaned.text,
    title: meta.title ?? byReadability?.title ?? meta.documentTitle,
    published: meta.published ?? byReadability?.published ?? meta.anyTime,
    method,
    removed: cleaned.removed,
  };
}

type Page = ReturnType<typeof parseHTML>['document'];

/** Readability's body text, title and date; null when it finds nothing or fails. */
function readabilityRung(document: Page, url: string | undefined): { body: string; title: string | null; published: string | null } | null {
  try {
    if (url) setDocumentUrl(document, url);
    const article = new Readability(document as unknown as Document).parse();
    if (!article?.content) return null;
    return {
      body: blockText(parsePage(article.content).body, false),
      title: cleanTitle(article.title),
      published: article.publishedTime ? normalizeDate(article.publishedTime) : null,
    };
  } catch {
    return null; // a page Readability cannot handle falls through to the next rung
  }
}

/** linkedom needs a whole document; a fragment is wrapped in one. */
function parsePage(html: string): Page {
  const whole = /<html[\s>]/i.test(html) && /<body[\s>]/i.test(html);
  const { document } = parseHTML(whole ? html : `<!DOCTYPE html><html><head></head><body>${html.replace(/<\/?(?:html|body)\b[^>]*>/gi, '')}</body></html>`);
  return document;
}

function setDocumentUrl(document: Page, url: string): void {
  try {
    Object.defineProperty(document, 'documentURI', { value: url, configurable: true });
    Object.defineProperty(document, 'baseURI', { value: url, configurable: true });
  } catch {
    // only used to resolve relative links, which the text does not need
  }
}

/**
 * Removes elements whose content is code or styling. Event-handler attributes need no pass of
 * their own: text is taken from text nodes only, never from attributes.
 */
function sanitize(document: Page): void {
  for (const el of Array.from(document.querySelectorAll('script, style, noscript, template, iframe, object, embed, svg, canvas'))) el.remove();
}

interface PageMetadata {
  title: string | null;
  documentTitle: string | null;
  published: string | null;
  /** A bare <time datetime> anywhere: weaker than Readability's date, used last. */
  anyTime: string | null;
}

/** Reads title and publication date before sanitizing (JSON-LD lives in <script>). */
function readMetadata(document: Page): PageMetadata {
  const attr = (selector: string, name: string): string | null => {
    for (const el of Array.from(document.querySelectorAll(selector))) {
      const v = el.getAttribute(name)?.trim();
      if (v) return v;
    }
    return null;
  };
  const firstDate = (candidates: (string | null)[]): string | null => {
    for (const c of candidates) {
      const d = c ? normalizeDate(c) : null;
      if (d) return d;
    }
    return null;
  };
  const ld = readJsonLd(document);

  const title = cleanTitle(attr('meta[property="og:title"]', 'content') ?? attr('meta[name="twitter:title"]', 'content') ?? ld.headline);
  const documentTitle = cleanTitle(document.querySelector('title')?.textContent) ?? cleanTitle(document.querySelector('h1')?.textContent);

  const published = firstDate([
    attr('meta[property="article:published_time"]', 'content'),
    attr('meta[name="article:published_time"]', 'content'),
    attr('meta[property="og:published_time"]', 'content'),
    ld.datePublished,
    attr('meta[itemprop="datePublished"]', 'content'),
    attr('[itemprop="datePublished"][datetime]', 'datetime'),
    attr('[itemprop="datePublished"][content]', 'content'),
    attr('time[pubdate][datetime]', 'datetime'),
    attr('article time[datetime]', 'datetime'),
    // a page header often shows today's date in a <time>, so the <meta> dates come first
    ...['date', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'DC.date.issued', 'dc.date.issued', 'dcterms.created', 'dcterms.date', 'sailthru.date', 'parsely-pub-date'].map((n) =>
      attr(`meta[name="${n}"]`, 'content'),
    ),
  ]);
  const anyTime = firstDate([attr('time[datetime]', 'datetime')]);
  return { title, documentTitle, published, anyTime };
}

/** `headline` and `datePublished` from JSON-LD blocks, looking into arrays and @graph. */
function readJsonLd(document: Page): { headline: string | null; datePublished: string | null } {
  let headline: string | null = null;
  let datePublished: string | null = null;
  const visit = (node: unknown, depth: number): void => {
    if (depth > 6 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const x of node) visit(x, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    if (datePublished === null && typeof o.datePublished === 'string') datePublished = o.datePublished;
    if (headline === null && typeof o.headline === 'string') headline = o.headline;
    for (const v of Object.values(o)) if (typeof v === 'object') visit(v, depth + 1);
  };
  for (const el of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    const raw = el.textContent ?? '';
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      // hand-written JSON-LD is often invalid (raw newlines, trailing commas): read the field directly
      datePublished ??= /"datePublished"\s*:\s*"([^"]+)"/.exec(raw)?.[1] ?? null;
      headline ??= /"headline"\s*:\s*"([^"]+)"/.exec(raw)?.[1] ?? null;
    }
  }
  return { headline, datePublished };
}

function cleanTitle(s: string | null | undefined): string | null {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

/**
 * Normalizes a date as found in page metadata: `YYYY-MM-DD`, or a full ISO date-time that
 * keeps the offset it was written with (the offset decides which local day "today" is).
 * @example normalizeDate('2022/01/27 10:05') === '2022-01-27T10:05:00'
 */
export function normalizeDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(s);
  if (m) {
    const date = ymd(m[1], m[2], m[3]);
    if (!date || m[4] === undefined) return date;
    const [hh, mm, ss] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
    if (hh > 23 || mm > 59 || ss > 60) return date;
    return `${date}T${pad(hh)}:${pad(mm)}:${pad(ss)}${formatZone(m[7])}`;
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return ymd(m[1], m[2], m[3]);
  // textual forms ("Thu, 27 Jan 2022 10:00:00 +0300"): only when the zone is stated, so the
  // result does not depend on the machine's time zone; otherwise the day alone
  if (!/[A-Za-z]{3}/.test(s)) return null;
  const zone = /(?:GMT|UTC|Z)?\s*([+-]\d{2}:?\d{2})\s*$/i.exec(s)?.[1] ?? (/\b(?:GMT|UTC)\s*$/i.test(s) ? 'Z' : null);
  if (zone) {
    const ms = Date.parse(s);
    if (Number.isNaN(ms)) return null;
    const offsetMin = zone === 'Z' ? 0 : offsetMinutes(zone);
    const local = new Date(ms + offsetMin * 60_000);
    const iso = local.toISOString().slice(0, 19);
    return inRange(local.getUTCFullYear()) ? `${iso}${formatZone(zone)}` : null;
  }
  const ms = Date.parse(`${s} UTC`);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms);
  return inRange(d.getUTCFullYear()) ? d.toISOString().slice(0, 10) : null;
}

function ymd(y: string, mo: string, d: string): string | null {
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  if (!inRange(year) || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function inRange(year: number): boolean {
  return year >= 1900 && year <= 2200;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function offsetMinutes(zone: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

function formatZone(zone: string | undefined): string {
  if (!zone) return '';
  if (/^z$/i.test(zone)) return 'Z';
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  return m ? `${m[1]}${m[2]}:${m[3] ?? '00'}` : '';
}

type El = { localName?: string; tagName?: string; childNodes: ArrayLike<unknown>; getAttribute(n: string): string | null; hasAttribute(n: string): boolean; closest?(s: string): unknown };

function tagOf(el: El): string {
  return (el.localName ?? el.tagName ?? '').toLowerCase();
}

function isHidden(el: El): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return style !== null && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/**
 * Plain text of an element: one paragraph per block element, paragraphs separated by a blank
 * line, <br> kept as a line break. With `skipChrome`, navigation, headers, footers and asides
 * outside <article> are left out.
 */
function blockText(root: unknown, skipChrome: boolean): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const text = current
      .split('\n')
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter((l) => l !== '')
      .join('\n');
    if (text) paragraphs.push(text);
    current = '';
  };
  const walk = (node: El, inArticle: boolean): void => {
    for (const child of Array.from(node.childNodes) as (El & { nodeType: number; textContent: string | null })[]) {
      if (child.nodeType === 3) {
        current += child.textContent ?? '';
        continue;
      }
      if (child.nodeType !== 1) continue;
      const tag = tagOf(child);
      if (SKIP.has(tag) || isHidden(child)) continue;
      if (skipChrome && !inArticle && CHROME.has(tag)) continue;
      if (tag === 'br') {
        current += '\n';
        continue;
      }
      const block = BLOCK.has(tag);
      if (block) flush();
      walk(child, inArticle || tag === 'article' || tag === 'main');
      if (block) flush();
    }
  };
  if (root) walk(root as El, false);
  flush();
  return paragraphs.join('\n\n');
}

/**
 * The <p> elements of the container that holds the most paragraph text, in page order.
 * Link-heavy paragraphs (menus, tag lists) do not count.
 */
function densestParagraphs(document: Page): string {
  const score = new Map<unknown, number>();
  const paragraphs: { el: unknown; parent: unknown; text: string }[] = [];
  for (const p of Array.from(document.querySelectorAll('p'))) {
    if (p.closest('nav, aside, footer, form, menu') || isHidden(p as unknown as El)) continue;
    const text = blockText(p, false).replace(/\n+/g, ' ');
    if (text.length < MIN_PARAGRAPH_CHARS && !/[.!?؟]["”»]?$/.test(text)) continue;
    let linkChars = 0;
    for (const a of Array.from(p.querySelectorAll('a'))) linkChars += (a.textContent ?? '').length;
    if (text.length === 0 || linkChars / text.length > 0.5) continue;
    const parent = p.parentElement;
    paragraphs.push({ el: p, parent, text });
    score.set(parent, (score.get(parent) ?? 0) + text.length);
  }
  let best: unknown = null;
  let bestScore = 0;
  for (const [parent, s] of score) if (s > bestScore) [best, bestScore] = [parent, s];
  return paragraphs
    .filter((p) => p.parent === best)
    .map((p) => p.text)
    .join('\n\n');
}

export interface HtmlDecodeOptions {
  maxBytes?: number;
  /** The HTTP Content-Type header, when the page came over HTTP; its charset wins. */
  contentType?: string;
}

/** Single-byte Western labels that Arabic pages often declare while serving Windows-1256. */
const WESTERN_LABELS = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'windows-1252', 'cp1252']);

/**
 * Decodes the bytes of an HTML page. A byte order mark decides first, then the charset of
 * the Content-Type header, then a `<meta charset>` or `http-equiv` declaration in the first
 * 4 KB; without any, the rules of decodeBytes apply. Bytes that are valid UTF-8 are read as
 * UTF-8 whatever the page declares: a page saved by a scraper keeps its old declaration.
 * @throws DecodeError as decodeBytes does.
 */
export function decodeHtmlBytes(bytes: Uint8Array, name: string, opts: HtmlDecodeOptions = {}): string {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const hasBom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const declared = hasBom ? null : (charsetOf(opts.contentType ?? '') ?? sniffMetaCharset(bytes));
  if (!declared || /^utf-?8$/.test(declared) || /^utf-?16/.test(declared) || !iconv.encodingExists(declared)) {
    return decodeBytes(bytes, name, { maxBytes }).text;
  }
  if (bytes.length > maxBytes || bytes.length === 0) return decodeBytes(bytes, name, { maxBytes }).text; // same errors
  if (isUtf8WithNonAscii(bytes)) return decodeBytes(bytes, name, { maxBytes }).text;
  if (WESTERN_LABELS.has(declared)) {
    try {
      return decodeBytes(bytes, name, { maxBytes }).text;
    } catch (e) {
      if (!(e instanceof DecodeError) || e.code !== 'undecodable') throw e;
    }
  }
  const text = iconv.decode(Buffer.from(bytes), declared);
  assertText(text, name);
  return text;
}

function charsetOf(contentType: string): string | null {
  const m = /charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(contentType);
  return m ? m[1].toLowerCase() : null;
}

/** `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…; charset=…">`. */
function sniffMetaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const cs = charsetOf(m[0]);
    if (cs) return cs;
  }
  return null;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

function isUtf8WithNonAscii(bytes: Uint8Array): boolean {
  if (!bytes.some((b) => b >= 0x80)) return false;
  try {
    utf8Fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
