import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readInput } from './index.ts';
import { fileKind, readPath } from './read-path.ts';
import { collect, docs, errors, FIXTURES } from './test-helpers.ts';

describe('readPath', () => {
  it('reads a .txt file as one document named after the file, with its bytes', async () => {
    const items = await collect(readPath(join(FIXTURES, 'article.txt'), { source: 'مراسل' }));
    expect(items).toHaveLength(1);
    const it0 = items[0];
    expect(it0.kind).toBe('document');
    if (it0.kind !== 'document') return;
    expect(it0.doc).toMatchObject({ id: 'article', source: 'مراسل', charset: 'utf-8' });
    expect(it0.doc.text?.startsWith('قوات الأمن تفرض طوقاً أمنياً')).toBe(true);
    expect(Buffer.from(it0.bytes!).toString('utf8')).toBe(it0.doc.text);
  });

  it('reads an .html file into html with title and date from its head', async () => {
    const d = docs(await collect(readPath(join(FIXTURES, 'article.html'))));
    expect(d).toEqual([
      expect.objectContaining({
        id: 'article',
        title: 'وصول قافلة مساعدات إنسانية إلى مخيم الهول',
        published: '2022-02-14T11:20:00+03:00',
        html: expect.stringContaining('قافلة مؤلفة من عشرين شاحنة'),
      }),
    ]);
  });

  it('walks a folder recursively in sorted order, skipping hidden and unknown files', async () => {
    const items = await collect(readPath(join(FIXTURES, 'folder')));
    expect(errors(items)).toEqual([]);
    expect(docs(items).map((d) => d.id)).toEqual(['a-first', 'b-second', 'folder-jsonl-1']);
  });

  it('dispatches feeds and Telegram exports by content', async () => {
    const rss = docs(await collect(readPath(join(FIXTURES, 'feed-rss.xml'))));
    expect(rss).toHaveLength(3);
    const atom = docs(await collect(readPath(join(FIXTURES, 'feed-atom.xml'))));
    expect(atom).toHaveLength(3);
    const tg = docs(await collect(readPath(join(FIXTURES, 'telegram'))));
    expect(tg.map((d) => d.id)).toEqual(['tg-1587320044-2', 'tg-1587320044-3', 'tg-1587320044-6']);
  });

  it('decodes a windows-1256 page declared in its meta tag', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasad-path-'));
    const p = join(dir, 'legacy.htm');
    writeFileSync(p, iconv.encode('<html><head><meta charset="windows-1256"><title>حظر تجوال</title></head><body>فرض حظر تجوال ليلي</body></html>', 'windows-1256'));
    const d = docs(await collect(readPath(p)));
    expect(d[0]).toMatchObject({ id: 'legacy', title: 'حظر تجوال', charset: 'windows-1256' });
    expect(d[0].html).toContain('فرض حظر تجوال ليلي');
  });

  it('guesses windows-1256 for an undeclared legacy text file that is not valid UTF-8', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasad-path-'));
    const p = join(dir, 'old.txt');
    writeFileSync(p, iconv.encode('انقطاع التيار الكهربائي عن المدينة', 'windows-1256'));
    expect(docs(await collect(readPath(p)))[0]).toMatchObject({ text: 'انقطاع التيار الكهربائي عن المدينة', charset: 'windows-1256' });
  });

  it('reads gzipped JSON Lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasad-path-'));
    const p = join(dir, 'docs.jsonl.gz');
    writeFileSync(p, zlib.gzipSync('{"id":"g1","text":"مداهمة أمنية في حي الشيخ مقصود"}\n'));
    expect(docs(await collect(readPath(p))).map((d) => d.id)).toEqual(['g1']);
  });

  it.each([
    ['does-not-exist.txt', 'read_error'],
    ['folder/README.md', 'unsupported'],
  ])('an explicit %s yields one %s error', async (rel, code) => {
    const items = await collect(readPath(join(FIXTURES, rel)));
    expect(items).toEqual([expect.objectContaining({ kind: 'error', code })]);
  });

  it('reports a JSON file that is not a Telegram export and an XML file that is neither feed nor sitemap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasad-path-'));
    writeFileSync(join(dir, 'meta.json'), '{"title": "x"}');
    writeFileSync(join(dir, 'data.xml'), '<?xml version="1.0"?><catalog/>');
    expect(await collect(readPath(join(dir, 'meta.json')))).toEqual([expect.objectContaining({ code: 'unsupported' })]);
    expect(await collect(readPath(join(dir, 'data.xml')))).toEqual([expect.objectContaining({ code: 'unsupported' })]);
    // In a folder the same files are skipped silently.
    expect(await collect(readPath(dir))).toEqual([]);
  });

  it('reports an empty text file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasad-path-'));
    writeFileSync(join(dir, 'empty.txt'), '  \n');
    expect(await collect(readPath(join(dir, 'empty.txt')))).toEqual([expect.objectContaining({ code: 'invalid_document', id: 'empty' })]);
  });

  it('readInput sends paths to readPath', async () => {
    expect(docs(await collect(readInput(join(FIXTURES, 'article.txt'))))[0].id).toBe('article');
  });
});

describe('fileKind', () => {
  it.each([
    ['a/b.TXT', 'text'],
    ['x.htm', 'html'],
    ['x.ndjson', 'jsonl'],
    ['x.jsonl.gz', 'jsonl.gz'],
    ['crawl-00001.warc.gz', 'warc'],
    ['result.json', 'json'],
    ['feed.atom', 'xml'],
    ['photo.jpg', null],
    ['archive.tar.gz', null],
  ])('%s → %s', (p, kind) => {
    expect(fileKind(p)).toBe(kind);
  });
});
