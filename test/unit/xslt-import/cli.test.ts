/** `regelwerk import-xslt`: in-process with a captured io, and once through the real binary. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io.ts';
import { main } from '../../../src/cli/main.ts';
import { compileProjectFlow } from '../../../src/core/compiler/index.ts';
import { loadProject, saveProject } from '../../../src/core/model/load.ts';
import { emptyMapping, type Mapping } from '../../../src/core/model/project.ts';
import { HANDWRITTEN, jsonProject, ROOT, SAMPLE_FILE } from './fixtures.ts';

function capture(files: Record<string, string> = {}) {
  const io: CliIo & { stdout: string; stderr: string; written: Record<string, string> } = {
    stdout: '',
    stderr: '',
    written: {},
    out: (s) => void (io.stdout += s.endsWith('\n') ? s : s + '\n'),
    err: (s) => void (io.stderr += s.endsWith('\n') ? s : s + '\n'),
    readFile: (p) => (p in files ? files[p] : readFileSync(p, 'utf8')),
    writeFile: (p, c) => void (io.written[p] = c),
    mkdir: () => {},
  };
  return io;
}

const tmp = mkdtempSync(join(tmpdir(), 'regelwerk-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('regelwerk import-xslt', () => {
  it('reads a hand-written rule into the flow, writes the project and prints the report', async () => {
    const io = capture();
    const mixed = join(import.meta.dirname, 'fixtures/a1-gemischt.xsl');
    const code = await main(['import-xslt', mixed, '--project', SAMPLE_FILE, '--flow', 'a1-gewerberegister'], io);
    expect(code, io.stderr).toBe(0);
    expect(io.stdout).toMatch(/32 Regeln, 1 Parameter, 0 Variablen, 1 Wertetabellen importiert; 8 Rohblöcke unverändert übernommen/);
    expect(io.stdout).toMatch(/a1-gemischt\.xsl:66: info: Zeile 66: <xsl:copy-of> unverändert übernommen/);
    expect(io.stdout).toContain('Mapping von Fluss a1-gewerberegister ersetzt (32 Regeln, 8 Rohblöcke)');
    const saved = loadProject(io.written[SAMPLE_FILE]);
    if (!saved.ok) throw new Error('geschriebenes Projekt ist ungültig');
    const flow = saved.project.flows.find((f) => f.id === 'a1-gewerberegister')!;
    expect(flow.mapping.rules).toHaveLength(32);
    expect(flow.mapping.raw).toHaveLength(8);
    // Only that flow changed.
    const before = loadProject(readFileSync(SAMPLE_FILE, 'utf8'));
    if (!before.ok) throw new Error('Beispielprojekt');
    expect(saved.project.flows.filter((f) => f.id !== flow.id)).toEqual(before.project.flows.filter((f) => f.id !== flow.id));
    expect(compileProjectFlow(saved.project, flow).xslt).toContain('<xsl:copy-of select="datei/base64Data/text()"/>');
  });

  it('--dry-run reports without writing', async () => {
    const io = capture();
    const code = await main(['import-xslt', join(HANDWRITTEN, 'dms-vorgang.xsl'), '--project', SAMPLE_FILE, '--flow', 'dms-vorgang', '--dry-run'], io);
    expect(code).toBe(0);
    expect(io.stdout).toContain('130 Regeln');
    expect(io.written).toEqual({});
  });

  it('not XSLT, or extension functions: errors on stderr, exit 1, project not written', async () => {
    const io = capture({ '/x/regel.xsl': '<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:saxon="http://saxon.sf.net/" version="3.0"><xsl:template match="/"><a><xsl:value-of select="saxon:now()"/></a></xsl:template></xsl:stylesheet>' });
    expect(await main(['import-xslt', '/x/regel.xsl', '--project', SAMPLE_FILE, '--flow', 'a1-gewerberegister'], io)).toBe(1);
    expect(io.stderr).toContain('Erweiterungsfunktion saxon:now');
    expect(io.stderr).toContain('bleibt unverändert');
    expect(io.written).toEqual({});
    const io2 = capture({ '/x/nix.xsl': 'kein XML' });
    expect(await main(['import-xslt', '/x/nix.xsl', '--project', SAMPLE_FILE, '--flow', 'a1-gewerberegister'], io2)).toBe(1);
    expect(io2.stderr).toMatch(/nix\.xsl:1:\d+: error: Keine XSLT-Datei: Nicht wohlgeformtes XML/);
  });

  it('usage and lookup errors', async () => {
    const io = capture();
    expect(await main(['import-xslt', 'a.xsl', '--project', SAMPLE_FILE], io)).toBe(2);
    expect(io.stderr).toContain('Option --flow ID fehlt');
    const io2 = capture();
    expect(await main(['import-xslt', join(HANDWRITTEN, 'dms-vorgang.xsl'), '--project', SAMPLE_FILE, '--flow', 'gibtsnicht'], io2)).toBe(1);
    expect(io2.stderr).toContain('Fluss "gibtsnicht" gibt es nicht. Vorhanden: einreichung');
    const io3 = capture();
    expect(await main(['import-xslt', '/nicht/da.xsl', '--project', SAMPLE_FILE, '--flow', 'dms-vorgang'], io3)).toBe(1);
    expect(io3.stderr).toContain('Datei nicht gefunden');
  });

  it('through the real binary: the written project compiles to the same rule as before (round trip)', () => {
    const project = join(tmp, 'p.regelwerk.json');
    copyFileSync(SAMPLE_FILE, project);
    const cli = (args: string[]) => spawnSync('node', [join(ROOT, 'src/cli/regelwerk.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
    const compiled = cli(['compile', project, '--flow', 'dms-vorgang', '--out', tmp]);
    expect(compiled.status, compiled.stderr).toBe(0);
    const rule = readFileSync(join(tmp, 'dms-vorgang.xsl'), 'utf8');
    const r = cli(['import-xslt', join(tmp, 'dms-vorgang.xsl'), '--project', project, '--flow', 'dms-vorgang']);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(project, 'utf8')).toBe(readFileSync(SAMPLE_FILE, 'utf8'));
    const again = cli(['compile', project, '--flow', 'dms-vorgang', '--out', join(tmp, 'b')]);
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(join(tmp, 'b', 'dms-vorgang.xsl'), 'utf8')).toBe(rule);
  });

  it('a JSON flow (JSON in, JSON out, a template per structure): compile, import into an empty mapping, compile again gives the same rule', () => {
    const base = jsonProject();
    const M = '/{http://www.w3.org/2005/xpath-functions}map';
    const flowWith = (mapping: Mapping) => ({ ...base, flows: base.flows.map((f) => (f.id === 'json-json' ? { ...f, mapping } : f)) });
    const mapping: Mapping = {
      ...emptyMapping(),
      rules: [
        { id: 'r1', target: `${M}/{http://www.w3.org/2005/xpath-functions}string[@key='vorgangsnummer']`, value: { kind: 'source', path: `${M}/{http://www.w3.org/2005/xpath-functions}map[@key='G17003529']/{http://www.w3.org/2005/xpath-functions}string[@key='F17005455']` } },
        { id: 'r2', target: `${M}/{http://www.w3.org/2005/xpath-functions}array[@key='posten']/{http://www.w3.org/2005/xpath-functions}map`, forEach: { source: `${M}/{http://www.w3.org/2005/xpath-functions}array[@key='G17003530']/{http://www.w3.org/2005/xpath-functions}map` } },
        { id: 'r3', target: `${M}/{http://www.w3.org/2005/xpath-functions}array[@key='posten']/{http://www.w3.org/2005/xpath-functions}map/{http://www.w3.org/2005/xpath-functions}string[@key='text']`, value: { kind: 'call', fn: 'upper-case', args: [{ kind: 'source', path: `${M}/{http://www.w3.org/2005/xpath-functions}array[@key='G17003530']/{http://www.w3.org/2005/xpath-functions}map/{http://www.w3.org/2005/xpath-functions}string[@key='F17005500']` }] } },
        { id: 'r4', target: `${M}/{http://www.w3.org/2005/xpath-functions}array[@key='posten']/{http://www.w3.org/2005/xpath-functions}map/{http://www.w3.org/2005/xpath-functions}number[@key='betrag']`, value: { kind: 'source', path: `${M}/{http://www.w3.org/2005/xpath-functions}array[@key='G17003530']/{http://www.w3.org/2005/xpath-functions}map/{http://www.w3.org/2005/xpath-functions}number[@key='F17005501']` } },
        { id: 'r5', target: `${M}/{http://www.w3.org/2005/xpath-functions}array[@key='posten']/{http://www.w3.org/2005/xpath-functions}map/{http://www.w3.org/2005/xpath-functions}array[@key='tags']/{http://www.w3.org/2005/xpath-functions}string`, value: { kind: 'source', path: `${M}/{http://www.w3.org/2005/xpath-functions}array[@key='G17003530']/{http://www.w3.org/2005/xpath-functions}map/{http://www.w3.org/2005/xpath-functions}array[@key='G17003531']/{http://www.w3.org/2005/xpath-functions}string` } },
      ],
      options: { templates: 'structures' },
    };
    const full = join(tmp, 'json.regelwerk.json');
    const empty = join(tmp, 'json-leer.regelwerk.json');
    writeFileSync(full, saveProject(flowWith(mapping)));
    writeFileSync(empty, saveProject(flowWith(emptyMapping())));
    const cli = (args: string[]) => spawnSync('node', [join(ROOT, 'src/cli/regelwerk.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
    const compiled = cli(['compile', full, '--flow', 'json-json', '--out', join(tmp, 'j')]);
    expect(compiled.status, compiled.stderr).toBe(0);
    const rule = readFileSync(join(tmp, 'j', 'json-json.xsl'), 'utf8');
    expect(rule).toContain('xml-to-json($result');
    expect(rule).toContain('<xsl:call-template name="posten"/>');
    const r = cli(['import-xslt', join(tmp, 'j', 'json-json.xsl'), '--project', empty, '--flow', 'json-json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('5 Regeln, 0 Parameter, 0 Variablen, 0 Wertetabellen importiert; 0 Rohblöcke unverändert übernommen.');
    expect(r.stdout).toContain('Mapping von Fluss json-json ersetzt (5 Regeln, 0 Rohblöcke)');
    const saved = loadProject(readFileSync(empty, 'utf8'));
    if (!saved.ok) throw new Error('geschriebenes Projekt ist ungültig');
    expect(saved.project.flows.find((f) => f.id === 'json-json')!.mapping).toEqual(mapping);
    const again = cli(['compile', empty, '--flow', 'json-json', '--out', join(tmp, 'j2')]);
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(join(tmp, 'j2', 'json-json.xsl'), 'utf8')).toBe(rule);
  });

  it('a JSON flow: a hand-written rule reading json-to-xml(unparsed-text(…)) imports, its warning on stderr', async () => {
    const project = join(tmp, 'json2.regelwerk.json');
    writeFileSync(project, saveProject(jsonProject()));
    const xsl = `<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0" xmlns:j="http://www.w3.org/2005/xpath-functions" xmlns:t="urn:test:ziel">
  <xsl:variable name="a" select="json-to-xml(unparsed-text('antrag.json'))"/>
  <xsl:template match="/"><t:Nachricht><t:Person><t:Name><xsl:value-of select="$a/j:map/j:map[@key='G17003529']/j:string[@key='F17005455']"/></t:Name></t:Person></t:Nachricht></xsl:template>
</xsl:stylesheet>`;
    const io = capture({ '/x/json-regel.xsl': xsl });
    expect(await main(['import-xslt', '/x/json-regel.xsl', '--project', project, '--flow', 'json-xml'], io), io.stderr).toBe(0);
    expect(io.stderr).toMatch(/json-regel\.xsl:2: warning: \$a liest das JSON aus „unparsed-text\('antrag\.json'\)“/);
    expect(io.stdout).toContain('1 Regeln');
    const saved = loadProject(io.written[project]);
    if (!saved.ok) throw new Error('geschriebenes Projekt ist ungültig');
    const flow = saved.project.flows.find((f) => f.id === 'json-xml')!;
    expect(compileProjectFlow(saved.project, flow).xslt).toContain(`<xsl:value-of select="$json/j:map/j:map[@key='G17003529']/j:string[@key='F17005455']"/>`);
  });
});
