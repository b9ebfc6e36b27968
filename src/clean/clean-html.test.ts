import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../decode/decode.ts';
import { decodeHtmlBytes, extractHtmlArticle, normalizeDate } from './clean-html.ts';

// Pages and sentences written for these tests.
const P1 = 'أعلنت السلطات المحلية فرض حظر تجول ليلي اعتباراً من مساء اليوم الأحد، بعد اشتباكات متقطعة شهدتها الأحياء الشرقية خلال الأيام الماضية.';
const P2 = 'وقال مسؤول في المحافظة إن القرار يشمل جميع الطرق الرئيسية ويستمر حتى إشعار آخر، مشيراً إلى أن دوريات الشرطة ستنتشر عند مداخل الأحياء.';
const SUB = 'ردود فعل الأهالي';
const P3 = 'وعبر عدد من الأهالي عن قلقهم من استمرار التوتر، مطالبين بفتح ممرات آمنة لنقل المرضى إلى المستشفيات القريبة.';
const BODY_TEXT = [P1, P2, SUB, P3].join('\n\n');
const ARTICLE = `<article><h1>حظر تجول ليلي في المدينة</h1><p>${P1}</p><p>${P2}</p><h2>${SUB}</h2><p>${P3}</p></article>`;

const NAV = '<header><nav><ul><li><a href="/">محليات</a></li><li><a href="/arts">منوعات</a></li><li><a href="/sport">رياضة</a></li></ul></nav></header>';
const FOOTER = '<footer><p>© 2024 صحيفة المدينة. جميع الحقوق محفوظة</p><a href="/privacy">سياسة الخصوصية</a></footer>';

