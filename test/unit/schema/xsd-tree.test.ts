import { describe, expect, it } from 'vitest';
import { splitPath } from '../../../src/core/schema/xsd/index.ts';
import { splitPath as typesSplitPath } from '../../../src/core/schema/types.ts';
import { clark } from '../../../src/core/schema/types.ts';
import { imp, kids, node, treeOf, walk, xsd } from './helpers.ts';

describe('recursion', () => {
  const r = imp(
    xsd(`
  <xs:element name="Ordner" type="t:OrdnerType"/>
  <xs:complexType name="OrdnerType">
    <xs:sequence>
      <xs:element name="name" type="xs:string"/>
      <xs:element name="unterordner" type="t:OrdnerType" minOccurs="0" maxOccurs="unbounded"/>
      <xs:element name="datei" type="t:Datei" minOccurs="0"/>
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="Datei"><xs:sequence><xs:element name="anhang" type="t:OrdnerType" minOccurs="0"/></xs:sequence></xs:complexType>
  <xs:element name="Liste"><xs:complexType><xs:sequence><xs:element ref="t:Liste" minOccurs="0"/><xs:element name="wert" type="xs:string"/></xs:sequence></xs:complexType></xs:element>`),
  );

  it('flags a node whose type already occurs above it, and still expands it lazily', () => {
    const t = treeOf(r, '{urn:t}Ordner');
    const sub = node(t, '/{urn:t}Ordner/{urn:t}unterordner');
    expect(sub.recursive).toBe(true);
    expect(node(t, '/{urn:t}Ordner/{urn:t}datei').recursive).toBeUndefined();
    expect(node(t, '/{urn:t}Ordner/{urn:t}datei/{urn:t}anhang').recursive).toBe(true);
    expect(kids(t, sub)).toEqual(['t:name [1..1] string', 't:unterordner [0..*] OrdnerType', 't:datei [0..1] Datei']);
    const deep = '/{urn:t}Ordner' + '/{urn:t}unterordner'.repeat(30) + '/{urn:t}name';
    expect(t.find(deep)?.simple).toEqual({ builtin: 'string' });
  });

  it('never loops when walking everything that is not recursive', () => {
    const t = treeOf(r, '{urn:t}Ordner');
    expect(walk(t, 100)).toBe(5); // root, name, unterordner (cut), datei, anhang (cut)
  });

  it('detects recursion through a global element with an anonymous type', () => {
    const t = treeOf(r, '{urn:t}Liste');
    expect(node(t, '/{urn:t}Liste/{urn:t}Liste').recursive).toBe(true);
    expect(t.find('/{urn:t}Liste/{urn:t}Liste/{urn:t}Liste/{urn:t}wert')).toBeDefined();
  });
});

describe('substitution groups', () => {
  const r = imp(
    xsd(`
  <xs:element name="Zoo"><xs:complexType><xs:sequence><xs:element ref="t:Tier" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Tier" type="t:TierType" abstract="true"/>
  <xs:element name="Saeuger" type="t:TierType" substitutionGroup="t:Tier" abstract="true"/>
  <xs:element name="Hund" substitutionGroup="t:Saeuger"/>
  <xs:element name="Katze" type="t:KatzeType" substitutionGroup="t:Tier"/>
  <xs:complexType name="TierType"><xs:sequence><xs:element name="name" type="xs:string"/></xs:sequence></xs:complexType>
  <xs:complexType name="KatzeType"><xs:complexContent><xs:extension base="t:TierType"><xs:sequence><xs:element name="leben" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>`),
  );
  const t = treeOf(r, '{urn:t}Zoo');

  it('shows the head with its (transitive, non-abstract) substitutes', () => {
    expect(kids(t, t.root)).toEqual(['t:Tier [1..*] TierType']);
    const head = node(t, '/{urn:t}Zoo/{urn:t}Tier');
    expect(head.abstract).toBe(true);
    expect(head.substitutes?.map(clark)).toEqual(['{urn:t}Katze', '{urn:t}Hund']);
  });

  it('finds a substitute by path, with its own type (or the head type)', () => {
    const katze = node(t, '/{urn:t}Zoo/{urn:t}Katze');
    expect(katze).toMatchObject({ minOccurs: 1, maxOccurs: null, typeName: { local: 'KatzeType' } });
    expect(kids(t, katze)).toEqual(['t:name [1..1] string', 't:leben [1..1] int']);
    expect(node(t, '/{urn:t}Zoo/{urn:t}Hund').typeName?.local).toBe('TierType');
    expect(t.find('/{urn:t}Zoo/{urn:t}Hund/{urn:t}name')).toBeDefined();
    // Not listed among the children: the head stands for them.
    expect(t.children(t.root)).toHaveLength(1);
  });

  it('puts abstract elements last and members after free-standing elements in roots', () => {
    expect(r.roots.map((q) => q.local)).toEqual(['Zoo', 'Hund', 'Katze', 'Tier', 'Saeuger']);
  });
});

