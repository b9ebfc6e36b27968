/**
 * @module bench/store.bench
 * Store benchmark: bulk-loads synthetic canonical events (multi-row inserts in one
 * transaction) and prints p50/p95 latency of `queryEvents` for several filters — SQLite with
 * 100,000 events and, when the PostgreSQL server binaries exist, PostgreSQL with 1,000,000 —
 * plus the rate of `saveDocumentResult` (the store's share of ingest). Figures only, no
 * assertions. Sizes: RASAD_BENCH_EVENTS (SQLite, default 100000), RASAD_BENCH_PG_EVENTS
 * (default 1000000; 0 skips PostgreSQL), RASAD_BENCH_SAVE_DOCS (default 1000), RASAD_BENCH_RUNS
 * (queries per filter, default 40).
 *
 * Run alone: node --import tsx bench/store.bench.ts   (or through npm run bench, BENCH=store)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { openSqlStore, type SqlStore } from '../src/store/sql-store.ts';
import type { EventFilter, PageRequest } from '../src/store/store.ts';
import { ftsIndexBody } from '../src/store/fts.ts';
import { EVENT_TYPES } from '../src/types.ts';
import { makeResult, type Fixture } from '../src/store/testing/fixtures.ts';
import { startTempPostgres } from '../test/helpers/postgres.ts';
import { rng } from './random.ts';

const ARABIC_LETTERS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';

/** A vocabulary of pseudo-words drawn with a Zipf-like law (so FTS sees frequent and rare terms). */
function vocabulary(rand: () => number, size: number): string[] {
  const out = new Set<string>();
  while (out.size < size) {
    const len = 3 + Math.floor(rand() * 5);
    let w = '';
    for (let i = 0; i < len; i++) w += ARABIC_LETTERS[Math.floor(rand() * ARABIC_LETTERS.length)];
    out.add(w);
  }
  return [...out];
}

function zipf(rand: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(Math.pow(n, rand()) - 1));
}

/** Synthetic regions: country, admin1, centre. */
function regions(rand: () => number) {
  const countries = ['SY', 'IQ', 'YE', 'LY', 'SD', 'LB', 'PS', 'EG'];
  const out: Array<{ country: string; admin1: string; lat: number; lon: number }> = [];
  for (const c of countries) for (let i = 0; i < 6; i++) out.push({ country: c, admin1: `${c}-A${i + 1}`, lat: 12 + rand() * 25, lon: 20 + rand() * 30 });
  return out;
}

const TYPES = Object.keys(EVENT_TYPES) as Array<keyof typeof EVENT_TYPES>;

interface GenState {
  rand: () => number;
  vocab: string[];
  regions: ReturnType<typeof regions>;
  actors: string[];
}

