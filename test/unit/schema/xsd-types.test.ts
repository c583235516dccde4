import { describe, expect, it } from 'vitest';
import { imp, kids, node, treeOf, xsd } from './helpers.ts';

describe('simple types', () => {
  const r = imp(
    xsd(`
  <xs:element name="r">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="code" type="t:Kurz"/>
        <xs:element name="farbe" type="t:Farbe"/>
        <xs:element name="grundfarbe" type="t:Grundfarbe"/>
        <xs:element name="plz" type="t:PLZ"/>
        <xs:element name="betrag" type="t:Betrag"/>
        <xs:element name="liste" type="t:Liste"/>
        <xs:element name="inlineListe"><xs:simpleType><xs:list><xs:simpleType><xs:restriction base="xs:date"/></xs:simpleType></xs:list></xs:simpleType></xs:element>
        <xs:element name="datumOderJahr" type="t:DatumOderJahr"/>
        <xs:element name="zahlen" type="t:Zahlen"/>
        <xs:element name="tokens" type="xs:NMTOKENS"/>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:simpleType name="Text"><xs:restriction base="xs:token"><xs:minLength value="1"/><xs:maxLength value="100"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Kurz"><xs:restriction base="t:Text"><xs:maxLength value="10"/><xs:pattern value="[A-Z]+"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Farbe">
    <xs:restriction base="xs:string">
      <xs:enumeration value="rot"><xs:annotation><xs:documentation>Die Farbe Rot.</xs:documentation></xs:annotation></xs:enumeration>
      <xs:enumeration value="grün"/>
      <xs:enumeration value="blau"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Grundfarbe"><xs:restriction base="t:Farbe"><xs:enumeration value="rot"/><xs:enumeration value="blau"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="PLZ"><xs:restriction base="t:Ziffern"><xs:length value="5"/><xs:pattern value="0.*"/><xs:pattern value="[1-9].*"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Ziffern"><xs:restriction base="xs:string"><xs:pattern value="\\d*"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Betrag"><xs:restriction base="xs:decimal"><xs:minInclusive value="0"/><xs:maxExclusive value="1000000"/><xs:totalDigits value="9"/><xs:fractionDigits value="2"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Liste"><xs:list itemType="t:Kurz"/></xs:simpleType>
  <xs:simpleType name="DatumOderJahr"><xs:union memberTypes="xs:date xs:gYear"/></xs:simpleType>
  <xs:simpleType name="Zahlen"><xs:union memberTypes="xs:int"><xs:simpleType><xs:restriction base="xs:int"/></xs:simpleType></xs:union></xs:simpleType>`),
  );
  const t = treeOf(r, '{urn:t}r');
  const simple = (n: string) => node(t, `/{urn:t}r/{urn:t}${n}`).simple;

  it('follows restriction chains down to the builtin and accumulates facets', () => {
    expect(r.diagnostics).toEqual([]);
    expect(simple('code')).toEqual({ builtin: 'token', minLength: 1, maxLength: 10, pattern: ['[A-Z]+'] });
    expect(node(t, '/{urn:t}r/{urn:t}code').typeName).toEqual({ ns: 'urn:t', local: 'Kurz' });
  });

  it('keeps enumerations with their documentation; a derived enumeration replaces the base one', () => {
    expect(simple('farbe')).toEqual({
      builtin: 'string',
      enumeration: [{ value: 'rot', documentation: 'Die Farbe Rot.' }, { value: 'grün' }, { value: 'blau' }],
    });
    expect(simple('grundfarbe')?.enumeration).toEqual([{ value: 'rot' }, { value: 'blau' }]);
  });

  it('keeps one pattern per derivation step (alternatives of one step joined)', () => {
    expect(simple('plz')).toEqual({ builtin: 'string', length: 5, pattern: ['\\d*', '(0.*)|([1-9].*)'] });
  });

  it('keeps range and digit facets', () => {
    expect(simple('betrag')).toEqual({ builtin: 'decimal', minInclusive: '0', maxExclusive: '1000000', totalDigits: 9, fractionDigits: 2 });
  });

  it('handles lists and unions', () => {
    expect(simple('liste')).toEqual({ builtin: 'token', list: true });
    expect(simple('inlineListe')).toEqual({ builtin: 'date', list: true });
    expect(simple('datumOderJahr')).toEqual({ builtin: 'anySimpleType', union: ['date', 'gYear'] });
    expect(simple('zahlen')).toEqual({ builtin: 'int', union: ['int'] });
    expect(simple('tokens')).toEqual({ builtin: 'NMTOKENS' });
  });
});

