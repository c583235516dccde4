/**
 * The output check of a flow with a JSON target (test/fixtures/json-target): the output panel checks
 * the JSON text as JSON against the target's JSON Schema tree (it used to parse it as XML and report
 * "nicht wohlgeformt … text data outside of root node"). Deleting the mapping of a required member
 * gives a located error that names the member; undo makes the output valid again.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonStep } from '../../src/core/schema/json/paths.ts';
import { onRow, openApp, openFlowOf, outputNow, ROOT, stopServer, validationStatus, type App } from './harness.ts';

const FIXTURE = join(ROOT, 'test/fixtures/json-target/json-target.regelwerk.json');
const VORGANGSNUMMER = '/' + [jsonStep('map'), jsonStep('string', 'vorgangsnummer')].join('/');

describe('output check of a JSON target, in Chromium', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp();
    await openFlowOf(app, FIXTURE, 'json-ziel', 'a1-json');
  });
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  const outputText = () => outputNow(app.page);
  const status = () => validationStatus(app.page);

  it('shows the JSON output as fitting the target schema, not as malformed XML', async () => {
    const { page } = app;
    await page.locator('#tab-output').click();
    await expect.poll(outputText, { timeout: 60_000 }).toContain('"vorgangsnummer":');
    await expect.poll(status, { timeout: 60_000 }).toBe('valid');
    const badge = (await page.getByTestId('validation').textContent()) ?? '';
    expect(badge).toContain('Passt zur Struktur des Zielschemas');
    expect(badge).not.toContain('nicht wohlgeformt');
    expect(await page.getByTestId('validation').getAttribute('title')).toMatch(/JSON Schema/);
    expect(await page.getByTestId('output-issues').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('reports a missing required member, located, after its mapping is deleted; undo makes it valid again', async () => {
    const { page } = app;
    await onRow(app, 'target', VORGANGSNUMMER, async (r) => {
      await r.click({ timeout: 5000 });
      await r.press('Delete');
    });
    await expect.poll(async () => (await outputText()).includes('"betrieb"') && !(await outputText()).includes('"vorgangsnummer"'), { timeout: 60_000 }).toBe(true);
    await expect.poll(status, { timeout: 60_000 }).toBe('invalid');
    expect(await page.getByTestId('validation').textContent()).toContain('✘ 1 Schemafehler');
    const issues = (await page.getByTestId('output-issues').textContent()) ?? '';
    // The finding is at the object missing the member: the root object, line 1.
    expect(issues).toContain('Zeile 1');
    expect(issues).toContain('Pflichtfeld „vorgangsnummer“ fehlt');
    expect(issues).not.toMatch(/wohlgeformt|root node/);
    await expect.poll(() => page.getByTestId('output-editor').locator('.squiggly-error').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // The target field is marked in the mapper.
    await onRow(app, 'target', VORGANGSNUMMER, async (r) => expect(await r.getAttribute('class')).toMatch(/\bwarn\b/));
    await page.screenshot({ path: join(ROOT, 'test-results/json-output-check.png') });

    await page.keyboard.press('Control+z');
    await expect.poll(outputText, { timeout: 60_000 }).toContain('"vorgangsnummer":');
    await expect.poll(status, { timeout: 60_000 }).toBe('valid');
    expect(app.pageErrors).toEqual([]);
  });
});
