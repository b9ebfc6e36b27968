/**
 * @module queue/queue
 * The durable ingest queue: pg-boss 10 in the store's own PostgreSQL database, in its own
 * schema (`rasad_queue`), so a deployment needs nothing but PostgreSQL. One job per document
 * (payload: the input document, its content hash and its source); `rasad ingest --queue`
 * enqueues, `rasad worker` processes (src/queue/worker.ts).
 *
 * Semantics:
 * - Dedup: the queue uses pg-boss's `short` policy with singletonKey = content hash, so the
 *   same document queued twice while waiting is one job. A copy queued after the first was
 *   taken is still harmless: the store is idempotent by content hash (the worker skips a
 *   stored hash before extracting, and `saveDocumentResult` returns 'duplicate').
 * - Retries: `retryLimit` (default 3) with exponential backoff from `retryDelay` seconds.
 * - Crashed workers: a job held longer than `expireInSeconds` is failed by pg-boss's
 *   maintenance (run by every live worker) and so retried by another worker.
 * - Dead letters: a job that fails its last retry is copied by pg-boss into the
 *   `rasad-ingest-dead` queue, which nobody works; `listDeadLetters` reads it.
 *
 * Defaults can be changed per process by env: RASAD_QUEUE_RETRY_LIMIT, RASAD_QUEUE_RETRY_DELAY
 * (seconds), RASAD_QUEUE_RETRY_BACKOFF (0/1), RASAD_QUEUE_EXPIRE_SECONDS,
 * RASAD_QUEUE_MAINTENANCE_SECONDS. Retry and expiry settings are fixed on a job when it is sent.
 */
import PgBoss from 'pg-boss';
import { isPostgresUrl } from '../store/store.ts';
import type { InputDocument } from '../types.ts';

/** The PostgreSQL schema pg-boss keeps its tables in (beside the store's tables). */
export const QUEUE_SCHEMA = 'rasad_queue';
/** Queue of documents to extract and store. */
export const INGEST_QUEUE = 'rasad-ingest';
/** Where documents that failed every retry end up (nobody works this queue). */
export const DEAD_LETTER_QUEUE = 'rasad-ingest-dead';

/** The payload of one ingest job. */
export interface DocumentJob {
  doc: InputDocument;
  /** Content hash of the cleaned text (src/ingest/ingest.ts documentHash). */
  hash: string;
  /** Outlet name when the document does not name one. */
  source?: string;
}

export interface QueueOptions {
  /** Retries after the first attempt (default 3). */
  retryLimit?: number;
  /** Seconds before the first retry (default 10); doubled each time with backoff. */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A job held longer than this is taken to be lost (worker died) and retried (default 900). */
  expireInSeconds?: number;
  /** Run pg-boss maintenance (expiry of lost jobs, archiving) in this process (workers do). */
  supervise?: boolean;
  /** How often maintenance runs (default 30 s; it runs once per interval across all processes). */
  maintenanceIntervalSeconds?: number;
  /** Connection pool size for pg-boss (default 4). */
  max?: number;
}

export interface QueueCounts {
  /** Waiting (created or waiting for a retry). */
  queued: number;
  active: number;
  completed: number;
  failed: number;
  deadLetters: number;
}

export interface DeadLetter {
  /** Id of the dead-letter job. */
  id: string;
  docId: string;
  hash: string;
  source: string | null;
  /** The last error message. */
  error: string | null;
  createdOn: string;
}

export interface RasadQueue {
  readonly boss: PgBoss;
  /** Queues one document (deduplicated against an identical one already waiting). */
  enqueueDocument(doc: InputDocument, hash: string, source?: string): Promise<void>;
  /** Documents this handle queued, and those it dropped as already waiting. */
  readonly sent: { queued: number; deduplicated: number };
  counts(): Promise<QueueCounts>;
  close(): Promise<void>;
}

const envNum = (name: string, fallback: number): number => {
  const v = process.env[name];
  const n = v == null || v === '' ? NaN : Number(v);
  return Number.isFinite(n) ? n : fallback;
};

/** Options with env overrides and defaults filled in. */
export function queueSettings(opts: QueueOptions = {}): Required<QueueOptions> {
  return {
    retryLimit: opts.retryLimit ?? envNum('RASAD_QUEUE_RETRY_LIMIT', 3),
    retryDelaySeconds: opts.retryDelaySeconds ?? envNum('RASAD_QUEUE_RETRY_DELAY', 10),
    retryBackoff: opts.retryBackoff ?? envNum('RASAD_QUEUE_RETRY_BACKOFF', 1) !== 0,
    expireInSeconds: opts.expireInSeconds ?? envNum('RASAD_QUEUE_EXPIRE_SECONDS', 900),
    supervise: opts.supervise ?? false,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? envNum('RASAD_QUEUE_MAINTENANCE_SECONDS', 30),
    max: opts.max ?? 4,
  };
}

