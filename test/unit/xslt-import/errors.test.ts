/**
 * Bad input to the XSLT import: a clear report saying what and where, and nothing changed (the result
 * carries the flow's mapping as it was).
 */
import { describe, expect, it } from 'vitest';
import { emptyMapping } from '../../../src/core/model/project.ts';
import { importXslt } from '../../../src/core/xslt-import/index.ts';
import { flowOf, sampleProject } from './fixtures.ts';

const project = sampleProject();
const flow = flowOf(project, 'a1-gewerberegister');
const XSL = 'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"';

function hardError(text: string, code: string) {
  const r = importXslt(text, { project, flow, file: 'regel.xsl' });
  expect(r.ok).toBe(false);
  expect(r.mapping).toBe(flow.mapping);
  expect(r.stats.rules).toBe(0);
  expect(r.report.length).toBeGreaterThan(0);
  expect(r.report.every((d) => d.severity === 'error' && d.code === code), JSON.stringify(r.report)).toBe(true);
  return r.report;
}

describe('XSLT import: bad input', () => {
  it('text that is not XML: not-xml with line and column', () => {
    const [d] = hardError(`<xsl:stylesheet ${XSL} version="3.0">\n  <xsl:template match="/">\n</xsl:stylesheet>`, 'xslt-import.not-xml');
    expect(d.message).toMatch(/^Keine XSLT-Datei: Nicht wohlgeformtes XML/);
    expect(d.location).toMatchObject({ file: 'regel.xsl', line: 3 });
    hardError('{"formatVersion": 1}', 'xslt-import.not-xml');
    hardError('', 'xslt-import.not-xml');
  });

  it('XML that is not XSLT: names the root element found', () => {
    const [d] = hardError('<html><body>Regel</body></html>', 'xslt-import.not-xslt');
    expect(d.message).toContain('<html>');
    hardError('<stylesheet version="3.0"/>', 'xslt-import.not-xslt');
  });

  it('extension functions and extension elements: named with their line, nothing imported', () => {
    const text = `<xsl:stylesheet ${XSL} xmlns:saxon="http://saxon.sf.net/" version="3.0">
  <xsl:template match="/">
    <x><xsl:value-of select="saxon:evaluate('1 + 1')"/></x>
  </xsl:template>
</xsl:stylesheet>`;
    const [d] = hardError(text, 'xslt-import.extension');
    expect(d.message).toContain('saxon:evaluate');
    expect(d.location?.line).toBe(3);
    hardError(`<xsl:stylesheet ${XSL} xmlns:ex="urn:ex" extension-element-prefixes="ex" version="3.0"><xsl:template match="/"><ex:do/></xsl:template></xsl:stylesheet>`, 'xslt-import.extension');
  });

  it('functions the stylesheet declares itself are not extension functions', () => {
    const text = `<xsl:stylesheet ${XSL} xmlns:f="urn:f" xmlns:xs="http://www.w3.org/2001/XMLSchema" version="3.0">
  <xsl:function name="f:x" as="xs:string"><xsl:sequence select="'x'"/></xsl:function>
  <xsl:template match="/"><xsl:value-of select="f:x()"/></xsl:template>
</xsl:stylesheet>`;
    const r = importXslt(text, { project, flow: { ...flow, mapping: emptyMapping() } });
    expect(r.ok).toBe(true);
    expect(r.report.some((d) => d.code === 'xslt-import.raw' && d.message.includes('<xsl:function>'))).toBe(true);
  });

  it('an XPath syntax error: where it is (element, attribute, character, line)', () => {
    const text = `<xsl:stylesheet ${XSL} version="3.0">\n<xsl:template match="/">\n<xsl:value-of select="concat('a', )"/>\n</xsl:template>\n</xsl:stylesheet>`;
    const [d] = hardError(text, 'xslt-import.xpath-syntax');
    expect(d.message).toContain('<xsl:value-of> @select bei Zeichen 13');
    expect(d.location?.line).toBe(3);
  });

  it('no template for the document or the source root: nothing imported', () => {
    hardError(`<xsl:stylesheet ${XSL} version="3.0"><xsl:template name="main"/></xsl:stylesheet>`, 'xslt-import.no-entry');
  });

  it('a flow without a target message type', () => {
    const none = flowOf(project, 'einreichung');
    const r = importXslt(`<xsl:stylesheet ${XSL} version="3.0"><xsl:template match="/"/></xsl:stylesheet>`, { project, flow: none });
    expect(r.ok).toBe(false);
    expect(r.report[0].code).toBe('xslt-import.no-target');
    expect(r.mapping).toBe(none.mapping);
  });

  it('a flow reading JSON: a rule that makes no target root is imported with a warning saying so (json.test.ts has the JSON cases)', () => {
    const set = { id: 'json', name: 'JSON', kind: 'sample-json' as const, files: [{ name: 'a.json', content: '{"F1": "x"}' }] };
    const jsonFlow = { ...flow, source: { schemaId: 'json', root: { ns: 'http://www.w3.org/2005/xpath-functions', local: 'map' } } };
    const p = { ...project, schemas: [...project.schemas, set], flows: project.flows.map((f) => (f.id === flow.id ? jsonFlow : f)) };
    const r = importXslt(`<xsl:stylesheet ${XSL} version="3.0"><xsl:template match="/"/></xsl:stylesheet>`, { project: p, flow: jsonFlow });
    expect(r.ok).toBe(true);
    expect(r.report.map((d) => d.code)).toContain('xslt-import.no-root');
    expect(r.mapping.rules).toEqual([]);
  });

  it('elements the target schema does not have are kept raw, with the reason', () => {
    const text = `<xsl:stylesheet ${XSL} xmlns="http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2" version="3.0">
  <xsl:template match="/">
    <Gewerbemeldung version="1.2"><Kopfdaten><Unbekannt>x</Unbekannt></Kopfdaten></Gewerbemeldung>
  </xsl:template>
</xsl:stylesheet>`;
    const r = importXslt(text, { project, flow: { ...flow, mapping: emptyMapping() } });
    expect(r.ok).toBe(true);
    expect(r.raw).toEqual([{ xslt: '<Unbekannt xmlns="http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2">x</Unbekannt>', parent: '/{http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2}Gewerbemeldung/{http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2}Kopfdaten' }]);
    expect(r.report.find((d) => d.code === 'xslt-import.raw')?.message).toContain('Unbekannt gibt es im Zielschema unter Kopfdaten nicht');
  });
});
