#!/usr/bin/env node
// Bundles the CLI (and the extraction thread it starts) into build/dist/ with esbuild, so
// `rasad` runs plain JavaScript: no TypeScript loader thread (about 35–50 MB of RSS and a
// transform of every module at start-up). npm packages stay external and resolve from the
// repo's node_modules. The bundles sit two folders below the repo root, as the sources do
// (src/<stage>/), so paths such as `new URL('../../data/…', import.meta.url)` mean the same
// in both. bin/rasad.js rebuilds when a source is newer and falls back to tsx if it cannot.
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_DIR = path.join(ROOT, 'build', 'dist');
export const CLI_BUNDLE = path.join(DIST_DIR, 'rasad.mjs');
const ENTRIES = { rasad: 'src/cli/main.ts', 'extract-thread': 'src/ingest/extract-thread.ts' };
// sources the bundles are made of (src/ plus the scripts the CLI imports)
const SOURCE_DIRS = ['src', 'scripts'];

/** How Rasad's Node bundles are made (the CLI's here, the benchmarks' in bench/run.ts). */
export const NODE_BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
};

/** Newest modification time (ms) of the TypeScript sources the bundles are built from. */
export function newestSourceMs() {
  let newest = 0;
  for (const dir of SOURCE_DIRS) {
    for (const f of readdirSync(path.join(ROOT, dir), { recursive: true })) {
      if (!String(f).endsWith('.ts')) continue;
      newest = Math.max(newest, statSync(path.join(ROOT, dir, String(f))).mtimeMs);
    }
  }
  return newest;
}

/** True when every bundle exists and is newer than every source. */
export function bundleIsFresh() {
  try {
    const built = Math.min(...Object.keys(ENTRIES).map((n) => statSync(path.join(DIST_DIR, `${n}.mjs`)).mtimeMs));
    return built >= newestSourceMs();
  } catch {
    return false;
  }
}

/** Builds the bundles; each is written beside its final name and renamed, so a concurrent run never reads half a file. */
export async function buildBundles() {
  const esbuild = await import('esbuild');
  mkdirSync(DIST_DIR, { recursive: true });
  const tmp = `.tmp-${process.pid}-${Date.now()}`;
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: DIST_DIR,
    outExtension: { '.js': `.mjs${tmp}` },
    ...NODE_BUNDLE_OPTIONS,
  });
  for (const n of Object.keys(ENTRIES)) renameSync(path.join(DIST_DIR, `${n}.mjs${tmp}`), path.join(DIST_DIR, `${n}.mjs`));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await buildBundles();
}
