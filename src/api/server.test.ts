/**
 * @module api/server.test
 *
 * [api] HTTP API over a real SQLite store in a temp dir, filled with the hand-written Arabic
 * fixtures (src/api/testing/fixtures.ts). Responses are checked against the same zod schemas
 * the OpenAPI description is generated from.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod/v4';
import { openStore, type Store } from '../store/store.ts';
import { createApp, type RasadApp } from './server.ts';
import { ROUTES } from './openapi.ts';
import {
  CountRowsSchema,
  DocumentSchema,
  ErrorSchema,
  EventDetailSchema,
  EventPageSchema,
  MetaSchema,
  SearchResultSchema,
} from './schemas.ts';
import { FIXTURES, fixtureExtract, loadFixtures, makeTokens } from './testing/fixtures.ts';

let dir: string;
let store: Store;
let app: RasadApp;
let keys: Map<string, string[]>;
let tokens: Record<'viewer' | 'editor' | 'admin', string>;

const keyOf = (docId: string, i = 0) => keys.get(docId)![i];

async function get(url: string) {
  const res = await app.request(url);
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  return { res, body: body as any };
}

function send(method: string, url: string, body: unknown, token?: string, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  return app.request(url, { method, headers: h, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(`response does not match its schema: ${JSON.stringify(r.error.issues.slice(0, 3))}`);
  return r.data;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'rasad-api-'));
  store = await openStore(path.join(dir, 'api.db'));
  keys = await loadFixtures(store);
  tokens = await makeTokens(store);
  app = createApp({ store, extract: fixtureExtract, dashboard: false, rateLimit: false });
});

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('[api] reading events', () => {
  it('counts totals exactly up to total_cap, then gives a lower bound', async () => {
    const capped = parse(EventPageSchema, (await get('/api/events?limit=1&total_cap=2')).body);
    expect([capped.items.length, capped.total, capped.total_is_exact]).toEqual([1, 2, false]);
    const exact = parse(EventPageSchema, (await get('/api/events?limit=1&total_cap=5')).body);
    expect([exact.total, exact.total_is_exact]).toEqual([5, true]);
  });

  it('lists every stored event with paging fields', async () => {
    const { res, body } = await get('/api/events');
    expect(res.status).toBe(200);
    const page = parse(EventPageSchema, body);
    expect(page.total).toBe(5);
    expect(page.total_is_exact).toBe(true);
    expect(page.items).toHaveLength(5);
    expect(page.items.map((e) => e.event_type).sort()).toEqual(
      ['Battles', 'Explosions/Remote violence', 'Movement restrictions', 'Protests', 'Strategic developments'].sort(),
    );
  });

  it.each([
    ['types=Battles', ['Battles']],
    ['types=Protests,Riots', ['Protests']],
    ['types=Protests&types=Battles', ['Battles', 'Protests']],
    ['sub_types=Curfew', ['Movement restrictions']],
    ['admin1=Homs', ['Strategic developments']],
    ['from=2022-02-01&to=2022-02-02', ['Explosions/Remote violence', 'Strategic developments']],
    ['from=2022-01-28&to=2022-01-29', ['Movement restrictions']],
    ['min_fatalities=5', ['Battles']],
    ['actors=sdf', ['Battles']],
    [`actor=${encodeURIComponent('داعش')}`, ['Battles']],
    ['bbox=40,36,41.5,37', ['Battles', 'Movement restrictions']],
    [`source=${encodeURIComponent('شبكة الرصد التجريبية')}`, ['Explosions/Remote violence']],
    [`q=${encodeURIComponent('حظر تجوال')}`, ['Movement restrictions']],
    ['country=sy&types=Protests', ['Protests']],
  ])('filter %s', async (query, types) => {
    const { res, body } = await get(`/api/events?${query}`);
    expect(res.status).toBe(200);
    expect(parse(EventPageSchema, body).items.map((e) => e.event_type).sort()).toEqual([...types].sort());
  });

  it.each([
    ['types=Wars', 'types'],
    ['from=2022-13', 'from'],
    ['limit=0', 'limit'],
    ['limit=5000', 'limit'],
    ['bbox=1,2,3', 'bbox'],
    ['min_fatalities=-1', 'min_fatalities'],
    ['sort=random', 'sort'],
    ['tpyes=Battles', 'tpyes'],
  ])('rejects bad parameter %s with 400 naming it', async (query, name) => {
    const { res, body } = await get(`/api/events?${query}`);
    expect(res.status).toBe(400);
    const err = parse(ErrorSchema, body);
    expect(err.error.code).toBe('validation_failed');
    expect(err.error.message).toContain(name);
  });

  it('pages with a cursor and with an offset, and sorts', async () => {
    const first = parse(EventPageSchema, (await get('/api/events?limit=2&sort=date_asc')).body);
    expect(first.items.map((e) => e.date.start)).toEqual(['2022-01-23', '2022-01-24']);
    expect(first.next_cursor).toBeTruthy();
    const second = parse(EventPageSchema, (await get(`/api/events?limit=2&sort=date_asc&cursor=${encodeURIComponent(first.next_cursor!)}`)).body);
    expect(second.items.map((e) => e.date.start)).toEqual(['2022-02-01', '2022-02-02']);
    const last = parse(EventPageSchema, (await get('/api/events?limit=2&offset=4&sort=date_asc')).body);
    expect(last.items.map((e) => e.date.start)).toEqual(['2022-02-04']);
    const byDeaths = parse(EventPageSchema, (await get('/api/events?sort=fatalities_desc&limit=1')).body);
    expect(byDeaths.items[0].fatalities).toBe(12);
  });

  it('gives one event with its sources, evidence spans and their text', async () => {
    const { res, body } = await get(`/api/events/${keyOf('test-hasakah', 0)}`);
    expect(res.status).toBe(200);
    const ev = parse(EventDetailSchema, body);
    const fixture = FIXTURES[0];
    expect(ev.sources).toHaveLength(1);
    const src = ev.sources[0];
    expect(src.doc_id).toBe('test-hasakah');
    expect(src.name).toBe('وكالة الاختبار');
    // every evidence span points at its text in the document's cleaned text
    src.evidence.forEach((span, i) => expect(fixture.doc.text!.slice(span.start, span.end)).toBe(src.evidence_text![i]));
    expect(ev.corrections).toEqual([]);
  });

  it.each([['no-such-key'], ['999999']])('answers 404 JSON for unknown event %s', async (id) => {
    const { res, body } = await get(`/api/events/${id}`);
    expect(res.status).toBe(404);
    expect(parse(ErrorSchema, body).error.code).toBe('not_found');
  });
});

describe('[api] documents, counts, search, export', () => {
  it('gives a document with its cleaned text and events', async () => {
    const ev = parse(EventDetailSchema, (await get(`/api/events/${keyOf('test-darat-izza')}`)).body);
    const { res, body } = await get(`/api/documents/${ev.sources[0].document_id}`);
    expect(res.status).toBe(200);
    const doc = parse(DocumentSchema, body);
    expect(doc.doc_id).toBe('test-darat-izza');
    expect(doc.text).toContain('دارة عزة');
    expect(doc.events.map((e) => e.event_key)).toEqual([keyOf('test-darat-izza')]);
    expect(body.raw).toBeUndefined();
  });

  it.each([['12345'], ['abc']])('answers 404 for document %s', async (id) => {
    const { res } = await get(`/api/documents/${id}`);
    expect(res.status).toBe(404);
  });

  it.each([
    ['type', { Battles: 1, Protests: 1, 'Movement restrictions': 1, 'Explosions/Remote violence': 1, 'Strategic developments': 1 }],
    ['admin1', { 'Al-Hasakah': 2, Aleppo: 1, Daraa: 1, Homs: 1 }],
  ])('counts events by %s', async (groupBy, expected) => {
    const { res, body } = await get(`/api/stats?group_by=${groupBy}`);
    expect(res.status).toBe(200);
    const rows = parse(CountRowsSchema, body).rows;
    expect(Object.fromEntries(rows.map((r) => [r.key, r.events]))).toEqual(expected);
  });

  it('counts by day with the same filters as /api/events', async () => {
    const rows = parse(CountRowsSchema, (await get('/api/stats?group_by=day&types=Battles')).body).rows;
    expect(rows).toEqual([{ key: '2022-01-23', events: 1, fatalities: 12 }]);
  });

  it('searches Arabic text over documents and events', async () => {
    const { res, body } = await get(`/api/search?q=${encodeURIComponent('الحسكة')}`);
    expect(res.status).toBe(200);
    const r = parse(SearchResultSchema, body);
    expect(r.documents.map((d) => d.doc_id)).toContain('test-hasakah');
    expect(r.documents.map((d) => d.doc_id)).not.toContain('test-daraa');
  });

  it.each([
    ['jsonl', 'application/x-ndjson', (t: string) => expect(t.trim().split('\n')).toHaveLength(5)],
    ['geojson', 'application/geo+json', (t: string) => expect(JSON.parse(t).features).toHaveLength(5)],
    ['acled-csv', 'text/csv', (t: string) => expect(t.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toMatch(/^event_id_cnty,/)],
    ['hxl', 'text/csv', (t: string) => expect(t.split(/\r?\n/)[1]).toContain('#')],
  ])('exports %s', async (format, type, check) => {
    const res = await app.request(`/api/export?format=${format}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    check(await res.text());
  });

  it('exports with filters', async () => {
    const res = await app.request('/api/export?format=jsonl&types=Battles');
    const lines = (await res.text()).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).event_type).toBe('Battles');
  });
});

describe('[api] contract and headers', () => {
  it('describes every route in /api/openapi.json, and only those', async () => {
    const { res, body } = await get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const documented = new Set(Object.entries(body.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    const real = new Set(
      app.routes
        .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    expect([...real].sort()).toEqual([...documented].sort());
    expect(ROUTES.length).toBe(documented.size);
    // every $ref resolves
    const refs = JSON.stringify(body).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const r of new Set(refs)) expect(body.components.schemas[r.split('/').pop()!], r).toBeDefined();
  });

  it('serves meta for the dashboard', async () => {
    const meta = parse(MetaSchema, (await get('/api/meta')).body);
    expect(meta.event_types.Battles).toContain('Armed clash');
    expect(meta.export_formats).toContain('acled-csv');
  });

  it.each([['/api/events'], ['/api/openapi.json'], ['/api/nope']])('sets security headers on %s', async (url) => {
    const res = await app.request(url);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers unknown API routes with JSON 404', async () => {
    const { res, body } = await get('/api/nope');
    expect(res.status).toBe(404);
    expect(parse(ErrorSchema, body).error.code).toBe('not_found');
  });
});