const page = (head: string, body: string, attrs = '') => `<!DOCTYPE html><html lang="ar" dir="rtl"${attrs}><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

describe('extractHtmlArticle: body text', () => {
  const html = page(
    '<title>حظر تجول ليلي في المدينة | صحيفة المدينة</title><meta property="og:title" content="حظر تجول ليلي في المدينة"><meta property="article:published_time" content="2024-03-10T21:15:00+03:00">',
    `${NAV}<main>${ARTICLE}<div class="share">شارك المقال على:<a href="#">فيسبوك</a><a href="#">تويتر</a></div></main>${FOOTER}`,
  );
  const out = extractHtmlArticle(html, { url: 'https://example.com/news/1' });

  it('finds the body with Readability and separates paragraphs with blank lines', () => {
    expect(out.method).toBe('readability');
    expect(out.text).toContain(BODY_TEXT);
  });

  it.each(['محليات', 'منوعات', 'رياضة', 'شارك المقال', 'فيسبوك', 'جميع الحقوق محفوظة', 'سياسة الخصوصية'])('leaves out page chrome "%s"', (chrome) => {
    expect(out.text).not.toContain(chrome);
  });

  it('reads title and date from Open Graph metadata', () => {
    expect(out.title).toBe('حظر تجول ليلي في المدينة');
    expect(out.published).toBe('2024-03-10T21:15:00+03:00');
  });
});

describe('extractHtmlArticle: metadata sources', () => {
  const body = `${NAV}${ARTICLE}`;
  it.each([
    [
      'JSON-LD in @graph',
      page('<title>صفحة</title><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"صحيفة"},{"@type":"NewsArticle","headline":"عنوان من البيانات المنظمة","datePublished":"2024-03-09"}]}</script>', body),
      'عنوان من البيانات المنظمة',
      '2024-03-09',
    ],
    [
      'JSON-LD that is not valid JSON',
      page('<script type="application/ld+json">{"@type":"NewsArticle", "headline":"عنوان", "datePublished":"2024-03-08T07:30:00Z",}</script>', body),
      'عنوان',
      '2024-03-08T07:30:00Z',
    ],
    // without Open Graph or JSON-LD the headline comes from Readability (the <h1>), not <title>
    ['a <time datetime> inside the article', page('<title>عنوان الصفحة</title>', `${NAV}<article><time datetime="2024-03-07T10:00:00+02:00">7 آذار</time>${ARTICLE}</article>`), 'حظر تجول ليلي في المدينة', '2024-03-07T10:00:00+02:00'],
    ['<meta name="date"> with slashes', page('<meta name="date" content="2024/03/06">', body), 'حظر تجول ليلي في المدينة', '2024-03-06'],
    ['itemprop datePublished', page('<meta itemprop="datePublished" content="2024-03-05 18:40">', body), 'حظر تجول ليلي في المدينة', '2024-03-05T18:40:00'],
    ['no date anywhere', page('<title>عنوان فقط</title>', body), 'حظر تجول ليلي في المدينة', null],
    ['only a <title>', page('<title>عنوان فقط</title>', `<div><p>${P1}</p><p>${P2}</p></div>`), 'عنوان فقط', null],
  ])('%s', (_name, html, title, published) => {
    const out = extractHtmlArticle(html);
    expect(out.title).toBe(title);
    expect(out.published).toBe(published);
    expect(out.text).toContain(P1);
  });

  it('prefers the meta date over a header widget showing today', () => {
    const html = page('<meta name="date" content="2024-03-04">', `<header><time datetime="2025-01-01">اليوم</time></header>${ARTICLE}`);
    expect(extractHtmlArticle(html).published).toBe('2024-03-04');
  });
});

describe('extractHtmlArticle: scripts, styles and handlers never reach the text', () => {
  const hostile = page(
    '<style>.x{color:red} body::after{content:"نص من الأنماط"}</style><script>var secret = "نص من السكربت"; document.write("حقن");</script>',
    `${NAV}<article onclick="alert('نص من المعالج')"><p onmouseover="steal('نص من الحدث')">${P1}</p><script>track("نص تتبع")</script><p>${P2}</p><noscript>فعّل جافاسكربت</noscript><p style="display:none">نص مخفي</p><img src="x.png" onerror="alert('خطأ')"><p>${P3}</p></article>`,
  );
  it.each([['readability'], ['paragraphs'], ['raw']] as const)('%s rung', (method) => {
    const out = extractHtmlArticle(hostile, { methods: [method] });
    expect(out.method).toBe(method);
    for (const p of [P1, P2, P3]) expect(out.text).toContain(p);
    for (const leak of ['نص من الأنماط', 'نص من السكربت', 'حقن', 'نص من المعالج', 'نص من الحدث', 'نص تتبع', 'alert', 'color:red', 'فعّل جافاسكربت', 'نص مخفي', 'خطأ']) {
      expect(out.text).not.toContain(leak);
    }
  });
});

describe('extractHtmlArticle: fallback ladder', () => {
  it('uses the densest <p> cluster when Readability is not used', () => {
    const html = page('', `${NAV}<div id="related"><p><a href="/a">خبر آخر عن الطقس</a></p></div><div id="content"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>${FOOTER}`);
    const out = extractHtmlArticle(html, { methods: ['paragraphs', 'raw'] });
    expect(out.method).toBe('paragraphs');
    expect(out.text).toBe([P1, P2, P3].join('\n\n'));
  });

  it('falls back to the raw body text when the page has no paragraphs', () => {
    const html = page('', `${NAV}<div>${P1}<br>${P2}</div><div>${P3}</div>${FOOTER}`);
    const out = extractHtmlArticle(html, { methods: ['paragraphs', 'raw'] });
    expect(out.method).toBe('raw');
    expect(out.text).toBe(`${P1}\n${P2}\n\n${P3}`);
  });

  it('handles a bare fragment', () => {
    const out = extractHtmlArticle(`<p>${P1}</p><p>${P2}</p>`);
    expect(out.text).toBe(`${P1}\n\n${P2}`);
    expect(out.title).toBeNull();
  });

  it('returns empty text for a page without text', () => {
    expect(extractHtmlArticle(page('', '<div><img src="a.png"></div>')).text).toBe('');
  });
});

describe('decodeHtmlBytes', () => {
  const html1256 = (declaration: string) => `<html><head>${declaration}<title>خبر</title></head><body><p>${P1}</p></body></html>`;

  it.each([
    ['<meta charset=windows-1256>', iconv.encode(html1256('<meta charset="windows-1256">'), 'windows-1256'), html1256('<meta charset="windows-1256">')],
    ['http-equiv Content-Type', iconv.encode(html1256('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'), 'windows-1256'), html1256('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">')],
    ['no declaration, Windows-1256 bytes', iconv.encode(html1256(''), 'windows-1256'), html1256('')],
    ['declared iso-8859-1 but Arabic Windows-1256 bytes', iconv.encode(html1256('<meta charset="iso-8859-1">'), 'windows-1256'), html1256('<meta charset="iso-8859-1">')],
    ['declared windows-1256 but saved as UTF-8', Buffer.from(html1256('<meta charset="windows-1256">'), 'utf8'), html1256('<meta charset="windows-1256">')],
    ['UTF-8 BOM wins over the declaration', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html1256('<meta charset="windows-1256">'), 'utf8')]), html1256('<meta charset="windows-1256">')],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(html1256('<meta charset="utf-16">'), 'utf-16le')]), html1256('<meta charset="utf-16">')],
  ])('%s', (_name, bytes, expected) => {
    expect(decodeHtmlBytes(Uint8Array.from(bytes), 'page.html')).toBe(expected);
  });

  it('honours the Content-Type header charset', () => {
    const bytes = iconv.encode(html1256(''), 'windows-1256');
    expect(decodeHtmlBytes(bytes, 'page.html', { contentType: 'text/html; charset=windows-1256' })).toBe(html1256(''));
  });

  it('keeps a declared Western page that is not Arabic', () => {
    const html = '<html><head><meta charset="iso-8859-1"></head><body><p>Le conseil a décidé à Genève.</p></body></html>';
    expect(decodeHtmlBytes(iconv.encode(html, 'latin1'), 'fr.html')).toBe(html);
  });

  it('end to end: a Windows-1256 page is extracted as Arabic text', () => {
    const html = html1256('<meta charset="windows-1256">').replace('</p>', `</p><p>${P2}</p>`);
    const out = extractHtmlArticle(decodeHtmlBytes(iconv.encode(html, 'windows-1256'), 'page.html'));
    expect(out.text).toBe(`${P1}\n\n${P2}`);
  });

  it.each([
    ['empty', new Uint8Array(0), 'empty'],
    ['binary with a charset-like header', Buffer.concat([Buffer.from('<meta charset="windows-1256">'), Buffer.from([0, 1, 2, 3, 0, 0, 5, 6, 7, 0])]), 'binary'],
    ['too large', Buffer.from(html1256('<meta charset="windows-1256">')), 'too-large'],
  ])('refuses %s', (_name, bytes, code) => {
    const run = () => decodeHtmlBytes(Uint8Array.from(bytes), 'page.html', { maxBytes: 100 });
    expect(run).toThrow(DecodeError);
    expect(run).toThrow(expect.objectContaining({ code, input: 'page.html' }));
  });
});

describe('normalizeDate', () => {
  it.each([
    ['2024-03-10', '2024-03-10'],
    ['2024-3-9', '2024-03-09'],
    ['2024/03/10', '2024-03-10'],
    ['20240310', '2024-03-10'],
    ['2024-03-10T21:15:00+03:00', '2024-03-10T21:15:00+03:00'],
    ['2024-03-10T21:15:00.000Z', '2024-03-10T21:15:00Z'],
    ['2024-03-10 21:15', '2024-03-10T21:15:00'],
    ['2024-03-10T21:15:00+0300', '2024-03-10T21:15:00+03:00'],
    ['Sun, 10 Mar 2024 23:30:00 +0300', '2024-03-10T23:30:00+03:00'],
    ['Sun, 10 Mar 2024 20:30:00 GMT', '2024-03-10T20:30:00Z'],
    ['March 10, 2024', '2024-03-10'],
    ['2024-02-30', null],
    ['2024-13-01', null],
    ['10/03/2024', null],
    ['أمس', null],
    ['', null],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeDate(raw)).toBe(expected);
  });
});