/** Bulk-loads n synthetic events (one report and a third of a document each). */
export async function loadSyntheticEvents(store: SqlStore, n: number, seed = 7): Promise<GenState> {
  const rand = rng(seed);
  const st: GenState = { rand, vocab: vocabulary(rand, 5000), regions: regions(rand), actors: Array.from({ length: 40 }, (_, i) => `actor-${i}`) };
  const db = store.db;
  const ts = new Date().toISOString();
  const j = (v: unknown) => store.dialect.toJson(v);
  const base = Date.parse('2015-01-01T00:00:00Z');
  const batch = store.engine === 'sqlite' ? 150 : 500;
  await store.dialect.transaction(async (trx: Kysely<any>) => {
    for (let s = 0; s < 20; s++) await trx.insertInto('sources').values({ name: `source-${s}`, url: null, created_at: ts }).execute();
  });
  for (let start = 0; start < n; start += batch * 20) {
    // one transaction per 20 batches keeps the WAL small for SQLite
    await store.dialect.transaction(async (trx: Kysely<any>) => {
      for (let b = start; b < Math.min(n, start + batch * 20); b += batch) {
        const count = Math.min(batch, n - b);
        const docs: any[] = [];
        const events: any[] = [];
        const bodies: string[] = [];
        for (let i = 0; i < count; i++) {
          const id = b + i + 1;
          const type = TYPES[Math.floor(rand() * TYPES.length)];
          const subs = EVENT_TYPES[type];
          const day = Math.floor(rand() * 3650);
          const span = rand() < 0.8 ? 0 : 1 + Math.floor(rand() * 7);
          const d0 = new Date(base + day * 86400000).toISOString().slice(0, 10);
          const d1 = new Date(base + (day + span) * 86400000).toISOString().slice(0, 10);
          const reg = st.regions[Math.floor(rand() * st.regions.length)];
          const lat = reg.lat + (rand() - 0.5);
          const lon = reg.lon + (rand() - 0.5);
          const a1 = rand() < 0.7 ? st.actors[zipf(rand, st.actors.length)] : null;
          const a2 = rand() < 0.5 ? st.actors[zipf(rand, st.actors.length)] : null;
          const fat = rand() < 0.5 ? null : Math.floor(Math.pow(200, rand()) - 1);
          const words = Array.from({ length: 25 }, () => st.vocab[zipf(rand, st.vocab.length)]).join(' ');
          const key = `synthetic-${seed}-${id}`;
          if ((b + i) % 3 === 0) {
            docs.push({
              id: Math.floor((b + i) / 3) + 1,
              doc_id: `doc-${id}`,
              source_id: 1 + Math.floor(rand() * 20),
              title: null,
              published: d1,
              url: null,
              language: 'ar',
              content_hash: `h-${seed}-${id}`,
              simhash: '0000000000000000',
              sh0: 0,
              sh1: 0,
              sh2: 0,
              sh3: 0,
              word_count: 25,
              cluster_id: Math.floor((b + i) / 3) + 1,
              raw: null,
              cleaned: words,
              created_at: ts,
              updated_at: ts,
            });
          }
          const actor = (x: string | null) => (x ? { id: x, name: x, name_ar: x, text: x } : null);
          events.push({
            id,
            event_key: key,
            event_type: type,
            sub_event_type: subs[Math.floor(rand() * subs.length)],
            date_start: d0,
            date_end: d1,
            date_precision: span ? 'range' : 'day',
            date_text: null,
            sort_date: d0,
            hours: null,
            loc_text: reg.admin1,
            loc_name: reg.admin1,
            loc_name_ar: reg.admin1,
            country: reg.country,
            admin1: reg.admin1,
            admin2: null,
            lat,
            lon,
            geo_precision: 1,
            geonames_id: null,
            place_id: null,
            actor1_id: a1,
            actor2_id: a2,
            actor1: j(actor(a1)),
            actor2: j(actor(a2)),
            assoc_actor1: j([]),
            assoc_actor2: j([]),
            actors_norm: [a1, a2].filter(Boolean).join(' | '),
            fatalities: fat,
            fatalities_sort: fat ?? -1,
            injured: null,
            detained: null,
            displaced: null,
            fatalities_vague: null,
            evidence: j([{ start: 0, end: 10 }]),
            extra: null,
            primary_document_id: Math.floor((b + i) / 3) + 1,
            confidence: 0.7,
            report_count: 1,
            source_count: 1,
            corrected: 0,
            original: null,
            review_status: null,
            review_who: null,
            review_at: null,
            created_at: ts,
            updated_at: ts,
          });
          bodies.push(words);
        }
        if (docs.length) await trx.insertInto('documents').values(docs).execute();
        // PostgreSQL: the tsvector is computed in the insert itself
        await trx
          .insertInto('events')
          .values(store.engine === 'postgres' ? events.map((e, i) => ({ ...e, fts: sql`to_tsvector('arabic', ${ftsIndexBody(bodies[i])})` })) : events)
          .execute();
        await trx
          .insertInto('event_documents')
          .values(
            events.map((e, i) => ({
              event_key: e.event_key,
              event_id: e.id,
              document_id: e.primary_document_id,
              doc_cluster_id: e.primary_document_id,
              ordinal: (b + i) % 3,
              local_id: null,
              event_type: e.event_type,
              date_start: e.date_start,
              date_end: e.date_end,
              lat: e.lat,
              lon: e.lon,
              loc_key: e.admin1,
              cell: -1,
              long_span: 0,
              actor1_id: e.actor1_id,
              actor2_id: e.actor2_id,
              actor_ids: j([]),
              anchor: '',
              confidence: 0.7,
              evidence: j([{ start: 0, end: 10 }]),
              evidence_text: j([]),
              context_text: '',
              event_values: j({}),
              created_at: ts,
            })),
          )
          .execute();
        const links = events.flatMap((e) => [
          ...(e.actor1_id ? [{ event_id: e.id, actor_id: e.actor1_id, role: 'actor1' }] : []),
          ...(e.actor2_id && e.actor2_id !== e.actor1_id ? [{ event_id: e.id, actor_id: e.actor2_id, role: 'actor2' }] : []),
        ]);
        if (links.length) await trx.insertInto('event_actors').values(links).execute();
        // full-text: the same folded body the store indexes
        if (store.engine === 'sqlite') {
          await sql`insert into events_fts(rowid, body) values ${sql.join(events.map((e, i) => sql`(${e.id}, ${ftsIndexBody(bodies[i])})`))}`.execute(trx);
        }
      }
    });
  }
  await db.updateTable('store_meta').set({ value: '7' }).where('key', '=', 'max_span_days').execute();
  if (store.engine === 'postgres') {
    // keep the serial sequences past the explicit ids, and give the planner statistics
    await sql`select setval(pg_get_serial_sequence('events', 'id'), (select max(id) from events))`.execute(db);
    await sql`select setval(pg_get_serial_sequence('documents', 'id'), (select max(id) from documents))`.execute(db);
    // what autovacuum does in production: statistics and the visibility map (index-only scans)
    await sql`vacuum analyze`.execute(db);
  } else {
    await sql`analyze`.execute(db);
  }
  return st;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

type Case = [string, (st: GenState) => EventFilter, PageRequest?];

const CASES: Case[] = [
  ['latest 50 (no filter)', () => ({})],
  ['date range (1 month)', (st) => {
    const d = new Date(Date.parse('2015-01-01') + Math.floor(st.rand() * 3600) * 86400000).toISOString().slice(0, 10);
    return { from: d, to: new Date(Date.parse(d) + 30 * 86400000).toISOString().slice(0, 10) };
  }],
  ['type', (st) => ({ types: [TYPES[Math.floor(st.rand() * TYPES.length)]] })],
  ['type + date range (1 year)', (st) => {
    const y = 2015 + Math.floor(st.rand() * 9);
    return { types: [TYPES[Math.floor(st.rand() * TYPES.length)]], from: `${y}-01-01`, to: `${y}-12-31` };
  }],
  ['admin1', (st) => ({ admin1: [st.regions[Math.floor(st.rand() * st.regions.length)].admin1] })],
  ['country + type', (st) => ({ countries: [st.regions[Math.floor(st.rand() * st.regions.length)].country], types: [TYPES[Math.floor(st.rand() * TYPES.length)]] })],
  ['bbox (1°×1°)', (st) => {
    const r = st.regions[Math.floor(st.rand() * st.regions.length)];
    return { bbox: [r.lon - 0.5, r.lat - 0.5, r.lon + 0.5, r.lat + 0.5] };
  }],
  ['actor id', (st) => ({ actors: [st.actors[Math.floor(st.rand() * 10)]] })],
  ['min fatalities 100', () => ({ minFatalities: 100 })],
  ['source', (st) => ({ sources: [`source-${Math.floor(st.rand() * 20)}`] })],
  ['text (frequent word)', (st) => ({ text: st.vocab[Math.floor(st.rand() * 20)] })],
  ['text (rare word)', (st) => ({ text: st.vocab[2000 + Math.floor(st.rand() * 2000)] })],
  ['type + admin1 + date + fatalities', (st) => {
    const y = 2015 + Math.floor(st.rand() * 9);
    return { types: [TYPES[Math.floor(st.rand() * TYPES.length)]], admin1: [st.regions[Math.floor(st.rand() * st.regions.length)].admin1], from: `${y}-01-01`, to: `${y}-12-31`, minFatalities: 1 };
  }],
  ['sorted by fatalities', () => ({}), { sort: 'fatalities_desc' }],
  ['page 20 by offset', () => ({}), { offset: 950 }],
];

/** Times every query case; returns figures keyed by case. */
export async function benchQueries(store: SqlStore, st: GenState, runs: number): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, make, page] of CASES) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs + 3; i++) {
      const f = make(st);
      const t0 = performance.now();
      const r = await store.queryEvents(f, { limit: 50, ...page });
      const dt = performance.now() - t0;
      if (i >= 3) times.push(dt); // first runs warm the caches
      rows += r.items.length;
    }
    out[name] = `p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  (avg ${(rows / (runs + 3)).toFixed(0)} rows)`;
  }
  const times: number[] = [];
  for (let i = 0; i < Math.max(5, runs / 4); i++) {
    const y = 2015 + Math.floor(st.rand() * 9);
    const t0 = performance.now();
    await store.countEvents('type', { from: `${y}-01-01`, to: `${y}-12-31` });
    times.push(performance.now() - t0);
  }
  out['countEvents by type (1 year)'] = `p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms`;
  return out;
}

