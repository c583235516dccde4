/**
 * Run, validate and test rules in the browser, as a user does it: the live preview and its schema check,
 * the trace from an output node to its mapping, sample messages (skeleton, paste, upload, edit, rename,
 * delete), test cases (run all with progress, new from the current output, ignore list, side-by-side
 * diff, accept, report download), and bad input: an endless rule stopped by the time limit, a cancelled
 * run, a rule reading a URL refused, and the app working on afterwards; an output with a 12 MB attachment
 * shown and checked. No request leaves the page.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, outputNow, ROOT, stopServer, type App } from './harness.ts';

const GM = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
const NAME = `/{${GM}}Gewerbemeldung/{${GM}}Betrieb/{${GM}}Name`;
const PROJECT_TEXT = readFileSync(join(ROOT, 'samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json'), 'utf8');
const project = JSON.parse(PROJECT_TEXT) as {
  id: string;
  name: string;
  flows: { id: string; mapping: { rules: { id: string; target: string; value?: unknown }[] } }[];
};
const a1Rules = project.flows.find((f) => f.id === 'a1-gewerberegister')!.mapping.rules;
const NAME_RULE = a1Rules.find((r) => r.target === NAME)!.id;
const tmp = mkdtempSync(join(tmpdir(), 'rw-run-e2e-'));
const MSG1 = readFileSync(join(ROOT, 'samples/gewerbeanmeldung/messages/gewerbeanmeldung-01-einzelunternehmen.xml'), 'utf8');

const row = (path: string) => `.tree-target [data-path="${path}"]`;


/** The text Monaco shows in an editor (its rendered lines). */
async function editorText(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
}

/** Writes a copy of the sample project under another id and name, changed by `edit`; returns its file. */
function projectVariant(id: string, name: string, edit: (p: typeof project, a1: (typeof project)['flows'][number]) => void): string {
  const p = JSON.parse(PROJECT_TEXT) as typeof project;
  p.id = id;
  p.name = name;
  edit(p, p.flows.find((f) => f.id === 'a1-gewerberegister')!);
  const file = join(tmp, `${id}.regelwerk.json`);
  writeFileSync(file, JSON.stringify(p));
  return file;
}

async function openFlow(page: Page, flowId: string): Promise<void> {
  await page.locator(`[data-flow="${flowId}"]`).first().click();
  await page.locator('#tab-output').waitFor();
}

