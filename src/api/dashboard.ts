/**
 * @module api/dashboard
 * Serves the web dashboard from its TypeScript sources in web/: the first request bundles
 * web/src/main.ts (and the CSS it imports, Leaflet's included) with esbuild in memory, so a
 * fresh `npm ci` is all a deployment needs, with no build step and no generated files in git.
 * The country outlines come from the `world-atlas` package (Natural Earth, public domain);
 * nothing is fetched from the network at run time, no tile server is used.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Hono, type Context } from 'hono';

const require = createRequire(import.meta.url);

/** The dashboard's source folder (web/ at the repository root). */
export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

export interface DashboardBundle {
  js: string;
  css: string;
}

export interface DashboardOptions {
  /** Source folder (default: web/ of this checkout). */
  webDir?: string;
  /** Minify the bundle (default true; tests may turn it off to read stack traces). */
  minify?: boolean;
}

/**
 * Bundles the dashboard (web/src/main.ts + CSS) in memory.
 * @example const { js, css } = await buildDashboard();
 */
export async function buildDashboard(opts: DashboardOptions = {}): Promise<DashboardBundle> {
  const webDir = opts.webDir ?? WEB_DIR;
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [path.join(webDir, 'src/main.ts')],
    bundle: true,
    format: 'esm',
    target: ['es2022'],
    platform: 'browser',
    write: false,
    outdir: '/dashboard-out',
    minify: opts.minify ?? true,
    sourcemap: false,
    legalComments: 'none',
    loader: { '.png': 'dataurl', '.svg': 'dataurl', '.json': 'json' },
    logLevel: 'silent',
  });
  let js = '';
  let css = '';
  for (const f of out.outputFiles) {
    if (f.path.endsWith('.js')) js += f.text;
    else if (f.path.endsWith('.css')) css += f.text;
  }
  return { js, css };
}

interface Asset {
  body: string | Uint8Array;
  type: string;
  etag: string;
}

function asset(body: string | Uint8Array, type: string): Asset {
  return { body, type, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"` };
}

function send(c: Context, a: Asset, cache: string): Response {
  if (c.req.header('if-none-match') === a.etag) return c.body(null, 304, { ETag: a.etag, 'Cache-Control': cache });
  return c.body(a.body as string, 200, { 'Content-Type': a.type, ETag: a.etag, 'Cache-Control': cache });
}

/**
 * Routes of the dashboard: `/` (the page), `/app.js`, `/app.css` (the UI strings of
 * web/i18n.json are bundled into app.js), `/assets/countries.json` (TopoJSON outlines). The
 * bundle is built once, on first use (or by `warm()`).
 */
export function dashboardRoutes(opts: DashboardOptions = {}): { app: Hono; warm: () => Promise<void> } {
  const webDir = opts.webDir ?? WEB_DIR;
  let bundle: Promise<{ js: Asset; css: Asset }> | null = null;
  let page: Promise<Asset> | null = null;
  let countries: Promise<Asset> | null = null;

  const getBundle = () =>
    (bundle ??= buildDashboard(opts).then(
      (b) => ({ js: asset(b.js, 'text/javascript; charset=utf-8'), css: asset(b.css, 'text/css; charset=utf-8') }),
      (err) => {
        bundle = null; // let the next request try again (e.g. after fixing a source file)
        throw err;
      },
    ));
  const getPage = () => (page ??= readFile(path.join(webDir, 'index.html'), 'utf8').then((t) => asset(t, 'text/html; charset=utf-8')));
  const getCountries = () =>
    (countries ??= readFile(require.resolve('world-atlas/countries-50m.json')).then((b) =>
      asset(new Uint8Array(b), 'application/json'),
    ));

  const app = new Hono();
  // no-cache + ETag: the browser revalidates, so a new version shows on the next load
  app.get('/', async (c) => send(c, await getPage(), 'no-cache'));
  app.get('/index.html', async (c) => send(c, await getPage(), 'no-cache'));
  app.get('/app.js', async (c) => send(c, (await getBundle()).js, 'no-cache'));
  app.get('/app.css', async (c) => send(c, (await getBundle()).css, 'no-cache'));
  app.get('/assets/countries.json', async (c) => send(c, await getCountries(), 'public, max-age=86400'));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  return {
    app,
    warm: async () => {
      await Promise.all([getBundle(), getPage(), getCountries()]);
    },
  };
}
