/**
 * @module ingest/extract-thread
 * Body of one extraction thread of batch ingest (src/ingest/extract-pool.ts): receives
 * documents, runs the extraction pipeline and the store's database-free preparation
 * (src/store/prepare.ts), and posts back a SaveDocumentInput ready for the writer.
 */
import { parentPort } from 'node:worker_threads';
import { extractDocument } from '../pipeline.ts';
import { prepareDocument } from '../store/prepare.ts';
import type { SaveDocumentInput } from '../store/store.ts';
import type { InputDocument } from '../types.ts';

export interface ExtractRequest {
  id: number;
  doc: InputDocument;
  hash: string;
  source?: string;
}

export type ExtractReply = { id: number; input: SaveDocumentInput } | { id: number; error: string };

/** What the thread does with one document (also used inline, without threads). */
export function extractForSave(req: Omit<ExtractRequest, 'id'>): SaveDocumentInput {
  const { doc, hash, source } = req;
  const result = extractDocument(doc);
  const input: SaveDocumentInput = {
    doc: { ...doc, raw: doc.html ?? doc.text, content_hash: hash },
    result,
    sourceName: doc.source ?? source,
  };
  input.prepared = prepareDocument(input);
  return input;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (req: ExtractRequest) => {
    let reply: ExtractReply;
    try {
      reply = { id: req.id, input: extractForSave(req) };
    } catch (e) {
      reply = { id: req.id, error: (e as Error)?.message ?? String(e) };
    }
    port.postMessage(reply);
  });
}
