/**
 * @module test/conformance/store.suite
 * One behaviour suite for every store engine (Kysely/Hono style): the same cases run against
 * a real SQLite file in a temp dir and a real PostgreSQL 15 started for the run
 * (test/helpers/postgres.ts). STORES=sqlite or STORES=postgres narrows the run. PostgreSQL
 * cases are skipped only when the server binaries are absent, with a loud warning.
 * Full-text search differs by engine; the FTS table states what each must find.
 * Run through src/store/store.test.ts (vitest picks up *.test.ts files).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { findPostgresBinDir, selectedStores, startTempPostgres, type TempPostgres } from '../helpers/postgres.ts';
import { openSqlStore, StoreError, type SqlStore } from '../../src/store/sql-store.ts';
import type { EventFilter, StoredEvent } from '../../src/store/store.ts';
import { addDays, leaderGroups, type ReportLite } from '../../src/merge/cluster.ts';
import { FIXTURES, dailyClashFixtures, makeResult, makeEvent, multiOutletFixtures, randomReportFixtures, syntheticFixture, type Fixture } from '../../src/store/testing/fixtures.ts';

type Engine = 'sqlite' | 'postgres';

const engines = selectedStores();
const pgBinaries = findPostgresBinDir();
if (engines.includes('postgres') && !pgBinaries) {
  console.warn(
    '\n' + '!'.repeat(78) + '\n!!! PostgreSQL server binaries not found (pg_config --bindir, /usr/lib/postgresql/*/bin):\n' +
      '!!! the PostgreSQL store conformance tests are SKIPPED. Install postgresql-15 to run them.\n' + '!'.repeat(78) + '\n',
  );
}

let pg: TempPostgres | null = null;
const tmp = mkdtempSync(join(tmpdir(), 'rasad-store-'));
let dbCounter = 0;

beforeAll(async () => {
  if (engines.includes('postgres') && pgBinaries) pg = await startTempPostgres('rasad_conformance');
}, 120_000);

