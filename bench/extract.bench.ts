/**
 * @module bench/extract
 * Extraction throughput: articles/s, MB/s and peak RSS of `extractDocument` over a corpus of
 * at least 10 MB (the shared dev sets repeated when present, else the repo's examples), beside
 * a tokenize-only pass over the same corpus, with the ratio. Single process, one core. Rates are
 * of the steady state (second pass); the cold first pass, JIT compilation included, is printed too.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { extractDocument } from '../src/pipeline.ts';
import { cleanDocument } from '../src/pipeline.ts';
import { tokenize } from '../src/text/tokenize.ts';
import type { InputDocument } from '../src/types.ts';
import { repoRoot } from './root.ts';

const ROOT = repoRoot();
const TARGET_BYTES = 10 * 1024 * 1024;
/** Steady-state passes after the cold one (env RASAD_BENCH_PASSES); rates are their median. */
const STEADY_PASSES = Math.max(1, Number(process.env.RASAD_BENCH_PASSES ?? 3));

function loadJsonl(file: string): InputDocument[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

export function benchCorpus(): { docs: InputDocument[]; label: string; bytes: number } {
  const shared = path.resolve(ROOT, '..', 'shared', 'data');
  const sets = ['dev', 'dev-extra'].map((s) => path.join(shared, s, 'documents.jsonl')).filter(existsSync);
  const base = sets.length ? sets.flatMap(loadJsonl) : loadJsonl(path.join(ROOT, 'examples', 'documents.jsonl'));
  const label = sets.length ? `../shared/data/{dev,dev-extra} (${base.length} articles) repeated` : `examples/documents.jsonl (${base.length} articles) repeated`;
  const docs: InputDocument[] = [];
  let bytes = 0;
  for (let round = 0; bytes < TARGET_BYTES; round++) {
    for (const d of base) {
      docs.push({ ...d, id: `${d.id}#${round}` });
      bytes += Buffer.byteLength(d.text ?? d.html ?? '', 'utf8');
    }
  }
  return { docs, label, bytes };
}

/** Main-thread CPU time in ms (Linux /proc; null elsewhere): the one core the pipeline runs on. */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
  } catch {
    return null;
  }
}

/**
 * Passes over the corpus. The first (cold) includes V8's one-off JIT compilation: 5–8 s
 * of compiler-thread CPU for this pipeline's large functions, whatever the corpus size. The
 * next ones are the steady state a long batch runs at, the figure the throughput gate is about
 * (median of RASAD_BENCH_PASSES passes, default 3).
 * Loading the dictionaries (once per process, at the first document) is timed apart, before all.
 */
export function runExtractBench(): Record<string, number | string> {
  const { docs, label, bytes } = benchCorpus();
  let peak = process.memoryUsage().rss;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  // CPU time of this process (user + system, all threads) is what "one core" means on a shared
  // machine; wall-clock rates are printed beside it
  const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
  const pass = (fn: (i: number) => void) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const m0 = mainThreadCpuMs();
    for (let i = 0; i < docs.length; i++) {
      fn(i);
      if (i % 200 === 0) sample();
    }
    const m1 = mainThreadCpuMs();
    return { cpu: cpuMs(process.cpuUsage(c0)), wall: performance.now() - t0, main: m0 == null || m1 == null ? null : m1 - m0 };
  };
  const tokenizePass = () => pass((i) => tokenize(cleanDocument(docs[i]).text));
  let events = 0;
  const extractPass = () => pass((i) => (events += extractDocument(docs[i]).events.length));

  // loading the lexicons, actor dictionaries and gazetteer happens once, at the first document
  const t0 = performance.now();
  extractDocument({ id: 'load', text: 'قتل ثلاثة مدنيين في قصف على مدينة الحسكة يوم الخميس.', published: '2022-01-27' });
  const loadMs = performance.now() - t0;
  const cold = extractPass();
  const perArticles = events;
  events = 0;
  // steady passes: the median is the figure (the machine is shared; one pass can land in a slow minute)
  const passes = Array.from({ length: STEADY_PASSES }, () => extractPass());
  const median = (f: (p: (typeof passes)[number]) => number | null) => {
    const xs = passes.map(f).filter((x): x is number => x != null).sort((a, b) => a - b);
    return xs.length ? xs[(xs.length - 1) >> 1] : null;
  };
  const warm = { cpu: median((p) => p.cpu)!, main: median((p) => p.main), wall: median((p) => p.wall)! };
  tokenizePass();
  const tok = tokenizePass();
  sample();
  const mb = bytes / 1024 / 1024;
  const rate = (ms: number | null) => (ms == null ? 'n/a' : Math.round(docs.length / (ms / 1000)));
  return {
    corpus: label,
    articles: docs.length,
    megabytes: +mb.toFixed(1),
    events: perArticles,
    extract_articles_per_cpu_s: rate(warm.cpu),
    extract_mb_per_cpu_s: +(mb / (warm.cpu / 1000)).toFixed(2),
    extract_articles_per_main_thread_cpu_s: rate(warm.main),
    extract_articles_per_wall_s: rate(warm.wall),
    extract_steady_passes_per_cpu_s: passes.map((p) => rate(p.cpu)).join(', '),
    load_dictionaries_ms: Math.round(loadMs),
    extract_cold_articles_per_cpu_s: rate(cold.cpu),
    extract_cold_articles_per_wall_s: rate(cold.wall),
    tokenize_articles_per_cpu_s: rate(tok.cpu),
    tokenize_mb_per_cpu_s: +(mb / (tok.cpu / 1000)).toFixed(2),
    tokenize_articles_per_wall_s: rate(tok.wall),
    extract_vs_tokenize_time_ratio: +(warm.cpu / tok.cpu).toFixed(1),
    load_average_1min: os.loadavg()[0].toFixed(1),
    peak_rss_mb: Math.round(peak / 1024 / 1024),
  };
}
