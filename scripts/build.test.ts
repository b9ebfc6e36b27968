/**
 * The CLI bundle (scripts/build.mjs) runs what the sources run: same output as the TypeScript
 * sources through tsx, its extraction thread starts, and a source newer than the bundle makes
 * bin/rasad.js rebuild it.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI_BUNDLE, DIST_DIR, buildBundles, bundleIsFresh, newestSourceMs } from './build.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'rasad.js');
const SEED = path.join(ROOT, 'examples', 'articles', 'seed-hasakah.txt');
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, RASAD_DB: '', ...env } });

describe('CLI bundle', () => {
  it('builds fresh bundles for the CLI and the extraction thread', async () => {
    await buildBundles();
    expect(bundleIsFresh()).toBe(true);
    expect(statSync(CLI_BUNDLE).mtimeMs).toBeGreaterThanOrEqual(newestSourceMs());
    expect(statSync(path.join(DIST_DIR, 'extract-thread.mjs')).isFile()).toBe(true);
  });

  it('extracts exactly what the TypeScript sources extract', () => {
    const args = ['extract', SEED, '--published', '2022-01-27', '--format', 'jsonl'];
    const bundled = run(args);
    const sources = run(args, { RASAD_BUNDLE: '0' });
    expect(bundled.status).toBe(0);
    expect(sources.status).toBe(0);
    expect(JSON.parse(bundled.stdout).events.length).toBeGreaterThan(3);
    expect(bundled.stdout).toBe(sources.stdout);
  });

  it('ingests through its bundled extraction thread', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rasad-bundle-'));
    try {
      const db = path.join(dir, 'b.db');
      const r = run(['ingest', path.join(ROOT, 'examples', 'documents.jsonl'), '--db', db], { RASAD_INGEST_THREADS: '1' });
      expect(r.status, r.stderr).toBe(0);
      const ev = run(['events', '--db', db, '--format', 'jsonl']);
      expect(ev.stdout.trim().split('\n').length).toBeGreaterThan(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is stale once a source is newer, and bin/rasad.js rebuilds it', () => {
    const past = new Date(Date.now() - 3600_000);
    utimesSync(CLI_BUNDLE, past, past);
    expect(bundleIsFresh()).toBe(false);
    expect(run(['--version']).status).toBe(0);
    expect(bundleIsFresh()).toBe(true);
  });
});
