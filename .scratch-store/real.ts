import { openSqlStore } from '../src/store/sql-store.ts';
import { readFileSync, rmSync } from 'node:fs';
import { EVENT_TYPES } from '../src/types.ts';
const path = process.argv[2] ?? '/tmp/real.db';
if (!path.startsWith('postgres')) { rmSync(path, { force: true }); rmSync(path + '-wal', { force: true }); }
const docs = [...readFileSync('/work/shared/data/dev/documents.jsonl','utf8').split('\n'), ...readFileSync('/work/shared/data/dev-extra/documents.jsonl','utf8').split('\n')].filter(Boolean).map(l=>JSON.parse(l)).filter(d=>d.text);
const types = Object.keys(EVENT_TYPES);
const s = await openSqlStore(path);
const REP = Number(process.argv[3] ?? 2);
const c0 = process.cpuUsage(); if (process.env.REPORT_START) console.log("startup cpu", (c0.user + c0.system) / 1000); const t0 = performance.now(); let n = 0;
for (let r = 0; r < REP; r++) for (const [i, d] of docs.entries()) {
  const text = r ? d.text + ' ' + r : d.text;
  const events = [0, 1, 2].map((k) => { const st = Math.floor(text.length * (k + 1) / 5); return { id: 'e' + k, event_type: types[(i + k) % types.length], sub_event_type: 'x', date: { start: d.published?.slice(0, 10) ?? null, end: d.published?.slice(0, 10) ?? null, precision: 'day', text: null }, location: { text: 'حلب', name: 'Aleppo', name_ar: 'حلب', country: 'SY', admin1: 'Aleppo', admin2: null, lat: 36.2 + k * 0.01, lon: 37.1, geo_precision: 1 }, actor1: null, actor2: null, assoc_actor1: [], assoc_actor2: [], fatalities: k, injured: null, detained: null, displaced: null, evidence: [{ start: st, end: st + 20 }], confidence: 0.7 }; });
  await s.saveDocumentResult({ doc: { id: d.id + r, text }, result: { document: { id: d.id, title: d.title, published: d.published, language: 'ar', text }, events } as any, sourceName: d.source });
  n++;
}
const cu = process.cpuUsage(c0); const dt = performance.now() - t0;
console.log(`${n} docs: wall ${dt.toFixed(0)} ms (${(n / dt * 1000).toFixed(0)}/s), cpu ${((cu.user + cu.system) / 1000).toFixed(0)} ms (${((cu.user + cu.system) / 1000 / n).toFixed(2)} ms/doc)`);
const T = (globalThis as any).__sqlt; if (T) console.log([...T.entries()].sort((a: any, b: any) => b[1][0] - a[1][0]).slice(0, 12).map(([k, v]: any) => v[0].toFixed(0).padStart(6) + 'ms ' + String(v[1]).padStart(6) + ' ' + k).join('\n'));
console.log(await s.stats());
await s.close();
