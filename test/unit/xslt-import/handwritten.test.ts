/**
 * Hand-written XSLT imports as far as the mapping model reaches: the reference rules of the sample
 * project become rules only; rules in other styles (templates, choose, keys, functions, text value
 * templates …) keep what the model cannot express as raw blocks. In every case the compiled import
 * gives the same output as the original on all sample messages, and the raw blocks survive later
 * compiles and imports unchanged.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProjectFlow } from '../../../src/core/compiler/index.ts';
import { formatDiagnostic } from '../../../src/core/diagnostics.ts';
import { applyOp } from '../../../src/core/model/ops.ts';
import { emptyMapping, type Flow } from '../../../src/core/model/project.ts';
import { compareXml } from '../../../src/core/runner/xml-compare.ts';
import { importXslt, type ImportResult } from '../../../src/core/xslt-import/index.ts';
import { flowOf, HANDWRITTEN, sampleProject } from './fixtures.ts';

const SaxonJS = createRequire(import.meta.url)('saxon-js');
const project = sampleProject();
const MESSAGES: Record<string, string> = { 'msg-01': 'gewerbeanmeldung-01-einzelunternehmen', 'msg-02': 'gewerbeanmeldung-02-gmbh', 'msg-03': 'gewerbeanmeldung-03-ug-ohne-anlagen' };

function run(xsl: string, xml: string): string {
  return SaxonJS.XPath.evaluate("transform(map{'stylesheet-text': $xsl, 'source-node': parse-xml($xml), 'delivery-format': 'serialized'})?output", [], { params: { xsl, xml } });
}

function importFile(path: string, flowId: string): { flow: Flow; imp: ImportResult; text: string } {
  const text = readFileSync(path, 'utf8');
  const flow = flowOf(project, flowId);
  const imp = importXslt(text, { project, flow: { ...flow, mapping: emptyMapping() }, file: path });
  if (!imp.ok) throw new Error(imp.report.map(formatDiagnostic).join('\n'));
  return { flow, imp, text };
}

/** XML-aware differences (none when equal). */
function differences(expected: string, actual: string): unknown[] {
  const r = compareXml(expected, actual, []);
  return r.equal ? [] : r.differences;
}

