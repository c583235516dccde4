/**
 * The mapper's layout at 1600×1000: with a target field selected, the inspector is on screen in full
 * (it used to fall below the window, only its first lines showing); its height follows the handle by
 * keyboard and by mouse, and is remembered after a reload. The template-mode checkbox sits in the run
 * bar, so the XSLT view gets no extra row.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { onRow, openApp, profileDir, stopServer, type App } from './harness.ts';

const GM = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
const NAME = `/{${GM}}Gewerbemeldung/{${GM}}Betrieb/{${GM}}Name`;

async function inspectorBox(app: App) {
  const box = await app.page.locator('section.inspector').boundingBox();
  if (!box) throw new Error('Inspektor nicht sichtbar');
  return box;
}

describe('mapper layout in Chromium', () => {
  const apps: App[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
    await stopServer();
  });

  it('shows the whole inspector, resizes it by keyboard and mouse, remembers the size', async () => {
    const dir = profileDir();
    const app = await openApp({ userDataDir: dir });
    apps.push(app);
    const { page } = app;
    await page.locator('[data-flow="a1-gewerberegister"]').first().click();
    await onRow(app, 'target', NAME, (row) => row.click());
    // The selected field's inspector content, inside the window.
    await expect.poll(async () => (await page.locator('section.inspector').textContent()) ?? '', { timeout: 30_000 }).toContain('Fahrradwerkstatt Böhme');
    const viewport = page.viewportSize()!;
    const box = await inspectorBox(app);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    expect(box.height).toBeGreaterThanOrEqual(200);
    const valueBox = await page.locator('section.inspector').getByText('Wert im Beispiel').boundingBox();
    expect(valueBox && valueBox.y + valueBox.height <= viewport.height).toBe(true);
    // The trees keep rows to map with.
    const tree = await page.locator('.tree-target').boundingBox();
    expect(tree!.height).toBeGreaterThanOrEqual(120);

    // Keyboard: Tab-reachable separator; arrow up makes the inspector taller, End makes it smallest.
    const handle = page.getByTestId('inspector-resize');
    expect(await handle.getAttribute('role')).toBe('separator');
    await handle.focus();
    await page.keyboard.press('End');
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(90);
    expect(Math.round((await inspectorBox(app)).height)).toBe(90);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(138);
    expect(Math.round((await inspectorBox(app)).height)).toBe(138);
    // Home: as tall as the trees allow, and the trees still have their minimum.
    await page.keyboard.press('Home');
    const tallest = Number(await handle.getAttribute('aria-valuenow'));
    expect(tallest).toBeGreaterThan(138);
    expect(Math.round((await inspectorBox(app)).height)).toBe(tallest);
    expect((await page.locator('.tree-target').boundingBox())!.height).toBeGreaterThanOrEqual(100);

    // Mouse: drag the handle down by 80 px from a middle size.
    await page.keyboard.press('End');
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowUp');
    const mid = Number(await handle.getAttribute('aria-valuenow'));
    const hb = (await handle.boundingBox())!;
    await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
    await page.mouse.down();
    await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2 - 80, { steps: 5 });
    await page.mouse.up();
    const dragged = Number(await handle.getAttribute('aria-valuenow'));
    expect(Math.abs(dragged - (mid + 80))).toBeLessThanOrEqual(4);

    // Remembered: after a reload the inspector has the dragged height.
    await page.reload();
    await page.locator('[data-flow="a1-gewerberegister"]').first().click();
    await expect.poll(async () => Number(await page.getByTestId('inspector-resize').getAttribute('aria-valuenow')), { timeout: 30_000 }).toBe(dragged);
  }, 120_000);

  it('puts the template-mode checkbox into the run bar of the XSLT view, not into a row of its own', async () => {
    const app = await openApp();
    apps.push(app);
    const { page } = app;
    await page.locator('[data-flow="a1-gewerberegister"]').first().click();
    await page.locator('#tab-xslt').click();
    const toggle = page.locator('label.template-mode');
    await toggle.waitFor({ timeout: 30_000 });
    // Same bar as the run controls …
    expect(await toggle.evaluate((el) => el.parentElement?.classList.contains('run-bar'))).toBe(true);
    // … and the tab row is one line: the tabs and the import button share a top edge.
    const tabs = await page.locator('#tab-xslt').boundingBox();
    const imp = await page.locator('.right > .toolbar').first().boundingBox();
    expect(imp!.height).toBeLessThan(tabs!.height * 2);
    // Only with the XSLT view.
    await page.locator('#tab-output').click();
    expect(await page.locator('label.template-mode').count()).toBe(0);
  }, 60_000);
});
