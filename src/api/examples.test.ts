/**
 * @module api/examples.test
 *
 * [api/examples] The bundled examples (examples/documents.jsonl, the seed article among them)
 * ingested through POST /api/documents with the real extraction (src/pipeline.ts) into a real
 * SQLite store, then read back: evidence spans point at the right text, filters and exports
 * see the events.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/store.ts';
import { extractDocument } from '../pipeline.ts';
import { createAlertDispatcher } from './alerts.ts';
import { createApp, type RasadApp } from './server.ts';
import { DocumentSchema, EventDetailSchema, EventPageSchema, IngestResultSchema } from './schemas.ts';

const EXAMPLES = readFileSync(new URL('../../examples/documents.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { id: string; text: string; source: string });

let dir: string;
let store: Store;
let app: RasadApp;
let editor: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'rasad-examples-'));
  store = await openStore(path.join(dir, 'examples.db'));
  editor = await store.createToken('examples-editor', 'editor');
  const dispatcher = createAlertDispatcher({ store });
  await dispatcher.stop();
  app = createApp({ store, extract: extractDocument, dashboard: false, rateLimit: false, dispatcher });
});

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('[api/examples] ingest and read back', () => {
  it('ingests every example in one batch', async () => {
    const res = await app.request('/api/documents', {
      method: 'POST',
      headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' },
      body: JSON.stringify({ documents: EXAMPLES }),
    });
    expect(res.status).toBe(200);
    const { results } = IngestResultSchema.parse(await res.json());
    expect(results.map((r) => [r.id, r.status])).toEqual(EXAMPLES.map((d) => [d.id, 'inserted']));
    expect(results.find((r) => r.id === 'seed-hasakah')!.event_keys.length).toBeGreaterThan(0);
  });

  it('lists the seed events, each with evidence that is text of its document', async () => {
    const page = EventPageSchema.parse(await (await app.request('/api/events?source=seed&limit=100')).json());
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) {
      const ev = EventDetailSchema.parse(await (await app.request(`/api/events/${item.event_key}`)).json());
      for (const src of ev.sources) {
        const doc = DocumentSchema.parse(await (await app.request(`/api/documents/${src.document_id}`)).json());
        expect(src.evidence.length).toBeGreaterThan(0);
        src.evidence.forEach((s, i) => expect(doc.text.slice(s.start, s.end)).toBe(src.evidence_text![i]));
        for (const ex of Object.values(src.values?.explain ?? {})) {
          if (!ex.span) continue;
          expect(ex.span.start).toBeGreaterThanOrEqual(0);
          expect(ex.span.end).toBeLessThanOrEqual(doc.text.length);
        }
      }
    }
  });

  it('finds the seed by Arabic search and exports every event', async () => {
    const search = await (await app.request(`/api/search?q=${encodeURIComponent('الحسكة')}`)).json();
    expect(search.documents.map((d: { doc_id: string }) => d.doc_id)).toContain('seed-hasakah');
    const total = EventPageSchema.parse(await (await app.request('/api/events?limit=1')).json()).total!;
    const jsonl = await (await app.request('/api/export?format=jsonl')).text();
    expect(jsonl.trim().split('\n')).toHaveLength(total);
  });
});
