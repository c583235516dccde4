import { describe, expect, it } from 'vitest';
import { importXsd } from '../../../src/core/schema/xsd/index.ts';
import { clark } from '../../../src/core/schema/types.ts';
import { imp, kids, node, treeOf, xsd } from './helpers.ts';

const f = (name: string, content: string) => ({ name, content });

describe('include', () => {
  it('includes a file of the same namespace', () => {
    const r = imp(
      f('a.xsd', xsd('<xs:include schemaLocation="b.xsd"/><xs:element name="r" type="t:B"/>')),
      f('b.xsd', xsd('<xs:complexType name="B"><xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence></xs:complexType>')),
    );
    expect(r.diagnostics).toEqual([]);
    expect(kids(treeOf(r, '{urn:t}r'), '/{urn:t}r')).toEqual(['t:x [1..1] string']);
  });

  it('takes the includer namespace for a chameleon include, once per includer namespace', () => {
    const common = xsd(
      `<xs:complexType name="Adresse"><xs:sequence><xs:element name="ort" type="Ort"/></xs:sequence></xs:complexType>
       <xs:simpleType name="Ort"><xs:restriction base="xs:string"/></xs:simpleType>
       <xs:element name="gemeinsam" type="xs:string"/>`,
      'elementFormDefault="qualified"',
    );
    const r = imp(
      f('a.xsd', xsd('<xs:include schemaLocation="common.xsd"/><xs:element name="r" type="t:Adresse"/>')),
      f('b.xsd', xsd('<xs:include schemaLocation="common.xsd"/><xs:element name="s" type="u:Adresse"/>', 'targetNamespace="urn:u" xmlns:u="urn:u"')),
      f('common.xsd', common),
    );
    expect(r.diagnostics).toEqual([]);
    const t = treeOf(r, '{urn:t}r');
    expect(node(t, '/{urn:t}r/{urn:t}ort').simple).toEqual({ builtin: 'string' });
    expect(node(t, '/{urn:t}r/{urn:t}ort').typeName).toEqual({ ns: 'urn:t', local: 'Ort' });
    expect(treeOf(r, '{urn:u}s').find('/{urn:u}s/{urn:u}ort')).toBeDefined();
    // The no-namespace file is not also indexed on its own: it only exists inside its includers.
    expect(r.roots.map(clark).sort()).toEqual(['{urn:t}gemeinsam', '{urn:t}r', '{urn:u}gemeinsam', '{urn:u}s']);
  });

  it('reports an included file with another target namespace', () => {
    const r = imp(f('a.xsd', xsd('<xs:include schemaLocation="b.xsd"/>')), f('b.xsd', xsd('', 'targetNamespace="urn:other"')));
    expect(r.diagnostics.map((d) => [d.code, d.location?.file, d.location?.line])).toEqual([['xsd.include-namespace-mismatch', 'a.xsd', 3]]);
  });

  it('terminates on circular includes (and includes of itself)', () => {
    const r = imp(
      f('a.xsd', xsd('<xs:include schemaLocation="b.xsd"/><xs:include schemaLocation="a.xsd"/><xs:element name="r" type="t:T"/>')),
      f('b.xsd', xsd('<xs:include schemaLocation="a.xsd"/><xs:complexType name="T"><xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence></xs:complexType>')),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.roots.map(clark)).toEqual(['{urn:t}r']);
  });

  it('terminates on circular chameleon includes without any namespace', () => {
    const r = imp(
      f('a.xsd', xsd('<xs:include schemaLocation="b.xsd"/><xs:element name="a" type="xs:string"/>', '')),
      f('b.xsd', xsd('<xs:include schemaLocation="a.xsd"/><xs:element name="b" type="xs:string"/>', '')),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.roots.map(clark)).toEqual(['a', 'b']);
  });
});

