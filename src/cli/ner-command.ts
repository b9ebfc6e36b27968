/**
 * @module cli/ner-command
 * `rasad eval-ner`: scores Rasad's place, organization and person recognition against a
 * CoNLL-style gold corpus such as ANERcorp (src/eval/ner.ts).
 */
import { existsSync, statSync } from 'node:fs';
import { CorpusFormatError, evaluateNer, formatNerReport } from '../eval/ner.ts';
import { UsageError } from './extract-command.ts';

export async function runEvalNer(opts: { input: string; json?: boolean; limit?: string }): Promise<number> {
  if (!existsSync(opts.input) || !statSync(opts.input).isFile()) throw new UsageError(`no such file: ${opts.input}`);
  let limit: number | undefined;
  if (opts.limit != null) {
    limit = Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number of sentences above 0, got "${opts.limit}"`);
  }
  try {
    const report = evaluateNer(opts.input, { limit });
    process.stdout.write((opts.json ? JSON.stringify(report, null, 2) : formatNerReport(report)) + '\n');
  } catch (e) {
    // a malformed corpus is the user's input, not a crash: one line, exit 2
    if (e instanceof CorpusFormatError) throw new UsageError(e.message);
    throw e;
  }
  return 0;
}
