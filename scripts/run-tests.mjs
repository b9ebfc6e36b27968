#!/usr/bin/env node
// The whole test suite: type check, then every vitest test (unit, conformance over SQLite and a
// throwaway PostgreSQL, API and browser tests). Ends with a plain "N passed, N failed" line,
// which CI reads (vitest's own summary is not read).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
mkdirSync('test-output', { recursive: true });

const tsc = run('npx', ['--no-install', 'tsc', '--noEmit', '-p', '.']);
const typecheckFailed = tsc.status !== 0 ? 1 : 0;
if (typecheckFailed) console.error('type check failed (counted as one failed test)');

const report = 'test-output/vitest.json';
const vitest = run('npx', ['--no-install', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
let passed = 0;
let failed = typecheckFailed;
let skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else failed += 1;
if (vitest.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed || passed === 0 ? 1 : 0);
