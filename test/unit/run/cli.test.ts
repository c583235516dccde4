/** `regelwerk run` validates its output; `regelwerk transform` runs any XSLT in the sandbox. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io.ts';
import { main } from '../../../src/cli/main.ts';
import { applyOp } from '../../../src/core/model/ops.ts';
import { PROJECT_FILE, ROOT, sampleProject } from './helpers.ts';

const MSG1 = join(ROOT, 'samples/gewerbeanmeldung/messages/gewerbeanmeldung-01-einzelunternehmen.xml');
const GM = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
const dir = mkdtempSync(join(tmpdir(), 'rw-cli-run-'));

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (s: string) => void (io.stdout += s.endsWith('\n') ? s : s + '\n'),
    err: (s: string) => void (io.stderr += s.endsWith('\n') ? s : s + '\n'),
    readFile: (p: string) => readFileSync(p, 'utf8'),
    writeFile: () => {},
    mkdir: () => {},
  };
  return io;
}

function file(name: string, content: string): string {
  const f = join(dir, name);
  writeFileSync(f, content);
  return f;
}

const XSL = (body: string) => `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:template match="/">\n${body}\n</xsl:template>\n</xsl:stylesheet>\n`;

describe('regelwerk run validates its output against the target XSD', () => {
  it('exits 0 and is silent on stderr for a valid output', async () => {
    const io = capture();
    expect(await main(['run', PROJECT_FILE, '--flow', 'a1-gewerberegister', '--input', MSG1], io)).toBe(0);
    expect(io.stdout).toMatch(/<(\w+:)?Gewerbemeldung/);
    expect(io.stderr).toBe('');
  });

  it('prints the output, then the validation errors with their lines, and exits 1', async () => {
    const p = sampleProject();
    const a1 = p.flows.find((f) => f.id === 'a1-gewerberegister')!;
    const rule = a1.mapping.rules.find((r) => r.target === `/{${GM}}Gewerbemeldung/{${GM}}Betrieb/{${GM}}Beginn`)!;
    const broken = applyOp(p, { type: 'rule.set', flowId: a1.id, rule: { ...rule, value: { kind: 'const', value: 'gestern' } } });
    const io = capture();
    expect(await main(['run', file('broken.regelwerk.json', JSON.stringify(broken)), '--flow', a1.id, '--input', MSG1], io)).toBe(1);
    const line = io.stdout.split('\n').findIndex((l) => /Beginn>gestern</.test(l)) + 1;
    expect(line).toBeGreaterThan(1);
    expect(io.stderr).toContain(`a1-gewerberegister: Ausgabe, Zeile ${line}: ungültig:`);
    expect(io.stderr).toMatch(/Beginn: „gestern“ ist kein gültiger Wert des Typs xs:date\./);
  });
});

describe('regelwerk transform', () => {
  const input = file('in.xml', '<a><b>1</b><b>2</b></a>');

  it('runs a stylesheet with parameters and prints its output', async () => {
    const xsl = file('sum.xsl', XSL('<sum who="{$who}"><xsl:value-of select="sum(/a/b)"/></sum>').replace('<xsl:template', '<xsl:param name="who"/>\n<xsl:template'));
    const io = capture();
    expect(await main(['transform', '--xsl', xsl, '--input', input, '--param', 'who=Test'], io)).toBe(0);
    expect(io.stdout).toBe('<?xml version="1.0" encoding="UTF-8"?><sum who="Test">3</sum>\n');
  });

  it('stops an endless rule after --timeout and says so', async () => {
    const xsl = file('loop.xsl', XSL('<n><xsl:value-of select="count((1 to 9999999999)[. mod 7 = 123456789])"/></n>'));
    const io = capture();
    const t0 = Date.now();
    expect(await main(['transform', '--xsl', xsl, '--input', input, '--timeout', '1500'], io)).toBe(1);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(io.stderr).toMatch(/Fehler runner\.timeout: Zeitlimit von 1500 ms überschritten/);
    expect(io.stdout).toBe('');
  });

  it('refuses file and URL access with the rule line', async () => {
    const xsl = file('doc.xsl', XSL("<x><xsl:copy-of select=\"doc('http://example.org/secret.xml')\"/></x>"));
    const io = capture();
    expect(await main(['transform', '--xsl', xsl, '--input', input], io)).toBe(1);
    expect(io.stderr).toMatch(new RegExp(`Fehler sandbox\\.doc: doc\\(\\) ist in Regeln nicht erlaubt.*\\(${xsl.replace(/[.]/g, '\\.')}, Zeile 3`));
  });

  it('locates a malformed input and reports usage errors with exit 2', async () => {
    const xsl = file('id.xsl', XSL('<x/>'));
    const io = capture();
    expect(await main(['transform', '--xsl', xsl, '--input', file('bad.xml', '<a>\n<b>\n</a>')], io)).toBe(1);
    expect(io.stderr).toMatch(/bad\.xml, Zeile 3/);
    const u = capture();
    expect(await main(['transform', '--xsl', xsl], u)).toBe(2);
    expect(u.stderr).toMatch(/--input DATEI fehlt/);
    const t = capture();
    expect(await main(['transform', '--xsl', xsl, '--input', input, '--timeout', 'bald'], t)).toBe(2);
    const m = capture();
    expect(await main(['transform', '--xsl', join(dir, 'nope.xsl'), '--input', input], m)).toBe(1);
    expect(m.stderr).toMatch(/Datei nicht gefunden/);
  });
});
