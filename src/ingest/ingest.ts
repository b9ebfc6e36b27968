/**
 * @module ingest/ingest
 * Ingest: inputs (files, folders, feeds, Telegram exports, WARC, URLs) → documents → the
 * extraction pipeline → the store, one transaction per document. Idempotent by content hash
 * (a document already stored is skipped before extraction), so an interrupted ingest resumes
 * by running it again.
 */
import type { InputDocument } from '../types.ts';
import type { Store } from '../store/store.ts';
import { contentHash } from '../store/keys.ts';
import { readInput, type SourceItem } from '../sources/index.ts';
import { cleanDocument, extractDocument } from '../pipeline.ts';

export interface IngestStats {
  seen: number;
  inserted: number;
  nearDuplicates: number;
  duplicates: number;
  errors: number;
  events: number;
}

export interface IngestOptions {
  source?: string;
  maxBytes?: number;
  signal?: AbortSignal;
  /** Called after every item (progress display). */
  onItem?: (stats: IngestStats, item: SourceItem) => void;
  /** Called for every bad input, with a one-line message. */
  onError?: (message: string) => void;
  /** Instead of extracting here, hand each new document to a queue (workers extract it). */
  enqueue?: (doc: InputDocument, hash: string) => Promise<unknown>;
}

/** The content hash the store keys documents by (of the cleaned text). */
export function documentHash(doc: InputDocument): { hash: string; cleaned: ReturnType<typeof cleanDocument> } {
  const cleaned = cleanDocument(doc);
  return { hash: contentHash(cleaned.text), cleaned };
}

/** Extracts one document and saves it; returns what the store did. */
export async function ingestDocument(store: Store, doc: InputDocument, opts: { source?: string; hash?: string } = {}) {
  const result = extractDocument(doc);
  return store.saveDocumentResult({
    doc: { ...doc, raw: doc.html ?? doc.text, ...(opts.hash ? { content_hash: opts.hash } : {}) },
    result,
    sourceName: doc.source ?? opts.source,
  });
}

export async function ingestInputs(store: Store, inputs: string[], opts: IngestOptions = {}): Promise<IngestStats> {
  const stats: IngestStats = { seen: 0, inserted: 0, nearDuplicates: 0, duplicates: 0, errors: 0, events: 0 };
  for (const input of inputs) {
    for await (const item of readInput(input, { source: opts.source, maxBytes: opts.maxBytes, signal: opts.signal })) {
      if (opts.signal?.aborted) return stats;
      stats.seen++;
      if (item.kind === 'error') {
        stats.errors++;
        opts.onError?.(`${item.origin}: ${item.message}`);
      } else {
        try {
          const doc: InputDocument = { ...item.doc, source: item.doc.source ?? opts.source };
          const { hash } = documentHash(doc);
          if (await store.hasDocumentHash(hash)) stats.duplicates++;
          else if (opts.enqueue) {
            await opts.enqueue(doc, hash);
            stats.inserted++;
          } else {
            const saved = await ingestDocument(store, doc, { source: opts.source, hash });
            if (saved.status === 'duplicate') stats.duplicates++;
            else {
              stats.inserted++;
              if (saved.status === 'near-duplicate') stats.nearDuplicates++;
              stats.events += saved.eventKeys.length;
            }
          }
        } catch (e) {
          stats.errors++;
          opts.onError?.(`${item.origin}: ${(e as Error).message}`);
        }
      }
      opts.onItem?.(stats, item);
    }
  }
  return stats;
}
