/**
 * Organisations as a user works with them in Chromium: CSV import (good rows in, broken rows listed with
 * line numbers), validation while editing (an AGS has 8 digits), bulk edit, a per-organisation preview
 * and the test plan for all organisations; everything kept after a reload; no network.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp, profileDir, stopServer, type App } from './harness.ts';

const CSV = [
  'name;ags;behoerdenkennung;stelle;param:dms-vorgang:empfaenger-stelle;param:dms-vorgang:empfaenger-institution',
  'Stadt Pirna;14628310;ags:14628310;Gewerbeamt;Gewerbeamt Pirna;Große Kreisstadt Pirna',
  'Stadt Kaputt;1462831;;;;',
  ';14628320;;;;',
  'Stadt Radebeul;14627210;;Ordnungsamt;Ordnungsamt Radebeul;Stadt Radebeul',
].join('\r\n');

describe('organisations in Chromium', () => {
  const dir = profileDir();
  let app: App | undefined;

  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  it('imports organisations from CSV: good rows taken, broken rows listed with their line numbers', async () => {
    app = await openApp({ userDataDir: dir });
    const { page } = app;
    await page.locator('[data-view="orgs"]').click({ timeout: 30_000 });
    await page.getByTestId('orgs-table').waitFor();
    expect(await page.locator('[data-testid="orgs-table"] tbody tr').count()).toBe(4);

    await page.getByTestId('orgs-csv-file').setInputFiles({ name: 'kommunen.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    const dialog = page.getByTestId('orgs-csv-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('orgs-csv-summary').textContent()).toBe('2 Zeile(n) in Ordnung (2 neu, 0 aktualisiert), 2 fehlerhafte Zeile(n).');
    const broken = page.locator('[data-testid="orgs-csv-errors"] li');
    expect(await broken.evaluateAll((els) => els.map((e) => e.getAttribute('data-line')))).toEqual(['3', '4']);
    expect(await broken.nth(0).textContent()).toContain('Zeile 3: AGS muss genau 8 Ziffern haben (ist "1462831").');
    expect(await broken.nth(1).textContent()).toContain('Zeile 4: Name fehlt.');
    await page.getByTestId('orgs-csv-import').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('orgs-message').textContent()).toBe('2 Organisation(en) importiert.');
    expect(await page.locator('[data-testid="orgs-table"] tbody tr').count()).toBe(6);
  });

  it('checks values while editing and refuses to save a malformed AGS', async () => {
    const { page } = app!;
    await page.locator('[data-org="stadt-pirna-14628310"] button.linklike').click();
    const editor = page.getByTestId('org-editor');
    const ags = editor.locator('[data-field="ags"]');
    await ags.fill('1462831x');
    expect(await ags.getAttribute('aria-invalid')).toBe('true');
    expect(await editor.locator('#org-ags-err').textContent()).toBe('AGS muss genau 8 Ziffern haben (ist "1462831x").');
    await page.getByTestId('org-save').click();
    expect(await page.getByTestId('org-note').textContent()).toBe('Nicht gespeichert: bitte erst die Fehler beheben.');
    expect(await page.locator('[data-org="stadt-pirna-14628310"] td.mono').textContent()).toBe('14628310');

    await ags.fill('14628310');
    expect(await ags.getAttribute('aria-invalid')).toBe('false');
    await editor.locator('[data-param="dms-vorgang:empfaenger-stelle"]').fill('Gewerbeamt der Stadt Pirna');
    await page.getByTestId('org-save').click();
    expect(await page.getByTestId('org-note').textContent()).toBe('Gespeichert.');
  });

  it('bulk-edits the marked organisations and previews a rule with one organisation’s values', async () => {
    const { page } = app!;
    await page.getByRole('checkbox', { name: 'Stadt Chemnitz markieren' }).check();
    await page.getByRole('checkbox', { name: 'Stadt Leipzig markieren' }).check();
    const bulk = page.getByTestId('orgs-bulk');
    await bulk.locator('[data-field="bulk-flow"]').selectOption('dms-vorgang');
    await bulk.locator('[data-bulk-mode="empfaenger-stelle"]').selectOption('set');
    await bulk.locator('[data-bulk-value="empfaenger-stelle"]').fill('Zentrale Gewerbestelle');
    await page.getByTestId('orgs-bulk-apply').click();
    expect(await page.getByTestId('orgs-message').textContent()).toBe('Auf 2 Organisation(en) angewendet.');

    await page.locator('[data-org="leipzig"] button.linklike').click();
    const stelle = page.locator('[data-param="dms-vorgang:empfaenger-stelle"]');
    expect(await stelle.inputValue()).toBe('Zentrale Gewerbestelle');
    // One undo step takes the bulk edit back for all; the open editor follows.
    await page.locator('.orgs-head h2').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => stelle.inputValue()).toBe('Ordnungsamt – Gewerbebehörde');
    await page.keyboard.press('Control+y');
    await expect.poll(() => stelle.inputValue()).toBe('Zentrale Gewerbestelle');
    await page.locator('[data-org="dresden"] button.linklike').click();
    expect(await page.locator('[data-param="dms-vorgang:empfaenger-stelle"]').inputValue()).toBe('Ordnungsamt – Gewerbeangelegenheiten');

    await page.locator('[data-org="leipzig"] button.linklike').click();
    await page.getByTestId('orgs-preview-flow').selectOption('dms-vorgang');
    await page.getByTestId('orgs-preview-run').click();
    const out = page.getByTestId('orgs-preview-output');
    await out.waitFor({ timeout: 60_000 });
    const text = (await out.textContent()) ?? '';
    expect(text).toContain('<xdomea:Name>Zentrale Gewerbestelle</xdomea:Name>');
    expect(text).toContain('<xdomea:Name>Stadt Leipzig</xdomea:Name>');
  });

  it('runs the test plan for all organisations', async () => {
    const { page } = app!;
    await page.getByTestId('orgs-scope-all').check();
    await page.getByTestId('orgs-plan-run').click();
    const summary = page.getByTestId('orgs-plan-summary');
    await expect.poll(() => summary.textContent(), { timeout: 120_000 }).toMatch(/fehlgeschlagen, 6 Organisation/);
    expect(await summary.textContent()).toBe('36 bestanden, 0 fehlgeschlagen, 6 Organisation(en), eine übersetzte Regel je Fluss');
    expect(await page.locator('[data-plan-org]').count()).toBe(6);

    // The organisations go out as CSV again (the same columns the import reads).
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV exportieren' }).click()]);
    const csv = readFileSync((await dl.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('id;name;art;ags;behoerdenkennung;stelle:99050012104000;zielsystem:a1-gewerberegister;adapter:a1-gewerberegister;zielsystem:dms-vorgang;adapter:dms-vorgang;param:dms-vorgang:empfaenger-stelle;param:dms-vorgang:empfaenger-institution');
    expect(csv).toContain('stadt-pirna-14628310;Stadt Pirna;kommune;14628310;ags:14628310;Gewerbeamt;;;;;Gewerbeamt der Stadt Pirna;Große Kreisstadt Pirna');
    expect(app!.foreignRequests).toEqual([]);
    await page.screenshot({ path: '/tmp/regelwerk-orgs.png' });
  });

  it('keeps organisations and edits after a reload', async () => {
    const { page } = app!;
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 10_000 }).toBe('Gespeichert');
    await app!.close();
    app = await openApp({ userDataDir: dir });
    await app.page.locator('[data-view="orgs"]').click({ timeout: 30_000 });
    await app.page.locator('[data-org="stadt-pirna-14628310"] button.linklike').click();
    expect(await app.page.locator('[data-param="dms-vorgang:empfaenger-stelle"]').inputValue()).toBe('Gewerbeamt der Stadt Pirna');
    expect(await app.page.locator('[data-testid="orgs-table"] tbody tr').count()).toBe(6);
    expect(app.pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
