/**
 * @module api/routes/documents
 * Documents: one stored document with its cleaned text and events, Arabic full-text search,
 * and ingestion (one document or a batch) through the injected extraction.
 */
import { Hono } from 'hono';
import type { InputDocument } from '../../types.ts';
import type { ApiEnv } from '../auth.ts';
import { ApiError } from '../errors.ts';
import { DocumentQuerySchema, IngestBodySchema, SearchQuerySchema } from '../schemas.ts';
import { intParam, readJson, readQuery } from '../validate.ts';
import { writeGuard, type RouteDeps } from './deps.ts';

/** One entry of an ingest answer. */
export interface IngestItem {
  id: string | null;
  status: 'inserted' | 'duplicate' | 'near-duplicate' | 'error';
  document_id: number | null;
  event_keys: string[];
  warnings?: string[];
  error?: { code: string; message: string };
}

export function documentRoutes(deps: RouteDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { store } = deps;

  app.get('/documents/:id', async (c) => {
    const id = intParam(c, 'id', 'document');
    const q = readQuery(c, DocumentQuerySchema);
    const doc = await store.getDocument(id);
    if (!doc) throw new ApiError(404, 'not_found', `no document with id ${id}`);
    const { raw, simhash: _simhash, ...rest } = doc;
    return c.json(q.raw === '1' ? { ...rest, raw } : rest);
  });

  app.get('/search', async (c) => {
    const q = readQuery(c, SearchQuerySchema);
    const [documents, events] = await Promise.all([
      store.searchDocuments(q.q, q.limit),
      store.queryEvents({ text: q.q }, { limit: q.limit, sort: 'date_desc' }),
    ]);
    return c.json({ q: q.q, documents, events: events.items });
  });

  async function ingestOne(doc: InputDocument): Promise<IngestItem> {
    if (!deps.extract) throw new ApiError(501, 'not_implemented', 'this server was started without an extractor');
    let result;
    try {
      result = await deps.extract(doc);
    } catch (err) {
      return {
        id: doc.id,
        status: 'error',
        document_id: null,
        event_keys: [],
        error: { code: 'extraction_failed', message: err instanceof Error ? err.message : String(err) },
      };
    }
    const saved = await store.saveDocumentResult({ doc, result, sourceName: doc.source });
    const item: IngestItem = { id: doc.id, status: saved.status, document_id: saved.documentId, event_keys: saved.eventKeys };
    if (result.warnings?.length) item.warnings = result.warnings;
    return item;
  }

  app.post('/documents', writeGuard(deps, 'editor', deps.limits.ingestBytes), async (c) => {
    const body = await readJson(c, IngestBodySchema);
    if (!deps.extract) throw new ApiError(501, 'not_implemented', 'this server was started without an extractor');
    if ('documents' in body) {
      const results: IngestItem[] = [];
      // one at a time: extraction is CPU-bound and the store writes one transaction per document
      for (const d of body.documents) results.push(await ingestOne(d));
      if (results.some((r) => r.event_keys.length)) deps.dispatcher.kick();
      return c.json({ results }, 200);
    }
    const item = await ingestOne(body);
    if (item.status === 'error') throw new ApiError(422, 'extraction_failed', item.error!.message);
    if (item.event_keys.length) deps.dispatcher.kick();
    return c.json({ results: [item] }, item.status === 'duplicate' ? 200 : 201);
  });

  return app;
}
