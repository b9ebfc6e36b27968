import { openSqlStore } from '../src/store/sql-store.ts';
import { makeResult, syntheticFixture } from '../src/store/testing/fixtures.ts';
import { rmSync } from 'node:fs';
rmSync('/tmp/speed.db', { force: true }); rmSync('/tmp/speed.db-wal', { force: true });
const s = await openSqlStore(process.argv[2] ?? '/tmp/speed.db');
const N = Number(process.argv[3] ?? 500);
const t0 = performance.now(); const c0 = process.cpuUsage();
for (let i = 0; i < N; i++) { const f = syntheticFixture(i); await s.saveDocumentResult({ doc: { id: f.id, text: f.text }, result: makeResult(f), sourceName: f.source }); }
const dt = performance.now() - t0; const cu = process.cpuUsage(c0); console.log("cpu user+sys ms", ((cu.user+cu.system)/1000).toFixed(0));
console.log(`${N} docs in ${dt.toFixed(0)} ms: ${(N / dt * 1000).toFixed(0)} docs/s`);
await s.close();
const T = (globalThis as any).__sqlt; if (T) console.log([...T.entries()].sort((a: any, b: any) => b[1][0] - a[1][0]).slice(0, 25).map(([k, v]: any) => v[0].toFixed(0).padStart(6) + 'ms ' + String(v[1]).padStart(6) + ' ' + k).join('\n'));
