#!/usr/bin/env node
// Runs the CLI from its esbuild bundle (build/dist/rasad.mjs, made by scripts/build.mjs in
// `prepare`), rebuilt here when a source is newer; if it cannot be built, the TypeScript
// sources run through tsx instead, so a fresh clone works either way.
//
// Batch extraction (extract, eval) keeps a live heap of about 75 MB, but V8 lets garbage grow the
// heap to 400 MB before collecting it; a 256 MB old-space cap keeps peak RSS under 300 MB at no
// measurable cost. Per-article garbage is short-lived: a 24 MB semi-space (young generation) lets
// it die there instead of being promoted and marked. Those commands re-run themselves once with
// these flags (RASAD_HEAP_MB=0 turns it off).
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HEAP_CAPPED = new Set(['extract', 'eval']);
const HEAP_FLAGS = (mb) => [`--max-old-space-size=${mb}`, '--max-semi-space-size=24'];
const heapMb = Number(process.env.RASAD_HEAP_MB ?? 256);
const capped = process.execArgv.some((a) => a.startsWith('--max-old-space-size'));
if (heapMb > 0 && !capped && HEAP_CAPPED.has(process.argv[2])) {
  const r = spawnSync(process.execPath, [...HEAP_FLAGS(heapMb), ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (r.error) throw r.error;
  process.exit(r.status ?? (r.signal ? 128 + 15 : 1));
}

/** The bundle's path when it is (or could be made) up to date; null to run the sources. RASAD_BUNDLE=0 forces the sources. */
async function freshBundle() {
  if (process.env.RASAD_BUNDLE === '0') return null;
  try {
    const build = await import('../scripts/build.mjs');
    if (!build.bundleIsFresh()) await build.buildBundles();
    return build.CLI_BUNDLE;
  } catch {
    return null;
  }
}

const bundle = await freshBundle();
if (bundle) await import(pathToFileURL(bundle).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
