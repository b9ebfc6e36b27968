/**
 * @module test/browser/dashboard.test
 *
 * [browser] The dashboard in Debian's Chromium (playwright-core), served by `startServer` over
 * a real SQLite store holding the hand-written Arabic fixtures. Screenshots of the map and the
 * event panel go to test-output/screenshots/.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Store } from '../../src/store/store.ts';
import type { RunningServer } from '../../src/api/server.ts';
import { fixtureExtract, loadFixtures, makeTokens } from '../../src/api/testing/fixtures.ts';
import { SHOTS, startDashboardRig, watchPage, type DashboardRig, type LaunchedBrowser } from './browser.ts';

let rig: DashboardRig;
let store: Store;
let server: RunningServer;
let browser: LaunchedBrowser;
let keys: Map<string, string[]>;
let tokens: Record<'viewer' | 'editor' | 'admin', string>;
let page: Page;
let seen: ReturnType<typeof watchPage>;

/** Events drawn on the map: single markers plus the counts of clusters. */
function drawnEvents(p: Page): Promise<number> {
  return p.evaluate(() => {
    const singles = document.querySelectorAll('path.ev-marker').length;
    const clustered = [...document.querySelectorAll<HTMLElement>('.ev-cluster')].reduce((n, el) => n + Number(el.dataset.count ?? 0), 0);
    return singles + clustered;
  });
}

async function open(p: Page, search = ''): Promise<void> {
  await p.goto(`${server.url}${search}`);
  await p.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
}

beforeAll(async () => {
  rig = await startDashboardRig(
    'browser',
    async (s) => {
      keys = await loadFixtures(s);
      tokens = await makeTokens(s);
    },
    fixtureExtract,
  );
  ({ store, server, browser } = rig);
}, 900_000);

afterAll(async () => {
  await rig?.close();
});

