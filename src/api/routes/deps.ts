/**
 * @module api/routes/deps
 * What every route module receives from `createApp`, and the middleware stack of a write
 * (token and role, then rate limit, then body size), so each route states its needs in one line.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import type { ExtractionResult, InputDocument } from '../../types.ts';
import type { Store, TokenRole } from '../../store/store.ts';
import type { AlertDispatcher } from '../alerts.ts';
import { requireRole, type ApiEnv } from '../auth.ts';
import { ApiError } from '../errors.ts';
import type { SlidingWindowLimiter } from '../rate-limit.ts';

/** The extraction the ingest endpoint runs (src/pipeline.ts `extractDocument`). */
export type ExtractFn = (doc: InputDocument) => ExtractionResult | Promise<ExtractionResult>;

export interface RouteDeps {
  store: Store;
  extract?: ExtractFn;
  dispatcher: AlertDispatcher;
  writeLimiter: SlidingWindowLimiter | null;
  limits: { ingestBytes: number; writeBytes: number };
}

/** Middleware of a write: needs `role`, counts against the write rate, body at most `maxBytes`. */
export function writeGuard(deps: RouteDeps, role: TokenRole, maxBytes: number): MiddlewareHandler<ApiEnv> {
  return every(
    requireRole(deps.store, role, deps.writeLimiter ?? undefined),
    bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `the body is larger than ${maxBytes} bytes`);
      },
    }),
  ) as MiddlewareHandler<ApiEnv>;
}
