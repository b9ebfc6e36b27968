/**
 * @module ingest/ingest
 * Ingest: inputs (files, folders, feeds, Telegram exports, WARC, URLs) → documents → the
 * extraction pipeline → the store. Idempotent by content hash (a document already stored is
 * skipped before extraction), so an interrupted ingest resumes by running it again.
 *
 * Batch ingest (`ingestInputs`): the main thread reads and hashes the inputs and is the single
 * writer; extraction (and the store's database-free preparation, src/store/prepare.ts) runs in
 * a pool of worker threads (src/ingest/extract-pool.ts), so extraction and storage overlap.
 * Extracted documents are saved in input order, `batchSize` at a time, each batch in ONE
 * transaction (`saveDocumentResults`): a crash, even kill -9, loses at most the batches not
 * yet committed — whole documents, never part of one — and a re-run stores them.
 */
import type { InputDocument } from '../types.ts';
import type { SaveDocumentInput, SaveResult, Store } from '../store/store.ts';
import { contentHash } from '../store/keys.ts';
import { readInput, type SourceItem } from '../sources/index.ts';
import { cleanDocument, extractDocument } from '../pipeline.ts';
import { extractForSave } from './extract-thread.ts';
import { defaultIngestThreads, ExtractPool, ExtractThreadError } from './extract-pool.ts';

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
  /** Extraction threads (default `defaultIngestThreads()`; 0: extract in this thread). */
  threads?: number;
  /** Documents per transaction (default 32). */
  batchSize?: number;
}

/** Documents extracted in the main thread before the pool is started (small inputs need no threads). */
const INLINE_FIRST = 8;

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

/** A document on its way through extraction to the store. */
interface Pending {
  item: SourceItem;
  hash: string;
  settled: boolean;
  input?: SaveDocumentInput;
  error?: Error;
  done: Promise<void>;
}

export async function ingestInputs(store: Store, inputs: string[], opts: IngestOptions = {}): Promise<IngestStats> {
  const stats: IngestStats = { seen: 0, inserted: 0, nearDuplicates: 0, duplicates: 0, errors: 0, events: 0 };
  const threads = opts.threads ?? defaultIngestThreads();
  const batchSize = Math.max(1, Math.floor(opts.batchSize ?? 32));
  const maxWindow = batchSize * 3;
  let pool: ExtractPool | null = null;
  let extractions = 0;
  const window: Pending[] = [];
  const inWindow = new Set<string>();

  const extract = async (doc: InputDocument, hash: string): Promise<SaveDocumentInput> => {
    extractions++;
    if (!pool && threads > 0 && extractions > INLINE_FIRST) pool = new ExtractPool(threads);
    if (pool) {
      try {
        return await pool.extract(doc, hash, opts.source);
      } catch (e) {
        if (!(e instanceof ExtractThreadError)) throw e;
        // the thread died (not the document's fault): extract here instead
      }
    }
    return extractForSave({ doc, hash, source: opts.source });
  };

  const record = (saved: SaveResult) => {
    if (saved.status === 'duplicate') stats.duplicates++;
    else {
      stats.inserted++;
      if (saved.status === 'near-duplicate') stats.nearDuplicates++;
      stats.events += saved.eventKeys.length;
    }
  };
  const fail = (p: Pending, e: unknown) => {
    stats.errors++;
    opts.onError?.(`${p.item.origin}: ${(e as Error)?.message ?? e}`);
  };

  /** Saves a run of extracted documents in one transaction (one by one if the batch fails). */
  const saveBatch = async (batch: Pending[]) => {
    const ok = batch.filter((p) => p.input);
    let results: SaveResult[] | null = null;
    if (ok.length) {
      try {
        results = await store.saveDocumentResults(ok.map((p) => p.input!));
      } catch {
        results = null; // one bad document must not cost the others: isolate it
      }
    }
    let i = 0;
    for (const p of batch) {
      if (p.error) fail(p, p.error);
      else if (results) record(results[i++]);
      else {
        try {
          record(await store.saveDocumentResult(p.input!));
        } catch (e) {
          fail(p, e);
        }
      }
      inWindow.delete(p.hash);
      opts.onItem?.(stats, p.item);
    }
  };

  /**
   * Saves extracted documents from the head of the window in batches of `batchSize`. A batch
   * is saved once all of it is extracted, or when the window is full (waiting for that batch),
   * or at the end (`all`). Waiting for the whole head batch, not just its first document,
   * keeps transactions full-sized when extraction is the slower side: a commit costs more
   * than the documents in it (FTS5 writes its segments at commit).
   */
  const flush = async (all: boolean) => {
    while (window.length) {
      const n = Math.min(batchSize, window.length);
      if (!all && window.length < maxWindow) {
        if (n < batchSize) return;
        for (let i = 0; i < n; i++) if (!window[i].settled) return;
      }
      for (let i = 0; i < n; i++) if (!window[i].settled) await window[i].done;
      await saveBatch(window.splice(0, n));
    }
  };

  try {
    outer: for (const input of inputs) {
      for await (const item of readInput(input, { source: opts.source, maxBytes: opts.maxBytes, signal: opts.signal })) {
        if (opts.signal?.aborted) break outer;
        stats.seen++;
        if (item.kind === 'error') {
          stats.errors++;
          opts.onError?.(`${item.origin}: ${item.message}`);
          opts.onItem?.(stats, item);
          continue;
        }
        try {
          const doc: InputDocument = { ...item.doc, source: item.doc.source ?? opts.source };
          const { hash } = documentHash(doc);
          if (inWindow.has(hash) || (await store.hasDocumentHash(hash))) {
            stats.duplicates++;
            opts.onItem?.(stats, item);
          } else if (opts.enqueue) {
            await opts.enqueue(doc, hash);
            stats.inserted++;
            opts.onItem?.(stats, item);
          } else {
            const p: Pending = { item, hash, settled: false, done: Promise.resolve() };
            p.done = extract(doc, hash).then(
              (input) => {
                p.input = input;
                p.settled = true;
              },
              (e) => {
                p.error = e as Error;
                p.settled = true;
              },
            );
            window.push(p);
            inWindow.add(hash);
            await flush(false);
          }
        } catch (e) {
          stats.errors++;
          opts.onError?.(`${item.origin}: ${(e as Error).message}`);
          opts.onItem?.(stats, item);
        }
      }
    }
    // stopping (end of input or Ctrl-C): the documents in hand are finished and saved
    await flush(true);
  } finally {
    await (pool as ExtractPool | null)?.close();
  }
  return stats;
}
