/**
 * @module sources/jsonl
 * SPEC section 1 documents from a JSON Lines stream, one line at a time. Each line is checked
 * with zod; a bad line (invalid JSON, no id, no text or html, bad date, too long) becomes an
 * error item carrying its line number and the id when one can be read, and the stream goes on.
 * Blank lines are skipped (editors add them at the end of files).
 */
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { splitLines, type ByteSource } from './bytes.ts';
import { normalizeIsoDate } from './dates.ts';
import { DEFAULT_MAX_BYTES, errorItem, type ReadOptions, type SourceDocument, type SourceItem } from './types.ts';

/** Optional string fields: null is read as absent (many exporters write null). */
const optionalString = z
  .string()
  .nullish()
  .transform((v) => (v == null ? undefined : v));

/** The SPEC section 1 document, validated. Unknown fields are dropped. */
export const inputDocumentSchema = z
  .object({
    id: z.string().trim().min(1, 'id must be a non-empty string'),
    text: optionalString,
    html: optionalString,
    title: optionalString,
    published: optionalString.refine((v) => v === undefined || normalizeIsoDate(v) !== null, {
      message: 'published must be YYYY-MM-DD or an ISO-8601 date-time',
    }),
    url: optionalString,
    source: optionalString,
  })
  .refine((d) => (d.text !== undefined && d.text !== '') || (d.html !== undefined && d.html !== ''), {
    message: 'one of text or html is required',
    path: ['text'],
  });

function zodMessage(err: z.ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Validates one parsed JSON value as a document; returns the document or an error message. */
export function validateDocument(value: unknown): { ok: true; doc: SourceDocument } | { ok: false; message: string } {
  const r = inputDocumentSchema.safeParse(value);
  if (!r.success) return { ok: false, message: zodMessage(r.error) };
  const doc: SourceDocument = { id: r.data.id };
  for (const k of ['text', 'html', 'title', 'published', 'url', 'source'] as const) {
    const v = r.data[k];
    if (v !== undefined) doc[k] = v;
  }
  return { ok: true, doc };
}

/** Reads documents from a stream of JSON Lines bytes; `name` prefixes each origin. */
export async function* readJsonlStream(
  stream: ByteSource,
  name: string,
  opts: ReadOptions = {},
): AsyncGenerator<SourceItem> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  for await (const l of splitLines(stream, max)) {
    if (opts.signal?.aborted) return;
    const origin = `${name}:${l.line}`;
    if (l.tooLong) {
      yield errorItem(origin, 'too_large', `line is ${l.bytes} bytes, over the ${max}-byte limit`, { line: l.line, id: null });
      continue;
    }
    if (!l.text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(l.text);
    } catch (e) {
      yield errorItem(origin, 'invalid_json', (e as Error).message, { line: l.line, id: null });
      continue;
    }
    const id =
      value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string'
        ? ((value as { id: string }).id as string)
        : null;
    const v = validateDocument(value);
    if (!v.ok) {
      yield errorItem(origin, 'invalid_document', v.message, { line: l.line, id });
      continue;
    }
    if (!v.doc.source && opts.source) v.doc.source = opts.source;
    yield { kind: 'document', doc: v.doc, origin };
  }
}

/** Reads a .jsonl file (see `readJsonlStream`). */
export function readJsonlFile(path: string, opts: ReadOptions = {}): AsyncGenerator<SourceItem> {
  return readJsonlStream(createReadStream(path, { highWaterMark: 256 * 1024 }), path, opts);
}