describe('simple content', () => {
  const r = imp(
    xsd(`
  <xs:element name="r">
    <xs:complexType><xs:sequence>
      <xs:element name="betrag" type="t:Betrag"/>
      <xs:element name="euro" type="t:Euro"/>
      <xs:element name="code" type="t:Code"/>
    </xs:sequence></xs:complexType>
  </xs:element>
  <xs:complexType name="Betrag">
    <xs:simpleContent>
      <xs:extension base="xs:decimal"><xs:attribute name="waehrung" type="xs:string" use="required"/></xs:extension>
    </xs:simpleContent>
  </xs:complexType>
  <xs:complexType name="Euro">
    <xs:simpleContent>
      <xs:restriction base="t:Betrag">
        <xs:maxInclusive value="100"/>
        <xs:attribute name="waehrung" type="xs:string" fixed="EUR"/>
      </xs:restriction>
    </xs:simpleContent>
  </xs:complexType>
  <xs:complexType name="Code">
    <xs:simpleContent>
      <xs:extension base="t:Schluessel"><xs:attribute name="liste" type="xs:anyURI"/></xs:extension>
    </xs:simpleContent>
  </xs:complexType>
  <xs:simpleType name="Schluessel"><xs:restriction base="xs:token"><xs:enumeration value="A"/></xs:restriction></xs:simpleType>`),
  );
  const t = treeOf(r, '{urn:t}r');

  it('gives a value plus attributes', () => {
    const b = node(t, '/{urn:t}r/{urn:t}betrag');
    expect(b).toMatchObject({ simple: { builtin: 'decimal' }, hasChildren: true });
    expect(kids(t, b)).toEqual(['@waehrung [1..1] string']);
    expect(node(t, '/{urn:t}r/{urn:t}code').simple).toEqual({ builtin: 'token', enumeration: [{ value: 'A' }] });
    expect(kids(t, '/{urn:t}r/{urn:t}code')).toEqual(['@liste [0..1] anyURI']);
  });

  it('restricts value and attributes', () => {
    const e = node(t, '/{urn:t}r/{urn:t}euro');
    expect(e.simple).toEqual({ builtin: 'decimal', maxInclusive: '100' });
    expect(node(t, '/{urn:t}r/{urn:t}euro/@waehrung')).toMatchObject({ fixed: 'EUR', minOccurs: 0 });
  });
});

