/**
 * @module bench/ingest.bench
 * End-to-end ingest into SQLite (issue 5; gate ≥ 300 articles/s): exactly what `rasad ingest
 * FILE --db x.db` runs (`ingestInputs`: read, hash, skip stored, extract in the thread pool,
 * prepare, save in batched transactions), over the dev corpus repeated (bench/corpus.ts),
 * written to a temporary JSON Lines file outside the repository and deleted afterwards.
 * Prints articles/s in wall time, beside the same ingest with extraction in the main thread
 * (threads 0) and the load average. Figures only, no assertions.
 *
 * Env: RASAD_BENCH_INGEST_DOCS (default 3000), RASAD_BENCH_INGEST_RUNS (default 2; the best
 * run is the figure, every run is printed), RASAD_INGEST_THREADS (pool size, default
 * availableParallelism() − 1, at least 1), RASAD_BENCH_INGEST_BATCH (documents per
 * transaction, default 32).
 * Run alone: node --import tsx bench/ingest.bench.ts   (or npm run bench with BENCH=ingest)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCorpus } from './corpus.ts';
import { ingestInputs } from '../src/ingest/ingest.ts';
import { defaultIngestThreads } from '../src/ingest/extract-pool.ts';
import { openStore } from '../src/store/store.ts';

const GATE = 300;

async function once(file: string, dir: string, n: number, threads: number, batchSize: number) {
  const db = join(dir, `ingest-${threads}-${Math.random().toString(36).slice(2)}.db`);
  const store = await openStore(db);
  const load0 = loadavg()[0];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  // the second half of the run is the sustained rate: extraction threads start cold (V8
  // compiles the pipeline's hot functions in the first few thousand documents)
  let tHalf = 0;
  const stats = await ingestInputs(store, [file], {
    threads,
    batchSize,
    onItem: (st) => {
      if (!tHalf && st.inserted + st.duplicates + st.errors >= n / 2) tHalf = performance.now();
    },
  });
  const tEnd = performance.now();
  const s = (tEnd - t0) / 1000;
  const sustained = tHalf ? (n - Math.ceil(n / 2)) / ((tEnd - tHalf) / 1000) : NaN;
  const cpu = process.cpuUsage(c0);
  const st = await store.stats();
  await store.close();
  for (const x of ['', '-wal', '-shm']) rmSync(db + x, { force: true });
  if (stats.inserted !== n || stats.errors) throw new Error(`ingest stored ${stats.inserted} of ${n} documents, ${stats.errors} errors`);
  return { rate: n / s, sustained, s, stats, st, mainCpuS: (cpu.user + cpu.system) / 1e6, load: Math.max(load0, loadavg()[0]) };
}

export async function run(): Promise<Record<string, unknown>> {
  const n = Number(process.env.RASAD_BENCH_INGEST_DOCS ?? 3000);
  const runs = Math.max(1, Number(process.env.RASAD_BENCH_INGEST_RUNS ?? 2));
  const batchSize = Number(process.env.RASAD_BENCH_INGEST_BATCH ?? 32);
  const threads = defaultIngestThreads();
  const figures: Record<string, unknown> = {};
  const dir = mkdtempSync(join(tmpdir(), 'rasad-ingest-bench-'));
  try {
    const corpus = buildCorpus(n);
    const file = join(dir, 'corpus.jsonl');
    writeFileSync(file, corpus.docs.map((d) => JSON.stringify(d.doc)).join('\n') + '\n');
    figures['corpus'] = `${corpus.docs.length} documents from the ${corpus.origin} (${corpus.base} originals, the rest near-duplicate copies)`;
    const best = async (t: number, label: string) => {
      let top: Awaited<ReturnType<typeof once>> | null = null;
      const all: string[] = [];
      for (let i = 0; i < runs; i++) {
        const r = await once(file, dir, corpus.docs.length, t, batchSize);
        all.push(`${r.rate.toFixed(0)}/s, second half ${r.sustained.toFixed(0)}/s (load ${r.load.toFixed(1)})`);
        if (!top || r.rate > top.rate) top = r;
      }
      figures[label] =
        `${top!.rate.toFixed(0)} articles/s, sustained (second half) ${top!.sustained.toFixed(0)}/s (${top!.stats.inserted} articles in ${top!.s.toFixed(1)} s; ${top!.st.events} events from ${top!.st.reports} reports; ` +
        `process CPU (all threads) ${((1000 * top!.mainCpuS) / corpus.docs.length).toFixed(2)} ms/article) — runs: ${all.join(', ')}`;
      return top!;
    };
    const pooled = await best(threads, `ingest, ${threads} extraction thread${threads === 1 ? '' : 's'} + writer`);
    await best(0, 'ingest, extraction in the main thread');
    figures['machine'] = `${availableParallelism()} cores, batch ${batchSize} documents per transaction`;
    figures['gate: end-to-end ingest ≥ 300 articles/s'] = `${pooled.rate.toFixed(0)} articles/s: ${pooled.rate >= GATE ? 'PASS' : 'FAIL'}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

if (process.argv[1]?.endsWith('ingest.bench.ts')) {
  const figures = await run();
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(48)} ${v}`);
}