describe('import', () => {
  const lib = f('lib/types.xsd', xsd('<xs:complexType name="L"><xs:sequence><xs:element name="y" type="xs:string"/></xs:sequence></xs:complexType>', 'targetNamespace="urn:lib" elementFormDefault="qualified"'));
  const main = (loc: string) =>
    f('main/main.xsd', xsd(`<xs:import namespace="urn:lib" ${loc}/><xs:element name="r" type="l:L"/>`, 'targetNamespace="urn:t" xmlns:l="urn:lib"'));

  it.each([
    ['a relative path', 'schemaLocation="../lib/types.xsd"'],
    ['an absolute URL (by base name)', 'schemaLocation="https://example.org/schemas/types.xsd"'],
    ['an absolute URL with another name (by namespace)', 'schemaLocation="https://example.org/x/other.xsd"'],
    ['no schemaLocation (by namespace)', ''],
  ])('resolves %s without fetching', (_what, loc) => {
    const r = importXsd([main(loc), lib]);
    expect(r.diagnostics).toEqual([]);
    expect(treeOf(r, '{urn:t}r').find('/{urn:t}r/{urn:lib}y')).toBeDefined();
  });

  it('resolves through the catalog by location or namespace', () => {
    const renamed = { ...lib, name: 'ganz-anders.xsd' };
    const catalogs: Array<Record<string, string>> = [{ 'https://example.org/x/other.xsd': 'ganz-anders.xsd' }, { 'urn:lib': 'ganz-anders.xsd' }];
    for (const catalog of catalogs) {
      const r = importXsd([main('schemaLocation="https://example.org/x/other.xsd"'), renamed], { catalog });
      expect(r.diagnostics).toEqual([]);
    }
  });

  it('warns about an unresolved import, naming location and namespace, and keeps the rest usable', () => {
    const r = importXsd([
      f(
        'main.xsd',
        xsd(
          `<xs:import namespace="urn:weg" schemaLocation="http://example.org/weg.xsd"/>
           <xs:element name="r"><xs:complexType><xs:sequence>
             <xs:element name="ok" type="xs:string"/>
             <xs:element name="fremd" type="w:Typ"/>
           </xs:sequence></xs:complexType></xs:element>`,
          'targetNamespace="urn:t" xmlns:w="urn:weg"',
        ),
      ),
    ]);
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.location?.line])).toEqual([
      ['warning', 'xsd.unresolved-import', 3],
      ['warning', 'xsd.unknown-type', 6],
    ]);
    expect(r.diagnostics[0].message).toContain('http://example.org/weg.xsd');
    expect(r.diagnostics[0].message).toContain('urn:weg');
    const t = treeOf(r, '{urn:t}r');
    expect(t.children(t.root).map((c) => c.name.local)).toEqual(['ok', 'fremd']);
  });

  it('warns about an unresolved include', () => {
    const r = imp(xsd('<xs:include schemaLocation="fehlt.xsd"/><xs:element name="r" type="xs:string"/>'));
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'xsd.unresolved-include']]);
    expect(r.diagnostics[0].message).toContain('fehlt.xsd');
    expect(r.roots).toHaveLength(1);
  });

  it('finds a namespace split over several files', () => {
    const r = importXsd([
      f('m.xsd', xsd('<xs:import namespace="urn:lib" schemaLocation="teil1.xsd"/><xs:element name="r" type="l:B"/>', 'targetNamespace="urn:t" xmlns:l="urn:lib"')),
      f('teil1.xsd', xsd('<xs:complexType name="A"><xs:sequence/></xs:complexType>', 'targetNamespace="urn:lib"')),
      f('teil2.xsd', xsd('<xs:complexType name="B"><xs:sequence><xs:element name="b" type="xs:string"/></xs:sequence></xs:complexType>', 'targetNamespace="urn:lib"')),
    ]);
    expect(r.diagnostics).toEqual([]);
    expect(treeOf(r, '{urn:t}r').find('/{urn:t}r/b')).toBeDefined();
  });

  it('picks the right file among equal base names by path', () => {
    const lib = (ns: string, el: string) =>
      xsd(`<xs:complexType name="Lib"><xs:sequence><xs:element name="${el}" type="xs:string"/></xs:sequence></xs:complexType>`, `targetNamespace="${ns}"`);
    const r = importXsd([
      f('root.xsd', xsd(
        `<xs:import namespace="urn:a" schemaLocation="a/lib.xsd"/><xs:import namespace="urn:b" schemaLocation="b/lib.xsd"/>
         <xs:element name="r"><xs:complexType><xs:sequence><xs:element name="pa" type="a:Lib"/><xs:element name="pb" type="b:Lib"/></xs:sequence></xs:complexType></xs:element>`,
        'targetNamespace="urn:t" xmlns:a="urn:a" xmlns:b="urn:b"',
      )),
      f('a/lib.xsd', lib('urn:a', 'ausA')),
      f('b/lib.xsd', lib('urn:b', 'ausB')),
    ]);
    expect(r.diagnostics).toEqual([]);
    const t = treeOf(r, '{urn:t}r');
    expect(t.find('/{urn:t}r/pa/ausA')).toBeDefined();
    expect(t.find('/{urn:t}r/pb/ausB')).toBeDefined();
  });

  it('terminates on circular imports', () => {
    const r = importXsd([
      f('a.xsd', xsd('<xs:import namespace="urn:b" schemaLocation="b.xsd"/><xs:element name="a"><xs:complexType><xs:sequence><xs:element ref="b:b" minOccurs="0"/></xs:sequence></xs:complexType></xs:element>', 'targetNamespace="urn:a" xmlns:b="urn:b"')),
      f('b.xsd', xsd('<xs:import namespace="urn:a" schemaLocation="a.xsd"/><xs:element name="b"><xs:complexType><xs:sequence><xs:element ref="a:a" minOccurs="0"/></xs:sequence></xs:complexType></xs:element>', 'targetNamespace="urn:b" xmlns:a="urn:a"')),
    ]);
    expect(r.diagnostics).toEqual([]);
    const t = treeOf(r, '{urn:a}a');
    const b = node(t, '/{urn:a}a/{urn:b}b');
    expect(node(t, '/{urn:a}a/{urn:b}b/{urn:a}a').recursive).toBe(true);
    expect(b.recursive).toBeUndefined();
  });

  it('knows xml:lang and friends without xml.xsd', () => {
    const r = imp(xsd('<xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="http://www.w3.org/2001/xml.xsd"/><xs:element name="r"><xs:complexType><xs:attribute ref="xml:lang"/></xs:complexType></xs:element>'));
    expect(r.diagnostics).toEqual([]);
    expect(node(treeOf(r, '{urn:t}r'), '/{urn:t}r/@{http://www.w3.org/XML/1998/namespace}lang').simple).toEqual({ builtin: 'language' });
  });
});

