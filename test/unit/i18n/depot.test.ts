/**
 * The rule depot in the chosen language: a tampered package refused on import and failed on
 * verification, a file that is no ZIP, a foreign manifest, publishing without a token, the changelog;
 * and the package itself does not depend on the language it was built in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changelog, formatChangelog } from '../../../src/core/depot/changelog.ts';
import { publishPackage } from '../../../src/core/depot/publish.ts';
import { importDepotPackage } from '../../../src/core/depot/read.ts';
import { verifyDepotPackage } from '../../../src/core/depot/verify.ts';
import { setMessageLang } from '../../../src/core/i18n.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { alter, build, disposeSefCompiler, rezip, sefCompiler, textOf, unzip } from '../depot/helpers.ts';
import { resetLangEachTest } from './helpers.ts';

resetLangEachTest();
const engine = createNodeEngine();
afterAll(() => {
  engine.dispose();
  disposeSefCompiler();
});

let pkg: Awaited<ReturnType<typeof build>>;
let tampered: Uint8Array;
beforeAll(async () => {
  pkg = await build('1.0.0');
  // One changed word in a rule, the manifest left as it was: the checksum no longer matches.
  tampered = await alter(pkg.bytes, { 'rules/dms-vorgang.xsl': textOf(pkg.bytes, 'rules/dms-vorgang.xsl').replace('Gewerbebehörde', 'Gewerbeamt') });
}, 120_000);

describe('a tampered package', () => {
  it('is refused on import with a German reason by default', async () => {
    const r = await importDepotPackage(tampered);
    expect(r).toMatchObject({ ok: false, code: 'depot.checksum' });
    if (r.ok) return;
    expect(r.message).toMatch(/^Prüfsummen stimmen nicht: rules\/dms-vorgang\.xsl: SHA-256 stimmt nicht \(Manifest [0-9a-f]{12}…, Datei [0-9a-f]{12}…\).* Abgelehnt, nichts übernommen\.$/);
  });

  it('is refused on import with an English reason', async () => {
    setMessageLang('en');
    const r = await importDepotPackage(tampered);
    expect(r).toMatchObject({ ok: false, code: 'depot.checksum' });
    if (r.ok) return;
    expect(r.message).toMatch(/^Checksums do not match: rules\/dms-vorgang\.xsl: SHA-256 does not match \(manifest [0-9a-f]{12}…, file [0-9a-f]{12}…\).* Refused, nothing taken over\.$/);
  });

  it('fails verification with English messages', async () => {
    setMessageLang('en');
    const r = await verifyDepotPackage(tampered, { engine, sef: sefCompiler() });
    const failed = r.checks.filter((c) => !c.ok);
    expect(failed).toContainEqual(expect.objectContaining({ kind: 'checksum', subject: 'rules/dms-vorgang.xsl', message: expect.stringMatching(/^SHA-256 does not match/) }));
    expect(failed).toContainEqual({ kind: 'compile', subject: 'rules/dms-vorgang.xsl', ok: false, message: 'wrong checksum: not compiled' });
    expect(failed).toContainEqual({ kind: 'test', subject: 'dms-vorgang/test-01', ok: false, message: 'no rule for flow dms-vorgang' });
    expect(r.checks[0]).toMatchObject({ kind: 'package', ok: true, message: expect.stringMatching(/^\d+ rules, \d+ tests, \d+ files$/) });
  }, 120_000);
});

describe('other broken input', () => {
  it('words a file that is no ZIP and a foreign manifest in the chosen language', async () => {
    const notZip = new TextEncoder().encode('kein Archiv');
    const foreign = rezip({ 'manifest.json': new TextEncoder().encode('{"format":"regelwerk-regeldepot/1","packageId":""}') });
    expect(await importDepotPackage(notZip)).toMatchObject({ code: 'depot.not-zip', message: 'Die Datei ist kein ZIP-Archiv (kein Inhaltsverzeichnis am Ende gefunden).' });
    expect((await importDepotPackage(foreign)) as { message: string }).toMatchObject({ code: 'depot.bad-manifest', message: expect.stringMatching(/^manifest\.json: packageId: /) });
    setMessageLang('en');
    expect(await importDepotPackage(notZip)).toMatchObject({ code: 'depot.not-zip', message: 'The file is not a ZIP archive (no central directory found at its end).' });
    expect(await importDepotPackage(foreign)).toMatchObject({ code: 'depot.bad-manifest', message: 'manifest.json: packageId: Too small: expected string to have >=1 characters' });
  });

  it('words a publish without token and the changelog in the chosen language', async () => {
    const target = { url: 'https://depot.invalid/regeln' };
    const noFetch = (() => Promise.reject(new Error('no network in this test'))) as typeof fetch;
    const publishable = { bytes: pkg.bytes, sha256: pkg.sha256, packageId: pkg.manifest.packageId, version: pkg.manifest.version };
    expect(await publishPackage(target, publishable, noFetch)).toMatchObject({ ok: false, kind: 'config', message: 'Kein Token angegeben.' });
    const next = { ...pkg.manifest, version: '1.1.0', rules: pkg.manifest.rules.slice(1) };
    expect(formatChangelog(changelog(pkg.manifest, next))).toContain('Entfernte Regeln (1)');
    setMessageLang('en');
    expect(await publishPackage(target, publishable, noFetch)).toMatchObject({ ok: false, kind: 'config', message: 'No token given.' });
    const log = formatChangelog(changelog(pkg.manifest, next));
    expect(log).toContain('Changes gewerbeanmeldung 1.0.0 → gewerbeanmeldung 1.1.0');
    expect(log).toContain('Removed rules (1)');
    expect(log).toContain(`Unchanged: ${next.rules.length}`);
  });
});

describe('the package itself', () => {
  it('is byte-identical whichever language it was built in (README.txt stays German)', async () => {
    setMessageLang('en');
    const en = await build('1.0.0');
    expect(en.sha256).toBe(pkg.sha256);
    expect(new TextDecoder().decode(unzip(en.bytes)['README.txt'])).toContain('Regeldepot-Paket gewerbeanmeldung 1.0.0');
  }, 120_000);
});
