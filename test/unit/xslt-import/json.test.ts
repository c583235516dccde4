/**
 * XSLT import of JSON rules (issue 4, §2 with §6): hand-written rules that read JSON through
 * json-to-xml() or build fn:map / fn:string … elements and serialise them with xml-to-json() import as
 * far as they map onto the JSON path contract (src/core/schema/json/paths.ts); the rest is kept raw and
 * reported. The re-compiled rule gives the same output as the hand-written one (SaxonJS).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { compileProjectFlow } from '../../../src/core/compiler/index.ts';
import { formatDiagnostic } from '../../../src/core/diagnostics.ts';
import type { Flow } from '../../../src/core/model/project.ts';
import { prepareInput } from '../../../src/core/runner/input.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { compareXml } from '../../../src/core/runner/xml-compare.ts';
import { FN, jsonStep } from '../../../src/core/schema/json/paths.ts';
import { importXslt } from '../../../src/core/xslt-import/index.ts';
import { flowOf, JSON_SAMPLE, jsonProject, SMALL_NS } from './fixtures.ts';

const engine = createNodeEngine();
afterAll(() => engine.dispose());

const project = jsonProject();
const XSL = 'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"';
const s = (kind: Parameters<typeof jsonStep>[0], key?: string) => '/' + jsonStep(kind, key);

async function run(xslt: string, input: string): Promise<string> {
  const r = await engine.transform({ stylesheet: xslt, input: prepareInput(input), timeoutMs: 60_000 });
  if (!r.ok) throw new Error(`${r.error.message}\n${xslt}`);
  return r.output;
}

/** Imports into an empty copy of the flow, compiles the result; fails loudly on a hard error. */
function importInto(id: string, text: string) {
  const base = flowOf(project, id);
  const r = importXslt(text, { project, flow: base, file: 'regel.xsl' });
  expect(r.ok, r.report.map(formatDiagnostic).join('\n')).toBe(true);
  const flow: Flow = { ...base, mapping: r.mapping };
  const c = compileProjectFlow(project, flow);
  expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { r, flow, xslt: c.xslt, codes: r.report.map((d) => d.code) };
}

const SRC_ROOT = s('map');
const PERSON = `${SRC_ROOT}${s('map', 'G17003529')}`;
const ITEMS = `${SRC_ROOT}${s('array', 'G17003530')}${s('map')}`;