describe('[browser] dashboard', () => {
  beforeAll(async () => {
    page = await browser.context.newPage();
    seen = watchPage(page);
  });

  afterEach(() => {
    expect(seen.errors, 'page errors').toEqual([]);
    expect(seen.console, 'console errors').toEqual([]);
    expect(seen.dialogs, 'dialogs').toEqual([]);
  });

  it('loads right-to-left in Arabic with a marker for every stored event', async () => {
    await open(page);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    await page.waitForFunction(() => document.querySelectorAll('path.ev-marker, .ev-cluster').length > 0);
    expect(await drawnEvents(page)).toBe(5);
    // the two Hasakah events share a place: one cluster of two
    expect(await page.locator('.ev-cluster[data-count="2"]').count()).toBe(1);
    // country outlines are drawn from world-atlas, with no tiles
    expect(await page.locator('.leaflet-outlines-pane path.country').count()).toBeGreaterThan(100);
    expect(await page.locator('img.leaflet-tile').count()).toBe(0);
    expect(await page.locator('#event-count').getAttribute('data-count')).toBe('5');
    // the filters column sits on the right in RTL
    const filters = await page.locator('.filters').boundingBox();
    const map = await page.locator('#map').boundingBox();
    expect(filters!.x).toBeGreaterThan(map!.x);
    await page.screenshot({ path: path.join(SHOTS, 'map.png') });
  });

  it('filters by type: fewer markers and the type in the URL', async () => {
    await open(page);
    await page.check('input[name="types"][value="Battles"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('types') === 'Battles');
    await page.waitForFunction(() => document.querySelector('#event-count')?.getAttribute('data-count') === '1');
    expect(await drawnEvents(page)).toBe(1);
    expect(await page.locator('path.ev-marker').getAttribute('data-type')).toBe('Battles');
    // the URL alone restores the view
    await open(page, '?types=Protests,Battles');
    expect(await page.isChecked('input[name="types"][value="Protests"]')).toBe(true);
    expect(await drawnEvents(page)).toBe(2);
  });

  it('brushing the timeline filters the map by date and puts the period in the URL', async () => {
    await open(page);
    const box = (await page.locator('.timeline-svg').boundingBox())!;
    // time runs right to left in Arabic: the earliest days are on the right
    await page.mouse.move(box.x + box.width - 5, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(() => new URL(location.href).searchParams.has('from'));
    const url = new URL(page.url());
    expect(url.searchParams.get('from')! <= '2022-01-23').toBe(true);
    expect(url.searchParams.get('to')! >= '2022-01-24' && url.searchParams.get('to')! < '2022-02-01').toBe(true);
    expect(await drawnEvents(page)).toBe(2);
    await page.click('#timeline-clear');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('from'));
    expect(await drawnEvents(page)).toBe(5);
  });

  it('clicking a marker opens the event with its source and the article with highlighted evidence', async () => {
    await open(page);
    const key = keys.get('test-darat-izza')![0];
    await page.click(`path.ev-marker[data-event="${key}"]`);
    await page.waitForSelector('.article-text mark');
    expect(new URL(page.url()).searchParams.get('event')).toBe(key);
    expect(await page.textContent('#panel h2')).toContain('قصف مدفعي');
    expect(await page.textContent('.sources')).toContain('شبكة الرصد التجريبية');
    const marks = await page.locator('.article-text mark').allTextContents();
    expect(marks.join('')).toContain('قُتل ثلاثة مدنيين');
    // each field's evidence is named next to it
    const labels = await page.locator('.article-text .hl-label').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.field));
    expect(labels).toEqual(expect.arrayContaining(['fatalities', 'injured', 'event_type', 'location']));
    expect(await page.locator('mark[data-fields~="fatalities"]').textContent()).toBe('قُتل ثلاثة مدنيين');
    await page.screenshot({ path: path.join(SHOTS, 'event-panel.png') });
  });

  it('a correction made with an editor token persists across a reload', async () => {
    await open(page);
    await page.click('#token-button');
    await page.fill('#token-input', tokens.editor);
    await page.click('#token-box button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#token-status')?.textContent?.includes('editor-amal'));
    const key = keys.get('test-darat-izza')![0];
    await open(page, `?event=${key}`);
    await page.waitForSelector('[data-edit="fatalities"]');
    await page.click('[data-edit="fatalities"]');
    await page.fill('form[data-editing="fatalities"] input[name="value"]', '4');
    await page.fill('form[data-editing="fatalities"] input[name="note"]', 'توفي أحد الجرحى');
    await page.click('form[data-editing="fatalities"] [data-action="save"]');
    await page.waitForSelector('td[data-field="fatalities"].is-corrected');
    await page.reload();
    await page.waitForSelector('td[data-field="fatalities"].is-corrected', { timeout: 30_000 });
    const four = await page.evaluate(() => new Intl.NumberFormat('ar-SY').format(4));
    expect(await page.textContent('td[data-field="fatalities"] .value')).toBe(four);
    expect(await page.textContent('.correction-log')).toContain('editor-amal');
    expect(await page.textContent('.correction-log')).toContain('توفي أحد الجرحى');
    // and the API agrees
    const ev = await store.getEvent(key);
    expect(ev?.fatalities).toBe(4);
    expect((await store.listCorrections(key))[0].who).toBe('editor-amal');
    await page.screenshot({ path: path.join(SHOTS, 'event-corrected.png') });
  });

  it('renders an article carrying <img onerror> and <script> as inert text', async () => {
    const key = keys.get('test-homs-hostile')![0];
    await open(page, `?event=${key}`);
    await page.waitForSelector('.article-text mark');
    await page.waitForTimeout(500); // give any injected handler the chance to fire
    const text = await page.textContent('.article-text');
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain('<script>alert(1)</script>');
    expect(await page.textContent('.article-title')).toContain('<img src=x onerror=alert(1)>');
    expect(await page.textContent('.sources')).toContain('موقع <b>مجهول</b>');
    expect(await page.textContent('td[data-field="actor1"]')).toContain('Police <script>alert(3)</script>');
    const found = await page.evaluate(() => ({
      imgs: document.querySelectorAll('img').length,
      scripts: [...document.scripts].map((s) => s.getAttribute('src')),
      bold: document.querySelectorAll('#panel b').length,
    }));
    expect(found).toEqual({ imgs: 0, scripts: ['/app.js'], bold: 0 });
    expect(seen.dialogs).toEqual([]);
  });

  it('switches to English, left to right, and keeps the view in the URL', async () => {
    await open(page, '?types=Battles');
    await page.click('#lang-toggle');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    expect(await page.textContent('#filters-title')).toBe('Filters');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(new URL(page.url()).searchParams.get('types')).toBe('Battles');
    const filters = await page.locator('.filters').boundingBox();
    const map = await page.locator('#map').boundingBox();
    expect(filters!.x).toBeLessThan(map!.x);
    await page.screenshot({ path: path.join(SHOTS, 'map-en.png') });
  });

  it('shows an empty state when nothing matches', async () => {
    await open(page, `?q=${encodeURIComponent('لا يوجد هذا النص أبدا')}`);
    await page.waitForSelector('#map-status .empty');
    expect(await drawnEvents(page)).toBe(0);
    expect(await page.textContent('#map-status')).toContain('لا توجد أحداث');
  });
});
