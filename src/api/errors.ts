/**
 * @module api/errors
 * One error type for the HTTP API and the one handler that turns any thrown error into
 * `{"error": {"code", "message"}}` with the right status. Handlers throw; they never build
 * error responses themselves, so every failure looks the same to clients.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod/v4';

/** Every error code the API can answer with (a closed set: clients may switch on it). */
export type ApiErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'extraction_failed'
  | 'not_implemented'
  | 'internal';

export const API_ERROR_CODES: readonly ApiErrorCode[] = Object.freeze([
  'bad_request',
  'invalid_json',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'extraction_failed',
  'not_implemented',
  'internal',
]);

/** Details for validation errors: where and what. */
export interface ApiErrorIssue {
  path: string;
  message: string;
}

/**
 * A failure with an HTTP status and a stable code.
 * @example throw new ApiError(404, 'not_found', `no event with id ${id}`)
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ApiErrorCode;
  readonly issues?: ApiErrorIssue[];
  readonly headers?: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    code: ApiErrorCode,
    message: string,
    opts: { cause?: unknown; issues?: ApiErrorIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = opts.issues;
    this.headers = opts.headers;
  }
}

/** Turns zod issues into a 400 `validation_failed` naming each bad field. */
export function validationError(err: ZodError, where: string): ApiError {
  const issues = err.issues.map((i) => ({
    path: i.path.map(String).join('.') || where,
    message: i.message,
  }));
  const summary = issues
    .slice(0, 3)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  return new ApiError(400, 'validation_failed', `invalid ${where}: ${summary}`, { issues, cause: err });
}

/** The JSON body of every error response. */
export function errorBody(code: ApiErrorCode, message: string, issues?: ApiErrorIssue[]) {
  return { error: issues && issues.length ? { code, message, issues } : { code, message } };
}

/**
 * The app's `onError`: ApiError as is, hono's own HTTPExceptions mapped by status, anything
 * else a 500 whose message does not leak internals.
 */
export function handleError(err: Error, c: Context, log: (msg: string, err: unknown) => void = defaultLog): Response {
  if (err instanceof ApiError) {
    if (err.headers) for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
    return c.json(errorBody(err.code, err.message, err.issues), err.status);
  }
  if (err instanceof ZodError) {
    const api = validationError(err, 'input');
    return c.json(errorBody(api.code, api.message, api.issues), 400);
  }
  // the store's own errors (StoreError: not_found / invalid / conflict), recognised by shape so
  // the API depends on the Store interface only
  const storeCode = (err as { name?: string; code?: unknown }).name === 'StoreError' ? (err as { code?: unknown }).code : null;
  if (storeCode === 'not_found') return c.json(errorBody('not_found', err.message), 404);
  if (storeCode === 'invalid') return c.json(errorBody('validation_failed', err.message), 400);
  if (storeCode === 'conflict') return c.json(errorBody('conflict', err.message), 409);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code: ApiErrorCode =
      status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : status === 404 ? 'not_found' : status < 500 ? 'bad_request' : 'internal';
    return c.json(errorBody(code, err.message || code), status);
  }
  log('[api] unexpected error', err);
  return c.json(errorBody('internal', 'internal server error'), 500);
}

function defaultLog(msg: string, err: unknown): void {
  // stderr only: the API has no logger of its own and a 500 must leave a trace somewhere
  process.stderr.write(`${msg}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
}
