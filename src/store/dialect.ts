/**
 * @module store/dialect
 * Everything that differs between SQLite and PostgreSQL, in one place, so that the store and
 * its migrations are written once (Kysely's dialect-adapter idea). A `StoreDialect` names its
 * capabilities and supplies column types, transactions, per-key locks and full-text search.
 *
 * - SQLite (better-sqlite3): WAL, foreign keys, busy timeout; writes run in `BEGIN
 *   IMMEDIATE` transactions, which serialize writers (across processes too), so no key
 *   locks are needed; full-text search with FTS5 tables (contentless) over folded text.
 * - PostgreSQL (pg Pool): READ COMMITTED transactions retried on deadlock/serialization
 *   failure; transaction-scoped advisory locks serialize writers that touch the same
 *   cluster keys; full-text search with a tsvector column (`arabic` configuration) and a
 *   GIN index.
 */
import { Kysely, PostgresDialect, SqliteDialect, sql, type Expression, type ExpressionBuilder, type SqlBool, type ColumnDataType } from 'kysely';

/** A column type: a named type or raw SQL (kysely's DataTypeExpression, not exported). */
export type DataTypeExpression = ColumnDataType | Expression<any>;
import { createHash } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import { fts5Match, tsQuerySource } from './fts.ts';
import type { StoreEngine } from './store.ts';

export interface DialectCapabilities {
  /** How full-text search is implemented. */
  fullText: 'fts5' | 'tsvector';
  /** INSERT … ON CONFLICT DO UPDATE/NOTHING and RETURNING. */
  upsert: true;
  /** JSON columns: text holding JSON, or jsonb. */
  json: 'text' | 'jsonb';
  /** Key locks (advisory) needed for order-independent concurrent writers. */
  keyLocks: boolean;
  /** Indexes can carry non-key columns (PostgreSQL INCLUDE) for index-only scans. */
  coveringIndexes: boolean;
}

export interface StoreDialect {
  readonly engine: StoreEngine;
  readonly capabilities: DialectCapabilities;
  readonly db: Kysely<any>;
  /** Column types used by the migrations. */
  readonly types: { json: DataTypeExpression; date: DataTypeExpression; float: DataTypeExpression; text: DataTypeExpression };
  /** Integer primary key with auto-increment. */
  addIdColumn<T extends { addColumn: (...a: any[]) => any }>(tb: T): T;
  /** Runs fn in one write transaction (retried when the engine asks for it). */
  transaction<T>(fn: (trx: Kysely<any>) => Promise<T>): Promise<T>;
  /** Serializes transactions touching the same keys (no-op where writers are serialized anyway). */
  lockKeys(trx: Kysely<any>, keys: string[]): Promise<void>;
  /** JSON value → column value. */
  toJson(v: unknown): unknown;
  /** Column value → JSON value. */
  fromJson<T = unknown>(v: unknown): T;
  /** A JSON value as the engine reads it back from a JSON column (for rows built in memory). */
  asRead(v: unknown): unknown;
  /**
   * Creates an index on `columns`; where the engine supports it, `include` columns are
   * carried in the index (index-only scans), elsewhere they are left out.
   */
  createIndex(db: Kysely<any>, name: string, table: string, columns: string[], include?: string[]): Promise<void>;
  /** Creates the full-text structures (called from the initial migration). */
  createFullTextSchema(db: Kysely<any>): Promise<void>;
  /** (Re)indexes one canonical event; `body` comes from ftsIndexBody, `isNew` when never indexed. */
  setEventText(trx: Kysely<any>, eventId: number, body: string, isNew: boolean): Promise<void>;
  deleteEventText(trx: Kysely<any>, eventIds: number[]): Promise<void>;
  /** (Re)indexes one document; `body` comes from ftsIndexBody. */
  setDocumentText(trx: Kysely<any>, documentId: number, body: string, isNew: boolean): Promise<void>;
  /** Condition on `events.id` for a free-text query (null when the query has no words). */
  eventTextCondition(eb: ExpressionBuilder<any, any>, text: string): Expression<SqlBool> | null;
  /**
   * Ids of the events matching a free-text query when there are more than `threshold` of
   * them (else null: the ordinary indexed query is fast). Optional: engines whose planner
   * handles frequent words well (PostgreSQL GIN) leave it out.
   */
  textMatchIds?(db: Kysely<any>, text: string, threshold: number): Promise<{ has(id: number): boolean } | null>;
  /** Ids of documents matching a free-text query. */
  documentTextIds(db: Kysely<any>, text: string, limit: number): Promise<number[]>;
  /** Engine self-check (SQLite integrity_check; PostgreSQL a trivial query): 'ok' or the problem. */
  integrityCheck(): Promise<string>;
  close(): Promise<void>;
}