describe('redefine and override', () => {
  const orig = xsd(`
  <xs:complexType name="Person"><xs:sequence><xs:element name="name" type="xs:string"/></xs:sequence></xs:complexType>
  <xs:group name="Extra"><xs:sequence><xs:element name="a" type="xs:string"/></xs:sequence></xs:group>
  <xs:simpleType name="Kurz"><xs:restriction base="xs:string"><xs:maxLength value="10"/></xs:restriction></xs:simpleType>`);

  it('redefines a type, a group and a simple type in terms of the originals', () => {
    const r = imp(
      f('main.xsd', xsd(`
  <xs:redefine schemaLocation="orig.xsd">
    <xs:complexType name="Person"><xs:complexContent><xs:extension base="t:Person"><xs:sequence><xs:element name="alter" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
    <xs:group name="Extra"><xs:sequence><xs:group ref="t:Extra"/><xs:element name="b" type="xs:string"/></xs:sequence></xs:group>
    <xs:simpleType name="Kurz"><xs:restriction base="t:Kurz"><xs:minLength value="2"/></xs:restriction></xs:simpleType>
  </xs:redefine>
  <xs:element name="r"><xs:complexType><xs:sequence>
    <xs:element name="p" type="t:Person"/><xs:group ref="t:Extra"/><xs:element name="k" type="t:Kurz"/>
  </xs:sequence></xs:complexType></xs:element>`)),
      f('orig.xsd', orig),
    );
    expect(r.diagnostics).toEqual([]);
    const t = treeOf(r, '{urn:t}r');
    expect(kids(t, t.root)).toEqual(['t:p [1..1] Person', 't:a [1..1] string', 't:b [1..1] string', 't:k [1..1] Kurz']);
    expect(kids(t, '/{urn:t}r/{urn:t}p')).toEqual(['t:name [1..1] string', 't:alter [1..1] int']);
    expect(node(t, '/{urn:t}r/{urn:t}k').simple).toEqual({ builtin: 'string', maxLength: 10, minLength: 2 });
  });

  it('overrides (XSD 1.1) by replacing components', () => {
    const r = imp(
      f('main.xsd', xsd(`
  <xs:override schemaLocation="orig.xsd">
    <xs:complexType name="Person"><xs:sequence><xs:element name="vorname" type="xs:string"/></xs:sequence></xs:complexType>
  </xs:override>
  <xs:element name="r" type="t:Person"/>`)),
      f('orig.xsd', orig),
    );
    expect(r.diagnostics).toEqual([]);
    expect(kids(treeOf(r, '{urn:t}r'), '/{urn:t}r')).toEqual(['t:vorname [1..1] string']);
  });

  it('warns about duplicate declarations outside redefine and keeps the first', () => {
    const r = imp(f('a.xsd', xsd('<xs:element name="r" type="xs:string"/>')), f('b.xsd', xsd('<xs:element name="r" type="xs:int"/>')));
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.location?.file])).toEqual([['warning', 'xsd.duplicate-declaration', 'b.xsd']]);
    expect(treeOf(r, '{urn:t}r').root.simple).toEqual({ builtin: 'string' });
  });
});

