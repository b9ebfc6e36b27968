export {};
/**
 * @module bench/run
 * `npm run bench`: prints every benchmark's figures (never asserts timings). Select parts with
 * BENCH=extract,geo,store,pg (default: all that can run here).
 */
const wanted = new Set((process.env.BENCH ?? 'extract,geo,store,pg').split(',').map((s) => s.trim()));

function print(title: string, figures: Record<string, unknown>): void {
  console.log(`\n## ${title}`);
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(34)} ${v}`);
}

if (wanted.has('extract')) {
  const { runExtractBench } = await import('./extract.bench.ts');
  print('extract (one core)', runExtractBench());
}
for (const [name, file] of [
  ['geo', './geo.bench.ts'],
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
