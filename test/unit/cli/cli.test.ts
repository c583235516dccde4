/** The `regelwerk` command, called in-process with a captured io and through the real binary. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import type { CliIo } from '../../../src/cli/io.ts';
import { compareXml } from '../../../src/core/runner/xml-compare.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const PROJECT = join(ROOT, 'samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json');
const MSG1 = join(ROOT, 'samples/gewerbeanmeldung/messages/gewerbeanmeldung-01-einzelunternehmen.xml');

function capture(files: Record<string, string> = {}): CliIo & { stdout: string; stderr: string; written: Record<string, string> } {
  const io = {
    stdout: '',
    stderr: '',
    written: {} as Record<string, string>,
    out(s: string) {
      io.stdout += s.endsWith('\n') ? s : s + '\n';
    },
    err(s: string) {
      io.stderr += s.endsWith('\n') ? s : s + '\n';
    },
    readFile(p: string) {
      if (p in files) return files[p];
      return readFileSync(p, 'utf8');
    },
    writeFile(p: string, c: string) {
      io.written[p] = c;
    },
    mkdir() {},
  };
  return io;
}

describe('regelwerk CLI', () => {
  it('flows: one tab-separated line per flow', async () => {
    const io = capture();
    expect(await main(['flows', PROJECT], io)).toBe(0);
    const lines = io.stdout.trim().split('\n');
    expect(lines).toContain('a1-gewerberegister\tA1\tGewerbeanmeldung an Gewerbefachverfahren\tIntegrationsdienst / Datendrehscheibe\tGewerbefachverfahren');
    for (const l of lines) expect(l.split('\t')).toHaveLength(5);
  });

  it('compile: one .xsl per flow with a mapping target', async () => {
    const io = capture();
    expect(await main(['compile', PROJECT, '--flow', 'dms-vorgang', '--out', '/tmp/x'], io)).toBe(0);
    expect(Object.keys(io.written)).toEqual(['/tmp/x/dms-vorgang.xsl']);
    expect(io.written['/tmp/x/dms-vorgang.xsl']).toContain('<xsl:stylesheet version="3.0"');
  });

  it('run: prints the output message', async () => {
    const io = capture();
    expect(await main(['run', PROJECT, '--flow', 'a1-gewerberegister', '--input', MSG1], io)).toBe(0);
    const expected = readFileSync(join(ROOT, 'test/fixtures/handwritten/expected/a1-gewerberegister--gewerbeanmeldung-01-einzelunternehmen.xml'), 'utf8');
    expect(compareXml(expected, io.stdout)).toEqual({ equal: true });
  });

  it('run: a malformed input gives a located error on stderr and exit 1', async () => {
    const io = capture({ '/in.xml': '<serviceportal-fields>\n  <betrieb>\n</serviceportal-fields>' });
    expect(await main(['run', PROJECT, '--flow', 'a1-gewerberegister', '--input', '/in.xml'], io)).toBe(1);
    expect(io.stderr).toMatch(/Zeile 3/);
    expect(io.stdout).toBe('');
  });

  it('test: one line per test, closing "N passed, N failed"', async () => {
    const io = capture();
    expect(await main(['test', PROJECT], io)).toBe(0);
    const lines = io.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('6 passed, 0 failed');
    expect(lines.filter((l) => l.startsWith('PASS'))).toHaveLength(6);
  });

  it('test: a broken expectation fails with the difference and exit 1', async () => {
    const text = readFileSync(PROJECT, 'utf8').replace('<Name>Fahrradwerkstatt Böhme</Name>', '<Name>Falsch</Name>');
    const io = capture({ '/p.json': text });
    const code = await main(['test', '/p.json', '--flow', 'a1-gewerberegister'], io);
    expect(io.stdout.trim().split('\n').at(-1)).toMatch(/^\d+ passed, [1-9]\d* failed$/);
    expect(code).toBe(1);
  });

  it('refuses a foreign project file with a located message', async () => {
    const io = capture({ '/p.json': '{"name": "x"}' });
    expect(await main(['flows', '/p.json'], io)).toBe(1);
    expect(io.stderr).toMatch(/\/p\.json:1:1: error: .*formatVersion/);
  });

  it('unknown command and missing options: usage on stderr, exit 2', async () => {
    const io = capture();
    expect(await main(['zaubern'], io)).toBe(2);
    expect(io.stderr).toContain('Unbekannter Befehl');
    const io2 = capture();
    expect(await main(['run', PROJECT, '--flow', 'a1-gewerberegister'], io2)).toBe(2);
    expect(io2.stderr).toContain('--input');
  });

  it('an unknown option or a stray argument is a usage error, not ignored (a typo must not run every flow)', async () => {
    for (const argv of [
      ['compile', PROJECT, '--flwo', 'a1-gewerberegister'],
      ['test', PROJECT, '-f', 'a1-gewerberegister'],
      ['flows', PROJECT, '--verbose'],
      ['run', PROJECT, '--flow', 'a1-gewerberegister', '--input', 'x.xml', '--timeout', '5'],
    ]) {
      const io = capture();
      expect(await main(argv, io), argv.join(' ')).toBe(2);
      expect(io.stderr).toContain(`Unbekannte Option "${argv.find((a, i) => i > 1 && a.startsWith('-') && !['--flow', '--input'].includes(a))}".`);
      // Then the command's own help, not the whole command list.
      expect(io.stderr).toContain(`Aufruf: regelwerk ${argv[0]} `);
      expect(io.stdout).toBe('');
    }
    const io = capture();
    expect(await main(['flows', PROJECT, 'noch-eins.json'], io)).toBe(2);
    expect(io.stderr).toMatch(/^Unerwartetes Argument "noch-eins\.json"\.\n\nAufruf: regelwerk flows/);
  });

  it('works as the installed binary (npx regelwerk)', () => {
    const out = execFileSync('npx', ['--no-install', 'regelwerk', 'flows', PROJECT], { cwd: ROOT, encoding: 'utf8' });
    expect(out.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(3);
    const dir = mkdtempSync(join(tmpdir(), 'rw-cli-'));
    writeFileSync(join(dir, 'bad.json'), 'nicht json');
    const r = spawnSync('npx', ['--no-install', 'regelwerk', 'test', join(dir, 'bad.json')], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('kein gültiges JSON');
  });
});