describe('bad input never throws', () => {
  it('reports non-XML with a located diagnostic', () => {
    const r = importXsd([f('kaputt.xsd', '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n  <xs:element name="a">\n</xs:schema>')]);
    expect(r.roots).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'xml.not-well-formed', location: { file: 'kaputt.xsd', line: 3 } });
  });

  it('reports a non-schema root', () => {
    const r = importXsd([f('x.xsd', '<?xml version="1.0"?>\n<html><body/></html>')]);
    expect(r.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['xsd.not-a-schema', 2]]);
  });

  it('reports plain text, empty input and no files', () => {
    expect(importXsd([f('a.xsd', 'just text')]).diagnostics[0].code).toBe('xml.not-well-formed');
    expect(importXsd([f('a.xsd', '')]).diagnostics[0].severity).toBe('error');
    expect(importXsd([]).diagnostics.map((d) => d.code)).toEqual(['xsd.no-files']);
  });

  it('ignores blank lines before the XML declaration with a warning', () => {
    const r = importXsd([f('a.xsd', '\n\n' + xsd('<xs:element name="r" type="xs:string"/>'))]);
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'xml.declaration-not-at-start']]);
    expect(r.roots).toHaveLength(1);
  });

  it('keeps the good files when one is broken', () => {
    const r = importXsd([f('ok.xsd', xsd('<xs:element name="r" type="xs:string"/>')), f('bad.xsd', '<<<')]);
    expect(r.roots.map(clark)).toEqual(['{urn:t}r']);
    expect(r.diagnostics.map((d) => d.location?.file)).toEqual(['bad.xsd']);
  });

  it('survives random garbage', () => {
    const pieces = ['<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">', '<xs:element name="a"', '>', '</xs:element>', '<!--', '-->', '<![CDATA[', ']]>', '&amp;', '&bogus;', '"', "'", 'x', '</xs:schema>', '<?xml version="1.0"?>', ' type="q:x"/>'];
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) % pieces.length;
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 1 + (i % 12) }, () => pieces[rnd()]).join('');
      const r = importXsd([f('g.xsd', text)]);
      expect(Array.isArray(r.diagnostics)).toBe(true);
      for (const root of r.roots) r.tree(root)?.children(r.tree(root)!.root);
    }
  });
});
