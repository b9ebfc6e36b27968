/**
 * @module api/server
 * `rasad serve`: the HTTP API (hono) and the web dashboard in one process, over one Store.
 * Reads are open; writes need a bearer token (api/auth.ts). Binds 127.0.0.1 unless told
 * otherwise, because the reads are open.
 *
 * @example
 * const store = await openStore('rasad.db');
 * const { url, close } = await startServer({ store, extract: extractDocument, port: 8080 });
 * console.log(`dashboard at ${url}`);
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Store, TokenRole } from '../store/store.ts';
import { createAlertDispatcher, type AlertDispatcher, type AlertDispatcherOptions } from './alerts.ts';
import type { ApiEnv } from './auth.ts';
import { dashboardRoutes, type DashboardOptions } from './dashboard.ts';
import { ApiError, errorBody, handleError } from './errors.ts';
import { buildOpenApi } from './openapi.ts';
import { SlidingWindowLimiter } from './rate-limit.ts';
import { alertRoutes } from './routes/alerts.ts';
import type { ExtractFn, RouteDeps } from './routes/deps.ts';
import { documentRoutes } from './routes/documents.ts';
import { eventRoutes } from './routes/events.ts';
import { statsRoutes } from './routes/stats.ts';

export type { ExtractFn } from './routes/deps.ts';

export interface CreateAppOptions {
  store: Store;
  /** Extraction run by POST /api/documents (src/pipeline.ts `extractDocument`); without it ingest answers 501. */
  extract?: ExtractFn;
  /** Alert dispatcher kicked after ingests (default: one over `store`, not started). */
  dispatcher?: AlertDispatcher;
  /** Body size limits in bytes (defaults: ingest 10 MB, other writes 64 kB). */
  limits?: { ingestBytes?: number; writeBytes?: number };
  /** Writes per token per window (default 120 per minute); false turns the limit off. */
  rateLimit?: { max?: number; windowMs?: number } | false;
  /** Serve the dashboard at / (default true). */
  dashboard?: boolean | DashboardOptions;
  /** Where unexpected errors are logged (default stderr). */
  log?: (msg: string, err: unknown) => void;
}

/** Security headers on every answer: no inline script, no framing, no sniffing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The hono app (API + dashboard); `warm()` prebuilds the dashboard bundle. */
export type RasadApp = Hono<ApiEnv> & { warm: () => Promise<void>; dispatcher: AlertDispatcher };

/**
 * Builds the app without listening (tests call `app.request(…)` on it).
 * @example const app = createApp({ store, extract: extractDocument });
 */
export function createApp(opts: CreateAppOptions): RasadApp {
  const rate = opts.rateLimit === false ? null : { max: opts.rateLimit?.max ?? 120, windowMs: opts.rateLimit?.windowMs ?? 60_000 };
  const deps: RouteDeps = {
    store: opts.store,
    extract: opts.extract,
    dispatcher: opts.dispatcher ?? createAlertDispatcher({ store: opts.store }),
    writeLimiter: rate ? new SlidingWindowLimiter(rate) : null,
    limits: { ingestBytes: opts.limits?.ingestBytes ?? 10 * 1024 * 1024, writeBytes: opts.limits?.writeBytes ?? 64 * 1024 },
  };

  const app = new Hono<ApiEnv>();
  app.use('*', async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('X-Frame-Options', 'DENY');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    if (c.req.path.startsWith('/api/') && !h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
  });
  app.onError((err, c) => handleError(err, c, opts.log));
  app.notFound((c) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api')
      return c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404);
    return c.text('not found', 404);
  });

  const openapi = buildOpenApi();
  app.get('/api/openapi.json', (c) => c.json(openapi));
  app.route('/api', eventRoutes(deps));
  app.route('/api', documentRoutes(deps));
  app.route('/api', statsRoutes(deps));
  app.route('/api', alertRoutes(deps));

  let warm = async () => {};
  if (opts.dashboard !== false) {
    const dash = dashboardRoutes(typeof opts.dashboard === 'object' ? opts.dashboard : {});
    app.route('/', dash.app);
    warm = dash.warm;
  }
  return Object.assign(app, { warm, dispatcher: deps.dispatcher });
}

export interface StartServerOptions extends CreateAppOptions {
  /** Port (default 8080; 0 picks a free one). */
  port?: number;
  /** Interface to bind (default 127.0.0.1: reads are open, so stay on loopback unless told). */
  host?: string;
  /** How often alerts are checked, besides after each ingest (default 60 s; 0 turns polling off). */
  alertIntervalMs?: number;
  /** Options of the alert dispatcher (when `dispatcher` is not given). */
  alerts?: Omit<AlertDispatcherOptions, 'store'>;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8080/ */
  url: string;
  port: number;
  /** Stops the alert dispatcher and the server (the store stays open: its owner closes it). */
  close(): Promise<void>;
}

/**
 * Starts the API and dashboard. Resolves once listening, with the dashboard bundle built.
 * @example const { url } = await startServer({ store, extract, port: 0 });
 */
export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const dispatcher = opts.dispatcher ?? createAlertDispatcher({ store: opts.store, ...opts.alerts });
  const app = createApp({ ...opts, dispatcher });
  await app.warm();
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: opts.port ?? 8080, hostname: host }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    );
    server.once('error', reject);
  });
  const interval = opts.alertIntervalMs ?? 60_000;
  if (interval > 0) dispatcher.start(interval);
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    async close() {
      await dispatcher.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // idle keep-alive connections would hold close() open
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}

/**
 * Creates an API token (for `rasad token create`): returns the plaintext, shown once; the
 * store keeps only its hash.
 * @example const token = await createApiToken(store, 'amal', 'editor');
 */
export async function createApiToken(store: Store, name: string, role: TokenRole): Promise<string> {
  const clean = name.trim();
  if (!/^[\p{L}\p{N}._@ -]{1,80}$/u.test(clean))
    throw new ApiError(400, 'validation_failed', 'a token name is 1–80 letters, digits, spaces or . _ @ -');
  if (!['viewer', 'editor', 'admin'].includes(role)) throw new ApiError(400, 'validation_failed', 'role is viewer, editor or admin');
  return store.createToken(clean, role);
}
