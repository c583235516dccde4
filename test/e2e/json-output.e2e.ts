/**
 * JSON targets in the output panel, in Chromium (projects derived from test/fixtures/json-target):
 * a click on a JSON member in the output selects the mapping that produced it; a value breaking the
 * target schema's enumeration is a located finding; output that is not JSON at all (a hand-written XSLT
 * block kept from an import) is badged "Ausgabe ist kein gültiges JSON", not with the XML wording.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonStep as st } from '../../src/core/schema/json/paths.ts';
import { onRow, openApp, openFlowOf, openProjectFile, outputNow, ROOT, stopServer, validationStatus, type App } from './harness.ts';

const FIXTURE = join(ROOT, 'test/fixtures/json-target/json-target.regelwerk.json');
const P = (...steps: string[]) => '/' + [st('map'), ...steps].join('/');
const BESCHREIBUNG = P(st('array', 'taetigkeiten'), st('map'), st('string', 'beschreibung'));
const HAUPTTAETIGKEIT = P(st('array', 'taetigkeiten'), st('map'), st('boolean', 'haupttaetigkeit'));
const AUSUEBUNG = P(st('map', 'betrieb'), st('array', 'ausuebungAls'), st('string'));

/** The fixture under another id, changed by `edit` (plain JSON of the project file). */
function derived(id: string, edit: (p: any) => void): string {
  const p = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  p.id = id;
  p.name = `${p.name} (${id})`;
  edit(p);
  const file = join(mkdtempSync(join(tmpdir(), 'rw-json-output-')), `${id}.regelwerk.json`);
  writeFileSync(file, JSON.stringify(p, null, 2));
  return file;
}

/** The target schema allows only "Handwerk" and "Industrie" as kinds of trade; sample 01 has "Handel". */
const ENUM_FILE = derived('json-enum', (p) => {
  const set = p.schemas.find((s: any) => s.kind === 'json-schema');
  const schema = JSON.parse(set.files[0].content);
  schema.properties.betrieb.properties.ausuebungAls.items.enum = ['Handwerk', 'Industrie'];
  set.files[0].content = JSON.stringify(schema, null, 2);
});
/** A top-level template kept verbatim from an XSLT import writes text that is not JSON. */
const BROKEN_FILE = derived('json-broken', (p) => {
  p.flows[0].mapping.raw = [{ xslt: '<xsl:template match="/" priority="9" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:text>{"vorgangsnummer": "1",</xsl:text></xsl:template>' }];
});

/** A pattern that backtracks without end on every description (nested quantifier, no "x" to end on). */
const REDOS_FILE = derived('json-redos', (p) => {
  const set = p.schemas.find((s: any) => s.kind === 'json-schema');
  const schema = JSON.parse(set.files[0].content);
  schema.properties.taetigkeiten.items.properties.beschreibung.pattern = '^([^x]+)+x$';
  set.files[0].content = JSON.stringify(schema, null, 2);
});