const nowJson = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

// ------------------------------------------------------------------------------------------
// SQLite

export interface SqliteOptions {
  /** Busy timeout in ms (default 15000). */
  busyTimeoutMs?: number;
}

/**
 * One write queue per database file in this process. better-sqlite3 waits for a busy
 * database synchronously, which would block the event loop while another connection of
 * the same process holds the write lock between two awaits; queueing in-process writers
 * avoids that (other processes are handled by busy_timeout).
 */
const sqliteWriteQueues = new Map<string, Promise<unknown>>();

function queueWrite<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const prev = sqliteWriteQueues.get(file) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.catch(() => undefined);
  sqliteWriteQueues.set(file, tail);
  void tail.then(() => {
    if (sqliteWriteQueues.get(file) === tail) sqliteWriteQueues.delete(file);
  });
  return run;
}

export async function createSqliteDialect(path: string, opts: SqliteOptions = {}): Promise<StoreDialect> {
  const { default: Database } = await import('better-sqlite3');
  const raw = new Database(path);
  raw.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 15000}`);
  if (path !== ':memory:') raw.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a committed transaction survives a process crash (kill -9)
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('cache_size = -32000');
  raw.pragma('temp_store = MEMORY');
  // Kysely prepares every query anew; preparing dominates small statements, so cache them
  const statements = new Map<string, ReturnType<typeof raw.prepare>>();
  const cached = {
    prepare(text: string) {
      let st = statements.get(text);
      if (st) {
        statements.delete(text);
        statements.set(text, st); // LRU order
        return st;
      }
      st = raw.prepare(text);
      statements.set(text, st);
      if (statements.size > 400) statements.delete(statements.keys().next().value!);
      return st;
    },
    close() {
      statements.clear();
      raw.close();
    },
  };
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: cached as any }) });
  const queueKey = path === ':memory:' ? `memory:${Math.random()}` : resolvePath(path);
  let closed = false;

  const dialect: StoreDialect = {
    engine: 'sqlite',
    capabilities: { fullText: 'fts5', upsert: true, json: 'text', keyLocks: false, coveringIndexes: false },
    db,
    types: { json: 'text', date: 'text', float: 'double precision', text: 'text' },
    addIdColumn(tb) {
      return tb.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());
    },
    async transaction(fn) {
      // BEGIN IMMEDIATE takes the write lock up front: no deadlock-prone read→write upgrade
      return queueWrite(queueKey, () => db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const r = await fn(conn);
          await sql`commit`.execute(conn);
          return r;
        } catch (e) {
          try {
            await sql`rollback`.execute(conn);
          } catch {
            // the transaction may already be gone (SQLITE_FULL etc.)
          }
          throw e;
        }
      }));
    },
    async lockKeys() {
      // writers are serialized by BEGIN IMMEDIATE
    },
    toJson: nowJson,
    fromJson<T>(v: unknown): T {
      return (v == null ? null : JSON.parse(v as string)) as T;
    },
    asRead: (v) => (v == null ? null : JSON.stringify(v)),
    async createIndex(d, name, table, columns) {
      await d.schema.createIndex(name).on(table).columns(columns).execute();
    },
    async createFullTextSchema(d) {
      await sql`create virtual table events_fts using fts5(body, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 0')`.execute(d);
      await sql`create virtual table documents_fts using fts5(body, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 0')`.execute(d);
    },
    async setEventText(trx, id, body, isNew) {
      if (!isNew) await sql`delete from events_fts where rowid = ${id}`.execute(trx);
      await sql`insert into events_fts(rowid, body) values (${id}, ${body})`.execute(trx);
    },
    async deleteEventText(trx, ids) {
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        await sql`delete from events_fts where rowid in (${sql.join(part)})`.execute(trx);
      }
    },
    async setDocumentText(trx, id, body, isNew) {
      if (!isNew) await sql`delete from documents_fts where rowid = ${id}`.execute(trx);
      await sql`insert into documents_fts(rowid, body) values (${id}, ${body})`.execute(trx);
    },
    eventTextCondition(eb, text) {
      const m = fts5Match(text);
      if (!m) return null;
      return eb('events.id', 'in', sql<number>`(select rowid from events_fts where events_fts match ${m})`);
    },
    async textMatchIds(_d, text, threshold) {
      const m = fts5Match(text);
      if (!m) return null;
      // the ids straight from the FTS index (no events rows touched); few → the plain query
      const ids = raw.prepare('select rowid from events_fts where events_fts match ?').pluck().all(m) as number[];
      if (ids.length <= threshold) return null;
      // a bitmap over ids: far cheaper to build and probe than a Set of tens of thousands
      let max = 0;
      for (const id of ids) if (id > max) max = id;
      const bits = new Uint8Array(max + 1);
      for (const id of ids) bits[id] = 1;
      return { has: (id: number) => id <= max && bits[id] === 1 };
    },
    async documentTextIds(d, text, limit) {
      const m = fts5Match(text);
      if (!m) return [];
      const r = await sql<{ rowid: number }>`select rowid from documents_fts where documents_fts match ${m} order by rowid desc limit ${limit}`.execute(d);
      return r.rows.map((x) => Number(x.rowid));
    },
    async integrityCheck() {
      const rows = raw.pragma('integrity_check') as Array<{ integrity_check: string }>;
      return rows.map((r) => r.integrity_check).join('; ');
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
  return dialect;
}

