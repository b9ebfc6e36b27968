import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, FetchError, PoliteFetcher } from './fetcher.ts';
import { readPath } from './read-path.ts';
import { readUrl } from './read-url.ts';
import { collect, docs, errors } from './test-helpers.ts';

const ARTICLE = `<!doctype html><html lang="ar"><head><meta charset="utf-8">
<title>قصف صاروخي على أطراف مدينة مأرب</title>
<meta property="article:published_time" content="2022-02-10T16:45:00+03:00"></head>
<body><article><p>تعرضت أطراف مدينة مأرب مساء اليوم لقصف صاروخي أسفر عن إصابة أربعة مدنيين بجروح.</p></article></body></html>`;
const FLAKY = `<html><head><title>وقفة احتجاجية</title></head><body><p>نظم العشرات وقفة احتجاجية أمام مقر البلدية.</p></body></html>`;

interface Hit {
  path: string;
  ua: string | undefined;
  at: number;
}

let server: Server;
let base = '';
const hits: Hit[] = [];
let flakyCalls = 0;

function sitemapXml(b: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>${b}/article.html</loc><lastmod>2022-03-01</lastmod></url>
  <url><loc>${b}/flaky</loc><news:news><news:publication_date>2022-02-11T09:00:00+02:00</news:publication_date><news:title>وقفة احتجاجية أمام البلدية</news:title></news:news></url>
  <url><loc>${b}/private/secret.html</loc></url>
  <url><loc>${b}/missing</loc></url>
</urlset>`;
}

function feedXml(b: string): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>وكالة اختبار</title>
<item><title>قصف صاروخي على مأرب</title><link>${b}/article.html</link><guid>t-1</guid><pubDate>Thu, 10 Feb 2022 17:00:00 +0300</pubDate><description>مقتطف: قصف صاروخي</description></item>
<item><title>خبر محجوب</title><link>${b}/private/secret.html</link><guid>t-2</guid><description>نص الخبر من الخلاصة</description></item>
</channel></rss>`;
}

