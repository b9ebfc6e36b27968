/**
 * @module api/validate
 * Reading a request's query and JSON body through a zod schema. Bad input becomes an
 * ApiError (400 validation_failed / invalid_json, 415 for a body that is not JSON), so
 * handlers only ever see typed, valid values.
 */
import type { Context } from 'hono';
import type { z } from 'zod/v4';
import { ApiError, validationError } from './errors.ts';
import { LIST_PARAMS } from './schemas.ts';

/** Splits list values given comma-separated and/or repeated; drops empty pieces. */
export function splitList(values: string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
}

/** The query string as a plain object: list parameters as arrays, empty values dropped. */
export function queryObject(url: string): Record<string, string | string[]> {
  const params = new URL(url).searchParams;
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (LIST_PARAMS.has(key)) {
      const items = splitList(values);
      if (items.length) out[key] = items;
    } else {
      const v = values[values.length - 1].trim();
      if (v !== '') out[key] = v;
    }
  }
  return out;
}

/** Validates the query string; throws 400 naming the bad parameters. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const r = schema.safeParse(queryObject(c.req.url));
  if (!r.success) throw validationError(r.error, 'query');
  return r.data;
}

/** Parses and validates a JSON body; throws 415 / 400 invalid_json / 400 validation_failed. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type))
    throw new ApiError(415, 'unsupported_media_type', 'send the body as JSON (Content-Type: application/json)');
  let data: unknown;
  try {
    data = JSON.parse(await c.req.text());
  } catch (err) {
    throw new ApiError(400, 'invalid_json', `the body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const r = schema.safeParse(data);
  if (!r.success) throw validationError(r.error, 'body');
  return r.data;
}

/** Validates a value already parsed (e.g. a correction's value against its field's schema). */
export function check<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw validationError(r.error, where);
  return r.data;
}

/** A positive integer path parameter, or 404 (ids that cannot exist are simply not found). */
export function intParam(c: Context, name: string, what: string): number {
  const raw = c.req.param(name) ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw new ApiError(404, 'not_found', `no ${what} with id ${JSON.stringify(raw.slice(0, 100))}`);
  return Number(raw);
}
