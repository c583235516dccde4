import { afterAll, describe, expect, it } from 'vitest';
import { XsdValidation, xsdSourceFor, checkAgainstTree } from '../../../src/core/runner/validate.ts';
import { messageTree } from '../../../src/core/schema/index.ts';
import { fromPattern, placeholder, prefixFor, skeletonMessage } from '../../../src/core/schema/skeleton.ts';
import { importXsd } from '../../../src/core/schema/xsd/index.ts';
import type { SchemaNode } from '../../../src/core/schema/types.ts';
import { parseXml } from '../../../src/core/xml/dom.ts';
import { sampleProject } from './helpers.ts';

const p = sampleProject();
const v = new XsdValidation();
afterAll(() => v.dispose());

const XSD = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns="urn:t" elementFormDefault="qualified">
  <xs:element name="Antrag">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="Kennung" type="Kennung"/>
        <xs:element name="Datum" type="xs:date"/>
        <xs:element name="Anzahl" type="Anzahl"/>
        <xs:element name="Art"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="neu"/><xs:enumeration value="alt"/></xs:restriction></xs:simpleType></xs:element>
        <xs:element name="Hinweis" type="xs:string" minOccurs="0"/>
        <xs:choice>
          <xs:element name="Person" type="Person"/>
          <xs:element name="Firma" type="xs:string"/>
        </xs:choice>
        <xs:element name="Position" maxOccurs="unbounded"><xs:complexType><xs:simpleContent><xs:extension base="xs:decimal"><xs:attribute name="nr" type="xs:positiveInteger" use="required"/><xs:attribute name="opt" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType></xs:element>
        <xs:element name="Kurz"><xs:simpleType><xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction></xs:simpleType></xs:element>
      </xs:sequence>
      <xs:attribute name="version" type="xs:string" fixed="1.0" use="required"/>
    </xs:complexType>
  </xs:element>
  <xs:simpleType name="Kennung"><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{2}-\\d{4}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Anzahl"><xs:restriction base="xs:integer"><xs:minInclusive value="5"/><xs:maxInclusive value="9"/></xs:restriction></xs:simpleType>
  <xs:complexType name="Person"><xs:sequence><xs:element name="Name" type="xs:string"/><xs:element name="Kind" type="Person" minOccurs="0"/></xs:sequence></xs:complexType>
</xs:schema>`;

describe('skeleton messages from a schema tree', () => {
  const tree = importXsd([{ name: 't.xsd', content: XSD }]).tree({ ns: 'urn:t', local: 'Antrag' })!;
  const text = skeletonMessage(tree);

  it('writes required nodes once, the first choice alternative and typed placeholders, and validates', () => {
    const doc = parseXml(text);
    expect(doc.ok).toBe(true);
    expect(text).toContain('<t:Kennung>AA-1111</t:Kennung>');
    expect(text).toContain('<t:Datum>2000-01-01</t:Datum>');
    expect(text).toContain('<t:Anzahl>5</t:Anzahl>');
    expect(text).toContain('<t:Art>neu</t:Art>');
    expect(text).toContain('version="1.0"');
    expect(text).toMatch(/<t:Position nr="1">1\.0<\/t:Position>/);
    expect(text).not.toContain('Hinweis');
    expect(text).not.toContain('opt=');
    expect(text).toContain('<t:Person>');
    expect(text).not.toContain('Firma');
    expect(text).not.toContain('Kind'); // optional recursion stops
    expect(text.match(/<t:Position /g)).toHaveLength(1);
    expect(text).toMatch(/<t:Kurz>Kur<\/t:Kurz>/);
    const r = v.validate({ files: [{ name: 't.xsd', content: XSD }], rootFile: 't.xsd' }, text);
    expect(r.issues).toEqual([]);
    expect(r.status).toBe('valid');
  });

  it('gives skeletons of the sample project targets that their XSDs accept', () => {
    for (const f of p.flows.filter((x) => x.target)) {
      const t = messageTree(p.schemas, f.target).tree!;
      const src = xsdSourceFor(p.schemas, f.target);
      if (!src.ok) throw new Error(src.reason);
      const r = v.validate(src.source, skeletonMessage(t));
      expect({ flow: f.id, issues: r.issues }).toEqual({ flow: f.id, issues: [] });
    }
  });

  it('turns Amt24 wildcard steps into instance_1 and fits the inferred tree', () => {
    const t = messageTree(p.schemas, p.flows[1].source).tree!;
    const s = skeletonMessage(t);
    expect(s).toContain('<instance_1>');
    expect(s).not.toContain('instance_*');
    expect(checkAgainstTree(t, s).status).toBe('valid');
  });

  it('makes values from simple patterns and refuses ones it cannot satisfy', () => {
    expect(fromPattern('\\d{5}')).toBe('11111');
    expect(fromPattern('(DE|AT)[0-9]{2}')).toBe('DE00');
    expect(fromPattern('[a-z]+@[a-z]+\\.de')).toBe('a@a.de');
    expect(fromPattern('[^x]+')).toBeUndefined();
    const node = (simple: SchemaNode['simple']): SchemaNode => ({ path: '/x', kind: 'element', name: { ns: '', local: 'Wert' }, minOccurs: 1, maxOccurs: 1, hasChildren: false, simple });
    expect(placeholder(node({ builtin: 'boolean' }))).toBe('false');
    expect(placeholder(node({ builtin: 'decimal', minExclusive: '10' }))).toBe('11.0');
    expect(placeholder(node({ builtin: 'string', minLength: 8 }))).toBe('Wertxxxx');
    expect(placeholder(node({ builtin: 'string', length: 2 }))).toBe('We');
  });

  it('derives readable namespace prefixes', () => {
    expect(prefixFor('urn:xoev-de:xdomea:schema:3.0.0', new Set())).toBe('xdomea');
    expect(prefixFor('http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2', new Set())).toBe('gewerbemeldung');
    expect(prefixFor('urn:t', new Set(['t']))).toBe('t2');
  });
});
