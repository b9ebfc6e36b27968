/**
 * @module store/sql-store
 * The Store implementation for both engines, written once over Kysely; engine differences
 * live in the StoreDialect (src/store/dialect.ts).
 *
 * Writing a document (one transaction; batch ingest puts several documents in one): key
 * locks (PostgreSQL) → source → near-duplicate lookup by SimHash bands → document row (ON
 * CONFLICT on the content hash: a concurrent duplicate inserts nothing) → leader clustering
 * of the new reports' neighbourhood (src/merge/cluster.ts: statuses and preferences
 * recomputed around what changed, then every affected leader's group rebuilt) → canonical
 * events rewritten where their membership changed (src/merge/reconcile.ts), corrections and
 * reviews applied → the reports, inserted with their event ids. Groups are a function of the
 * set of reports (the suite checks them against `leaderGroups` over everything), so arrival
 * order does not matter; on PostgreSQL fine-grained advisory locks (src/store/lock-keys.ts:
 * event type × grid cell × date bucket, place name, anchor, SimHash band, document cluster)
 * keep two workers from regrouping the same neighbourhood at once while letting unrelated
 * documents save in parallel. The document-only work (hashing, fingerprint, index bodies,
 * report keys: src/store/prepare.ts) happens before the transaction, and hot statements
 * bypass the query builder (`raw`).
 * Candidate reports are found by indexed lookups (type + grid cell or place name + date
 * window; or type + anchor within the document cluster), never by scanning.
 *
 * Reading: filters are ANDed conditions on `events` (analyst corrections are materialized
 * there, so filters see corrected values); pages are keyset-paged on (sort key, id). The
 * ids of a page are selected first (narrow, index-only on PostgreSQL's covering indexes),
 * then their rows and, in one more query, their sources. A date filter is bounded below by
 * the longest event span on record (store_meta), so it scans only the dates it can match.
 * A very common search word (FTS5, more than `frequentTextMatches` hits) is answered by
 * walking the date order and keeping matching ids, instead of sorting every hit.
 */
