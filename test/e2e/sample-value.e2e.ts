/**
 * "Value in sample" for a flow with a JSON target: the analyst opens a project file whose flow writes
 * JSON (test/fixtures/json-target), selects target fields in the mapper and reads in the inspector what
 * each got on the current sample: strings quoted, numbers and booleans as JSON literals, array items
 * with their count, a field the sample does not produce; it follows an edit and a change of sample.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonStep } from '../../src/core/schema/json/paths.ts';
import { onRow, openApp, openProjectFile, outputNow, ROOT, stopServer, type App } from './harness.ts';

const FIXTURE = join(ROOT, 'test/fixtures/json-target/json-target.regelwerk.json');
/** A target path of the fixture's JSON Schema (see test/fixtures/json-target/build.ts). */
const J = (...steps: string[]) => '/' + [jsonStep('map'), ...steps].join('/');
const BETRIEB = jsonStep('map', 'betrieb');
const TAETIGKEITEN = [jsonStep('array', 'taetigkeiten'), jsonStep('map')];

describe('value in sample for a JSON target, in Chromium', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp();
    await openProjectFile(app, FIXTURE, 'json-ziel');
    await app.page.locator('[data-flow="a1-json"]').click();
  });
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  /** Selects a target field and waits for the inspector's line to read `text`. */
  async function valueOf(path: string, text: string): Promise<void> {
    await onRow(app, 'target', path, (r) => r.click({ timeout: 5000 }));
    await expect.poll(() => app.page.getByTestId('sample-value').textContent(), { timeout: 60_000 }).toBe(`Wert im Beispiel: ${text}`);
  }

  it('shows what each selected JSON field got on the sample, typed', async () => {
    const { page } = app;
    const line = page.getByTestId('sample-value');
    await valueOf(J(BETRIEB, jsonStep('string', 'name')), 'Fahrradwerkstatt Böhme');
    // The output really is JSON (the live preview ran the rule on its own).
    await page.locator('#tab-output').click();
    await expect.poll(() => outputNow(page), { timeout: 60_000 }).toContain('"name":"Fahrradwerkstatt Böhme"');
    expect(await line.locator('q.sample-v').getAttribute('data-json-type')).toBe('string');

    await valueOf(J(BETRIEB, jsonStep('number', 'teilzeitkraefte')), '1');
    expect(await line.locator('code.sample-lit').getAttribute('data-json-type')).toBe('number');
    expect(await line.locator('code.sample-lit').getAttribute('title')).toBe('Zahl (JSON)');

    // Array items: the first values (one repeating node in the tree, like a repeating XML element).
    await valueOf(J(BETRIEB, jsonStep('array', 'ausuebungAls'), jsonStep('string')), 'Handwerk, Handel');
    await valueOf(J(...TAETIGKEITEN, jsonStep('boolean', 'haupttaetigkeit')), 'true, false');
    expect(await line.locator('code.sample-lit[data-json-type="boolean"]').count()).toBe(2);
    await valueOf(J(...TAETIGKEITEN), '2× erzeugt');
    // Mapped nowhere: not in the output.
    await valueOf(J(BETRIEB, jsonStep('string', 'registernummer')), 'nicht erzeugt');
    expect(app.pageErrors).toEqual([]);
  });

  it('follows an edit of the mapping and a change of sample', async () => {
    const { page } = app;
    await valueOf(J(BETRIEB, jsonStep('string', 'name')), 'Fahrradwerkstatt Böhme');
    await page.locator('.palette summary').click();
    await page.locator('[data-fn="upper-case"]').click();
    await expect.poll(() => page.getByTestId('sample-value').textContent(), { timeout: 60_000 }).toBe('Wert im Beispiel: FAHRRADWERKSTATT BÖHME');
    await page.locator('.palette summary').click();
    await page.locator('body').press('Control+z');
    await expect.poll(() => page.getByTestId('sample-value').textContent(), { timeout: 60_000 }).toBe('Wert im Beispiel: Fahrradwerkstatt Böhme');

    // The GmbH sample: three activities.
    await page.getByTestId('sample-select').selectOption('msg-02');
    await valueOf(J(...TAETIGKEITEN, jsonStep('string', 'beschreibung')), 'Entwicklung und Vertrieb von Software, IT-Beratung und Projektmanagement, Durchführung von Schulungen im Bereich Informationstechnik');
    await page.getByTestId('sample-select').selectOption('msg-03');
    await valueOf(J(BETRIEB, jsonStep('number', 'teilzeitkraefte')), 'nicht erzeugt');
    await valueOf(J(...TAETIGKEITEN, jsonStep('string', 'beschreibung')), 'Catering „Saigon trifft Sachsen“ – Zubereitung und Lieferung von Speisen & Getränken für Feiern < 200 Personen');

    await page.getByTestId('sample-select').selectOption('msg-01');
    await valueOf(J(BETRIEB, jsonStep('number', 'teilzeitkraefte')), '1');
    await page.locator('.inspector').screenshot({ path: join(ROOT, 'test-results/sample-value-json.png') }).catch(() => page.screenshot({ path: join(ROOT, 'test-results/sample-value-json.png') }));
    expect(app.pageErrors).toEqual([]);
  });
});