describe('JSON output: trace, facet findings, badge, in Chromium', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp();
    await openFlowOf(app, ENUM_FILE, 'json-enum', 'a1-json', true);
  });
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  const outputText = () => outputNow(app.page);
  const status = () => validationStatus(app.page);
  const traceStatus = () => app.page.getByTestId('trace-status').textContent();
  /** Clicks the output editor on the first occurrence of `text` (plus `delta` characters); no spaces in `text` (Monaco shows them as U+00A0). */
  const clickOutput = async (text: string, delta = 1) => {
    const line = app.page.getByTestId('output-editor').locator('.view-line', { hasText: text }).first();
    await line.scrollIntoViewIfNeeded();
    // The offset inside the line, measured in the browser: Monaco renders a line as several spans.
    const box = await line.evaluate(
      (el, [needle, d]) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const i = (n.textContent ?? '').indexOf(needle as string);
          if (i < 0) continue;
          const r = document.createRange();
          r.setStart(n, i + (d as number));
          r.setEnd(n, i + (d as number) + 1);
          const b = r.getBoundingClientRect();
          return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
        }
        return undefined;
      },
      [text, delta] as const,
    );
    if (!box) throw new Error(`"${text}" is not one text run of the output line`);
    await app.page.mouse.click(box.x, box.y);
  };
  const selected = (path: string) => onRow(app, 'target', path, async (r) => expect(await r.getAttribute('aria-selected')).toBe('true'));

  it('a click on a JSON member in the output selects its mapping in the mapper', async () => {
    await expect.poll(outputText, { timeout: 90_000 }).toContain('"beschreibung":');
    // The hint speaks of JSON values and keys, not of XML elements and attributes.
    expect(await traceStatus()).toContain('Wert oder Schlüssel');
    // The second object of the array of objects: its description member.
    await clickOutput('Einzelhandel', 3);
    await expect.poll(traceStatus, { timeout: 60_000 }).toContain('Erzeugt von Zuordnung j7');
    await selected(BESCHREIBUNG);
    // A key: the member it names.
    await clickOutput('"haupttaetigkeit":false', 3);
    await expect.poll(traceStatus, { timeout: 10_000 }).toContain('Erzeugt von Zuordnung j8');
    await selected(HAUPTTAETIGKEIT);
    expect(app.pageErrors).toEqual([]);
  });

  it('a value outside the target schema’s enumeration is a located finding, marked in the mapper', async () => {
    const { page } = app;
    await expect.poll(status, { timeout: 60_000 }).toBe('invalid');
    expect(await page.getByTestId('validation').textContent()).toContain('✘ 1 Schemafehler');
    const issues = (await page.getByTestId('output-issues').textContent()) ?? '';
    const line = (await outputText()).split('\n').findIndex((l) => l.includes('"Handel"')) + 1;
    expect(line).toBeGreaterThan(1);
    expect(issues).toContain(`Zeile ${line}`);
    expect(issues).toContain('$.betrieb.ausuebungAls[1]: „Handel“ ist kein erlaubter Wert (erlaubt: „Handwerk“, „Industrie“).');
    await expect.poll(() => page.getByTestId('output-editor').locator('.squiggly-error').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await onRow(app, 'target', AUSUEBUNG, async (r) => expect(await r.getAttribute('class')).toMatch(/\bwarn\b/));
    await page.screenshot({ path: join(ROOT, 'test-results/json-output.png') });
  });

  it('output that is not valid JSON gets the JSON wording, in German and English', async () => {
    const { page } = app;
    await openProjectFile(app, BROKEN_FILE, 'json-broken');
    await page.locator('[data-flow="a1-json"]').click();
    await page.locator('#tab-output').click();
    await expect.poll(outputText, { timeout: 90_000 }).toBe('{"vorgangsnummer": "1",');
    await expect.poll(status, { timeout: 60_000 }).toBe('malformed');
    const badge = (await page.getByTestId('validation').textContent()) ?? '';
    expect(badge).toContain('✘ Ausgabe ist kein gültiges JSON');
    expect(badge).not.toContain('wohlgeformt');
    expect(await page.getByTestId('output-issues').textContent()).toMatch(/Zeile 1.*Kein gültiges JSON/);
    await page.screenshot({ path: join(ROOT, 'test-results/json-output-broken.png') });
    await page.getByTestId('lang').selectOption('en');
    await expect.poll(() => page.getByTestId('validation').textContent(), { timeout: 60_000 }).toContain('✘ Output is not valid JSON');
    await page.getByTestId('lang').selectOption('de');
  });

  it('a check that does not end is stopped at the time limit with a clear message; the next check works', async () => {
    const { page } = app;
    await page.getByTestId('time-limit').fill('2');
    await openProjectFile(app, REDOS_FILE, 'json-redos');
    await page.locator('[data-flow="a1-json"]').click();
    await page.locator('#tab-output').click();
    await expect.poll(outputText, { timeout: 90_000 }).toContain('"beschreibung":');
    await expect.poll(() => page.locator('.output-status').textContent(), { timeout: 30_000 }).toContain('Prüfung nach 2 s abgebrochen (Zeitlimit)');
    // The app goes on: another project's output is checked by a fresh worker.
    await page.getByTestId('project-select').selectOption('json-enum');
    await page.locator('[data-flow="a1-json"]').click();
    await page.locator('#tab-output').click();
    await expect.poll(status, { timeout: 60_000 }).toBe('invalid');
    await page.getByTestId('time-limit').fill('10');
    expect(app.pageErrors).toEqual([]);
  });
});
