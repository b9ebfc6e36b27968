import { openSqlStore } from '../src/store/sql-store.ts';
import { loadSyntheticEvents, benchQueries } from '../bench/store.bench.ts';
import { rmSync, existsSync } from 'node:fs';
const p = '/tmp/sqlbench.db';
const fresh = !existsSync(p) || process.argv[2] === 'fresh';
if (fresh) { rmSync(p, { force: true }); rmSync(p + '-wal', { force: true }); }
const s = await openSqlStore(p);
const st = await loadSyntheticEvents(s, fresh ? 100000 : 0);
for (const [k, v] of Object.entries(await benchQueries(s, st, 30))) console.log(k.padEnd(40), v);
await s.close();
