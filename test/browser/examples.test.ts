/**
 * @module test/browser/examples.test
 *
 * [browser/examples] The dashboard over the bundled examples (the seed article among them),
 * extracted by the real pipeline: a marker for each located event, and the seed's events open
 * in the reader with their evidence highlighted.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.ts';
import { extractDocument } from '../../src/pipeline.ts';
import type { RunningServer } from '../../src/api/server.ts';
import { SHOTS, startDashboardRig, watchPage, type DashboardRig, type LaunchedBrowser } from './browser.ts';

let rig: DashboardRig;
let store: Store;
let server: RunningServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  const lines = readFileSync(new URL('../../examples/documents.jsonl', import.meta.url), 'utf8').trim().split('\n');
  rig = await startDashboardRig(
    'browser-examples',
    async (s) => {
      for (const line of lines) {
        const doc = JSON.parse(line);
        await s.saveDocumentResult({ doc, result: extractDocument(doc), sourceName: doc.source });
      }
    },
    extractDocument,
  );
  ({ store, server, browser } = rig);
}, 900_000);

afterAll(async () => {
  await rig?.close();
});

describe('[browser/examples] dashboard over the bundled examples', () => {
  it('draws every located event and opens a seed event with highlighted evidence', async () => {
    const page = await browser.context.newPage();
    const seen = watchPage(page);
    const all = (await store.queryEvents({}, { limit: 1000 })).items;
    const located = all.filter((e) => e.location?.lat != null && e.location?.lon != null).length;
    const seed = (await store.queryEvents({ sources: ['seed'] }, { limit: 100 })).items;
    expect(seed.length).toBeGreaterThan(0);

    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    const drawn = await page.evaluate(
      () =>
        document.querySelectorAll('path.ev-marker').length +
        [...document.querySelectorAll<HTMLElement>('.ev-cluster')].reduce((n, el) => n + Number(el.dataset.count ?? 0), 0),
    );
    expect(drawn).toBe(located);
    await page.screenshot({ path: path.join(SHOTS, 'examples-map.png') });

    await page.click(`#event-list button[data-event="${seed[0].event_key}"]`);
    await page.waitForSelector('.article-text mark');
    expect(await page.textContent('.sources')).toContain('seed');
    expect(await page.locator('.article-text mark').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'examples-event.png') });
    expect(seen.errors).toEqual([]);
    expect(seen.console).toEqual([]);
    expect(seen.dialogs).toEqual([]);
  });
});
