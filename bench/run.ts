export {};
/**
 * @module bench/run
 * `npm run bench`: prints every benchmark's figures (never asserts timings). Select parts with
 * BENCH=extract,geo,ingest,store,pg (default: all that can run here).
 */
const wanted = new Set((process.env.BENCH ?? 'extract,geo,ingest,store,pg').split(',').map((s) => s.trim()));

function print(title: string, figures: Record<string, unknown>): void {
  console.log(`\n## ${title}`);
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(40)} ${v}`);
}

if (wanted.has('extract')) {
  // in a child process with the heap cap `rasad extract` runs with (bin/rasad.js)
  const { spawnSync } = await import('node:child_process');
  const heapMb = Number(process.env.RASAD_HEAP_MB ?? 256);
  const code = "const { runExtractBench } = await import('./bench/extract.bench.ts'); console.log(JSON.stringify(runExtractBench()));";
  // the same V8 heap flags `rasad extract` re-runs itself with (bin/rasad.js)
  const heapFlags = heapMb > 0 ? [`--max-old-space-size=${heapMb}`, '--max-semi-space-size=24'] : [];
  const r = spawnSync(process.execPath, [...heapFlags, '--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`extract bench failed: ${r.stderr}`);
  print(`extract (one core, old-space cap ${heapMb || 'none'} MB, 24 MB semi-space, as in rasad extract)`, JSON.parse(r.stdout.trim().split('\n').pop()!));
}
for (const [name, file] of [
  ['geo', './geo.bench.ts'],
  ['ingest', './ingest.bench.ts'],
  ['store', './store.bench.ts'],
  ['pg', './pg.bench.ts'],
] as const) {
  if (!wanted.has(name)) continue;
  const mod = await import(file).catch((e: Error) => ({ missing: e.message }));
  if ('missing' in mod) {
    console.log(`\n## ${name}: not available (${String(mod.missing).split('\n')[0]})`);
    continue;
  }
  const figures = await (mod as { run: () => Promise<Record<string, unknown>> }).run();
  print(name, figures);
}
