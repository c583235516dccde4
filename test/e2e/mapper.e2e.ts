/**
 * The mapper as an analyst uses it: see the value a target gets on the sample, apply a function from the
 * palette, link by keyboard, build a value map and use it, undo/redo, jump from an XSLT line to its
 * mapping, write XPath with completion (keyboard only), and auto-map an empty flow.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { monacoLine, onRow, openApp, outputNow, ROOT, stopServer, type App } from './harness.ts';

const GM = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
const T = (...steps: string[]) => `/{${GM}}Gewerbemeldung/${steps.map((s) => (s.startsWith('@') ? s : `{${GM}}${s}`)).join('/')}`;
/** Runs the rule and waits until the output shows `expected` (the previous output may still be shown). */
async function runExpect(app: App, expected: string): Promise<string> {
  await app.page.getByTestId('run').click();
  const out = app.page.getByTestId('output-text');
  await expect.poll(() => outputNow(app.page), { timeout: 60_000 }).toContain(expected);
  return (await out.textContent()) ?? '';
}

/** The XPath editor's text, from its rendered lines (wrapped lines joined in visual order). */
function xpathText(app: App): Promise<string> {
  return monacoLine(app.page.getByTestId('xpath-val'));
}

/** The labels in the open suggestion list (empty when it is closed). */
function suggestions(app: App): Promise<string[]> {
  return app.page.locator('.suggest-widget.visible .monaco-list-row .label-name').allTextContents();
}

/** Replaces the XPath editor's text by typing, as a keyboard user does, then leaves it with Tab. */
async function typeXPath(app: App, box: Locator, text: string): Promise<void> {
  await box.focus();
  await app.page.keyboard.press('Control+a');
  await app.page.keyboard.press('Delete');
  await app.page.keyboard.type(text);
  await app.page.keyboard.press('Escape');
  await app.page.keyboard.press('Tab');
}

