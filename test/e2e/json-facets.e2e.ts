/**
 * JSON Schema facets in the output panel of a JSON target, in Chromium (a project derived from
 * test/fixtures/json-target): `multipleOf` is checked with decimal arithmetic (12.345 is no multiple of
 * 0.01, 0.3 is one of 0.1), `enum` compares typed values (the compiler writes a member whose type varies
 * as a JSON string, so "1" where the schema lists the number 1 is a finding), `const` allows only its
 * value, and a schema pattern that does not compile is one warning. The findings are listed, located, in
 * German and English.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonStep as st } from '../../src/core/schema/json/paths.ts';
import { onRow, openApp, openFlowOf, openProjectFile, outputNow, ROOT, stopServer, validationStatus, type App } from './harness.ts';

const FIXTURE = join(ROOT, 'test/fixtures/json-target/json-target.regelwerk.json');
const P = (...steps: string[]) => '/' + [st('map'), ...steps].join('/');
const GEBUEHR = P(st('number', 'gebuehr'));
const STUFE = P(st('*', 'stufe'));

/**
 * The fixture's target schema gets a fee in cents (multipleOf 0.01), a share in tenths (multipleOf 0.1),
 * a level whose codes are numbers or "unbekannt" (enum of mixed types, so the member's type varies) and
 * a schema version fixed by `const` and a broken pattern on the trade name; the mapping writes 12.345,
 * 0.3, the code 1 and the version 1.0.
 */
function facetProject(id: string): string {
  const p = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  p.id = id;
  p.name = `${p.name} (${id})`;
  const set = p.schemas.find((s: any) => s.kind === 'json-schema');
  const schema = JSON.parse(set.files[0].content);
  schema.properties.gebuehr = { type: 'number', title: 'Gebühr (EUR)', multipleOf: 0.01 };
  schema.properties.anteil = { type: 'number', title: 'Anteil', multipleOf: 0.1 };
  schema.properties.stufe = { title: 'Gefahrenstufe', enum: [1, 2, 3, 'unbekannt'] };
  schema.properties.version = { title: 'Schemaversion', const: '2.0' };
  schema.properties.betrieb.properties.name.pattern = '([A-Z';
  set.files[0].content = JSON.stringify(schema, null, 2);
  p.flows[0].mapping.rules.push(
    { id: 'f1', target: GEBUEHR, value: { kind: 'const', value: '12.345', type: 'number' } },
    { id: 'f2', target: P(st('number', 'anteil')), value: { kind: 'const', value: '0.3', type: 'number' } },
    { id: 'f3', target: STUFE, value: { kind: 'const', value: '1' } },
    { id: 'f4', target: P(st('string', 'version')), value: { kind: 'const', value: '1.0' } },
  );
  const file = join(mkdtempSync(join(tmpdir(), 'rw-json-facets-')), `${id}.regelwerk.json`);
  writeFileSync(file, JSON.stringify(p, null, 2));
  return file;
}

describe('JSON facets in the output check, in Chromium', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp();
    await openFlowOf(app, facetProject('json-facets'), 'json-facets', 'a1-json', true);
  });
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  const outputText = () => outputNow(app.page);
  const status = () => validationStatus(app.page);
  const issues = async () => (await app.page.getByTestId('output-issues').textContent()) ?? '';
  const lineOf = async (needle: string) => (await outputText()).split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('lists the multipleOf, typed-enum and broken-pattern findings, located; 0.3 of 0.1 passes', async () => {
    const { page } = app;
    await expect.poll(outputText, { timeout: 90_000 }).toContain('"gebuehr":');
    const out = await outputText();
    // What the mapping wrote: the code as a JSON string (the member's type varies), the numbers as numbers.
    expect(out).toMatch(/"stufe":\s*"1"/);
    expect(out).toMatch(/"gebuehr":\s*12\.345/);
    expect(out).toMatch(/"anteil":\s*0\.3\b/);
    await expect.poll(status, { timeout: 60_000 }).toBe('invalid');
    expect(await page.getByTestId('validation').textContent()).toContain('✘ 3 Schemafehler, ⚠ 1 Hinweis');
    const text = await issues();
    expect(text).toContain(`Zeile ${await lineOf('"gebuehr"')}`);
    expect(text).toContain('$.gebuehr: 12.345 ist kein Vielfaches von 0.01.');
    expect(text).toContain(`Zeile ${await lineOf('"stufe"')}`);
    expect(text).toContain('$.stufe: „1“ ist kein erlaubter Wert (erlaubt: 1, 2, 3, „unbekannt“) – der Wert ist eine Zeichenkette, im Schema steht die Zahl 1.');
    expect(text).toMatch(/\$\.betrieb\.name: Das Muster \(\[A-Z aus dem Schema ist kein gültiger regulärer Ausdruck \(.+\); die Werte dieses Felds wurden nicht dagegen geprüft\./);
    expect(text).toContain('$.version: „1.0“ ist kein erlaubter Wert (erlaubt: „2.0“).');
    expect(text).not.toContain('$.anteil');
    // Three errors and one warning in the list, each marked in the editor.
    await expect.poll(() => page.getByTestId('output-issues').locator('li.error').count(), { timeout: 10_000 }).toBe(3);
    expect(await page.getByTestId('output-issues').locator('li.warning').count()).toBe(1);
    await expect.poll(() => page.getByTestId('output-editor').locator('.squiggly-error').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // The target fields are marked in the mapper.
    for (const path of [GEBUEHR, STUFE]) await onRow(app, 'target', path, async (r) => expect(await r.getAttribute('class')).toMatch(/\bwarn\b/));
    await page.screenshot({ path: join(ROOT, 'test-results/json-facets.png') });
    expect(app.pageErrors).toEqual([]);
  });

  it('speaks English when the language is English', async () => {
    const { page } = app;
    // A project opened with the UI in English.
    await page.getByTestId('lang').selectOption('en');
    await openProjectFile(app, facetProject('json-facets-en'), 'json-facets-en');
    await page.locator('[data-flow="a1-json"]').click();
    await page.locator('#tab-output').click();
    await expect.poll(issues, { timeout: 60_000 }).toContain('$.gebuehr: 12.345 is not a multiple of 0.01.');
    const text = await issues();
    expect(text).toContain('$.stufe: "1" is not an allowed value (allowed: 1, 2, 3, "unbekannt") – the value is a string, the schema has the number 1.');
    expect(text).toContain('$.version: "1.0" is not an allowed value (allowed: "2.0").');
    expect(text).toContain("$.betrieb.name: the schema's pattern ([A-Z is not a valid regular expression");
    await page.screenshot({ path: join(ROOT, 'test-results/json-facets-en.png') });
    // Switching back checks the output on screen again: the findings follow the language.
    await page.getByTestId('lang').selectOption('de');
    await expect.poll(issues, { timeout: 60_000 }).toContain('$.gebuehr: 12.345 ist kein Vielfaches von 0.01.');
    expect(await issues()).not.toContain('is not a multiple');
    expect(app.pageErrors).toEqual([]);
  });
});
