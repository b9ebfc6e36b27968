/**
 * @module queue/worker
 * `rasad worker`: takes document jobs from the PostgreSQL queue (src/queue/queue.ts) and runs
 * exactly what inline ingest runs, `ingestDocument` (extraction + one store transaction).
 * Any number of workers on any number of machines may share a database: pg-boss hands each
 * job to one worker (FOR UPDATE SKIP LOCKED), and the store makes the result independent of
 * which worker saved what first (per-key advisory locks and re-clustering of the whole
 * connected component, see src/store/sql-store.ts).
 *
 * The worker runs `concurrency` fetch loops of one job each (extraction is synchronous CPU
 * work, so more than one per process mostly overlaps database waits; run one process per
 * core to use the cores). An idle loop polls every second. SIGINT/SIGTERM: stop fetching,
 * finish the jobs in hand (up to RASAD_WORKER_SHUTDOWN_MS, default 30 s; jobs still running
 * then are failed back to the queue, to be retried), stop pg-boss, close the store; a second
 * signal exits at once (the jobs in hand are retried when they expire). A job that fails its
 * last retry goes to the dead-letter queue and is logged.
 *
 * Test-only hook: RASAD_WORKER_TEST_DELAY_MS makes every job wait that long before it is
 * processed, so tests can kill a worker while it holds a job. Never set it in production.
 */
import { ingestDocument } from '../ingest/ingest.ts';
import { openStore, type SaveResult, type Store } from '../store/store.ts';
import type { InputDocument } from '../types.ts';
import { DEAD_LETTER_QUEUE, INGEST_QUEUE, openQueue, type DocumentJob, type QueueOptions } from './queue.ts';

export interface WorkerOptions {
  /** The store (postgres:// URL); the queue lives in the same database. */
  url: string;
  /** Jobs processed at once in this process (default 1). */
  concurrency?: number;
  /** Stops the worker when aborted (in addition to SIGINT/SIGTERM). */
  signal?: AbortSignal;
  /** Install SIGINT/SIGTERM handlers (default true; tests running in-process pass false). */
  handleSignals?: boolean;
  /** Where log lines go (default stderr). */
  log?: (line: string) => void;
  /** Idle polling interval (default 1000 ms). */
  pollIntervalMs?: number;
  /** How long shutdown waits for jobs in hand (default env RASAD_WORKER_SHUTDOWN_MS or 30000). */
  shutdownTimeoutMs?: number;
  /** Queue settings (maintenance interval etc.); retry settings come from the jobs. */
  queue?: QueueOptions;
}

/** What a worker did; times are summed over jobs, in ms. */
export interface WorkerStats {
  jobs: number;
  inserted: number;
  nearDuplicates: number;
  duplicates: number;
  /** Attempts that threw (each is retried, or dead-lettered after the last). */
  failed: number;
  deadLetters: number;
  events: number;
  /** Extraction (ingestDocument minus the store call). */
  extractMs: number;
  /** saveDocumentResult: the transaction, locks and re-clustering. */
  storeMs: number;
  /** pg-boss fetch and complete/fail. */
  queueMs: number;
}

export function emptyStats(): WorkerStats {
  return { jobs: 0, inserted: 0, nearDuplicates: 0, duplicates: 0, failed: 0, deadLetters: 0, events: 0, extractMs: 0, storeMs: 0, queueMs: 0 };
}

/** One line summing up a worker's stats (the bench parses it: keep its shape). */
export function formatStats(s: WorkerStats): string {
  return (
    `${s.jobs} jobs (${s.inserted} new, ${s.nearDuplicates} near-duplicates, ${s.duplicates} already stored, ${s.failed} failed attempts, ` +
    `${s.deadLetters} dead letters), ${s.events} events; time: extract ${(s.extractMs / 1000).toFixed(2)} s, ` +
    `store ${(s.storeMs / 1000).toFixed(2)} s, queue ${(s.queueMs / 1000).toFixed(2)} s`
  );
}

