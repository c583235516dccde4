/**
 * The walking skeleton as a user does it: open the app, find the sample flow, draw a link, run the
 * rule, compare with the expected output, reload and find the edit kept.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareXml } from '../../src/core/runner/xml-compare.ts';
import { openApp, profileDir, reveal, ROOT, runAndRead, stopServer, treeRow, type App } from './harness.ts';

const GM = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
const TARGET_NAME = `/{${GM}}Gewerbemeldung/{${GM}}Betrieb/{${GM}}Name`;
const SOURCE_NAME = '/serviceportal-fields/betrieb/instance_*/betriebsname';
const expected01 = readFileSync(join(ROOT, 'test/fixtures/handwritten/expected/a1-gewerberegister--gewerbeanmeldung-01-einzelunternehmen.xml'), 'utf8');

const row = treeRow;

async function ruleIdInInspector(app: App): Promise<string> {
  const text = (await app.page.locator('.inspector .insp-head').textContent()) ?? '';
  return /\[(r\d+)\]/.exec(text)?.[1] ?? '';
}

describe('walking skeleton in Chromium', () => {
  const dir = profileDir();
  let app: App | undefined;
  let newRuleId = '';

  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  it('opens the sample project, re-draws a link by drag and drop, runs the rule and gets the expected output', async () => {
    app = await openApp({ userDataDir: dir });
    const { page } = app;
    // The sample project opens by itself on a first visit, with its systems on the canvas.
    await page.locator('[data-system="gewerbefachverfahren"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-flow="a1-gewerberegister"]').click();
    await page.locator(row('target', TARGET_NAME)).waitFor();

    // Remove the mapping of Betrieb/Name with the keyboard, and see the output lose the value.
    await page.locator(row('target', TARGET_NAME)).click();
    const oldRuleId = await ruleIdInInspector(app);
    expect(oldRuleId).toMatch(/^r\d+$/);
    await page.locator(row('target', TARGET_NAME)).press('Delete');
    await expect.poll(() => page.locator(row('target', TARGET_NAME)).getAttribute('class')).not.toContain('mapped');
    const without = await runAndRead(app);
    expect(compareXml(expected01, without).equal).toBe(false);

    // Draw the link again by dragging the source field onto the target field.
    await reveal(app, 'source', SOURCE_NAME);
    await page.dragAndDrop(row('source', SOURCE_NAME), row('target', TARGET_NAME));
    await expect.poll(() => page.locator(row('target', TARGET_NAME)).getAttribute('class')).toContain('mapped');
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 10_000 }).toBe('Gespeichert');
    newRuleId = await ruleIdInInspector(app);
    expect(newRuleId).not.toBe(oldRuleId);

    const out = await runAndRead(app);
    expect(compareXml(expected01, out)).toEqual({ equal: true });
    expect(app.foreignRequests).toEqual([]);
  });

  it('keeps the edit after a reload (IndexedDB autosave)', async () => {
    await app!.close();
    app = await openApp({ userDataDir: dir });
    const { page } = app;
    await page.locator('[data-flow="a1-gewerberegister"]').click();
    await page.locator(row('target', TARGET_NAME)).waitFor();
    expect(await page.locator(row('target', TARGET_NAME)).getAttribute('class')).toContain('mapped');
    // The stored mapping is the edited one (its rule has the new id), not a fresh copy of the sample.
    await page.locator(row('target', TARGET_NAME)).click();
    expect(await ruleIdInInspector(app)).toBe(newRuleId);
    const out = await runAndRead(app);
    expect(compareXml(expected01, out)).toEqual({ equal: true });
    expect(app.pageErrors).toEqual([]);
  });

  it('keeps an edit made right before the page is left (saved when the page is hidden)', async () => {
    const { page } = app!;
    await page.locator(row('target', TARGET_NAME)).click();
    await page.locator(row('target', TARGET_NAME)).press('Delete');
    // At once, before the autosave delay: only the flush when the page is hidden can write it. The
    // edit itself must have happened (a keypress lost to a re-render would leave the row mapped, and
    // the check after the reload would then blame the save).
    const before = await page.evaluate(() => ({ state: document.querySelector('[data-testid="save-state"]')?.className, focus: document.activeElement?.className }));
    expect(await page.locator(row('target', TARGET_NAME)).getAttribute('class'), JSON.stringify(before)).not.toContain('mapped');
    expect(before.state).toContain('dirty');
    await page.reload();
    await page.locator('[data-flow="a1-gewerberegister"]').click();
    await page.locator(row('target', TARGET_NAME)).waitFor();
    expect(await page.locator(row('target', TARGET_NAME)).getAttribute('class')).not.toContain('mapped');
  });
});