function handler(req: IncomingMessage, res: import('node:http').ServerResponse) {
  const path = req.url ?? '/';
  hits.push({ path, ua: req.headers['user-agent'], at: Date.now() });
  const send = (status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': type, ...extra });
    res.end(body);
  };
  switch (path) {
    case '/robots.txt':
      return send(200, 'text/plain', 'User-agent: OtherBot\nDisallow: /\n\nUser-agent: *\nDisallow: /private/\nAllow: /private/open\n');
    case '/article.html':
      return send(200, 'text/html; charset=utf-8', ARTICLE);
    case '/flaky':
      flakyCalls++;
      return flakyCalls === 1 ? send(503, 'text/plain', 'busy') : send(200, 'text/html; charset=utf-8', FLAKY);
    case '/private/secret.html':
      return send(200, 'text/html', '<p>secret</p>');
    case '/sitemap.xml':
      return send(200, 'application/xml', sitemapXml(base));
    case '/sitemap-index.xml':
      return send(200, 'application/xml', `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${base}/sitemap.xml</loc></sitemap><sitemap><loc>${base}/sitemap-2.xml.gz</loc></sitemap></sitemapindex>`);
    case '/sitemap-2.xml.gz':
      return send(200, 'application/octet-stream', zlib.gzipSync(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${base}/redirect</loc></url></urlset>`));
    case '/feed.xml':
      return send(200, 'application/rss+xml', feedXml(base));
    case '/redirect':
      return send(301, 'text/plain', '', { location: '/article.html' });
    case '/big':
      return send(200, 'text/html', `<p>${'ض'.repeat(20_000)}</p>`);
    case '/plain.txt':
      return send(200, 'text/plain; charset=utf-8', 'بيان: أعلنت الهيئة تعليق الدوام في المدارس.');
    case '/image.png':
      return send(200, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    case '/slow':
      setTimeout(() => send(200, 'text/html', '<p>late</p>'), 1500);
      return;
    default:
      return send(404, 'text/html', '<p>not found</p>');
  }
}

beforeAll(async () => {
  server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const fast = { minIntervalMs: 10, backoffMs: 10, timeoutMs: 3000 };
const pathsSince = (n: number) => hits.slice(n).map((h) => h.path);

describe('readUrl on a local server', () => {
  it('fetches an article page as an html document with its metadata and our User-Agent', async () => {
    const n = hits.length;
    const items = await collect(readUrl(`${base}/article.html#top`, { fetcherOptions: fast, source: 'اختبار' }));
    expect(docs(items)).toEqual([
      expect.objectContaining({
        id: `${base}/article.html`,
        url: `${base}/article.html`,
        title: 'قصف صاروخي على أطراف مدينة مأرب',
        published: '2022-02-10T16:45:00+03:00',
        source: 'اختبار',
        content_type: 'text/html',
        charset: 'utf-8',
        html: ARTICLE,
      }),
    ]);
    expect(pathsSince(n)).toEqual(['/robots.txt', '/article.html']);
    expect(hits.slice(n).every((h) => h.ua === DEFAULT_USER_AGENT)).toBe(true);
  });

  it('walks a sitemap: obeys robots.txt, retries a 503, reports a 404, keeps news-sitemap dates', async () => {
    flakyCalls = 0;
    const n = hits.length;
    const items = await collect(readUrl(`${base}/sitemap.xml`, { fetcherOptions: fast }));
    const d = docs(items);
    expect(d.map((x) => x.url)).toEqual([`${base}/article.html`, `${base}/flaky`]);
    // The flaky page has no metadata of its own: the news sitemap's date and title fill in.
    expect(d[1]).toMatchObject({ published: '2022-02-11T09:00:00+02:00', title: 'وقفة احتجاجية' });
    expect(errors(items).map((e) => [e.origin, e.code])).toEqual([
      [`${base}/private/secret.html`, 'robots_disallowed'],
      [`${base}/missing`, 'http_status'],
    ]);
    const p = pathsSince(n);
    expect(p).not.toContain('/private/secret.html');
    expect(p.filter((x) => x === '/flaky')).toHaveLength(2); // failed once with 503, then succeeded
    expect(p.filter((x) => x === '/robots.txt')).toHaveLength(1); // cached per origin
    expect(flakyCalls).toBe(2);
  });

  it('follows a sitemap index into a gzipped sitemap and through a redirect', async () => {
    const items = await collect(readUrl(`${base}/sitemap-index.xml`, { fetcherOptions: fast }));
    expect(docs(items).map((x) => [x.id, x.url])).toEqual([
      [`${base}/article.html`, `${base}/article.html`],
      [`${base}/flaky`, `${base}/flaky`],
      [`${base}/redirect`, `${base}/article.html`],
    ]);
  });

  it('reads a feed from its items without fetching pages by default', async () => {
    const n = hits.length;
    const items = await collect(readUrl(`${base}/feed.xml`, { fetcherOptions: fast }));
    expect(docs(items).map((x) => [x.id, x.html, x.source])).toEqual([
      ['t-1', 'مقتطف: قصف صاروخي', 'وكالة اختبار'],
      ['t-2', 'نص الخبر من الخلاصة', 'وكالة اختبار'],
    ]);
    expect(pathsSince(n)).toEqual(['/robots.txt', '/feed.xml']);
  });

  it('with followLinks fetches each item page, keeping the feed text where robots.txt forbids the page', async () => {
    const n = hits.length;
    const items = await collect(readUrl(`${base}/feed.xml`, { fetcherOptions: fast, followLinks: true }));
    const d = docs(items);
    expect(d[0]).toMatchObject({ id: 't-1', html: ARTICLE, published: '2022-02-10T16:45:00+03:00', source: 'وكالة اختبار' });
    expect(d[1]).toMatchObject({ id: 't-2', html: 'نص الخبر من الخلاصة' });
    expect(pathsSince(n)).not.toContain('/private/secret.html');
  });

  it.each([
    ['/image.png', 'unsupported'],
    ['/missing', 'http_status'],
    ['/private/secret.html', 'robots_disallowed'],
  ])('%s → one %s error', async (path, code) => {
    const items = await collect(readUrl(`${base}${path}`, { fetcherOptions: fast }));
    expect(items).toEqual([expect.objectContaining({ kind: 'error', code })]);
  });

  it('fetches the pages of a local sitemap file given to readPath', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasad-sitemap-'));
    const file = join(dir, 'sitemap.xml');
    writeFileSync(file, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${base}/article.html</loc></url><url><loc>${base}/private/x.html</loc></url></urlset>`);
    const items = await collect(readPath(file, { fetcherOptions: fast }));
    expect(docs(items).map((d) => d.url)).toEqual([`${base}/article.html`]);
    expect(errors(items).map((e) => e.code)).toEqual(['robots_disallowed']);
  });

  it('reads a plain-text URL as a text document', async () => {
    const d = docs(await collect(readUrl(`${base}/plain.txt`, { fetcherOptions: fast })));
    expect(d).toEqual([expect.objectContaining({ text: 'بيان: أعلنت الهيئة تعليق الدوام في المدارس.', content_type: 'text/plain' })]);
  });
});

describe('PoliteFetcher', () => {
  it('spaces requests to one host by the minimum interval', async () => {
    // Measured where the throttle acts (when each request is sent), not on arrival at a busy server.
    const at: number[] = [];
    const f = new PoliteFetcher({ minIntervalMs: 150, onRequest: () => void at.push(performance.now()) });
    await f.get(`${base}/article.html`);
    await f.get(`${base}/plain.txt`);
    await f.get(`${base}/article.html`);
    expect(at).toHaveLength(4); // robots.txt + 3 pages
    for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(148);
  });

  it('times out a slow server and says so', async () => {
    const f = new PoliteFetcher({ ...fast, timeoutMs: 200, retries: 0 });
    await expect(f.get(`${base}/slow`)).rejects.toMatchObject({ code: 'timeout' });
  });

  it('refuses a response over the size limit', async () => {
    const f = new PoliteFetcher({ ...fast, maxBytes: 1000 });
    await expect(f.get(`${base}/big`)).rejects.toMatchObject({ name: 'FetchError', code: 'too_large' });
  });

  it('gives up after the retries on a network error', async () => {
    const calls: number[] = [];
    const f = new PoliteFetcher({
      ...fast,
      retries: 2,
      obeyRobots: false,
      fetch: async () => {
        calls.push(1);
        throw new TypeError('fetch failed');
      },
    });
    await expect(f.get('http://unreachable.invalid/x')).rejects.toBeInstanceOf(FetchError);
    expect(calls).toHaveLength(3);
  });

  it('uses the RasadBot group and its Crawl-delay, with a virtual clock', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const requested: string[] = [];
    const f = new PoliteFetcher({
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
      fetch: async (url) => {
        requested.push(String(url));
        if (String(url).endsWith('/robots.txt')) {
          return new Response('User-agent: *\nDisallow: /\n\nUser-agent: RasadBot\nCrawl-delay: 5\nDisallow: /tmp/\n', { status: 200 });
        }
        return new Response('<html><p>نص</p></html>', { status: 200, headers: { 'content-type': 'text/html' } });
      },
    });
    await f.get('https://site.example/a');
    await f.get('https://site.example/b');
    await expect(f.get('https://site.example/tmp/c')).rejects.toMatchObject({ code: 'robots_disallowed' });
    expect(requested).toEqual(['https://site.example/robots.txt', 'https://site.example/a', 'https://site.example/b']);
    // robots.txt, then /a one interval later … /b a full Crawl-delay after /a.
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5000 + 1000);
  });

  it('treats a 5xx robots.txt as "disallow all" and a 404 as "allow all"', async () => {
    const make = (status: number) =>
      new PoliteFetcher({
        retries: 0,
        sleep: async () => {},
        fetch: async (url) => (String(url).endsWith('/robots.txt') ? new Response('', { status }) : new Response('<p>ok</p>', { status: 200, headers: { 'content-type': 'text/html' } })),
      });
    await expect(make(503).get('https://a.example/x')).rejects.toMatchObject({ code: 'robots_disallowed' });
    await expect(make(404).get('https://a.example/x')).resolves.toMatchObject({ status: 200 });
  });

  it('honours Retry-After on a 429', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const f = new PoliteFetcher({
      obeyRobots: false,
      minIntervalMs: 0,
      sleep: async (ms) => void sleeps.push(ms),
      fetch: async () => (++calls === 1 ? new Response('', { status: 429, headers: { 'retry-after': '7' } }) : new Response('<p>ok</p>', { status: 200 })),
    });
    await f.get('https://a.example/x');
    expect(sleeps).toContain(7000);
  });
});