afterAll(async () => {
  await pg?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** A fresh, empty store location for an engine. */
async function freshLocation(engine: Engine): Promise<string> {
  dbCounter++;
  if (engine === 'sqlite') return join(tmp, `store-${dbCounter}.db`);
  if (!pg) throw new Error('postgres not started');
  return pg.createDatabase(`rasad_t${dbCounter}`);
}

async function saveFixture(store: SqlStore, f: Fixture) {
  return store.saveDocumentResult({ doc: { id: f.id, text: f.text, published: f.published, source: f.source }, result: makeResult(f), sourceName: f.source });
}

const ORDER = ['hasakahA', 'hasakahCopy', 'hasakahOther', 'idlib', 'mosul', 'aden'] as const;

/** A readable label per canonical event: sub-type / country. */
const label = (e: StoredEvent) => `${e.sub_event_type}/${e.location?.country ?? '-'}`;
const labels = (es: StoredEvent[]) => es.map(label).sort();

/** Everything about the canonical events that must not depend on order, engine or ids. */
async function snapshot(store: SqlStore) {
  const out: unknown[] = [];
  for await (const e of store.exportRows({ review: 'any' })) {
    out.push({
      key: e.event_key,
      type: e.event_type,
      sub: e.sub_event_type,
      date: e.date,
      loc: e.location && [e.location.name, e.location.lat, e.location.lon],
      a1: e.actor1?.id ?? null,
      a2: e.actor2?.id ?? null,
      fatalities: e.fatalities,
      confidence: e.confidence,
      reports: e.report_count,
      sources: e.source_count,
      docs: e.sources.map((s) => `${s.doc_id}|${s.name}|${s.event_key}`).sort(),
    });
  }
  return out.sort((a: any, b: any) => (a.key < b.key ? -1 : 1));
}

/** Groups of report keys as stored (canonical events' sources). */
async function storedGroups(store: SqlStore): Promise<string[]> {
  const out: string[] = [];
  for await (const e of store.exportRows({ review: 'any' })) out.push(e.sources.map((s) => s.event_key).sort().join(','));
  return out.sort();
}

/** Groups of report keys by leader clustering over all stored reports at once. */
async function referenceGroups(store: SqlStore): Promise<string[]> {
  const rows = await store.db.selectFrom('event_documents').selectAll().execute();
  const lites: ReportLite[] = rows.map((r: any) => store.lite(r));
  return leaderGroups(lites).map((g) => g.map((x) => x.key).sort().join(',')).sort();
}

describe.each(engines)('store conformance: %s', (engine) => {
  const skip = engine === 'postgres' && !pgBinaries;

  describe.skipIf(skip)('documents, clustering and queries', () => {
    let store: SqlStore;
    const saved: Record<string, Awaited<ReturnType<typeof saveFixture>>> = {};

    beforeAll(async () => {
      store = await openSqlStore(await freshLocation(engine));
      for (const name of ORDER) saved[name] = await saveFixture(store, FIXTURES[name]);
    });
    afterAll(async () => store?.close());

    it('saves a document with its events and reads it back', async () => {
      expect(saved.hasakahA.status).toBe('inserted');
      const doc = await store.getDocument(saved.hasakahA.documentId);
      expect(doc).not.toBeNull();
      expect(doc!.text).toBe(FIXTURES.hasakahA.text);
      expect(doc!.source).toBe('وكالة الشرق');
      expect(doc!.doc_id).toBe('sharq-101');
      expect(doc!.published).toBe('2022-01-24');
      expect(doc!.events.map((e) => e.event_type).sort()).toEqual(['Battles', 'Movement restrictions']);
      const curfew = doc!.events.find((e) => e.event_type === 'Movement restrictions')!;
      expect(curfew.date).toMatchObject({ start: '2022-01-24', end: '2022-01-31' });
      expect(curfew.location).toMatchObject({ name: 'Al-Hasakah', country: 'SY', lat: 36.5024 });
      expect(curfew.actor1?.id).toBe('asayish');
      expect(await store.hasDocumentHash(doc!.content_hash)).toBe(true);
      expect(await store.hasDocumentHash('0'.repeat(64))).toBe(false);
      expect(await store.getDocument(999_999)).toBeNull();
    });

    it('re-saving the same documents changes nothing (content hash)', async () => {
      const before = await store.stats();
      for (const name of ORDER) {
        const r = await saveFixture(store, FIXTURES[name]);
        expect(r.status).toBe('duplicate');
        expect(r.documentId).toBe(saved[name].documentId);
      }
      expect(await store.stats()).toEqual(before);
      expect(before).toMatchObject({ documents: 6, documentClusters: 5, reports: 9, events: 5, sources: 5 });
    });

    it('links a wire copy from another outlet into the same document cluster', () => {
      expect(saved.hasakahCopy.status).toBe('near-duplicate');
      expect(saved.hasakahCopy.clusterId).toBe(saved.hasakahA.clusterId);
      expect(saved.hasakahOther.status).toBe('inserted');
      expect(saved.hasakahOther.clusterId).not.toBe(saved.hasakahA.clusterId);
    });

    it('clusters reports of one event into one canonical event listing all sources', async () => {
      const battles = await store.queryEvents({ types: ['Battles'] });
      expect(battles.items).toHaveLength(1);
      const clash = (await store.getEvent(battles.items[0].event_key))!;
      expect(clash.sources.map((s) => s.name).sort()).toEqual(['شبكة الفرات', 'موقع الخابور', 'وكالة الشرق']);
      expect(clash.report_count).toBe(3);
      expect(clash.source_count).toBe(2); // the wire copy is not an independent source
      // conservative figure: the lowest well-sourced toll, per-source values kept
      expect(clash.fatalities).toBe(8);
      expect(clash.sources.map((s) => s.values?.fatalities).sort()).toEqual([12, 12, 8]);
      expect(clash.sources.every((s) => (s.evidence_text ?? []).length === 1)).toBe(true);
      // any report key finds the canonical event
      for (const s of clash.sources) expect((await store.getEvent(s.event_key))?.event_key).toBe(clash.event_key);
      expect((await store.getEvent(clash.db_id))?.event_key).toBe(clash.event_key);
    });

    const filterCases: Array<[string, EventFilter, string[]]> = [
      ['date range inside January', { from: '2022-01-01', to: '2022-01-31' }, ['Armed clash/SY', 'Curfew/SY']],
      ['date range overlapping the curfew end', { from: '2022-01-31', to: '2022-02-10' }, ['Curfew/SY', 'Peaceful protest/SY']],
      ['event type', { types: ['Protests'] }, ['Peaceful protest/SY', 'Peaceful protest/YE']],
      ['sub-event type', { subTypes: ['Air/drone strike'] }, ['Air/drone strike/IQ']],
      ['actor id (any side)', { actors: ['isis'] }, ['Air/drone strike/IQ', 'Armed clash/SY']],
      ['actor text', { actorText: 'التحالف' }, ['Air/drone strike/IQ']],
      ['countries', { countries: ['IQ', 'YE'] }, ['Air/drone strike/IQ', 'Peaceful protest/YE']],
      ['admin1', { admin1: ['Idlib'] }, ['Peaceful protest/SY']],
      ['admin2', { admin2: ['Mosul'] }, ['Air/drone strike/IQ']],
      ['bbox around al-Hasakah', { bbox: [40, 36, 41.5, 37] }, ['Armed clash/SY', 'Curfew/SY']],
      ['minimum fatalities 6', { minFatalities: 6 }, ['Armed clash/SY']],
      ['minimum fatalities 5', { minFatalities: 5 }, ['Air/drone strike/IQ', 'Armed clash/SY']],
      ['source', { sources: ['شبكة الفرات'] }, ['Armed clash/SY', 'Curfew/SY', 'Peaceful protest/SY']],
      ['combined type and country', { types: ['Protests'], countries: ['SY'] }, ['Peaceful protest/SY']],
      ['no match', { types: ['Riots'] }, []],
    ];
    it.each(filterCases)('filters by %s', async (_name, filter, expected) => {
      expect(labels((await store.queryEvents(filter)).items)).toEqual(expected);
    });

    it('filters by document', async () => {
      expect(labels((await store.queryEvents({ documentId: saved.aden.documentId })).items)).toEqual(['Peaceful protest/YE']);
    });

    it('pages with a cursor and with an offset, in every sort order', async () => {
      const all = ['Peaceful protest/YE', 'Air/drone strike/IQ', 'Peaceful protest/SY', 'Curfew/SY', 'Armed clash/SY'];
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const p = await store.queryEvents({}, { limit: 2, cursor, sort: 'date_desc' });
        seen.push(...p.items.map(label));
        cursor = p.nextCursor;
        pages++;
      } while (cursor);
      expect(seen).toEqual(all);
      expect(pages).toBe(3);
      expect((await store.queryEvents({}, { limit: 2, offset: 2 })).items.map(label)).toEqual(all.slice(2, 4));
      expect((await store.queryEvents({}, { sort: 'date_asc' })).items.map(label)).toEqual([...all].reverse());
      const fat = await store.queryEvents({}, { sort: 'fatalities_desc', limit: 2, withTotal: true });
      expect(fat.items.map((e) => e.fatalities)).toEqual([8, 5]);
      expect(fat.total).toBe(5);
      const rest = await store.queryEvents({}, { sort: 'fatalities_desc', limit: 10, cursor: fat.nextCursor });
      expect(rest.items.map((e) => e.fatalities)).toEqual([null, null, null]);
      const ids: string[] = [];
      cursor = null;
      do {
        const p = await store.queryEvents({}, { limit: 3, cursor, sort: 'id_asc' });
        ids.push(...p.items.map(label));
        cursor = p.nextCursor;
      } while (cursor);
      expect(ids.sort()).toEqual([...all].sort());
    });

    it('counts totals exactly up to the cap, and an approximate total flagged as such beyond it', async () => {
      const exact = await store.queryEvents({}, { limit: 2, withTotal: true });
      expect([exact.total, exact.totalIsExact]).toEqual([5, true]);
      // the whole result in one page, by offset, through a cursor, with a filter
      expect(await store.queryEvents({}, { limit: 10, withTotal: true })).toMatchObject({ total: 5, totalIsExact: true });
      expect(await store.queryEvents({}, { limit: 2, offset: 4, withTotal: true })).toMatchObject({ total: 5, totalIsExact: true });
      expect(await store.queryEvents({}, { limit: 2, cursor: exact.nextCursor, withTotal: true })).toMatchObject({ total: 5, totalIsExact: true });
      expect(await store.queryEvents({ countries: ['SY'] }, { limit: 1, withTotal: true })).toMatchObject({ total: 3, totalIsExact: true });
      expect(await store.queryEvents({ countries: ['XX'] }, { withTotal: true })).toMatchObject({ items: [], total: 0, totalIsExact: true });
      // at the cap the count is still exact; beyond it the total is approximate: the cap, a
      // lower bound (SQLite), or the planner's estimate, never below the cap (PostgreSQL)
      expect(await store.queryEvents({}, { limit: 1, withTotal: true, totalCap: 5 })).toMatchObject({ total: 5, totalIsExact: true });
      const capped = await store.queryEvents({}, { limit: 1, withTotal: true, totalCap: 3 });
      expect([capped.items.length, capped.totalIsExact]).toEqual([1, false]);
      if (engine === 'sqlite') expect(capped.total).toBe(3);
      else expect(capped.total).toBeGreaterThanOrEqual(3);
      const sy = await store.queryEvents({ countries: ['SY'] }, { limit: 1, withTotal: true, totalCap: 2 });
      expect(sy.totalIsExact).toBe(false);
      expect(sy.total).toBeGreaterThanOrEqual(2);
      // no total unless asked
      expect((await store.queryEvents({}, { limit: 1 })).total).toBeUndefined();
    });

    it('counts events by type, day, admin1 and source', async () => {
      expect(await store.countEvents('type')).toEqual([
        { key: 'Protests', events: 2, fatalities: 0 },
        { key: 'Battles', events: 1, fatalities: 8 },
        { key: 'Explosions/Remote violence', events: 1, fatalities: 5 },
        { key: 'Movement restrictions', events: 1, fatalities: 0 },
      ]);
      expect((await store.countEvents('day')).map((r) => [r.key, r.events])).toEqual([
        ['2022-01-23', 1],
        ['2022-01-24', 1],
        ['2022-02-04', 1],
        ['2022-03-10', 1],
        ['2022-03-12', 1],
      ]);
      expect((await store.countEvents('month')).map((r) => [r.key, r.events])).toEqual([
        ['2022-01', 2],
        ['2022-02', 1],
        ['2022-03', 2],
      ]);
      expect((await store.countEvents('admin1', { countries: ['SY'] })).map((r) => [r.key, r.events])).toEqual([
        ['Al-Hasakah', 2],
        ['Idlib', 1],
      ]);
      const bySource = await store.countEvents('source');
      expect(bySource.find((r) => r.key === 'شبكة الفرات')).toEqual({ key: 'شبكة الفرات', events: 3, fatalities: 8 });
      expect(bySource.find((r) => r.key === 'موقع الخابور')).toEqual({ key: 'موقع الخابور', events: 2, fatalities: 8 });
    });

    // What full-text search must find, per engine. Both fold spelling and clitics; only
    // PostgreSQL's arabic stemmer also removes suffixes (عناصره / عناصر, المدنيون / المدنيين).
    const ftsCases: Array<[string, string, { sqlite: string[]; postgres: string[] }]> = [
      ['the bare name finds the clitic form (الحسكة)', 'الحسكة', { sqlite: ['Armed clash/SY', 'Curfew/SY'], postgres: ['Armed clash/SY', 'Curfew/SY'] }],
      ['a clitic form finds the bare name (بالحسكة)', 'بالحسكة', { sqlite: ['Armed clash/SY', 'Curfew/SY'], postgres: ['Armed clash/SY', 'Curfew/SY'] }],
      ['the conjunction is stripped (والتحالف)', 'والتحالف', { sqlite: ['Air/drone strike/IQ'], postgres: ['Air/drone strike/IQ'] }],
      ['hamza and teh marbuta are folded (مبنى المحافظه)', 'مبنى المحافظه', { sqlite: ['Peaceful protest/YE'], postgres: ['Peaceful protest/YE'] }],
      ['words are ANDed (حظر عدن)', 'حظر عدن', { sqlite: [], postgres: [] }],
      ['a suffixed form: exact in SQLite, stemmed in PostgreSQL', 'عناصره', { sqlite: ['Air/drone strike/IQ'], postgres: ['Air/drone strike/IQ', 'Armed clash/SY', 'Curfew/SY'] }],
      ['an absent word', 'دمشق', { sqlite: [], postgres: [] }],
    ];
    it.each(ftsCases)('full-text: %s', async (_name, q, expected) => {
      expect(labels((await store.queryEvents({ text: q })).items)).toEqual(expected[engine]);
      // the frequent-word strategy (walk the ordered index, keep matching ids) finds the same
      store.frequentTextMatches = 0;
      try {
        expect(labels((await store.queryEvents({ text: q })).items)).toEqual(expected[engine]);
        const paged: string[] = [];
        let cursor: string | null = null;
        do {
          const p = await store.queryEvents({ text: q }, { limit: 1, cursor });
          paged.push(...p.items.map(label));
          cursor = p.nextCursor;
        } while (cursor);
        expect(paged.sort()).toEqual(expected[engine]);
      } finally {
        store.frequentTextMatches = 5000;
      }
    });

    it('searches documents', async () => {
      expect((await store.searchDocuments('الخبز')).map((d) => d.doc_id)).toEqual(['shamal-9']);
      expect((await store.searchDocuments('بالحسكة')).map((d) => d.doc_id).sort()).toEqual(['furat-55', 'khabour-7', 'sharq-101']);
      const hit = (await store.searchDocuments('الرواتب'))[0];
      expect(hit.snippet).toContain('الرواتب');
      expect(await store.searchDocuments('طوكيو')).toEqual([]);
      // a plural ending: PostgreSQL's stemmer joins المدنيون and المدنيين, SQLite matches words exactly
      const civilians = (await store.searchDocuments('المدنيون')).map((d) => d.doc_id).sort();
      expect(civilians).toEqual(engine === 'postgres' ? ['khabour-7', 'sharq-101'] : []);
    });

    it('exports every event with its sources', async () => {
      const rows: StoredEvent[] = [];
      for await (const r of store.exportRows()) rows.push(r);
      expect(rows).toHaveLength(5);
      for (const r of rows) {
        expect(r.sources.length).toBeGreaterThan(0);
        for (const s of r.sources) expect(s).toMatchObject({ name: expect.any(String), document_id: expect.any(Number), doc_id: expect.any(String) });
      }
      const only: StoredEvent[] = [];
      for await (const r of store.exportRows({ countries: ['IQ'] })) only.push(r);
      expect(labels(only)).toEqual(['Air/drone strike/IQ']);
    });

    it('iterates stored documents for re-extraction', async () => {
      const docs = [];
      for await (const d of store.iterateDocuments({ batchSize: 4 })) docs.push(d);
      expect(docs.map((d) => d.input.id)).toEqual(ORDER.map((n) => FIXTURES[n].id));
      expect(docs[0].input.text).toBe(FIXTURES.hasakahA.text);
      expect(docs[0].input.published).toBe('2022-01-24');
      expect(docs[0].source).toBe('وكالة الشرق');
    });

    it('stores only a hash of API tokens', async () => {
      const plain = await store.createToken('ops-desk', 'editor');
      expect(plain).toMatch(/^rasad_[A-Za-z0-9_-]{20,}$/);
      expect(await store.verifyToken(plain)).toEqual({ name: 'ops-desk', role: 'editor' });
      expect(await store.verifyToken(plain + 'x')).toBeNull();
      expect(await store.verifyToken('')).toBeNull();
      const rows = await store.db.selectFrom('tokens').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(plain);
      expect(JSON.stringify(rows)).not.toContain(plain.slice(6));
      await expect(store.createToken('ops-desk', 'viewer')).rejects.toBeInstanceOf(StoreError);
      expect((await store.listTokens()).map((t) => [t.name, t.role, t.revoked])).toEqual([['ops-desk', 'editor', false]]);
      expect(await store.revokeToken('ops-desk')).toBe(true);
      expect(await store.verifyToken(plain)).toBeNull();
    });

    it('keeps saved searches and delivers each event once', async () => {
      const alert = await store.createAlert({ name: 'protests', filter: { types: ['Protests'] }, webhookUrl: 'http://127.0.0.1:9/hook', createdBy: 'ops' });
      expect((await store.listAlerts()).map((a) => a.name)).toContain('protests');
      const first = await store.newEventsForAlert(alert.id);
      expect(labels(first)).toEqual(['Peaceful protest/SY', 'Peaceful protest/YE']);
      await store.recordDelivery({ alertId: alert.id, eventKeys: [first[0].event_key], status: 'ok', httpStatus: 200 });
      await store.recordDelivery({ alertId: alert.id, eventKeys: [first[1].event_key], status: 'failed', httpStatus: 500, error: 'server error' });
      expect((await store.newEventsForAlert(alert.id)).map((e) => e.event_key)).toEqual([first[1].event_key]);
      const log = await store.listDeliveries(alert.id);
      expect(log.map((d) => [d.status, d.http_status])).toEqual([
        ['failed', 500],
        ['ok', 200],
      ]);
      expect(await store.deleteAlert(alert.id)).toBe(true);
      expect(await store.listAlerts()).toEqual([]);
    });
  });

  describe.skipIf(skip)('corrections, reviews and re-extraction', () => {
    let store: SqlStore;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      store = await openSqlStore(await freshLocation(engine));
      for (const name of ['hasakahA', 'hasakahOther', 'mosul'] as const) ids[name] = (await saveFixture(store, FIXTURES[name])).documentId;
    });
    afterAll(async () => store?.close());

    it('applies a correction on read and in exports, keeping the original', async () => {
      const clash = (await store.queryEvents({ types: ['Battles'] })).items[0];
      expect(clash.fatalities).toBe(8);
      const c = await store.addCorrection({ eventKey: clash.event_key, field: 'fatalities', newValue: 10, who: 'analyst-1', note: 'hospital figure' });
      expect(c).toMatchObject({ field: 'fatalities', old_value: 8, new_value: 10, who: 'analyst-1', note: 'hospital figure' });
      const after = (await store.getEvent(clash.event_key))!;
      expect(after.fatalities).toBe(10);
      expect(after.corrected).toBe(true);
      expect(after.original).toEqual({ fatalities: 8 });
      // the corrected value is what filters see
      expect(labels((await store.queryEvents({ minFatalities: 10 })).items)).toEqual(['Armed clash/SY']);
      const exported: StoredEvent[] = [];
      for await (const r of store.exportRows({ types: ['Battles'] })) exported.push(r);
      expect(exported[0]).toMatchObject({ fatalities: 10, corrected: true });
      // a nested field
      await store.addCorrection({ eventKey: clash.event_key, field: 'date.start', newValue: '2022-01-22', who: 'analyst-1' });
      const dated = (await store.getEvent(clash.event_key))!;
      expect(dated.date.start).toBe('2022-01-22');
      expect(dated.original).toEqual({ fatalities: 8, 'date.start': '2022-01-23' });
    });

    it('rejects corrections to unknown events and fields', async () => {
      const clash = (await store.queryEvents({ types: ['Battles'] })).items[0];
      await expect(store.addCorrection({ eventKey: 'f'.repeat(40), field: 'fatalities', newValue: 1, who: 'x' })).rejects.toMatchObject({ code: 'not_found' });
      await expect(store.addCorrection({ eventKey: clash.event_key, field: 'db_id', newValue: 1, who: 'x' })).rejects.toMatchObject({ code: 'invalid' });
    });

    it('keeps corrections attached through re-extraction (stable event keys)', async () => {
      const r = await store.replaceDocumentEvents(ids.hasakahA, makeResult(FIXTURES.hasakahA));
      expect(r.eventKeys).toHaveLength(2);
      const clash = (await store.queryEvents({ types: ['Battles'] })).items[0];
      expect(clash).toMatchObject({ fatalities: 10, corrected: true, report_count: 2 });
      expect(await store.listOrphanCorrections()).toEqual([]);
    });

    it('lists corrections whose event disappeared after re-extraction, never drops them', async () => {
      const strike = (await store.queryEvents({ types: ['Explosions/Remote violence'] })).items[0];
      await store.addCorrection({ eventKey: strike.event_key, field: 'sub_event_type', newValue: 'Shelling/artillery/missile attack', who: 'analyst-2' });
      expect((await store.getEvent(strike.event_key))!.sub_event_type).toBe('Shelling/artillery/missile attack');
      // the improved extractor anchors the strike on different words: a new key
      const f = FIXTURES.mosul;
      const result = makeResult(f);
      result.events = [makeEvent(f.text, { ...f.events[0], anchor: 'مواقع لتنظيم داعش' })];
      await store.replaceDocumentEvents(ids.mosul, result);
      const orphans = await store.listOrphanCorrections();
      expect(orphans.map((o) => [o.field, o.who])).toEqual([['sub_event_type', 'analyst-2']]);
      const now = (await store.queryEvents({ types: ['Explosions/Remote violence'] })).items;
      expect(now).toHaveLength(1);
      expect(now[0]).toMatchObject({ sub_event_type: 'Air/drone strike', corrected: false });
      expect((await store.listCorrections()).length).toBe(3);
      // re-extraction finding nothing removes the event, the correction stays an orphan
      await store.replaceDocumentEvents(ids.mosul, { ...result, events: [] });
      expect((await store.queryEvents({ types: ['Explosions/Remote violence'] })).items).toEqual([]);
      expect((await store.listOrphanCorrections()).length).toBe(1);
      expect((await store.stats()).orphanCorrections).toBe(1);
    });

    it('hides rejected events unless asked, and records reviews', async () => {
      const curfew = (await store.queryEvents({ types: ['Movement restrictions'] })).items[0];
      await store.reviewEvent(curfew.event_key, 'rejected', 'editor-1');
      expect((await store.queryEvents({ types: ['Movement restrictions'] })).items).toEqual([]);
      const rejected = (await store.queryEvents({ review: 'rejected' })).items;
      expect(rejected.map((e) => [label(e), e.review?.status, e.review?.who])).toEqual([['Curfew/SY', 'rejected', 'editor-1']]);
      await store.reviewEvent(curfew.event_key, 'confirmed', 'editor-2');
      expect((await store.queryEvents({ review: 'confirmed' })).items.map(label)).toEqual(['Curfew/SY']);
      expect((await store.queryEvents({ review: 'unreviewed' })).items.map(label)).toEqual(['Armed clash/SY']);
      await expect(store.reviewEvent('0'.repeat(40), 'confirmed', 'x')).rejects.toMatchObject({ code: 'not_found' });
    });
  });

  describe.skipIf(skip)('order independence', () => {
    it('gives the same canonical events whatever the order documents arrive in', async () => {
      const a = await openSqlStore(await freshLocation(engine));
      const b = await openSqlStore(await freshLocation(engine));
      try {
        for (const n of ORDER) await saveFixture(a, FIXTURES[n]);
        for (const n of [...ORDER].reverse()) await saveFixture(b, FIXTURES[n]);
        const sa = await snapshot(a);
        expect(sa).toHaveLength(5);
        expect(await snapshot(b)).toEqual(sa);
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('clusters forty reports of ten events the same way sequentially and with two concurrent writers', async () => {
      const docs = multiOutletFixtures();
      const seq = await openSqlStore(await freshLocation(engine));
      const loc = await freshLocation(engine);
      const w1 = await openSqlStore(loc);
      const w2 = await openSqlStore(loc);
      try {
        for (const f of docs) await saveFixture(seq, f);
        // a deterministic shuffle, split between two writers running at once
        const shuffled = docs.map((f, i) => [(i * 7919) % 41, f] as const).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
        await Promise.all([
          (async () => {
            for (const f of shuffled.filter((_, i) => i % 2 === 0)) await saveFixture(w1, f);
          })(),
          (async () => {
            for (const f of shuffled.filter((_, i) => i % 2 === 1)) await saveFixture(w2, f);
          })(),
        ]);
        const expected = await snapshot(seq);
        expect(expected).toHaveLength(10);
        expect(expected.every((e: any) => e.reports === 4 && e.sources === 4 && e.fatalities === 10)).toBe(true);
        expect(await snapshot(w1)).toEqual(expected);
      } finally {
        await seq.close();
        await w1.close();
        await w2.close();
      }
    });

    it('does not chain daily events into one, and matches the reference grouping in any order', async () => {
      const docs = dailyClashFixtures(20);
      const a = await openSqlStore(await freshLocation(engine));
      const b = await openSqlStore(await freshLocation(engine));
      try {
        for (const f of docs) await saveFixture(a, f);
        for (const f of docs.map((f, i) => [(i * 37) % 41, f] as const).sort((x, y) => x[0] - y[0]).map((x) => x[1])) await saveFixture(b, f);
        const sa = await snapshot(a);
        expect(await snapshot(b)).toEqual(sa);
        // no event runs longer than three days, and no report is lost
        for (const e of sa as any[]) expect(Date.parse(e.date.end) - Date.parse(e.date.start)).toBeLessThanOrEqual(2 * 86_400_000);
        expect((sa as any[]).reduce((n, e) => n + e.reports, 0)).toBe(40);
        // re-extraction moves or drops some reports; the groups must still match the reference
        const ids = new Map<string, number>();
        for await (const d of a.iterateDocuments()) ids.set(d.input.id, d.documentId);
        for (const [n, shift] of [[3, 2], [10, -1], [17, 0]] as const) {
          const f = docs[n];
          const result = makeResult(f);
          if (n === 17) result.events = [];
          else result.events[0].date = { ...result.events[0].date, start: addDays(result.events[0].date.start!, shift), end: addDays(result.events[0].date.end!, shift) };
          await a.replaceDocumentEvents(ids.get(f.id)!, result);
        }
        expect(((await snapshot(a)) as any[]).reduce((n, e) => n + e.reports, 0)).toBe(39);
        // the incremental store agrees with leader clustering over the whole set at once
        expect(await storedGroups(a)).toEqual(await referenceGroups(a));
      } finally {
        await a.close();
        await b.close();
      }
    });

    it.each([1, 2, 3])('agrees with the reference grouping on random reports and re-extractions (seed %i)', async (seed) => {
      const docs = randomReportFixtures(45, seed);
      const store = await openSqlStore(await freshLocation(engine));
      try {
        const order = docs.map((f, i) => [((i + seed) * 7919) % 53, f] as const).sort((x, y) => x[0] - y[0]).map((x) => x[1]);
        for (const f of order) await saveFixture(store, f);
        const ids = new Map<string, number>();
        for await (const d of store.iterateDocuments()) ids.set(d.input.id, d.documentId);
        // re-extract a few: move one day, drop the event, or keep it
        for (let i = 0; i < 9; i++) {
          const f = docs[(i * 5 + seed) % docs.length];
          const result = makeResult(f);
          if (i % 3 === 0) result.events = [];
          else if (i % 3 === 1) result.events[0].date = { ...result.events[0].date, start: addDays(result.events[0].date.start!, 1), end: addDays(result.events[0].date.end!, 1) };
          await store.replaceDocumentEvents(ids.get(f.id)!, result);
        }
        expect(await storedGroups(store)).toEqual(await referenceGroups(store));
      } finally {
        await store.close();
      }
    });

    it('gives the same result when two writers save at the same time', async () => {
      const seq = await openSqlStore(await freshLocation(engine));
      const loc = await freshLocation(engine);
      const w1 = await openSqlStore(loc);
      const w2 = await openSqlStore(loc);
      try {
        for (const n of ORDER) await saveFixture(seq, FIXTURES[n]);
        await Promise.all([
          (async () => {
            for (const n of ['hasakahA', 'hasakahOther', 'mosul'] as const) await saveFixture(w1, FIXTURES[n]);
          })(),
          (async () => {
            for (const n of ['hasakahCopy', 'aden', 'idlib'] as const) await saveFixture(w2, FIXTURES[n]);
          })(),
        ]);
        expect(await snapshot(w1)).toEqual(await snapshot(seq));
      } finally {
        await seq.close();
        await w1.close();
        await w2.close();
      }
    });
  });
});

describe.skipIf(!engines.includes('sqlite'))('SQLite crash safety', () => {
  const child = fileURLToPath(new URL('../../src/store/testing/crash-child.ts', import.meta.url));
  const total = 400;

  function runChild(dbPath: string, killAfter: number | null, mode: 'save' | 'ingest' = 'save'): Promise<{ saved: number; code: number | null; signal: string | null }> {
    return new Promise((done, fail) => {
      const p = spawn(process.execPath, ['--import', 'tsx', child, dbPath, String(total), ...(mode === 'ingest' ? ['ingest'] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
      let saved = 0;
      let err = '';
      p.stdout.setEncoding('utf8');
      p.stdout.on('data', (chunk: string) => {
        const m = chunk.match(/saved (\d+)/g);
        if (m) saved = Number(m[m.length - 1].slice(6));
        if (killAfter != null && saved >= killAfter && p.exitCode == null) p.kill('SIGKILL');
      });
      p.stderr.on('data', (c) => (err += c));
      p.on('error', fail);
      p.on('exit', (code, signal) => (code && code !== 0 ? fail(new Error(`child failed: ${err}`)) : done({ saved, code, signal })));
    });
  }

  it('survives kill -9 in the middle of a large save: consistent, no partial document, resumable', async () => {
    const dbPath = join(tmp, 'crash.db');
    const first = await runChild(dbPath, 60);
    expect(first.signal).toBe('SIGKILL');
    const store = await openSqlStore(dbPath);
    try {
      expect(await store.integrityCheck()).toBe('ok');
      const docs = Number((await sql<{ n: number }>`select count(*) as n from documents`.execute(store.db)).rows[0].n);
      expect(docs).toBeGreaterThanOrEqual(60);
      expect(docs).toBeLessThan(total);
      // every synthetic document has exactly one event; none may be stored without it
      const partial = await sql<{ n: number }>`select count(*) as n from documents d where not exists (select 1 from event_documents r where r.document_id = d.id)`.execute(store.db);
      expect(Number(partial.rows[0].n)).toBe(0);
      const unclustered = await sql<{ n: number }>`select count(*) as n from event_documents where event_id is null`.execute(store.db);
      expect(Number(unclustered.rows[0].n)).toBe(0);
    } finally {
      await store.close();
    }
    const second = await runChild(dbPath, null);
    expect(second.code).toBe(0);
    const again = await openSqlStore(dbPath);
    try {
      expect(await again.integrityCheck()).toBe('ok');
      expect((await again.stats()).documents).toBe(total);
      expect((await again.stats()).reports).toBe(total);
      expect(syntheticFixture(0).events).toHaveLength(1);
    } finally {
      await again.close();
    }
  });

  it('survives kill -9 during batch ingest (extraction threads, batched transactions): whole documents only, resumable', async () => {
    const dbPath = join(tmp, 'crash-ingest.db');
    const first = await runChild(dbPath, 40, 'ingest');
    expect(first.signal).toBe('SIGKILL');
    // what the extractor gives for every document, to check that none is stored in part
    const { extractDocument } = await import('../../src/pipeline.ts');
    const expected = new Map<string, number>();
    for (let i = 0; i < total; i++) {
      const f = syntheticFixture(i);
      expected.set(f.id, extractDocument({ id: f.id, text: f.text, published: f.published, source: f.source }).events.length);
    }
    const check = async () => {
      const store = await openSqlStore(dbPath);
      try {
        expect(await store.integrityCheck()).toBe('ok');
        const rows = await sql<{ doc_id: string; n: number }>`select d.doc_id, count(r.id) as n from documents d left join event_documents r on r.document_id = d.id group by d.id, d.doc_id`.execute(store.db);
        for (const r of rows.rows) expect([r.doc_id, Number(r.n)]).toEqual([r.doc_id, expected.get(r.doc_id)]);
        const unclustered = await sql<{ n: number }>`select count(*) as n from event_documents where event_id is null`.execute(store.db);
        expect(Number(unclustered.rows[0].n)).toBe(0);
        return rows.rows.length;
      } finally {
        await store.close();
      }
    };
    const stored = await check();
    expect(stored).toBeGreaterThanOrEqual(40);
    expect(stored).toBeLessThan(total);
    const second = await runChild(dbPath, null, 'ingest');
    expect(second.code).toBe(0);
    expect(second.saved).toBe(total - stored);
    expect(await check()).toBe(total);
  });
});