describe('run, validate and test rules in Chromium', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp();
    await app.page.locator('[data-flow="a1-gewerberegister"]').first().waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  it('shows the output by itself, validates it against the target XSD and traces a node to its mapping', async () => {
    const { page } = app;
    await openFlow(page, 'a1-gewerberegister');
    await page.locator('#tab-output').click();
    // Live preview: no Run click needed.
    await expect.poll(() => outputNow(page), { timeout: 90_000 }).toContain('<Name>Fahrradwerkstatt Böhme</Name>');
    // As the hand-written rule writes it: the target namespace once, as the default namespace.
    expect(await outputNow(page)).toContain('<Gewerbemeldung xmlns="http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2" version="1.2">');
    expect(await page.getByTestId('run-time').textContent()).toMatch(/Ausgabe nach \d+ ms \(Transformation \d+ ms\)/);
    await expect.poll(() => page.getByTestId('validation').getAttribute('data-status'), { timeout: 60_000 }).toBe('valid');
    expect(await page.getByTestId('validation').textContent()).toContain('Gültig gegen das Zielschema');

    // Trace: click the company name in the output; its mapping becomes the mapper's selection.
    await page.getByTestId('output-editor').locator('.view-line span span', { hasText: 'Fahrradwerkstatt' }).first().click();
    await expect.poll(() => page.getByTestId('trace-status').textContent(), { timeout: 60_000 }).toContain(`Erzeugt von Zuordnung ${NAME_RULE}`);
    await expect.poll(() => page.locator(row(NAME)).getAttribute('aria-selected')).toBe('true');
    // An attribute with its own mapping.
    await page.getByTestId('output-editor').locator('.view-line span span', { hasText: /^istHaupttaetigkeit$/ }).first().click();
    const attrRule = a1Rules.find((r) => r.target.endsWith('/@istHaupttaetigkeit'))!.id;
    await expect.poll(() => page.getByTestId('trace-status').textContent()).toContain(`Zuordnung ${attrRule}`);
  });

  it('updates the output after a mapping edit, marks schema errors in the output, and recovers on undo', async () => {
    const { page } = app;
    await page.locator(row(NAME)).click();
    await page.locator(row(NAME)).press('Delete');
    // The new output arrives without pressing Run; Name is required by the vendor XSD.
    await expect.poll(async () => (await outputNow(page)).includes('<Rechtsform>') && !(await outputNow(page)).includes('<Name>'), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('validation').getAttribute('data-status'), { timeout: 60_000 }).toBe('invalid');
    const issues = (await page.getByTestId('output-issues').textContent()) ?? '';
    const line = (await outputNow(page)).split('\n').findIndex((l) => l.includes('<Rechtsform>')) + 1;
    expect(issues).toContain(`Zeile ${line}`);
    // libxml2's finding, in German: Rechtsform came where Name was expected.
    expect(issues).toContain('Element Rechtsform: Dieses Element ist hier nicht erwartet. Erwartet wird Name.');
    // A located marker in the output editor.
    await expect.poll(() => page.getByTestId('output-editor').locator('.squiggly-error').count()).toBeGreaterThan(0);

    await page.keyboard.press('Control+z');
    await expect.poll(() => outputNow(page), { timeout: 60_000 }).toContain('<Name>Fahrradwerkstatt Böhme</Name>');
    await expect.poll(() => page.getByTestId('validation').getAttribute('data-status'), { timeout: 60_000 }).toBe('valid');
  });

  it('manages sample messages: skeleton, paste with located errors, upload, edit, rename, delete', async () => {
    const { page } = app;
    await page.locator('#tab-samples').click();
    await expect.poll(() => page.getByTestId('sample-status').textContent(), { timeout: 30_000 }).toContain('passt zur Struktur des Quellschemas');

    // A skeleton from the source schema tree: every required field once, placeholder values.
    await page.getByTestId('sample-skeleton').click();
    await expect.poll(() => page.getByTestId('sample-list').locator('option:checked').textContent()).toBe('Gerüst serviceportal-fields');
    await expect.poll(() => page.getByTestId('sample-status').textContent(), { timeout: 30_000 }).toContain('wohlgeformt, passt zur Struktur des Quellschemas');
    expect(await editorText(page, 'sample-editor')).toContain('<instance_1>');
    // The live preview runs on it.
    await page.locator('#tab-output').click();
    await expect.poll(() => outputNow(page), { timeout: 60_000 }).toContain('<Vorgangsnummer>antragsId</Vorgangsnummer>');

    // Pasting a broken message: located messages in the sample editor, and the run says where.
    await page.locator('#tab-samples').click();
    await page.getByTestId('sample-paste').click();
    await page.getByTestId('sample-paste-text').fill('<serviceportal-fields>\n  <antragsmetadaten>\n</serviceportal-fields>\n');
    await page.getByTestId('sample-paste-add').click();
    await expect.poll(() => page.getByTestId('sample-status').textContent(), { timeout: 30_000 }).toContain('nicht wohlgeformt');
    expect(await page.getByTestId('sample-issues').textContent()).toMatch(/Zeile 3/);
    await expect.poll(() => page.getByTestId('sample-editor').locator('.squiggly-error').count()).toBeGreaterThan(0);
    await page.locator('#tab-output').click();
    await expect.poll(() => page.getByTestId('run-error').getAttribute('data-kind'), { timeout: 60_000 }).toBe('input');
    expect(await page.getByTestId('run-error').textContent()).toMatch(/Beispielnachricht, Zeile 3/);
    await page.getByTestId('run-error').getByRole('button').click();
    await page.getByTestId('sample-editor').waitFor();

    // Editing in Monaco: replace the text, the check follows, the edit is saved into the project.
    await page.getByTestId('sample-editor').locator('.view-lines').click();
    await page.keyboard.press('Control+a');
    // Shift+Ctrl+End, Delete drops the '>' Monaco auto-closes after the first '<'.
    await page.keyboard.insertText(MSG1.replace(/^<\?xml[^>]*>\s*/, '').replace('Fahrradwerkstatt Böhme', 'Eigenbau'));
    await page.keyboard.press('Shift+Control+End');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('sample-status').textContent(), { timeout: 30_000 }).toMatch(/gespeichert · ✓ wohlgeformt/);
    await page.locator('#tab-output').click();
    await expect.poll(() => outputNow(page), { timeout: 60_000 }).toContain('<Name>Eigenbau</Name>');

    // Upload of an ISO-8859-1 file with an element the source schema does not know.
    const file = join(tmp, 'umlaute.xml');
    writeFileSync(file, Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>\n<serviceportal-fields>\n  <gruss>Grüße aus Löbau</gruss>\n</serviceportal-fields>\n', 'latin1'));
    await page.locator('#tab-samples').click();
    await page.getByTestId('sample-upload').setInputFiles(file);
    await expect.poll(() => page.getByTestId('sample-list').locator('option:checked').textContent()).toBe('umlaute.xml');
    await expect.poll(() => editorText(page, 'sample-editor')).toContain('Grüße aus Löbau');
    await expect.poll(() => page.getByTestId('sample-status').textContent(), { timeout: 30_000 }).toContain('1 Abweichungen von der Struktur');
    expect(await page.getByTestId('sample-issues').textContent()).toMatch(/Zeile 3 .*gruss/);

    // Rename, then delete it again.
    await page.getByTestId('sample-rename').click();
    await page.getByTestId('sample-name').fill('Grüße');
    await page.getByTestId('sample-name').press('Enter');
    await expect.poll(() => page.getByTestId('sample-list').locator('option:checked').textContent()).toBe('Grüße');
    const before = await page.getByTestId('sample-list').locator('option').count();
    await page.getByTestId('sample-remove').click();
    await page.getByTestId('sample-confirm-remove').click();
    await expect.poll(() => page.getByTestId('sample-list').locator('option').count()).toBe(before - 1);
    expect(await page.getByTestId('sample-list').locator('option', { hasText: 'Grüße' }).count()).toBe(0);
  });

  it('runs all tests with progress, makes a test from the output, compares side by side, accepts, reports', async () => {
    const { page } = app;
    await page.getByTestId('sample-select').selectOption({ label: 'gewerbeanmeldung-02-gmbh.xml' });
    await page.locator('#tab-tests').click();
    await page.getByTestId('run-all-tests').click();
    await expect.poll(() => page.getByTestId('tests-progress-text').textContent(), { timeout: 120_000 }).toMatch(/6 von 6 Tests · 6 bestanden, 0 fehlgeschlagen/);

    // The printable report, downloaded: results, rule versions and checksums.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report').click()]);
    const html = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^testbericht-.*\.html$/);
    expect(html).toContain('6 bestanden, 0 fehlgeschlagen');
    expect(html).toContain('Gewerbeanmeldung an Gewerbefachverfahren');
    expect(html.match(/<code>[0-9a-f]{16}<\/code>/g)?.length).toBe(2);

    // A new test case from the current output (sample 02).
    await page.locator('#tab-output').click();
    await expect.poll(() => outputNow(page), { timeout: 60_000 }).toContain('Elbflorenz');
    await page.locator('#tab-tests').click();
    await page.getByTestId('new-test').click();
    const item = page.locator('li[data-test="test-04"]');
    await item.waitFor();
    await item.getByTestId('run-test').click();
    await expect.poll(() => item.getAttribute('class'), { timeout: 60_000 }).toContain('pass');

    // Another input makes it fail; the diff shows expected left, actual right.
    await item.getByRole('combobox', { name: 'Eingabe' }).selectOption({ label: 'gewerbeanmeldung-01-einzelunternehmen.xml' });
    await item.getByTestId('run-test').click();
    await expect.poll(() => item.getAttribute('class'), { timeout: 60_000 }).toContain('fail');
    expect(await item.getByTestId('test-details').textContent()).toMatch(/Name/);
    await item.getByTestId('diff-test').click();
    const diff = page.getByTestId('diff-editor');
    await expect.poll(() => diff.locator('.editor.original .view-lines').innerText().catch(() => ''), { timeout: 30_000 }).toContain('Elbflorenz');
    expect(await diff.locator('.editor.modified .view-lines').innerText()).toContain('Fahrradwerkstatt');

    // The ignore list takes the name out of the comparison.
    await item.locator('summary').click();
    await item.getByTestId('test-ignore').fill('Betrieb/Name');
    await item.getByTestId('run-test').focus(); // blur commits the list
    await item.getByTestId('run-test').click();
    await expect.poll(async () => (await item.getByTestId('test-details').textContent()) ?? '', { timeout: 60_000 }).not.toMatch(/\/Name:/);
    expect(await item.getAttribute('class')).toContain('fail');

    // Accept the current output as expected: the test passes.
    await item.getByTestId('accept-test').click();
    await expect.poll(() => item.getAttribute('class'), { timeout: 60_000 }).toContain('pass');
    await item.getByTestId('remove-test').click();
    await item.getByTestId('confirm-remove-test').click();
    await expect.poll(() => page.locator('li[data-test]').count()).toBe(3);
    expect(app.foreignRequests).toEqual([]);
  });

  it('stops an endless rule at the time limit, cancels on request, refuses URL access, and keeps working', async () => {
    const { page } = app;
    const file = projectVariant('boese-regeln', 'Böse Regeln', (bad, a1) => {
      // Loops over 10^10 numbers; depends on the document, so no compiler can fold it away.
      a1.mapping.rules.find((r) => r.target === NAME)!.value = { kind: 'xpath', text: 'let $n := count(/*) return count((1 to 9999999999)[. = $n + 9999999999])' };
      const dms = bad.flows.find((f) => f.id === 'dms-vorgang')!;
      const dmsTarget = dms.mapping.rules.find((r) => r.value && (r.value as { kind: string }).kind === 'source')!;
      dmsTarget.value = { kind: 'xpath', text: "string(doc('http://example.org/geheim.xml')/*)" };
    });
    // A short time limit (a setting of this browser, kept across projects), then the project.
    await page.getByTestId('time-limit').fill('2');
    const t0 = Date.now();
    await page.getByTestId('open-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('project-select').inputValue(), { timeout: 30_000 }).toBe('boese-regeln');
    await openFlow(page, 'a1-gewerberegister');
    await page.locator('#tab-output').click();
    await expect.poll(() => page.getByTestId('run-error').getAttribute('data-kind').catch(() => null), { timeout: 60_000 }).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(await page.getByTestId('run-error').textContent()).toMatch(/Zeitlimit überschritten.*2000 ms/);

    // The UI stays responsive while a rule runs; Cancel stops it at once.
    await page.getByTestId('time-limit').fill('120');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('cancel-run').isEnabled()).toBe(true);
    await page.locator('#tab-xslt').click();
    await page.locator('#tab-output').click();
    const t1 = Date.now();
    await page.getByTestId('cancel-run').click();
    await expect.poll(() => page.getByTestId('run-error').getAttribute('data-kind').catch(() => null), { timeout: 10_000 }).toBe('cancelled');
    expect(Date.now() - t1).toBeLessThan(5_000);

    // Removing the endless mapping: the replaced worker runs the good rule.
    await page.locator(row(NAME)).click();
    await page.locator(row(NAME)).press('Delete');
    await expect.poll(() => outputNow(page), { timeout: 90_000 }).toContain('<Rechtsform>');
    // Undo brings the endless mapping back and the live preview runs it: the output on screen stays, and
    // is dimmed as outdated once the run takes longer than the last one did (at most after 1 s).
    expect(await page.locator('.output-editor.stale').count()).toBe(0);
    await page.getByRole('button', { name: /Rückgängig/ }).click();
    await expect.poll(() => page.getByTestId('run-running').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('.output-editor.stale').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('cancel-run').click();
    await expect.poll(() => page.getByTestId('run-error').getAttribute('data-kind').catch(() => null), { timeout: 10_000 }).toBe('cancelled');
    await page.getByRole('button', { name: /Wiederholen/ }).click();
    await expect.poll(() => outputNow(page), { timeout: 90_000 }).toContain('<Rechtsform>');
    expect(await page.locator('.output-editor.stale').count()).toBe(0);

    // A rule that reads a URL is refused and reported; nothing is fetched.
    await openFlow(page, 'dms-vorgang');
    await page.locator('#tab-output').click();
    await expect
      .poll(
        async () => {
          const diags = (await page.locator('.diagnostics').textContent()) ?? '';
          const kind = await page.getByTestId('run-error').getAttribute('data-kind').catch(() => null);
          return /doc\(\) ist in Regeln nicht erlaubt/.test(diags) || kind === 'sandbox';
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    await expect.poll(() => outputNow(page), { timeout: 60_000 }).toContain('FVDaten.SGOAblegen.0605');
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('shows and checks an output with a 12 MB attachment (libxml2 refuses such text nodes by default)', async () => {
    const { page } = app;
    const INHALT = `/{${GM}}Gewerbemeldung/{${GM}}Anlagen/{${GM}}Anlage/{${GM}}Inhalt`;
    const file = projectVariant('grosse-anlage', 'Große Anlage', (_, a1) => {
      // A valid base64 value of 12,000,000 characters, as a scanned attachment of ~9 MB would be.
      a1.mapping.rules.find((r) => r.target === INHALT)!.value = { kind: 'xpath', text: "string-join(for $i in 1 to 3000000 return 'QUJD', '')" };
    });
    await page.getByTestId('open-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('project-select').inputValue(), { timeout: 30_000 }).toBe('grosse-anlage');
    await openFlow(page, 'a1-gewerberegister');
    await page.locator('#tab-output').click();
    // Building the value takes SaxonJS a few seconds on a slow machine: room beyond the default 10 s.
    await page.getByTestId('time-limit').fill('60');
    await expect.poll(() => page.getByTestId('validation').getAttribute('data-status').catch(() => null), { timeout: 90_000 }).toBe('valid');
    expect(await page.getByTestId('validation').textContent()).toContain('Gültig gegen das Zielschema');
    const out = await outputNow(page);
    expect(out.length).toBeGreaterThan(12_000_000);
    expect(out).toContain(`<Inhalt>${'QUJD'.repeat(1000)}`);
    // The app still answers: another tab and back.
    await page.locator('#tab-xslt').click();
    await page.locator('#tab-output').click();
    await expect.poll(() => page.getByTestId('validation').getAttribute('data-status'), { timeout: 30_000 }).toBe('valid');
    expect(app.pageErrors).toEqual([]);
  });
});
