import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compileFlow } from '../../../src/core/compiler/compile.ts';
import type { Flow, MappingRule } from '../../../src/core/model/project.ts';
import { emptyMapping } from '../../../src/core/model/project.ts';
import { inferFromXml } from '../../../src/core/schema/instance.ts';
import type { SchemaTree } from '../../../src/core/schema/types.ts';
import { compareXml } from '../../../src/core/runner/xml-compare.ts';

const require = createRequire(import.meta.url);
const SaxonJS = require('saxon-js');

function run(xslt: string, xml: string): string {
  return SaxonJS.XPath.evaluate(
    "transform(map{'stylesheet-text': $xsl, 'source-node': parse-xml($xml), 'delivery-format': 'serialized'})?output",
    [],
    { params: { xsl: xslt, xml } },
  );
}

const SRC = `<serviceportal-fields>
  <antragsteller><instance_1><vorname>Max</vorname><familienname>Muster</familienname><geburtsdatum>1985-04-12T00:00:00.000+02:00</geburtsdatum></instance_1></antragsteller>
  <taetigkeiten><instance_1><text>Handel</text><haupt>true</haupt></instance_1><instance_2><text>Reparatur</text><haupt>false</haupt></instance_2></taetigkeiten>
  <betrieb><instance_1><rechtsform>GmbH</rechtsform></instance_1></betrieb>
</serviceportal-fields>`;

const NS = 'urn:test:ziel';
const TGT = `<z:Meldung xmlns:z="${NS}" version="1"><z:Name>x</z:Name><z:Geb>x</z:Geb><z:Form>x</z:Form><z:Opt>x</z:Opt>
  <z:T haupt="true"><z:Text>x</z:Text></z:T><z:T haupt="true"><z:Text>x</z:Text></z:T></z:Meldung>`;

function trees(): { source: SchemaTree; target: SchemaTree } {
  const s = inferFromXml([{ name: 's.xml', content: SRC }]);
  const t = inferFromXml([{ name: 't.xml', content: TGT }]);
  return { source: s.tree(s.roots[0])!, target: t.tree(t.roots[0])! };
}

const A = '/serviceportal-fields';
const Z = `/{${NS}}Meldung`;

function flow(rules: MappingRule[], extra: Partial<Flow['mapping']> = {}): Flow {
  return {
    id: 'f1',
    scenarioCode: 'A1',
    title: 'Test',
    from: { systemId: 'a' },
    to: { systemId: 'b' },
    mapping: { ...emptyMapping(), namespaces: { z: NS }, ...extra, rules },
    samples: [],
    tests: [],
  };
}

const rules: MappingRule[] = [
  { id: 'r1', target: `${Z}/@version`, value: { kind: 'const', value: '1.2' } },
  {
    id: 'r2',
    target: `${Z}/{${NS}}Name`,
    value: {
      kind: 'call',
      fn: 'concat',
      args: [
        { kind: 'source', path: `${A}/antragsteller/instance_*/vorname` },
        { kind: 'const', value: ' ' },
        { kind: 'source', path: `${A}/antragsteller/instance_*/familienname` },
      ],
    },
  },
  { id: 'r3', target: `${Z}/{${NS}}Geb`, value: { kind: 'call', fn: 'date-from-amt24', args: [{ kind: 'source', path: `${A}/antragsteller/instance_*/geburtsdatum` }] } },
  { id: 'r4', target: `${Z}/{${NS}}Form`, value: { kind: 'lookup', map: 'rechtsform', arg: { kind: 'source', path: `${A}/betrieb/instance_*/rechtsform` } } },
  { id: 'r5', target: `${Z}/{${NS}}T`, forEach: { source: `${A}/taetigkeiten/instance_*` } },
  { id: 'r6', target: `${Z}/{${NS}}T/{${NS}}Text`, value: { kind: 'source', path: `${A}/taetigkeiten/instance_*/text` } },
  { id: 'r7', target: `${Z}/{${NS}}T/@haupt`, value: { kind: 'source', path: `${A}/taetigkeiten/instance_*/haupt` } },
];
const valueMaps = [{ id: 'rechtsform', name: 'Rechtsform', rows: [{ from: 'Einzelunternehmen', to: '01' }, { from: 'GmbH', to: '04' }], default: '99' }];

