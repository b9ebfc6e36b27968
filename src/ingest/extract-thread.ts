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

/** A reply carries the save input without its `doc`: the writer has the document already (less to copy between threads). */
export type ExtractReply = { id: number; input: Omit<SaveDocumentInput, 'doc'> } | { id: number; error: string };

/** The document as the store saves it. */
export function docForSave(doc: InputDocument, hash: string): SaveDocumentInput['doc'] {
  return { ...doc, raw: doc.html ?? doc.text, content_hash: hash };
}

/** What the thread does with one document (also used inline, without threads). */
export function extractForSave(req: Omit<ExtractRequest, 'id'>): SaveDocumentInput {
  const { doc, hash, source } = req;
  const result = extractDocument(doc);
  const input: SaveDocumentInput = {
    doc: docForSave(doc, hash),
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
      const { doc: _doc, ...input } = extractForSave(req);
      reply = { id: req.id, input };
    } catch (e) {
      reply = { id: req.id, error: (e as Error)?.message ?? String(e) };
    }
    port.postMessage(reply);
  });
}
