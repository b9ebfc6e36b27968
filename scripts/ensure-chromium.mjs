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
import { existsSync } from 'node:fs';
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
  const stdio = quiet ? 'ignore' : ['ignore', process.stderr, process.stderr];
  if (!quiet) process.stderr.write('[ensure-chromium] installing Debian\'s chromium with apt-get …\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio, env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio, env });
  const after = findChromium();
  if (!after) throw new Error('apt-get install chromium finished but no chromium executable is on PATH');
  return after;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.stdout.write(ensureChromium() + '\n');
  } catch (err) {
    process.stderr.write(`[ensure-chromium] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