/** Checks a job payload; throws (so the job fails and is retried, then dead-lettered) when malformed. */
export function validateJob(data: unknown): DocumentJob {
  const d = data as Partial<DocumentJob> | null;
  if (!d || typeof d !== 'object') throw new Error('job has no payload');
  const doc = d.doc as Partial<InputDocument> | undefined;
  if (!doc || typeof doc !== 'object') throw new Error('job has no document');
  if (typeof doc.id !== 'string' || !doc.id) throw new Error('document has no id');
  const hasText = typeof doc.text === 'string' && doc.text !== '';
  const hasHtml = typeof doc.html === 'string' && doc.html !== '';
  if (!hasText && !hasHtml) throw new Error(`document ${doc.id} has neither text nor html`);
  if (typeof d.hash !== 'string' || !/^[0-9a-f]{64}$/.test(d.hash)) throw new Error(`document ${doc.id}: job has no content hash`);
  return { doc: doc as InputDocument, hash: d.hash, ...(typeof d.source === 'string' ? { source: d.source } : {}) };
}

/**
 * Processes one job payload against a store, adding to `stats`: skips a document whose hash
 * is already stored (a redelivered job), else runs `ingestDocument`.
 */
export async function processDocumentJob(store: Store, data: unknown, stats: WorkerStats = emptyStats()): Promise<SaveResult | null> {
  const job = validateJob(data);
  if (await store.hasDocumentHash(job.hash)) {
    stats.duplicates++;
    return null;
  }
  let storeMs = 0;
  // time the store call inside ingestDocument, so extraction = total - store
  const timed = new Proxy(store, {
    get(target, prop) {
      if (prop === 'saveDocumentResult') {
        return async (input: Parameters<Store['saveDocumentResult']>[0]) => {
          const t0 = performance.now();
          try {
            return await target.saveDocumentResult(input);
          } finally {
            storeMs += performance.now() - t0;
          }
        };
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  const t0 = performance.now();
  const saved = await ingestDocument(timed, job.doc, { source: job.source, hash: job.hash });
  stats.storeMs += storeMs;
  stats.extractMs += performance.now() - t0 - storeMs;
  if (saved.status === 'duplicate') stats.duplicates++;
  else {
    stats.inserted++;
    if (saved.status === 'near-duplicate') stats.nearDuplicates++;
    stats.events += saved.eventKeys.length;
  }
  return saved;
}

class ShutdownError extends Error {}

/** Waits ms, or rejects with ShutdownError when `signal` aborts first. */
function sleep(ms: number, signal: AbortSignal, rejectOnAbort = false): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return rejectOnAbort ? reject(new ShutdownError('stopping')) : resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(t);
      if (rejectOnAbort) reject(new ShutdownError('worker stopped before processing the job'));
      else resolve();
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs a worker until SIGINT/SIGTERM (or `signal`), then shuts down gracefully; returns its stats. */
export async function runWorker(opts: WorkerOptions): Promise<WorkerStats> {
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 1));
  const pollMs = opts.pollIntervalMs ?? 1000;
  const shutdownMs = opts.shutdownTimeoutMs ?? (Number(process.env.RASAD_WORKER_SHUTDOWN_MS) || 30_000);
  const testDelayMs = Number(process.env.RASAD_WORKER_TEST_DELAY_MS) || 0;

  const store = await openStore(opts.url);
  if (store.engine !== 'postgres') {
    await store.close();
    throw new Error(`rasad worker needs a PostgreSQL store (--db postgres://…), not "${opts.url}"`);
  }
  const queue = await openQueue(opts.url, { ...opts.queue, supervise: true, max: opts.queue?.max ?? concurrency + 2 });
  const boss = queue.boss;

  const stop = new AbortController();
  const stats = emptyStats();
  const inFlight = new Set<string>();
  const onSignal = (sig: NodeJS.Signals) => {
    if (stop.signal.aborted) {
      log(`rasad worker: ${sig} again: exiting now; the ${inFlight.size} job(s) in hand will be retried when they expire`);
      process.exit(130);
    }
    log(`rasad worker: ${sig}: finishing ${inFlight.size} job(s) in hand, then stopping (again to quit now)`);
    stop.abort();
  };
  if (opts.handleSignals !== false) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  const onExternalAbort = () => stop.abort();
  opts.signal?.addEventListener('abort', onExternalAbort, { once: true });
  if (opts.signal?.aborted) stop.abort();

  const loop = async (slot: number) => {
    while (!stop.signal.aborted) {
      let t0 = performance.now();
      let jobs: Awaited<ReturnType<typeof boss.fetch<unknown>>> & Array<{ retryCount?: number; retryLimit?: number }>;
      try {
        jobs = await boss.fetch<unknown>(INGEST_QUEUE, { batchSize: 1, includeMetadata: true });
      } catch (e) {
        log(`rasad worker: fetching a job failed: ${(e as Error).message}`);
        await sleep(pollMs * 5, stop.signal);
        continue;
      }
      stats.queueMs += performance.now() - t0;
      const job = jobs[0];
      if (!job) {
        await sleep(pollMs, stop.signal);
        continue;
      }
      inFlight.add(job.id);
      stats.jobs++;
      try {
        if (testDelayMs > 0) await sleep(testDelayMs, stop.signal, true);
        const saved = await processDocumentJob(store, job.data, stats);
        t0 = performance.now();
        await boss.complete(INGEST_QUEUE, job.id, saved ? { status: saved.status, documentId: saved.documentId, events: saved.eventKeys.length } : { status: 'already stored' });
        stats.queueMs += performance.now() - t0;
      } catch (e) {
        const message = (e as Error)?.message ?? String(e);
        stats.failed++;
        const last = (job.retryCount ?? 0) >= (job.retryLimit ?? 0) && !(e instanceof ShutdownError);
        const docId = (job.data as Partial<DocumentJob>)?.doc?.id ?? '?';
        if (last) {
          stats.deadLetters++;
          log(`rasad worker: dead letter: document ${docId} failed ${(job.retryCount ?? 0) + 1} time(s), last error: ${message} (kept in queue ${DEAD_LETTER_QUEUE})`);
        } else if (!(e instanceof ShutdownError)) {
          log(`rasad worker: document ${docId} failed (attempt ${(job.retryCount ?? 0) + 1} of ${(job.retryLimit ?? 0) + 1}, will be retried): ${message}`);
        }
        try {
          t0 = performance.now();
          await boss.fail(INGEST_QUEUE, job.id, { message });
          stats.queueMs += performance.now() - t0;
        } catch (e2) {
          log(`rasad worker: could not record the failure of job ${job.id} (it will expire and be retried): ${(e2 as Error).message}`);
        }
      } finally {
        inFlight.delete(job.id);
      }
    }
    void slot;
  };

  log(`rasad worker: ${concurrency} slot(s) on ${store.location}, queue ${INGEST_QUEUE}; Ctrl-C or SIGTERM to stop`);
  const progress = setInterval(() => {
    if (stats.jobs) log(`rasad worker: ${formatStats(stats)}`);
  }, (Number(process.env.RASAD_WORKER_LOG_SECONDS) || 60) * 1000);
  progress.unref();

  const loops = Array.from({ length: concurrency }, (_, i) => loop(i));
  const allDone = Promise.all(loops);
  await new Promise<void>((resolve) => {
    if (stop.signal.aborted) resolve();
    else stop.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  // graceful: let the jobs in hand finish, up to the timeout
  let timer: NodeJS.Timeout | undefined;
  const finished = await Promise.race([
    allDone.then(() => true),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(false), shutdownMs))),
  ]);
  clearTimeout(timer);
  if (!finished && inFlight.size) {
    // hand them back: failing counts as an attempt, but another worker retries them at once
    log(`rasad worker: ${inFlight.size} job(s) still running after ${shutdownMs} ms: handing them back to the queue`);
    for (const id of inFlight) {
      try {
        await boss.fail(INGEST_QUEUE, id, { message: 'worker stopped before finishing the job' });
      } catch (e) {
        log(`rasad worker: could not hand job ${id} back (it will expire and be retried): ${(e as Error).message}`);
      }
    }
  }
  clearInterval(progress);
  await queue.close();
  await store.close();
  if (opts.handleSignals !== false) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  opts.signal?.removeEventListener('abort', onExternalAbort);
  log(`rasad worker: stopped; ${formatStats(stats)}`);
  return stats;
}
