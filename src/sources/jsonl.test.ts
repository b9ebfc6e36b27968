import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonlFile, readJsonlStream, validateDocument } from './jsonl.ts';
import { collect, docs, errors, FIXTURES } from './test-helpers.ts';

describe('readJsonlFile', () => {
  it('reads valid lines in order and reports bad ones with line numbers without stopping', async () => {
    const path = join(FIXTURES, 'documents.jsonl');
    const items = await collect(readJsonlFile(path));
    expect(docs(items).map((d) => d.id)).toEqual(['doc-001', 'doc-002', 'doc-007']);
    expect(errors(items).map((e) => [e.line, e.code, e.id])).toEqual([
      [3, 'invalid_json', null],
      [4, 'invalid_document', 'doc-004'],
      [6, 'invalid_document', 'doc-005'],
      [7, 'invalid_document', null],
    ]);
    expect(items[0].origin).toBe(`${path}:1`);
    // The order of the stream is the order of the file, errors in place.
    expect(items.map((i) => (i.kind === 'error' ? i.line : i.origin.split(':').pop()))).toEqual(['1', '2', 3, 4, 6, 7, '8']);
  });

  it('keeps fields and drops nulls', async () => {
    const items = await collect(readJsonlFile(join(FIXTURES, 'documents.jsonl')));
    const d2 = docs(items)[1];
    expect(d2).toEqual({
      id: 'doc-002',
      html: expect.stringContaining('احتجاج أمام مبنى المحافظة'),
      published: '2022-03-06T10:00:00+02:00',
      url: 'https://example.org/protest',
    });
    expect(d2).not.toHaveProperty('title');
  });

  it('explains what is wrong with a line', async () => {
    const items = await collect(readJsonlFile(join(FIXTURES, 'documents.jsonl')));
    const e = errors(items);
    expect(e[1].message).toMatch(/text or html/);
    expect(e[2].message).toMatch(/published/);
    expect(e[3].message).toMatch(/^id:/);
  });
});

describe('readJsonlStream', () => {
  it('splits lines across chunk boundaries, CRLF included, inside multi-byte letters', async () => {
    const text = '{"id":"a","text":"قصف مدفعي على البلدة"}\r\n{"id":"b","text":"اعتقال شخصين"}';
    const bytes = Buffer.from(text);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
    const items = await collect(readJsonlStream(chunks, 'mem', { source: 'وكالة' }));
    expect(docs(items)).toEqual([
      { id: 'a', text: 'قصف مدفعي على البلدة', source: 'وكالة' },
      { id: 'b', text: 'اعتقال شخصين', source: 'وكالة' },
    ]);
  });

  it('reports a line over the size limit and goes on to the next', async () => {
    const long = JSON.stringify({ id: 'big', text: 'ن'.repeat(5000) });
    const input = [Buffer.from(`${long}\n{"id":"small","text":"نص قصير"}\n`)];
    const items = await collect(readJsonlStream(input, 'mem', { maxBytes: 1000 }));
    expect(items[0]).toMatchObject({ kind: 'error', code: 'too_large', line: 1 });
    expect(docs(items).map((d) => d.id)).toEqual(['small']);
  });

  it('keeps memory flat on a large stream (100 MB of lines generated on the fly)', async () => {
    const line = Buffer.from(`${JSON.stringify({ id: 'x', text: 'اشتباكات بين فصائل مسلحة في ريف المدينة. '.repeat(20) })}\n`);
    const target = 100 * 1024 * 1024;
    const count = Math.ceil(target / line.length);
    async function* gen() {
      const block = Buffer.concat(Array.from({ length: 64 }, () => line));
      for (let i = 0; i < count; i += 64) yield block;
    }
        const mem = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
    const before = mem();
    let n = 0;
    let peak = before;
    for await (const item of readJsonlStream(gen(), 'gen')) {
      if (item.kind === 'document') n++;
      if (n % 20000 === 0) peak = Math.max(peak, mem());
    }
    expect(n).toBeGreaterThanOrEqual(count);
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  }, 60_000);
});

describe('validateDocument', () => {
  it.each([
    [{ id: 'x', text: 'نص' }, true],
    [{ id: 'x', html: '<p>نص</p>', published: '2022-01-27T23:30:00+03:00' }, true],
    [{ id: 'x', text: 'نص', published: '2022-02-30' }, false],
    [{ id: '', text: 'نص' }, false],
    [{ id: 7, text: 'نص' }, false],
    [{ id: 'x', text: '' }, false],
    [['not', 'an', 'object'], false],
  ])('%j → ok=%s', (value, ok) => {
    expect(validateDocument(value).ok).toBe(ok);
  });
});
