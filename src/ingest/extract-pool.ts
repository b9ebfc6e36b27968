/**
 * @module ingest/extract-pool
 * A pool of extraction threads for batch ingest: extraction is CPU work, the store has one
 * writer (SQLite) or wants few, larger transactions, so `ingestInputs` extracts in
 * `threads` worker threads while the main thread writes. Default size:
 * os.availableParallelism() − 1, at least 1 (env RASAD_INGEST_THREADS overrides; 0 means
 * extract in the main thread). Each thread loads the lexicons and the gazetteer once.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { SaveDocumentInput } from '../store/store.ts';
import type { InputDocument } from '../types.ts';
import { docForSave, type ExtractReply } from './extract-thread.ts';

/**
 * The thread's entry: the bundled build/dist/extract-thread.mjs beside the bundled CLI
 * (scripts/build.mjs), else the TypeScript source through tsx.
 */
const THREAD_ENTRY = import.meta.url.endsWith('.ts') ? new URL('./extract-thread-boot.mjs', import.meta.url) : new URL('./extract-thread.mjs', import.meta.url);

/** Threads to use: RASAD_INGEST_THREADS, else availableParallelism() − 1, at least 1. */
export function defaultIngestThreads(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.RASAD_INGEST_THREADS;
  if (v != null && v !== '' && Number.isFinite(Number(v))) return Math.max(0, Math.floor(Number(v)));
  return Math.max(1, availableParallelism() - 1);
}

/** The thread itself failed (not the document): the caller may extract in its own thread instead. */
export class ExtractThreadError extends Error {}

interface Slot {
  worker: Worker;
  busy: number;
  failed: Error | null;
}

export class ExtractPool {
  private slots: Slot[] = [];
  private waiting = new Map<number, { slot: Slot; doc: SaveDocumentInput['doc']; resolve: (v: SaveDocumentInput) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(THREAD_ENTRY);
      const slot: Slot = { worker, busy: 0, failed: null };
      worker.on('message', (m: ExtractReply) => {
        const w = this.waiting.get(m.id);
        if (!w) return;
        this.waiting.delete(m.id);
        slot.busy--;
        if ('error' in m) w.reject(new Error(m.error));
        else w.resolve({ ...m.input, doc: w.doc });
      });
      const die = (e: Error) => {
        slot.failed = e instanceof ExtractThreadError ? e : new ExtractThreadError(e.message);
        e = slot.failed;
        for (const [id, w] of this.waiting) {
          if (w.slot !== slot) continue;
          this.waiting.delete(id);
          w.reject(e);
        }
      };
      worker.on('error', die);
      worker.on('exit', (code) => die(new ExtractThreadError(`extraction thread exited (code ${code})`)));
      this.slots.push(slot);
    }
  }

  /** Extracts and prepares one document in the least busy thread. */
  extract(doc: InputDocument, hash: string, source?: string): Promise<SaveDocumentInput> {
    const live = this.slots.filter((s) => !s.failed);
    if (!live.length) return Promise.reject(this.slots[0]?.failed ?? new ExtractThreadError('no extraction threads'));
    const slot = live.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { slot, doc: docForSave(doc, hash), resolve, reject });
      slot.worker.postMessage({ id, doc, hash, source });
    });
  }

  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    for (const s of slots) s.worker.removeAllListeners('exit');
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
