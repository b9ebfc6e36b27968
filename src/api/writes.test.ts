/**
 * @module api/writes.test
 *
 * [api/writes] Every write over a real SQLite store: refused without a token (401), with an
 * unknown token (401) and with a role too low (403), each time leaving the store exactly as it
 * was; allowed for the right role, with corrections recorded under the token's name. Also
 * ingest, body limits, the write rate limit, and alerts delivered to a local webhook.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/store.ts';
import { createAlertDispatcher } from './alerts.ts';
import { createApp, createApiToken, type RasadApp } from './server.ts';
import { ErrorSchema, EventSchema } from './schemas.ts';
import { FIXTURES, fixtureExtract, loadFixtures, makeTokens } from './testing/fixtures.ts';

let dir: string;
let store: Store;
let app: RasadApp;
let keys: Map<string, string[]>;
let tokens: Record<'viewer' | 'editor' | 'admin', string>;

const hasakahBattle = () => keys.get('test-hasakah')![0];

function send(method: string, url: string, body: unknown, token?: string, headers: Record<string, string> = {}, target: RasadApp = app) {
  const h: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  return target.request(url, { method, headers: h, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** Everything a refused write could have changed. */
async function snapshot(s: Store = store) {
  const ev = await s.getEvent(hasakahBattle());
  return {
    stats: await s.stats(),
    corrections: await s.listCorrections(),
    fatalities: ev?.fatalities,
    review: ev?.review ?? null,
    alerts: (await s.listAlerts()).length,
  };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'rasad-writes-'));
  store = await openStore(path.join(dir, 'writes.db'));
  keys = await loadFixtures(store, FIXTURES.slice(0, 3));
  tokens = await makeTokens(store);
  app = createApp({ store, extract: fixtureExtract, dashboard: false, rateLimit: false, dispatcher: await idleDispatcher() });
});

/** A dispatcher that never runs on its own: ingests in one test must not deliver another test's alerts. */
async function idleDispatcher() {
  const d = createAlertDispatcher({ store, log: () => {} });
  await d.stop();
  return d;
}

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Write = [name: string, method: string, url: () => string, body: unknown, role: 'editor' | 'admin'];
const WRITES: Write[] = [
  ['correct a field', 'POST', () => `/api/events/${hasakahBattle()}/corrections`, { field: 'fatalities', value: 99 }, 'editor'],
  ['review an event', 'POST', () => `/api/events/${hasakahBattle()}/review`, { status: 'rejected' }, 'editor'],
  ['ingest a document', 'POST', () => '/api/documents', { id: 'auth-probe', text: 'خبر قصير عن اجتماع في دمشق اليوم.' }, 'editor'],
  ['create an alert', 'POST', () => '/api/alerts', { name: 'probe', filter: {}, webhook_url: 'http://127.0.0.1:9/x' }, 'admin'],
];

