/**
 * The shared output-XML scanner (used by "value in sample" and the trace): its events checked against
 * saxes (a full XML parser) on the real outputs of the sample flows and on a document with every kind
 * of markup, its problems on malformed text (located, never thrown), and its helpers.
 */
import { createRequire } from 'node:module';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { compileProjectFlow } from '../../../src/core/compiler/index.ts';
import { prettyPrintXml } from '../../../src/core/runner/engine.ts';
import { sampleValues } from '../../../src/core/runner/sample-values.ts';
import { decodeXmlText, scanXml, xmlAttributes, xmlTagName, type XmlScanProblem } from '../../../src/core/runner/xml-scan.ts';
import { scanElements } from '../../../src/ui/run/trace.ts';
import { sampleProject } from '../run/helpers.ts';

const SaxonJS = createRequire(import.meta.url)('saxon-js');

/** The events of a text as strings, from the scanner (adjacent text joined, entities resolved). */
function ours(xml: string): { events: string[]; problem?: XmlScanProblem } {
  const events: string[] = [];
  let text = '';
  const flush = () => {
    if (text.trim()) events.push(`text ${text.trim()}`);
    text = '';
  };
  const problem = scanXml(xml, {
    open(lt, end, empty) {
      flush();
      const attrs = xmlAttributes(xml, lt, end).map((a) => `${a.name}=${decodeXmlText(a.value)}`);
      events.push(`open ${xmlTagName(xml, lt)} ${attrs.join(' ')}`.trim());
      if (empty) events.push(`close ${xmlTagName(xml, lt)}`);
    },
    close(lt) {
      flush();
      events.push(`close ${xmlTagName(xml, lt)}`);
    },
    text: (from, to) => void (text += decodeXmlText(xml.slice(from, to))),
    cdata: (from, to) => void (text += xml.slice(from, to)),
    pi(target, data) {
      flush();
      events.push(`pi ${target} ${data}`);
    },
  });
  flush();
  return { events, problem };
}

/** The same events from saxes. */
function theirs(xml: string): string[] {
  const events: string[] = [];
  let text = '';
  const flush = () => {
    if (text.trim()) events.push(`text ${text.trim()}`);
    text = '';
  };
  const p = new SaxesParser({ xmlns: false, position: false });
  p.on('opentag', (t) => {
    flush();
    events.push(`open ${t.name} ${Object.entries(t.attributes).map(([k, v]) => `${k}=${v}`).join(' ')}`.trim());
  });
  p.on('closetag', (t) => {
    flush();
    events.push(`close ${t.name}`);
  });
  p.on('text', (t) => void (text += t));
  p.on('cdata', (t) => void (text += t));
  p.on('processinginstruction', (pi) => {
    flush();
    events.push(`pi ${pi.target} ${pi.body.trim()}`);
  });
  p.on('xmldecl', (d) => events.push(`pi xml version="${d.version}"${d.encoding ? ` encoding="${d.encoding}"` : ''}`));
  p.write(xml).close();
  flush();
  return events;
}

const project = sampleProject();
const run = (xsl: string, xml: string): string =>
  SaxonJS.XPath.evaluate("transform(map{'stylesheet-text': $xsl, 'source-node': parse-xml($xml), 'delivery-format': 'serialized'})?output", [], { params: { xsl, xml } });

/** Every kind of markup the scanner must get past. */
const TRICKY = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE r [ <!ENTITY e "x"> <!ELEMENT r ANY> ]>
<!-- a comment with <tags/> and > and - single dashes - and <b attr="x"> -->
<r xmlns="urn:r" xmlns:p="urn:p" a="1 &gt; 0" b='say "hi" > there' c="it's > it is">
  <?pi-target some data with <angle> brackets ?>
  <p:x p:k="v&amp;w">text &lt;escaped&gt; &#228;&#xFC;<![CDATA[<not-a-tag attr=">"/> ]] ]>]]>tail</p:x>
  <empty/><empty2 /><empty3 k="/>"/>
  <p:deep><p:deeper q='&quot;'>d</p:deeper></p:deep>
  <?regelwerk-rule r1 @k=r2?><last>'quoted' "text" > end</last>
