/**
 * @module bench/run
 * `npm run bench`: prints every benchmark's figures (never asserts timings). Select parts with
 * BENCH=extract,geo,ingest,store,pg (default: all that can run here).
 *
 * extract and ingest run what `rasad extract` and `rasad ingest` run: the pipeline bundled by
 * esbuild (as bin/rasad.js runs it, scripts/build.mjs), in a child process with plain node, no
 * TypeScript loader; extract with the heap flags bin/rasad.js gives it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { NODE_BUNDLE_OPTIONS, buildBundles, bundleIsFresh } from '../scripts/build.mjs';

const wanted = new Set((process.env.BENCH ?? 'extract,geo,ingest,store,pg').split(',').map((s) => s.trim()));
const ROOT = path.resolve(import.meta.dirname, '..');

function print(title: string, figures: Record<string, unknown>): void {
  console.log(`\n## ${title}`);
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(40)} ${v}`);
}

/** Bundles a bench module beside the CLI bundle and runs its `fn` in a child node; returns the figures it prints. */
async function runBundled(name: string, module: string, fn: string, nodeFlags: string[]): Promise<Record<string, unknown>> {
  if (!bundleIsFresh()) await buildBundles(); // the extraction thread's bundle, which the ingest pool starts
  const outfile = path.join(ROOT, 'build', 'dist', `bench-${name}.mjs`);
  await esbuild.build({
    stdin: { contents: `import { ${fn} } from '${module}'; console.log(JSON.stringify(await ${fn}()));`, resolveDir: ROOT, loader: 'ts' },
    outfile,
    ...NODE_BUNDLE_OPTIONS,
  });
  const r = spawnSync(process.execPath, [...nodeFlags, outfile], { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`${name} bench failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

if (wanted.has('extract')) {
  const heapMb = Number(process.env.RASAD_HEAP_MB ?? 256);
  const heapFlags = heapMb > 0 ? [`--max-old-space-size=${heapMb}`, '--max-semi-space-size=24'] : [];
  const figures = await runBundled('extract', './bench/extract.bench.ts', 'runExtractBench', heapFlags);
  print(`extract (one core, bundled as bin/rasad.js runs it, old-space cap ${heapMb || 'none'} MB, 24 MB semi-space)`, figures);
}
if (wanted.has('geo')) {
  const mod = await import('./geo.bench.ts');
  print('geo', await mod.run());
}
if (wanted.has('ingest')) print('ingest (bundled as bin/rasad.js runs it)', await runBundled('ingest', './bench/ingest.bench.ts', 'run', []));
for (const [name, file] of [
  ['store', './store.bench.ts'],
  ['pg', './pg.bench.ts'],
] as const) {
  if (!wanted.has(name)) continue;
  const mod = await import(file).catch((e: Error) => ({ missing: e.message }));
  if ('missing' in mod) {
    console.log(`\n## ${name}: not available (${String(mod.missing).split('\n')[0]})`);
    continue;
  }
  const figures = await (mod as { run: () => Promise<Record<string, unknown>> }).run();
  print(name, figures);
}
