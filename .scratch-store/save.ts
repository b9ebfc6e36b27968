import { openSqlStore } from '../src/store/sql-store.ts';
import { benchSaves } from '../bench/store.bench.ts';
import { rmSync } from 'node:fs';
const p = process.argv[2] ?? '/tmp/save.db';
if (!p.startsWith('postgres')) { rmSync(p, { force: true }); rmSync(p + '-wal', { force: true }); }
const s = await openSqlStore(p);
const c0 = process.cpuUsage();
console.log(await benchSaves(s, Number(process.argv[3] ?? 500)));
const c = process.cpuUsage(c0); console.log('cpu ms', ((c.user + c.system) / 1000).toFixed(0), 'user', (c.user/1000).toFixed(0), 'sys', (c.system/1000).toFixed(0));
const T = (globalThis as any).__sqlt; if (T) console.log([...T.entries()].sort((a: any, b: any) => b[1][0] - a[1][0]).slice(0, 14).map(([k, v]: any) => v[0].toFixed(0).padStart(6) + 'ms ' + String(v[1]).padStart(6) + ' ' + k).join('\n'));
await s.close();
