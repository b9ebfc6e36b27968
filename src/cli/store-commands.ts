/**
 * @module cli/store-commands
 * Commands over the store: ingest, events, export, reextract, corrections, serve, token.
 * Every one takes `--db PATH|postgres://…` (else RASAD_DB, else ./rasad.db).
 */
import { Command, Option } from 'commander';
import { openStore, resolveDbUrl, type EventFilter, type Store } from '../store/store.ts';
import { ingestInputs, type IngestOptions, type IngestStats } from '../ingest/ingest.ts';
import { extractDocument } from '../pipeline.ts';
import { UsageError } from './extract-command.ts';
import type { StoredEvent } from '../store/store.ts';

const dbOption = () => new Option('--db <path|url>', 'store: SQLite file or postgres:// URL (default: $RASAD_DB or ./rasad.db)');

async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(resolveDbUrl(db));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

function isoDate(v: string | undefined, name: string): string | undefined {
  if (v == null) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UsageError(`--${name} must be YYYY-MM-DD, got "${v}"`);
  return v;
}

/** Event filters shared by `events` and `export`. */
function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('--from <date>', 'events on or after this day (YYYY-MM-DD)')
    .option('--to <date>', 'events on or before this day')
    .option('--type <types>', 'event types, comma-separated (e.g. "Battles,Protests")')
    .option('--actor <ids>', 'actor ids, comma-separated (e.g. isis,sdf)')
    .option('--country <iso2>', 'countries (ISO 3166-1 alpha-2), comma-separated')
    .option('--admin1 <names>', 'admin1 areas, comma-separated')
    .option('--bbox <minLon,minLat,maxLon,maxLat>', 'bounding box')
    .option('--text <query>', 'Arabic full-text search')
    .option('--min-fatalities <n>', 'at least this many killed')
    .option('--source <names>', 'outlets, comma-separated');
}

function filterFrom(o: Record<string, string | undefined>): EventFilter {
  const f: EventFilter = {};
  f.from = isoDate(o.from, 'from');
  f.to = isoDate(o.to, 'to');
  f.types = list(o.type);
  f.actors = list(o.actor);
  f.countries = list(o.country)?.map((c) => c.toUpperCase());
  f.admin1 = list(o.admin1);
  if (o.bbox) {
    const b = o.bbox.split(',').map(Number);
    if (b.length !== 4 || b.some((x) => !Number.isFinite(x))) throw new UsageError('--bbox needs four numbers: minLon,minLat,maxLon,maxLat');
    f.bbox = b as [number, number, number, number];
  }
  if (o.text) f.text = o.text;
  if (o.minFatalities != null) {
    const n = Number(o.minFatalities);
    if (!Number.isInteger(n) || n < 0) throw new UsageError('--min-fatalities must be a whole number');
    f.minFatalities = n;
  }
  f.sources = list(o.source);
  for (const k of Object.keys(f) as Array<keyof EventFilter>) if (f[k] === undefined) delete f[k];
  return f;
}

function eventLine(e: StoredEvent): string {
  const date = e.date.start ? (e.date.start === e.date.end ? e.date.start : `${e.date.start}..${e.date.end}`) : 'undated';
  const where = e.location ? `${e.location.name}${e.location.admin1 ? ', ' + e.location.admin1 : ''}${e.location.country ? ' (' + e.location.country + ')' : ''}` : '—';
  const who = [e.actor1?.name, e.actor2?.name].filter(Boolean).join(' → ') || '—';
  const killed = e.fatalities != null ? `killed ${e.fatalities}` : '';
  const flags = [e.corrected ? 'corrected' : '', e.review?.status ?? ''].filter(Boolean).join(',');
  return [date.padEnd(22), `${e.event_type} / ${e.sub_event_type}`.padEnd(58), where.padEnd(36), who.padEnd(40), killed.padEnd(10), `${e.source_count} src`, flags].join('  ').trimEnd();
}

