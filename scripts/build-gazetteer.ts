/**
 * @module scripts/build-gazetteer
 * Builds build/gazetteer.json, the prebuilt gazetteer index (see src/geo/build-index.ts):
 *   node --import tsx scripts/build-gazetteer.ts [--out file] [--quiet]
 * `rasad build-data` (run by `npm install`) calls the exported function; the runtime also builds
 * the index lazily when it is missing or older than data/gazetteer/.
 */
import { fileURLToPath } from 'node:url';
import { buildGazetteer, type BuildInfo, type BuildOptions } from '../src/geo/build-index.ts';

export { buildGazetteer, type BuildInfo, type BuildOptions };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const info = buildGazetteer({ outFile: outAt >= 0 ? args[outAt + 1] : undefined, quiet: args.includes('--quiet') });
  if (info.warnings.length) process.exitCode = 1;
}
