/**
 * The compiler's findings follow the UI language in Chromium. With the UI switched to English, a user
 * opens a project file whose Gewerberegister mapping has three problems: a rule for a target field the
 * target schema does not have (any more), a rule reading a variable that is not declared, and a rule
 * whose hand-written XPath `$nope` SaxonJS rejects (checked in the background). The findings list says
 * so in English; switched to German it says the same in German, and back in English again: a compile
 * (or XPath verdict) made in one language is never shown in the other.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, openProjectFile, ROOT, stopServer, type App } from './harness.ts';

const SHOTS = process.env.RW_SHOTS ?? join(ROOT, 'test-results');
const TMP = mkdtempSync(join(tmpdir(), 'rw-i18n-diag-'));
const FILE = join(TMP, 'diagnosen.regelwerk.json');
const PROJECT = 'i18n-diagnosen';
const FLOW = 'a1-gewerberegister';
const NS = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
const DANGLING = `/{${NS}}Gewerbemeldung/{${NS}}Gibtsnicht`;

/** The sample project under another id, with A1's mapping broken in three ways (see the module comment). */
function writeProject(): void {
  const p = JSON.parse(readFileSync(join(ROOT, 'samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json'), 'utf8'));
  p.id = PROJECT;
  p.name = 'Diagnosen (i18n)';
  const flow = p.flows.find((f: { id: string }) => f.id === FLOW);
  const rules: { id: string; target: string; value?: unknown }[] = flow.mapping.rules;
  const linked = rules.filter((r) => (r.value as { kind?: string } | undefined)?.kind === 'source');
  linked[0].value = { kind: 'var', name: 'nope' };
  linked[1].value = { kind: 'xpath', text: '$nope' };
  rules.push({ id: 'r900', target: DANGLING, value: { kind: 'const', value: 'x' } });
  writeFileSync(FILE, JSON.stringify(p, null, 2));
}

async function setLang(page: Page, lang: 'de' | 'en'): Promise<void> {
  await page.getByTestId('lang').selectOption(lang);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
}

/** The findings list under the mapper, one text per finding. */
const findings = (page: Page) => page.locator('section.diagnostics li').allTextContents();

const EN = [`Target field ${DANGLING} does not exist in the target schema (any more).`, 'Variable $nope is not declared.', 'XPath error in "$nope": '];
const DE = [`Zielfeld ${DANGLING} gibt es im Zielschema nicht (mehr).`, 'Variable $nope ist nicht deklariert.', 'XPath-Fehler in „$nope“: '];

/** Waits until every expected text is in the findings, then checks that none of the other language's is. */
async function expectFindings(page: Page, want: string[], not: string[]): Promise<string[]> {
  await expect
    .poll(async () => {
      const all = (await findings(page)).join('\n');
      return want.filter((w) => !all.includes(w));
    }, { timeout: 60_000 })
    .toEqual([]);
  const list = await findings(page);
  for (const n of not) expect(list.join('\n')).not.toContain(n);
  return list;
}

describe('compiler findings in the UI language', () => {
  let app: App;
  beforeAll(async () => {
    writeProject();
    app = await openApp();
  });
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  it('shows the findings of a broken mapping in English, in German after switching, and in English again', async () => {
    const { page } = app;
    await page.locator(`[data-flow="${FLOW}"]`).first().waitFor({ timeout: 30_000 });
    await setLang(page, 'en');
    await openProjectFile(app, FILE, PROJECT);
    await page.locator(`[data-flow="${FLOW}"]`).first().click();

    const en = await expectFindings(page, EN, DE);
    // The XPath finding carries SaxonJS's own reason after our words, on the rule it belongs to.
    expect(en.find((l) => l.includes('XPath error in'))).toMatch(/XPath error in "\$nope": .*nope.*\(rule:r\d+\) \[mapping\.xpath-syntax\]/);
    expect(en.find((l) => l.includes('Target field'))).toContain('[mapping.dangling-target]');
    // The severity word is in the UI language too.
    expect(en.find((l) => l.includes('Target field'))).toMatch(/^error: /);
    mkdirSync(SHOTS, { recursive: true });
    await page.locator('section.diagnostics').screenshot({ path: join(SHOTS, 'i18n-diagnostics-en.png') });
    await page.screenshot({ path: join(SHOTS, 'i18n-diagnostics-en-page.png') });

    await setLang(page, 'de');
    const de = await expectFindings(page, DE, EN);
    expect(de).toHaveLength(en.length);
    expect(de.find((l) => l.includes('Zielfeld'))).toMatch(/^Fehler: /);
    await page.locator('section.diagnostics').screenshot({ path: join(SHOTS, 'i18n-diagnostics-de.png') });

    // Back in English: made again in English, not the German compile from a moment ago.
    await setLang(page, 'en');
    expect(await expectFindings(page, EN, DE)).toEqual(en);
    expect(app.pageErrors).toEqual([]);
  });
});
