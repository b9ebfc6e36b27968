/**
 * @module store/testing/crash-child
 * Child process for the crash-safety test: saves synthetic documents 0..N-1 into a SQLite
 * store (skipping those already stored, as a resumed ingest does) and prints "saved n"
 * after each commit, so the parent can kill -9 it mid-way.
 * Usage: node --import tsx src/store/testing/crash-child.ts DB_PATH N
 */
import { openSqlStore } from '../sql-store.ts';
import { makeResult, syntheticFixture } from './fixtures.ts';
import { contentHash } from '../keys.ts';

const [dbPath, nArg] = process.argv.slice(2);
const n = Number(nArg);
const store = await openSqlStore(dbPath);
let saved = 0;
for (let i = 0; i < n; i++) {
  const f = syntheticFixture(i);
  if (await store.hasDocumentHash(contentHash(f.text))) continue;
  await store.saveDocumentResult({ doc: { id: f.id, text: f.text, published: f.published, source: f.source }, result: makeResult(f), sourceName: f.source });
  saved++;
  process.stdout.write(`saved ${saved}\n`);
}
await store.close();
