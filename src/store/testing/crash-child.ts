/**
 * @module store/testing/crash-child
 * Child process for the crash-safety tests, so the parent can kill -9 it mid-way:
 * - `DB_PATH N`: saves synthetic documents 0..N-1 into a SQLite store one transaction each
 *   (skipping those already stored, as a resumed ingest does), printing "saved n" after each
 *   commit;
 * - `DB_PATH N ingest`: runs batch ingest (`ingestInputs`: extraction threads, batched
 *   transactions) over the same documents as a JSON Lines file, printing "saved n" as
 *   documents are committed.
 * Usage: node --import tsx src/store/testing/crash-child.ts DB_PATH N [ingest]
 */
import { writeFileSync } from 'node:fs';
import { openSqlStore } from '../sql-store.ts';
import { makeResult, syntheticFixture } from './fixtures.ts';
import { contentHash } from '../keys.ts';
import { ingestInputs } from '../../ingest/ingest.ts';

const [dbPath, nArg, mode] = process.argv.slice(2);
const n = Number(nArg);
const store = await openSqlStore(dbPath);
let saved = 0;
if (mode === 'ingest') {
  const file = `${dbPath}.input.jsonl`;
  writeFileSync(file, Array.from({ length: n }, (_, i) => syntheticFixture(i)).map((f) => JSON.stringify({ id: f.id, text: f.text, published: f.published, source: f.source })).join('\n') + '\n');
  await ingestInputs(store, [file], {
    threads: 1,
    batchSize: 16,
    onItem: (s) => {
      if (s.inserted > saved) {
        saved = s.inserted;
        process.stdout.write(`saved ${saved}\n`);
      }
    },
  });
} else {
  for (let i = 0; i < n; i++) {
    const f = syntheticFixture(i);
    if (await store.hasDocumentHash(contentHash(f.text))) continue;
    await store.saveDocumentResult({ doc: { id: f.id, text: f.text, published: f.published, source: f.source }, result: makeResult(f), sourceName: f.source });
    saved++;
    process.stdout.write(`saved ${saved}\n`);
  }
}
await store.close();
