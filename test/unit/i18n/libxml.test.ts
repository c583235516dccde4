/**
 * libxml2's schema findings in German: what a message check against a real XSD gives for the common
 * mistakes, in German by default and unchanged (libxml2's English) after switching to English.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { setMessageLang } from '../../../src/core/i18n.ts';
import { libxmlMessage } from '../../../src/core/runner/libxml-de.ts';
import { XsdValidation } from '../../../src/core/runner/validate.ts';
import { resetLangEachTest } from './helpers.ts';

resetLangEachTest();

const XSD = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns="urn:t" elementFormDefault="qualified">
<xs:element name="r"><xs:complexType><xs:sequence>
<xs:element name="a"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="01"/><xs:enumeration value="02"/></xs:restriction></xs:simpleType></xs:element>
<xs:element name="b"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="[0-9]{5}"/><xs:maxLength value="5"/></xs:restriction></xs:simpleType></xs:element>
<xs:element name="c" type="xs:date"/>
<xs:element name="d"><xs:simpleType><xs:restriction base="xs:decimal"><xs:maxInclusive value="10"/></xs:restriction></xs:simpleType></xs:element>
<xs:element name="e"/>
</xs:sequence><xs:attribute name="v" use="required"/></xs:complexType></xs:element></xs:schema>`;
const SRC = { rootFile: 's.xsd', files: [{ name: 's.xsd', content: XSD }] };
const XML = `<r xmlns="urn:t" x="1"><a>03</a><b>123456</b><c>gestern</c><d>11</d>text<zz/></r>`;

describe('libxml2 findings in the message language', () => {
  const v = new XsdValidation();
  afterAll(() => v.dispose());
  const messages = () => v.validate(SRC, XML).issues.map((i) => i.message);

  it('are German by default, with values, sets and patterns kept', () => {
    expect(messages()).toEqual([
      'Element r, Attribut x: Das Attribut x ist hier nicht erlaubt.',
      'Element r: Das Pflichtattribut v fehlt.',
      "Element a: „03“ ist kein erlaubter Wert (erlaubt: '01', '02').",
      'Element b: Der Wert ist 6 Zeichen lang, erlaubt sind höchstens 5.',
      'Element b: „123456“ passt nicht zum Muster [0-9]{5}.',
      'Element c: „gestern“ ist kein gültiger Wert des Typs xs:date.',
      'Element d: „11“ ist größer als das Maximum 10.',
      'Element r: Text ist hier nicht erlaubt: das Element enthält nur Elemente.',
      'Element zz: Dieses Element ist hier nicht erwartet. Erwartet wird e.',
    ]);
  });

  it("are libxml2's own English in English (the enumeration set no longer lost)", () => {
    setMessageLang('en');
    const en = messages();
    expect(en).toContain("Element 'a': [facet 'enumeration'] The value '03' is not an element of the set {'01', '02'}.");
    expect(en).toContain("Element 'zz': This element is not expected. Expected is ( e ).");
  });

  it('leaves a message no pattern knows as it is', () => {
    expect(libxmlMessage("Element 'x': Something libxml2 says rarely.")).toBe("Element 'x': Something libxml2 says rarely.");
    expect(libxmlMessage("Element 'x': Missing child element(s). Expected is one of ( a, b ).")).toBe('Element x: Ein Kindelement fehlt, eines von: a, b.');
  });
});
