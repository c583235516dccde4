/**
 * XPath check findings per place, as a user meets them: the same expression `$loop1/name` typed for the
 * text of a line (inner loop, where $loop1 is the customer) and for the customer's name (outer loop, where
 * there is no $loop1). Only the second field is marked; the first stays unmarked after the check, the
 * findings list names only the outer rule, and the run fills the inner field with the customer's name.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monacoLine, onRow, openApp, openFlowOf, outputNow, ROOT, stopServer, type App } from './harness.ts';

const SHOTS = join(ROOT, 'test-results');
const TEXT = '$loop1/name';


describe('XPath errors are marked where the expression is wrong, in Chromium', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp();
  });
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  /** Selects a target field, makes its value a hand-written XPath and types `text` into it (keyboard only). */
  async function typeXPath(path: string, text: string): Promise<void> {
    const { page } = app;
    await onRow(app, 'target', path, (r) => r.click({ timeout: 5000 }));
    await page.locator('#val-0-kind').selectOption('xpath');
    await page.getByTestId('inspector').getByLabel('Wert: XPath').focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    // Typed in pieces with the suggestion list closed in between, so no suggestion is accepted by accident.
    for (const piece of text.split(/(?=\/)/)) {
      await page.keyboard.type(piece);
      await page.keyboard.press('Escape');
    }
    await expect.poll(() => monacoLine(page.getByTestId('xpath-val'))).toBe(text);
    await page.keyboard.press('Tab'); // leaves the editor: the text is committed and checked
  }

  it('marks only the place where the same expression is invalid', async () => {
    const { page } = app;
    await openFlowOf(app, join(ROOT, 'test/fixtures/xpath-loops.regelwerk.json'), 'xpath-schleifen', 'bestellung-liste');
    const editor = page.getByTestId('xpath-val');
    const findings = page.locator('section.diagnostics li', { hasText: 'mapping.xpath-syntax' });

    // First the valid place: the line's text in the inner loop reads the customer of the outer loop.
    await typeXPath('/liste/k/zeile/text', TEXT);
    // The check runs in the background (SaxonJS in the worker); give it time to report, then expect nothing.
    await page.waitForTimeout(1500);
    expect(await editor.locator('.squiggly-error').count()).toBe(0);
    expect(await page.getByTestId('xpath-error').count()).toBe(0);
    expect(await findings.count()).toBe(0);

    // The same text for the customer's name, in the outer loop: there the customer is the context item.
    await typeXPath('/liste/k/n', TEXT);
    await expect.poll(() => editor.locator('.squiggly-error').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('xpath-error').textContent()).toMatch(/loop1/);
    await expect.poll(() => findings.allTextContents(), { timeout: 30_000 }).toEqual([expect.stringContaining('(rule:r2)')]);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'xpath-places-invalid.png') });

    // Back at the inner field: the very same text, unmarked, and the only finding is still the outer rule's.
    await onRow(app, 'target', '/liste/k/zeile/text', (r) => r.click({ timeout: 5000 }));
    await expect.poll(() => monacoLine(editor)).toBe(TEXT);
    await page.waitForTimeout(500);
    expect(await editor.locator('.squiggly-error').count()).toBe(0);
    expect(await page.getByTestId('xpath-error').count()).toBe(0);
    expect(await page.getByTestId('inspector').getByLabel('Wert: XPath').getAttribute('aria-invalid')).not.toBe('true');
    expect(await findings.count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'xpath-places-valid.png') });

    // The run: the inner field gets the customer's name; the broken outer one yields nothing.
    const out = page.getByTestId('output-text');
    await page.getByTestId('run').click();
    await expect.poll(() => outputNow(page), { timeout: 60_000 }).toContain('<text>Bob</text>');
    const text = ((await out.textContent()) ?? '').replace(/>\s+</g, '><');
    expect(text).toContain('<zeile><text>Ada</text></zeile><zeile><text>Ada</text></zeile>');
    expect(text).not.toContain('<n>Ada</n>');
    expect(app.pageErrors).toEqual([]);
  });
});