describe('[api/writes] access', () => {
  it.each(WRITES)('%s without a token: 401, nothing changes', async (_n, method, url, body) => {
    const before = await snapshot();
    const res = await send(method, url(), body);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect(ErrorSchema.parse(await res.json()).error.code).toBe('unauthorized');
    expect(await snapshot()).toEqual(before);
  });

  it.each(WRITES)('%s with an unknown token: 401, nothing changes', async (_n, method, url, body) => {
    const before = await snapshot();
    const res = await send(method, url(), body, 'not-a-real-token-0123456789');
    expect(res.status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it.each(WRITES)('%s with a viewer token: 403, nothing changes', async (_n, method, url, body) => {
    const before = await snapshot();
    const res = await send(method, url(), body, tokens.viewer);
    expect(res.status).toBe(403);
    expect(ErrorSchema.parse(await res.json()).error.code).toBe('forbidden');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an editor where admin is needed (alerts), nothing changes', async () => {
    const before = await snapshot();
    const res = await send('POST', '/api/alerts', WRITES[3][3], tokens.editor);
    expect(res.status).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect((await app.request('/api/alerts', { headers: { authorization: `Bearer ${tokens.editor}` } })).status).toBe(403);
  });

  it('refuses a revoked token', async () => {
    const t = await createApiToken(store, 'temp editor', 'editor');
    expect(await store.revokeToken('temp editor')).toBe(true);
    const res = await send('POST', `/api/events/${hasakahBattle()}/corrections`, { field: 'fatalities', value: 1 }, t);
    expect(res.status).toBe(401);
  });

  it('tells a token who it is', async () => {
    const res = await app.request('/api/me', { headers: { authorization: `Bearer ${tokens.editor}` } });
    expect(await res.json()).toEqual({ name: 'editor-amal', role: 'editor' });
    expect((await app.request('/api/me')).status).toBe(401);
  });
});

describe('[api/writes] corrections and review', () => {
  it('records an editor correction with the token name as who, and keeps the old value', async () => {
    const res = await send('POST', `/api/events/${hasakahBattle()}/corrections`, { field: 'fatalities', value: 14, note: 'بيان لاحق رفع الحصيلة' }, tokens.editor);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.corrections[0]).toMatchObject({ field: 'fatalities', old_value: 12, new_value: 14, who: 'editor-amal' });
    const ev = EventSchema.parse(body.event);
    expect(ev.fatalities).toBe(14);
    expect(ev.corrected).toBe(true);
    expect(ev.original).toMatchObject({ fatalities: 12 });
    // and it is what every later read sees
    const again = await (await app.request(`/api/events/${hasakahBattle()}`)).json();
    expect(again.fatalities).toBe(14);
    expect(again.corrections.map((c: { who: string }) => c.who)).toEqual(['editor-amal']);
  });

  it.each([
    ['a negative count', { field: 'fatalities', value: -3 }],
    ['a count as text', { field: 'fatalities', value: 'many' }],
    ['an unknown field', { field: 'weather', value: 'rain' }],
    ['a sub-type of another type', { field: 'sub_event_type', value: 'Curfew' }],
    ['a type change without a sub-type', { field: 'event_type', value: 'Riots' }],
    ['a bad date', { field: 'date.start', value: '23/01/2022' }],
    ['a latitude out of range', { field: 'location.lat', value: 123 }],
    ['an extra key', { field: 'fatalities', value: 1, extra: true }],
  ])('refuses %s with 400 and records nothing', async (_n, body) => {
    const before = (await store.listCorrections()).length;
    const res = await send('POST', `/api/events/${hasakahBattle()}/corrections`, body, tokens.editor);
    expect(res.status).toBe(400);
    expect(ErrorSchema.parse(await res.json()).error.code).toBe('validation_failed');
    expect((await store.listCorrections()).length).toBe(before);
  });

  it('changes the type together with a sub-type of the new type', async () => {
    const key = keys.get('test-daraa')![0];
    const res = await send('POST', `/api/events/${key}/corrections`, { field: 'event_type', value: 'Riots', sub_event_type: 'Violent demonstration' }, tokens.editor);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.corrections.map((c: { field: string }) => c.field)).toEqual(['event_type', 'sub_event_type']);
    expect(body.event).toMatchObject({ event_type: 'Riots', sub_event_type: 'Violent demonstration' });
  });

  it('turns an actor typed as a name into an actor', async () => {
    const key = keys.get('test-darat-izza')![0];
    const res = await send('POST', `/api/events/${key}/corrections`, { field: 'actor1', value: 'قوات النظام السوري' }, tokens.editor);
    expect(res.status).toBe(201);
    const ev = (await res.json()).event;
    expect(ev.actor1).toMatchObject({ name: 'قوات النظام السوري', name_ar: 'قوات النظام السوري', text: 'قوات النظام السوري' });
    expect(ev.actor1.id).toBe('قوات-النظام-السوري');
  });

  it('confirms, then rejects; a rejected event leaves the default list', async () => {
    const key = keys.get('test-hasakah')![1];
    let res = await send('POST', `/api/events/${key}/review`, { status: 'confirmed' }, tokens.editor);
    expect(res.status).toBe(200);
    expect((await res.json()).event.review).toMatchObject({ status: 'confirmed', who: 'editor-amal' });
    res = await send('POST', `/api/events/${key}/review`, { status: 'rejected' }, tokens.editor);
    expect((await res.json()).event.review.status).toBe('rejected');
    const listed = await (await app.request('/api/events?limit=100')).json();
    expect(listed.items.map((e: { event_key: string }) => e.event_key)).not.toContain(key);
    const rejected = await (await app.request('/api/events?review=rejected')).json();
    expect(rejected.items.map((e: { event_key: string }) => e.event_key)).toEqual([key]);
    // still readable by id, marked rejected
    expect((await (await app.request(`/api/events/${key}`)).json()).review.status).toBe('rejected');
  });
});

describe('[api/writes] ingest', () => {
  it('ingests one document through the injected extraction, then sees it as a duplicate', async () => {
    const doc = FIXTURES[3].doc;
    let res = await send('POST', '/api/documents', doc, tokens.editor);
    expect(res.status).toBe(201);
    const first = (await res.json()).results[0];
    expect(first).toMatchObject({ id: 'test-homs-hostile', status: 'inserted' });
    expect(first.event_keys).toHaveLength(1);
    res = await send('POST', '/api/documents', doc, tokens.editor);
    expect(res.status).toBe(200);
    expect((await res.json()).results[0].status).toBe('duplicate');
    const ev = await (await app.request(`/api/events/${first.event_keys[0]}`)).json();
    expect(ev.event_type).toBe('Strategic developments');
    keys.set('test-homs-hostile', first.event_keys);
  });

  it('ingests a batch and reports each document', async () => {
    const res = await send(
      'POST',
      '/api/documents',
      { documents: [{ id: 'batch-1', text: 'التقى وزيرا الخارجية في عمّان صباح اليوم.' }, { id: 'batch-2', html: '<p>افتتحت البلدية حديقة جديدة.</p>' }] },
      tokens.editor,
    );
    expect(res.status).toBe(200);
    const results = (await res.json()).results;
    expect(results.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      ['batch-1', 'inserted'],
      ['batch-2', 'inserted'],
    ]);
  });

  it.each([
    ['a document without text or html', { id: 'x' }, 400, 'validation_failed'],
    ['a document without id', { text: 'نص' }, 400, 'validation_failed'],
    ['an empty batch', { documents: [] }, 400, 'validation_failed'],
    ['a bad published date', { id: 'x', text: 'نص', published: 'yesterday' }, 400, 'validation_failed'],
    ['invalid JSON', '{"id": "x", "text": ', 400, 'invalid_json'],
  ])('refuses %s', async (_n, body, status, code) => {
    const before = await store.stats();
    const res = await send('POST', '/api/documents', body, tokens.editor);
    expect(res.status).toBe(status);
    expect((await res.json()).error.code).toBe(code);
    expect(await store.stats()).toEqual(before);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await send('POST', '/api/documents', 'id=x', tokens.editor, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
  });

  it('refuses a body over the size limit with 413', async () => {
    const small = createApp({ store, extract: fixtureExtract, dashboard: false, rateLimit: false, limits: { ingestBytes: 200, writeBytes: 100 }, dispatcher: await idleDispatcher() });
    const big = { id: 'big', text: 'ا'.repeat(500) };
    const res = await send('POST', '/api/documents', big, tokens.editor, {}, small);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
    const res2 = await send('POST', `/api/events/${hasakahBattle()}/corrections`, { field: 'fatalities', value: 1, note: 'ب'.repeat(200) }, tokens.editor, {}, small);
    expect(res2.status).toBe(413);
  });

  it('answers 422 when the extraction fails, and 501 without an extractor', async () => {
    const failing = createApp({ store, extract: () => { throw new Error('extractor broke'); }, dashboard: false, rateLimit: false, dispatcher: await idleDispatcher() });
    let res = await send('POST', '/api/documents', { id: 'boom', text: 'نص' }, tokens.editor, {}, failing);
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({ code: 'extraction_failed', message: 'extractor broke' });
    const none = createApp({ store, dashboard: false, rateLimit: false, dispatcher: await idleDispatcher() });
    res = await send('POST', '/api/documents', { id: 'boom', text: 'نص' }, tokens.editor, {}, none);
    expect(res.status).toBe(501);
  });

  it('limits writes per token with a sliding window (429 + Retry-After)', async () => {
    const limited = createApp({ store, extract: fixtureExtract, dashboard: false, rateLimit: { max: 2, windowMs: 60_000 }, dispatcher: await idleDispatcher() });
    const url = `/api/events/${hasakahBattle()}/review`;
    expect((await send('POST', url, { status: 'confirmed' }, tokens.editor, {}, limited)).status).toBe(200);
    expect((await send('POST', url, { status: 'confirmed' }, tokens.editor, {}, limited)).status).toBe(200);
    const third = await send('POST', url, { status: 'confirmed' }, tokens.editor, {}, limited);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    // another token has its own window
    expect((await send('POST', url, { status: 'confirmed' }, tokens.admin, {}, limited)).status).toBe(200);
  });
});

describe('[api/writes] alerts', () => {
  let hook: Server;
  let hookUrl: string;
  const received: Array<{ body: any; status: number }> = [];
  let answer = 200;

  beforeAll(async () => {
    hook = createServer((req: IncomingMessage, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        received.push({ body: JSON.parse(data), status: answer });
        res.statusCode = answer;
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const addr = hook.address() as { port: number };
    hookUrl = `http://127.0.0.1:${addr.port}/hook`;
  });

  afterAll(() => new Promise<void>((r) => hook.close(() => r())));

  it('saves an alert, posts matching events to the webhook, logs deliveries and retries failures', async () => {
    const dispatcher = createAlertDispatcher({ store, attempts: 3, backoffMs: 1, log: () => {} });
    const admin = createApp({ store, extract: fixtureExtract, dashboard: false, rateLimit: false, dispatcher });
    let res = await send('POST', '/api/alerts', { name: 'قصف في حلب', filter: { types: 'Explosions/Remote violence', admin1: ['Aleppo'] }, webhook_url: hookUrl }, tokens.admin, {}, admin);
    expect(res.status).toBe(201);
    const alert = await res.json();
    expect(alert.filter).toEqual({ types: ['Explosions/Remote violence'], admin1: ['Aleppo'] });
    expect(alert.created_by).toBe('admin-sami');

    // a failing webhook: three attempts, one failed delivery in the log
    answer = 503;
    res = await send('POST', `/api/alerts/${alert.id}/dispatch`, {}, tokens.admin, {}, admin);
    expect(res.status).toBe(200);
    expect((await res.json()).deliveries[0]).toMatchObject({ status: 'failed', http_status: 503 });
    expect(received).toHaveLength(3);

    // the webhook recovers: the same event is delivered, once
    answer = 200;
    await dispatcher.runOnce(alert.id);
    expect(received).toHaveLength(4);
    const message = received[3].body;
    expect(message.alert).toMatchObject({ id: alert.id, name: 'قصف في حلب' });
    expect(message.events.map((e: { event_key: string }) => e.event_key)).toEqual(keys.get('test-darat-izza'));
    await dispatcher.runOnce(alert.id);
    expect(received).toHaveLength(4);

    res = await admin.request(`/api/alerts/${alert.id}/deliveries`, { headers: { authorization: `Bearer ${tokens.admin}` } });
    const log = await res.json();
    expect(log.deliveries.map((d: { status: string }) => d.status).sort()).toEqual(['failed', 'ok']);

    const list = await (await admin.request('/api/alerts', { headers: { authorization: `Bearer ${tokens.admin}` } })).json();
    expect(list.alerts.map((a: { id: number }) => a.id)).toContain(alert.id);
    res = await admin.request(`/api/alerts/${alert.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens.admin}` } });
    expect(res.status).toBe(204);
    res = await admin.request(`/api/alerts/${alert.id}/deliveries`, { headers: { authorization: `Bearer ${tokens.admin}` } });
    expect(res.status).toBe(404);
  });

  it.each([
    ['a webhook that is not http(s)', { name: 'x', webhook_url: 'file:///etc/passwd' }],
    ['an unknown filter', { name: 'x', filter: { colour: 'red' } }],
    ['no name', { filter: {} }],
  ])('refuses an alert with %s', async (_n, body) => {
    const res = await send('POST', '/api/alerts', body, tokens.admin);
    expect(res.status).toBe(400);
  });
});
