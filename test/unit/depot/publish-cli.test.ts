/**
 * Publishing to a depot over HTTP (a real local server: accepted, refused, conflict, timeout,
 * unreachable, misconfigured) and the CLI: `regelwerk export` and `regelwerk verify`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import type { CliIo } from '../../../src/cli/io.ts';
import { publishPackage, publishUrl } from '../../../src/core/depot/publish.ts';
import { SAMPLE_FILE, ROOT } from '../orgs/helpers.ts';
import { alter, textOf } from './helpers.ts';
import { startTestDepot, type TestDepot } from './depot-server.ts';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(s: string) {
      io.stdout += s.endsWith('\n') ? s : s + '\n';
    },
    err(s: string) {
      io.stderr += s.endsWith('\n') ? s : s + '\n';
    },
    readFile: (p: string) => readFileSync(p, 'utf8'),
    writeFile: (p: string, c: string) => writeFileSync(p, c),
    mkdir() {},
  };
  return io;
}

const lastLine = (s: string) => s.trim().split('\n').pop();
const dir = mkdtempSync(join(tmpdir(), 'rw-depot-cli-'));
const out1 = join(dir, 'p1.zip');
let depot: TestDepot;

beforeAll(async () => {
  depot = await startTestDepot('geheim');
});
afterAll(() => depot.close());

describe('regelwerk export / verify', () => {
  it('export writes the package; the same project and version give the same bytes', async () => {
    const io = capture();
    expect(await main(['export', SAMPLE_FILE, '--out', out1, '--version', '1.0.0'], io)).toBe(0);
    expect(io.stdout.split('\n')[0]).toBe(out1);
    expect(io.stdout).toMatch(/Paket gewerbeanmeldung 1\.0\.0 \(1980-01-01T00:00:00\.000Z\): 8 Regeln, 6 Tests, 46 Dateien/);
    expect(io.stderr).toContain('ist im Projekt nicht als Release vermerkt');
    const out2 = join(dir, 'p2.zip');
    expect(await main(['export', SAMPLE_FILE, '--out', out2, '--version', '1.0.0'], capture())).toBe(0);
    expect(readFileSync(out2).equals(readFileSync(out1))).toBe(true);
  });

  it('export refuses bad arguments and a broken project', async () => {
    const io = capture();
    expect(await main(['export', SAMPLE_FILE], io)).toBe(2);
    expect(io.stderr).toContain('Option --out DATEI fehlt.');
    const io2 = capture();
    expect(await main(['export', SAMPLE_FILE, '--out', join(dir, 'x.zip'), '--version', 'eins'], io2)).toBe(1);
    expect(io2.stderr).toContain('Version "eins" ist keine semantische Version');
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"formatVersion": 1, "id": ');
    const io3 = capture();
    expect(await main(['export', broken, '--out', join(dir, 'y.zip')], io3)).toBe(1);
    expect(io3.stderr).toMatch(/broken\.json:1:\d+: error: Die Datei ist kein gültiges JSON/);
  });

  it('verify passes a good package: last line "N passed, 0 failed", exit 0 (through the real binary)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'src/cli/regelwerk.js'), 'verify', out1], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(lastLine(r.stdout)).toBe('54 passed, 0 failed');
    expect(r.stdout).toContain('OK    Test       dms-vorgang/test-03');
  });

  it('verify fails a tampered package and a zip bomb with exit 1 and says why', async () => {
    const bytes = readFileSync(out1);
    const bad = join(dir, 'bad.zip');
    writeFileSync(bad, await alter(bytes, { 'tests/dms-vorgang/expected/test-02.xml': textOf(bytes, 'tests/dms-vorgang/expected/test-02.xml').replace('0605', '0606') }));
    const io = capture();
    expect(await main(['verify', bad], io)).toBe(1);
    expect(lastLine(io.stdout)).toBe('52 passed, 2 failed');
    expect(io.stdout).toMatch(/FAIL  Prüfsumme  tests\/dms-vorgang\/expected\/test-02\.xml  SHA-256 stimmt nicht/);

    const bomb = join(dir, 'bomb.zip');
    const { zipSync } = await import('fflate');
    writeFileSync(bomb, zipSync({ 'manifest.json': new Uint8Array(100 * 1024 * 1024) }));
    const io2 = capture();
    expect(await main(['verify', bomb], io2)).toBe(1);
    expect(io2.stderr).toMatch(/würde 100\.0 MiB entpacken/);
    expect(lastLine(io2.stdout)).toBe('0 passed, 1 failed');

    const io3 = capture();
    expect(await main(['verify', join(dir, 'gibt-es-nicht.zip')], io3)).toBe(1);
    expect(io3.stderr).toContain('Datei nicht gefunden');
  });
});

describe('publishing', () => {
  const pkg = () => ({ bytes: new Uint8Array(readFileSync(out1)), packageId: 'gewerbeanmeldung', version: '1.0.0', sha256: '' });

  it('PUTs the package with the token header; the same bytes again are fine', async () => {
    const p = pkg();
    const { createHash } = await import('node:crypto');
    p.sha256 = createHash('sha256').update(p.bytes).digest('hex');
    const r = await publishPackage({ url: depot.url, token: 'geheim' }, p);
    expect(r).toEqual({ ok: true, status: 201, url: `${depot.url}/gewerbeanmeldung/1.0.0`, message: 'Veröffentlicht: gewerbeanmeldung 1.0.0 (HTTP 201).' });
    expect(depot.stored.get('gewerbeanmeldung/1.0.0')?.equals(Buffer.from(p.bytes))).toBe(true);
    expect(depot.requests.at(-1)).toMatchObject({ method: 'PUT', token: 'geheim', sha256Header: p.sha256, bytes: p.bytes.length });
    expect((await publishPackage({ url: depot.url, token: 'geheim' }, p)).ok).toBe(true);
  });

  it('says clearly: refused token, version conflict, timeout, unreachable, bad address', async () => {
    const p = { ...pkg(), sha256: '' };
    expect(await publishPackage({ url: depot.url, token: 'falsch' }, p)).toMatchObject({ ok: false, kind: 'refused', status: 401, message: expect.stringContaining('verweigert') });
    const other = { ...p, bytes: new Uint8Array([1, 2, 3]) };
    const conflict = await publishPackage({ url: depot.url, token: 'geheim' }, other);
    expect(conflict).toMatchObject({ ok: false, kind: 'conflict', status: 409 });
    expect(!conflict.ok && conflict.message).toContain('gewerbeanmeldung 1.0.0 liegt im Depot schon');
    const t0 = Date.now();
    const slow = await publishPackage({ url: `${depot.origin}/slow`, token: 'geheim', timeoutMs: 300 }, p);
    expect(slow).toMatchObject({ ok: false, kind: 'timeout', message: expect.stringContaining('nicht innerhalb von 0 s') });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(await publishPackage({ url: 'http://127.0.0.1:1/depot', token: 'geheim' }, p)).toMatchObject({ ok: false, kind: 'network' });
    expect(await publishPackage({ url: 'ftp://depot', token: 'geheim' }, p)).toMatchObject({ ok: false, kind: 'config' });
    expect(await publishPackage({ url: depot.url, token: '' }, p)).toMatchObject({ ok: false, kind: 'config', message: 'Kein Token angegeben.' });
    expect(await publishPackage({ url: depot.url, token: 'x', tokenHeader: 'Mein Header' }, p)).toMatchObject({ ok: false, kind: 'config' });
  });

  it('builds the address from a template or by appending package and version', () => {
    expect(publishUrl('https://d.example/regeln/', 'pkg', '1.2.3')).toBe('https://d.example/regeln/pkg/1.2.3');
    expect(publishUrl('https://d.example/{package}-{version}.zip', 'pkg', '1.2.3+b1')).toBe('https://d.example/pkg-1.2.3%2Bb1.zip');
  });
});
