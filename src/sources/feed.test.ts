import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedDocuments, parseFeed } from './feed.ts';
import { docs, errors, FIXTURES } from './test-helpers.ts';
import { xmlKind, xmlRootName } from './xml.ts';

const rss = readFileSync(join(FIXTURES, 'feed-rss.xml'), 'utf8');
const atom = readFileSync(join(FIXTURES, 'feed-atom.xml'), 'utf8');

describe('RSS 2.0', () => {
  const items = [...feedDocuments(rss, 'feed-rss.xml')];
  const d = docs(items);

  it('yields one document per item, in order, with the channel title as source', () => {
    expect(errors(items)).toEqual([]);
    expect(d.map((x) => x.id)).toEqual([
      'news-example-10231',
      'https://news.example.org/2022/01/25/ied-raqqa-road',
      'https://news.example.org/?p=10240',
    ]);
    expect(new Set(d.map((x) => x.source))).toEqual(new Set(['شبكة أخبار الجزيرة السورية']));
  });

  it('prefers content:encoded over description and unwraps CDATA', () => {
    expect(d[0].html).toContain('يبدأ من الرابع والعشرين');
    expect(d[0].html).toContain('أغلقت أبوابها &amp; خلت'); // markup inside CDATA is kept as markup
    expect(d[0].html?.startsWith('<p>')).toBe(true);
  });

  it('decodes an entity-escaped description into HTML', () => {
    expect(d[1].html).toBe('<p>قتل ثلاثة مدنيين وأصيب اثنان آخران مساء الثلاثاء بانفجار عبوة ناسفة استهدفت سيارتهم على الطريق الواصل بين الرقة والطبقة.</p>');
  });

  it('keeps the offset of pubDate and dc:date', () => {
    expect(d.map((x) => x.published)).toEqual(['2022-01-24T09:15:00+03:00', '2022-01-25T18:40:00+03:00', '2022-01-26T23:30:00+00:00']);
  });

  it('uses the headline as text when an item has no body', () => {
    expect(d[2]).toMatchObject({ text: 'نزوح عشرات العائلات من أحياء جنوب المدينة', title: 'نزوح عشرات العائلات من أحياء جنوب المدينة' });
    expect(d[2].html).toBeUndefined();
  });
});

describe('Atom', () => {
  const feed = parseFeed(atom);
  const d = docs([...feedDocuments(atom, 'feed-atom.xml', { source: 'مرصد' })]);

  it('reads feed title, entry ids, alternate links and dates (published before updated)', () => {
    expect(feed.kind).toBe('atom');
    expect(feed.title).toBe('مرصد الساحل الإخباري');
    expect(d.map((x) => x.id)).toEqual(['tag:sahel.example.net,2022:entry-501', 'tag:sahel.example.net,2022:entry-502', 'tag:sahel.example.net,2022:entry-503']);
    expect(d.map((x) => x.url)).toEqual(['https://sahel.example.net/2022/02/gao-clashes', 'https://sahel.example.net/2022/02/border-closure', undefined]);
    expect(d.map((x) => x.published)).toEqual(['2022-02-02T21:05:00+01:00', '2022-02-03T10:30:00+01:00', '2022-02-03T11:00:00Z']);
  });

  it('keeps inline XHTML content as HTML and strips markup from an html title', () => {
    expect(d[0].html).toMatch(/^<div xmlns="http:\/\/www.w3.org\/1999\/xhtml"><p>اندلعت اشتباكات عنيفة/);
    expect(d[0].title).toBe('اشتباكات عنيفة قرب مدينة غاو');
  });

  it('uses summary when there is no content; a text summary becomes text', () => {
    expect(d[1].html).toBe('<p>قررت السلطات إغلاق المعبر الحدودي الشمالي أمام الشاحنات حتى إشعار آخر.</p>');
    expect(d[2].text).toBe('عقد وزير الخارجية لقاء مع السفير & بحث معه الأوضاع الأمنية.');
    expect(d[2].source).toBe('مرصد');
  });
});

describe('RSS 1.0 (RDF)', () => {
  it('reads items that sit beside the channel', () => {
    const xml = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://x.example/"><title>قناة</title></channel>
      <item rdf:about="https://x.example/1"><title>انفجار في مستودع ذخيرة</title><link>https://x.example/1</link><dc:date>2022-05-01</dc:date><description>وقع انفجار في مستودع للذخيرة.</description></item>
    </rdf:RDF>`;
    expect(docs([...feedDocuments(xml, 'rdf')])).toEqual([
      { id: 'https://x.example/1', html: 'وقع انفجار في مستودع للذخيرة.', title: 'انفجار في مستودع ذخيرة', published: '2022-05-01', url: 'https://x.example/1', source: 'قناة' },
    ]);
  });
});

describe('not a feed', () => {
  it.each([
    ['<html><body>صفحة</body></html>', 'not an RSS or Atom feed'],
    ['', 'not an RSS or Atom feed'],
    ['<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>', 'not an RSS or Atom feed'],
  ])('%j is one parse_error item', (xml, msg) => {
    const items = [...feedDocuments(xml, 'x')];
    expect(items).toEqual([{ kind: 'error', origin: 'x', code: 'parse_error', message: msg, id: null }]);
  });
});

describe('xmlRootName', () => {
  it.each([
    ['\uFEFF<?xml version="1.0"?>\n<!-- c --><!DOCTYPE rss [<!ENTITY x "y">]><rss>', 'rss'],
    ['<a:feed xmlns:a="http://www.w3.org/2005/Atom">', 'feed'],
    ['<rdf:RDF>', 'rdf'],
    ['  <sitemapindex>', 'sitemapindex'],
    ['plain text', null],
  ])('%j → %s', (s, root) => {
    expect(xmlRootName(s)).toBe(root);
  });
  it('maps roots to kinds', () => {
    expect(xmlKind('<feed/>')).toBe('atom');
    expect(xmlKind('<html/>')).toBeNull();
  });
});