</r>
<!-- after -->
`;

describe('scanXml: events as a full parser reports them', () => {
  it('reads comments, CDATA, instructions, attributes with ">" and quotes, namespaces and empty-element tags', () => {
    const { events, problem } = ours(TRICKY);
    expect(problem).toBeUndefined();
    // saxes has no entity for the DOCTYPE's internal subset declarations but reports everything else.
    expect(events).toEqual(theirs(TRICKY));
    expect(events).toContain('open r xmlns=urn:r xmlns:p=urn:p a=1 > 0 b=say "hi" > there c=it\'s > it is');
    expect(events).toContain('text text <escaped> äü<not-a-tag attr=">"/> ]] ]>tail');
    expect(events).toContain('open empty3 k=/>');
    expect(events.filter((e) => e.startsWith('pi '))).toEqual(['pi xml version="1.0" encoding="UTF-8"', 'pi pi-target some data with <angle> brackets', 'pi regelwerk-rule r1 @k=r2']);
  });

  it('agrees with saxes on the real outputs of the sample flows', () => {
    for (const id of ['a1-gewerberegister', 'dms-vorgang']) {
      const f = project.flows.find((x) => x.id === id)!;
      const raw = run(compileProjectFlow(project, f).xslt, f.samples[0].content);
      for (const xml of [raw, prettyPrintXml(raw)]) {
        const { events, problem } = ours(xml);
        expect(problem).toBeUndefined();
        expect(events).toEqual(theirs(xml));
        expect(events.length).toBeGreaterThan(50);
      }
    }
  });

  it('gives start-tag offsets that slice out exactly the tag, and offsets of each attribute', () => {
    const xml = '<a x="1" y=\'>\'><b/><c k = "v">t</c></a>';
    const tags: string[] = [];
    scanXml(xml, { open: (lt, end) => void tags.push(xml.slice(lt, end)) });
    expect(tags).toEqual(['<a x="1" y=\'>\'>', '<b/>', '<c k = "v">']);
    const attrs = xmlAttributes(xml, 0, tags[0].length);
    expect(attrs.map((a) => [a.name, a.value, xml.slice(a.start, a.end)])).toEqual([
      ['x', '1', 'x="1"'],
      ['y', '>', "y='>'"],
    ]);
    expect(xmlTagName('<p:x a="1"/>', 0)).toBe('p:x');
    expect(xmlTagName('</p:x >', 0)).toBe('p:x');
  });
});

describe('scanXml on malformed text: never throws, says what and where', () => {
  const cases: [string, string, number][] = [
    ['<a><b></a>', 'mismatched-end-tag', 6],
    ['<a></a></b>', 'stray-end-tag', 7],
    ['<a><b>', 'unclosed-element', 3],
    ['<a x="1>', 'unterminated', 0],
    ['<a><!-- no end', 'unterminated', 3],
    ['<a><![CDATA[ no end', 'unterminated', 3],
    ['<a><?pi no end', 'unterminated', 3],
    ['<a>1 < 2</a>', 'bad-tag', 5],
    ['<a>\n  <b>\n</a>', 'mismatched-end-tag', 10],
    ['<', 'bad-tag', 0],
  ];
  it.each(cases)('%j → %s at %i', (xml, code, offset) => {
    const p = scanXml(xml, { open() {}, close() {}, text() {}, cdata() {}, pi() {} });
    expect(p).toMatchObject({ code, offset });
    expect(p!.message).toMatch(/Zeile \d+, Spalte \d+/);
  });

  it('locates a problem by line and column', () => {
    expect(scanXml('<a>\n  <b>\n</a>', {})?.message).toBe('Endtag „</a>“ passt nicht zum offenen Element (Zeile 3, Spalte 1).');
  });

  it('survives truncation and random damage of a real output (sample values and trace too)', () => {
    const f = project.flows.find((x) => x.id === 'a1-gewerberegister')!;
    const xml = prettyPrintXml(run(compileProjectFlow(project, f).xslt, f.samples[0].content));
    const path = `/{http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2}Gewerbemeldung/{http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2}Betrieb`;
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const noise = ['<', '>', '"', "'", '/', '<!--', ']]>', '<?', '&', '<![CDATA[', '</x>'];
    let problems = 0;
    for (let k = 0; k < 400; k++) {
      const at = rnd(xml.length);
      const broken = k % 2 ? xml.slice(0, at) : xml.slice(0, at) + noise[rnd(noise.length)] + xml.slice(at + rnd(3));
      expect(() => scanXml(broken, { open() {}, close() {}, text() {}, cdata() {}, pi() {} })).not.toThrow();
      expect(() => sampleValues(broken, path)).not.toThrow();
      expect(() => scanElements(broken)).not.toThrow();
      if (scanXml(broken, {})) {
        problems++;
        expect(sampleValues(broken, path)).toBeUndefined();
      }
    }
    expect(problems).toBeGreaterThan(200);
  });
});

describe('decodeXmlText', () => {
  it('resolves predefined and character entities and leaves unknown ones', () => {
    expect(decodeXmlText('a &amp; b &lt;c&gt; &quot;&apos; &#228;&#xFC;&#x1F600; &nbsp; &#x110000;')).toBe('a & b <c> "\' äü😀 &nbsp; &#x110000;');
    expect(decodeXmlText('plain')).toBe('plain');
  });
});
