/**
 * @module bench/extract
 * Extraction throughput: articles/s, MB/s and peak RSS of `extractDocument` over a corpus of
 * at least 10 MB (the shared dev sets repeated when present, else the repo's examples), beside
 * a tokenize-only pass over the same corpus, with the ratio. Single process, one core.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { extractDocument } from '../src/pipeline.ts';
import { cleanDocument } from '../src/pipeline.ts';
import { tokenize } from '../src/text/tokenize.ts';
import type { InputDocument } from '../src/types.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const TARGET_BYTES = 10 * 1024 * 1024;

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

export function runExtractBench(): Record<string, number | string> {
  const { docs, label, bytes } = benchCorpus();
  // warm-up: lexicons, gazetteer and JIT
  for (const d of docs.slice(0, 50)) extractDocument(d);
  let peak = process.memoryUsage().rss;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));

  // CPU time of this process (user + system) is what "one core" means on a shared machine;
  // wall-clock rates are printed beside it
  const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  for (let i = 0; i < docs.length; i++) {
    const text = cleanDocument(docs[i]).text;
    tokenize(text);
    if (i % 200 === 0) sample();
  }
  const tokenizeMs = cpuMs(process.cpuUsage(c0));
  const tokenizeWallMs = performance.now() - t0;

  t0 = performance.now();
  c0 = process.cpuUsage();
  let events = 0;
  for (let i = 0; i < docs.length; i++) {
    events += extractDocument(docs[i]).events.length;
    if (i % 200 === 0) sample();
  }
  const extractMs = cpuMs(process.cpuUsage(c0));
  const extractWallMs = performance.now() - t0;
  sample();
  const mb = bytes / 1024 / 1024;
  return {
    corpus: label,
    articles: docs.length,
    megabytes: +mb.toFixed(1),
    events,
    extract_articles_per_cpu_s: Math.round(docs.length / (extractMs / 1000)),
    extract_mb_per_cpu_s: +(mb / (extractMs / 1000)).toFixed(2),
    extract_articles_per_wall_s: Math.round(docs.length / (extractWallMs / 1000)),
    tokenize_articles_per_cpu_s: Math.round(docs.length / (tokenizeMs / 1000)),
    tokenize_mb_per_cpu_s: +(mb / (tokenizeMs / 1000)).toFixed(2),
    tokenize_articles_per_wall_s: Math.round(docs.length / (tokenizeWallMs / 1000)),
    load_average_1min: os.loadavg()[0].toFixed(1),
    extract_vs_tokenize_time_ratio: +(extractMs / tokenizeMs).toFixed(1),
    peak_rss_mb: Math.round(peak / 1024 / 1024),
  };
}
