/**
 * Schema import and schema tree in the real app: import an XSD set by multi-select and use it as a
 * flow's target (undoable), fix a missing include through the catalog, refuse a broken file with a
 * located message (project unchanged), import a ZIP of FIM JSON Schemas and search/inspect the tree
 * by keyboard, XDatenfelder, and a 50 MB file that shows progress without freezing the page.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, ROOT, stopServer, type App } from './harness.ts';

const SHARED = join(ROOT, '../shared');
const XBAU = join(SHARED, 'domain/schemas/xbau-2.6');
const TMP = mkdtempSync(join(tmpdir(), 'regelwerk-schema-e2e-'));
const FN = 'http://www.w3.org/2005/xpath-functions';

function write(name: string, content: string | Uint8Array): string {
  const p = join(TMP, name);
  writeFileSync(p, content);
  return p;
}

const FIM_MAIN = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://schema.fitko.de/fim/s00000092_1.3.schema.json',
  title: 'Gewerbeanmeldung (FIM)',
  type: 'object',
  properties: { G17003529: { $ref: 'https://schema.fitko.de/fim/g17003529.schema.json' }, F60000230: { title: 'Anzahl Beschäftigte', type: 'integer' } },
  required: ['G17003529'],
};
const FIM_GROUP = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://schema.fitko.de/fim/g17003529.schema.json',
  title: 'Angaben zur Person',
  type: 'object',
  properties: {
    F60000227: { title: 'Familienname', type: 'string', maxLength: 120 },
    F60000229: { title: 'Geschlecht', type: 'string', oneOf: [{ const: 'm', title: 'männlich' }, { const: 'w', title: 'weiblich' }, { const: 'd', title: 'divers' }] },
  },
};

const dialog = (app: App) => app.page.getByTestId('schema-import');

async function openDialog(app: App): Promise<void> {
  // A dialog left open by a failed test must not block the next one.
  if (await dialog(app).count()) await dialog(app).getByRole('button', { name: 'Schließen', exact: true }).click();
  await app.page.getByTestId('open-schema-import').click();
  await dialog(app).waitFor();
}

async function importFiles(app: App, paths: string[]): Promise<void> {
  await openDialog(app);
  await app.page.getByTestId('schema-files').setInputFiles(paths);
}

describe('schema import in Chromium', () => {
  let app: App;

  beforeAll(async () => {
    app = await openApp();
    await app.page.locator('[data-flow="einreichung"]').first().waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  it('imports an XSD set (multi-select), uses it as a flow target, and undo takes it back', async () => {
    const { page } = app;
    await importFiles(app, readdirSync(XBAU).map((f) => join(XBAU, f)));
    await page.getByTestId('import-root').waitFor({ timeout: 120_000 });
    // The Schematron file is skipped, not read as a schema; message roots come first.
    await expect.poll(() => page.getByTestId('import-files').textContent()).toMatch(/45 Dateien .* 1 übersprungen/);
    const firstRoot = await page.getByTestId('import-root').locator('option').first().textContent();
    expect(firstRoot).toMatch(/^prozessnachrichten\./);
    await page.getByTestId('import-root').selectOption({ label: (await page.getByTestId('import-root').locator('option', { hasText: 'baugenehmigung.antrag.0200' }).first().textContent())! });
    expect(await page.getByTestId('import-name').inputValue()).toBe('xbau');
    await page.getByTestId('import-use-for').selectOption('einreichung|target');
    await page.getByTestId('import-add').click();
    await dialog(app).waitFor({ state: 'detached' });
    const root = page.locator('.tree-target [role=treeitem][aria-level="1"]');
    await expect.poll(() => root.textContent()).toContain('baugenehmigung.antrag.0200');
    // One undo step removes the set and the assignment.
    await page.locator('.tree-target [role=treeitem]').first().click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.tree-target [role=treeitem][aria-level="1"]').count()).toBe(0);
    await page.keyboard.press('Control+y');
    await expect.poll(() => root.textContent()).toContain('baugenehmigung.antrag.0200');
  });

  it('refuses a broken file with a located message and leaves the project unchanged', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 10_000 }).toBe('Gespeichert');
    const broken = write('kaputt.xsd', '<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n  <xs:element name="a">\n</xs:schema>\n');
    await importFiles(app, [broken]);
    await page.getByTestId('import-no-roots').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('import-diagnostics').textContent()).toMatch(/kaputt\.xsd:4:\d+.*Nicht wohlgeformtes XML/);
    expect(await page.getByTestId('import-add').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog(app).waitFor({ state: 'detached' });
    expect(await page.getByTestId('save-state').textContent()).toBe('Gespeichert');
  });

  it('imports a folder (webkitdirectory): only the XSDs are read, the message root comes first', async () => {
    const { page } = app;
    await openDialog(app);
    await page.getByTestId('schema-folder').setInputFiles(join(ROOT, 'samples/gewerbeanmeldung/schemas/xdomea-3.0.0'));
    await page.getByTestId('import-root').waitFor({ timeout: 120_000 });
    // The folder also holds genericode code lists (.xml) and licence texts: skipped for an XSD set.
    await expect.poll(() => page.getByTestId('import-files').textContent()).toMatch(/übersprungen/);
    expect(await page.getByTestId('import-name').inputValue()).toBe('xdomea-3.0.0');
    expect(await page.getByTestId('import-root').inputValue()).toMatch(/^\{urn:xoev-de:xdomea:schema:3\.0\.0\}/);
    expect(await page.locator('.si-diagnostics h3').textContent()).toMatch(/\(0 Fehler/);
    await page.keyboard.press('Escape');
  });

  it('reports a message given as a schema, and imports it as a sample when the kind is switched', async () => {
    const { page } = app;
    await importFiles(app, [join(SHARED, 'domain/samples/xdomea-3.0.0/xx_Aussonderung.Aussonderung.0503.xml')]);
    await page.getByTestId('import-root').waitFor({ timeout: 120_000 });
    expect(await page.locator('input[name="si-kind"][value="sample-xml"]').isChecked()).toBe(true);
    await page.locator('input[name="si-kind"][value="xsd"]').check();
    await page.getByTestId('import-no-roots').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('import-diagnostics').textContent()).toMatch(/xx_Aussonderung\.Aussonderung\.0503\.xml:\d+:\d+.*kein XML-Schema/);
    await page.locator('input[name="si-kind"][value="sample-xml"]').check();
    await page.getByTestId('import-root').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('import-root').inputValue()).toBe('{urn:xoev-de:xdomea:schema:3.0.0}Aussonderung.Aussonderung.0503');
    await page.keyboard.press('Escape');
  });

  it('resolves a missing include through the catalog and imports again', async () => {
    const { page } = app;
    const main = write(
      'antrag.xsd',
      `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:antrag" xmlns="urn:antrag" elementFormDefault="qualified">
  <xs:include schemaLocation="http://example.org/schemas/gemeinsam-v1.xsd"/>
  <xs:element name="Antrag"><xs:complexType><xs:sequence><xs:element name="Person" type="PersonTyp"/></xs:sequence></xs:complexType></xs:element>
</xs:schema>`,
    );
    const common = write(
      'basis.xsd',
      `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:antrag" xmlns="urn:antrag" elementFormDefault="qualified">
  <xs:complexType name="PersonTyp"><xs:sequence><xs:element name="Name" type="xs:string"/></xs:sequence></xs:complexType>
</xs:schema>`,
    );
    await importFiles(app, [main, common]);
    await page.getByTestId('catalog-file').first().waitFor({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('import-diagnostics').textContent()).toContain('antrag.xsd:3');
    await page.getByTestId('catalog-file').first().selectOption('basis.xsd');
    await page.getByTestId('reimport').click();
    await expect.poll(() => page.locator('.si-diagnostics h3').textContent()).toBe('Hinweise (0 Fehler, 0 Warnungen)');
    await page.keyboard.press('Escape');
  });

  it('imports a ZIP of FIM JSON Schemas as a flow source; search, expand and details work by keyboard', async () => {
    const { page } = app;
    const zip = zipSync({
      'fim-schemas/s00000092.schema.json': strToU8(JSON.stringify(FIM_MAIN, null, 2)),
      'fim-schemas/g17003529.schema.json': strToU8(JSON.stringify(FIM_GROUP, null, 2)),
      'fim-schemas/LIESMICH.txt': strToU8('nur Text'),
    });
    await importFiles(app, [write('fim-schemas.zip', zip)]);
    await page.getByTestId('import-root').waitFor({ timeout: 120_000 });
    expect(await page.locator('input[name="si-kind"][value="json-schema"]').isChecked()).toBe(true);
    expect(await page.getByTestId('import-root').locator('option').first().textContent()).toBe('s00000092.schema.json');
    await page.getByTestId('import-use-for').selectOption('einreichung|source');
    await page.getByTestId('import-add').click();
    await dialog(app).waitFor({ state: 'detached' });
    const rootPath = `/{${FN}}map`;
    await page.locator(`.tree-source [data-path="${rootPath}"]`).waitFor();

    // Search by the field's title: the tree expands to it and highlights it.
    await page.locator(`.tree-source [data-path="${rootPath}"]`).click();
    await page.keyboard.press('Control+f');
    await page.getByTestId('tree-search-source').fill('geschlecht');
    const hit = `${rootPath}/{${FN}}map[@key='G17003529']/{${FN}}string[@key='F60000229']`;
    const hitRow = page.locator(`.tree-source [data-path="${hit}"]`);
    await hitRow.waitFor({ timeout: 10_000 });
    await expect.poll(() => hitRow.getAttribute('class')).toContain('match-current');
    expect(await hitRow.locator('mark').textContent()).toBe('Geschlecht');
    await expect.poll(() => page.getByTestId('tree-search-count-source').textContent()).toBe('1 von 1');
    // Escape returns to the tree; i opens the details of the active row, with the code list.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-path'))).toBe(hit);
    await page.keyboard.press('i');
    const details = page.getByTestId('node-details');
    await details.waitFor();
    const text = (await details.textContent()) ?? '';
    expect(text).toContain('F60000229');
    expect(text).toContain('Codeliste (3 Werte)');
    expect(text).toContain('weiblich');
    expect(text).toContain('g17003529.schema.json:');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-path'))).toBe(hit);
  });

  it('imports an XDatenfelder 3 document with its groups and fields', async () => {
    const { page } = app;
    await importFiles(app, [join(SHARED, 'domain/samples/xdatenfelder/v3-data/simple.xml')]);
    await page.getByTestId('import-root').waitFor({ timeout: 120_000 });
    expect(await page.locator('input[name="si-kind"][value="xdatenfelder"]').isChecked()).toBe(true);
    expect(await page.getByTestId('import-root').locator('option').allTextContents()).toEqual(['G60000000088', 'G60000000086']);
    await page.getByTestId('import-use-for').selectOption('einreichung|target');
    await page.getByTestId('import-add').click();
    await page.locator('.tree-target [data-path="/G60000000088"]').waitFor();
    await page.locator('.tree-target [data-path="/G60000000088"]').click();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('.tree-target [data-path="/G60000000088/G60000000086"]').textContent()).toContain('Anschrift Inland Straßenanschrift');
    // A field's details (i): FIM's help, field kind and data type, labelled in the UI language.
    const group = page.locator('.tree-target [data-path="/G60000000088/G60000000086"]');
    await group.click();
    await page.keyboard.press('ArrowRight');
    const field = page.locator('.tree-target [data-path="/G60000000088/G60000000086/F60000000243"]');
    const fieldDetails = async () => {
      await field.click();
      await page.keyboard.press('i');
      const details = page.getByTestId('node-details');
      await details.waitFor();
      const text = (await details.textContent()) ?? '';
      await page.keyboard.press('Escape');
      await details.waitFor({ state: 'detached' });
      return text;
    };
    const de = await fieldDetails();
    expect(de).toContain('F60000000243');
    expect(de).toMatch(/Feldart: \w+ · Datentyp: \w+/);
    await page.getByTestId('lang').selectOption('en');
    try {
      const en = await fieldDetails();
      expect(en).toMatch(/Field kind: \w+ · Data type: \w+/);
      expect(en).not.toContain('Feldart');
    } finally {
      await page.getByTestId('lang').selectOption('de');
    }
  });

  it('imports a 50 MB file in the worker with progress, without long tasks, and reports where it breaks', async () => {
    const { page } = app;
    const parts = ['<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:gross" elementFormDefault="qualified">\n'];
    let size = 0;
    for (let i = 0; size < 50e6; i++) {
      const s = `  <xs:element name="e${i}" type="xs:string"><xs:annotation><xs:documentation>Element ${i} mit etwas Beschreibung, damit die Datei groß wird.</xs:documentation></xs:annotation></xs:element>\n`;
      parts.push(s);
      size += s.length;
    }
    parts.push('  <xs:element name="kaputt"></xs:elemnt>\n</xs:schema>\n');
    // Header (2 lines) + one line per element: the broken tag is on line parts.length + 1.
    const brokenLine = parts.length + 1;
    const big = write('gross.xsd', parts.join(''));
    await page.evaluate(() => {
      const w = window as unknown as { __longtasks: number[] };
      w.__longtasks = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__longtasks.push(e.duration))).observe({ type: 'longtask' });
    });
    // The observer must see a deliberate 120 ms block in a timer task, else "no long task" means nothing.
    const probe = await page.evaluate(async () => {
      const w = window as unknown as { __longtasks: number[] };
      await new Promise((r) => setTimeout(() => r(((end) => { while (performance.now() < end); })(performance.now() + 120)), 0));
      await new Promise((r) => setTimeout(r, 100));
      const seen = Math.max(0, ...w.__longtasks);
      w.__longtasks.length = 0;
      return seen;
    });
    expect(probe).toBeGreaterThanOrEqual(100);
    await importFiles(app, [big]);
    await page.getByTestId('import-progress').waitFor({ timeout: 60_000 });
    // While the worker parses, the page answers: the dialog's Escape handler still runs later, and no long task.
    await page.getByTestId('import-no-roots').waitFor({ timeout: 150_000 });
    await expect.poll(() => page.getByTestId('import-diagnostics').textContent()).toContain(`gross.xsd:${brokenLine}:`);
    const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { __longtasks: number[] }).__longtasks));
    console.log(`longest main-thread task during the 50 MB import: ${Math.round(longest)} ms`);
    expect(longest).toBeLessThan(200);
    await page.keyboard.press('Escape');
    await dialog(app).waitFor({ state: 'detached' });
    expect(app.pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
