/**
 * XSLT import in the app: pick a hand-written rule with "XSLT importieren…", read the report (rules,
 * raw blocks with their lines), replace the mapping, see the kept blocks in the generated rule and the
 * same output as the original rule; undo restores the mapping. A file that is not XSLT changes nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareXml } from '../../src/core/runner/xml-compare.ts';
import { openApp, ROOT, stopServer, runAndRead, type App } from './harness.ts';

const FIXTURE = join(ROOT, 'test/unit/xslt-import/fixtures/a1-gemischt.xsl');
const MSG1 = join(ROOT, 'samples/gewerbeanmeldung/messages/gewerbeanmeldung-01-einzelunternehmen.xml');
const SaxonJS = createRequire(import.meta.url)('saxon-js');

/** What the hand-written rule itself gives on the first sample message. */
function originalOutput(): string {
  const xsl = readFileSync(FIXTURE, 'utf8');
  const xml = readFileSync(MSG1, 'utf8');
  return SaxonJS.XPath.evaluate("transform(map{'stylesheet-text': $xsl, 'source-node': parse-xml($xml), 'delivery-format': 'serialized'})?output", [], { params: { xsl, xml } });
}

async function pickFile(app: App, name: string, content: string): Promise<void> {
  const chooser = app.page.waitForEvent('filechooser');
  await app.page.getByTestId('import-xslt').click();
  await (await chooser).setFiles({ name, mimeType: 'application/xslt+xml', buffer: Buffer.from(content) });
  await app.page.getByTestId('import-xslt-dialog').waitFor();
}

describe('XSLT import in Chromium', () => {
  let app: App;
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  it('imports a hand-written rule: report, replace, raw blocks kept, same output, undo', async () => {
    app = await openApp();
    const { page } = app;
    await page.locator('[data-flow="a1-gewerberegister"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-flow="a1-gewerberegister"]').click();
    await page.getByTestId('import-xslt').waitFor();
    const before = await runAndRead(app);

    await pickFile(app, 'a1-gemischt.xsl', readFileSync(FIXTURE, 'utf8'));
    const dialog = page.getByTestId('import-xslt-dialog');
    await expect.poll(() => dialog.locator('#xi-title').textContent()).toBe('XSLT-Import: a1-gemischt.xsl');
    expect(await page.getByTestId('xi-rules').textContent()).toBe('32');
    expect(await page.getByTestId('xi-raw').textContent()).toBe('8');
    const report = (await page.getByTestId('import-xslt-report').textContent()) ?? '';
    expect(report).toContain('Zeile 66: <xsl:copy-of> unverändert übernommen');
    expect(report).toContain('Zeile 111: <xsl:number> unverändert übernommen');
    // The primary action has the focus; the dialog is a labelled modal.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-xslt-apply');
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    await page.screenshot({ path: join(ROOT, 'test-results/xslt-import.png') });

    await page.getByTestId('import-xslt-apply').click();
    await dialog.waitFor({ state: 'detached' });

    // The kept declarations stand in the generated rule …
    await page.locator('#tab-xslt').click();
    // (Monaco renders spaces as no-break spaces: \s matches both.)
    await page.locator('.view-line').filter({ hasText: /<xsl:key\sname="taetigkeit-nach-art"/ }).first().waitFor({ timeout: 30_000 });
    // … and the rule gives what the hand-written one gives.
    const after = await runAndRead(app);
    const cmp = compareXml(originalOutput(), after);
    expect(cmp.equal ? [] : cmp.differences).toEqual([]);
    expect(compareXml(before, after).equal).toBe(false);

    // One undo restores the previous mapping.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(async () => compareXml(before, await runAndRead(app)).equal, { timeout: 60_000 }).toBe(true);
    expect(app.pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });

  it('refuses a file that is not XSLT, says why, and changes nothing', async () => {
    const { page } = app;
    const before = await runAndRead(app);
    await pickFile(app, 'notiz.xml', '<notiz>kein XSLT</notiz>');
    const dialog = page.getByTestId('import-xslt-dialog');
    expect(await dialog.textContent()).toContain('Nicht importiert. Am Mapping wurde nichts geändert.');
    expect(await page.getByTestId('import-xslt-report').textContent()).toContain('das Wurzelelement ist <notiz>');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-xslt');
    expect(compareXml(before, await runAndRead(app)).equal).toBe(true);

    await pickFile(app, 'erweiterung.xsl', '<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:saxon="http://saxon.sf.net/" version="3.0"><xsl:template match="/"><a><xsl:value-of select="saxon:now()"/></a></xsl:template></xsl:stylesheet>');
    expect(await page.getByTestId('import-xslt-report').textContent()).toContain('Erweiterungsfunktion saxon:now');
    await page.getByTestId('import-xslt-close').click();
    await dialog.waitFor({ state: 'detached' });
  });
});
