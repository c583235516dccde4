/**
 * The rule sandbox: rules may not read files or URLs, write result documents or run JavaScript.
 * Layer 1 is the static check (sandbox.ts); layer 2 is the run-time platform in saxon-host.cjs, tested
 * here with layer 1 switched off.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransformResult } from '../../../src/core/runner/engine.ts';
import { checkStylesheet, sandboxDiagnostics, sandboxError } from '../../../src/core/runner/sandbox.ts';
import { createNodeEngine, type NodeSaxonEngine } from '../../../src/core/runner/saxon-node.ts';
import { xsl } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'rw-sandbox-'));
const SECRET = 'GEHEIM-4711';
writeFileSync(join(dir, 'secret.xml'), `<secret>${SECRET}</secret>`);
writeFileSync(join(dir, 'secret.txt'), SECRET);
writeFileSync(join(dir, 'secret.json'), JSON.stringify({ s: SECRET }));
writeFileSync(join(dir, 'inc.xsl'), `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:variable name="s" select="'${SECRET}'"/></xsl:stylesheet>`);
const url = (f: string) => pathToFileURL(join(dir, f)).href;

/** One stylesheet per refused feature: [feature, stylesheet, expected static code]. */
const FORBIDDEN: Array<[string, string, string]> = [
  ['doc', xsl(`<out><xsl:value-of select="doc('${url('secret.xml')}')"/></out>`), 'sandbox.doc'],
  ['document', xsl(`<out><xsl:value-of select="document('${url('secret.xml')}')"/></out>`), 'sandbox.document'],
  ['unparsed-text', xsl(`<out><xsl:value-of select="unparsed-text('${url('secret.txt')}')"/></out>`), 'sandbox.unparsed-text'],
  ['collection', xsl(`<out><xsl:value-of select="count(collection('${pathToFileURL(dir).href}'))"/></out>`), 'sandbox.collection'],
  ['json-doc', xsl(`<out><xsl:value-of select="json-doc('${url('secret.json')}')?s"/></out>`), 'sandbox.json-doc'],
  ['result-document', xsl(`<xsl:result-document href="${url('written.xml')}"><x>${SECRET}</x></xsl:result-document><out/>`), 'sandbox.result-document'],
];

function expectError(r: TransformResult) {
  if (r.ok) throw new Error('expected an error, got output: ' + r.output);
  return r.error;
}

describe('static sandbox check', () => {
  it.each(FORBIDDEN)('refuses %s with a located finding', (_name, stylesheet, code) => {
    const e = sandboxError(stylesheet);
    expect(e).toMatchObject({ kind: 'sandbox', code, where: 'stylesheet', line: 3 });
  });

  const refused: Array<[string, string]> = [
    ['fn: prefix', xsl(`<out xmlns:fn="http://www.w3.org/2005/xpath-functions"><xsl:value-of select="fn:doc('x')"/></out>`)],
    ['EQName', xsl(`<out><xsl:value-of select="Q{http://www.w3.org/2005/xpath-functions}unparsed-text('x')"/></out>`)],
    ['named function reference', xsl(`<out><xsl:value-of select="('x') ! doc#1(.)"/></out>`)],
    ['space and comment before (', xsl(`<out><xsl:value-of select="doc (: hm :) ('x')"/></out>`)],
    ['doc-available', xsl(`<out><xsl:value-of select="doc-available('x')"/></out>`)],
    ['unparsed-text-lines', xsl(`<out><xsl:value-of select="unparsed-text-lines('x')"/></out>`)],
    ['uri-collection', xsl(`<out><xsl:value-of select="uri-collection()"/></out>`)],
    ['function-lookup', xsl(`<out><xsl:value-of select="function-lookup(xs:QName('fn:doc'), 1)('x')"/></out>`)],
    ['fn:transform', xsl(`<out><xsl:value-of select="transform(map{'stylesheet-location': 'x.xsl'})?output"/></out>`)],
    ['AVT of a literal result element', xsl(`<out a="{doc('x')}"/>`)],
    ['text value template', xsl(`<out xsl:expand-text="yes">{unparsed-text('x')}</out>`)],
    ['text value template split by CDATA', xsl(`<out xsl:expand-text="yes">{unparsed-<![CDATA[text('x')}]]></out>`)],
    ['character reference in name', xsl(`<out><xsl:value-of select="&#100;oc('x')"/></out>`)],
    ['xsl:use-when on a literal result element', xsl(`<out xsl:use-when="doc-available('x')"/>`)],
    ['use-when on an XSLT element', xsl(`<out/>`, `<xsl:variable name="v" use-when="unparsed-text-available('x')" select="1"/>\n`)],
    ['xsl:evaluate', xsl(`<out><xsl:evaluate xpath="'1+1'"/></out>`)],
    ['xsl:include', xsl('<out/>', `<xsl:include href="${url('inc.xsl')}"/>\n`)],
    ['xsl:import', xsl('<out/>', `<xsl:import href="${url('inc.xsl')}"/>\n`)],
    ['xsl:source-document', xsl(`<xsl:source-document href="x.xml"><out/></xsl:source-document>`)],
    ['shadow attribute', xsl(`<out><xsl:value-of _select="{'1'}"/></out>`)],
    ['ixsl namespace', xsl(`<out><xsl:value-of select="ixsl:eval('1')" xmlns:ixsl="http://saxonica.com/ns/interactiveXSLT"/></out>`)],
    ['js namespace by EQName', xsl(`<out><xsl:value-of select="Q{http://saxonica.com/ns/globalJS}eval('1')"/></out>`)],
    ['DOCTYPE', '<!DOCTYPE xsl:stylesheet [<!ENTITY d "doc">]>\n' + xsl('<out/>')],
  ];
  it.each(refused)('refuses %s', (_name, stylesheet) => {
    expect(sandboxError(stylesheet)?.kind).toBe('sandbox');
  });

  const allowed: Array<[string, string]> = [
    ['names in string literals', xsl(`<out a="{concat('doc(', &quot;unparsed-text(x)&quot;)}"><xsl:value-of select="'json-doc(1)'"/></out>`)],
    ['elements named like functions', xsl(`<out><xsl:value-of select="/doc/document/collection"/><xsl:apply-templates select="doc"/></out>`)],
    ['kind tests and longer names', xsl(`<out><xsl:value-of select="(/ instance of document-node()), my-doc(1)" xmlns:my="urn:x"/></out>`, '<xsl:function name="my-doc" xmlns=""><xsl:param name="x"/></xsl:function>\n').replace('name="my-doc"', 'name="my:doc" xmlns:my="urn:x"').replace('my-doc(1)', 'my:doc(1)')],
    ['user function named doc in own namespace', xsl(`<out><xsl:value-of select="f:doc(1)"/></out>`, '<xsl:function name="f:doc" xmlns:f="urn:f"><xsl:param name="x"/><xsl:sequence select="$x"/></xsl:function>\n').replace('<xsl:stylesheet ', '<xsl:stylesheet xmlns:f="urn:f" ')],
    ['braces in literal text without expand-text', xsl(`<out>{doc('x')}</out>`)],
    ['result-document without href', xsl(`<xsl:result-document method="xml" indent="yes"><out/></xsl:result-document>`)],
    ['escaped braces in an AVT', xsl(`<out a="{{doc('x')}}"/>`)],
  ];
  it.each(allowed)('allows %s', (_name, stylesheet) => {
    const c = checkStylesheet(stylesheet);
    expect(c.ok && c.findings).toEqual([]);
  });

  it('lists every finding as a diagnostic', () => {
    const ds = sandboxDiagnostics(xsl(`<out><xsl:value-of select="doc('a')"/>\n<xsl:value-of select="unparsed-text('b')"/></out>`), 'rule.xsl');
    expect(ds.map((d) => [d.code, d.location?.line])).toEqual([
      ['sandbox.doc', 3],
      ['sandbox.unparsed-text', 4],
    ]);
  });
});

