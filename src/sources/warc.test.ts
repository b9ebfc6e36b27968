import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { collect, docs, errors } from './test-helpers.ts';
import { readWarcFile, readWarcStream } from './warc.ts';

// --- fixture generator: WARC 1.1 records as a crawler (wget, Heritrix) writes them ---------

interface RecordSpec {
  type: string;
  uri?: string;
  date?: string;
  id?: string;
  contentType?: string;
  block: Buffer;
}

function warcRecord(r: RecordSpec): Buffer {
  const head = [
    'WARC/1.1',
    `WARC-Type: ${r.type}`,
    `WARC-Record-ID: <urn:uuid:${r.id ?? crypto.randomUUID()}>`,
    `WARC-Date: ${r.date ?? '2022-02-01T10:00:00Z'}`,
    ...(r.uri ? [`WARC-Target-URI: ${r.uri}`] : []),
    `Content-Type: ${r.contentType ?? 'application/http; msgtype=response'}`,
    `Content-Length: ${r.block.length}`,
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), r.block, Buffer.from('\r\n\r\n')]);
}

function httpResponse(status: string, headers: Record<string, string>, body: Buffer): Buffer {
  const h = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return Buffer.concat([Buffer.from(`HTTP/1.1 ${status}\r\n${h}\r\n`, 'latin1'), body]);
}

function chunked(body: Buffer, size: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < body.length; i += size) {
    const c = body.subarray(i, i + size);
    parts.push(Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

const PAGE_UTF8 = `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>انفجار سيارة مفخخة قرب سجن غويران</title>
<meta property="article:published_time" content="2022-01-21T08:00:00+03:00"></head>
<body><p>انفجرت سيارة مفخخة مساء الخميس قرب البوابة الخارجية لسجن غويران في الحسكة.</p></body></html>`;
const PAGE_1256 = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"><title>إغلاق معبر</title></head>
<body><p>أغلقت السلطات المعبر الحدودي أمام المسافرين حتى إشعار آخر.</p></body></html>`;

/** The records of the test WARC, in file order. */
function fixtureRecords(): RecordSpec[] {
  const ok = httpResponse('200 OK', { 'Content-Type': 'text/html; charset=utf-8' }, Buffer.from(PAGE_UTF8));
  const legacyBody = zlib.gzipSync(iconv.encode(PAGE_1256, 'windows-1256'));
  const legacy = httpResponse('200 OK', { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip', 'Transfer-Encoding': 'chunked' }, chunked(legacyBody, 50));
  return [
    { type: 'warcinfo', contentType: 'application/warc-fields', block: Buffer.from('software: rasad-test\r\nformat: WARC File Format 1.1\r\n') },
    { type: 'request', uri: 'https://news.example.org/a', contentType: 'application/http; msgtype=request', block: Buffer.from('GET /a HTTP/1.1\r\nHost: news.example.org\r\n\r\n') },
    { type: 'response', uri: 'https://news.example.org/a', id: '11111111-1111-4111-8111-111111111111', date: '2022-02-01T10:00:05Z', block: ok },
    { type: 'response', uri: 'https://news.example.org/missing', block: httpResponse('404 Not Found', { 'Content-Type': 'text/html' }, Buffer.from('<p>غير موجود</p>')) },
    { type: 'response', uri: 'https://news.example.org/img.jpg', block: httpResponse('200 OK', { 'Content-Type': 'image/jpeg' }, Buffer.from([0xff, 0xd8, 0xff, 0xe0])) },
    { type: 'response', uri: 'https://news.example.org/old', block: httpResponse('301 Moved Permanently', { Location: '/a', 'Content-Type': 'text/html' }, Buffer.alloc(0)) },
    { type: 'revisit', uri: 'https://news.example.org/a', block: httpResponse('200 OK', { 'Content-Type': 'text/html' }, Buffer.alloc(0)) },
    { type: 'response', uri: 'https://news.example.org/b', id: '22222222-2222-4222-8222-222222222222', date: '2022-02-01T10:00:09Z', block: legacy },
    { type: 'metadata', uri: 'https://news.example.org/b', contentType: 'application/warc-fields', block: Buffer.from('outlink: https://news.example.org/c\r\n') },
  ];
}

/** A .warc (plain) or .warc.gz (one gzip member per record, as the WARC spec recommends). */
function buildWarc(records: RecordSpec[], gzip: boolean): Buffer {
  return Buffer.concat(records.map((r) => (gzip ? zlib.gzipSync(warcRecord(r)) : warcRecord(r))));
}

const dir = mkdtempSync(join(tmpdir(), 'rasad-warc-'));

describe.each([
  ['crawl.warc', false],
  ['crawl.warc.gz', true],
])('%s', (name, gzip) => {
  const path = join(dir, name);
  writeFileSync(path, buildWarc(fixtureRecords(), gzip));

  it('yields the HTML 200 responses only, with ids, urls, fetch dates and page metadata', async () => {
    const items = await collect(readWarcFile(path));
    expect(errors(items)).toEqual([]);
    const d = docs(items);
    expect(d.map((x) => [x.id, x.url, x.fetched_at, x.published, x.title])).toEqual([
      ['urn:uuid:11111111-1111-4111-8111-111111111111', 'https://news.example.org/a', '2022-02-01T10:00:05Z', '2022-01-21T08:00:00+03:00', 'انفجار سيارة مفخخة قرب سجن غويران'],
      // WARC-Date is not the article date: without page metadata, published stays empty.
      ['urn:uuid:22222222-2222-4222-8222-222222222222', 'https://news.example.org/b', '2022-02-01T10:00:09Z', undefined, 'إغلاق معبر'],
    ]);
    expect(items.map((i) => i.origin)).toEqual([`${path}#record=3`, `${path}#record=8`]);
  });

  it('undoes chunked transfer, gzip content coding and a legacy charset', async () => {
    const items = await collect(readWarcFile(path));
    const second = items[1];
    expect(second.kind === 'document' && second.doc.html).toContain('أغلقت السلطات المعبر الحدودي أمام المسافرين');
    expect(second.kind === 'document' && second.doc.charset).toBe('windows-1256');
    // The bytes handed on are the decoded HTTP body, before charset decoding.
    expect(second.kind === 'document' && iconv.decode(Buffer.from(second.bytes!), 'windows-1256')).toBe(PAGE_1256);
  });
});