describe('XSLT import: a JSON source (json-to-xml)', () => {
  const handwritten = `<xsl:stylesheet ${XSL} version="3.0" xmlns:j="${FN}" xmlns:t="${SMALL_NS.t}" exclude-result-prefixes="j">
  <xsl:output method="xml" indent="yes" encoding="UTF-8"/>
  <xsl:param name="antrag" select="'antrag.json'"/>
  <xsl:variable name="doc" select="json-to-xml(string(/*))"/>
  <xsl:template match="/">
    <t:Nachricht version="1">
      <t:Person>
        <t:Name><xsl:value-of select="$doc/j:map/j:map[@key='G17003529']/j:string[@key='F17005455']"/></t:Name>
        <t:Vorname><xsl:value-of select="upper-case($doc/j:map/j:map[@key = 'G17003529']/j:string[@key = &quot;F17005454&quot;])"/></t:Vorname>
      </t:Person>
      <xsl:for-each select="$doc/j:map/j:array[@key='G17003530']/j:map">
        <t:Posten nr="{position()}">
          <t:Text><xsl:value-of select="j:string[@key='F17005500']"/></t:Text>
          <xsl:for-each select="j:array[@key='G17003531']/j:string">
            <t:Tag><xsl:value-of select="."/></t:Tag>
          </xsl:for-each>
        </t:Posten>
      </xsl:for-each>
      <t:Bereich><xsl:value-of select="$doc/j:map/j:string[@key=('Ort' || codepoints-to-string(47) || 'Straße ''alt''')]"/></t:Bereich>
      <t:Leer><xsl:copy-of select="$doc/j:map/j:boolean/@key"/></t:Leer>
    </t:Nachricht>
  </xsl:template>
</xsl:stylesheet>`;

  it('reads $doc := json-to-xml(…) as the JSON document and fn:… [@key] steps as tree paths', async () => {
    const { r, xslt, codes } = importInto('json-xml', handwritten);
    const byTarget = new Map(r.mapping.rules.map((x) => [x.target.split('/').slice(2).join('/').replace(/\{[^}]*\}/g, ''), x]));
    expect(byTarget.get('Person/Name')?.value).toEqual({ kind: 'source', path: `${PERSON}${s('string', 'F17005455')}` });
    expect(byTarget.get('Person/Vorname')?.value).toEqual({ kind: 'call', fn: 'upper-case', args: [{ kind: 'source', path: `${PERSON}${s('string', 'F17005454')}` }] });
    expect(byTarget.get('Posten')?.forEach).toEqual({ source: ITEMS });
    expect(byTarget.get('Posten/Text')?.value).toEqual({ kind: 'source', path: `${ITEMS}${s('string', 'F17005500')}` });
    expect(byTarget.get('Posten/Tag')?.value).toEqual({ kind: 'source', path: `${ITEMS}${s('array', 'G17003531')}${s('string')}` });
    // A key with "/" and "'" (written with codepoints-to-string): the contract's step.
    expect(byTarget.get('Bereich')?.value).toEqual({ kind: 'source', path: `${SRC_ROOT}${s('string', "Ort/Straße 'alt'")}` });
    // What the model cannot say stays raw, reported.
    expect(r.stats.raw).toBe(1);
    expect(codes).toContain('xslt-import.raw');
    expect(codes).toContain('xslt-import.json-doc');
    expect(r.mapping.variables).toEqual([]);
    expect(xslt).toContain('<xsl:variable name="json" select="json-to-xml(string(/*))"/>');
    expect(compareXml(await run(handwritten, JSON_SAMPLE), await run(xslt, JSON_SAMPLE))).toEqual({ equal: true });
  });

  it('reads json-to-xml(unparsed-text(…)) and apply-templates over json-to-xml(.), reporting where the JSON now comes from', () => {
    const text = `<xsl:stylesheet ${XSL} version="3.0" xmlns:t="${SMALL_NS.t}" xpath-default-namespace="${FN}">
  <xsl:param name="datei" select="'antrag.json'"/>
  <xsl:variable name="antrag" select="json-to-xml(unparsed-text($datei))"/>
  <xsl:template match="/">
    <xsl:apply-templates select="json-to-xml(.)/map"/>
  </xsl:template>
  <xsl:template match="map">
    <t:Nachricht>
      <t:Person><t:Name><xsl:value-of select="map[@key='G17003529']/string[@key='F17005455']"/></t:Name></t:Person>
      <t:Bereich><xsl:value-of select="$antrag/map/number[@key='F60000231']"/></t:Bereich>
    </t:Nachricht>
  </xsl:template>
</xsl:stylesheet>`;
    const { r, codes } = importInto('json-xml', text);
    expect(codes).toContain('xslt-import.json-input');
    expect(r.report.find((d) => d.code === 'xslt-import.json-input')?.message).toContain('unparsed-text($datei)');
    expect(r.mapping.rules.map((x) => x.value)).toEqual([
      undefined,
      { kind: 'source', path: `${PERSON}${s('string', 'F17005455')}` },
      { kind: 'source', path: `${SRC_ROOT}${s('number', 'F60000231')}` },
    ].filter(Boolean));
    expect(r.stats.raw).toBe(0);
  });
});

describe('XSLT import: JSON read with wildcard steps', () => {
  it('`*[@key=…]` is the member whatever its type, `*` after an array the array\'s items', async () => {
    const text = `<xsl:stylesheet ${XSL} version="3.0" xmlns:t="${SMALL_NS.t}">
  <xsl:template match="/">
    <xsl:variable name="j" select="json-to-xml(.)"/>
    <t:Nachricht>
      <t:Person><t:Name><xsl:value-of select="$j/*/*[@key='G17003529']/*[@key='F17005455']"/></t:Name></t:Person>
      <xsl:for-each select="$j/*/*[@key='G17003530']/*">
        <t:Posten><t:Text><xsl:value-of select="*[@key='F17005500']"/></t:Text></t:Posten>
      </xsl:for-each>
    </t:Nachricht>
  </xsl:template>
</xsl:stylesheet>`;
    const { r, xslt } = importInto('json-xml', text);
    expect(r.stats.raw).toBe(0);
    expect(r.mapping.rules.map((x) => x.value ?? x.forEach)).toEqual([
      { kind: 'source', path: `${PERSON}${s('string', 'F17005455')}` },
      { source: ITEMS },
      { kind: 'source', path: `${ITEMS}${s('string', 'F17005500')}` },
    ]);
    expect(compareXml(await run(text, JSON_SAMPLE), await run(xslt, JSON_SAMPLE))).toEqual({ equal: true });
  });
});