/** A synthetic article of ~250 words with one event, distinct per n. */
function articleFixture(n: number, rand: () => number, vocab: string[]): Fixture {
  const words = Array.from({ length: 250 }, () => vocab[zipf(rand, vocab.length)]);
  words.splice(10, 0, 'سقطت', 'قذائف');
  const text = `خبر ${n}: ` + words.join(' ') + '.';
  const day = `2023-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  return {
    id: `bench-${n}`,
    source: `outlet-${n % 7}`,
    published: day,
    text,
    events: [{ type: 'Explosions/Remote violence', sub: 'Shelling/artillery/missile attack', anchor: 'سقطت قذائف', date: [day, day], place: (['hasakah', 'idlib', 'mosul', 'aden'] as const)[n % 4], fatalities: n % 5 }],
  };
}

/** Saves n synthetic articles through saveDocumentResult; returns docs/s. */
export async function benchSaves(store: SqlStore, n: number): Promise<string> {
  const rand = rng(99);
  const vocab = vocabulary(rand, 3000);
  const fixtures = Array.from({ length: n }, (_, i) => articleFixture(i, rand, vocab));
  const results = fixtures.map(makeResult);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const f = fixtures[i];
    await store.saveDocumentResult({ doc: { id: f.id, text: f.text, published: f.published }, result: results[i], sourceName: f.source });
  }
  const dt = (performance.now() - t0) / 1000;
  return `${(n / dt).toFixed(0)} docs/s (${n} docs of ~250 words, 1 event each, ${dt.toFixed(1)} s)`;
}

export async function run(): Promise<Record<string, unknown>> {
  const nSqlite = Number(process.env.RASAD_BENCH_EVENTS ?? 100_000);
  const nPg = Number(process.env.RASAD_BENCH_PG_EVENTS ?? 1_000_000);
  const nSave = Number(process.env.RASAD_BENCH_SAVE_DOCS ?? 1000);
  const runs = Number(process.env.RASAD_BENCH_RUNS ?? 40);
  const figures: Record<string, unknown> = {};
  const dir = mkdtempSync(join(tmpdir(), 'rasad-bench-'));
  try {
    if (nSqlite > 0) {
      const store = await openSqlStore(join(dir, 'bench.db'));
      const t0 = performance.now();
      const st = await loadSyntheticEvents(store, nSqlite);
      figures[`sqlite: load ${nSqlite} events`] = `${((performance.now() - t0) / 1000).toFixed(1)} s`;
      for (const [k, v] of Object.entries(await benchQueries(store, st, runs))) figures[`sqlite ${nSqlite}: ${k}`] = v;
      await store.close();
    }
    if (nSave > 0) {
      const store = await openSqlStore(join(dir, 'save.db'));
      figures['sqlite: saveDocumentResult'] = await benchSaves(store, nSave);
      await store.close();
    }
    if (nPg > 0) {
      const pg = await startTempPostgres('rasad_bench');
      if (!pg) figures['postgres'] = 'SKIPPED: server binaries not found (pg_config --bindir)';
      else {
        try {
          const store = await openSqlStore(pg.url);
          const t0 = performance.now();
          const st = await loadSyntheticEvents(store, nPg);
          figures[`postgres: load ${nPg} events`] = `${((performance.now() - t0) / 1000).toFixed(1)} s`;
          for (const [k, v] of Object.entries(await benchQueries(store, st, runs))) figures[`postgres ${nPg}: ${k}`] = v;
          await store.close();
          if (nSave > 0) {
            const saveStore = await openSqlStore(await pg.createDatabase('rasad_bench_save'));
            figures['postgres: saveDocumentResult'] = await benchSaves(saveStore, nSave);
            await saveStore.close();
          }
        } finally {
          await pg.stop();
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await run();
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(58)} ${v}`);
}
