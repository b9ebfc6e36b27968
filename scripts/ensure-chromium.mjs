#!/usr/bin/env node
/**
 * @module scripts/ensure-chromium
 * Finds Debian's Chromium for the browser tests, installing it with apt-get when it is missing
 * and we run as root (CI and fresh machines); otherwise says clearly what to install. Prints
 * the executable path when run directly; `ensureChromium()` returns it.
 *
 * Playwright's own browser download is not used: only Debian's packages are reachable.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CANDIDATES = ['chromium', 'chromium-browser'];

/** The path of an installed Chromium, or null. */
export function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const name of CANDIDATES) {
    const r = spawnSync('which', [name], { encoding: 'utf8' });
    const p = r.status === 0 ? r.stdout.trim() : '';
    if (p && existsSync(p)) return p;
  }
  return null;
}

const LOCK = path.join(tmpdir(), 'rasad-ensure-chromium.lock');
const LOCK_STALE_MS = 20 * 60_000;

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `fn` holding a machine-wide lock: test files run in parallel and apt/dpkg allow one at a time. */
function withInstallLock(fn) {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        /* removed meanwhile */
      }
      sleepSync(500);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Returns Chromium's path, installing Debian's `chromium` package first when it is missing and
 * this process is root. Throws with instructions when it cannot.
 */
export function ensureChromium({ quiet = false } = {}) {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      'Chromium is not installed and this user cannot install it.\n' +
        'Install Debian\'s package as root:  sudo apt-get update && sudo apt-get install -y chromium\n' +
        '(or point CHROMIUM_PATH at a Chromium executable)',
    );
  }
  return withInstallLock(() => {
    // another process may have installed it while we waited for the lock
    const meanwhile = findChromium();
    if (meanwhile) return meanwhile;
    const stdio = quiet ? 'ignore' : ['ignore', process.stderr, process.stderr];
    if (!quiet) process.stderr.write('[ensure-chromium] installing Debian\'s chromium with apt-get …\n');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const wait = ['-o', 'DPkg::Lock::Timeout=600'];
    execFileSync('apt-get', [...wait, 'update'], { stdio, env });
    execFileSync('apt-get', [...wait, 'install', '-y', '--no-install-recommends', 'chromium'], { stdio, env });
    const after = findChromium();
    if (!after) throw new Error('apt-get install chromium finished but no chromium executable is on PATH');
    return after;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.stdout.write(ensureChromium() + '\n');
  } catch (err) {
    process.stderr.write(`[ensure-chromium] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