/** Starts pg-boss on the store's database (installing its schema once) and creates the queues. */
export async function openQueue(url: string, opts: QueueOptions = {}): Promise<RasadQueue> {
  if (!isPostgresUrl(url)) {
    throw new Error(`the job queue lives in PostgreSQL: use --db postgres://… (or RASAD_DB), not "${url}"`);
  }
  const s = queueSettings(opts);
  const boss = new PgBoss({
    connectionString: url,
    schema: QUEUE_SCHEMA,
    application_name: 'rasad-queue',
    max: s.max,
    supervise: s.supervise,
    schedule: false,
    maintenanceIntervalSeconds: s.maintenanceIntervalSeconds,
    // dead letters are read by people: keep them (and failed jobs) for a long time
    retentionDays: 30,
  });
  // pg-boss reports background errors (maintenance, polling) as events; unhandled they would crash
  boss.on('error', (e) => process.stderr.write(`rasad queue: ${e.message}\n`));
  await boss.start();
  const jobOptions = {
    retryLimit: s.retryLimit,
    retryDelay: s.retryDelaySeconds,
    retryBackoff: s.retryBackoff,
    expireInSeconds: s.expireInSeconds,
  };
  // createQueue is idempotent (ON CONFLICT DO NOTHING); the dead-letter queue must exist first
  if (!(await boss.getQueue(DEAD_LETTER_QUEUE))) await boss.createQueue(DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE, policy: 'standard', retentionMinutes: 60 * 24 * 30 });
  if (!(await boss.getQueue(INGEST_QUEUE))) {
    await boss.createQueue(INGEST_QUEUE, { name: INGEST_QUEUE, policy: 'short', deadLetter: DEAD_LETTER_QUEUE, ...jobOptions });
  }
  let closed = false;
  const sent = { queued: 0, deduplicated: 0 };
  return {
    boss,
    sent,
    async enqueueDocument(doc, hash, source) {
      const data: DocumentJob = { doc, hash, ...(source ? { source } : {}) };
      const id = await boss.send(INGEST_QUEUE, data, { ...jobOptions, singletonKey: hash, deadLetter: DEAD_LETTER_QUEUE });
      if (id == null) sent.deduplicated++;
      else sent.queued++;
    },
    counts: () => countJobs(boss),
    async close() {
      if (closed) return;
      closed = true;
      await boss.stop({ graceful: false, wait: true, close: true });
    },
  };
}

async function countJobs(boss: PgBoss): Promise<QueueCounts> {
  const { rows } = await boss.getDb().executeSql(
    `select name, state, count(*)::int as n from ${QUEUE_SCHEMA}.job where name in ($1, $2) group by name, state`,
    [INGEST_QUEUE, DEAD_LETTER_QUEUE],
  );
  const c: QueueCounts = { queued: 0, active: 0, completed: 0, failed: 0, deadLetters: 0 };
  for (const r of rows as Array<{ name: string; state: string; n: number }>) {
    if (r.name === DEAD_LETTER_QUEUE) c.deadLetters += r.n;
    else if (r.state === 'created' || r.state === 'retry') c.queued += r.n;
    else if (r.state === 'active') c.active += r.n;
    else if (r.state === 'completed') c.completed += r.n;
    else if (r.state === 'failed') c.failed += r.n;
  }
  return c;
}

/** Job counts of the ingest queue (a short-lived connection; for status displays and tests). */
export async function queueCounts(url: string): Promise<QueueCounts> {
  return withClient(url, async (client) => {
    if (!(await queueInstalled(client))) return { queued: 0, active: 0, completed: 0, failed: 0, deadLetters: 0 };
    return countJobs({ getDb: () => ({ executeSql: (text: string, values: unknown[]) => client.query(text, values) }) } as unknown as PgBoss);
  });
}

/** Documents that failed every retry (newest first), with their last error. */
export async function listDeadLetters(url: string): Promise<DeadLetter[]> {
  return withClient(url, async (client) => {
    if (!(await queueInstalled(client))) return [];
    // dead letters still waiting, and those pg-boss has moved to its archive
    const { rows } = await client.query(
      `select id::text, data, output, created_on from ${QUEUE_SCHEMA}.job where name = $1
       union all
       select id::text, data, output, created_on from ${QUEUE_SCHEMA}.archive where name = $1
       order by created_on desc`,
      [DEAD_LETTER_QUEUE],
    );
    return rows.map((r: any) => {
      const data = (r.data ?? {}) as Partial<DocumentJob>;
      return {
        id: r.id,
        docId: String(data.doc?.id ?? ''),
        hash: String(data.hash ?? ''),
        source: data.source ?? data.doc?.source ?? null,
        error: errorMessage(r.output),
        createdOn: new Date(r.created_on).toISOString(),
      };
    });
  });
}

/** The message pg-boss stored as a failed job's output (an Error serialized, or {value}). */
export function errorMessage(output: unknown): string | null {
  if (output == null) return null;
  if (typeof output === 'string') return output;
  const o = output as { message?: unknown; value?: { message?: unknown } | unknown };
  if (typeof o.message === 'string') return o.message;
  if (o.value && typeof o.value === 'object' && typeof (o.value as { message?: unknown }).message === 'string') return (o.value as { message: string }).message;
  return JSON.stringify(output);
}

async function queueInstalled(client: import('pg').Client): Promise<boolean> {
  const { rows } = await client.query(`select to_regclass($1) is not null as ok`, [`${QUEUE_SCHEMA}.job`]);
  return Boolean(rows[0]?.ok);
}

async function withClient<T>(url: string, fn: (client: import('pg').Client) => Promise<T>): Promise<T> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, application_name: 'rasad-queue' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
