/**
 * The XPath editor inside nested loops, keyboard only: in the inner loop the outer loop's item is
 * offered as $loop1 (with the loop it holds), accepted with Enter, stepped into with "/"; SaxonJS's check
 * marks nothing and the run gives the expected values. In the outer loop $loop1 is not offered, and
 * typing it there is marked as an error. For a JSON source, "/" starts the path at $json as the compiler
 * writes it, and a member is found by typing its key.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monacoLine, onRow, openApp, openFlowOf, outputNow, ROOT, stopServer, type App } from './harness.ts';
import { jsonProject } from '../unit/xslt-import/fixtures.ts';

const SHOTS = join(ROOT, 'test-results');

/** The labels in the open suggestion list (empty when it is closed). */
function suggestionsOf(app: App): Promise<string[]> {
  return app.page.locator('.suggest-widget.visible .monaco-list-row .label-name').allTextContents();
}


describe('XPath completion of outer loop items in Chromium', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp();
  });
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  it('accepts $loop1 by keyboard in a nested loop: no error marker, the expected output', async () => {
    const { page } = app;
    // The first start opens the sample project; a file opened before that would be replaced by it.
    await openFlowOf(app, join(ROOT, 'test/fixtures/xpath-loops.regelwerk.json'), 'xpath-schleifen', 'bestellung-liste');

    const suggestions = () => suggestionsOf(app);
    const editor = page.getByTestId('xpath-val');
    const box = page.getByTestId('inspector').getByLabel('Wert: XPath');

    // The text of a line (inner loop over the customer's items) becomes a hand-written expression.
    await onRow(app, 'target', '/liste/k/zeile/text', (r) => r.click({ timeout: 5000 }));
    await page.locator('#val-0-kind').selectOption('xpath');
    await box.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.type('conc');
    await expect.poll(suggestions).toContain('concat');
    await page.keyboard.press('Enter');
    await page.keyboard.type('$lo');
    await expect.poll(suggestions).toEqual(['$loop1']);
    // The list says which loop the variable holds.
    await expect.poll(() => page.locator('.suggest-widget.visible .monaco-list-row').first().textContent()).toContain('Schleife 1: /bestellung/kunde');
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'xpath-loop-variable.png') });
    await page.keyboard.press('Enter');
    await page.keyboard.type('/');
    await expect.poll(suggestions).toEqual(['name', 'pos']);
    await page.keyboard.press('Enter');
    await page.keyboard.type(", ': ', arti");
    // Monaco's fuzzy filter may keep a function or two below it (e.g. a-nalyze-st-r-i-ng); the step comes first.
    await expect.poll(async () => (await suggestions())[0]).toBe('artikel');
    await page.keyboard.press('Enter');
    await expect.poll(() => monacoLine(editor)).toBe("concat($loop1/name, ': ', artikel)");
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');

    const out = page.getByTestId('output-text');
    await page.getByTestId('run').click();
    await expect.poll(() => outputNow(page), { timeout: 60_000 }).toContain('<text>Ada: A2</text>');
    const text = (await out.textContent()) ?? '';
    expect(text).toContain('<text>Ada: A1</text>');
    expect(text).toContain('<text>Bob: B1</text>');
    expect(await editor.locator('.squiggly-error').count()).toBe(0);
    expect(await page.getByTestId('xpath-error').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'xpath-loop-variable-run.png') });

    // In the outer loop the customer is the context item: no $loop1 there, and typing it is an error.
    await onRow(app, 'target', '/liste/k/n', (r) => r.click({ timeout: 5000 }));
    await page.locator('#val-0-kind').selectOption('xpath');
    await box.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.type('$');
    await page.keyboard.press('Control+Space');
    await page.waitForTimeout(500);
    expect(await suggestions()).not.toContain('$loop1');
    await page.keyboard.press('Escape');
    await page.keyboard.type('loop1/name');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect.poll(() => editor.locator('.squiggly-error').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('xpath-error').textContent()).toMatch(/loop1/);

    // The check ran in this very browser: the inner rule's expression is still unmarked.
    await onRow(app, 'target', '/liste/k/zeile/text', (r) => r.click({ timeout: 5000 }));
    await expect.poll(() => monacoLine(editor)).toBe("concat($loop1/name, ': ', artikel)");
    expect(await editor.locator('.squiggly-error').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('starts a JSON source path at $json after "/" and finds a member by its key', async () => {
    const { page } = app;
    const file = join(mkdtempSync(join(tmpdir(), 'rw-')), 'json.regelwerk.json');
    writeFileSync(file, JSON.stringify(jsonProject()));
    await openFlowOf(app, file, 'json', 'json-xml');
    await onRow(app, 'target', '/{urn:test:ziel}Nachricht/{urn:test:ziel}Leer', (r) => r.click({ timeout: 5000 }));
    await page.locator('#val-0-kind').selectOption('xpath');
    await page.getByTestId('inspector').getByLabel('Wert: XPath').focus();
    await page.keyboard.type('upper-c');
    await expect.poll(() => suggestionsOf(app)).toContain('upper-case');
    await page.keyboard.press('Enter');
    await page.keyboard.type('/');
    await expect.poll(() => suggestionsOf(app)).toEqual(['$json/fn:map']);
    await page.keyboard.press('Enter');
    await page.keyboard.type('/G1700352');
    await expect.poll(async () => (await suggestionsOf(app))[0]).toBe("fn:map[@key='G17003529']");
    await page.keyboard.press('Enter');
    await page.keyboard.type('/F17005455');
    await expect.poll(async () => (await suggestionsOf(app))[0]).toBe("fn:string[@key='F17005455']");
    await page.keyboard.press('Enter');
    const editor = page.getByTestId('xpath-val');
    await expect.poll(() => monacoLine(editor)).toBe("upper-case($json/fn:map/fn:map[@key='G17003529']/fn:string[@key='F17005455'])");
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await page.getByTestId('run').click();
    await expect.poll(() => outputNow(page), { timeout: 60_000 }).toContain('<Leer>BÖHME</Leer>'); // the target namespace is the rule's default namespace
    expect(await editor.locator('.squiggly-error').count()).toBe(0);
    expect(await page.getByTestId('xpath-error').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
