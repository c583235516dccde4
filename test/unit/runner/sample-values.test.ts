/**
 * "Value in sample": the values of a target path in the real compiled output of the sample flows,
 * cross-checked against XPath over the same output evaluated by SaxonJS.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compileProjectFlow } from '../../../src/core/compiler/index.ts';
import { prettyPrintXml } from '../../../src/core/runner/engine.ts';
import { instanceGroups, sampleValues } from '../../../src/core/runner/sample-values.ts';
import { sampleProject } from '../run/helpers.ts';

const SaxonJS = createRequire(import.meta.url)('saxon-js');
const run = (xsl: string, xml: string): string =>
  SaxonJS.XPath.evaluate("transform(map{'stylesheet-text': $xsl, 'source-node': parse-xml($xml), 'delivery-format': 'serialized'})?output", [], { params: { xsl, xml } });
/** The string values XPath finds in the output (the oracle). */
const xpath = (xml: string, expr: string, ns: Record<string, string>): string[] =>
  SaxonJS.XPath.evaluate(`${expr} ! string(.)`, SaxonJS.XPath.evaluate('parse-xml($x)', [], { params: { x: xml } }), { namespaceContext: ns, resultForm: 'array' });

const project = sampleProject();
const output = (flowId: string, sample = 0) => {
  const f = project.flows.find((x) => x.id === flowId)!;
  // As the app shows it: pretty-printed (live-runner.ts).
  return { flow: f, xml: prettyPrintXml(run(compileProjectFlow(project, f).xslt, f.samples[sample].content)) };
};

const GM = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
const T = (...steps: string[]) => `/{${GM}}Gewerbemeldung/${steps.map((s) => (s.startsWith('@') ? s : `{${GM}}${s}`)).join('/')}`;
const XD = 'urn:xoev-de:xdomea:schema:3.0.0';
/** xdomea target path; `code` elements of code-list values are unqualified. */
const D = (...steps: string[]) => `/{${XD}}FVDaten.SGOAblegen.0605/${steps.map((s) => (s.startsWith('@') || s === 'code' ? s : `{${XD}}${s}`)).join('/')}`;

describe('values of a target path in the output (a1-gewerberegister)', () => {
  const { xml } = output('a1-gewerberegister');

  it('finds a simple field', () => {
    expect(sampleValues(xml, T('Betrieb', 'Name'))).toEqual({ count: 1, values: ['Fahrradwerkstatt Böhme'], complex: false });
  });

  it('finds an attribute', () => {
    expect(sampleValues(xml, T('@version'))).toEqual({ count: 1, values: ['1.2'], complex: false });
  });

  it('counts a repeating field and keeps the first values, as XPath does', () => {
    const path = T('Betrieb', 'Taetigkeiten', 'Taetigkeit', 'Beschreibung');
    const oracle = xpath(xml, '/gm:Gewerbemeldung/gm:Betrieb/gm:Taetigkeiten/gm:Taetigkeit/gm:Beschreibung', { gm: GM });
    expect(oracle.length).toBeGreaterThan(1);
    expect(sampleValues(xml, path)).toEqual({ count: oracle.length, values: oracle.slice(0, 3), complex: false });
    expect(sampleValues(xml, path, { limit: 1 })?.values).toEqual(oracle.slice(0, 1));
  });

  it('says "not produced" (count 0) for a node the output lacks, and marks complex elements', () => {
    expect(sampleValues(xml, T('Betrieb', 'Registereintrag', 'Registernummer'))?.count).toBe(0);
    const betrieb = sampleValues(xml, T('Betrieb'))!;
    expect(betrieb).toMatchObject({ count: 1, complex: true });
    expect(betrieb.values[0]).toContain('Fahrradwerkstatt Böhme');
  });

  it('gives undefined for an output that is not XML', () => {
    expect(sampleValues('{"a": 1}', T('Betrieb', 'Name'))).toBeUndefined();
    expect(sampleValues('Vorgang 4711', T('Betrieb', 'Name'))).toBeUndefined();
    expect(sampleValues('<a><b></a>', '/a/b')).toBeUndefined();
  });

  it('resolves namespaces (default, prefixed, redeclared), entities, CDATA, and skips comments and PIs', () => {
    const xml = `<?xml version="1.0"?><!-- c --><a xmlns="urn:a" xmlns:p="urn:p"><p:b x="1" p:y="&lt;2&gt;"><?pi x?><c>A &amp; B</c></p:b>
      <b xmlns="urn:p"><c xmlns="urn:a"><![CDATA[<raw>]]> &#228;&#xFC;</c></b><p:b><c>3</c></p:b></a>`;
    expect(sampleValues(xml, '/{urn:a}a/{urn:p}b/{urn:a}c')).toEqual({ count: 3, values: ['A & B', '<raw> äü', '3'], complex: false });
    expect(sampleValues(xml, '/{urn:a}a/{urn:p}b/@{urn:p}y')).toEqual({ count: 1, values: ['<2>'], complex: false });
    expect(sampleValues(xml, '/{urn:a}a/{urn:p}b/@x')).toEqual({ count: 1, values: ['1'], complex: false });
    expect(sampleValues(xml, '/{urn:a}a/{urn:a}b/{urn:a}c')?.count).toBe(0);
  });

  it('counts beyond the shown values, for elements and attributes', () => {
    const xml = `<r>${Array.from({ length: 7 }, (_, i) => `<e n="${i}">v${i}</e>`).join('')}<e/></r>`;
    expect(sampleValues(xml, '/r/e')).toEqual({ count: 8, values: ['v0', 'v1', 'v2'], complex: false });
    expect(sampleValues(xml, '/r/e/@n')).toEqual({ count: 7, values: ['0', '1', '2'], complex: false });
  });

  it('reports empty values as empty strings', () => {
    expect(sampleValues('<a><b/><b></b><b>x</b></a>', '/a/b')).toEqual({ count: 3, values: ['', '', 'x'], complex: false });
  });
});

