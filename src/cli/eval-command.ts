/**
 * @module cli/eval-command
 * `rasad eval`: extract (or read predictions) and score against gold by SPEC section 5.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { extractJsonl } from './extract-command.ts';
import { formatReport, score, type GoldDocument, type PredResult } from '../eval/score.ts';
import { UsageError } from './extract-command.ts';

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as T;
      } catch (e) {
        throw new UsageError(`${path}:${i + 1}: ${(e as Error).message}`);
      }
    });
}

/** Extracts every document of a JSON Lines file (error records are skipped). */
export async function predict(input: string): Promise<PredResult[]> {
  const out: PredResult[] = [];
  for await (const r of extractJsonl(createReadStream(input))) if (!('error' in r)) out.push(r);
  return out;
}

export async function runEval(opts: { gold: string; input?: string; pred?: string; verbose?: boolean; json?: boolean }): Promise<number> {
  if (!opts.input && !opts.pred) throw new UsageError('eval needs --input docs.jsonl or --pred pred.jsonl');
  const gold = readJsonl<GoldDocument>(opts.gold);
  const preds = opts.pred ? readJsonl<PredResult>(opts.pred) : await predict(opts.input!);
  const report = score(gold, preds);
  if (opts.json) {
    const { misses: _misses, ...summary } = report;
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  } else process.stdout.write(formatReport(report, opts.verbose) + '\n');
  return 0;
}
