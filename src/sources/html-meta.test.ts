import { describe, expect, it } from 'vitest';
import { charsetFromContentType, charsetFromMeta, decodeBytes } from './decode.ts';
import { readHtmlMeta } from './html-meta.ts';
import iconv from 'iconv-lite';

describe('readHtmlMeta', () => {
  it.each([
    ['<head><meta property="article:published_time" content="2022-01-27T09:00:00+03:00"><title>عنوان</title></head>', { title: 'عنوان', published: '2022-01-27T09:00:00+03:00' }],
    ["<head><meta content='2022-01-27' itemprop='datePublished'><meta property='og:title' content='هجوم &amp; رد'></head>", { title: 'هجوم & رد', published: '2022-01-27' }],
    ['<head><title> اشتباكات\n في  درعا </title></head><script type="application/ld+json">{"datePublished": "2022-03-01T12:00:00Z"}</script>', { title: 'اشتباكات في درعا', published: '2022-03-01T12:00:00Z' }],
    ['<head><meta name="date" content="not a date"></head><body><title>not the head</title></body>', {}],
  ])('%#', (html, meta) => {
    expect(readHtmlMeta(html)).toEqual(meta);
  });
});

describe('decodeBytes', () => {
  it.each([
    ['text/html; charset=UTF-8', 'utf-8'],
    ['text/html; charset="windows-1256"', 'windows-1256'],
    ['text/html', null],
  ])('charset of %s is %s', (ct, cs) => {
    expect(charsetFromContentType(ct)).toBe(cs);
  });

  it('reads <meta http-equiv> charsets', () => {
    expect(charsetFromMeta(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-6">'))).toBe('iso-8859-6');
  });

  it('lets a BOM win over a wrong header', () => {
    const b = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('مرحبا')]);
    expect(decodeBytes(b, { contentType: 'text/html; charset=windows-1256' })).toEqual({ text: 'مرحبا', charset: 'utf-8' });
  });

  it('keeps UTF-8 declared pages in UTF-8 even with a stray bad byte', () => {
    const b = Buffer.concat([Buffer.from('قصف '), Buffer.from([0xff]), Buffer.from('مدفعي')]);
    expect(decodeBytes(b, { contentType: 'text/html; charset=utf-8' }).text).toBe('قصف \uFFFDمدفعي');
  });

  it('decodes an undeclared windows-1256 body', () => {
    expect(decodeBytes(iconv.encode('غارة جوية', 'windows-1256'))).toEqual({ text: 'غارة جوية', charset: 'windows-1256' });
  });
});