describe('wildcards', () => {
  const r = imp(
    xsd(`
  <xs:element name="r">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="fest" type="xs:string"/>
        <xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:anyAttribute namespace="##any" processContents="skip"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="frei" type="xs:date"/>
  <xs:attribute name="extra" type="xs:int"/>`),
  );
  const t = treeOf(r, '{urn:t}r');

  it('gives nodes of kind any and anyAttribute', () => {
    const [anyAttr, fest, any] = t.children(t.root);
    expect(anyAttr).toMatchObject({ path: '/{urn:t}r/@*', kind: 'anyAttribute', minOccurs: 0, maxOccurs: null, wildcard: { namespace: '##any', processContents: 'skip' } });
    expect(fest.kind).toBe('element');
    expect(any).toMatchObject({ path: '/{urn:t}r/*', kind: 'any', minOccurs: 0, maxOccurs: null, wildcard: { namespace: '##other', processContents: 'lax' } });
  });

  it('finds global declarations through a wildcard', () => {
    expect(node(t, '/{urn:t}r/{urn:t}frei').simple).toEqual({ builtin: 'date' });
    expect(node(t, '/{urn:t}r/@{urn:t}extra').simple).toEqual({ builtin: 'int' });
    expect(t.find('/{urn:t}r/{urn:t}unbekannt')).toBeUndefined();
  });
});

describe('xsi:type', () => {
  it('finds content of types derived from the declared type, as an instance with xsi:type would have it', () => {
    const r = imp(
      xsd(`
  <xs:element name="r"><xs:complexType><xs:sequence><xs:element name="adresse" type="t:Adresse"/></xs:sequence></xs:complexType></xs:element>
  <xs:complexType name="Adresse" abstract="true"><xs:sequence><xs:element name="ort" type="xs:string"/></xs:sequence></xs:complexType>
  <xs:complexType name="Inland"><xs:complexContent><xs:extension base="t:Adresse"><xs:sequence><xs:element name="plz" type="xs:string"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
  <xs:complexType name="Strasse"><xs:complexContent><xs:extension base="t:Inland"><xs:sequence><xs:element name="hausnummer" type="xs:string"/></xs:sequence><xs:attribute name="zusatz" type="xs:string"/></xs:extension></xs:complexContent></xs:complexType>`),
    );
    const t = treeOf(r, '{urn:t}r');
    expect(node(t, '/{urn:t}r/{urn:t}adresse').abstract).toBe(true);
    expect(kids(t, '/{urn:t}r/{urn:t}adresse')).toEqual(['t:ort [1..1] string']);
    expect(node(t, '/{urn:t}r/{urn:t}adresse/{urn:t}plz').simple).toEqual({ builtin: 'string' });
    expect(t.find('/{urn:t}r/{urn:t}adresse/{urn:t}hausnummer')).toBeDefined();
    expect(t.find('/{urn:t}r/{urn:t}adresse/@zusatz')).toBeDefined();
    expect(t.find('/{urn:t}r/{urn:t}adresse/{urn:t}nirgends')).toBeUndefined();
  });
});

describe('roots', () => {
  it('puts XÖV message roots first: by base type name or by a Kopf / nachrichtenkopf child', () => {
    const r = imp(
      xsd(`
  <xs:element name="hilfe" type="xs:string"/>
  <xs:element name="antrag.0100"><xs:complexType><xs:complexContent><xs:extension base="t:Nachricht.G2G"><xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType></xs:element>
  <xs:element name="Abgabe.0401"><xs:complexType><xs:sequence><xs:element name="Kopf" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="teil" type="xs:string"/>
  <xs:element name="benutzt"><xs:complexType><xs:sequence><xs:element ref="t:teil"/></xs:sequence></xs:complexType></xs:element>
  <xs:complexType name="Nachricht.G2G"><xs:sequence><xs:element name="nachrichtenkopf.g2g" type="xs:string" form="unqualified"/></xs:sequence></xs:complexType>`),
    );
    expect(r.roots.map((q) => q.local)).toEqual(['antrag.0100', 'Abgabe.0401', 'hilfe', 'benutzt', 'teil']);
  });

  it('orders by given file order within a tier', () => {
    const a = { name: 'a.xsd', content: xsd('<xs:element name="a" type="xs:string"/>') };
    const b = { name: 'b.xsd', content: xsd('<xs:element name="b" type="xs:string"/>') };
    expect(imp(b, a).roots.map((q) => q.local)).toEqual(['b', 'a']);
    expect(imp(a, b).roots.map((q) => q.local)).toEqual(['a', 'b']);
  });

  it('gives no tree for an unknown root', () => {
    expect(imp(xsd('<xs:element name="a" type="xs:string"/>')).tree({ ns: 'urn:t', local: 'b' })).toBeUndefined();
  });
});

describe('splitPath', () => {
  it('keeps slashes inside namespace URIs', () => {
    expect(splitPath('/{http://a/b}x/{urn:y}z/@{http://c/d}e/plain/@f')).toEqual(['{http://a/b}x', '{urn:y}z', '@{http://c/d}e', 'plain', '@f']);
  });
  it('drops empty steps and keeps instance suffixes and wildcards', () => {
    expect(splitPath('')).toEqual([]);
    expect(splitPath('/')).toEqual([]);
    expect(splitPath('a//b/')).toEqual(['a', 'b']);
    expect(splitPath('/{urn:v}V/{urn:v}Kontakt#2/instance_*')).toEqual(['{urn:v}V', '{urn:v}Kontakt#2', 'instance_*']);
  });
  it('is the one splitPath of the schema model', () => {
    expect(splitPath).toBe(typesSplitPath);
  });
});
