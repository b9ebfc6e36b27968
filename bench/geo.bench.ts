/**
 * @module bench/geo
 * Gazetteer and geocoder figures: cold load time and RSS of the prebuilt index (measured in a
 * fresh process, as a CLI run pays them), index build time and size, and geocoding throughput
 * over the dev texts (or the repo's examples). Prints figures; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_INDEX_FILE, buildGazetteer } from '../src/geo/build-index.ts';
import { createGeocoder } from '../src/geo/geocoder.ts';
import { tokenize } from '../src/text/tokenize.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

const LOAD_SCRIPT = `
const t0 = performance.now();
const rss0 = process.memoryUsage().rss;
const { createGeocoder } = await import(${JSON.stringify(path.join(ROOT, 'src/geo/geocoder.ts'))});
const { tokenize } = await import(${JSON.stringify(path.join(ROOT, 'src/text/tokenize.ts'))});
const t1 = performance.now();
const g = createGeocoder();
g.recognize(tokenize('قصف على الحسكة'));
const t2 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, loadMs: t2 - t1, rssBeforeMB: rss0 / 1e6, rssMB: process.memoryUsage().rss / 1e6, heapMB: process.memoryUsage().heapUsed / 1e6 }));
`;

function texts(): string[] {
  const shared = path.resolve(ROOT, '..', 'shared', 'data');
  const files = ['dev', 'dev-extra'].map((s) => path.join(shared, s, 'documents.jsonl')).filter(existsSync);
  const use = files.length ? files : [path.join(ROOT, 'examples', 'documents.jsonl')].filter(existsSync);
  return use.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { text?: string }).text ?? ''),
  );
}

export async function run(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (!existsSync(DEFAULT_INDEX_FILE) || process.env.BENCH_REBUILD) {
    const info = buildGazetteer({ quiet: true });
    out['index build'] = `${info.ms} ms`;
  }
  out['index file'] = `${(statSync(DEFAULT_INDEX_FILE).size / 1e6).toFixed(1)} MB`;
  const cold = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', LOAD_SCRIPT], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!);
  out['cold load (fresh process)'] = `${cold.loadMs.toFixed(0)} ms (+ ${cold.importMs.toFixed(0)} ms module import)`;
  out['RSS after load'] = `${cold.rssMB.toFixed(0)} MB (process start ${cold.rssBeforeMB.toFixed(0)} MB, heap ${cold.heapMB.toFixed(0)} MB)`;
  const g = createGeocoder();
  const docs = texts();
  const tokenized = docs.map((t) => tokenize(t));
  const t0 = performance.now();
  let mentions = 0;
  for (const t of tokenized) mentions += g.recognize(t).length;
  const ms = performance.now() - t0;
  const chars = docs.reduce((n, t) => n + t.length, 0);
  out['geocode throughput'] = `${docs.length} docs in ${ms.toFixed(0)} ms (${((docs.length / ms) * 1000).toFixed(0)} docs/s, ${((chars / 1e6 / ms) * 1000).toFixed(2)} MB/s)`;
  out['mentions resolved'] = mentions;
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [k, v] of Object.entries(await run())) console.log(`${k.padEnd(30)} ${v}`);
}
