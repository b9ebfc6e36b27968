/**
 * @module bench/root
 * The repo root for the benchmarks: the nearest folder up with a package.json, so a bench module
 * finds the corpus whether it runs from bench/ or bundled into build/dist/ (bench/run.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export function repoRoot(dir: string = import.meta.dirname): string {
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
