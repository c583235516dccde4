/**
 * SEF for the depot (compiled by the engine's host, checksum as SaxonJS verifies it, reproducible) and
 * the package ZIP (deterministic writing; reading that refuses unsafe paths, zip bombs and damage).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSef, finalizeSef, sefChecksum } from '../../../src/core/depot/sef.ts';
import { sha256HexSync } from '../../../src/core/depot/sha256.ts';
import { crc32, pathProblem, readZip, writeZip } from '../../../src/core/depot/zip.ts';
import { disposeSefCompiler, sefCompiler } from './helpers.ts';

const require = createRequire(import.meta.url);
const SaxonJS = require('saxon-js');
afterAll(disposeSefCompiler);

const XSL = `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xsl:param name="stelle" as="xs:string" select="'Gewerbeamt'"/>
  <xsl:template match="/"><out stelle="{$stelle}"><xsl:value-of select="count(//*)"/></out></xsl:template>
</xsl:stylesheet>`;

describe('SEF', () => {
  it('is compiled by the host, reproducible after finalizeSef, and loads in SaxonJS.transform with parameters', async () => {
    const a = await sefCompiler().compile(XSL);
    const b = await sefCompiler().compile(XSL);
    if (!a.ok || !b.ok) throw new Error('compile failed');
    // Raw host SEF: no checksum, so the public API refuses it.
    expect(() => SaxonJS.transform({ stylesheetText: a.sef, sourceText: '<a/>', destination: 'serialized' }, 'sync')).toThrow(/No checksum found in SEF/);
    const fa = finalizeSef(a.sef, '2026-05-01T10:00:00.000Z');
    expect(finalizeSef(b.sef, '2026-05-01T10:00:00.000Z')).toBe(fa);
    expect(JSON.parse(fa).buildDateTime).toBe('2026-05-01T10:00:00.000Z');
    expect(checkSef(fa)).toBeUndefined();
    const out = SaxonJS.transform({ stylesheetText: fa, sourceText: '<a><b/></a>', destination: 'serialized', stylesheetParams: { stelle: 'Ordnungsamt' } }, 'sync');
    expect(out.principalResult).toMatch(/<out [^>]*stelle="Ordnungsamt">2<\/out>/);
  });

  it('computes the checksum exactly as the xslt3 CLI writes it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-sef-'));
    writeFileSync(join(dir, 'a.xsl'), XSL);
    execFileSync(process.execPath, [require.resolve('xslt3/xslt3.js'), `-xsl:${join(dir, 'a.xsl')}`, `-export:${join(dir, 'a.sef.json')}`, '-nogo'], { stdio: 'pipe' });
    const sef = JSON.parse(readFileSync(join(dir, 'a.sef.json'), 'utf8'));
    expect(sefChecksum(sef)).toBe(sef['Σ']);
  });

  it('refuses tampered SEF and reports compile errors with their line; the sandbox refuses before compiling', async () => {
    const ok = await sefCompiler().compile(XSL);
    if (!ok.ok) throw new Error();
    const sef = finalizeSef(ok.sef, '2026-05-01T10:00:00.000Z');
    expect(checkSef(sef.replace('"Gewerbeamt"', '"Ordnungsamt"'))).toMatch(/SEF-Prüfsumme stimmt nicht/);
    expect(checkSef('{')).toMatch(/kein gültiges JSON/);
    const bad = await sefCompiler().compile(XSL.replace('count(//*)', 'count(//*'));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatchObject({ kind: 'compile', code: 'XPST0003', line: 3 });
    const evil = await sefCompiler().compile(XSL.replace('count(//*)', "unparsed-text('/etc/passwd')"));
    expect(!evil.ok && evil.error.kind).toBe('sandbox');
  });
});

const enc = new TextEncoder();

describe('SHA-256 without Web Crypto (plain http intranet servers)', () => {
  it('equals Node\'s digest for empty, short, block-boundary and large inputs', () => {
    for (const n of [0, 3, 55, 56, 63, 64, 65, 119, 1000, 100_000]) {
      const data = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 0xff);
      expect(sha256HexSync(data), `length ${n}`).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
});

describe('ZIP', () => {
  it('writes sorted entries with one fixed date, the same bytes every time, and reads them back', () => {
    const files = new Map([
      ['b/z.txt', enc.encode('zwei')],
      ['a.txt', enc.encode('eins')],
    ]);
    const z1 = writeZip(files);
    expect(writeZip(new Map([...files].reverse()))).toEqual(z1);
    const r = readZip(z1);
    expect(r.ok && [...r.files.keys()]).toEqual(['a.txt', 'b/z.txt']);
    // DOS date of 1980-01-01 00:00 in the first local header: time 0, date (0 << 9) | (1 << 5) | 1.
    const view = new DataView(z1.buffer, z1.byteOffset);
    expect(view.getUint16(10, true)).toBe(0);
    expect(view.getUint16(12, true)).toBe(33);
    expect(() => writeZip(new Map([['../x', enc.encode('')]]))).toThrow(/verlässt das Paket/);
  });

  it('knows which paths leave a package', () => {
    expect(pathProblem('rules/a.xsl')).toBeUndefined();
    for (const p of ['../a', 'rules/../../a', '/etc/passwd', 'C:/x', 'a\\b', 'a//b', './a', '']) expect(pathProblem(p), p).toBeDefined();
  });

  it('refuses "../" paths before unpacking anything', () => {
    const r = readZip(zipSync({ 'manifest.json': enc.encode('{}'), '../../evil.sh': enc.encode('rm -rf /') }));
    expect(r).toEqual({ ok: false, code: 'depot.unsafe-path', message: 'Unsicherer Pfad im Paket: "../../evil.sh" verlässt das Paket (..). Es wurde nichts entpackt.' });
  });

  it('refuses a zip bomb by its declared size, and one that lies about its size while inflating', () => {
    const zeros = new Uint8Array(40 * 1024 * 1024);
    const bomb = zipSync({ 'manifest.json': enc.encode('{}'), 'tests/big.xml': zeros });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const r = readZip(bomb);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe('depot.zip-bomb');
    expect(!r.ok && r.message).toMatch(/würde 40\.0 MiB entpacken, bei \d+\.\d KiB Archivgröße/);

    // Same bomb, but the central directory and local header claim 1000 bytes: caught while inflating.
    const liar = bomb.slice();
    const v = new DataView(liar.buffer);
    for (let i = liar.length - 22; i >= 0; i--) {
      if (v.getUint32(i, true) === 0x02014b50 && new TextDecoder().decode(liar.subarray(i + 46, i + 46 + v.getUint16(i + 28, true))) === 'tests/big.xml') {
        v.setUint32(i + 24, 1000, true);
        v.setUint32(v.getUint32(i + 42, true) + 22, 1000, true);
      }
    }
    const t0 = performance.now();
    const r2 = readZip(liar);
    expect(!r2.ok && r2.code).toBe('depot.zip-bomb');
    expect(!r2.ok && r2.message).toMatch(/"tests\/big\.xml" entpackt zu mehr als angegeben/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('refuses files that are no ZIP and damaged entries', () => {
    expect(readZip(enc.encode('kein zip'))).toMatchObject({ ok: false, code: 'depot.not-zip' });
    const z = zipSync({ 'a.txt': [enc.encode('hallo hallo hallo'), { level: 0 }] });
    const damaged = z.slice();
    damaged[30 + 'a.txt'.length] ^= 0xff;
    expect(readZip(damaged)).toMatchObject({ ok: false, code: 'depot.corrupt', message: '"a.txt" ist beschädigt (CRC-32 stimmt nicht).' });
    expect(crc32(enc.encode('123456789'))).toBe(0xcbf43926);
  });
});
