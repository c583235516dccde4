/**
 * Monaco's warm-up in idle time after the app starts (an editor created off screen and removed again,
 * so the first flow opened does not pay for Monaco's start). The sample editor: typing into it while
 * the landscape canvas is on the page (the canvas library listens on the whole document for Space and
 * used to swallow every space typed into the editor), and the check of a JSON sample against its JSON
 * source schema (it used to check the syntax only).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_SAMPLE, jsonProject } from '../unit/xslt-import/fixtures.ts';
import { openApp, openProjectFile, stopServer, type App } from './harness.ts';

describe('editors in Chromium', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp();
    await app.page.locator('[data-flow]').first().waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  it('warms Monaco up in idle time before any flow is opened, and leaves no editor behind', async () => {
    const { page } = app;
    // No flow is open yet, so no editor is on the page. Monaco's theme styles exist only once an editor
    // was created: the warm-up's, which is gone again.
    const state = () =>
      page.evaluate(() => ({
        themed: [...document.querySelectorAll('style')].some((s) => (s.textContent ?? '').includes('.mtk1')),
        editors: document.querySelectorAll('.monaco-editor').length,
      }));
    await page.locator('html[data-editors-warm]').waitFor({ state: 'attached', timeout: 30_000 });
    expect(await state()).toEqual({ themed: true, editors: 0 });
    expect(await page.getByTestId('output-editor').count()).toBe(0);
    // The first flow then opens with its editor; the long tasks it caused are printed for the record.
    await page.evaluate(() => {
      const w = window as unknown as { __lt: number[] };
      w.__lt = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__lt.push(Math.round(e.duration)))).observe({ type: 'longtask' });
    });
    await page.locator('[data-flow="a1-gewerberegister"]').first().click();
    await page.locator('.code-editor .view-line').first().waitFor({ timeout: 30_000 });
    console.log('long tasks opening the first flow (ms):', JSON.stringify(await page.evaluate(() => (window as unknown as { __lt: number[] }).__lt)));
  });

  it('a space typed into the sample editor reaches the sample', async () => {
    const { page } = app;
    await page.locator('[data-flow="a1-gewerberegister"]').first().click();
    await page.locator('#tab-samples').click();
    const editor = page.getByTestId('sample-editor');
    await editor.locator('.view-lines').waitFor({ timeout: 30_000 });
    // The designer canvas is on the page, as it always is next to the mapper.
    expect(await page.getByTestId('designer').count()).toBe(1);
    await editor.locator('.view-lines').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('Notiz mit Leerzeichen');
    await expect.poll(async () => ((await editor.locator('.view-line').first().textContent()) ?? '').replace(/\u00a0/g, ' '), { timeout: 10_000 }).toMatch(/^Notiz mit Leerzeichen<\?xml/);
  }, 60_000);

  it('a JSON sample of a JSON source is checked against the source schema, with the finding located', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rw-json-src-')), 'json.regelwerk.json');
    const project = jsonProject();
    writeFileSync(file, JSON.stringify(project));
    const { page } = app;
    await openProjectFile(app, file, project.id);
    await page.locator('[data-flow="json-xml"]').first().click();
    await page.locator('#tab-samples').click();
    // The stored sample fits the schema …
    await expect.poll(async () => (await page.getByTestId('sample-status').textContent()) ?? '', { timeout: 30_000 }).not.toContain('Prüfe');
    expect(await page.getByTestId('sample-issues').count()).toBe(0);
    // … a pasted one with a text where the schema wants a number does not, and says where.
    await page.getByTestId('sample-paste').click();
    await page.getByTestId('sample-paste-text').fill(JSON_SAMPLE.replace('"F17005501":2', '"F17005501":"zwei"'));
    await page.getByTestId('sample-paste-add').click();
    await expect.poll(async () => (await page.getByTestId('sample-issues').textContent()) ?? '', { timeout: 30_000 }).toContain('$.G17003530[0].F17005501: Zahl erwartet');
  }, 60_000);
});