function compiled(flow: Flow, imp: ImportResult): string {
  const c = compileProjectFlow(project, { ...flow, mapping: imp.mapping });
  expect(c.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
  return c.xslt;
}

/** Lines of the report saying what was kept raw. */
const rawLines = (imp: ImportResult) => imp.report.filter((d) => d.code === 'xslt-import.raw').map((d) => d.message);

describe('importing the hand-written reference rules', () => {
  it('a1-gewerberegister.xsl: everything becomes rules (aliases read through, lookups, loops, conditions)', () => {
    const { flow, imp } = importFile(join(HANDWRITTEN, 'a1-gewerberegister.xsl'), 'a1-gewerberegister');
    expect(imp.stats).toEqual({ rules: 35, raw: 0, parameters: 0, variables: 0, valueMaps: 3 });
    expect(rawLines(imp)).toEqual([]);
    expect(imp.mapping.valueMaps.map((m) => [m.id, m.default])).toEqual([
      ['rechtsform-codes', '99'],
      ['anrede-codes', '9'],
      ['wirtschaftsbereich-codes', 'S'],
    ]);
    const byTarget = (local: string) => imp.mapping.rules.find((r) => r.target.endsWith(`}${local}`) || r.target.endsWith(`/${local}`))!;
    // $betrieb (an alias of betrieb/instance_1) is read through to the source field.
    expect(byTarget('Name').value).toEqual({ kind: 'source', path: '/serviceportal-fields/betrieb/instance_*/betriebsname' });
    expect(byTarget('Rechtsform').value).toEqual({ kind: 'lookup', map: 'rechtsform-codes', arg: { kind: 'source', path: '/serviceportal-fields/betrieb/instance_*/rechtsform' } });
    expect(byTarget('Taetigkeit').forEach).toEqual({ source: '/serviceportal-fields/taetigkeiten/instance_*' });
    expect(byTarget('@istHaupttaetigkeit').value).toEqual({ kind: 'call', fn: 'equals', args: [{ kind: 'source', path: '/serviceportal-fields/taetigkeiten/instance_*/haupttaetigkeit' }, { kind: 'const', value: 'true' }] });
    expect(byTarget('Registereintrag').condition).toEqual({ kind: 'call', fn: 'normalize-space', args: [{ kind: 'source', path: '/serviceportal-fields/betrieb/instance_*/registernummer' }] });
    const xslt = compiled(flow, imp);
    for (const t of flow.tests) {
      const out = run(xslt, flow.samples.find((s) => s.id === t.sampleId)!.content);
      // Same XML; the compiler writes the target namespace with a prefix where the original used a default namespace.
      const expected = readFileSync(join(HANDWRITTEN, 'expected', `a1-gewerberegister--${MESSAGES[t.sampleId]}.xml`), 'utf8');
      expect(differences(expected, out)).toEqual([]);
    }
  });

  it('dms-vorgang.xsl: everything becomes rules, the template variable a mapping variable; output byte-identical', () => {
    const { flow, imp } = importFile(join(HANDWRITTEN, 'dms-vorgang.xsl'), 'dms-vorgang');
    expect(imp.stats).toEqual({ rules: 130, raw: 0, parameters: 0, variables: 1, valueMaps: 2 });
    expect(imp.mapping.variables[0].name).toBe('uuid-suffix');
    // The local $dokument-id of the loop is inlined where it is read.
    const id = imp.mapping.rules.find((r) => r.target.endsWith('}Dokument/{urn:xoev-de:xdomea:schema:3.0.0}Identifikation/{urn:xoev-de:xdomea:schema:3.0.0}ID'))!;
    expect(JSON.stringify(id.value)).toContain('"kind":"var","name":"uuid-suffix"');
    const xslt = compiled(flow, imp);
    for (const t of flow.tests) {
      const out = run(xslt, flow.samples.find((s) => s.id === t.sampleId)!.content);
      expect(out).toBe(readFileSync(join(HANDWRITTEN, 'expected', `dms-vorgang--${MESSAGES[t.sampleId]}.xml`), 'utf8'));
    }
  });
});

describe.each([
  ['a1-gemischt.xsl', 8, ['<xsl:key>', '<xsl:function>', '<xsl:value-of>', '<xsl:number>', '<xsl:call-template>', '<xsl:processing-instruction>', '<xsl:copy-of>', '<xsl:template>']],
  ['a1-kontext.xsl', 1, ['<xsl:comment>']],
])('hand-written rule %s in other styles', (file, rawCount, kept) => {
  const { flow, imp, text } = importFile(join(import.meta.dirname, 'fixtures', file), 'a1-gewerberegister');

  it('reports what became rules and what was kept raw (with line numbers)', () => {
    expect(imp.stats.raw).toBe(rawCount);
    const lines = rawLines(imp);
    for (const k of kept) expect(lines.some((l) => l.includes(k)), `${k} in ${lines.join('\n')}`).toBe(true);
    for (const l of lines) expect(l).toMatch(/^Zeile \d+: <[^>]+> unverändert übernommen \(.+\)\.$/);
    expect(imp.report[0].message).toMatch(new RegExp(`^${imp.stats.rules} Regeln, .* ${rawCount} Rohblöcke`));
  });

  it('the compiled import gives the same output as the original on every sample message', () => {
    const xslt = compiled(flow, imp);
    for (const s of flow.samples) {
      expect(differences(run(text, s.content), run(xslt, s.content)), s.id).toEqual([]);
    }
  });

  it('raw blocks survive later edits, compiles and imports unchanged', () => {
    const p1 = { ...project, flows: project.flows.map((f) => (f.id === flow.id ? { ...flow, mapping: imp.mapping } : f)) };
    const rule = imp.mapping.rules[imp.mapping.rules.length - 1];
    const p2 = applyOp(p1, { type: 'rule.set', flowId: flow.id, rule: { ...rule, note: 'geändert' } });
    const edited = p2.flows.find((f) => f.id === flow.id)!;
    const xslt = compileProjectFlow(p2, edited).xslt;
    for (const b of imp.raw) for (const line of b.xslt.split('\n')) expect(xslt).toContain(line.trim());
    const again = importXslt(xslt, { project: p2, flow: edited });
    expect(again.ok).toBe(true);
    expect(again.mapping).toEqual(edited.mapping);
    expect(compileProjectFlow(p2, { ...edited, mapping: again.mapping }).xslt).toBe(xslt);
  });
});
