/**
 * The target's namespace as the stylesheet's default namespace: a generated rule writes target elements
 * unprefixed, as the hand-written reference does, so its output declares the namespace once, as default.
 * Where that is not safe (JSON target, a root or an element in no namespace, raw blocks) the rule keeps
 * its prefixes. Attributes and elements of other namespaces always keep theirs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileFlow } from '../../../src/core/compiler/compile.ts';
import { compileProjectFlow } from '../../../src/core/compiler/index.ts';
import { emptyMapping, type Flow, type MappingRule, type RawBlock } from '../../../src/core/model/project.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { compareXml } from '../../../src/core/runner/xml-compare.ts';
import { messageTree } from '../../../src/core/schema/index.ts';
import { inferFromXml } from '../../../src/core/schema/instance.ts';
import { FN, jsonStep } from '../../../src/core/schema/json/paths.ts';
import type { SchemaNode, SchemaTree } from '../../../src/core/schema/types.ts';
import { flowOf, HANDWRITTEN, jsonProject, ROOT, sampleProject } from '../xslt-import/fixtures.ts';

const engine = createNodeEngine();
afterAll(() => engine.dispose());

const GM = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
const NS = 'urn:test:ziel';
const NS2 = 'urn:test:anders';
const Z = `/{${NS}}M`;
const SRC = '<a><n>Lena</n><c>7</c></a>';

function tree(xml: string): SchemaTree {
  const r = inferFromXml([{ name: 't.xml', content: xml }]);
  return r.tree(r.roots[0])!;
}

function flow(rules: MappingRule[], raw?: RawBlock[]): Flow {
  const mapping = { ...emptyMapping(), namespaces: { z: NS, y: NS2 }, rules };
  return { id: 'f1', scenarioCode: 'T', title: 'Test', from: { systemId: 'a' }, to: { systemId: 'b' }, mapping: raw ? { ...mapping, raw } : mapping, samples: [], tests: [] };
}

function compile(target: SchemaTree, rules: MappingRule[], raw?: RawBlock[]): string {
  const r = compileFlow({ project: { id: 'p', name: 'P' }, flow: flow(rules, raw), source: tree(SRC), target });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.xslt;
}

async function run(xslt: string, input: string): Promise<string> {
  const r = await engine.transform({ stylesheet: xslt, input, timeoutMs: 60_000 });
  if (!r.ok) throw new Error(`${r.error.message} (Zeile ${r.error.line})`);
  return r.output;
}

/** The xsl:stylesheet start tag. */
const header = (xslt: string) => /<xsl:stylesheet[^>]*>/.exec(xslt)![0];
/** The output's first start tag. */
const rootTag = (xml: string) => /<[A-Za-z][^?!][^>]*>/.exec(xml.replace(/<\?[^?]*\?>/g, ''))![0];

const NAME: MappingRule = { id: 'r1', target: `${Z}/{${NS}}N`, value: { kind: 'source', path: '/a/n' } };

describe('target namespace as the default namespace', () => {
  it('a1: declares the target namespace as default and writes target elements without a prefix', () => {
    const sample = sampleProject();
    const xslt = compileProjectFlow(sample, flowOf(sample, 'a1-gewerberegister')).xslt;
    expect(header(xslt)).toContain(`xmlns="${GM}"`);
    expect(header(xslt)).not.toContain(`xmlns:gm=`);
    expect(xslt).toContain('<Gewerbemeldung version="1.2">');
    expect(xslt).toMatch(/<Name><xsl:value-of select="\/serviceportal-fields\/betrieb\/instance_1\/betriebsname"\/><\/Name>/);
    expect(xslt).not.toContain('gm:');
  });

  it('a1: the output equals the hand-written reference and declares the namespace once, as default', async () => {
    const sample = sampleProject();
    const a1 = flowOf(sample, 'a1-gewerberegister');
    const input = readFileSync(join(ROOT, 'samples/gewerbeanmeldung/messages/gewerbeanmeldung-01-einzelunternehmen.xml'), 'utf8');
    const expected = readFileSync(join(HANDWRITTEN, 'expected/a1-gewerberegister--gewerbeanmeldung-01-einzelunternehmen.xml'), 'utf8');
    const out = await run(compileProjectFlow(sample, a1).xslt, input);
    expect(compareXml(expected, out)).toEqual({ equal: true });
    expect(out).not.toContain('gm:');
    expect(out.match(/xmlns[:=]/g)).toEqual(['xmlns=']);
    expect(rootTag(out)).toBe(`<Gewerbemeldung xmlns="${GM}" version="1.2">`);
    // As small as the hand-written rule's output (which has no final newline).
    expect(out.replace(/\n$/, '').length).toBe(expected.replace(/\n$/, '').length);
  });

  it('keeps a target attribute in the default namespace prefixed, with its prefix declared and kept out of other elements', async () => {
    const target = tree(`<z:M xmlns:z="${NS}" z:a="1"><z:N>x</z:N></z:M>`);
    const xslt = compile(target, [NAME, { id: 'r2', target: `${Z}/@{${NS}}a`, value: { kind: 'const', value: 'eins' } }]);
    expect(header(xslt)).toContain(`xmlns="${NS}"`);
    expect(header(xslt)).toContain(`xmlns:z="${NS}"`);
    expect(header(xslt)).toMatch(/exclude-result-prefixes="xs z"/);
    expect(xslt).toContain('<M z:a="eins">');
    const out = await run(xslt, SRC);
    expect(compareXml(`<z:M xmlns:z="${NS}" z:a="eins"><z:N>Lena</z:N></z:M>`, out)).toEqual({ equal: true });
    // The attribute needs its prefix; the elements need nothing but the default namespace.
    expect(rootTag(out)).toMatch(new RegExp(`^<M (?=.*xmlns="${NS}")(?=.*xmlns:z="${NS}")(?=.*z:a="eins")`));
    expect(out).toContain('<N>Lena</N>');
  });

  it('excludes the default namespace prefix that hand-written XPath uses, so the output declares it once', async () => {
    const target = tree(`<z:M xmlns:z="${NS}"><z:N>x</z:N><z:C>x</z:C></z:M>`);
    const xslt = compile(target, [NAME, { id: 'r2', target: `${Z}/{${NS}}C`, value: { kind: 'xpath', text: "count(/z:Nichts) || '-' || /a/c" } }]);
    expect(header(xslt)).toContain(`xmlns="${NS}"`);
    expect(header(xslt)).toContain(`xmlns:z="${NS}"`);
    expect(header(xslt)).toMatch(/exclude-result-prefixes="xs z"/);
    const out = await run(xslt, SRC);
    expect(compareXml(`<M xmlns="${NS}"><N>Lena</N><C>0-7</C></M>`, out)).toEqual({ equal: true });
    expect(out.match(/xmlns[:=]/g)).toEqual(['xmlns=']);
  });

  it('keeps the prefix of elements in a second target namespace', async () => {
    const target = tree(`<z:M xmlns:z="${NS}" xmlns:y="${NS2}"><z:N>x</z:N><y:X>x</y:X></z:M>`);
    const xslt = compile(target, [NAME, { id: 'r2', target: `${Z}/{${NS2}}X`, value: { kind: 'source', path: '/a/c' } }]);
    expect(header(xslt)).toContain(`xmlns="${NS}"`);
    expect(header(xslt)).toContain(`xmlns:y="${NS2}"`);
    expect(header(xslt)).toMatch(/exclude-result-prefixes="xs"/);
    expect(xslt).toContain('<y:X>');
    const out = await run(xslt, SRC);
    expect(compareXml(`<M xmlns="${NS}" xmlns:y="${NS2}"><N>Lena</N><y:X>7</y:X></M>`, out)).toEqual({ equal: true });
  });
});