describe('damaged WARC files', () => {
  it('reports a file cut inside a record after yielding the records before it', async () => {
    const whole = buildWarc(fixtureRecords(), false);
    const cut = whole.subarray(0, whole.length - 300);
    const items = await collect(readWarcStream([cut], 'cut.warc'));
    expect(docs(items).map((x) => x.url)).toEqual(['https://news.example.org/a']);
    expect(errors(items)).toEqual([expect.objectContaining({ code: 'parse_error', message: 'file ends inside a record' })]);
  });

  it('reports a file that is not WARC', async () => {
    const items = await collect(readWarcStream([Buffer.from('<html>not a warc</html>')], 'x.warc'));
    expect(items).toEqual([expect.objectContaining({ kind: 'error', code: 'parse_error' })]);
  });

  it('reads a truncated .warc.gz up to the cut', async () => {
    const gz = buildWarc(fixtureRecords(), true);
    const items = await collect(readWarcStream([gz.subarray(0, gz.length - 20)], 'x.warc.gz'));
    // The cut falls in the last member (a metadata record): both pages before it are read.
    expect(docs(items)).toHaveLength(2);
    expect(errors(items)).toEqual([expect.objectContaining({ code: 'parse_error', message: expect.stringMatching(/end of file|ends inside/) })]);
  });

  it('skips an over-limit response with an error and goes on', async () => {
    const big = httpResponse('200 OK', { 'Content-Type': 'text/html' }, Buffer.from(`<p>${'خبر '.repeat(50_000)}</p>`));
    const records = [{ type: 'response', uri: 'https://x.example/big', block: big }, ...fixtureRecords()];
    const items = await collect(readWarcStream([buildWarc(records, false)], 'x.warc', { maxBytes: 1000 }));
    expect(items[0]).toMatchObject({ kind: 'error', code: 'too_large' });
    expect(docs(items)).toHaveLength(2);
  });
});

describe('memory', () => {
  it('stays flat over 100 MB of gzipped records generated on the fly', async () => {
    const one = zlib.gzipSync(
      warcRecord({ type: 'response', uri: 'https://x.example/p', block: httpResponse('200 OK', { 'Content-Type': 'text/html; charset=utf-8' }, Buffer.from(`<p>${'قصف مدفعي على القرى الحدودية. '.repeat(300)}</p>`)) }),
      { level: 1 },
    );
    const uncompressed = zlib.gunzipSync(one).length;
    const count = Math.ceil((100 * 1024 * 1024) / uncompressed);
    async function* gen() {
      const block = Buffer.concat(Array.from({ length: 32 }, () => one));
      for (let i = 0; i < count; i += 32) yield block;
    }
    const mem = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
    const before = mem();
    let peak = before;
    let n = 0;
    for await (const item of readWarcStream(gen(), 'gen.warc.gz')) {
      if (item.kind === 'document') n++;
      if (n % 2000 === 0) peak = Math.max(peak, mem());
    }
    expect(n).toBeGreaterThanOrEqual(count);
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  }, 120_000);
});
