/** Schema importers' diagnostics in the chosen language: a broken XSD set, a broken JSON Schema, XDatenfelder. */
import { describe, expect, it } from 'vitest';
import { setMessageLang } from '../../../src/core/i18n.ts';
import type { SchemaSet } from '../../../src/core/model/project.ts';
import { importSchemaSet, messageTree } from '../../../src/core/schema/index.ts';
import { importJsonSchema } from '../../../src/core/schema/json/index.ts';
import { importXDatenfelder } from '../../../src/core/schema/xdatenfelder/index.ts';
import { importXsd } from '../../../src/core/schema/xsd/index.ts';
import { unresolvedOf } from '../../../src/ui/schema/prepare.ts';
import { resetLangEachTest } from './helpers.ts';

resetLangEachTest();

const XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"';
// An import nobody supplied, an unknown type, and a second file that is not well-formed.
const broken = [
  {
    name: 'antrag.xsd',
    content: `<xs:schema ${XS} xmlns:b="urn:basis" targetNamespace="urn:antrag">\n  <xs:import namespace="urn:basis" schemaLocation="https://example.org/basis.xsd"/>\n  <xs:element name="Antrag" type="xs:gibtsnicht"/>\n</xs:schema>`,
  },
  { name: 'kaputt.xsd', content: `<xs:schema ${XS}>\n  <xs:element name="a">\n</xs:schema>` },
];

const messages = () => importXsd(broken).diagnostics.map((d) => `${d.location?.file}:${d.location?.line} ${d.code}: ${d.message}`);

describe('XSD import', () => {
  it('reports a broken set in German by default', () => {
    const ds = messages();
    expect(ds).toContain(
      'antrag.xsd:2 xsd.unresolved-import: Import des Namensraums „urn:basis“ aus „https://example.org/basis.xsd“ nicht aufgelöst: keine passende Datei im Schema-Satz (es wird nichts nachgeladen).',
    );
    expect(ds).toContain('antrag.xsd:3 xsd.unknown-type: Unbekannter Typ „{http://www.w3.org/2001/XMLSchema}gibtsnicht“ (type="xs:gibtsnicht").');
    expect(ds.find((d) => d.startsWith('kaputt.xsd:'))).toMatch(/^kaputt\.xsd:3 xml\.not-well-formed: Nicht wohlgeformtes XML: /);
  });

  it('reports the same findings in English, with the same codes and places', () => {
    setMessageLang('en');
    const ds = messages();
    expect(ds).toContain('antrag.xsd:2 xsd.unresolved-import: Import of the namespace "urn:basis" from "https://example.org/basis.xsd" not resolved: no matching file in the schema set (nothing is fetched).');
    expect(ds).toContain('antrag.xsd:3 xsd.unknown-type: Unknown type "{http://www.w3.org/2001/XMLSchema}gibtsnicht" (type="xs:gibtsnicht").');
    expect(ds.find((d) => d.startsWith('kaputt.xsd:'))).toMatch(/^kaputt\.xsd:3 xml\.not-well-formed: XML is not well-formed: /);
  });

  it('still offers the unresolved location as a catalog candidate in both languages', () => {
    expect(unresolvedOf(importXsd(broken).diagnostics)).toEqual(['https://example.org/basis.xsd']);
    setMessageLang('en');
    expect(unresolvedOf(importXsd(broken).diagnostics)).toEqual(['https://example.org/basis.xsd']);
    const noNs = importXsd([{ name: 'a.xsd', content: `<xs:schema ${XS}><xs:import/></xs:schema>` }]).diagnostics;
    expect(noNs[0].message).toContain('"(no namespace)"');
    expect(unresolvedOf(noNs)).toEqual([]);
  });

  it('re-words the cached import of a project schema set after a language switch', () => {
    const set: SchemaSet = { id: 'antrag', name: 'Antrag', kind: 'xsd', files: broken };
    const msg = { schemaId: 'antrag', root: { ns: 'urn:antrag', local: 'Fehlt' } };
    expect(importSchemaSet(set).diagnostics.some((d) => d.message.startsWith('Unbekannter Typ'))).toBe(true);
    expect(messageTree([set], msg).diagnostics.at(-1)?.message).toBe('Das Wurzelelement {urn:antrag}Fehlt gibt es in Schema "Antrag" nicht.');
    setMessageLang('en');
    expect(importSchemaSet(set).diagnostics.some((d) => d.message.startsWith('Unknown type'))).toBe(true);
    expect(messageTree([set], msg).diagnostics.at(-1)?.message).toBe('Schema "Antrag" has no root element {urn:antrag}Fehlt.');
  });
});

describe('JSON Schema and XDatenfelder import', () => {
  const json = [
    { name: 'antrag.schema.json', content: '{ "type": "object", "properties": { "a": { "$ref": "basis.json#/$defs/x" }, "b": { "$ref": "#/$defs/fehlt" } } }' },
    { name: 'kaputt.schema.json', content: '{ "type": "object", }' },
  ];
  const xdf = '<xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_2"><xdf:stammdatenschema><xdf:identifikation><xdf:id></xdf:id></xdf:identifikation></xdf:stammdatenschema></xdf:xdatenfelder.stammdatenschema.0102>';

  it('words broken JSON Schemas in German by default and in English', () => {
    const de = importJsonSchema(json).diagnostics.map((d) => d.message);
    expect(de).toContain('Kein gültiges JSON: Schlüssel erwartet.');
    expect(de).toContain('Verweisziel „#/$defs/fehlt“ gibt es nicht.');
    setMessageLang('en');
    const en = importJsonSchema(json).diagnostics.map((d) => d.message);
    expect(en).toContain('Not valid JSON: key expected.');
    expect(en).toContain('The reference target "#/$defs/fehlt" does not exist.');
    expect(en).toContain('Reference "basis.json#/$defs/x" not resolved: no matching file "basis.json" in the schema set (nothing is fetched).');
    expect(unresolvedOf(importJsonSchema(json).diagnostics)).toEqual(['basis.json']);
  });

  it('words a broken XDatenfelder document in German by default and in English', () => {
    const de = importXDatenfelder([{ name: 'form.xml', content: xdf }]).diagnostics.map((d) => d.message);
    expect(de).toContain('<xdf:id> ist leer: das Schema hat keine Kennung.');
    setMessageLang('en');
    const en = importXDatenfelder([{ name: 'form.xml', content: xdf }]).diagnostics.map((d) => d.message);
    expect(en).toContain('<xdf:id> is empty: the schema has no id.');
    expect(importXDatenfelder([{ name: 'x.xml', content: '<foo/>' }]).diagnostics[0].message).toBe('Not an XDatenfelder document: root element <foo>.');
  });
});
