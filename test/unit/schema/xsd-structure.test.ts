import { describe, expect, it } from 'vitest';
import { imp, kids, node, treeOf, xsd } from './helpers.ts';

describe('elements, attributes and paths', () => {
  const r = imp(
    xsd(`
  <xs:element name="Antrag" type="t:AntragType"/>
  <xs:complexType name="AntragType">
    <xs:sequence>
      <xs:element name="Person" type="t:PersonType" maxOccurs="unbounded"/>
      <xs:element name="Datum" type="xs:date" minOccurs="0"/>
    </xs:sequence>
    <xs:attribute name="version" type="xs:string" use="required"/>
  </xs:complexType>
  <xs:complexType name="PersonType">
    <xs:sequence>
      <xs:element name="Name" type="xs:string"/>
      <xs:element name="Alter" type="xs:int" default="18" nillable="true"/>
      <xs:element name="Land" type="xs:string" fixed="DE"/>
    </xs:sequence>
    <xs:attribute name="id" type="xs:ID" use="required"/>
    <xs:attribute name="rolle" type="xs:string" default="Antragsteller"/>
    <xs:attribute name="art" type="xs:string" fixed="natürlich"/>
    <xs:attribute name="intern" type="xs:string" use="prohibited"/>
  </xs:complexType>`),
  );
  const t = treeOf(r, '{urn:t}Antrag');

  it('gives the root node', () => {
    expect(t.root).toMatchObject({
      path: '/{urn:t}Antrag',
      kind: 'element',
      name: { ns: 'urn:t', local: 'Antrag' },
      minOccurs: 1,
      maxOccurs: 1,
      typeName: { ns: 'urn:t', local: 'AntragType' },
      hasChildren: true,
    });
    expect(t.root.source).toMatchObject({ file: 'main.xsd', line: 4, column: 3 });
    expect(r.diagnostics).toEqual([]);
  });

  it('lists attributes first, then elements in schema order, with cardinalities', () => {
    expect(kids(t, t.root)).toEqual(['@version [1..1] string', 't:Person [1..*] PersonType', 't:Datum [0..1] date']);
    expect(kids(t, '/{urn:t}Antrag/{urn:t}Person')).toEqual([
      '@id [1..1] ID',
      '@rolle [0..1] string',
      '@art [0..1] string',
      't:Name [1..1] string',
      't:Alter [1..1] int',
      't:Land [1..1] string',
    ]);
  });

  it('records use, default, fixed, nillable and simple content', () => {
    const p = '/{urn:t}Antrag/{urn:t}Person';
    expect(node(t, `${p}/@rolle`)).toMatchObject({ kind: 'attribute', default: 'Antragsteller', minOccurs: 0, hasChildren: false });
    expect(node(t, `${p}/@art`).fixed).toBe('natürlich');
    expect(node(t, `${p}/{urn:t}Alter`)).toMatchObject({ default: '18', nillable: true, simple: { builtin: 'int' }, hasChildren: false });
    expect(node(t, `${p}/{urn:t}Land`).fixed).toBe('DE');
    expect(node(t, '/{urn:t}Antrag/{urn:t}Datum').simple).toEqual({ builtin: 'date' });
    expect(t.find(`${p}/@intern`)).toBeUndefined();
  });

  it('finds nodes by path and rejects paths outside the schema', () => {
    expect(t.find('/{urn:t}Antrag/{urn:t}Person/@id')?.name).toEqual({ ns: '', local: 'id' });
    expect(t.find('/{urn:t}Antrag/{urn:t}Nope')).toBeUndefined();
    expect(t.find('/{urn:t}Other')).toBeUndefined();
    expect(t.find('/{urn:t}Antrag/Person')).toBeUndefined(); // wrong namespace
    expect(t.find('/{urn:t}Antrag')).toBe(t.root);
  });

  it('caches children', () => {
    expect(t.children(t.root)).toBe(t.children(t.root));
    // A copied node (e.g. sent through a worker) still works: children are looked up by path.
    const copy = structuredClone(node(t, '/{urn:t}Antrag/{urn:t}Person'));
    expect(t.children(copy).map((c) => c.name.local)).toEqual(['id', 'rolle', 'art', 'Name', 'Alter', 'Land']);
  });
});

