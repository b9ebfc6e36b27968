/**
 * The CLI as users run it (a child process): bad input gives one clear line and a non-zero exit,
 * and the other lines of a JSON Lines stream are still processed; ingest is idempotent.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'rasad.js');
const rasad = (args: string[], input?: string | Buffer) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, RASAD_DB: '' } });

const ARTICLE = 'قُتل ثلاثة مدنيين اليوم الثلاثاء في قصف مدفعي على مدينة إدلب شمال غربي سوريا، بحسب الدفاع المدني.';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'rasad-cli-'));
});

describe('[cli] extract: bad inputs', () => {
  it('processes the good lines of a JSONL stream and reports the bad ones in place', () => {
    const lines = [
      JSON.stringify({ id: 'good-1', text: ARTICLE, published: '2020-02-04' }),
      '{not json',
      JSON.stringify({ id: 'no-text' }),
      JSON.stringify({ text: ARTICLE }),
      JSON.stringify({ id: 'bad-date', text: ARTICLE, published: 'yesterday' }),
      JSON.stringify({ id: 'good-2', text: ARTICLE, published: '2020-02-04' }),
    ];
    const file = path.join(dir, 'docs.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
    const r = rasad(['extract', '--input', file, '--format', 'jsonl']);
    expect(r.status).toBe(1);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(6);
    expect(out[0].document.id).toBe('good-1');
    expect(out[0].events.length).toBeGreaterThan(0);
    expect(out[1]).toMatchObject({ line: 2, id: null, error: { code: 'invalid-json' } });
    expect(out[2]).toMatchObject({ line: 3, id: 'no-text', error: { code: 'missing-text' } });
    expect(out[3]).toMatchObject({ line: 4, error: { code: 'missing-id' } });
    expect(out[4]).toMatchObject({ line: 5, id: 'bad-date', error: { code: 'invalid-document' } });
    expect(out[5].document.id).toBe('good-2');
    // one clear line per bad input on stderr
    expect(r.stderr.trim().split('\n')).toHaveLength(4);
  });

  it('enforces the per-document size limit on JSONL lines', () => {
    const file = path.join(dir, 'big.jsonl');
    writeFileSync(file, [JSON.stringify({ id: 'big', text: ARTICLE.repeat(100) }), JSON.stringify({ id: 'small', text: ARTICLE })].join('\n'));
    const r = rasad(['extract', '--input', file, '--max-bytes', '2KB']);
    expect(r.status).toBe(1);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out[0]).toMatchObject({ line: 1, id: 'big', error: { code: 'too-large' } });
    expect(out[1].document.id).toBe('small');
  });

  it.each([
    ['empty.txt', Buffer.alloc(0), /empty/],
    ['binary.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3, 0, 0, 0]), /binary/],
  ])('refuses %s with one line naming the file', (name, bytes, pattern) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    const r = rasad(['extract', file]);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).toContain(name);
  });

  it('reads Windows-1256 and stdin', () => {
    const file = path.join(dir, 'cp1256.txt');
    writeFileSync(file, iconv.encode(ARTICLE, 'windows-1256'));
    const a = rasad(['extract', file, '--published', '2020-02-04', '--format', 'jsonl']);
    expect(a.status).toBe(0);
    expect(JSON.parse(a.stdout).document.text).toBe(ARTICLE);
    const b = rasad(['extract', '-', '--published', '2020-02-04', '--format', 'jsonl'], ARTICLE);
    expect(b.status).toBe(0);
    const r = JSON.parse(b.stdout);
    expect(r.document.id).toBe('stdin');
    expect(r.events[0]).toMatchObject({ event_type: 'Explosions/Remote violence', fatalities: 3, date: { start: '2020-02-04', end: '2020-02-04' } });
  });

  it('prints a human table', () => {
    const r = rasad(['extract', '-', '--published', '2020-02-04', '--format', 'table'], ARTICLE);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Explosions\/Remote violence \/ Shelling\/artillery\/missile attack/);
    expect(r.stdout).toMatch(/killed 3/);
  });

  it('gives a one-line usage error for a bad option value', () => {
    const r = rasad(['extract', '-', '--published', 'soon'], ARTICLE);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--published/);
  });
});

describe('[cli] ingest and query a SQLite store', () => {
  it('is idempotent and the events are queryable and exportable', () => {
    const db = path.join(dir, 'store.db');
    const first = rasad(['ingest', path.join(ROOT, 'examples', 'documents.jsonl'), '--db', db]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/6 read, 6 new/);
    const again = rasad(['ingest', path.join(ROOT, 'examples', 'documents.jsonl'), '--db', db]);
    expect(again.stdout).toMatch(/6 read, 0 new .*6 already stored/);
    const ev = rasad(['events', '--db', db, '--format', 'jsonl', '--type', 'Movement restrictions']);
    const events = ev.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => e.location?.text).sort()).toEqual(expect.arrayContaining(['الحسكة', 'قامشلو']));
    const csv = rasad(['export', '--db', db, '--format', 'acled-csv']);
    expect(csv.status).toBe(0);
    expect(csv.stdout.split('\n')[0].replace(/^\uFEFF/, '')).toMatch(/^event_id_cnty,event_date,year,time_precision,disorder_type/);
  });
});

describe('[cli] eval', () => {
  it('scores the bundled examples against their gold', () => {
    const r = rasad(['eval', '--input', 'examples/documents.jsonl', '--gold', 'examples/gold.jsonl', '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.documents).toBe(6);
    expect(report.detection.recall).toBe(1);
  });
});