function progressReporter(enabled: boolean) {
  if (!enabled) return { update: (_s: IngestStats) => {}, stop: () => {} };
  let bar: any = null;
  const started = Date.now();
  return {
    update: async (s: IngestStats) => {
      if (!bar) {
        const { default: cliProgress } = await import('cli-progress');
        bar = new cliProgress.SingleBar(
          { format: 'ingest {value} docs | new {inserted} | dup {duplicates} | errors {errors} | events {events} | {rate}/s', hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(0, 0, {});
      }
      const rate = (s.seen / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1);
      bar.update(s.seen, { inserted: s.inserted, duplicates: s.duplicates, errors: s.errors, events: s.events, rate });
    },
    stop: () => bar?.stop(),
  };
}

export function registerStoreCommands(program: Command): void {
  program
    .command('ingest')
    .description('ingest files, folders (.txt .html .jsonl), RSS/Atom feeds, Telegram result.json, WARC, or URLs into the store')
    .argument('<inputs...>', 'paths or http(s) URLs (article, feed or sitemap)')
    .addOption(dbOption())
    .option('--source <name>', 'outlet name for inputs that do not name one')
    .option('--queue', 'enqueue documents for `rasad worker` processes instead of extracting here (PostgreSQL only)')
    .option('--quiet', 'no progress bar')
    .action(async (inputs: string[], opts) => {
      const controller = new AbortController();
      // Ctrl-C: finish the documents in hand (extracted, then saved in their batch), then stop; a re-run resumes
      const onSigint = () => {
        if (controller.signal.aborted) process.exit(130);
        controller.abort();
        process.stderr.write('\nrasad: stopping after the documents in hand (Ctrl-C again to quit now)\n');
      };
      process.on('SIGINT', onSigint);
      const progress = progressReporter(!opts.quiet && Boolean(process.stderr.isTTY));
      const url = resolveDbUrl(opts.db);
      let enqueue: IngestOptions['enqueue'];
      let closeQueue: (() => Promise<void>) | null = null;
      if (opts.queue) {
        const { openQueue } = await import('../queue/queue.ts').catch(() => {
          throw new UsageError('--queue needs the PostgreSQL job queue, which this build does not have');
        });
        const q = await openQueue(url);
        enqueue = (doc, hash) => q.enqueueDocument(doc, hash);
        closeQueue = () => q.close();
      }
      const stats = await withStore(opts.db, (store) =>
        ingestInputs(store, inputs, {
          source: opts.source,
          signal: controller.signal,
          enqueue,
          onItem: (s) => progress.update(s),
          onError: (m) => process.stderr.write(`rasad: ${m}\n`),
        }),
      );
      await closeQueue?.();
      progress.stop();
      process.off('SIGINT', onSigint);
      process.stdout.write(
        `${stats.seen} read, ${stats.inserted} new (${stats.nearDuplicates} near-duplicates), ${stats.duplicates} already stored, ${stats.errors} errors, ${stats.events} events${opts.queue ? ' (queued)' : ''}\n`,
      );
      if (stats.errors) process.exitCode = 1;
      if (controller.signal.aborted) process.exitCode = 130;
    });

  addFilterOptions(
    program
      .command('events')
      .description('list stored events (canonical, merged across sources)')
      .addOption(dbOption())
      .addOption(new Option('-f, --format <format>', 'output').choices(['table', 'jsonl']).default('table'))
      .option('--limit <n>', 'at most this many', '100'),
  ).action(async (opts) => {
    const filter = filterFrom(opts);
    await withStore(opts.db, async (store) => {
      const page = await store.queryEvents(filter, { limit: Math.min(1000, Number(opts.limit) || 100), withTotal: true });
      if (opts.format === 'jsonl') for (const e of page.items) process.stdout.write(JSON.stringify(e) + '\n');
      else {
        for (const e of page.items) process.stdout.write(eventLine(e) + '\n');
        process.stdout.write(`${page.items.length} of ${page.total ?? page.items.length}${page.totalIsExact === false ? '+' : ''} events\n`);
      }
    });
  });

  addFilterOptions(
    program
      .command('export')
      .description('export events as ACLED-compatible CSV, GeoJSON, JSON Lines or HXL')
      .addOption(dbOption())
      .addOption(new Option('-f, --format <format>', 'format').choices(['acled-csv', 'geojson', 'jsonl', 'hxl']).makeOptionMandatory())
      .option('-o, --output <file>', 'write to a file instead of stdout'),
  ).action(async (opts) => {
    const { exportEvents } = await import('../export/index.ts');
    const { createWriteStream } = await import('node:fs');
    const out = opts.output ? createWriteStream(opts.output) : process.stdout;
    await withStore(opts.db, async (store) => {
      for await (const chunk of exportEvents(opts.format, store.exportRows(filterFrom(opts)) as AsyncIterable<any>)) {
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      }
    });
    if (opts.output) await new Promise<void>((r) => (out as NodeJS.WritableStream).end(r));
  });

  program
    .command('reextract')
    .description('re-run the current extractor over every stored document (corrections stay attached)')
    .addOption(dbOption())
    .action(async (opts) => {
      await withStore(opts.db, async (store) => {
        let n = 0;
        let events = 0;
        for await (const d of store.iterateDocuments()) {
          const r = await store.replaceDocumentEvents(d.documentId, extractDocument(d.input));
          events += r.eventKeys.length;
          n++;
        }
        const orphans = await store.listOrphanCorrections();
        process.stdout.write(`${n} documents re-extracted, ${events} events; ${orphans.length} corrections whose event no longer appears (kept: rasad corrections --orphans)\n`);
      });
    });

  program
    .command('corrections')
    .description('list analyst corrections')
    .addOption(dbOption())
    .option('--orphans', 'only those whose event no longer appears after re-extraction')
    .action(async (opts) => {
      await withStore(opts.db, async (store) => {
        const rows = opts.orphans ? await store.listOrphanCorrections() : await store.listCorrections();
        for (const c of rows) process.stdout.write(`${c.created_at}  ${c.who}  ${c.event_key.slice(0, 12)}  ${c.field}: ${JSON.stringify(c.old_value)} → ${JSON.stringify(c.new_value)}${c.note ? '  # ' + c.note : ''}\n`);
        process.stdout.write(`${rows.length} corrections\n`);
      });
    });

  program
    .command('serve')
    .description('HTTP API and web dashboard over the store')
    .addOption(dbOption())
    .option('--port <n>', 'port', '8080')
    .option('--host <addr>', 'interface to bind (reads are open: keep loopback unless you mean it)', '127.0.0.1')
    .action(async (opts) => {
      const { startServer } = await import('../api/server.ts');
      const store = await openStore(resolveDbUrl(opts.db));
      const server = await startServer({ store, extract: extractDocument, port: Number(opts.port), host: opts.host });
      process.stdout.write(`Rasad dashboard and API at ${server.url}  (store: ${store.location}; Ctrl-C to stop)\n`);
      const stop = async () => {
        await server.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  const token = program.command('token').description('API tokens (writes need one)');
  token
    .command('create')
    .description('create a token; it is printed once and only its hash is stored')
    .argument('<name>', 'who uses it (recorded as "who" on corrections)')
    .addOption(new Option('--role <role>', 'role').choices(['viewer', 'editor', 'admin']).default('editor'))
    .addOption(dbOption())
    .action(async (name: string, opts) => {
      const { createApiToken } = await import('../api/server.ts');
      await withStore(opts.db, async (store) => process.stdout.write((await createApiToken(store, name, opts.role)) + '\n'));
    });
  token
    .command('list')
    .addOption(dbOption())
    .action(async (opts) => {
      await withStore(opts.db, async (store) => {
        for (const t of await store.listTokens()) process.stdout.write(`${t.name}\t${t.role}\t${t.created_at}${t.revoked ? '\trevoked' : ''}\n`);
      });
    });
  token
    .command('revoke')
    .argument('<name>')
    .addOption(dbOption())
    .action(async (name: string, opts) => {
      await withStore(opts.db, async (store) => {
        if (!(await store.revokeToken(name))) throw new UsageError(`no token named "${name}"`);
      });
    });

  program
    .command('worker')
    .description('take ingest and extraction jobs from the PostgreSQL queue')
    .addOption(dbOption())
    .option('--concurrency <n>', 'jobs at once in this process', '1')
    .action(async (opts) => {
      const { runWorker } = await import('../queue/worker.ts').catch(() => {
        throw new UsageError('this build has no job queue worker');
      });
      await runWorker({ url: resolveDbUrl(opts.db), concurrency: Number(opts.concurrency) || 1 });
    });
}
