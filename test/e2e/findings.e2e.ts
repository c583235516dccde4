/**
 * The rule's findings as a reviewer reads them: a required target field left unmapped is named by its
 * readable path (no namespace URIs), the severity in the UI language, and "show in mapper" selects the
 * field in the target tree even when its parent is collapsed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onRow, openApp, stopServer, treeRow, type App } from './harness.ts';

const GM = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
const P = (...steps: string[]) => `/{${GM}}Gewerbemeldung` + steps.map((s) => `/{${GM}}${s}`).join('');
const VORGANG = P('Kopfdaten', 'Vorgangsnummer');
const KOPF = P('Kopfdaten');
const NAME = P('Betrieb', 'Name');
const RECHTSFORM = P('Betrieb', 'Rechtsform');

describe('findings of a rule, in Chromium', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp();
    await app.page.locator('[data-flow="a1-gewerberegister"]').click();
    await app.page.locator(treeRow('target', VORGANG)).waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  const finding = () => app.page.locator('section.diagnostics li', { hasText: 'Vorgangsnummer' });

  it('names an unmapped required field by its readable path and shows it in the mapper', async () => {
    const { page } = app;
    await onRow(app, 'target', VORGANG, (r) => r.click());
    await page.locator(treeRow('target', VORGANG)).press('Delete');
    await expect.poll(() => finding().count(), { timeout: 30_000 }).toBe(1);
    const text = (await finding().textContent()) ?? '';
    expect(text).toMatch(/^Warnung: Pflichtfeld Gewerbemeldung\/Kopfdaten\/Vorgangsnummer ist nicht zugeordnet\. \[mapping\.required-unmapped\]/);
    expect(text).not.toContain('{http');

    // Move away: another field selected, the Kopfdaten group collapsed (its rows are gone).
    await onRow(app, 'target', KOPF, (r) => r.click());
    await page.locator(treeRow('target', KOPF)).press('ArrowLeft');
    await expect.poll(() => page.locator(treeRow('target', VORGANG)).count()).toBe(0);
    await onRow(app, 'target', NAME, (r) => r.click());
    expect(await page.locator(treeRow('target', NAME)).getAttribute('aria-selected')).toBe('true');

    // By keyboard: focus the finding's button and press Enter.
    await finding().getByTestId('finding-show').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(treeRow('target', VORGANG)).getAttribute('aria-selected'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => page.locator('.inspector .insp-head').textContent()).toContain('Kopfdaten/Vorgangsnummer');
    await page.screenshot({ path: 'test-results/findings.png' });
    expect(app.pageErrors).toEqual([]);
  });

  it('speaks English when the UI does', async () => {
    const { page } = app;
    // A field with a code list: the inspector names it in the UI language.
    await onRow(app, 'target', RECHTSFORM, (r) => r.click());
    const codeList = page.locator('.inspector details.enum summary');
    await expect.poll(() => codeList.textContent()).toMatch(/^Codeliste \(\d+\)$/);
    await page.getByTestId('lang').selectOption('en');
    await expect.poll(async () => (await finding().textContent()) ?? '', { timeout: 30_000 }).toMatch(/^warning: Required field Gewerbemeldung\/Kopfdaten\/Vorgangsnummer is not mapped\. \[mapping\.required-unmapped\] show in mapper$/);
    await expect.poll(() => codeList.textContent()).toMatch(/^Code list \(\d+\)$/);
    await page.getByTestId('lang').selectOption('de');
  });
});
