/**
 * End-to-end: PostgreSQL store + pg-boss queue + `rasad worker` processes (issue 7).
 * A real PostgreSQL 15 cluster is started for the file (test/helpers/postgres.ts); every case
 * gets its own database. Workers run as child processes (`node bin/rasad.js worker`).
 *
 * 1. The bundled examples, near-duplicate copies under another outlet name and two reports of
 *    one event from two outlets: ingested inline into SQLite and, in reverse order, through
 *    `rasad ingest --queue` + 2 workers into PostgreSQL → identical canonical events.
 * 2. Two "workers" (two store connections) saving two reports of the same event at the same
 *    moment → the same canonical events as one process saving them in turn.
 * 3. A worker killed with SIGKILL while holding a job → the job expires and another worker
 *    retries it; no document is lost.
 * 4. A document that always fails → retried, then in the dead-letter queue, and logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findPostgresBinDir, startTempPostgres, type TempPostgres } from '../helpers/postgres.ts';
import { openStore, type Store, type StoredEvent } from '../../src/store/store.ts';
import { documentHash, ingestDocument, ingestInputs } from '../../src/ingest/ingest.ts';
import { listDeadLetters, openQueue, queueCounts, QUEUE_SCHEMA, INGEST_QUEUE } from '../../src/queue/queue.ts';
import type { InputDocument } from '../../src/types.ts';
import { sqlRows } from '../helpers/sql.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/rasad.js');
const pgBin = findPostgresBinDir();
if (!pgBin) {
  console.warn(
    '\n' + '!'.repeat(78) + '\n!!! PostgreSQL server binaries not found (pg_config --bindir, /usr/lib/postgresql/*/bin):\n' +
      '!!! the PostgreSQL worker tests (test/e2e/workers.test.ts) are SKIPPED. Install postgresql-15.\n' + '!'.repeat(78) + '\n',
  );
}