// ------------------------------------------------------------------------------------------
// PostgreSQL

export interface PostgresOptions {
  /** Pool size (default env RASAD_PG_POOL or 10). */
  max?: number;
}

/** Postgres error codes worth a retry of the whole transaction. */
const RETRY_CODES = new Set(['40P01', '40001']);

/** The signed 64-bit advisory lock id of a key string. */
export function lockKeyId(key: string): bigint {
  return createHash('sha1').update(key).digest().readBigInt64BE(0);
}

export async function createPostgresDialect(url: string, opts: PostgresOptions = {}): Promise<StoreDialect> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? (Number(process.env.RASAD_PG_POOL) || 10) });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;

  const dialect: StoreDialect = {
    engine: 'postgres',
    capabilities: { fullText: 'tsvector', upsert: true, json: 'jsonb', keyLocks: true, coveringIndexes: true },
    db,
    // dates as text in the C collation: byte order = date order, identical to SQLite
    types: { json: 'jsonb', date: sql`text collate "C"`, float: 'double precision', text: 'text' },
    addIdColumn(tb) {
      return tb.addColumn('id', 'serial', (c: any) => c.primaryKey());
    },
    async transaction(fn) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await db.transaction().execute(fn);
        } catch (e: any) {
          if (attempt < 5 && RETRY_CODES.has(e?.code)) {
            await new Promise((r) => setTimeout(r, 20 * (attempt + 1) + Math.random() * 30));
            continue;
          }
          throw e;
        }
      }
    },
    async lockKeys(trx, keys) {
      // all in one statement, in sorted order (an array is unnested in order): every
      // transaction takes its locks in the same global order, so none can deadlock another
      if (!keys.length) return;
      const ids = [...new Set(keys.map(lockKeyId))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      await sql`select pg_advisory_xact_lock(k) from unnest(${ids.map(String)}::bigint[]) as k`.execute(trx);
    },
    toJson: nowJson,
    fromJson<T>(v: unknown): T {
      return (v ?? null) as T;
    },
    asRead: (v) => v ?? null,
    async createIndex(d, name, table, columns, include) {
      const cols = sql.join(columns.map((c) => sql.ref(c)));
      if (include?.length) await sql`create index ${sql.ref(name)} on ${sql.table(table)} (${cols}) include (${sql.join(include.map((c) => sql.ref(c)))})`.execute(d);
      else await sql`create index ${sql.ref(name)} on ${sql.table(table)} (${cols})`.execute(d);
    },
    async createFullTextSchema(d) {
      await sql`alter table events add column fts tsvector`.execute(d);
      await sql`create index events_fts_idx on events using gin (fts)`.execute(d);
      // a long most-common-words list: rare words are then known to be rare, and the planner
      // reads their GIN entries instead of walking the date index looking for matches
      await sql`alter table events alter column fts set statistics 1000`.execute(d);
      await sql`alter table documents add column fts tsvector`.execute(d);
      await sql`create index documents_fts_idx on documents using gin (fts)`.execute(d);
    },
    async setEventText(trx, id, body) {
      await sql`update events set fts = to_tsvector('arabic', ${body}) where id = ${id}`.execute(trx);
    },
    async deleteEventText() {
      // the tsvector lives in the events row
    },
    async setDocumentText(trx, id, body) {
      await sql`update documents set fts = to_tsvector('arabic', ${body}) where id = ${id}`.execute(trx);
    },
    eventTextCondition(eb, text) {
      const q = tsQuerySource(text);
      if (!q) return null;
      return eb(sql`events.fts`, '@@', sql`to_tsquery('arabic', ${q})`);
    },
    async documentTextIds(d, text, limit) {
      const q = tsQuerySource(text);
      if (!q) return [];
      const r = await sql<{ id: number }>`select id from documents where fts @@ to_tsquery('arabic', ${q}) order by id desc limit ${limit}`.execute(d);
      return r.rows.map((x) => Number(x.id));
    },
    async integrityCheck() {
      await sql`select 1`.execute(db);
      return 'ok';
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
  return dialect;
}