describe('compileFlow', () => {
  it('compiles links, functions, lookups and loops into XSLT that SaxonJS runs', () => {
    const { source, target } = trees();
    const r = compileFlow({ project: { id: 'p', name: 'P' }, flow: flow(rules, { valueMaps }), source, target });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.xslt).toContain('version="3.0"');
    expect(r.xslt).not.toContain('strip-space');
    // The single-instance group reads as instance_1, the repeating one as a name test.
    expect(r.xslt).toContain('antragsteller/instance_1/vorname');
    expect(r.xslt).toContain("taetigkeiten/*[starts-with(local-name(), 'instance_')]");
    const out = run(r.xslt, SRC);
    const expected = `<z:Meldung xmlns:z="${NS}" version="1.2"><z:Name>Max Muster</z:Name><z:Geb>1985-04-12</z:Geb><z:Form>04</z:Form>
      <z:T haupt="true"><z:Text>Handel</z:Text></z:T><z:T haupt="false"><z:Text>Reparatur</z:Text></z:T></z:Meldung>`;
    expect(compareXml(expected, out)).toEqual({ equal: true });
  });

  it('is deterministic and records a span per rule', () => {
    const { source, target } = trees();
    const input = { project: { id: 'p', name: 'P' }, flow: flow(rules, { valueMaps }), source, target };
    const a = compileFlow(input);
    const b = compileFlow(input);
    expect(a.xslt).toBe(b.xslt);
    const ids = new Set(a.spans.map((s) => s.ruleId));
    for (const r of rules) expect(ids.has(r.id), r.id).toBe(true);
    const lines = a.xslt.split('\n');
    const s2 = a.spans.find((s) => s.ruleId === 'r2')!;
    expect(lines.slice(s2.startLine - 1, s2.endLine).join('\n')).toContain('concat(');
  });

  it('reports required unmapped fields, dangling links and unknown functions instead of throwing', () => {
    const { source, target } = trees();
    const bad: MappingRule[] = [
      { id: 'r1', target: `${Z}/{${NS}}Name`, value: { kind: 'source', path: `${A}/weg/instance_*/feld` } },
      { id: 'r2', target: `${Z}/{${NS}}Gibtsnicht`, value: { kind: 'const', value: 'x' } },
      { id: 'r3', target: `${Z}/{${NS}}Geb`, value: { kind: 'call', fn: 'zaubern', args: [] } },
    ];
    const r = compileFlow({ project: { id: 'p', name: 'P' }, flow: flow(bad), source, target });
    const codes = r.diagnostics.map((d) => d.code);
    expect(codes).toContain('mapping.dangling-source');
    expect(codes).toContain('mapping.dangling-target');
    expect(codes).toContain('mapping.unknown-function');
    expect(codes).toContain('mapping.required-unmapped');
    expect(r.xslt).toContain('<xsl:template match="/">');
  });

  it('declares a namespace that only hand-written XPath uses, so the rule runs', () => {
    const { source, target } = trees();
    const SRC_NS = 'urn:test:quelle';
    const src = `<q:Antrag xmlns:q="${SRC_NS}"><q:Name>Lena</q:Name></q:Antrag>`;
    const r = compileFlow({
      project: { id: 'p', name: 'P' },
      flow: flow([{ id: 'r1', target: `${Z}/{${NS}}Name`, value: { kind: 'xpath', text: 'upper-case(/q:Antrag/q:Name)' } }], { namespaces: { z: NS, q: SRC_NS, unused: 'urn:unused' } }),
      source,
      target,
    });
    expect(r.xslt).toContain(`xmlns:q="${SRC_NS}"`);
    // Only what is used is declared, and a source namespace stays out of the output.
    expect(r.xslt).not.toContain('urn:unused');
    expect(r.xslt).toMatch(/exclude-result-prefixes="[^"]*\bq\b/);
    // The target namespace is the output's default namespace (see default-namespace.test.ts).
    expect(compareXml(`<z:Meldung xmlns:z="${NS}"><z:Name>LENA</z:Name></z:Meldung>`, run(r.xslt, src))).toEqual({ equal: true });
  });

  it('warns when many source values go into one target field', () => {
    const { source, target } = trees();
    const r = compileFlow({
      project: { id: 'p', name: 'P' },
      flow: flow([{ id: 'r1', target: `${Z}/{${NS}}Name`, value: { kind: 'source', path: `${A}/taetigkeiten/instance_*/text` } }]),
      source,
      target,
    });
    expect(r.diagnostics.map((d) => d.code)).toContain('mapping.many-to-one');
  });

  it('escapes constants and writes optional source links conditionally', () => {
    const { source, target } = trees();
    const r = compileFlow({
      project: { id: 'p', name: 'P' },
      flow: flow([
        { id: 'r1', target: `${Z}/{${NS}}Name`, value: { kind: 'const', value: `a<b & "c" {d}` } },
        { id: 'r2', target: `${Z}/@version`, value: { kind: 'const', value: `{x}"` } },
        { id: 'r3', target: `${Z}/{${NS}}Geb`, value: { kind: 'xpath', text: "string-join(('a','b'), '-')" } },
      ]),
      source,
      target,
    });
    const out = run(r.xslt, SRC);
    expect(out).toMatch(/version="\{x\}(&quot;|&#34;)"/);
    expect(out).toContain('a&lt;b &amp; "c" {d}');
    expect(out).toContain('a-b');
  });
});

