/**
 * @module cli/main
 * The `rasad` command line. One subcommand per task; each failure is one clear line on stderr
 * and a non-zero exit.
 */
import { Command, Option } from 'commander';
import { runExtract, UsageError, type OutputFormat } from './extract-command.ts';
import { runEval } from './eval-command.ts';
import { runEvalNer } from './ner-command.ts';
import { registerStoreCommands } from './store-commands.ts';

const program = new Command();
program
  .name('rasad')
  .description('Rasad (رصد): Arabic news → structured, geocoded, dated conflict and crisis events')
  .version('0.1.0')
  .showHelpAfterError();

const parseBytes = (v: string) => {
  const m = /^(\d+(?:\.\d+)?)\s*(k|kb|m|mb|g|gb)?$/i.exec(v.trim());
  if (!m) throw new UsageError(`not a size: "${v}" (use e.g. 5MB, 800KB, 100000)`);
  const mult = { k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9 }[(m[2] ?? '').toLowerCase() as 'k'] ?? 1;
  return Math.round(parseFloat(m[1]) * mult);
};

program
  .command('extract')
  .description('extract events from an article file, stdin ("-"), or a JSON Lines file of documents')
  .argument('[file]', 'article file (.txt or .html), or - for stdin')
  .option('-i, --input <docs.jsonl>', 'JSON Lines documents (SPEC section 1), streamed; - for stdin')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['jsonl', 'json', 'table']).default(undefined))
  .option('-p, --published <date>', 'publication date of a single article (YYYY-MM-DD)')
  .option('--id <id>', 'document id of a single article (default: file name)')
  .option('--max-bytes <size>', 'per-document size limit', parseBytes)
  .action(async (file: string | undefined, opts) => {
    const format: OutputFormat = opts.format ?? (opts.input ? 'jsonl' : 'json');
    process.exitCode = await runExtract(file, { ...opts, format });
  });

program
  .command('eval')
  .description('score Rasad against gold events (SPEC section 5)')
  .requiredOption('-g, --gold <gold.jsonl>', 'gold events')
  .option('-i, --input <docs.jsonl>', 'documents to extract and score')
  .option('--pred <pred.jsonl>', 'score existing predictions instead of extracting')
  .option('-v, --verbose', 'list every miss')
  .option('--json', 'print the report as JSON')
  .action(async (opts) => {
    process.exitCode = await runEval(opts);
  });

program
  .command('eval-ner')
  .description('score place, organization and person recognition against a CoNLL-style corpus (e.g. ANERcorp)')
  .requiredOption('-i, --input <conll>', 'gold corpus: one "token TAG" per line, IOB tags LOC/ORG/PERS/MISC')
  .option('--json', 'print the report as JSON')
  .option('--limit <n>', 'score only the first N sentences')
  .action(async (opts) => {
    process.exitCode = await runEvalNer(opts);
  });

program
  .command('geocode')
  .description('print the places Rasad recognizes and resolves in a text')
  .argument('<text...>', 'Arabic text (or - to read stdin)')
  .action(async (words: string[]) => {
    const { geocodeCommand } = await import('../geo/geocode-command.ts');
    const { readFileSync } = await import('node:fs');
    const text = words.length === 1 && words[0] === '-' ? readFileSync(0, 'utf8') : words.join(' ');
    process.stdout.write(geocodeCommand(text) + '\n');
  });

program
  .command('build-data')
  .description('build the prebuilt gazetteer index (run by npm install)')
  .option('--quiet', 'print nothing on success')
  .action(async (opts) => {
    const { buildGazetteer } = await import('../../scripts/build-gazetteer.ts');
    const started = Date.now();
    const info = await buildGazetteer();
    if (!opts.quiet) process.stdout.write(`gazetteer built in ${Date.now() - started} ms ${info ? JSON.stringify(info) : ''}\n`);
  });

registerStoreCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const err = e as Error & { code?: string };
  process.stderr.write(`rasad: ${err.message}\n`);
  if (process.env.RASAD_DEBUG) process.stderr.write(`${err.stack}\n`);
  process.exitCode = 2;
}