describe('sandbox in the Node engine', () => {
  let engine: NodeSaxonEngine;
  let runtimeOnly: NodeSaxonEngine;
  beforeAll(async () => {
    engine = createNodeEngine();
    runtimeOnly = createNodeEngine({ staticSandboxCheck: false });
    await Promise.all([engine.warmUp(), runtimeOnly.warmUp()]);
  });
  afterAll(() => {
    engine.dispose();
    runtimeOnly.dispose();
  });

  it.each(FORBIDDEN)('refuses %s before running it', async (_name, stylesheet, code) => {
    const e = expectError(await engine.transform({ stylesheet, input: '<a/>' }));
    expect(e).toMatchObject({ kind: 'sandbox', code, line: 3 });
  });

  it.each(FORBIDDEN)('refuses %s at run time too (static check off)', async (_name, stylesheet) => {
    const r = await runtimeOnly.transform({ stylesheet, input: '<a/>' });
    const e = expectError(r);
    expect(e.kind).toBe('sandbox');
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  const dynamic: Array<[string, string]> = [
    ['doc-available (error swallowed)', xsl(`<out><xsl:value-of select="doc-available('${url('secret.xml')}')"/></out>`)],
    ['xsl:try around doc()', xsl(`<out><xsl:try select="string(doc('${url('secret.xml')}'))"><xsl:catch select="'caught'"/></xsl:try></out>`)],
    ['xsl:include', xsl('<out><xsl:value-of select="$s"/></out>', `<xsl:include href="${url('inc.xsl')}"/>\n`)],
    ['doc() by function-lookup', xsl(`<out><xsl:value-of select="function-lookup(xs:QName('fn:' || 'doc'), 1)('${url('secret.xml')}')" xmlns:fn="http://www.w3.org/2005/xpath-functions"/></out>`)],
    ['doc() inside xsl:evaluate', xsl(`<out><xsl:evaluate xpath="'d' || 'oc(&quot;${url('secret.xml')}&quot;)'"/></out>`)],
    ['ixsl:eval by function-lookup', xsl(`<out><xsl:value-of select="function-lookup(QName('http://saxonica.com/ns/' || 'interactiveXSLT', 'eval'), 1)('6*7')"/></out>`)],
    ['js: by xsl:evaluate', xsl(`<out><xsl:evaluate xpath="'Q{http://saxonica.com/ns/' || 'globalJS}eval(&quot;6*7&quot;)'"/></out>`)],
  ];
  it.each(dynamic)('refuses %s at run time', async (_name, stylesheet) => {
    const r = await runtimeOnly.transform({ stylesheet, input: '<a/>' });
    const e = expectError(r);
    expect(JSON.stringify(r)).not.toContain(SECRET);
    expect(JSON.stringify(r)).not.toContain('>42<');
    expect(['sandbox', 'compile', 'runtime']).toContain(e.kind);
  });

  it('never wrote a result document', async () => {
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(dir, 'written.xml'))).toBe(false);
  });
});
