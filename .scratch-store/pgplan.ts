import { startTempPostgres } from '../test/helpers/postgres.ts';
import { openSqlStore } from '../src/store/sql-store.ts';
import { loadSyntheticEvents } from '../bench/store.bench.ts';
import { writeFileSync } from 'node:fs';
const t = (await startTempPostgres('plan'))!;
const s = await openSqlStore(t.url);
await loadSyntheticEvents(s, Number(process.argv[2] ?? 300000));
await s.close();
writeFileSync('/tmp/pgplan.url', t.url);
console.log('ready', t.url);
// keep the cluster running until killed
setInterval(() => {}, 1 << 30);
process.on('SIGTERM', async () => { await t.stop(); process.exit(0); });