describe('target instances ("duplicate input")', () => {
  it('writes a second group of a repeating target element with its own rules', () => {
    const { source, target } = trees();
    const r = compileFlow({
      project: { id: 'p', name: 'P' },
      flow: flow([
        { id: 'r1', target: `${Z}/{${NS}}T/{${NS}}Text`, value: { kind: 'const', value: 'erste' } },
        { id: 'r2', target: `${Z}/{${NS}}T#2/{${NS}}Text`, value: { kind: 'source', path: `${A}/antragsteller/instance_*/vorname` } },
        { id: 'r3', target: `${Z}/{${NS}}T#2/@haupt`, value: { kind: 'const', value: 'false' } },
      ]),
      source,
      target,
    });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const out = run(r.xslt, SRC);
    expect(compareXml(`<z:Meldung xmlns:z="${NS}"><z:T><z:Text>erste</z:Text></z:T><z:T haupt="false"><z:Text>Max</z:Text></z:T></z:Meldung>`, out)).toEqual({ equal: true });
  });
});

describe('group-by and type checks', () => {
  it('groups source items with xsl:for-each-group', () => {
    const src = inferFromXml([{ name: 's', content: '<l><i><k>a</k><v>1</v></i><i><k>b</k><v>2</v></i><i><k>a</k><v>3</v></i></l>' }]);
    const tgt = inferFromXml([{ name: 't', content: '<o><g n="x"><s>1</s></g><g n="y"><s>1</s></g></o>' }]);
    const f = flow([
      { id: 'r1', target: '/o/g', forEach: { source: '/l/i', groupBy: { kind: 'source', path: '/l/i/k' } } },
      { id: 'r2', target: '/o/g/@n', value: { kind: 'source', path: '/l/i/k' } },
      { id: 'r3', target: '/o/g/s', value: { kind: 'call', fn: 'sum', args: [{ kind: 'xpath', text: 'current-group()/v' }] } },
    ]);
    const r = compileFlow({ project: { id: 'p', name: 'P' }, flow: f, source: src.tree(src.roots[0]), target: tgt.tree(tgt.roots[0])! });
    expect(r.xslt).toContain('<xsl:for-each-group select="/l/i" group-by="k">');
    const out = run(r.xslt, '<l><i><k>a</k><v>1</v></i><i><k>b</k><v>2</v></i><i><k>a</k><v>3</v></i></l>');
    expect(compareXml('<o><g n="a"><s>4</s></g><g n="b"><s>2</s></g></o>', out)).toEqual({ equal: true });
  });

  it('warns when an Amt24 timestamp is linked into an xs:date field without conversion', () => {
    const src = inferFromXml([{ name: 's', content: '<a><d>1985-04-12T00:00:00.000+02:00</d></a>' }]);
    const tgt = inferFromXml([{ name: 't', content: '<b><d>1985-04-12</d></b>' }]);
    const r = compileFlow({ project: { id: 'p', name: 'P' }, flow: flow([{ id: 'r1', target: '/b/d', value: { kind: 'source', path: '/a/d' } }]), source: src.tree(src.roots[0]), target: tgt.tree(tgt.roots[0])! });
    expect(r.diagnostics.map((d) => d.code)).toContain('mapping.type-mismatch');
  });
});

describe('nested loops', () => {
  it('reads an outer loop item through its variable inside an unrelated inner loop', () => {
    const xml = '<a><p><n>P1</n></p><p><n>P2</n></p><q><c>Q1</c></q><q><c>Q2</c></q></a>';
    const src = inferFromXml([{ name: 's', content: xml }]);
    const tgt = inferFromXml([{ name: 't', content: '<o><pp><qq><x/><y/></qq><qq><x/><y/></qq></pp><pp/></o>' }]);
    const f = flow([
      { id: 'r1', target: '/o/pp', forEach: { source: '/a/p' } },
      { id: 'r2', target: '/o/pp/qq', forEach: { source: '/a/q' } },
      { id: 'r3', target: '/o/pp/qq/x', value: { kind: 'source', path: '/a/p/n' } },
      { id: 'r4', target: '/o/pp/qq/y', value: { kind: 'source', path: '/a/q/c' } },
    ]);
    const r = compileFlow({ project: { id: 'p', name: 'P' }, flow: f, source: src.tree(src.roots[0]), target: tgt.tree(tgt.roots[0])! });
    expect(r.xslt).toContain('<xsl:variable name="loop1" select="."/>');
    const out = run(r.xslt, xml);
    const qq = (p: string) => `<qq><x>${p}</x><y>Q1</y></qq><qq><x>${p}</x><y>Q2</y></qq>`;
    expect(compareXml(`<o><pp>${qq('P1')}</pp><pp>${qq('P2')}</pp></o>`, out)).toEqual({ equal: true });
  });
});