const examples: InputDocument[] = readFileSync(path.join(ROOT, 'examples/documents.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));

/** A wire copy: same article, one sentence added after the first paragraph, another outlet. */
const copyOf = (d: InputDocument): InputDocument => ({
  ...d,
  id: `${d.id}-copy`,
  source: 'وكالة الأنباء المحلية',
  text: d.text!.replace(/\n\n/, '\n\nوأكدت مصادر محلية صحة هذه الأنباء.\n\n'),
});

/** Two outlets reporting one shelling, in different words (written for this test). */
const idlibA: InputDocument = {
  id: 'idlib-shelling-a',
  source: 'شبكة الشمال',
  published: '2023-03-14',
  text: 'قتل ثلاثة مدنيين وأصيب خمسة آخرون في قصف مدفعي استهدف مدينة إدلب شمال غربي سوريا يوم الثلاثاء، بحسب مصادر محلية.',
};
const idlibB: InputDocument = {
  id: 'idlib-shelling-b',
  source: 'إذاعة الساحل',
  published: '2023-03-14',
  text: 'أفادت مصادر طبية بمقتل ثلاثة مدنيين جراء قصف بالمدفعية على أحياء سكنية في مدينة إدلب اليوم الثلاثاء.',
};

const corpus: InputDocument[] = [...examples, ...examples.map(copyOf), idlibA, idlibB];

/** What must not depend on the engine, the order or the number of workers (ids aside). */
async function snapshot(store: Store): Promise<string[]> {
  const out: string[] = [];
  for await (const e of store.exportRows({ review: 'any' }) as AsyncIterable<StoredEvent>) {
    out.push(
      JSON.stringify({
        type: e.event_type,
        sub: e.sub_event_type,
        date: [e.date.start, e.date.end, e.date.precision],
        loc: e.location ? [e.location.name, e.location.lat, e.location.lon] : null,
        actors: [e.actor1?.id ?? null, e.actor2?.id ?? null],
        fatalities: e.fatalities,
        reports: e.report_count,
        sources: e.source_count,
        docs: e.sources.map((s) => `${s.doc_id}|${s.name}`).sort(),
      }),
    );
  }
  return out.sort();
}

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `rasad worker` as a child process. */
function startWorker(url: string, env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [BIN, 'worker', '--db', url], {
    cwd: ROOT,
    env: { ...process.env, RASAD_QUEUE_MAINTENANCE_SECONDS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 180_000, explain?: () => Promise<string>): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}${explain ? ': ' + (await explain()) : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function documentCount(url: string): Promise<number> {
  const store = await openStore(url);
  try {
    return (await store.stats()).documents;
  } finally {
    await store.close();
  }
}

describe.skipIf(!pgBin)('[e2e] PostgreSQL workers', () => {
  let pg: TempPostgres;
  let tmp: string;
  const procs: Proc[] = [];
  let dbNo = 0;
  const freshDb = () => pg.createDatabase(`rasad_workers_${++dbNo}`);

  beforeAll(async () => {
    pg = (await startTempPostgres('rasad_workers'))!;
    tmp = mkdtempSync(path.join(tmpdir(), 'rasad-workers-'));
  });
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode == null && p.child.signalCode == null) p.child.kill('SIGKILL');
    await pg?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('SQLite inline and PostgreSQL through the queue with 2 workers give identical events', async () => {
    // SQLite: the inline path, file order
    const inFile = path.join(tmp, 'corpus.jsonl');
    writeFileSync(inFile, corpus.map((d) => JSON.stringify(d)).join('\n') + '\n');
    const lite = await openStore(path.join(tmp, 'inline.db'));
    const inline = await ingestInputs(lite, [inFile]);
    expect(inline).toMatchObject({ seen: corpus.length, inserted: corpus.length, errors: 0 });
    const expected = await snapshot(lite);
    await lite.close();
    expect(expected.length).toBeGreaterThan(5);
    // the two outlets' reports are one event, as are each article and its copy
    expect(expected.filter((e) => e.includes('idlib-shelling-a'))).toHaveLength(1);
    expect(expected.find((e) => e.includes('idlib-shelling-a'))).toContain('idlib-shelling-b');
    expect(expected.some((e) => JSON.parse(e).docs.some((d: string) => d.startsWith('abqaiq-drones-copy|')))).toBe(true);

    // PostgreSQL: enqueue through the CLI in reverse order, then two worker processes
    const url = await freshDb();
    const revFile = path.join(tmp, 'corpus-reversed.jsonl');
    writeFileSync(revFile, [...corpus].reverse().map((d) => JSON.stringify(d)).join('\n') + '\n');
    const ing = spawnSync(process.execPath, [BIN, 'ingest', '--queue', '--quiet', '--db', url, revFile], { cwd: ROOT, encoding: 'utf8' });
    expect(ing.status, ing.stderr).toBe(0);
    expect(ing.stdout).toContain(`${corpus.length} new`);
    expect((await queueCounts(url)).queued).toBe(corpus.length);
    expect(await documentCount(url)).toBe(0);

    const workers = [startWorker(url), startWorker(url)];
    procs.push(...workers);
    await waitFor('the queue to drain', async () => {
      const c = await queueCounts(url);
      return c.queued === 0 && c.active === 0 && c.completed === corpus.length;
    }, 90_000, async () => JSON.stringify(await queueCounts(url)) + '\n' + workers.map((w) => w.output()).join('\n'));
    for (const w of workers) w.child.kill('SIGTERM');
    const codes = await Promise.all(workers.map((w) => w.exited));
    expect(codes, workers.map((w) => w.output()).join('\n')).toEqual([0, 0]);
    // both workers took jobs (pg-boss hands each job to one of them)
    const done = workers.map((w) => Number(/stopped; (\d+) jobs/.exec(w.output())?.[1] ?? -1));
    expect(done[0] + done[1]).toBe(corpus.length);

    const store = await openStore(url);
    try {
      expect((await store.stats()).documents).toBe(corpus.length);
      expect(await snapshot(store)).toEqual(expected);
    } finally {
      await store.close();
    }
  }, 400_000);

  it('two workers saving two reports of one event at the same moment agree with one process', async () => {
    const pairs: Array<[InputDocument, InputDocument]> = [[idlibA, idlibB], ...examples.map((d) => [d, copyOf(d)] as [InputDocument, InputDocument])];
    // one process, in turn
    const serial = await openStore(path.join(tmp, 'serial.db'));
    for (const [a, b] of pairs) {
      await ingestDocument(serial, a, { hash: documentHash(a).hash });
      await ingestDocument(serial, b, { hash: documentHash(b).hash });
    }
    const expected = await snapshot(serial);
    await serial.close();
    // two stores (two connection pools, like two worker processes), each pair at once, the
    // second worker taking the second report first
    const url = await freshDb();
    const w1 = await openStore(url);
    const w2 = await openStore(url);
    try {
      for (const [a, b] of pairs) await Promise.all([ingestDocument(w1, b), ingestDocument(w2, a)]);
      expect(await snapshot(w1)).toEqual(expected);
      const idlib = await w1.queryEvents({ sources: ['شبكة الشمال'] });
      expect(idlib.items).toHaveLength(1);
      expect(idlib.items[0].source_count).toBe(2);
    } finally {
      await w1.close();
      await w2.close();
    }
  }, 400_000);

  it('a worker killed mid-job loses no document: another worker retries its job', async () => {
    const url = await freshDb();
    const docs = [idlibA, idlibB, examples.find((d) => d.id === 'baghdad-curfew')!];
    const q = await openQueue(url, { expireInSeconds: 3, retryDelaySeconds: 1, retryBackoff: false });
    for (const d of docs) await q.enqueueDocument(d, documentHash(d).hash);
    await q.close();

    // worker A holds its first job for 10 minutes (test-only hook), and is killed meanwhile
    const a = startWorker(url, { RASAD_WORKER_TEST_DELAY_MS: '600000' });
    procs.push(a);
    let held: { id: string } | undefined;
    await waitFor('worker A to take a job', async () => {
      held = (await sqlRows(url, `select id::text from ${QUEUE_SCHEMA}.job where name = $1 and state = 'active'`, [INGEST_QUEUE]))[0];
      return Boolean(held);
    });
    a.child.kill('SIGKILL');
    await a.exited;
    expect(await documentCount(url)).toBe(0);

    const b = startWorker(url);
    procs.push(b);
    await waitFor('every document to be stored', async () => (await documentCount(url)) === docs.length);
    await waitFor('the queue to drain', async () => {
      const c = await queueCounts(url);
      return c.queued === 0 && c.active === 0;
    });
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
    const [row] = await sqlRows(url, `select state::text, retry_count from ${QUEUE_SCHEMA}.job where id = $1`, [held!.id]);
    expect(row.state).toBe('completed');
    expect(row.retry_count).toBeGreaterThanOrEqual(1);
    expect((await queueCounts(url)).deadLetters).toBe(0);
  }, 400_000);

  it('a document that keeps failing ends in the dead-letter queue, and the worker says so', async () => {
    const url = await freshDb();
    const q = await openQueue(url, { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: false });
    // no text and no html: every attempt fails
    await q.enqueueDocument({ id: 'empty-article', source: 'outlet' }, 'a'.repeat(64));
    await q.enqueueDocument(idlibA, documentHash(idlibA).hash);
    await q.close();
    expect(await listDeadLetters(url)).toEqual([]);

    const w = startWorker(url);
    procs.push(w);
    await waitFor('a dead letter', async () => (await listDeadLetters(url)).length > 0);
    const dead = await listDeadLetters(url);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ docId: 'empty-article', hash: 'a'.repeat(64), source: 'outlet' });
    expect(dead[0].error).toContain('neither text nor html');
    await waitFor('the good document', async () => (await documentCount(url)) === 1);
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    expect(w.output()).toContain('dead letter: document empty-article failed 3 time(s)');
    const c = await queueCounts(url);
    expect(c).toMatchObject({ queued: 0, active: 0, completed: 1, failed: 1, deadLetters: 1 });
  }, 400_000);
});