describe('instance groups (#2 …) in dms-vorgang', () => {
  const { flow, xml } = output('dms-vorgang');
  const groups = instanceGroups(flow.mapping.rules.map((r) => r.target));
  const ns = { x: XD };

  it('tells groups apart when each produced one element', () => {
    const base = ['SchriftgutobjektZumAblegen', 'Schriftgutobjekt', 'Vorgang'];
    const second = sampleValues(xml, D(...base, 'Kontakt#2', 'Institution', 'Name'), { groups })!;
    expect(second.values).toEqual(xpath(xml, '(/*/x:SchriftgutobjektZumAblegen/x:Schriftgutobjekt/x:Vorgang/x:Kontakt)[2]/x:Institution/x:Name', ns));
    expect(second.count).toBe(1);
    expect(second.ambiguous).toBeUndefined();
    const firstRole = sampleValues(xml, D(...base, 'Kontakt', 'Rolle', 'code'), { groups })!;
    expect(firstRole.values).toEqual(['Antragsteller']);
    expect(firstRole.values).toEqual(xpath(xml, '(/*/x:SchriftgutobjektZumAblegen/x:Schriftgutobjekt/x:Vorgang/x:Kontakt)[1]/x:Rolle/code', ns));
    const secondRole = sampleValues(xml, D(...base, 'Kontakt#2', 'Rolle', 'code'), { groups })!;
    expect(secondRole.values).toEqual(['Gewerbebetrieb']);
  });

  it('reports all groups, flagged, when a group produced no or several elements', () => {
    const xmlMissing = '<r><k><n>a</n></k></r>';
    const g = new Map([['/r/k', 2]]);
    expect(sampleValues(xmlMissing, '/r/k#2/n', { groups: g })).toEqual({ count: 1, values: ['a'], complex: false, ambiguous: true });
    expect(sampleValues('<r><k><n>a</n></k><k><n>b</n></k></r>', '/r/k#2/n', { groups: g })).toEqual({ count: 1, values: ['b'], complex: false });
  });

  it('knows the groups the rules address', () => {
    expect(groups.get(D('SchriftgutobjektZumAblegen', 'Schriftgutobjekt', 'Vorgang', 'Kontakt'))).toBe(2);
    expect(instanceGroups(['/a/b#3/c', '/a/b#2', '/a/d'])).toEqual(new Map([['/a/b', 3]]));
  });
});
