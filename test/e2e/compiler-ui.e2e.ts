/**
 * "Eine Vorlage je Struktur" in the app: open flow A1, switch to the XSLT tab, tick the box; the code
 * view shows named templates, the run gives the same output as before; Ctrl+Z undoes the choice.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareXml } from '../../src/core/runner/xml-compare.ts';
import { openApp, ROOT, stopServer, runAndRead, type App } from './harness.ts';

/** Where the screenshots of the code view go (test-results/ is not committed). */
const SHOTS = process.env.RW_SHOTS ?? join(ROOT, 'test-results');

/** Scrolls the code view (Monaco renders only the lines in view) and returns the text of the rendered lines. */
async function scrolled(app: App, dy: number): Promise<string> {
  const editor = app.page.getByTestId('xslt-editor');
  const box = await editor.boundingBox();
  if (!box) throw new Error('Code-Ansicht nicht sichtbar');
  await app.page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
  await app.page.mouse.wheel(0, dy);
  await app.page.waitForTimeout(150);
  return (await editor.locator('.view-lines').textContent()) ?? '';
}

/** The rendered lines once the code view shows the end of the rule. */
async function linesAtEnd(app: App): Promise<string> {
  let text = '';
  await expect.poll(async () => (text = await scrolled(app, 3000)), { timeout: 30_000 }).toContain('</xsl:stylesheet>');
  return text;
}

/** The rendered lines once the code view shows the start of the rule. */
async function linesAtStart(app: App): Promise<string> {
  let text = '';
  await expect.poll(async () => (text = await scrolled(app, -3000)), { timeout: 30_000 }).toMatch(/<\?xml\sversion=/);
  return text;
}

describe('compiler options in Chromium', () => {
  let app: App;
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  it('writes one template per structure when ticked: same output, undoable', async () => {
    app = await openApp();
    const { page } = app;
    await page.locator('[data-flow="a1-gewerberegister"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-flow="a1-gewerberegister"]').click();
    await page.getByTestId('import-xslt').waitFor();
    const before = await runAndRead(app);
    expect(before).toContain('Gewerbemeldung');

    await page.locator('#tab-xslt').click();
    const box = page.getByTestId('template-mode');
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    // The label names what it does, in German by default.
    expect(await page.locator('label.template-mode').textContent()).toContain('Eine Vorlage je Struktur');
    await page.locator('.view-line').first().waitFor({ timeout: 30_000 });
    expect(await linesAtEnd(app)).not.toMatch(/xsl:template\sname=/);

    await box.check();
    expect(await box.isChecked()).toBe(true);
    // (Monaco renders spaces as no-break spaces: \s matches both.)
    await expect.poll(() => linesAtEnd(app), { timeout: 30_000 }).toMatch(/<xsl:template\sname="Anlage">/);
    await page.screenshot({ path: join(SHOTS, 'code-view-structures-templates.png') });
    expect(await linesAtStart(app)).toMatch(/Aufbau:\seine\sbenannte\sVorlage\sje\sZielstruktur/);
    // Where the main template calls the structures.
    await expect.poll(() => scrolled(app, 250), { timeout: 30_000 }).toMatch(/<xsl:call-template\sname="Kopfdaten"\/>/);
    await scrolled(app, 250);
    await page.screenshot({ path: join(SHOTS, 'code-view-structures.png') });

    const after = await runAndRead(app);
    const cmp = compareXml(before, after);
    expect(cmp.equal ? [] : cmp.differences).toEqual([]);
    expect(after).toBe(before);

    // One undo restores the inline rule and the unticked box.
    await page.locator('#tab-xslt').click();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('template-mode').isChecked(), { timeout: 10_000 }).toBe(false);
    await page.locator('.view-line').first().waitFor({ timeout: 30_000 });
    expect(await linesAtEnd(app)).not.toMatch(/xsl:template\sname=/);
    expect(compareXml(before, await runAndRead(app)).equal).toBe(true);
    expect(app.pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