describe('forms', () => {
  it('follows elementFormDefault / attributeFormDefault and per-declaration form', () => {
    const r = imp(
      xsd(
        `<xs:element name="r">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="u" type="xs:string"/>
              <xs:element name="q" type="xs:string" form="qualified"/>
            </xs:sequence>
            <xs:attribute name="a" type="xs:string"/>
            <xs:attribute name="b" type="xs:string" form="unqualified"/>
          </xs:complexType>
        </xs:element>`,
        'targetNamespace="urn:t" attributeFormDefault="qualified"',
      ),
    );
    const t = treeOf(r, '{urn:t}r');
    expect(t.children(t.root).map((c) => c.path)).toEqual([
      '/{urn:t}r/@{urn:t}a',
      '/{urn:t}r/@b',
      '/{urn:t}r/u',
      '/{urn:t}r/{urn:t}q',
    ]);
  });

  it('uses no namespace at all without targetNamespace', () => {
    const r = imp(xsd('<xs:element name="r"><xs:complexType><xs:sequence><xs:element name="c" type="xs:string"/></xs:sequence></xs:complexType></xs:element>', ''));
    expect(r.roots).toEqual([{ ns: '', local: 'r' }]);
    expect(treeOf(r, 'r').children(treeOf(r, 'r').root)[0].path).toBe('/r/c');
  });
});

describe('refs, groups and attribute groups', () => {
  const r = imp(
    xsd(`
  <xs:element name="Doc">
    <xs:annotation><xs:documentation>Ein Dokument.</xs:documentation></xs:annotation>
    <xs:complexType>
      <xs:sequence>
        <xs:element ref="t:Titel" minOccurs="0"/>
        <xs:group ref="t:Adresse" maxOccurs="3"/>
        <xs:element ref="t:Autor">
          <xs:annotation><xs:documentation>Am Verweis.</xs:documentation></xs:annotation>
        </xs:element>
      </xs:sequence>
      <xs:attributeGroup ref="t:Meta"/>
      <xs:attribute ref="t:sprache"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="Titel" type="xs:string">
    <xs:annotation><xs:documentation>Global dokumentiert.</xs:documentation></xs:annotation>
  </xs:element>
  <xs:element name="Autor" type="xs:string"/>
  <xs:attribute name="sprache" type="xs:language"/>
  <xs:group name="Adresse">
    <xs:sequence>
      <xs:element name="Strasse" type="xs:string"/>
      <xs:group ref="t:Ort"/>
    </xs:sequence>
  </xs:group>
  <xs:group name="Ort"><xs:sequence><xs:element name="PLZ" type="xs:string" minOccurs="0"/></xs:sequence></xs:group>
  <xs:attributeGroup name="Meta">
    <xs:attribute name="id" type="xs:string" use="required"/>
    <xs:attributeGroup ref="t:Mehr"/>
  </xs:attributeGroup>
  <xs:attributeGroup name="Mehr"><xs:attribute name="stand" type="xs:date"/></xs:attributeGroup>`),
  );
  const t = treeOf(r, '{urn:t}Doc');

  it('expands groups inline with multiplied cardinalities', () => {
    expect(kids(t, t.root)).toEqual([
      '@id [1..1] string',
      '@stand [0..1] date',
      '@t:sprache [0..1] language',
      't:Titel [0..1] string',
      't:Strasse [1..3] string',
      't:PLZ [0..3] string',
      't:Autor [1..1] string',
    ]);
  });

  it('takes documentation from the use site, else the declaration', () => {
    expect(t.root.documentation).toBe('Ein Dokument.');
    expect(node(t, '/{urn:t}Doc/{urn:t}Titel').documentation).toBe('Global dokumentiert.');
    expect(node(t, '/{urn:t}Doc/{urn:t}Autor').documentation).toBe('Am Verweis.');
  });

  it('lists referenced elements after unreferenced ones in roots', () => {
    expect(r.roots.map((q) => q.local)).toEqual(['Doc', 'Titel', 'Autor']);
  });
});

