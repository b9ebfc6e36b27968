/**
 * @module bench/extract
 * Extraction throughput: articles/s, MB/s and peak RSS of `extractDocument` over a corpus of
 * at least 10 MB (the shared dev sets repeated when present, else the repo's examples), beside
 * a tokenize-only pass over the same corpus, with the ratio. Single process, one core.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
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

  let t0 = performance.now();
  for (let i = 0; i < docs.length; i++) {
    const text = cleanDocument(docs[i]).text;
    tokenize(text);
    if (i % 200 === 0) sample();
  }
  const tokenizeMs = performance.now() - t0;

  t0 = performance.now();
  let events = 0;
  for (let i = 0; i < docs.length; i++) {
    events += extractDocument(docs[i]).events.length;
    if (i % 200 === 0) sample();
  }
  const extractMs = performance.now() - t0;
  sample();
  const mb = bytes / 1024 / 1024;
  return {
    corpus: label,
    articles: docs.length,
    megabytes: +mb.toFixed(1),
    events,
    extract_articles_per_s: Math.round(docs.length / (extractMs / 1000)),
    extract_mb_per_s: +(mb / (extractMs / 1000)).toFixed(2),
    tokenize_articles_per_s: Math.round(docs.length / (tokenizeMs / 1000)),
    tokenize_mb_per_s: +(mb / (tokenizeMs / 1000)).toFixed(2),
    extract_vs_tokenize_time_ratio: +(extractMs / tokenizeMs).toFixed(1),
    peak_rss_mb: Math.round(peak / 1024 / 1024),
  };
}
