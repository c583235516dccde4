/**
 * The flow designer by keyboard only (WCAG 2.1.1): open a system's context menu with Shift+F10, start
 * a flow there, move to the target system with the arrow keys and press Enter; Escape cancels; Ctrl+Z
 * takes the new flow back.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp, stopServer, type App } from './harness.ts';

const flowIds = (page: Page) => page.locator('.flow-list [data-flow]').evaluateAll((els) => els.map((e) => e.getAttribute('data-flow')));
const focusedNode = (page: Page) => page.evaluate(() => document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id'));

/** Opens the focused system's context menu by keyboard and picks "Fluss von hier ziehen…" with the arrow keys. */
async function startFlowByKeyboard(page: Page): Promise<void> {
  await page.keyboard.press('Shift+F10');
  const menu = page.getByTestId('context-menu');
  await menu.waitFor();
  const items = await menu.getByRole('menuitem').allTextContents();
  const at = items.indexOf('Fluss von hier ziehen…');
  expect(at).toBeGreaterThanOrEqual(0);
  // The menu takes focus on its first item; move down to the entry.
  for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Fluss von hier ziehen…');
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'detached' });
}

describe('flow designer by keyboard only', () => {
  let app: App;
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  it('connects two systems with Shift+F10, arrow keys and Enter; Escape cancels; Ctrl+Z undoes', async () => {
    app = await openApp();
    const { page } = app;
    await page.locator('.react-flow__node[data-id="amt24"]').waitFor({ timeout: 30_000 });
    const before = await flowIds(page);

    // Escape cancels a started connection: nothing is added.
    await page.locator('.react-flow__node[data-id="amt24"]').focus();
    await startFlowByKeyboard(page);
    await expect.poll(() => page.locator('.designer-canvas').getAttribute('class')).toContain('connecting');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.designer-canvas').getAttribute('class')).not.toContain('connecting');
    expect(await flowIds(page)).toEqual(before);

    // Start at Amt24, walk right to the hub, Enter connects.
    await page.locator('.react-flow__node[data-id="amt24"]').focus();
    await startFlowByKeyboard(page);
    expect(await page.getByText('Zielsystem wählen: Enter oder Klick, Esc bricht ab.').count()).toBe(1);
    // Focus is back on the system the menu was opened on.
    expect(await focusedNode(page)).toBe('amt24');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focusedNode(page)).toBe('integrationsdienst');
    await page.keyboard.press('Enter');
    await expect.poll(() => flowIds(page)).toHaveLength(before.length + 1);
    const added = (await flowIds(page)).find((id) => !before.includes(id))!;
    expect(await page.locator(`.react-flow__edge[data-id="${added}"]`).count()).toBe(1);

    // Undo by keyboard takes the new flow back.
    await page.locator('.react-flow__node[data-id="integrationsdienst"]').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => flowIds(page)).toEqual(before);
  });
});
