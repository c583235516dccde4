/**
 * Core messages follow the UI language in Chromium: switched to English in the top bar, a pasted
 * malformed sample (checked in the validation worker and by the run), a broken XSD (imported in the
 * schema worker) and a broken CSV of organisations (checked on the page) are reported in English;
 * switched back, the same input is reported in German again.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, stopServer, type App } from './harness.ts';

const SHOTS = process.env.RW_SHOTS ?? mkdtempSync(join(tmpdir(), 'rw-i18n-shots-'));
const TMP = mkdtempSync(join(tmpdir(), 'rw-i18n-e2e-'));
const BROKEN_XSD = join(TMP, 'kaputt.xsd');
writeFileSync(BROKEN_XSD, '<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n  <xs:element name="a">\n</xs:schema>\n');
const MALFORMED = '<serviceportal-fields>\n  <antragsmetadaten>\n</serviceportal-fields>\n';
const CSV = ['name;ags', 'Stadt Pirna;14628310', 'Stadt Kaputt;1462831', ';14628320'].join('\r\n');

async function setLang(page: Page, lang: 'de' | 'en'): Promise<void> {
  await page.getByTestId('lang').selectOption(lang);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
}

async function csvErrors(page: Page): Promise<string[]> {
  await page.locator('[data-view="orgs"]').click();
  await page.getByTestId('orgs-csv-file').setInputFiles({ name: 'kommunen.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
  await page.getByTestId('orgs-csv-dialog').waitFor();
  const errors = await page.locator('[data-testid="orgs-csv-errors"] li').allTextContents();
  return errors;
}

async function closeCsv(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByTestId('orgs-csv-dialog').waitFor({ state: 'detached' });
}

async function schemaDiagnostics(page: Page): Promise<string> {
  await page.getByTestId('open-schema-import').click();
  await page.getByTestId('schema-import').waitFor();
  await page.getByTestId('schema-files').setInputFiles([BROKEN_XSD]);
  await page.getByTestId('import-no-roots').waitFor({ timeout: 120_000 });
  await expect.poll(() => page.getByTestId('import-diagnostics').textContent()).toMatch(/kaputt\.xsd:4/);
  const text = (await page.getByTestId('import-diagnostics').textContent()) ?? '';
  await page.keyboard.press('Escape');
  await page.getByTestId('schema-import').waitFor({ state: 'detached' });
  return text;
}

describe('core messages in the UI language', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp();
    await app.page.locator('[data-flow="a1-gewerberegister"]').first().waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  it('reports a pasted malformed sample in English (validation worker and run)', async () => {
    const { page } = app;
    await setLang(page, 'en');
    await page.locator('[data-flow="a1-gewerberegister"]').first().click();
    await page.locator('#tab-samples').click();
    await page.getByTestId('sample-paste').click();
    await page.getByTestId('sample-paste-text').fill(MALFORMED);
    await page.getByTestId('sample-paste-add').click();
    await expect.poll(() => page.getByTestId('sample-issues').textContent(), { timeout: 60_000 }).toMatch(/XML is not well-formed/);
    const issues = (await page.getByTestId('sample-issues').textContent()) ?? '';
    expect(issues).toMatch(/3/);
    expect(issues).not.toMatch(/wohlgeformt/);
    await page.getByTestId('sample-issues').screenshot({ path: join(SHOTS, 'i18n-sample-issues-en.png') });
    await page.screenshot({ path: join(SHOTS, 'i18n-sample-en.png') });
    await page.locator('#tab-output').click();
    await expect.poll(() => page.getByTestId('run-error').getAttribute('data-kind'), { timeout: 60_000 }).toBe('input');
    expect(await page.getByTestId('run-error').textContent()).toMatch(/XML is not well-formed/);
  });

  it('reports a broken XSD in English (schema import worker)', async () => {
    const text = await schemaDiagnostics(app.page);
    expect(text).toMatch(/kaputt\.xsd:4:\d+.*XML is not well-formed/);
    expect(text).not.toMatch(/wohlgeformt/);
  });

  it('reports broken CSV rows in English', async () => {
    const { page } = app;
    const errors = await csvErrors(page);
    expect(errors).toEqual(['Line 3: AGS must have exactly 8 digits (is "1462831").', 'Line 4: Name is missing.']);
    await page.getByTestId('orgs-csv-dialog').screenshot({ path: join(SHOTS, 'i18n-csv-en.png') });
    await closeCsv(page);
  });

  it('reports the same input in German again after switching back', async () => {
    const { page } = app;
    await setLang(page, 'de');
    expect(await csvErrors(page)).toEqual(['Zeile 3: AGS muss genau 8 Ziffern haben (ist "1462831").', 'Zeile 4: Name fehlt.']);
    await closeCsv(page);
    await page.locator('[data-view="design"]').click();
    await page.locator('[data-flow="a1-gewerberegister"]').first().click();
    expect(await schemaDiagnostics(page)).toMatch(/kaputt\.xsd:4:\d+.*Nicht wohlgeformtes XML/);
    expect(app.pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