describe('mapper in Chromium', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp();
    await app.page.locator('[data-flow="a1-gewerberegister"]').click();
  });
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  it('shows the value the selected target gets on the sample, and follows each edit', async () => {
    const { page } = app;
    await onRow(app, 'target', T('Betrieb', 'Name'), (r) => r.click({ timeout: 5000 }));
    const line = page.getByTestId('sample-value');
    await expect.poll(() => line.textContent(), { timeout: 60_000 }).toBe('Wert im Beispiel: Fahrradwerkstatt Böhme');
    await page.locator('.palette summary').click();
    await page.locator('[data-fn="upper-case"]').click();
    await expect.poll(() => line.textContent(), { timeout: 60_000 }).toBe('Wert im Beispiel: FAHRRADWERKSTATT BÖHME');
    await page.locator('.palette summary').click(); // closed again, as the next test expects it
    await page.locator('body').press('Control+z');
    await expect.poll(() => line.textContent(), { timeout: 60_000 }).toBe('Wert im Beispiel: Fahrradwerkstatt Böhme');
    // A repeating target: the first values and how many more.
    await onRow(app, 'target', T('Betrieb', 'Taetigkeiten', 'Taetigkeit', 'Beschreibung'), (r) => r.click({ timeout: 5000 }));
    await expect.poll(() => line.textContent()).toBe('Wert im Beispiel: Reparatur und Wartung von Fahrrädern und E-Bikes, Einzelhandel mit Fahrrädern, Fahrradteilen und Zubehör');
    // An attribute, and a field this sample does not produce (no register entry for a sole trader).
    await onRow(app, 'target', T('@version'), (r) => r.click({ timeout: 5000 }));
    await expect.poll(() => line.textContent()).toBe('Wert im Beispiel: 1.2');
    await onRow(app, 'target', T('Betrieb', 'Registereintrag', 'Registernummer'), (r) => r.click({ timeout: 5000 }));
    await expect.poll(() => line.textContent()).toBe('Wert im Beispiel: nicht erzeugt');
  });

  it('wraps a value in a function from the palette, and undoes/redoes it', async () => {
    const { page } = app;
    const target = T('Betrieb', 'Name');
    await onRow(app, 'target', target, (r) => r.click({ timeout: 5000 }));
    await page.locator('.palette summary').click();
    await page.locator('[data-fn="upper-case"]').click();
    await expect.poll(() => page.getByTestId('inspector').getAttribute('class')).toBeTruthy();
    expect(await page.locator('[data-testid="fn-select"]').inputValue()).toBe('upper-case');
    await runExpect(app, '<Name>FAHRRADWERKSTATT BÖHME</Name>');
    await page.locator('body').press('Control+z');
    await runExpect(app, '<Name>Fahrradwerkstatt Böhme</Name>');
    await page.locator('body').press('Control+y');
    await runExpect(app, '<Name>FAHRRADWERKSTATT BÖHME</Name>');
  });

  it('links by keyboard only: Space on a source, Space on a target', async () => {
    const { page } = app;
    const src = '/serviceportal-fields/antragsteller/instance_*/familienname';
    const tgt = T('Inhaber', 'Person', 'Vorname');
    await onRow(app, 'source', src, (r) => r.focus({ timeout: 5000 }));
    await page.keyboard.press('Space');
    await onRow(app, 'target', tgt, (r) => r.focus({ timeout: 5000 }));
    await page.keyboard.press('Space');
    await runExpect(app, '<Vorname>Böhme</Vorname>');
  });

  it('creates a value map, types its rows and uses it through a lookup', async () => {
    const { page } = app;
    await page.locator('[data-insp-tab="tables"]').click();
    await page.getByRole('button', { name: '+ Neue Wertetabelle' }).click();
    await page.getByRole('button', { name: '+ Zeile hinzufügen' }).click();
    await page.getByLabel('Von (Quellwert) 1').fill('Dresden');
    await page.getByLabel('Nach (Zielwert) 1').fill('DD');
    await page.locator('[data-insp-tab="mapping"]').click();
    const tgt = T('Betrieb', 'Betriebsanschrift', 'Ort');
    await onRow(app, 'target', tgt, (r) => r.click({ timeout: 5000 }));
    // Turn the linked source field into a lookup of that field.
    await page.locator('#val-0-kind').selectOption('lookup');
    await page.getByTestId('inspector').getByLabel('Tabelle').selectOption('tabelle');
    await runExpect(app, '<Ort>DD</Ort>');
  });

  it('selects the mapping of a clicked XSLT line', async () => {
    const { page } = app;
    await page.locator('#tab-xslt').click();
    // Click the first rendered line that writes a literal target element, e.g. <PLZ> (unprefixed: the
    // target namespace is the rule's default namespace). A line that fills a leaf (<X>text</X> or
    // <X><xsl:value-of …>) belongs to exactly one rule.
    const leaf = /<([A-Za-z]+)>(?:[^<]*<\/\1>|<xsl:value-of)/;
    const lines = page.locator('.view-line').filter({ hasText: leaf });
    await page.locator('.view-line').first().waitFor({ timeout: 30_000 });
    // Scroll the code down, as a reader does, until such a line is in full view (value maps come first;
    // Monaco also draws a few lines just outside the visible part, which a click cannot reach).
    const code = (await page.locator('.monaco-editor').filter({ has: page.locator('.view-line') }).first().boundingBox())!;
    await page.mouse.move(code.x + code.width / 2, code.y + Math.min(code.height / 2, 200));
    const inView = async () => {
      for (const l of await lines.all()) {
        const b = await l.boundingBox();
        if (b && b.y > code.y + 30 && b.y + b.height < Math.min(code.y + code.height, 1000) - 30) return l;
      }
      return undefined;
    };
    let line = await inView();
    for (let i = 0; i < 60 && !line; i++) {
      await page.mouse.wheel(0, 150);
      await page.waitForTimeout(50);
      line = await inView();
    }
    expect(line, 'a line writing a leaf element is in view').toBeDefined();
    const text = (await line!.textContent()) ?? '';
    const name = leaf.exec(text)![1];
    await line!.click();
    await expect.poll(() => page.locator('.inspector .insp-head').textContent()).toContain(name);
  });

  it('marks a broken XPath on its rule and in the editor while the rest of the rule still runs, then accepts the fix', async () => {
    const { page } = app;
    const tgt = T('Betrieb', 'Name');
    await onRow(app, 'target', tgt, (r) => r.click({ timeout: 5000 }));
    await page.locator('#val-0-kind').selectOption('xpath');
    const box = page.getByTestId('inspector').getByLabel('Wert: XPath');
    // The editor closes the bracket itself: this ends as "…betriebsname,,)".
    await typeXPath(app, box, 'upper-case(/serviceportal-fields/betrieb/instance_1/betriebsname,,');
    expect(await xpathText(app)).toBe('upper-case(/serviceportal-fields/betrieb/instance_1/betriebsname,,)');
    await expect.poll(() => page.getByText(/XPath-Fehler/).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // Marked in the editor, on the second comma, with the engine's message under it.
    await expect.poll(() => page.locator('[data-testid="xpath-val"] .squiggly-error').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('xpath-error').textContent()).toContain('Unexpected token ,');
    // The rest of the rule still runs; the broken expression gives an empty Name.
    await runExpect(app, '<Name/>');
    await typeXPath(app, box, 'upper-case(/serviceportal-fields/betrieb/instance_1/betriebsname)');
    // Typing is one undoable edit, not one per key.
    await page.locator('body').press('Control+z');
    await expect.poll(() => xpathText(app)).toBe('upper-case(/serviceportal-fields/betrieb/instance_1/betriebsname,,)');
    await page.locator('body').press('Control+y');
    await expect.poll(() => xpathText(app)).toBe('upper-case(/serviceportal-fields/betrieb/instance_1/betriebsname)');
    await expect.poll(() => page.getByText(/XPath-Fehler/).count(), { timeout: 30_000 }).toBe(0);
    expect(await page.locator('[data-testid="xpath-val"] .squiggly-error').count()).toBe(0);
    await runExpect(app, '<Name>FAHRRADWERKSTATT BÖHME</Name>');
  });

  it('completes functions and source paths in the XPath editor by keyboard; Escape closes the list, Tab leaves', async () => {
    const { page } = app;
    await onRow(app, 'target', T('Betrieb', 'Name'), (r) => r.click({ timeout: 5000 }));
    await page.locator('#val-0-kind').selectOption('xpath');
    const box = page.getByTestId('inspector').getByLabel('Wert: XPath');
    await box.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    // A function: the cursor lands between its parentheses.
    await page.keyboard.type('lower-c');
    await expect.poll(() => suggestions(app)).toContain('lower-case');
    await page.keyboard.press('Enter');
    await expect.poll(() => xpathText(app)).toBe('lower-case()');
    // Source paths, step by step, as the compiler writes them.
    await page.keyboard.type('/serv');
    await expect.poll(() => suggestions(app)).toContain('serviceportal-fields');
    await page.keyboard.press('Enter');
    await page.keyboard.type('/');
    await expect.poll(() => suggestions(app)).toEqual(expect.arrayContaining(['antragsteller', 'betrieb', 'anlagen']));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.suggest-widget.visible').count()).toBe(0);
    await page.keyboard.type('betrieb');
    await expect.poll(() => suggestions(app)).toContain('betrieb');
    await page.keyboard.press('Enter');
    await page.keyboard.type('/');
    await expect.poll(() => suggestions(app)).toEqual(['instance_1']);
    await page.keyboard.press('Enter');
    await page.keyboard.type('/betriebsn');
    await expect.poll(async () => (await suggestions(app))[0]).toBe('betriebsname');
    await page.keyboard.press('Enter');
    await expect.poll(() => xpathText(app)).toBe('lower-case(/serviceportal-fields/betrieb/instance_1/betriebsname)');
    // Tab moves on to the next control and inserts nothing.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.xpath-monaco'))).toBe(false);
    expect(await xpathText(app)).toBe('lower-case(/serviceportal-fields/betrieb/instance_1/betriebsname)');
    await runExpect(app, '<Name>fahrradwerkstatt böhme</Name>');
    await expect.poll(() => page.getByTestId('sample-value').textContent(), { timeout: 60_000 }).toBe('Wert im Beispiel: fahrradwerkstatt böhme');
  });

  it('shows links that dangle after a schema change instead of dropping them', async () => {
    const { page } = app;
    const text = JSON.parse(readFileSync(join(ROOT, 'samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json'), 'utf8'));
    text.id = 'verwaist';
    text.name = 'Verwaiste Zuordnung';
    const a1 = text.flows.find((f: { id: string }) => f.id === 'a1-gewerberegister');
    a1.mapping.rules.push({ id: 'r999', target: `/{${GM}}Gewerbemeldung/{${GM}}GibtEsNicht`, value: { kind: 'source', path: '/serviceportal-fields/weg/instance_*/feld' } });
    const file = join(mkdtempSync(join(tmpdir(), 'rw-')), 'verwaist.regelwerk.json');
    writeFileSync(file, JSON.stringify(text));
    await page.getByTestId('open-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('project-select').inputValue()).toBe('verwaist');
    await page.locator('[data-flow="a1-gewerberegister"]').click();
    await expect.poll(() => page.getByTestId('dangling').textContent()).toContain('2 verwaiste');
    expect(await page.getByTestId('dangling').textContent()).toContain('r999');
  });

  it('auto-maps a flow whose mapping is empty', async () => {
    const { page } = app;
    const text = JSON.parse(readFileSync(join(ROOT, 'samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json'), 'utf8'));
    text.id = 'leer';
    text.name = 'Leeres Mapping';
    for (const f of text.flows) f.mapping.rules = [];
    const file = join(mkdtempSync(join(tmpdir(), 'rw-')), 'leer.regelwerk.json');
    writeFileSync(file, JSON.stringify(text));
    await page.getByTestId('open-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('project-select').inputValue()).toBe('leer');
    await page.locator('[data-flow="a1-gewerberegister"]').click();
    await page.getByTestId('automap').click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Zuordnungen übernommen' }).count()).toBe(1);
    await runExpect(app, '<Vorname>Katrin</Vorname>');
    expect(app.pageErrors).toEqual([]);
  });
});
