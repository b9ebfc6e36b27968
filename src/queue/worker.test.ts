/**
 * Unit tests of the queue and worker helpers that need no database: job validation, settings,
 * error messages, the SQLite refusal, and processDocumentJob over a SQLite store. The
 * PostgreSQL paths (queue, workers, retries, dead letters) are in test/e2e/workers.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { errorMessage, openQueue, queueSettings } from './queue.ts';
import { emptyStats, formatStats, processDocumentJob, validateJob } from './worker.ts';
import { documentHash } from '../ingest/ingest.ts';
import { openStore } from '../store/store.ts';

const HASH = 'b'.repeat(64);
const text = 'قتل ثلاثة مدنيين في قصف مدفعي استهدف مدينة إدلب يوم الثلاثاء.';

describe('validateJob', () => {
  it.each([
    ['text document', { doc: { id: 'a', text }, hash: HASH }],
    ['html document with source', { doc: { id: 'b', html: `<p>${text}</p>` }, hash: HASH, source: 'outlet' }],
  ])('accepts a %s', (_, data) => {
    expect(validateJob(data)).toMatchObject({ doc: { id: data.doc.id }, hash: HASH });
  });

  it.each([
    ['no payload', null, 'no payload'],
    ['no document', { hash: HASH }, 'no document'],
    ['no id', { doc: { text }, hash: HASH }, 'no id'],
    ['no text and no html', { doc: { id: 'c' }, hash: HASH }, 'neither text nor html'],
    ['empty text', { doc: { id: 'd', text: '' }, hash: HASH }, 'neither text nor html'],
    ['bad hash', { doc: { id: 'e', text }, hash: 'xyz' }, 'no content hash'],
  ])('rejects a job with %s', (_, data, message) => {
    expect(() => validateJob(data)).toThrow(message);
  });
});

describe('errorMessage', () => {
  it.each([
    [{ message: 'boom' }, 'boom'],
    [{ value: { message: 'job failed by timeout in active state' } }, 'job failed by timeout in active state'],
    ['plain', 'plain'],
    [null, null],
    [{ other: 1 }, '{"other":1}'],
  ])('%j → %j', (output, expected) => {
    expect(errorMessage(output)).toBe(expected);
  });
});

describe('queueSettings', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('has defaults: 3 retries with backoff from 10 s, 15 min expiry', () => {
    delete process.env.RASAD_QUEUE_RETRY_LIMIT;
    delete process.env.RASAD_QUEUE_RETRY_DELAY;
    delete process.env.RASAD_QUEUE_EXPIRE_SECONDS;
    delete process.env.RASAD_QUEUE_RETRY_BACKOFF;
    expect(queueSettings()).toMatchObject({ retryLimit: 3, retryDelaySeconds: 10, retryBackoff: true, expireInSeconds: 900, supervise: false });
  });

  it('takes env overrides, and explicit options over env', () => {
    process.env.RASAD_QUEUE_RETRY_LIMIT = '5';
    process.env.RASAD_QUEUE_RETRY_BACKOFF = '0';
    process.env.RASAD_QUEUE_EXPIRE_SECONDS = 'not a number';
    expect(queueSettings()).toMatchObject({ retryLimit: 5, retryBackoff: false, expireInSeconds: 900 });
    expect(queueSettings({ retryLimit: 1 }).retryLimit).toBe(1);
  });
});

describe('openQueue', () => {
  it.each(['./rasad.db', ':memory:', '/tmp/x.sqlite'])('refuses a SQLite store (%s)', async (url) => {
    await expect(openQueue(url)).rejects.toThrow('the job queue lives in PostgreSQL');
  });
});

describe('processDocumentJob', () => {
  it('stores a new document, then skips it as already stored', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rasad-queue-'));
    const store = await openStore(path.join(dir, 'q.db'));
    try {
      const doc = { id: 'idlib-1', text, published: '2023-03-14', source: 'شبكة الشمال' };
      const stats = emptyStats();
      const first = await processDocumentJob(store, { doc, hash: documentHash(doc).hash }, stats);
      expect(first?.status).toBe('inserted');
      expect(first!.eventKeys.length).toBeGreaterThan(0);
      const again = await processDocumentJob(store, { doc, hash: documentHash(doc).hash }, stats);
      expect(again).toBeNull();
      expect(stats).toMatchObject({ inserted: 1, duplicates: 1, failed: 0 });
      expect(stats.extractMs).toBeGreaterThan(0);
      expect(stats.storeMs).toBeGreaterThan(0);
      expect(formatStats(stats)).toMatch(/^0 jobs \(1 new, 0 near-duplicates, 1 already stored, 0 failed attempts, 0 dead letters\), \d+ events; time: extract [\d.]+ s, store [\d.]+ s, queue [\d.]+ s$/);
      const stored = await store.queryEvents({ sources: ['شبكة الشمال'] });
      expect(stored.items[0]?.location?.name).toBe('Idlib');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