describe('complex derivation', () => {
  const base = xsd(`
  <xs:complexType name="Basis">
    <xs:sequence><xs:element name="id" type="xs:string"/></xs:sequence>
    <xs:attribute name="version" type="xs:string"/>
    <xs:attribute name="intern" type="xs:string"/>
  </xs:complexType>`);
  const middle = xsd(`
  <xs:include schemaLocation="basis.xsd"/>
  <xs:complexType name="Person">
    <xs:complexContent>
      <xs:extension base="t:Basis">
        <xs:choice><xs:element name="name" type="xs:string"/><xs:element name="firma" type="xs:string"/></xs:choice>
        <xs:attribute name="rolle" type="xs:string"/>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>`);
  const main = xsd(`
  <xs:include schemaLocation="person.xsd"/>
  <xs:element name="kunde" type="t:Kunde"/>
  <xs:element name="knapp" type="t:Knapp"/>
  <xs:complexType name="Kunde">
    <xs:complexContent>
      <xs:extension base="t:Person">
        <xs:sequence><xs:element name="nummer" type="xs:int"/></xs:sequence>
        <xs:choice><xs:element name="mail" type="xs:string"/><xs:element name="tel" type="xs:string"/></xs:choice>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>
  <xs:complexType name="Knapp">
    <xs:complexContent>
      <xs:restriction base="t:Person">
        <xs:sequence><xs:element name="id" type="xs:string"/><xs:element name="name" type="xs:string"/></xs:sequence>
        <xs:attribute name="intern" use="prohibited"/>
        <xs:attribute name="rolle" type="xs:string" use="required"/>
      </xs:restriction>
    </xs:complexContent>
  </xs:complexType>`);
  const r = imp({ name: 'main.xsd', content: main }, { name: 'person.xsd', content: middle }, { name: 'basis.xsd', content: base });

  it('extends over several levels and files, base content first', () => {
    expect(r.diagnostics).toEqual([]);
    const t = treeOf(r, '{urn:t}kunde');
    expect(kids(t, t.root)).toEqual([
      '@version [0..1] string',
      '@intern [0..1] string',
      '@rolle [0..1] string',
      't:id [1..1] string',
      't:name [0..1] string',
      't:firma [0..1] string',
      't:nummer [1..1] int',
      't:mail [0..1] string',
      't:tel [0..1] string',
    ]);
    // Choice numbering continues after the base type's choices.
    const [, , , , name, firma, , mail] = t.children(t.root);
    expect(name.choice).toBe(firma.choice);
    expect(mail.choice).not.toBe(name.choice);
    expect(t.root.source?.file).toBe('main.xsd');
    expect(node(t, '/{urn:t}kunde/{urn:t}id').source?.file).toBe('basis.xsd');
  });

  it('restricts: own particles replace the base ones, attributes are merged, prohibited removed', () => {
    const t = treeOf(r, '{urn:t}knapp');
    expect(kids(t, t.root)).toEqual(['@version [0..1] string', '@rolle [1..1] string', 't:id [1..1] string', 't:name [1..1] string']);
  });
});

describe('unknown references', () => {
  const r = imp(
    xsd(`<xs:element name="r">
  <xs:complexType>
    <xs:sequence>
      <xs:element name="a" type="t:Fehlt"/>
      <xs:element ref="t:auchWeg"/>
      <xs:element name="b" type="nix:Typ"/>
      <xs:group ref="t:KeineGruppe"/>
    </xs:sequence>
    <xs:attribute name="c" type="t:FehltAuch"/>
  </xs:complexType>
</xs:element>`),
  );

  it('reports each with file, line and code', () => {
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.location?.file, d.location?.line])).toEqual([
      ['error', 'xsd.unknown-type', 'main.xsd', 6],
      ['error', 'xsd.unknown-element', 'main.xsd', 7],
      ['error', 'xsd.unknown-prefix', 'main.xsd', 8],
      ['error', 'xsd.unknown-group', 'main.xsd', 9],
      ['error', 'xsd.unknown-type', 'main.xsd', 11],
    ]);
    expect(r.diagnostics[0].message).toContain('{urn:t}Fehlt');
  });

  it('keeps the nodes, untyped', () => {
    const t = treeOf(r, '{urn:t}r');
    expect(kids(t, t.root)).toEqual(['@c [0..1]', 't:a [1..1]', 't:auchWeg [1..1]', 't:b [1..1]']);
    const a = node(t, '/{urn:t}r/{urn:t}a');
    expect(a.typeName).toBeUndefined();
    expect(a.simple).toBeUndefined();
    expect(a.hasChildren).toBe(false);
    expect(t.children(a)).toEqual([]);
  });
});
