/**
 * Typing into the Monaco editors while the landscape canvas is on the page: the canvas library listens
 * on the whole document for Space (pan) and used to swallow every space typed into the sample editor.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openApp, stopServer, type App } from './harness.ts';

describe('Monaco editors next to the canvas in Chromium', () => {
  let app: App;
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  it('a space typed into the sample editor reaches the sample', async () => {
    app = await openApp();
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
});