describe('falls back to prefixes where a default namespace is not safe', () => {
  it('an element in no namespace among namespaced ones (unprefixed, it would land in the default namespace)', async () => {
    const target = tree(`<z:M xmlns:z="${NS}"><z:N>x</z:N><code>x</code></z:M>`);
    // Without the no-namespace element the default namespace is used …
    expect(header(compile(target, [NAME]))).toContain(`xmlns="${NS}"`);
    // … with it, every element keeps its prefix and the unprefixed one stays in no namespace.
    const xslt = compile(target, [NAME, { id: 'r2', target: `${Z}/code`, value: { kind: 'const', value: 'c' } }]);
    expect(xslt).not.toContain('xmlns="');
    expect(xslt).toContain('<z:M>');
    expect(xslt).toContain('<code>c</code>');
    const out = await run(xslt, SRC);
    expect(compareXml(`<z:M xmlns:z="${NS}"><z:N>Lena</z:N><code>c</code></z:M>`, out)).toEqual({ equal: true });
  });

  it('the xdomea flow, whose code-list values are unqualified elements', () => {
    const sample = sampleProject();
    const xslt = compileProjectFlow(sample, flowOf(sample, 'dms-vorgang')).xslt;
    expect(xslt).not.toContain('xmlns="');
    expect(xslt).toContain('<xdomea:FVDaten.SGOAblegen.0605>');
    expect(xslt).toContain('<code>0605</code>');
  });

  it('a target root in no namespace', () => {
    const xslt = compile(tree('<o><n>x</n></o>'), [{ id: 'r1', target: '/o/n', value: { kind: 'source', path: '/a/n' } }]);
    expect(xslt).not.toContain('xmlns="');
    expect(xslt).toContain('<o>');
  });

  it('raw blocks kept by the XSLT import (written for their own namespace context)', () => {
    const target = tree(`<z:M xmlns:z="${NS}"><z:N>x</z:N></z:M>`);
    const xslt = compile(target, [NAME], [{ xslt: '<extra>roh</extra>', parent: Z, after: `${Z}/{${NS}}N` }]);
    expect(xslt).not.toContain('xmlns="');
    expect(xslt).toContain('<z:M>');
    expect(xslt).toContain('<z:N>');
    expect(xslt).toContain('<extra>roh</extra>');
  });

  it('a JSON target (the json-to-xml() vocabulary keeps its fn: prefix)', () => {
    const p = jsonProject();
    const f = flowOf(p, 'xml-json');
    const rules: MappingRule[] = [{ id: 'r1', target: `/${jsonStep('map')}/${jsonStep('string', 'vorgangsnummer')}`, value: { kind: 'const', value: 'V-1' } }];
    const real = messageTree(p.schemas, f.target).tree!;
    expect(real.find(rules[0].target), 'the rule names a node of the JSON tree').toBeDefined();
    // A JSON tree's nodes are named by their keys, in no namespace; even with names in a namespace a JSON
    // target is never written with a default namespace.
    const named = <N extends SchemaNode | undefined>(n: N): N => (n ? { ...n, name: { ns: FN, local: n.name.local } } : n);
    const target: SchemaTree = { root: named(real.root), children: (n) => real.children(n).map(named), find: (q) => named(real.find(q)) };
    for (const t of [real, target]) {
      const xslt = compileFlow({ project: { id: 'p', name: 'P' }, flow: { ...f, mapping: { ...f.mapping, rules } }, source: messageTree(p.schemas, f.source).tree, target: t }).xslt;
      expect(xslt).not.toContain('xmlns="');
      expect(xslt).toContain('<fn:map>');
      expect(xslt).toContain('<fn:string key="vorgangsnummer">V-1</fn:string>');
    }
  });
});
