/**
 * @module cli/extract-command
 * `rasad extract`: one file (or stdin) or a JSON Lines stream of documents → results in
 * SPEC section 2 form. Bad lines yield error records in place and a non-zero exit at the end;
 * the rest is still processed.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { z } from 'zod';
import type { ErrorRecord, ExtractionResult, InputDocument } from '../types.ts';
import { decodeBytes, DEFAULT_MAX_BYTES } from '../decode/decode.ts';
import { decodeHtmlBytes } from '../clean/clean-html.ts';
import { extractDocument } from '../pipeline.ts';
import { formatTable } from './format-table.ts';

export type OutputFormat = 'jsonl' | 'json' | 'table';

export const DocumentSchema = z
  .object({
    id: z.union([z.string().min(1), z.number()]).transform(String),
    text: z.string().optional(),
    html: z.string().optional(),
    title: z.string().nullish(),
    published: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'published must be YYYY-MM-DD or an ISO-8601 date-time')
      .nullish(),
    url: z.string().nullish(),
    source: z.string().nullish(),
  })
  .refine((d) => d.text != null || d.html != null, { message: 'document needs "text" or "html"' });

export class UsageError extends Error {}

/** Validates one parsed JSON value as an input document, or explains in one line why not. */
export function validateDocument(value: unknown): { doc: InputDocument } | { code: string; message: string } {
  const parsed = DocumentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    const code = issue.path[0] === 'id' ? 'missing-id' : issue.message.includes('text') ? 'missing-text' : 'invalid-document';
    return { code, message: `${where}${issue.message}` };
  }
  const d = parsed.data;
  const doc: InputDocument = { id: d.id };
  if (d.text != null) doc.text = d.text;
  if (d.html != null) doc.html = d.html;
  if (d.title != null) doc.title = d.title;
  if (d.published != null) doc.published = d.published;
  if (d.url != null) doc.url = d.url;
  if (d.source != null) doc.source = d.source;
  return { doc };
}

/** Streams results (or error records) for a JSON Lines file of documents, in input order. */
export async function* extractJsonl(
  input: NodeJS.ReadableStream,
  opts: { maxBytes?: number } = {},
): AsyncGenerator<ExtractionResult | ErrorRecord> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const rl = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of rl) {
    line++;
    if (!raw.trim()) continue;
    if (Buffer.byteLength(raw, 'utf8') > maxBytes) {
      yield { line, id: peekId(raw), error: { code: 'too-large', message: `line ${line}: document over the size limit of ${maxBytes} bytes` } };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      yield { line, id: null, error: { code: 'invalid-json', message: `line ${line}: invalid JSON (${(e as Error).message})` } };
      continue;
    }
    const v = validateDocument(value);
    if ('code' in v) {
      const id = value && typeof value === 'object' && 'id' in value ? String((value as { id: unknown }).id ?? '') || null : null;
      yield { line, id, error: { code: v.code, message: `line ${line}: ${v.message}` } };
      continue;
    }
    try {
      yield extractDocument(v.doc);
    } catch (e) {
      yield { line, id: v.doc.id, error: { code: 'extract-failed', message: `line ${line}: ${(e as Error).message}` } };
    }
  }
}

function peekId(raw: string): string | null {
  const m = /"id"\s*:\s*"([^"]{1,200})"/.exec(raw.slice(0, 500));
  return m ? m[1] : null;
}

/** Reads one article file (or stdin for "-") as an input document. */
export function readSingleDocument(file: string, opts: { published?: string; maxBytes?: number; id?: string }): InputDocument {
  const name = file === '-' ? 'stdin' : file;
  const bytes = file === '-' ? readFileSync(0) : readFileSync(file);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const isHtml = /\.x?html?$/i.test(file) || /^\s*(<!doctype html|<html)/i.test(bytes.subarray(0, 200).toString('latin1'));
  const id = opts.id ?? (file === '-' ? 'stdin' : path.basename(file).replace(/\.[^.]+$/, ''));
  if (opts.published != null && !/^\d{4}-\d{2}-\d{2}/.test(opts.published)) throw new UsageError(`--published must be YYYY-MM-DD or an ISO date-time, got "${opts.published}"`);
  if (isHtml) {
    return { id, html: decodeHtmlBytes(bytes, name, { maxBytes }), ...(opts.published ? { published: opts.published } : {}) };
  }
  const { text } = decodeBytes(bytes, name, { maxBytes });
  return { id, text, ...(opts.published ? { published: opts.published } : {}) };
}

/** Writes results in the chosen format. */
export function formatResult(r: ExtractionResult | ErrorRecord, format: OutputFormat): string {
  if (format === 'jsonl') return JSON.stringify(r);
  if (format === 'json') return JSON.stringify(r, null, 2);
  if ('error' in r) return `line ${r.line}${r.id ? ` (${r.id})` : ''}: error ${r.error.code}: ${r.error.message}`;
  return formatTable(r);
}

export async function runExtract(
  file: string | undefined,
  opts: { input?: string; format: OutputFormat; published?: string; maxBytes?: number; id?: string },
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  let failures = 0;
  const write = (s: string) => out.write(s + '\n');
  if (opts.input) {
    const stream = opts.input === '-' ? process.stdin : createReadStream(opts.input);
    if (opts.input !== '-') await new Promise<void>((resolve, reject) => (stream as any).once('open', resolve).once('error', reject));
    const results: Array<ExtractionResult | ErrorRecord> = [];
    for await (const r of extractJsonl(stream, { maxBytes: opts.maxBytes })) {
      if ('error' in r) {
        failures++;
        process.stderr.write(`rasad: ${opts.input}: ${r.error.message}\n`);
      }
      if (opts.format === 'json') results.push(r);
      else write(formatResult(r, opts.format));
    }
    if (opts.format === 'json') write(JSON.stringify(results, null, 2));
    return failures ? 1 : 0;
  }
  if (!file) throw new UsageError('give an article file, "-" for stdin, or --input docs.jsonl');
  const doc = readSingleDocument(file, opts);
  write(formatResult(extractDocument(doc), opts.format));
  return 0;
}
