/**
 * @module test/browser/browser
 * Launches Debian's Chromium through playwright-core for the browser tests: headless, no
 * sandbox (containers), no background network, a fresh profile per launch. The console and
 * page errors are collected so a test can assert that none happened.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { openStore, type Store } from '../../src/store/store.ts';
import { startServer, type ExtractFn, type RunningServer } from '../../src/api/server.ts';
// @ts-expect-error: plain ESM script without types
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Starts Chromium with a fresh profile directory (playwright passes it as --user-data-dir;
 * removed on close).
 */
export async function launchChromium(viewport = { width: 1400, height: 860 }): Promise<LaunchedBrowser> {
  const executablePath = (ensureChromium as (o?: { quiet?: boolean }) => string)({ quiet: true });
  const profile = mkdtempSync(path.join(tmpdir(), 'rasad-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'ar',
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Collects page errors, console errors, dialogs (alert/confirm) and CSP violations. */
export function watchPage(page: Page) {
  const seen = { errors: [] as string[], dialogs: [] as string[], console: [] as string[] };
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') seen.console.push(m.text());
  });
  page.on('dialog', (d) => {
    seen.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return seen;
}

/** Where the browser tests write their screenshots. */
export const SHOTS = path.resolve('test-output/screenshots');

export interface DashboardRig {
  store: Store;
  server: RunningServer;
  browser: LaunchedBrowser;
  close(): Promise<void>;
}

/**
 * What every dashboard test needs: a SQLite store in a temp dir filled by `fill`, the API and
 * dashboard served over it on a free port, and Chromium (a first run may install it with apt-get,
 * scripts/ensure-chromium.mjs).
 */
export async function startDashboardRig(name: string, fill: (store: Store) => Promise<void>, extract: ExtractFn): Promise<DashboardRig> {
  mkdirSync(SHOTS, { recursive: true });
  const dir = mkdtempSync(path.join(tmpdir(), `rasad-${name}-`));
  const store = await openStore(path.join(dir, `${name}.db`));
  await fill(store);
  const server = await startServer({ store, extract, port: 0, alertIntervalMs: 0 });
  const browser = await launchChromium();
  return {
    store,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