import { CompiledQuery, Migrator, sql, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { randomBytes } from 'node:crypto';
import { normalizeArabic, normalizeWithOffsets } from '../text/normalize.ts';
import { ftsIndexBody, ftsQueryGroups } from './fts.ts';
import type { Actor, EventLocation, ExtractionResult, RasadEvent, Span } from '../types.ts';
import { hammingDistance, NEAR_DUPLICATE_DISTANCE, MIN_WORDS_FOR_SIMHASH, type Fingerprint } from '../merge/simhash.ts';
import { isLeader, preferredLeader, resolveGroup, spanDays as spanOfLite, SHORT_SPAN_DAYS, compatible, foldKey, addDays, dayNumber, datable, cellOf, neighbourCells, MAX_SPAN_DAYS, DATE_SLACK_DAYS, type ReportLite } from '../merge/cluster.ts';
import { reconcile } from '../merge/reconcile.ts';
import { applyCorrections, getPath, isCorrectableField } from './corrections.ts';
import { tokenHash } from './keys.ts';
import { LruMap } from './lru.ts';
import { LockSet, NeedLocks, pointKeys, regionKeys } from './lock-keys.ts';
import { prepareDocument, prepareReports, type PreparedReport } from './prepare.ts';
import { createPostgresDialect, createSqliteDialect, type StoreDialect } from './dialect.ts';
import { migrationProvider } from './migrations/index.ts';
import {
  isPostgresUrl,
  DEFAULT_TOTAL_CAP,
  MAX_TOTAL_CAP,
  type Alert,
  type AlertInput,
  type Correction,
  type CorrectionInput,
  type CountGroup,
  type CountRow,
  type Delivery,
  type DeliveryInput,
  type DocumentForReextract,
  type DocumentHit,
  type EventFilter,
  type EventSort,
  type EventSource,
  type Page,
  type PageRequest,
  type ReviewState,
  type SaveDocumentInput,
  type SaveResult,
  type Store,
  type StoredDocument,
  type StoredEvent,
  type StoreStats,
  type TokenInfo,
  type TokenRole,
} from './store.ts';

/** An error with a machine-readable code (the API maps not_found → 404, invalid → 400). */
export class StoreError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Opens a store on SQLite (file path) or PostgreSQL (postgres:// URL) and migrates it. */
export async function openSqlStore(url: string): Promise<SqlStore> {
  const dialect = isPostgresUrl(url) ? await createPostgresDialect(url) : await createSqliteDialect(url);
  const store = new SqlStore(dialect, isPostgresUrl(url) ? url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@') : url);
  try {
    await store.migrate();
  } catch (e) {
    await dialect.close();
    throw e;
  }
  return store;
}

const UNDATED = '0001-01-01';

/**
 * The groups whose canonical event must be (re)written: all unless it already holds exactly
 * these reports and nothing forces a rewrite (`force`: a correction, review or merged document
 * clusters; `dirty`: an event that lost a report).
 */
function changedGroups(groups: ReportRow[][], force: boolean, dirty: Set<number>): ReportRow[][] {
  const members = new Map<number, number>();
  for (const g of groups) for (const r of g) if (r.event_id != null) members.set(Number(r.event_id), (members.get(Number(r.event_id)) ?? 0) + 1);
  return groups.filter((g) => {
    if (!g.length) return false;
    const e = g[0].event_id;
    return !(!force && e != null && !dirty.has(Number(e)) && g.every((r) => r.event_id === e) && members.get(Number(e)) === g.length);
  });
}

/** Where writers are serialized anyway (and for reads): no key checks. */
const NO_LOCKS = new LockSet(new Set(), false);

const MAX_LIMIT = 1000;
const now = () => new Date().toISOString();

/** A report row as loaded for clustering (joined with its document's cluster). */
interface ReportRow {
  id: number;
  event_key: string;
  event_id: number | null;
  document_id: number;
  doc_cluster_id: number;
  event_type: string;
  date_start: string | null;
  date_end: string | null;
  lat: number | null;
  lon: number | null;
  loc_key: string;
  actor1_id: string | null;
  actor2_id: string | null;
  actor_ids: unknown;
  anchor: string;
  is_leader: number;
  pref_leader: string | null;
  confidence: number;
  event_values: unknown;
  context_text: string;
}

/** Columns clustering needs (candidate scans read only these). */
/** What re-clustering decided: canonical key and event id per report key, and the new reports' roles. */
interface Reclustered {
  keyMap: Map<string, string>;
  eventIds: Map<string, number>;
  roles: Map<string, { is_leader: number; pref_leader: string | null }>;
}

const REPORT_LITE_COLUMNS = [
  'r.id',
  'r.event_key',
  'r.event_id',
  'r.document_id',
  'r.doc_cluster_id',
  'r.event_type',
  'r.date_start',
  'r.date_end',
  'r.lat',
  'r.lon',
  'r.loc_key',
  'r.actor1_id',
  'r.actor2_id',
  'r.actor_ids',
  'r.anchor',
  'r.is_leader',
  'r.pref_leader',
] as const;

const REPORT_LITE_SQL = REPORT_LITE_COLUMNS.join(', ');

const REPORT_COLUMNS = [...REPORT_LITE_COLUMNS, 'r.confidence', 'r.event_values', 'r.context_text'] as const;

const REPORT_SQL = REPORT_COLUMNS.join(', ');

/** Columns of the events table written from a canonical event. */
const EVENT_WRITE_COLUMNS = [
  'event_type', 'sub_event_type', 'date_start', 'date_end', 'date_precision', 'date_text', 'sort_date', 'hours',
  'loc_text', 'loc_name', 'loc_name_ar', 'country', 'admin1', 'admin2', 'lat', 'lon', 'geo_precision', 'geonames_id',
  'place_id', 'actor1_id', 'actor2_id', 'actor1', 'actor2', 'assoc_actor1', 'assoc_actor2', 'actors_norm',
  'fatalities', 'fatalities_sort', 'injured', 'detained', 'displaced', 'fatalities_vague', 'evidence', 'extra', 'primary_document_id',
  'confidence', 'report_count', 'source_count', 'corrected', 'original', 'review_status', 'review_who', 'review_at',
  'updated_at',
] as const;

/** Upsert of a canonical event by key (same text on both engines), returning its id. */
const EVENT_UPSERT_SQL =
  `insert into events (${[...EVENT_WRITE_COLUMNS, 'event_key', 'created_at'].join(', ')}) values (${[...EVENT_WRITE_COLUMNS, 'event_key', 'created_at'].map(() => '?').join(', ')}) ` +
  `on conflict (event_key) do update set ${EVENT_WRITE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')} returning id`;

/** RasadEvent keys that have their own columns; anything else goes to `extra`. */
const KNOWN_EVENT_KEYS = new Set([
  'id', 'event_type', 'sub_event_type', 'date', 'hours', 'location', 'actor1', 'actor2', 'assoc_actor1', 'assoc_actor2',
  'fatalities', 'injured', 'detained', 'displaced', 'fatalities_vague', 'evidence', 'confidence', 'explain',
]);

function toInt(v: unknown): number | null {
  if (v == null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function intOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null;
}

/** Days between two dates (null unless both are YYYY-MM-DD). */
function spanOfDates(start: unknown, end: unknown): number | null {
  return isDate(start) && isDate(end) ? spanOfLite({ start, end }) : null;
}

function isDate(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
}

function actorsNorm(ev: RasadEvent): string {
  const parts: string[] = [];
  for (const a of [ev.actor1, ev.actor2, ...(ev.assoc_actor1 ?? []), ...(ev.assoc_actor2 ?? [])]) {
    if (!a) continue;
    parts.push(a.id ?? '', a.name ?? '', a.name_ar ?? '', a.text ?? '');
  }
  return normalizeArabic(parts.filter(Boolean).join(' | ')).toLowerCase();
}

/** Reports remembered by the writer (a few MB: a report's values are ~2 kB of JSON). */
const REPORT_CACHE_SIZE = 2048;

/** The words of a space-separated folded text (report contexts are stored folded). */
function splitWords(text: string): string[] {
  return text.split(' ').filter((w) => w);
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

function encodeCursor(v: unknown): string {
  return Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
}

function decodeCursor(c: string): any {
  try {
    return JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
  } catch {
    throw new StoreError('invalid', 'bad cursor');
  }
}

function looksLikeHtml(s: string): boolean {
  return /^\s*</.test(s) && /<\/?(html|body|div|p|article|head|span|br)\b/i.test(s);
}

export class SqlStore implements Store {
  readonly engine;
  readonly db: Kysely<any>;
  /** Above this many full-text matches, queryEvents walks the ordered index instead (engines that offer it). */
  frequentTextMatches = 5000;
  /**
   * PostgreSQL: how long (ms) a total may take to count exactly; past it the planner's
   * estimate is reported (totalIsExact false). Runs beside the page, so it bounds the latency
   * a total adds. Env RASAD_COUNT_BUDGET_MS.
   */
  countBudgetMs = Number(process.env.RASAD_COUNT_BUDGET_MS) || 40;
  /** The longest span this process has recorded in store_meta (saves a read per write). */
  private knownMaxSpan = -1;
  /** Committed places and actors (never deleted), so hot writes skip their lookups. */
  private placeCache = new Map<string, number>();
  private actorCache = new Set<string>();
  private sourceCache = new Map<string, number>();
  /** Cache entries learnt inside a transaction, applied only once it commits. */
  private pending = new WeakMap<object, Array<() => void>>();
  /** Transactions started again to take more locks (PostgreSQL; see lockedTx). */
  lockRestarts = 0;
  /** Hot statement texts in the engine's placeholder style (see raw). */
  private rawTexts = new Map<string, string>();
  /** Parsed report values and report context words, by their stored text (see reportEvent). */
  private parsedReports = new LruMap<string, RasadEvent>(REPORT_CACHE_SIZE);
  private contextWords = new LruMap<string, string[]>(REPORT_CACHE_SIZE);

  /** A write transaction whose cache entries are kept only if it commits. */
  private async tx<T>(fn: (trx: Kysely<any>) => Promise<T>): Promise<T> {
    let learnt: Array<() => void> = [];
    const out = await this.dialect.transaction(async (trx) => {
      learnt = [];
      this.pending.set(trx, learnt);
      return fn(trx);
    });
    for (const f of learnt) f();
    if (this.placeCache.size > 100_000) this.placeCache.clear();
    if (this.actorCache.size > 100_000) this.actorCache.clear();
    return out;
  }

  private learn(trx: Kysely<any>, f: () => void): void {
    this.pending.get(trx)?.push(f);
  }

  constructor(
    readonly dialect: StoreDialect,
    readonly location: string,
  ) {
    this.engine = dialect.engine;
    this.db = dialect.db;
  }

  // ---------------------------------------------------------------------------------------
  // lifecycle

  async migrate(): Promise<void> {
    const run = async (db: Kysely<any>) => {
      const { error, results } = await new Migrator({ db, provider: migrationProvider(this.dialect) }).migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error');
        throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${(error as Error)?.message ?? error}`);
      }
    };
    if (this.dialect.engine === 'sqlite') {
      // Kysely does not wrap SQLite DDL in a transaction; SQLite supports it, so one
      // BEGIN IMMEDIATE makes the migration atomic and serialized across processes
      await this.dialect.transaction(run);
    } else {
      await run(this.db);
    }
  }

  async close(): Promise<void> {
    await this.dialect.close();
  }

  /** Engine self-check ('ok' when healthy). */
  integrityCheck(): Promise<string> {
    return this.dialect.integrityCheck();
  }

  private j(v: unknown): unknown {
    return this.dialect.toJson(v);
  }

  private pj<T = unknown>(v: unknown): T {
    return this.dialect.fromJson<T>(v);
  }

  /**
   * A report's stored values, parsed. A canonical event is reconciled again from all its
   * reports whenever one joins, so the same texts are parsed over and over: they are
   * remembered by the text itself (a re-extracted report under the same key has another
   * text, so nothing is served stale). Shared objects: callers must not modify them
   * (reconcile builds new ones, applyCorrections clones).
   */
  private reportEvent(values: unknown): RasadEvent {
    return typeof values === 'string' ? this.parsedReports.getOrMake(values, (v) => this.pj<RasadEvent>(v)) : this.pj<RasadEvent>(values);
  }

  // ---------------------------------------------------------------------------------------
  // documents

  async hasDocumentHash(hash: string): Promise<boolean> {
    const r = await this.db.selectFrom('documents').select('id').where('content_hash', '=', hash).executeTakeFirst();
    return !!r;
  }

  async saveDocumentResult(input: SaveDocumentInput): Promise<SaveResult> {
    const prep = this.prepareSave(input);
    const existing = await this.db.selectFrom('documents').select(['id', 'cluster_id']).where('content_hash', '=', prep.hash).executeTakeFirst();
    if (existing) return { status: 'duplicate', documentId: Number(existing.id), clusterId: Number(existing.cluster_id), eventKeys: [] };
    return this.lockedTx(await this.predictKeys([prep]), (trx, locks) => this.saveIn(trx, prep, locks));
  }

  /**
   * Saves several documents in ONE transaction (batch ingest): all of them or, if the process
   * dies or a save throws, none — never part of a document. Each is saved exactly as
   * `saveDocumentResult` would, in order, so later ones see the earlier ones; results are in
   * input order. A document already stored (or earlier in the batch) is a 'duplicate'.
   */
  async saveDocumentResults(inputs: SaveDocumentInput[]): Promise<SaveResult[]> {
    if (!inputs.length) return [];
    const preps = inputs.map((i) => this.prepareSave(i));
    return this.lockedTx(await this.predictKeys(preps), async (trx, locks) => {
      const out: SaveResult[] = [];
      for (const prep of preps) {
        const [existing] = await this.raw(trx, 'select id, cluster_id from documents where content_hash = ?', [prep.hash]);
        if (existing) out.push({ status: 'duplicate', documentId: Number(existing.id), clusterId: Number(existing.cluster_id), eventKeys: [] });
        else out.push(await this.saveIn(trx, prep, locks));
      }
      return out;
    });
  }

  /** What a save computes before its transaction (given by batch ingest, else computed here), and its lock keys. */
  private prepareSave(input: SaveDocumentInput) {
    const { doc, result } = input;
    const p = input.prepared ?? prepareDocument(input);
    const text = result.document.text ?? '';
    return { input, doc, result, text, hash: p.hash, fp: p.fp, title: p.title, docBody: p.docBody, sourceName: p.sourceName, prepared: p.reports };
  }

  /**
   * The lock keys saves will most likely need (PostgreSQL; see lock-keys.ts): SimHash bands,
   * the document clusters they join (read now, without locks: checked again inside), and the
   * new reports' own and candidate keys. A save that turns out to need more is retried.
   */
  private async predictKeys(preps: Array<ReturnType<SqlStore['prepareSave']>>): Promise<string[]> {
    if (!this.dialect.capabilities.keyLocks) return [];
    const keys = new Set<string>();
    for (const p of preps) {
      p.fp.bands.forEach((b, i) => keys.add(`band:${i}:${b}`));
      const clusters = [...new Set((await this.nearDuplicates(this.db, p.fp)).map((n) => n.cluster_id))];
      for (const c of clusters) keys.add(`d:${c}`);
      // a document that joins no cluster starts its own (a new id: its anchor keys need no lock)
      const clusterId = clusters.length ? Math.min(...clusters) : null;
      const lites = p.prepared.map((r) => this.preparedLite(r, clusterId ?? -1));
      for (const lite of lites) for (const k of [...pointKeys(lite), ...regionKeys(lite)]) if (clusterId != null || !k.startsWith('a:')) keys.add(k);
      // the neighbours as they are now: their groups are likely to be rewritten
      if (lites.length) for (const c of await this.candidates(this.db, lites)) for (const k of pointKeys(this.lite(c))) keys.add(k);
    }
    return [...keys];
  }

  /** A prepared (not yet stored) report as clustering sees it. */
  private preparedLite(p: PreparedReport, clusterId: number, documentId = -1): ReportLite {
    const d = p.ev.date;
    const start = isDate(d?.start) ? d.start : null;
    return {
      key: p.key,
      documentId,
      docClusterId: clusterId,
      type: p.ev.event_type,
      start,
      end: isDate(d?.end) ? d.end : start,
      lat: p.ev.location?.lat ?? null,
      lon: p.ev.location?.lon ?? null,
      locKey: p.locKey,
      actor1: p.ev.actor1?.id ?? null,
      actor2: p.ev.actor2?.id ?? null,
      actorIds: p.actorIds,
      anchor: p.anchor,
    };
  }

  /**
   * A write transaction holding advisory locks on `keys` (PostgreSQL), started again holding
   * more when `fn` finds it needs keys it does not hold (NeedLocks, see lock-keys.ts). All
   * locks are taken at the start, in one sorted batch.
   */
  private async lockedTx<T>(keys: Iterable<string>, fn: (trx: Kysely<any>, locks: LockSet) => Promise<T>): Promise<T> {
    const enforce = this.dialect.capabilities.keyLocks;
    const held = new Set<string>(enforce ? keys : []);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tx(async (trx) => {
          const locks = new LockSet(held, enforce);
          if (enforce && held.size) await this.dialect.lockKeys(trx, [...held]);
          return fn(trx, locks);
        });
      } catch (e) {
        if (!(e instanceof NeedLocks) || attempt >= 50) throw e;
        for (const k of e.keys) held.add(k);
        if (process.env.RASAD_DEBUG_LOCKS) process.stderr.write(`rasad: restart for ${e.keys.length} lock(s): ${e.keys.slice(0, 4).join(' | ')}\n`);
        this.lockRestarts++;
      }
    }
  }

  /** The transactional part of a save (locks already held). */
  private async saveIn(trx: Kysely<any>, prep: ReturnType<SqlStore['prepareSave']>, locks: LockSet): Promise<SaveResult> {
    const { input, doc, result, text, hash, fp, title, docBody, sourceName, prepared } = prep;
    {
      const sourceId = await this.sourceId(trx, sourceName, input.sourceUrl ?? null);
      const near = await this.nearDuplicates(trx, fp);
      locks.need(near.map((n) => `d:${n.cluster_id}`));
      const ts = now();
      const docRow = {
        doc_id: String(doc.id ?? result.document.id ?? hash.slice(0, 16)),
        source_id: sourceId,
        title,
        published: result.document.published ?? doc.published ?? null,
        url: doc.url ?? result.document.url ?? null,
        language: result.document.language ?? null,
        content_hash: hash,
        simhash: fp.hex,
        sh0: fp.bands[0],
        sh1: fp.bands[1],
        sh2: fp.bands[2],
        sh3: fp.bands[3],
        word_count: fp.words,
        cluster_id: null,
        raw: doc.raw ?? doc.html ?? doc.text ?? null,
        cleaned: text,
        created_at: ts,
        updated_at: ts,
      };
      const cols = Object.keys(docRow) as Array<keyof typeof docRow>;
      const [inserted] = await this.raw<{ id: number }>(
        trx,
        `insert into documents (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')}) on conflict (content_hash) do nothing returning id`,
        cols.map((c) => docRow[c]),
      );
      if (!inserted) {
        // a concurrent writer stored the same content first
        const other = await trx.selectFrom('documents').select(['id', 'cluster_id']).where('content_hash', '=', hash).executeTakeFirstOrThrow();
        return { status: 'duplicate', documentId: Number(other.id), clusterId: Number(other.cluster_id), eventKeys: [] } as SaveResult;
      }
      const documentId = Number(inserted.id);
      const clusters = [...new Set(near.map((n) => n.cluster_id))].sort((a, b) => a - b);
      const clusterId = clusters.length ? clusters[0] : documentId;
      if (!clusters.length) locks.newClusters.add(documentId);
      await this.raw(trx, 'update documents set cluster_id = ? where id = ?', [clusterId, documentId]);
      let extraSeeds: ReportRow[] = [];
      if (clusters.length > 1) {
        // this document bridges clusters: merge them, and re-cluster their reports (copy rule)
        await trx.updateTable('documents').set({ cluster_id: clusterId }).where('cluster_id', 'in', clusters).execute();
        await trx.updateTable('event_documents').set({ doc_cluster_id: clusterId }).where('doc_cluster_id', 'in', clusters).execute();
        extraSeeds = await this.reportsWhere(trx, (eb) => eb('r.doc_cluster_id', '=', clusterId));
        // their copy-rule keys under the clusters they had (recluster checks the new ones)
        if (locks.enforce) locks.need(extraSeeds.flatMap((r) => clusters.flatMap((c) => pointKeys({ ...this.lite(r), docClusterId: c }))));
      }
      await this.dialect.setDocumentText(trx, documentId, docBody, true);
      const { rows, seeds } = this.reportRows(documentId, clusterId, prepared);
      // merged document clusters change source counts: rewrite even unchanged groups then;
      // keys of a new document's reports are new: no correction or review can name them yet
      const newKeys = new Set(seeds.map((r) => r.event_key));
      const clustered = await this.recluster(trx, [...seeds, ...extraSeeds], [], [], extraSeeds.length > 0, newKeys, newKeys, locks);
      await this.insertReports(trx, rows, clustered);
      const eventKeys = [...new Set(seeds.map((r) => clustered.keyMap.get(r.event_key)!).filter(Boolean))];
      return { status: near.length ? 'near-duplicate' : 'inserted', documentId, clusterId, eventKeys } as SaveResult;
    }
  }

  private async sourceId(trx: Kysely<any>, name: string, url: string | null): Promise<number> {
    const cached = this.sourceCache.get(name);
    if (cached !== undefined) return cached;
    let row = await trx.selectFrom('sources').select('id').where('name', '=', name).executeTakeFirst();
    if (!row) {
      await trx.insertInto('sources').values({ name, url, created_at: now() }).onConflict((oc) => oc.column('name').doNothing()).execute();
      row = await trx.selectFrom('sources').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    }
    const id = Number(row!.id);
    this.learn(trx, () => this.sourceCache.set(name, id));
    return id;
  }

  /** Stored documents within NEAR_DUPLICATE_DISTANCE bits (band lookup, then exact distance). */
  private async nearDuplicates(trx: Kysely<any>, fp: Fingerprint): Promise<Array<{ id: number; cluster_id: number }>> {
    if (fp.words < MIN_WORDS_FOR_SIMHASH) return [];
    const rows = await this.raw<{ id: number; cluster_id: number | null; simhash: string; word_count: number }>(
      trx,
      'select id, cluster_id, simhash, word_count from documents where sh0 = ? or sh1 = ? or sh2 = ? or sh3 = ?',
      fp.bands,
    );
    return rows
      .filter((r) => Number(r.word_count) >= MIN_WORDS_FOR_SIMHASH && hammingDistance(r.simhash, fp.hex) <= NEAR_DUPLICATE_DISTANCE)
      .map((r) => ({ id: Number(r.id), cluster_id: Number(r.cluster_id ?? r.id) }));
  }

  /**
   * A document's reports as table rows and as clustering rows. They are clustered first and
   * inserted afterwards with their canonical event id (one write per report); until then
   * they carry negative placeholder ids.
   */
  private reportRows(documentId: number, clusterId: number, prepared: PreparedReport[]) {
    const ts = now();
    const rows = prepared.map((p) => ({
      event_key: p.key,
      event_id: null as number | null,
      document_id: documentId,
      doc_cluster_id: clusterId,
      ordinal: p.ordinal,
      local_id: p.ev.id ?? null,
      event_type: p.ev.event_type,
      date_start: isDate(p.ev.date?.start) ? p.ev.date.start : null,
      date_end: isDate(p.ev.date?.end) ? p.ev.date.end : isDate(p.ev.date?.start) ? p.ev.date.start : null,
      lat: p.ev.location?.lat ?? null,
      lon: p.ev.location?.lon ?? null,
      loc_key: p.locKey,
      cell: cellOf(p.ev.location?.lat ?? null, p.ev.location?.lon ?? null),
      long_span: (spanOfDates(p.ev.date?.start, p.ev.date?.end) ?? 0) > SHORT_SPAN_DAYS ? 1 : 0,
      actor1_id: p.ev.actor1?.id ?? null,
      actor2_id: p.ev.actor2?.id ?? null,
      actor_ids: this.j(p.actorIds),
      anchor: p.anchor,
      is_leader: 0,
      pref_leader: null as string | null,
      confidence: typeof p.ev.confidence === 'number' ? p.ev.confidence : 0,
      evidence: this.j(p.evidence),
      evidence_text: this.j(p.evidenceText),
      context_text: p.context,
      event_values: this.j(p.ev),
      created_at: ts,
    }));
    const seeds: ReportRow[] = rows.map((r, i) => ({
      id: -(i + 1),
      event_key: r.event_key,
      event_id: null,
      document_id: documentId,
      doc_cluster_id: clusterId,
      event_type: r.event_type,
      date_start: r.date_start,
      date_end: r.date_end,
      lat: r.lat,
      lon: r.lon,
      loc_key: r.loc_key,
      actor1_id: r.actor1_id,
      actor2_id: r.actor2_id,
      actor_ids: this.dialect.asRead(prepared[i].actorIds),
      anchor: r.anchor,
      is_leader: 0,
      pref_leader: null,
      confidence: r.confidence,
      event_values: this.dialect.asRead(prepared[i].ev),
      context_text: r.context_text,
    }));
    return { rows, seeds };
  }

  /** Inserts new reports with the canonical event ids and roles clustering gave them. */
  private async insertReports(trx: Kysely<any>, rows: ReturnType<SqlStore['reportRows']>['rows'], c: Reclustered): Promise<void> {
    for (const r of rows) {
      r.event_id = c.eventIds.get(r.event_key) ?? null;
      const role = c.roles.get(r.event_key);
      r.is_leader = role?.is_leader ?? 0;
      r.pref_leader = role?.pref_leader ?? null;
    }
    for (const part of chunk(rows, 50)) await this.insertRows(trx, 'event_documents', part);
  }

  /**
   * Runs a hot statement as plain SQL with `?` placeholders (numbered for PostgreSQL), skipping
   * the query builder: the save path issues a dozen statements per document, and building them
   * cost more than running them. Texts are cached, so each is prepared once (SQLite).
   */
  private async raw<R = any>(trx: Kysely<any>, text: string, params: readonly unknown[]): Promise<R[]> {
    let t = this.rawTexts.get(text);
    if (t === undefined) {
      let n = 0;
      t = this.engine === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
      if (this.rawTexts.size > 2000) this.rawTexts.clear();
      this.rawTexts.set(text, t);
    }
    return (await trx.executeQuery<R>(CompiledQuery.raw(t, params as unknown[]))).rows;
  }

  /** A multi-row INSERT of rows that all have the same keys (in the same order). */
  private async insertRows(trx: Kysely<any>, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
    if (!rows.length) return;
    const cols = Object.keys(rows[0]);
    const tuple = `(${cols.map(() => '?').join(', ')})`;
    const params: unknown[] = [];
    for (const r of rows) for (const c of cols) params.push(r[c] ?? null);
    await this.raw(trx, `insert into ${table} (${cols.join(', ')}) values ${rows.map(() => tuple).join(', ')}`, params);
  }

  /** Reports whose `column` is one of `values` (chunked); `lite` as in reportsWhere. */
  private async reportsIn(trx: Kysely<any>, column: 'pref_leader' | 'event_key' | 'id', values: readonly (string | number)[], lite = false): Promise<ReportRow[]> {
    const out: ReportRow[] = [];
    const cols = lite ? REPORT_LITE_SQL : REPORT_SQL;
    for (const part of chunk([...values], 500)) {
      if (!part.length) continue;
      out.push(...(await this.raw<ReportRow>(trx, `select ${cols} from event_documents r where r.${column} in (${part.map(() => '?').join(',')})`, part)));
    }
    return out;
  }

  /** Reports matching a condition; `lite` rows lack confidence, values and context (filled in later). */
  private reportsWhere(trx: Kysely<any>, where: (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>, lite = false): Promise<ReportRow[]> {
    return trx
      .selectFrom('event_documents as r')
      .select((lite ? REPORT_LITE_COLUMNS : REPORT_COLUMNS) as any)
      .where(where)
      .execute() as Promise<ReportRow[]>;
  }

  /** A stored report as the clustering sees it (also used by the conformance suite's reference clustering). */
  lite(r: ReportRow): ReportLite {
    return {
      key: r.event_key,
      documentId: Number(r.document_id),
      docClusterId: Number(r.doc_cluster_id),
      type: r.event_type,
      start: r.date_start,
      end: r.date_end,
      lat: r.lat == null ? null : Number(r.lat),
      lon: r.lon == null ? null : Number(r.lon),
      locKey: r.loc_key,
      actor1: r.actor1_id,
      actor2: r.actor2_id,
      actorIds: this.pj<string[]>(r.actor_ids) ?? [],
      anchor: r.anchor,
    };
  }

  /**
   * Re-groups the neighbourhood of what changed (leader clustering, src/merge/cluster.ts):
   * `changed` reports (new ones, not yet stored, are listed in `unsaved`) and `removed`
   * ones (already deleted). Leader status can change only for them and their neighbours
   * (S1), preferences only for S1 and its neighbours (S2); the groups of every leader
   * involved are rebuilt with all their followers, and the canonical events rewritten.
   * Three rounds of batched candidate queries, whatever the size of the data.
   */
  private async recluster(
    trx: Kysely<any>,
    changed: ReportRow[],
    removed: ReportRow[],
    extraOldEventIds: number[],
    force = false,
    newKeys?: Set<string>,
    unsaved: Set<string> = newKeys ?? new Set(),
    locks: LockSet = NO_LOCKS,
  ): Promise<Reclustered> {
    // the candidate regions searched (their lock keys are checked before anything is written)
    const searched: ReportLite[] = [];
    // reports read by key (leader, preference), not found through a searched region
    const lookedUp = new Set<string>();
    const rows = new Map<string, ReportRow>();
    const lites = new Map<string, ReportLite>();
    const add = (r: ReportRow) => {
      if (rows.has(r.event_key)) return;
      rows.set(r.event_key, r);
      lites.set(r.event_key, this.lite(r));
    };
    for (const r of changed) add(r);
    // a re-extracted report may come back under the same key (same anchor): then it is not gone
    const comingBack = new Set(changed.map((r) => r.event_key));
    const removedKeys = new Set(removed.map((r) => r.event_key).filter((k) => !comingBack.has(k)));
    const unsavedLites = changed.filter((r) => unsaved.has(r.event_key)).map((r) => lites.get(r.event_key)!);
    const nb = new Map<string, Set<string>>();
    // neighbours of each report: DB candidates (a superset) plus the unsaved reports, checked
    const expand = async (xs: ReportLite[], out: Map<string, Set<string>> = nb) => {
      const todo = xs.filter((x) => !out.has(x.key));
      if (!todo.length) return;
      if (locks.enforce) searched.push(...todo);
      const pool = [...unsavedLites];
      for (const part of chunk(todo, 100)) {
        for (const c of await this.candidates(trx, part)) {
          if (removedKeys.has(c.event_key)) continue;
          add(c);
          pool.push(lites.get(c.event_key)!);
        }
      }
      for (const x of todo) {
        const set = new Set<string>();
        for (const c of pool) if (c.key !== x.key && compatible(x, c)) set.add(c.key);
        out.set(x.key, set);
      }
    };
    const L = (k: string) => lites.get(k)!;
    const removedLites = removed.map((r) => this.lite(r));
    const changedKeys = new Set(changed.map((r) => r.event_key));
    const storedLeader = (k: string) => !unsaved.has(k) && Number(rows.get(k)?.is_leader) === 1;
    const storedPref = (k: string) => (unsaved.has(k) ? null : (rows.get(k)?.pref_leader ?? null));

    // round 1: neighbourhoods of what changed
    // (the old neighbourhoods of removed reports go to their own map: a report that comes
    // back under the same key has a new one)
    const removedNb = new Map<string, Set<string>>();
    await expand(changed.map((r) => L(r.event_key)));
    await expand(removedLites, removedNb);
    const s1 = new Set<string>(changedKeys);
    const nearRemoved = new Set<string>();
    for (const k of changedKeys) for (const n of nb.get(k)!) s1.add(n);
    for (const r of removedLites) for (const n of removedNb.get(r.key)!) if (n !== r.key) (s1.add(n), nearRemoved.add(n));
    // losing a neighbour can promote a report: those need their whole neighbourhood
    await expand([...nearRemoved].map(L));

    // leader status in S1. Gaining neighbours only ever demotes, so without removals a
    // report stays a leader unless a new neighbour has a smaller key (no query needed)
    const status = new Map<string, boolean>();
    for (const k of s1) {
      if (nb.has(k)) status.set(k, isLeader(L(k), [...nb.get(k)!].map(L)));
      else {
        let lead = storedLeader(k);
        for (const c of changedKeys) if (lead && c < k && nb.get(c)!.has(k)) lead = false;
        status.set(k, lead);
      }
    }
    const isL = (k: string) => !removedKeys.has(k) && (status.has(k) ? status.get(k)! : Number(rows.get(k)?.is_leader) === 1);
    const demoted = [...s1].filter((k) => storedLeader(k) && !isL(k));
    const promoted = [...s1].filter((k) => !unsaved.has(k) && !storedLeader(k) && isL(k));
    const lost = new Set<string>([...demoted, ...removed.filter((r) => Number(r.is_leader) === 1).map((r) => r.event_key)]);

    // S2: reports whose preferred leader may change
    const s2 = new Set(s1);
    for (const part of chunk([...lost], 500)) {
      for (const f of await this.reportsIn(trx, 'pref_leader', part, true)) {
        if (removedKeys.has(f.event_key)) continue;
        lookedUp.add(f.event_key);
        add(f);
        s2.add(f.event_key);
      }
    }
    for (const k of promoted) for (const n of nb.get(k)!) s2.add(n);
    // whoever lost its leader, or its leadership, needs its whole neighbourhood
    await expand([...s2].filter((k) => !nb.has(k) && (lost.has(k) || lost.has(storedPref(k) ?? ''))).map(L));

    // the leaders S2 reports chose before (compared against the new ones below)
    const missingPrefs = [...new Set([...s2].map(storedPref).filter((k): k is string => !!k && !rows.has(k) && !removedKeys.has(k)))];
    for (const r of await this.reportsIn(trx, 'event_key', missingPrefs, true)) (add(r), lookedUp.add(r.event_key));
    const newLeaders = [...changedKeys, ...promoted].filter((k) => isL(k) && nb.has(k));
    const pref = new Map<string, string | null>();
    for (const k of s2) {
      if (isL(k)) {
        pref.set(k, null);
        continue;
      }
      let options: ReportLite[];
      if (nb.has(k)) options = [...nb.get(k)!].filter(isL).map(L);
      else {
        // the old choice still stands against everything but the new leaders next to it
        const old = storedPref(k);
        options = old && rows.has(old) && isL(old) ? [L(old)] : [];
        for (const l of newLeaders) if (nb.get(l)!.has(k)) options.push(L(l));
      }
      pref.set(k, preferredLeader(L(k), options)?.key ?? null);
    }
    const prefOf = (k: string) => (pref.has(k) ? pref.get(k)! : storedPref(k));

    // leaders whose groups change, and all their followers
    const affected = new Set<string>();
    for (const k of s2) {
      const old = storedPref(k);
      if (old) affected.add(old);
      if (pref.get(k)) affected.add(pref.get(k)!);
      if (isL(k) || storedLeader(k)) affected.add(k);
    }
    for (const part of chunk([...affected], 500)) {
      for (const f of await this.reportsIn(trx, 'pref_leader', part, true)) if (!removedKeys.has(f.event_key)) (add(f), lookedUp.add(f.event_key));
    }
    const involved = new Set<string>([...s2]);
    for (const [k, r] of rows) if (r.pref_leader && affected.has(r.pref_leader)) involved.add(k);
    for (const k of affected) if (rows.has(k)) involved.add(k);

    const followers = new Map<string, ReportLite[]>();
    for (const k of involved) {
      if (isL(k)) continue;
      const p = prefOf(k);
      if (p && rows.has(p) && isL(p)) followers.set(p, [...(followers.get(p) ?? []), L(k)]);
    }
    const groups: ReportRow[][] = [];
    const placed = new Set<string>();
    for (const k of [...involved].sort()) {
      if (!isL(k)) continue;
      const { members } = resolveGroup(L(k), followers.get(k) ?? []);
      groups.push(members.map((m) => rows.get(m.key)!));
      for (const m of members) placed.add(m.key);
    }
    for (const k of [...involved].sort()) if (!placed.has(k)) groups.push([rows.get(k)!]);

    // stored roles that changed; new reports get theirs at insert
    const roles = new Map<string, { is_leader: number; pref_leader: string | null }>();
    const updates = new Map<string, string[]>();
    for (const k of s2) {
      const role = { is_leader: isL(k) ? 1 : 0, pref_leader: pref.get(k) ?? null };
      roles.set(k, role);
      const r = rows.get(k)!;
      if (unsaved.has(k) || (Number(r.is_leader) === role.is_leader && (r.pref_leader ?? null) === role.pref_leader)) continue;
      const sig = JSON.stringify([role.is_leader, role.pref_leader]);
      updates.set(sig, [...(updates.get(sig) ?? []), k]);
    }
    // every key this transaction needs must be held before it writes (else it starts again
    // holding them, see lock-keys.ts): the regions it searched; every key of each report it
    // writes (new, removed, role changed, or in a group whose canonical event is rewritten);
    // one key of each report it read by key rather than by region
    if (locks.enforce) {
      const keys = new Set<string>();
      for (const x of searched) for (const k of regionKeys(x)) keys.add(k);
      const written = new Set<string>([...unsaved, ...[...updates.values()].flat()]);
      for (const g of changedGroups(groups, force, new Set(extraOldEventIds))) for (const r of g) written.add(r.event_key);
      for (const k of written) if (lites.has(k)) for (const x of pointKeys(L(k))) keys.add(x);
      for (const x of removedLites) for (const k of pointKeys(x)) keys.add(k);
      for (const k of lookedUp) if (!written.has(k) && lites.has(k)) keys.add(pointKeys(L(k))[0]);
      locks.need(keys);
    }
    for (const [sig, keys] of updates) {
      const [isLeaderFlag, prefLeader] = JSON.parse(sig) as [number, string | null];
      for (const part of chunk(keys, 500)) await this.raw(trx, `update event_documents set is_leader = ?, pref_leader = ? where event_key in (${part.map(() => '?').join(',')})`, [isLeaderFlag, prefLeader, ...part]);
    }

    const oldEventIds = new Set<number>(extraOldEventIds);
    for (const g of groups) for (const r of g) if (r.event_id != null) oldEventIds.add(Number(r.event_id));
    const written = await this.writeGroups(trx, groups, oldEventIds, force, newKeys, unsaved, new Set(extraOldEventIds));
    return { ...written, roles };
  }

  /**
   * Reports that may be compatible with any of `rs`: a superset, in one indexed query (the
   * caller checks compatibility). A compatible dated report has the same type, starts within
   * [start − 1 − its own span, end + 1] — at most SHORT_SPAN_DAYS for short reports (nearly
   * all), MAX_SPAN_DAYS for long ones — and lies in a neighbouring grid cell or has the same
   * place name; a copy shares type, anchor and document cluster.
   */
  private async candidates(trx: Kysely<any>, rs: ReportLite[]): Promise<ReportRow[]> {
    const terms: string[] = [];
    const params: unknown[] = [];
    const seen = new Set<string>();
    const term = (text: string, ps: unknown[]) => {
      const k = text + JSON.stringify(ps);
      if (seen.has(k)) return;
      seen.add(k);
      terms.push(text);
      params.push(...ps);
    };
    for (const r of rs) {
      if (datable(r)) {
        const lastStart = addDays(r.end!, DATE_SLACK_DAYS);
        const firstEnd = addDays(r.start!, -DATE_SLACK_DAYS);
        for (const long of [0, 1] as const) {
          const firstStart = addDays(r.start!, -DATE_SLACK_DAYS - (long ? MAX_SPAN_DAYS : SHORT_SPAN_DAYS));
          const cells = neighbourCells(r.lat, r.lon);
          const window = 'r.long_span = ? and r.date_start >= ? and r.date_start <= ? and r.date_end >= ?';
          term(`(r.event_type = ? and r.cell in (${cells.map(() => '?').join(',')}) and ${window})`, [r.type, ...cells, long, firstStart, lastStart, firstEnd]);
          if (r.locKey !== '') term(`(r.event_type = ? and r.loc_key = ? and ${window})`, [r.type, r.locKey, long, firstStart, lastStart, firstEnd]);
        }
      }
      if (r.anchor !== '') term('(r.event_type = ? and r.anchor = ? and r.doc_cluster_id = ?)', [r.type, r.anchor, r.docClusterId]);
    }
    if (!terms.length) return [];
    return this.raw<ReportRow>(trx, `select ${REPORT_LITE_SQL} from event_documents r where ${terms.join(' or ')}`, params);
  }

  /**
   * Rewrites canonical events for the given groups of reports; deletes old ones not reused.
   * A group whose members are exactly an existing event's is left as it is, unless `force`
   * (a correction or review changed it).
   */
  private async writeGroups(
    trx: Kysely<any>,
    groups: ReportRow[][],
    oldEventIds: Set<number>,
    force = false,
    newKeys?: Set<string>,
    unsaved: Set<string> = new Set(),
    dirtyEventIds: Set<number> = new Set(),
  ): Promise<{ keyMap: Map<string, string>; eventIds: Map<string, number> }> {
    const keyMap = new Map<string, string>();
    const eventIds = new Map<string, number>();
    const rewrite = new Set(changedGroups(groups, force, dirtyEventIds));
    const keep = new Set<number>();
    const changed: ReportRow[][] = [];
    for (const g of groups) {
      if (!g.length) continue;
      if (!rewrite.has(g)) {
        keep.add(Number(g[0].event_id));
        const min = g.reduce((a, b) => (b.event_key < a.event_key ? b : a)).event_key;
        for (const r of g) {
          keyMap.set(r.event_key, min);
          eventIds.set(r.event_key, Number(g[0].event_id));
        }
      } else changed.push(g);
    }
    // rows were read lite during the search: fetch values for the groups being rewritten
    const missing = changed.flat().filter((r) => r.event_values === undefined).map((r) => r.id);
    if (missing.length) {
      const full = new Map<number, ReportRow>();
      for (const r of await this.reportsIn(trx, 'id', missing)) full.set(r.id, r);
      for (let g = 0; g < changed.length; g++) changed[g] = changed[g].map((r) => full.get(r.id) ?? r);
    }
    groups = changed;
    const allKeys = groups.flat().map((r) => r.event_key);
    const { corrections, reviews } = await this.analystState(trx, newKeys ? allKeys.filter((k) => !newKeys.has(k)) : allKeys);
    const existing = new Set<string>();
    for (const part of chunk([...oldEventIds], 500)) {
      for (const e of await this.raw(trx, `select event_key from events where id in (${part.map(() => '?').join(',')})`, part)) existing.add(e.event_key);
    }
    for (const group of groups) {
      const sorted = [...group].sort((a, b) => (a.event_key < b.event_key ? -1 : 1));
      const canonicalKey = sorted[0].event_key;
      const id = await this.writeCanonical(trx, canonicalKey, sorted, corrections, reviews, !existing.has(canonicalKey));
      keep.add(id);
      for (const r of sorted) {
        keyMap.set(r.event_key, canonicalKey);
        eventIds.set(r.event_key, id);
      }
      // only stored reports that move (from a merged or split event) are written here; new
      // ones are inserted by the caller with their event id
      const keys = sorted.filter((r) => !unsaved.has(r.event_key) && (r.event_id == null || Number(r.event_id) !== id)).map((r) => r.event_key);
      for (const part of chunk(keys, 500)) await this.raw(trx, `update event_documents set event_id = ? where event_key in (${part.map(() => '?').join(',')})`, [id, ...part]);
    }
    const stale = [...oldEventIds].filter((id) => !keep.has(id));
    if (stale.length) {
      await this.dialect.deleteEventText(trx, stale);
      for (const part of chunk(stale, 500)) {
        await trx.updateTable('event_documents').set({ event_id: null }).where('event_id', 'in', part).execute();
        await trx.deleteFrom('event_actors').where('event_id', 'in', part).execute();
        await trx.deleteFrom('events').where('id', 'in', part).execute();
      }
    }
    return { keyMap, eventIds };
  }

  /** Corrections (by key, in id order) and latest reviews for the given report keys. */
  private async analystState(trx: Kysely<any>, keys: string[]) {
    const corrections = new Map<string, Correction[]>();
    const reviews = new Map<string, ReviewState & { id: number }>();
    for (const part of chunk(keys, 500)) {
      if (!part.length) continue;
      const marks = part.map(() => '?').join(',');
      for (const c of await this.raw(trx, `select * from corrections where event_key in (${marks}) order by id`, part)) {
        const list = corrections.get(c.event_key) ?? [];
        list.push(this.correctionRow(c));
        corrections.set(c.event_key, list);
      }
      for (const r of await this.raw(trx, `select * from reviews where event_key in (${marks}) order by id`, part)) {
        reviews.set(r.event_key, { id: Number(r.id), status: r.status, who: r.who, at: r.created_at });
      }
    }
    return { corrections, reviews };
  }

  /** Reconciles, applies corrections and upserts one canonical event; returns its row id. */
  private async writeCanonical(
    trx: Kysely<any>,
    canonicalKey: string,
    reports: ReportRow[],
    corrections: Map<string, Correction[]>,
    reviews: Map<string, ReviewState & { id: number }>,
    isNew: boolean,
  ): Promise<number> {
    const forReconcile = reports.map((r) => ({ key: r.event_key, docClusterId: Number(r.doc_cluster_id), event: this.reportEvent(r.event_values) }));
    const reconciled = reconcile(forReconcile);
    const cs = reports.flatMap((r) => corrections.get(r.event_key) ?? []);
    const { event, corrected, original } = applyCorrections(reconciled, cs);
    let review: (ReviewState & { id: number }) | null = null;
    for (const r of reports) {
      const rv = reviews.get(r.event_key);
      if (rv && (!review || rv.id > review.id)) review = rv;
    }
    const reconciledDate = JSON.stringify(reconciled.date);
    const primaryAt = forReconcile.findIndex((f) => JSON.stringify(f.event.date) === reconciledDate);
    const primaryKey = reports[primaryAt >= 0 ? primaryAt : 0].document_id;
    const loc = event.location;
    const placeId = loc ? await this.placeId(trx, loc) : null;
    await this.upsertActors(trx, event);
    const extra: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(event)) if (!KNOWN_EVENT_KEYS.has(k) && v !== undefined) extra[k] = v;
    const ts = now();
    const row: Record<string, unknown> = {
      event_type: event.event_type,
      sub_event_type: event.sub_event_type ?? '',
      date_start: isDate(event.date?.start) ? event.date.start : null,
      date_end: isDate(event.date?.end) ? event.date.end : isDate(event.date?.start) ? event.date.start : null,
      date_precision: event.date?.precision ?? 'unknown',
      date_text: event.date?.text ?? null,
      sort_date: isDate(event.date?.start) ? event.date.start : UNDATED,
      hours: this.j(event.hours ?? null),
      loc_text: loc ? (loc.text ?? '') : null,
      loc_name: loc?.name ?? null,
      loc_name_ar: loc?.name_ar ?? null,
      country: loc?.country ?? null,
      admin1: loc?.admin1 ?? null,
      admin2: loc?.admin2 ?? null,
      lat: typeof loc?.lat === 'number' ? loc.lat : null,
      lon: typeof loc?.lon === 'number' ? loc.lon : null,
      geo_precision: loc?.geo_precision ?? null,
      geonames_id: loc?.geonames_id ?? null,
      place_id: placeId,
      actor1_id: event.actor1?.id ?? null,
      actor2_id: event.actor2?.id ?? null,
      actor1: this.j(event.actor1 ?? null),
      actor2: this.j(event.actor2 ?? null),
      assoc_actor1: this.j(event.assoc_actor1 ?? []),
      assoc_actor2: this.j(event.assoc_actor2 ?? []),
      actors_norm: actorsNorm(event),
      fatalities: intOrNull(event.fatalities),
      fatalities_sort: intOrNull(event.fatalities) ?? -1,
      injured: intOrNull(event.injured),
      detained: intOrNull(event.detained),
      displaced: intOrNull(event.displaced),
      fatalities_vague: this.j(event.fatalities_vague ?? null),
      evidence: this.j(event.evidence ?? []),
      extra: this.j(Object.keys(extra).length ? extra : null),
      primary_document_id: primaryKey,
      confidence: typeof event.confidence === 'number' ? event.confidence : 0,
      report_count: reports.length,
      source_count: new Set(reports.map((r) => Number(r.doc_cluster_id))).size,
      corrected: corrected ? 1 : 0,
      original: this.j(corrected ? original : null),
      review_status: review?.status ?? null,
      review_who: review?.who ?? null,
      review_at: review?.at ?? null,
      updated_at: ts,
    };
    await this.noteSpan(trx, row.date_start as string | null, row.date_end as string | null);
    const [res] = await this.raw<{ id: number }>(trx, EVENT_UPSERT_SQL, [...EVENT_WRITE_COLUMNS.map((c) => row[c] ?? null), canonicalKey, ts]);
    const id = Number(res.id);
    if (!isNew) await this.raw(trx, 'delete from event_actors where event_id = ?', [id]);
    const links: Array<{ event_id: number; actor_id: string; role: string }> = [];
    const seen = new Set<string>();
    const link = (a: Actor | null | undefined, role: string) => {
      if (!a?.id || seen.has(a.id + '|' + role)) return;
      seen.add(a.id + '|' + role);
      links.push({ event_id: id, actor_id: a.id, role });
    };
    link(event.actor1, 'actor1');
    link(event.actor2, 'actor2');
    for (const a of event.assoc_actor1 ?? []) link(a, 'assoc1');
    for (const a of event.assoc_actor2 ?? []) link(a, 'assoc2');
    if (links.length) await this.raw(trx, `insert into event_actors (event_id, actor_id, role) values ${links.map(() => '(?, ?, ?)').join(', ')}`, links.flatMap((l) => [l.event_id, l.actor_id, l.role]));
    const names = [loc?.text, loc?.name, loc?.name_ar, actorsNorm(event)].filter(Boolean).join(' ');
    // report contexts are stored folded already: only the names need folding here; copies
    // repeat the same words, and matching needs each word once
    const words = new Set<string>();
    for (const r of reports) for (const w of this.contextWords.getOrMake(r.context_text, splitWords)) words.add(w);
    for (const w of ftsIndexBody(names).split(' ')) if (w) words.add(w);
    await this.dialect.setEventText(trx, id, [...words].join(' '), isNew);
    return id;
  }

  private async placeId(trx: Kysely<any>, loc: EventLocation): Promise<number | null> {
    const placeKey = loc.geonames_id ? `g:${loc.geonames_id}` : `n:${foldKey(loc.name_ar || loc.name || loc.text)}|${loc.country ?? ''}`;
    if (placeKey === 'n:|') return null;
    const cached = this.placeCache.get(placeKey);
    if (cached !== undefined) return cached;
    const found = await trx.selectFrom('places').select('id').where('place_key', '=', placeKey).executeTakeFirst();
    if (found) {
      this.learn(trx, () => this.placeCache.set(placeKey, Number(found.id)));
      return Number(found.id);
    }
    await trx
      .insertInto('places')
      .values({
        place_key: placeKey,
        name: loc.name ?? null,
        name_ar: loc.name_ar ?? null,
        country: loc.country ?? null,
        admin1: loc.admin1 ?? null,
        admin2: loc.admin2 ?? null,
        lat: typeof loc.lat === 'number' ? loc.lat : null,
        lon: typeof loc.lon === 'number' ? loc.lon : null,
        geonames_id: loc.geonames_id ?? null,
      })
      .onConflict((oc) => oc.column('place_key').doNothing())
      .execute();
    const row = await trx.selectFrom('places').select('id').where('place_key', '=', placeKey).executeTakeFirst();
    if (!row) return null;
    this.learn(trx, () => this.placeCache.set(placeKey, Number(row.id)));
    return Number(row.id);
  }

  private async upsertActors(trx: Kysely<any>, ev: RasadEvent): Promise<void> {
    const byId = new Map<string, Actor>();
    for (const a of [ev.actor1, ev.actor2, ...(ev.assoc_actor1 ?? []), ...(ev.assoc_actor2 ?? [])]) if (a?.id && !byId.has(a.id) && !this.actorCache.has(a.id)) byId.set(a.id, a);
    if (!byId.size) return;
    await trx
      .insertInto('actors')
      .values([...byId.values()].map((a) => ({ id: a.id, name: a.name ?? null, name_ar: a.name_ar ?? null, kind: a.kind ?? null })))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    this.learn(trx, () => {
      for (const id of byId.keys()) this.actorCache.add(id);
    });
  }

  async replaceDocumentEvents(documentId: number, result: ExtractionResult): Promise<{ eventKeys: string[] }> {
    const doc = await this.db.selectFrom('documents').select(['id', 'content_hash', 'cleaned', 'title', 'cluster_id']).where('id', '=', documentId).executeTakeFirst();
    if (!doc) throw new StoreError('not_found', `document ${documentId} not found`);
    const text = result.document.text ?? doc.cleaned;
    const prepared = prepareReports(doc.content_hash, text, result.events ?? []);
    // the keys of the old and new reports' neighbourhoods (see lock-keys.ts; more are taken on demand)
    const keys: string[] = [];
    if (this.dialect.capabilities.keyLocks) {
      const before = (await this.reportsWhere(this.db, (eb) => eb('r.document_id', '=', documentId), true)).map((r) => this.lite(r));
      const after = prepared.map((p) => this.preparedLite(p, Number(doc.cluster_id), documentId));
      for (const x of [...before, ...after]) keys.push(...pointKeys(x), ...regionKeys(x));
    }
    return this.lockedTx(keys, async (trx, locks) => {
      const old = await this.reportsWhere(trx, (eb) => eb('r.document_id', '=', documentId));
      const oldEventIds = [...new Set(old.map((r) => r.event_id).filter((x): x is number => x != null).map(Number))];
      await trx.deleteFrom('event_documents').where('document_id', '=', documentId).execute();
      if (text !== doc.cleaned) {
        await trx.updateTable('documents').set({ cleaned: text, language: result.document.language ?? null, updated_at: now() }).where('id', '=', documentId).execute();
        await this.dialect.setDocumentText(trx, documentId, `${ftsIndexBody(result.document.title ?? doc.title ?? '')} ${ftsIndexBody(text)}`, false);
      }
      const { rows, seeds: fresh } = this.reportRows(documentId, Number(doc.cluster_id), prepared);
      // keys may come back (same anchor): their corrections apply again, so no newKeys here
      const clustered = await this.recluster(trx, fresh, old, oldEventIds, false, undefined, new Set(fresh.map((r) => r.event_key)), locks);
      await this.insertReports(trx, rows, clustered);
      return { eventKeys: [...new Set(fresh.map((r) => clustered.keyMap.get(r.event_key)!).filter(Boolean))] };
    });
  }

  async *iterateDocuments(opts: { batchSize?: number } = {}): AsyncIterable<DocumentForReextract> {
    const batch = opts.batchSize ?? 100;
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('documents as d')
        .innerJoin('sources as s', 's.id', 'd.source_id')
        .select(['d.id', 'd.doc_id', 'd.content_hash', 'd.title', 'd.published', 'd.url', 'd.raw', 'd.cleaned', 's.name as source'])
        .where('d.id', '>', after)
        .orderBy('d.id')
        .limit(batch)
        .execute();
      if (!rows.length) return;
      for (const r of rows) {
        after = Number(r.id);
        const body: string = r.raw ?? r.cleaned;
        const input = {
          id: r.doc_id,
          ...(looksLikeHtml(body) ? { html: body } : { text: body }),
          title: r.title ?? undefined,
          published: r.published ?? undefined,
          url: r.url ?? undefined,
          source: r.source,
        };
        yield { documentId: Number(r.id), contentHash: r.content_hash, source: r.source, input };
      }
    }
  }

  async getDocument(id: number): Promise<StoredDocument | null> {
    const r = await this.db
      .selectFrom('documents as d')
      .innerJoin('sources as s', 's.id', 'd.source_id')
      .select(['d.id', 'd.doc_id', 'd.title', 'd.published', 'd.url', 'd.language', 'd.content_hash', 'd.simhash', 'd.cluster_id', 'd.cleaned', 'd.raw', 'd.created_at', 's.name as source'])
      .where('d.id', '=', id)
      .executeTakeFirst();
    if (!r) return null;
    const page = await this.queryEvents({ documentId: id, review: 'any' }, { limit: MAX_LIMIT, sort: 'id_asc' });
    return {
      id: Number(r.id),
      doc_id: r.doc_id,
      source: r.source,
      title: r.title,
      published: r.published,
      url: r.url,
      language: r.language,
      content_hash: r.content_hash,
      simhash: r.simhash,
      cluster_id: Number(r.cluster_id),
      text: r.cleaned,
      raw: r.raw,
      created_at: r.created_at,
      events: page.items,
    };
  }

  async searchDocuments(text: string, limit = 20): Promise<DocumentHit[]> {
    const ids = await this.dialect.documentTextIds(this.db, text, Math.min(limit, MAX_LIMIT));
    if (!ids.length) return [];
    const rows = await this.db
      .selectFrom('documents as d')
      .innerJoin('sources as s', 's.id', 'd.source_id')
      .select(['d.id', 'd.doc_id', 'd.title', 'd.published', 'd.url', 'd.cleaned', 's.name as source'])
      .where('d.id', 'in', ids)
      .execute();
    const groups = ftsQueryGroups(text);
    return rows
      .sort((a, b) => String(b.published ?? '').localeCompare(String(a.published ?? '')) || Number(b.id) - Number(a.id))
      .map((r) => ({ id: Number(r.id), doc_id: r.doc_id, title: r.title, published: r.published, url: r.url, source: r.source, snippet: snippet(r.cleaned, groups) }));
  }

  // ---------------------------------------------------------------------------------------
  // events

  /** Applies an EventFilter to a query over `events`. */
  private applyFilter<Q extends { where: (...a: any[]) => any }>(q: Q, f: EventFilter = {}, maxSpan: number | null = null): Q {
    return q.where((eb: ExpressionBuilder<any, any>) => {
      const c: Expression<SqlBool>[] = [];
      if (f.from) {
        c.push(eb('events.date_end', '>=', f.from));
        // no event spans more than maxSpan days: bounds the scan of the sort_date index
        if (maxSpan != null) c.push(eb('events.sort_date', '>=', addDays(f.from, -maxSpan)));
      }
      // undated events sort as UNDATED and never match a date filter
      if (f.to) c.push(eb('events.sort_date', '<=', f.to), eb('events.sort_date', '>', UNDATED));
      if (f.types?.length) c.push(eb('events.event_type', 'in', f.types));
      if (f.subTypes?.length) c.push(eb('events.sub_event_type', 'in', f.subTypes));
      if (f.actors?.length)
        c.push(eb.exists(eb.selectFrom('event_actors as ea').select(sql`1`.as('one')).whereRef('ea.event_id', '=', 'events.id').where('ea.actor_id', 'in', f.actors)));
      if (f.actorText?.trim()) c.push(eb('events.actors_norm', 'like', `%${normalizeArabic(f.actorText).toLowerCase().replace(/[%_]/g, '')}%`));
      if (f.countries?.length) c.push(eb('events.country', 'in', f.countries));
      if (f.admin1?.length) c.push(eb('events.admin1', 'in', f.admin1));
      if (f.admin2?.length) c.push(eb('events.admin2', 'in', f.admin2));
      if (f.bbox) {
        const [minLon, minLat, maxLon, maxLat] = f.bbox;
        c.push(eb('events.lat', '>=', minLat), eb('events.lat', '<=', maxLat), eb('events.lon', '>=', minLon), eb('events.lon', '<=', maxLon));
      }
      if (f.text?.trim()) {
        const t = this.dialect.eventTextCondition(eb, f.text);
        if (t) c.push(t);
      }
      if (f.minFatalities != null) c.push(f.minFatalities >= 0 ? eb('events.fatalities_sort', '>=', f.minFatalities) : eb('events.fatalities', '>=', f.minFatalities));
      if (f.sources?.length)
        c.push(
          eb.exists(
            eb
              .selectFrom('event_documents as sr')
              .innerJoin('documents as sd', 'sd.id', 'sr.document_id')
              .innerJoin('sources as ss', 'ss.id', 'sd.source_id')
              .select(sql`1`.as('one'))
              .whereRef('sr.event_id', '=', 'events.id')
              .where('ss.name', 'in', f.sources),
          ),
        );
      // a document has few events: drive from its reports (IN), not from every event (EXISTS)
      if (f.documentId != null) c.push(eb('events.id', 'in', eb.selectFrom('event_documents as dr').select('dr.event_id').where('dr.document_id', '=', f.documentId)));
      const review = f.review ?? 'default';
      if (review === 'default') c.push(eb.or([eb('events.review_status', 'is', null), eb('events.review_status', '!=', 'rejected')]));
      else if (review === 'unreviewed') c.push(eb('events.review_status', 'is', null));
      else if (review !== 'any') c.push(eb('events.review_status', '=', review));
      if (f.afterId != null) c.push(eb('events.id', '>', f.afterId));
      return eb.and(c);
    }) as Q;
  }

  /** The longest event span in days (a bound for date filters), or null when the filter has no start date. */
  private async maxSpanFor(f: EventFilter): Promise<number | null> {
    if (!f.from) return null;
    const r = await this.db.selectFrom('store_meta').select('value').where('key', '=', 'max_span_days').executeTakeFirst();
    return r ? Number(r.value) : null;
  }

  /** Raises the stored longest span when an event is longer (never lowers it: a safe bound). */
  private async noteSpan(trx: Kysely<any>, start: string | null, end: string | null): Promise<void> {
    if (!start || !end) return;
    const span = dayNumber(end) - dayNumber(start);
    if (span <= this.knownMaxSpan) return;
    const r = await trx.selectFrom('store_meta').select('value').where('key', '=', 'max_span_days').executeTakeFirst();
    const current = Number(r?.value ?? 0);
    if (span > current) await trx.updateTable('store_meta').set({ value: String(span) }).where('key', '=', 'max_span_days').execute();
    // known only once committed (a rolled-back or retried transaction must write it again)
    this.learn(trx, () => (this.knownMaxSpan = Math.max(this.knownMaxSpan, span, current)));
  }

  async queryEvents(filter: EventFilter = {}, page: PageRequest = {}): Promise<Page<StoredEvent>> {
    const limit = Math.max(1, Math.min(page.limit ?? 50, MAX_LIMIT));
    const sort = page.sort ?? 'date_desc';
    const maxSpan = await this.maxSpanFor(filter);
    const cur = page.cursor ? decodeCursor(page.cursor) : null;
    const offset = cur ? 0 : (page.offset ?? 0);
    const cap = Math.max(1, Math.min(Math.floor(page.totalCap ?? DEFAULT_TOTAL_CAP), MAX_TOTAL_CAP));
    // Totals: count at most cap + 1 matches (an index walk that stops early), never all of
    // them. PostgreSQL gives the count a time budget (countBudgetMs): a selective combination
    // can need most of the table walked to find cap + 1 matches. When the count hits the cap
    // or its budget, the planner's estimate (EXPLAIN, nothing executed) is reported instead,
    // flagged as not exact — what PostgREST's "estimated" count does.
    const countCapped = async (): Promise<{ n: number; estimate?: number }> => {
      const matches = this.applyFilter(this.db.selectFrom('events').select(sql`1`.as('one')), filter, maxSpan);
      const counted = (db: Kysely<any>) => db.selectFrom(matches.limit(cap + 1).as('m')).select((eb) => eb.fn.countAll().as('n'));
      if (this.engine !== 'postgres') return { n: Number((await counted(this.db).executeTakeFirst())?.n ?? 0) };
      const estimate = async () => {
        const c = matches.compile();
        const [plan] = (await this.db.executeQuery<any>(CompiledQuery.raw(`explain (format json) ${c.sql}`, [...c.parameters]))).rows;
        return Math.round(Number(plan?.['QUERY PLAN']?.[0]?.Plan?.['Plan Rows'] ?? 0));
      };
      let n: number;
      try {
        const budget = Math.max(1, Math.floor(this.countBudgetMs));
        const t = await this.db.transaction().execute(async (trx) => {
          await sql.raw(`set local statement_timeout = ${budget}`).execute(trx);
          return counted(trx).executeTakeFirst();
        });
        n = Number(t?.n ?? 0);
      } catch (e: any) {
        if (e?.code !== '57014') throw e; // query_canceled: over budget
        return { n: cap + 1, estimate: await estimate() };
      }
      return n > cap ? { n, estimate: Math.max(cap, await estimate()) } : { n };
    };
    // PostgreSQL: the count runs on another pooled connection while the page is read
    const counting = page.withTotal && this.engine === 'postgres' ? countCapped() : null;
    counting?.catch(() => undefined);
    let rows: any[];
    const frequent = filter.text?.trim() && this.dialect.textMatchIds ? await this.dialect.textMatchIds(this.db, filter.text, this.frequentTextMatches) : null;
    if (frequent) {
      // a very common word: walk the ordered index and keep rows whose id matched, instead
      // of fetching and sorting every match
      rows = await this.walkMatching({ ...filter, text: undefined }, maxSpan, sort, cur, offset, limit + 1, frequent);
    } else {
      // ids and sort keys first (narrow, index-only where the engine can), then the rows
      let q = this.ordered(this.applyFilter(this.db.selectFrom('events').select(['events.id']), filter, maxSpan), sort, cur);
      if (offset) q = q.offset(offset);
      const ids = (await q.limit(limit + 1).execute()).map((r) => Number(r.id));
      rows = await this.rowsByIds(ids);
    }
    const more = rows.length > limit;
    const items = await this.hydrate(rows.slice(0, limit), false);
    let nextCursor: string | null = null;
    if (more && items.length) {
      const last = rows[limit - 1];
      nextCursor =
        sort === 'date_desc' || sort === 'date_asc'
          ? encodeCursor([last.sort_date, Number(last.id)])
          : sort === 'id_asc'
            ? encodeCursor([Number(last.id)])
            : encodeCursor([Number(last.fatalities_sort), Number(last.id)]);
    }
    const out: Page<StoredEvent> = { items, nextCursor };
    if (page.withTotal) {
      if (!more && !cur && offset + items.length <= cap) {
        // the last page reached by offset: what it skipped and holds is the total
        out.total = offset + items.length;
        out.totalIsExact = true;
        await counting?.catch(() => undefined);
      } else {
        const { n, estimate } = await (counting ?? countCapped());
        // never below what this page has shown to exist
        const seen = cur ? items.length + (more ? 1 : 0) : offset + items.length + (more ? 1 : 0);
        out.total = Math.max(estimate ?? Math.min(n, cap), seen);
        out.totalIsExact = n <= cap;
      }
    }
    return out;
  }

  /** Applies a sort order and a keyset cursor to a query over `events`. */
  private ordered<Q extends SelectQueryBuilder<any, any, any>>(q: Q, sort: EventSort, cur: any): Q {
    if (sort === 'date_desc' || sort === 'date_asc') {
      const dir = sort === 'date_desc' ? 'desc' : 'asc';
      if (cur) {
        const [d, id] = cur as [string, number];
        const op = dir === 'desc' ? '<' : '>';
        q = q.where((eb) => eb.or([eb('events.sort_date', op, d), eb.and([eb('events.sort_date', '=', d), eb('events.id', op, id)])])) as Q;
      }
      return q.orderBy('events.sort_date', dir).orderBy('events.id', dir) as Q;
    }
    if (sort === 'id_asc') {
      if (cur) q = q.where('events.id', '>', Number(cur[0])) as Q;
      return q.orderBy('events.id', 'asc') as Q;
    }
    if (cur) {
      const [fs, id] = cur as [number, number];
      q = q.where((eb) => eb.or([eb('events.fatalities_sort', '<', fs), eb.and([eb('events.fatalities_sort', '=', fs), eb('events.id', '<', id)])])) as Q;
    }
    return q.orderBy('events.fatalities_sort', 'desc').orderBy('events.id', 'desc') as Q;
  }

  /** Walks the filtered, ordered ids in pages and keeps those in `ids` (skip `offset`, take `take`). */
  private async walkMatching(filter: EventFilter, maxSpan: number | null, sort: EventSort, cur: any, offset: number, take: number, ids: { has(id: number): boolean }): Promise<any[]> {
    const picked: number[] = [];
    let skip = offset;
    let cursor = cur;
    // pages grow: a frequent word fills the first one, rarer combinations need longer walks
    let pageSize = Math.max(200, (offset + take) * 4);
    for (;;) {
      const page = await this.ordered(this.applyFilter(this.db.selectFrom('events').select(['events.id', 'events.sort_date', 'events.fatalities_sort']), filter, maxSpan), sort, cursor)
        .limit(pageSize)
        .execute();
      for (const r of page) {
        if (!ids.has(Number(r.id))) continue;
        if (skip > 0) {
          skip--;
          continue;
        }
        picked.push(Number(r.id));
        if (picked.length >= take) break;
      }
      if (picked.length >= take || page.length < pageSize) break;
      pageSize = Math.min(pageSize * 2, 20_000);
      const last = page[page.length - 1];
      cursor = sort === 'date_desc' || sort === 'date_asc' ? [last.sort_date, Number(last.id)] : sort === 'id_asc' ? [Number(last.id)] : [Number(last.fatalities_sort), Number(last.id)];
    }
    return this.rowsByIds(picked);
  }

  /** Full event rows for ids, in the order given. */
  private async rowsByIds(ids: number[]): Promise<any[]> {
    if (!ids.length) return [];
    const rows = await this.db.selectFrom('events').selectAll().where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return ids.map((id) => byId.get(id)).filter(Boolean);
  }

  /** Turns event rows into StoredEvents with their sources (one query for all rows). */
  private async hydrate(rows: any[], full: boolean): Promise<StoredEvent[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => Number(r.id));
    const srcRows: any[] = [];
    for (const part of chunk(ids, 500)) {
      srcRows.push(
        ...(await this.db
          .selectFrom('event_documents as r')
          .innerJoin('documents as d', 'd.id', 'r.document_id')
          .innerJoin('sources as s', 's.id', 'd.source_id')
          .select([
            'r.event_id',
            'r.event_key',
            'r.evidence',
            ...(full ? (['r.evidence_text', 'r.event_values'] as const) : []),
            'd.id as document_id',
            'd.doc_id',
            'd.title',
            'd.published',
            'd.url',
            'd.cluster_id',
            's.name',
          ] as any)
          .where('r.event_id', 'in', part)
          .orderBy('r.event_key')
          .execute()),
      );
    }
    const byEvent = new Map<number, EventSource[]>();
    for (const s of srcRows) {
      const src: EventSource = {
        document_id: Number(s.document_id),
        doc_id: s.doc_id,
        name: s.name,
        url: s.url ?? null,
        title: s.title ?? null,
        published: s.published ?? null,
        cluster_id: Number(s.cluster_id),
        event_key: s.event_key,
        evidence: this.pj<Span[]>(s.evidence) ?? [],
      };
      if (full) {
        src.evidence_text = this.pj<string[]>(s.evidence_text) ?? [];
        src.values = this.pj<RasadEvent>(s.event_values);
      }
      const list = byEvent.get(Number(s.event_id)) ?? [];
      list.push(src);
      byEvent.set(Number(s.event_id), list);
    }
    return rows.map((r) => this.rowToEvent(r, byEvent.get(Number(r.id)) ?? []));
  }

  private rowToEvent(r: any, sources: EventSource[]): StoredEvent {
    const location: EventLocation | null =
      r.loc_text == null
        ? null
        : {
            text: r.loc_text,
            name: r.loc_name ?? '',
            name_ar: r.loc_name_ar ?? '',
            country: r.country ?? null,
            admin1: r.admin1 ?? null,
            admin2: r.admin2 ?? null,
            lat: r.lat == null ? null : Number(r.lat),
            lon: r.lon == null ? null : Number(r.lon),
            geo_precision: (toInt(r.geo_precision) ?? 3) as 1 | 2 | 3,
            ...(r.geonames_id != null ? { geonames_id: Number(r.geonames_id) } : {}),
          };
    const extra = this.pj<Record<string, unknown>>(r.extra) ?? {};
    const ev: StoredEvent = {
      ...extra,
      id: r.event_key,
      event_key: r.event_key,
      db_id: Number(r.id),
      event_type: r.event_type,
      sub_event_type: r.sub_event_type,
      date: { start: r.date_start ?? null, end: r.date_end ?? null, precision: r.date_precision, text: r.date_text ?? null },
      location,
      actor1: this.pj<Actor | null>(r.actor1),
      actor2: this.pj<Actor | null>(r.actor2),
      assoc_actor1: this.pj<Actor[]>(r.assoc_actor1) ?? [],
      assoc_actor2: this.pj<Actor[]>(r.assoc_actor2) ?? [],
      fatalities: toInt(r.fatalities),
      injured: toInt(r.injured),
      detained: toInt(r.detained),
      displaced: toInt(r.displaced),
      evidence: this.pj<Span[]>(r.evidence) ?? [],
      confidence: Number(r.confidence),
      sources,
      report_count: Number(r.report_count),
      source_count: Number(r.source_count),
      corrected: Number(r.corrected) === 1,
      review: r.review_status ? { status: r.review_status, who: r.review_who, at: r.review_at } : null,
      created_at: r.created_at,
      updated_at: r.updated_at,
    };
    const hours = this.pj<{ from: string; to: string } | null>(r.hours);
    if (hours) ev.hours = hours;
    const vague = this.pj<{ min: number; max?: number } | null>(r.fatalities_vague);
    if (vague) ev.fatalities_vague = vague;
    if (ev.corrected) ev.original = this.pj<Record<string, unknown>>(r.original) ?? {};
    return ev;
  }

  async getEvent(idOrKey: string | number): Promise<StoredEvent | null> {
    let row: any;
    // internal ids are short integers; keys are 40 hex digits (never mistaken for an id)
    if (typeof idOrKey === 'number' || /^\d{1,15}$/.test(idOrKey)) {
      row = await this.db.selectFrom('events').selectAll().where('id', '=', Number(idOrKey)).executeTakeFirst();
    } else {
      row = await this.db.selectFrom('events').selectAll().where('event_key', '=', idOrKey).executeTakeFirst();
      if (!row) {
        // a report key: the canonical event it belongs to
        row = await this.db
          .selectFrom('events')
          .selectAll('events')
          .innerJoin('event_documents as r', 'r.event_id', 'events.id')
          .where('r.event_key', '=', idOrKey)
          .executeTakeFirst();
      }
    }
    if (!row) return null;
    return (await this.hydrate([row], true))[0];
  }

  async countEvents(groupBy: CountGroup, filter: EventFilter = {}): Promise<CountRow[]> {
    const maxSpan = await this.maxSpanFor(filter);
    const keyExpr =
      groupBy === 'day'
        ? sql<string>`nullif(events.sort_date, '0001-01-01')`
        : groupBy === 'month'
          ? sql<string>`substr(nullif(events.sort_date, '0001-01-01'), 1, 7)`
          : groupBy === 'type'
            ? sql<string>`events.event_type`
            : groupBy === 'sub_type'
              ? sql<string>`events.sub_event_type`
              : groupBy === 'admin1'
                ? sql<string>`events.admin1`
                : groupBy === 'country'
                  ? sql<string>`events.country`
                  : null;
    let rows: any[];
    if (keyExpr) {
      rows = await this.applyFilter(
        this.db
          .selectFrom('events')
          .select([keyExpr.as('key'), sql<number>`count(*)`.as('events'), sql<number>`coalesce(sum(case when events.fatalities_sort > 0 then events.fatalities_sort else 0 end), 0)`.as('fatalities')])
          .groupBy(keyExpr),
        filter,
        maxSpan,
      ).execute();
    } else if (groupBy === 'source') {
      rows = await this.applyFilter(
        this.db
          .selectFrom('events')
          .innerJoin('event_documents as gr', 'gr.event_id', 'events.id')
          .innerJoin('documents as gd', 'gd.id', 'gr.document_id')
          .innerJoin('sources as gs', 'gs.id', 'gd.source_id')
          .select([
            sql<string>`gs.name`.as('key'),
            sql<number>`count(distinct events.id)`.as('events'),
            sql<number>`0`.as('fatalities'),
          ])
          .groupBy('gs.name'),
        filter,
        maxSpan,
      ).execute();
      // fatalities per source: sum over the distinct events of each source
      const fat = await this.applyFilter(
        this.db
          .selectFrom('events')
          .select([sql<string>`gs2.name`.as('key'), sql<number>`coalesce(sum(case when events.fatalities_sort > 0 then events.fatalities_sort else 0 end), 0)`.as('fatalities')])
          .innerJoin(
            (eb) =>
              eb
                .selectFrom('event_documents as gr2')
                .innerJoin('documents as gd2', 'gd2.id', 'gr2.document_id')
                .innerJoin('sources as gs2', 'gs2.id', 'gd2.source_id')
                .select(['gr2.event_id', 'gs2.name'])
                .distinct()
                .as('gs2'),
            (j) => j.onRef('gs2.event_id', '=', 'events.id'),
          )
          .groupBy('gs2.name'),
        filter,
        maxSpan,
      ).execute();
      const fm = new Map(fat.map((f: any) => [f.key, Number(f.fatalities)]));
      rows = rows.map((r) => ({ ...r, fatalities: fm.get(r.key) ?? 0 }));
    } else {
      throw new StoreError('invalid', `unknown group ${groupBy}`);
    }
    return rows
      .map((r) => ({ key: r.key ?? null, events: Number(r.events), fatalities: Number(r.fatalities) }))
      .sort((a, b) => (groupBy === 'day' || groupBy === 'month' ? String(a.key ?? '').localeCompare(String(b.key ?? '')) : b.events - a.events || String(a.key ?? '').localeCompare(String(b.key ?? ''))));
  }

  async *exportRows(filter: EventFilter = {}): AsyncIterable<StoredEvent> {
    let after = 0;
    const maxSpan = await this.maxSpanFor(filter);
    for (;;) {
      const rows = await this.applyFilter(this.db.selectFrom('events').selectAll('events'), filter, maxSpan)
        .where('events.id', '>', after)
        .orderBy('events.id')
        .limit(500)
        .execute();
      if (!rows.length) return;
      after = Number(rows[rows.length - 1].id);
      for (const e of await this.hydrate(rows, false)) yield e;
    }
  }

  async stats(): Promise<StoreStats> {
    const count = async (q: any) => Number((await q.executeTakeFirst())?.n ?? 0);
    const db = this.db;
    const n = (t: string) => db.selectFrom(t).select((eb) => eb.fn.countAll().as('n'));
    const orphan = await this.orphanQuery().select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirst();
    return {
      documents: await count(n('documents')),
      documentClusters: await count(db.selectFrom('documents').select(sql`count(distinct cluster_id)`.as('n'))),
      reports: await count(n('event_documents')),
      events: await count(n('events')),
      sources: await count(n('sources')),
      corrections: await count(n('corrections')),
      orphanCorrections: Number((orphan as any)?.n ?? 0),
    };
  }

  // ---------------------------------------------------------------------------------------
  // analyst work

  private correctionRow(c: any): Correction {
    return {
      id: Number(c.id),
      event_key: c.event_key,
      field: c.field,
      old_value: this.pj(c.old_value),
      new_value: this.pj(c.new_value),
      who: c.who,
      note: c.note ?? null,
      created_at: c.created_at,
    };
  }

  /**
   * Checks that the transaction holds the point keys of every report of the event holding
   * `eventKey` (PostgreSQL): whoever regroups or rewrites that event holds one of them.
   */
  private async lockEventOf(trx: Kysely<any>, eventKey: string, locks: LockSet): Promise<void> {
    if (!locks.enforce) return;
    const rep = await trx.selectFrom('event_documents').select('event_id').where('event_key', '=', eventKey).executeTakeFirst();
    const reports = rep?.event_id != null ? await this.reportsWhere(trx, (eb) => eb('r.event_id', '=', Number(rep.event_id)), true) : await this.reportsIn(trx, 'event_key', [eventKey], true);
    locks.need(reports.flatMap((r) => pointKeys(this.lite(r))));
  }

  /** Rebuilds the canonical event holding `eventKey` (after a correction or review). */
  private async rewriteEventOf(trx: Kysely<any>, eventKey: string): Promise<void> {
    const rep = await trx.selectFrom('event_documents').select('event_id').where('event_key', '=', eventKey).executeTakeFirst();
    if (!rep?.event_id) return;
    const reports = await this.reportsWhere(trx, (eb) => eb('r.event_id', '=', Number(rep.event_id)));
    await this.writeGroups(trx, [reports], new Set([Number(rep.event_id)]), true);
  }

  /** The report key a key refers to (itself, or for a canonical key its smallest report key). */
  private async resolveKey(trx: Kysely<any>, key: string): Promise<string | null> {
    const r = await trx.selectFrom('event_documents').select('event_key').where('event_key', '=', key).executeTakeFirst();
    return r ? r.event_key : null;
  }

  async addCorrection(c: CorrectionInput): Promise<Correction> {
    if (!isCorrectableField(c.field)) throw new StoreError('invalid', `field ${c.field} cannot be corrected`);
    if (!c.who?.trim()) throw new StoreError('invalid', 'who is required');
    return this.lockedTx([], async (trx, locks) => {
      const key = await this.resolveKey(trx, c.eventKey);
      if (!key) throw new StoreError('not_found', `event ${c.eventKey} not found`);
      await this.lockEventOf(trx, key, locks);
      let oldValue = c.oldValue;
      if (oldValue === undefined) {
        const ev = await this.getEventIn(trx, key);
        oldValue = ev ? (getPath(ev, c.field) ?? null) : null;
      }
      const row = await trx
        .insertInto('corrections')
        .values({ event_key: key, field: c.field, old_value: this.j(oldValue ?? null), new_value: this.j(c.newValue ?? null), who: c.who, note: c.note ?? null, created_at: now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.rewriteEventOf(trx, key);
      return this.correctionRow(row);
    });
  }

  private async getEventIn(trx: Kysely<any>, reportKey: string): Promise<StoredEvent | null> {
    const row = await trx
      .selectFrom('events')
      .selectAll('events')
      .innerJoin('event_documents as r', 'r.event_id', 'events.id')
      .where('r.event_key', '=', reportKey)
      .executeTakeFirst();
    return row ? this.rowToEvent(row, []) : null;
  }

  async listCorrections(eventKey?: string): Promise<Correction[]> {
    let q = this.db.selectFrom('corrections').selectAll().orderBy('id');
    if (eventKey) {
      const ev = await this.getEvent(eventKey);
      const keys = ev ? ev.sources.map((s) => s.event_key) : [eventKey];
      q = q.where('event_key', 'in', keys.length ? keys : [eventKey]);
    }
    return (await q.execute()).map((c) => this.correctionRow(c));
  }

  private orphanQuery(): any {
    return this.db
      .selectFrom('corrections as c')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('event_documents as r').select(sql`1`.as('one')).whereRef('r.event_key', '=', 'c.event_key'))));
  }

  async listOrphanCorrections(): Promise<Correction[]> {
    const rows = await this.orphanQuery().selectAll('c').orderBy('c.id').execute();
    return rows.map((c: any) => this.correctionRow(c));
  }

  async reviewEvent(eventKey: string, status: 'confirmed' | 'rejected', who: string): Promise<void> {
    if (status !== 'confirmed' && status !== 'rejected') throw new StoreError('invalid', `bad review status ${status}`);
    await this.lockedTx([], async (trx, locks) => {
      const key = await this.resolveKey(trx, eventKey);
      if (!key) throw new StoreError('not_found', `event ${eventKey} not found`);
      await this.lockEventOf(trx, key, locks);
      await trx.insertInto('reviews').values({ event_key: key, status, who, created_at: now() }).execute();
      await this.rewriteEventOf(trx, key);
    });
  }

  // ---------------------------------------------------------------------------------------
  // tokens

  async createToken(name: string, role: TokenRole): Promise<string> {
    if (!['viewer', 'editor', 'admin'].includes(role)) throw new StoreError('invalid', `bad role ${role}`);
    const plaintext = `rasad_${randomBytes(24).toString('base64url')}`;
    const existing = await this.db.selectFrom('tokens').select('id').where('name', '=', name).executeTakeFirst();
    if (existing) throw new StoreError('conflict', `token ${name} exists`);
    await this.db.insertInto('tokens').values({ name, role, token_hash: tokenHash(plaintext), created_at: now(), revoked: 0 }).execute();
    return plaintext;
  }

  async verifyToken(plaintext: string): Promise<{ name: string; role: TokenRole } | null> {
    if (!plaintext) return null;
    const row = await this.db.selectFrom('tokens').select(['id', 'name', 'role', 'last_used_at']).where('token_hash', '=', tokenHash(plaintext)).where('revoked', '=', 0).executeTakeFirst();
    if (!row) return null;
    const ts = now();
    // at most one write a minute per token, not one per request
    if (!row.last_used_at || Date.parse(ts) - Date.parse(row.last_used_at) > 60_000) {
      await this.db.updateTable('tokens').set({ last_used_at: ts }).where('id', '=', row.id).execute();
    }
    return { name: row.name, role: row.role };
  }

  async listTokens(): Promise<TokenInfo[]> {
    const rows = await this.db.selectFrom('tokens').select(['id', 'name', 'role', 'created_at', 'last_used_at', 'revoked']).orderBy('id').execute();
    return rows.map((r) => ({ id: Number(r.id), name: r.name, role: r.role, created_at: r.created_at, last_used_at: r.last_used_at ?? null, revoked: Number(r.revoked) === 1 }));
  }

  async revokeToken(name: string): Promise<boolean> {
    const r = await this.db.updateTable('tokens').set({ revoked: 1 }).where('name', '=', name).where('revoked', '=', 0).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  // ---------------------------------------------------------------------------------------
  // alerts

  private alertRow(r: any): Alert {
    return {
      id: Number(r.id),
      name: r.name,
      filter: this.pj<EventFilter>(r.filter) ?? {},
      webhook_url: r.webhook_url ?? null,
      created_by: r.created_by ?? null,
      active: Number(r.active) === 1,
      created_at: r.created_at,
    };
  }

  async createAlert(a: AlertInput): Promise<Alert> {
    if (!a.name?.trim()) throw new StoreError('invalid', 'alert name is required');
    const row = await this.db
      .insertInto('alerts')
      .values({ name: a.name, filter: this.j(a.filter ?? {}), webhook_url: a.webhookUrl ?? null, created_by: a.createdBy ?? null, active: 1, created_at: now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return this.alertRow(row);
  }

  async listAlerts(): Promise<Alert[]> {
    return (await this.db.selectFrom('alerts').selectAll().orderBy('id').execute()).map((r) => this.alertRow(r));
  }

  async deleteAlert(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('alerts').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async newEventsForAlert(alertId: number, limit = 100): Promise<StoredEvent[]> {
    const a = await this.db.selectFrom('alerts').selectAll().where('id', '=', alertId).executeTakeFirst();
    if (!a) throw new StoreError('not_found', `alert ${alertId} not found`);
    const filter = this.alertRow(a).filter;
    const rows = await this.applyFilter(this.db.selectFrom('events').selectAll('events'), filter, await this.maxSpanFor(filter))
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('alert_delivered as ad').select(sql`1`.as('one')).where('ad.alert_id', '=', alertId).whereRef('ad.event_key', '=', 'events.event_key')),
        ),
      )
      .orderBy('events.id')
      .limit(Math.min(limit, MAX_LIMIT))
      .execute();
    return this.hydrate(rows, false);
  }

  private deliveryRow(r: any): Delivery {
    return {
      id: Number(r.id),
      alert_id: Number(r.alert_id),
      event_keys: this.pj<string[]>(r.event_keys) ?? [],
      status: r.status,
      http_status: toInt(r.http_status),
      error: r.error ?? null,
      created_at: r.created_at,
    };
  }

  async recordDelivery(d: DeliveryInput): Promise<Delivery> {
    return this.tx(async (trx) => {
      const row = await trx
        .insertInto('alert_deliveries')
        .values({ alert_id: d.alertId, event_keys: this.j(d.eventKeys), status: d.status, http_status: d.httpStatus ?? null, error: d.error ?? null, created_at: now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (d.status === 'ok' && d.eventKeys.length) {
        for (const part of chunk([...new Set(d.eventKeys)], 500)) {
          await trx
            .insertInto('alert_delivered')
            .values(part.map((k) => ({ alert_id: d.alertId, event_key: k })))
            .onConflict((oc) => oc.columns(['alert_id', 'event_key']).doNothing())
            .execute();
        }
      }
      return this.deliveryRow(row);
    });
  }

  async listDeliveries(alertId: number, limit = 50): Promise<Delivery[]> {
    const rows = await this.db.selectFrom('alert_deliveries').selectAll().where('alert_id', '=', alertId).orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => this.deliveryRow(r));
  }
}

/** A piece of text around the first place a query key occurs (the beginning when none does). */
function snippet(text: string, groups: string[][], width = 160): string {
  const norm = normalizeWithOffsets(text);
  const lower = norm.text.toLowerCase();
  let at = -1;
  for (const g of groups) {
    for (const k of g) {
      const i = lower.indexOf(k);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
  }
  const start = at < 0 ? 0 : Math.max(0, norm.map[at] - width / 2);
  const s = text.slice(start, start + width).replace(/\s+/g, ' ').trim();
  return (start > 0 ? '…' : '') + s + (start + width < text.length ? '…' : '');
}