describe('XSLT import: a JSON target (fn:map … serialised with xml-to-json)', () => {
  const TGT = s('map');
  const POSTEN = `${TGT}${s('array', 'posten')}${s('map')}`;
  const handwritten = `<xsl:stylesheet ${XSL} version="3.0" xmlns="${FN}" xmlns:q="${SMALL_NS.q}" exclude-result-prefixes="q">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:variable name="ergebnis" as="element()">
      <map>
        <string key="vorgangsnummer"><xsl:value-of select="/serviceportal-fields/kopf/instance_1/id"/></string>
        <map key="antragsteller">
          <string key="name"><xsl:value-of select="/serviceportal-fields/person/instance_1/name"/></string>
          <boolean key="volljaehrig">true</boolean>
        </map>
        <array key="posten">
          <xsl:for-each select="/serviceportal-fields/posten/*[starts-with(local-name(), 'instance_')]">
            <map>
              <string key="text"><xsl:value-of select="text"/></string>
              <number key="betrag"><xsl:value-of select="betrag"/></number>
              <array key="tags">
                <xsl:for-each select="tags/tag"><string><xsl:value-of select="."/></string></xsl:for-each>
              </array>
            </map>
          </xsl:for-each>
        </array>
        <number key="anzahl"><xsl:value-of select="count(/serviceportal-fields/posten/*)"/></number>
        <string key="{'extra'}">berechneter Schlüssel</string>
      </map>
    </xsl:variable>
    <xsl:sequence select="xml-to-json($ergebnis)"/>
  </xsl:template>
</xsl:stylesheet>`;

  it('reads the content of the serialised variable as the target, arrays of members as their items', async () => {
    const base = flowOf(project, 'xml-json');
    const { r, xslt, codes } = importInto('xml-json', handwritten);
    const targets = r.mapping.rules.map((x) => x.target);
    expect(targets).toContain(`${TGT}${s('string', 'vorgangsnummer')}`);
    expect(targets).toContain(`${TGT}${s('map', 'antragsteller')}${s('boolean', 'volljaehrig')}`);
    const posten = r.mapping.rules.find((x) => x.target === POSTEN);
    expect(posten?.forEach?.source).toBe('/serviceportal-fields/posten/instance_*');
    expect(r.mapping.rules.find((x) => x.target === `${POSTEN}${s('array', 'tags')}${s('string')}`)?.forEach).toBeUndefined();
    // The computed key is kept raw (in place, inside the map), the indent difference reported.
    expect(r.stats.raw).toBe(1);
    expect(r.mapping.raw?.[0]).toMatchObject({ parent: TGT });
    expect(codes).toContain('xslt-import.json-indent');
    expect(xslt).toContain('xml-to-json($result');
    const original = JSON.parse(await run(handwritten, base.samples[0].content));
    expect(original.posten[1]).toEqual({ text: 'Zwei', betrag: 20, tags: ['c'] });
    expect(JSON.parse(await run(xslt, base.samples[0].content))).toEqual(original);
  });

  it('JSON into JSON: a rule written by the compiler comes back identical, in both template modes', () => {
    const base = flowOf(project, 'json-json');
    const mapping = {
      ...base.mapping,
      rules: [
        { id: 'r1', target: `${TGT}${s('string', 'vorgangsnummer')}`, value: { kind: 'source' as const, path: `${PERSON}${s('string', 'F17005455')}` } },
        { id: 'r2', target: POSTEN, forEach: { source: ITEMS } },
        { id: 'r3', target: `${POSTEN}${s('string', 'text')}`, value: { kind: 'source' as const, path: `${ITEMS}${s('string', 'F17005500')}` } },
        { id: 'r4', target: `${POSTEN}${s('number', 'betrag')}`, value: { kind: 'source' as const, path: `${ITEMS}${s('number', 'F17005501')}` } },
        { id: 'r5', target: `${POSTEN}${s('array', 'tags')}${s('string')}`, value: { kind: 'source' as const, path: `${ITEMS}${s('array', 'G17003531')}${s('string')}` } },
      ],
    };
    for (const options of [undefined, { templates: 'structures' as const }]) {
      const flow: Flow = { ...base, mapping: options ? { ...mapping, options } : mapping };
      const c = compileProjectFlow(project, flow);
      const r = importXslt(c.xslt, { project, flow });
      expect(r.report.filter((d) => d.severity !== 'info')).toEqual([]);
      expect(r.mapping).toEqual(flow.mapping);
    }
  });

  it('a computed member name, or a JSON element the target schema does not have: kept raw with the reason', () => {
    const text = `<xsl:stylesheet ${XSL} version="3.0" xmlns:fn="${FN}">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:variable name="r"><fn:map><fn:string key="gibtsnicht">x</fn:string><fn:number key="{'anzahl'}">1</fn:number></fn:map></xsl:variable>
    <xsl:value-of select="xml-to-json($r)"/>
  </xsl:template>
</xsl:stylesheet>`;
    const r = importXslt(text, { project, flow: flowOf(project, 'xml-json') });
    expect(r.ok).toBe(true);
    expect(r.stats.raw).toBe(2);
    const why = r.report.filter((d) => d.code === 'xslt-import.raw').map((d) => d.message);
    expect(why.some((m) => m.includes('JSON-Element string "gibtsnicht" gibt es im Zielschema'))).toBe(true);
    expect(why.some((m) => m.includes('berechneter JSON-Schlüssel'))).toBe(true);
  });
});
