/** The fast XML reader and the skim must agree with saxes (parseXml) on real schemas. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanXml } from '../../../src/core/schema/xsd/scan.ts';
import { skimSchema } from '../../../src/core/schema/xsd/skim.ts';
import { parseXml, textContent, type XmlElement } from '../../../src/core/xml/dom.ts';
import { SHARED } from './helpers.ts';

const FILES = [
  'domain/schemas/xdomea-3.0.0/xdomea_3.0.0/xdomea-Baukasten.xsd',
  'domain/schemas/xbau-2.6/gmlProfilexplan.xsd',
  'domain/schemas/xbau-2.6/xml.xsd',
  'peers/kaoto-datamapper/xml/camel-spring.xsd',
  'peers/kaoto-datamapper/xml/X12-850.dfdl.xsd',
];

// Elements, namespaces and attributes; text only inside xs:documentation. (Positions differ on
// purpose: saxes reports the end of the start tag, the scanner its '<'; see 'points at the tag'.)
function shape(el: XmlElement): unknown {
  return {
    n: `{${el.ns}}${el.local}`,
    a: el.attrs.map((a) => `{${a.ns}}${a.local}=${a.value}`),
    d: el.nsDecls,
    t: el.local === 'documentation' ? textContent(el) : undefined,
    c: el.children.filter((c): c is XmlElement => c.type === 'element').map(shape),
  };
}

describe('scanXml', () => {
  it.each(FILES)('builds the same tree as parseXml for %s', (file) => {
    const text = readFileSync(join(SHARED, file), 'utf8');
    const saxes = parseXml(text, file);
    const fast = scanXml(text, { keepTextIn: (l) => l === 'documentation' });
    if (!saxes.ok || !fast.ok) throw new Error('parse failed');
    expect(shape(fast.root)).toEqual(shape(saxes.doc.root));
  });

  it('points at the tag with line and column', () => {
    const text = readFileSync(join(SHARED, FILES[1]), 'utf8');
    const lines = text.split('\n');
    const r = scanXml(text);
    if (!r.ok) throw new Error(r.message);
    const check = (el: XmlElement) => {
      expect(lines[el.line - 1].slice(el.column - 1).startsWith(`<${el.name}`)).toBe(true);
      for (const c of el.children) if (c.type === 'element') check(c);
    };
    check(r.root);
  });

  it('reads one element out of a document (lazy component parsing)', () => {
    const text = readFileSync(join(SHARED, FILES[0]), 'utf8');
    const full = scanXml(text);
    const skim = skimSchema(text);
    if (!full.ok || !skim.ok) throw new Error('parse failed');
    const tops = full.root.children.filter((c): c is XmlElement => c.type === 'element' && c.local !== 'annotation');
    expect(skim.top.map((t) => t.local)).toEqual(tops.map((t) => t.local));
    for (const [i, item] of skim.top.entries()) {
      const lineStart = text.lastIndexOf('\n', item.start - 1) + 1;
      const line = text.slice(0, item.start).split('\n').length;
      const frag = scanXml(text, { fragment: { from: item.start, parent: full.root, scope: skim.rootScope, line, lineStart } });
      if (!frag.ok) throw new Error(frag.message);
      expect(shape(frag.root)).toEqual(shape(tops[i]));
      expect(frag.root.parent).toBe(full.root);
    }
  });

  it.each([
    ['<a><b></a>', 1],
    ['<a>\n<b x="1></b></a>', 2],
    ['<a/><b/>', 1],
    ['text', 1],
    ['<a>&nope;</a>', 1],
    ['<p:a/>', 1],
    ['<a>\n\n</a', 3],
  ])('rejects %j with a position', (text, line) => {
    const r = scanXml(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.line).toBe(line);
    expect(skimSchema(text).ok).toBe(false);
  });

  it('decodes entities and character references, keeps CDATA', () => {
    const r = scanXml('<a x="&lt;&#65;&#x42;&quot;">1 &amp; 2<![CDATA[<raw>]]></a>');
    if (!r.ok) throw new Error(r.message);
    expect(r.root.attrs[0].value).toBe('<AB"');
    expect(textContent(r.root)).toBe('1 & 2<raw>');
  });
});