describe('choices and nesting', () => {
  const r = imp(
    xsd(`
  <xs:element name="r">
    <xs:complexType>
      <xs:sequence>
        <xs:choice>
          <xs:element name="a" type="xs:string"/>
          <xs:sequence>
            <xs:element name="b1" type="xs:string"/>
            <xs:element name="b2" type="xs:string" maxOccurs="2"/>
          </xs:sequence>
        </xs:choice>
        <xs:element name="mitte" type="xs:string"/>
        <xs:choice minOccurs="0" maxOccurs="unbounded">
          <xs:element name="x" type="xs:string"/>
          <xs:element name="y" type="xs:string"/>
        </xs:choice>
        <xs:choice><xs:element name="einzig" type="xs:string"/></xs:choice>
        <xs:sequence minOccurs="0"><xs:element name="opt" type="xs:string"/></xs:sequence>
        <xs:element name="weg" type="xs:string" maxOccurs="0"/>
      </xs:sequence>
    </xs:complexType>
  </xs:element>`),
  );
  const t = treeOf(r, '{urn:t}r');
  const byName = Object.fromEntries(t.children(t.root).map((c) => [c.name.local, c]));

  it('gives the alternatives of one choice a shared id, distinct per choice', () => {
    expect(byName.a.choice).toBeDefined();
    expect(byName.b1.choice).toBe(byName.a.choice);
    expect(byName.b2.choice).toBe(byName.a.choice);
    expect(byName.x.choice).toBe(byName.y.choice);
    expect(byName.x.choice).not.toBe(byName.a.choice);
    expect(byName.mitte.choice).toBeUndefined();
    expect(byName.opt.choice).toBeUndefined();
  });

  it('makes alternatives optional and multiplies through repeated groups', () => {
    expect(kids(t, t.root)).toEqual([
      't:a [0..1] string',
      't:b1 [0..1] string',
      't:b2 [0..2] string',
      't:mitte [1..1] string',
      't:x [0..*] string',
      't:y [0..*] string',
      't:einzig [1..1] string',
      't:opt [0..1] string',
    ]);
  });
});

describe('other content', () => {
  it('merges an element that occurs twice into one node', () => {
    const r = imp(
      xsd(`<xs:element name="r"><xs:complexType><xs:sequence>
        <xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:string"/><xs:element name="a" type="xs:string" minOccurs="0" maxOccurs="2"/>
      </xs:sequence></xs:complexType></xs:element>`),
    );
    const t = treeOf(r, '{urn:t}r');
    expect(kids(t, t.root)).toEqual(['t:a [1..3] string', 't:b [1..1] string']);
  });

  it('handles xs:all, mixed content, anonymous simple types and untyped elements', () => {
    const r = imp(
      xsd(`<xs:element name="r"><xs:complexType mixed="true"><xs:all>
        <xs:element name="farbe"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="rot"/></xs:restriction></xs:simpleType></xs:element>
        <xs:element name="beliebig" minOccurs="0"/>
      </xs:all></xs:complexType></xs:element>`),
    );
    const t = treeOf(r, '{urn:t}r');
    expect(t.root.mixed).toBe(true);
    expect(t.root.typeName).toBeUndefined();
    const [farbe, beliebig] = t.children(t.root);
    expect(farbe).toMatchObject({ minOccurs: 1, simple: { builtin: 'string', enumeration: [{ value: 'rot' }] }, hasChildren: false });
    expect(farbe.typeName).toBeUndefined();
    expect(beliebig).toMatchObject({ minOccurs: 0, typeName: { local: 'anyType' }, mixed: true, hasChildren: false, simple: { builtin: 'anyType' } });
  });

  it('tidies documentation and joins several documentation elements', () => {
    const r = imp(
      xsd(`<xs:element name="r" type="xs:string">
        <xs:annotation>
          <xs:documentation>
            Erste Zeile
            zweite Zeile
          </xs:documentation>
          <xs:appinfo><x>nicht</x></xs:appinfo>
          <xs:documentation xml:lang="en">Second &amp; last</xs:documentation>
        </xs:annotation>
      </xs:element>`),
    );
    expect(treeOf(r, '{urn:t}r').root.documentation).toBe('Erste Zeile\nzweite Zeile\n\nSecond & last');
  });

  it('falls back to the type documentation', () => {
    const r = imp(
      xsd(`<xs:element name="r" type="t:T"/>
      <xs:complexType name="T"><xs:annotation><xs:documentation>Typ-Doku</xs:documentation></xs:annotation><xs:sequence/></xs:complexType>`),
    );
    const root = treeOf(r, '{urn:t}r').root;
    expect(root.documentation).toBe('Typ-Doku');
    expect(root.hasChildren).toBe(false);
  });
});
