/**
 * The rule depot as a user works with it in Chromium: build a package, download it twice and get the
 * same bytes, verify it in the browser, publish it to a depot this test starts on 127.0.0.1 (accepted,
 * refused token, version conflict, timeout), see what changed, and import packages back (a tampered one
 * and one with a "../" path are refused and nothing is stored). The only requests leaving the app's
 * origin go to that depot.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { importDepotPackage } from '../../src/core/depot/read.ts';
import { alter, rezip, textOf, unzip } from '../unit/depot/helpers.ts';
import { startTestDepot, type TestDepot } from '../unit/depot/depot-server.ts';
import { openApp, stopServer, type App } from './harness.ts';

let app: App;
let depot: TestDepot;
let first: Buffer;

async function download(): Promise<Buffer> {
  const [dl] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('depot-download').click()]);
  expect(dl.suggestedFilename()).toBe('gewerbeanmeldung-2.0.0.regeldepot.zip');
  return readFileSync((await dl.path())!);
}

async function build(): Promise<void> {
  const { page } = app;
  await page.getByTestId('depot-build').click();
  await expect.poll(async () => (await page.getByTestId('depot-built').count()) > 0 && (await page.getByTestId('depot-build').isEnabled()), { timeout: 90_000 }).toBe(true);
}

async function publish(url: string, token: string, timeoutS = 30): Promise<{ kind: string | null; text: string }> {
  const { page } = app;
  await page.getByTestId('depot-url').fill(url);
  await page.getByTestId('depot-token').fill(token);
  await page.getByTestId('depot-timeout').fill(String(timeoutS));
  const result = page.getByTestId('depot-publish-result');
  await page.getByTestId('depot-publish').click();
  await expect.poll(async () => (await result.count()) > 0 && (await page.getByTestId('depot-publish').isEnabled()), { timeout: 60_000 }).toBe(true);
  return { kind: await result.getAttribute('data-kind'), text: (await result.textContent()) ?? '' };
}

async function projectNames(): Promise<string[]> {
  return app.page.getByTestId('project-select').locator('option').allTextContents();
}

beforeAll(async () => {
  depot = await startTestDepot('geheim');
  app = await openApp();
  await app.page.locator('[data-view="depot"]').click({ timeout: 30_000 });
  await app.page.getByTestId('depot-view').waitFor();
});

afterAll(async () => {
  await app?.close();
  await depot?.close();
  await stopServer();
});

describe('rule depot in Chromium', () => {
  it('builds a package, downloads it, and the same project and version give the same bytes', async () => {
    const { page } = app;
    await page.getByTestId('depot-version').fill('2.0');
    expect(await page.getByTestId('depot-version').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('depot-build').isDisabled()).toBe(true);
    await page.getByTestId('depot-version').fill('2.0.0');
    await build();
    expect(await page.getByTestId('depot-summary').textContent()).toBe('gewerbeanmeldung-2.0.0.regeldepot.zip: 8 Regeln, 6 Tests, 46 Dateien, 194 KiB');
    first = await download();
    const r = await importDepotPackage(new Uint8Array(first));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.manifest.version).toBe('2.0.0');
    // The creation time was recorded when 2.0.0 was first built, and is in the package's project.
    expect(r.manifest.createdAt).not.toBe('1980-01-01T00:00:00.000Z');
    expect(r.project.depot?.releases).toEqual([{ version: '2.0.0', createdAt: r.manifest.createdAt }]);
    expect(r.manifest.rules.map((x) => x.id)).toContain('dms-vorgang@dresden');
    expect(JSON.parse(textOf(first, 'rules/dms-vorgang.sef.json'))['Σ']).toMatch(/^[0-9a-f]+$/);

    await build();
    const second = await download();
    expect(second.equals(first)).toBe(true);
    expect(await page.getByTestId('depot-sha').textContent()).toBe(createHash('sha256').update(first).digest('hex'));
  });

  it('a package built in the browser passes `regelwerk verify` in Node (same SEF, same results)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rw-depot-e2e-')), 'paket.zip');
    writeFileSync(file, first);
    let stdout = '';
    const io = { out: (s: string) => void (stdout += s + '\n'), err: () => {}, readFile: (p: string) => readFileSync(p, 'utf8'), writeFile: () => {}, mkdir: () => {} };
    expect(await main(['verify', file], io)).toBe(0);
    expect(stdout.trim().split('\n').pop()).toBe('54 passed, 0 failed');
    expect(stdout).toContain('übersetzt, SEF identisch');
  });

  it('verifies the package in the browser', async () => {
    const { page } = app;
    await page.getByTestId('depot-verify').click();
    const summary = page.getByTestId('depot-verify-summary');
    await summary.waitFor({ timeout: 90_000 });
    expect(await summary.textContent()).toBe('✔ 54 passed, 0 failed');
  });

  it('publishes to the depot with the token header, and says clearly when it is refused or times out', async () => {
    const ok = await publish(depot.url, 'geheim');
    expect(ok).toEqual({ kind: 'ok', text: '✔ Veröffentlicht: gewerbeanmeldung 2.0.0 (HTTP 201).' });
    expect(depot.stored.get('gewerbeanmeldung/2.0.0')?.equals(first)).toBe(true);
    expect(depot.requests.filter((r) => r.method === 'PUT').at(-1)).toMatchObject({ url: '/depot/gewerbeanmeldung/2.0.0', token: 'geheim', bytes: first.length });

    const refused = await publish(depot.url, 'falsch');
    expect(refused.kind).toBe('refused');
    expect(refused.text).toBe('Abgelehnt: Das Depot verweigert die Annahme (HTTP 401): Token ungültig oder ohne Schreibrecht. Antwort: Token ungültig');

    const slow = await publish(`${depot.origin}/slow`, 'geheim', 1);
    expect(slow.kind).toBe('timeout');
    expect(slow.text).toContain('Zeitüberschreitung: Das Depot hat nicht innerhalb von 1 s geantwortet');
  });

  it('reports a version conflict when 2.0.0 is pushed again with other content, and what changed', async () => {
    const { page } = app;
    // Change an organisation value, then rebuild the same version.
    await page.locator('[data-view="orgs"]').click();
    await page.locator('[data-org="dresden"] button.linklike').click();
    await page.locator('[data-param="dms-vorgang:empfaenger-stelle"]').fill('Bürgerbüro Gewerbe');
    await page.getByTestId('org-save').click();
    await page.locator('[data-view="depot"]').click();
    await build();
    const conflict = await publish(depot.url, 'geheim');
    expect(conflict.kind).toBe('conflict');
    expect(conflict.text).toContain('Versionskonflikt: HTTP 409: gewerbeanmeldung 2.0.0 liegt im Depot schon, mit anderem Inhalt.');
    expect(depot.stored.get('gewerbeanmeldung/2.0.0')?.equals(first)).toBe(true);

    await page.getByTestId('depot-changes-file').setInputFiles({ name: 'alt.zip', mimeType: 'application/zip', buffer: first });
    await page.getByTestId('depot-changes').waitFor();
    expect(await page.getByTestId('depot-added').locator('li').count()).toBe(0);
    expect(await page.getByTestId('depot-removed').locator('li').count()).toBe(0);
    expect(await page.getByTestId('depot-changed').textContent()).toBe('dms-vorgang@dresdenParameter empfaenger-stelle: "Ordnungsamt – Gewerbeangelegenheiten" → "Bürgerbüro Gewerbe"');
  });

  it('imports a package back; a tampered one or one with "../" paths is refused and nothing is stored', async () => {
    const { page } = app;
    const before = await projectNames();
    const result = page.getByTestId('depot-import-result');

    const tampered = await alter(first, { 'rules/dms-vorgang.xsl': textOf(first, 'rules/dms-vorgang.xsl').replace('Gewerbebehörde', 'Gewerbeamt') });
    await page.getByTestId('depot-import-file').setInputFiles({ name: 'manipuliert.zip', mimeType: 'application/zip', buffer: Buffer.from(tampered) });
    await expect.poll(() => result.textContent()).toMatch(/^Paket abgelehnt: Prüfsummen stimmen nicht: rules\/dms-vorgang\.xsl: SHA-256 stimmt nicht/);
    expect(await result.textContent()).toContain('Es wurde nichts gespeichert.');

    const escaping = rezip({ ...unzip(first), '../../projekt.json': new TextEncoder().encode('{}') });
    await page.getByTestId('depot-import-file').setInputFiles({ name: 'pfad.zip', mimeType: 'application/zip', buffer: Buffer.from(escaping) });
    await expect.poll(() => result.textContent()).toContain('Unsicherer Pfad im Paket: "../../projekt.json" verlässt das Paket (..)');
    expect(await projectNames()).toEqual(before);

    const bomb = rezip({ ...unzip(first), 'tests/riesig.xml': new Uint8Array(64 * 1024 * 1024) });
    await page.getByTestId('depot-import-file').setInputFiles({ name: 'bombe.zip', mimeType: 'application/zip', buffer: Buffer.from(bomb) });
    await expect.poll(() => result.textContent()).toMatch(/^Paket abgelehnt: Das Paket würde 6\d\.\d MiB entpacken, bei \d+\.\d KiB Archivgröße/);
    expect(await projectNames()).toEqual(before);

    await page.getByTestId('depot-import-file').setInputFiles({ name: 'gut.zip', mimeType: 'application/zip', buffer: first });
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toBe('✔ Projekt „Gewerbeanmeldung (Beispiel)“ aus gut.zip geöffnet.');
    expect(await projectNames()).toContain('Gewerbeanmeldung (Beispiel) (importiert)');
    await page.screenshot({ path: '/tmp/regelwerk-depot.png', fullPage: true });
  });

  it('sent requests only to the depot it was told to use', () => {
    expect(app.foreignRequests.length).toBeGreaterThan(0);
    expect(app.foreignRequests.filter((u) => !u.startsWith(`${depot.origin}/`))).toEqual([]);
    expect(new Set(app.foreignRequests)).toEqual(new Set([`${depot.url}/gewerbeanmeldung/2.0.0`, `${depot.origin}/slow/gewerbeanmeldung/2.0.0`]));
    expect(app.pageErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
