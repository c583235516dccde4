import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { messageTree } from '../../../src/core/schema/index.ts';
import { ParseOption } from 'libxml2-wasm';
import { checkAgainstTree, checkMessage, elementAt, parseOption, XsdValidation, xsdSourceFor, type XsdSource } from '../../../src/core/runner/validate.ts';
import { parseXml } from '../../../src/core/xml/dom.ts';
import { expected, ROOT, sampleProject } from './helpers.ts';

const p = sampleProject();
const a1 = p.flows.find((f) => f.id === 'a1-gewerberegister')!;
const dms = p.flows.find((f) => f.id === 'dms-vorgang')!;
const GM = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
const XD = 'urn:xoev-de:xdomea:schema:3.0.0';
const v = new XsdValidation();
afterAll(() => v.dispose());

function source(flow = dms): XsdSource {
  const s = xsdSourceFor(p.schemas, flow.target);
  if (!s.ok) throw new Error(s.reason);
  return s.source;
}

/** Native xmllint's verdict, the reference (Debian libxml2-utils). */
function xmllint(xml: string, xsdFile: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'rw-val-'));
  writeFileSync(join(dir, 'doc.xml'), xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', xsdFile, join(dir, 'doc.xml')], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

describe('XSD validation with libxml2-wasm', () => {
  it('finds the file declaring the root element of each target', () => {
    expect(source(dms).rootFile).toBe('xdomea_3.0.0/xdomea-Nachrichten-FachverfahrensdatenAustauschen.xsd');
    expect(source(a1).rootFile).toBe('gewerberegister-import.xsd');
    const src = xsdSourceFor(p.schemas, a1.source);
    expect(src.ok).toBe(false);
    if (!src.ok) expect(src.reason).toMatch(/kein XSD/);
  });

  it('accepts the handwritten expected outputs (xdomea 3.0.0 with imports, and the vendor XSD)', () => {
    for (const n of ['01-einzelunternehmen', '02-gmbh', '03-ug-ohne-anlagen'] as const) {
      expect(v.validate(source(dms), expected('dms-vorgang', n)).status).toBe('valid');
      expect(v.validate(source(a1), expected('a1-gewerberegister', n)).status).toBe('valid');
    }
  });

  /** The message with its attachment replaced by 12,000,000 valid base64 characters. */
  const bigAttachment = (xml: string) => xml.replace(/<Inhalt>[^<]*<\/Inhalt>/, `<Inhalt>${'QUJD'.repeat(3_000_000)}</Inhalt>`);

  it('accepts a valid message with an attachment over 10 MB (libxml2 refuses such text nodes by default)', () => {
    const good = expected('a1-gewerberegister', '01-einzelunternehmen');
    const big = bigAttachment(good);
    expect(big.length).toBeGreaterThan(12_000_000);
    expect(v.validate(source(a1), big)).toMatchObject({ status: 'valid', issues: [] });
    // And deeper nesting than libxml2's default 256 levels is only a schema finding, not "not well-formed".
    const deep = good.replace('<Ort>Dresden</Ort>', `<Ort>Dresden</Ort>${'<x>'.repeat(300)}${'</x>'.repeat(300)}`);
    const r = v.validate(source(a1), deep);
    expect(r.status).toBe('invalid');
    expect(r.issues[0].message).toMatch(/Element x: Dieses Element ist hier nicht erwartet/);
  });

  it('keeps libxml2\'s normal limits for a message that declares entities (expansion attacks)', () => {
    const good = expected('a1-gewerberegister', '01-einzelunternehmen');
    expect(parseOption(good)).toBe(ParseOption.XML_PARSE_HUGE);
    const withEntity = good.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE Gewerbemeldung [<!ENTITY e "x">]>');
    expect(withEntity).not.toBe(good);
    expect(parseOption(withEntity)).toBeUndefined();
    const big = bigAttachment(withEntity);
    expect(big.length).toBeGreaterThan(12_000_000);
    const r = v.validate(source(a1), big);
    expect(r.status).toBe('malformed');
    expect(r.issues[0].message).toMatch(/Text node too long|Textknoten/);
  });

  it('reports an unexpected element with its line and the tree path, as xmllint does', () => {
    const good = expected('dms-vorgang', '01-einzelunternehmen');
    const bad = good.replace('<xdomea:Betreff>', '<xdomea:Unsinn/><xdomea:Betreff>');
    const line = bad.split('\n').findIndex((l) => l.includes('Unsinn')) + 1;
    const r = v.validate(source(dms), bad);
    expect(r.status).toBe('invalid');
    expect(r.issues[0].line).toBe(line);
    expect(r.issues[0].message).toMatch(/Unsinn: Dieses Element ist hier nicht erwartet/);
    expect(r.issues[0].path).toMatch(new RegExp(`/\\{${XD}\\}AllgemeineMetadaten/\\{${XD}\\}Unsinn$`));
    const xsd = join(ROOT, 'samples/gewerbeanmeldung/schemas/xdomea-3.0.0/xdomea_3.0.0/xdomea-Nachrichten-FachverfahrensdatenAustauschen.xsd');
    expect(xmllint(good, xsd)).toBe(true);
    expect(xmllint(bad, xsd)).toBe(false);
  });

  it('points a bad value, a bad attribute and a missing child at the target tree node', () => {
    const good = expected('a1-gewerberegister', '01-einzelunternehmen');
    const badValue = good.replace(/<Beginn>[^<]*<\/Beginn>/, '<Beginn>gestern</Beginn>');
    expect(badValue).not.toBe(good);
    const r1 = v.validate(source(a1), badValue);
    expect(r1.status).toBe('invalid');
    expect(r1.issues[0].path).toBe(`/{${GM}}Gewerbemeldung/{${GM}}Betrieb/{${GM}}Beginn`);
    expect(r1.issues[0].line).toBe(badValue.split('\n').findIndex((l) => l.includes('gestern')) + 1);

    const badAttr = good.replace('version="1.2"', 'version="9"');
    const r2 = v.validate(source(a1), badAttr);
    expect(r2.status).toBe('invalid');
    expect(r2.issues[0].path).toBe(`/{${GM}}Gewerbemeldung/@version`);

    const missing = good.replace(/<Name>[^<]*<\/Name>/, '');
    const r3 = v.validate(source(a1), missing);
    expect(r3.status).toBe('invalid');
    expect(r3.issues.some((i) => i.path === `/{${GM}}Gewerbemeldung/{${GM}}Betrieb/{${GM}}Name`)).toBe(true);
  });

  it('says where a document is not well-formed, without validating', () => {
    const r = v.validate(source(a1), '<Gewerbemeldung>\n  <Betrieb>\n</Gewerbemeldung>');
    expect(r.status).toBe('malformed');
    expect(r.issues[0].line).toBe(3);
    expect(r.issues[0].message).toMatch(/wohlgeformt/);
  });

  it('reports a broken schema with its file and line instead of throwing', () => {
    const src: XsdSource = {
      rootFile: 'a.xsd',
      files: [
        { name: 'a.xsd', content: '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n<xs:include schemaLocation="b.xsd"/>\n<xs:element name="r" type="T"/>\n</xs:schema>' },
        { name: 'b.xsd', content: '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n<xs:complexType name="T"><xs:sequence><xs:element name="x" type="Nope"/></xs:sequence></xs:complexType>\n</xs:schema>' },
      ],
    };
    const r = v.validate(src, '<r><x/></r>');
    expect(r.status).toBe('schema-error');
    expect(r.issues[0].file).toBe('b.xsd');
    expect(r.issues[0].line).toBe(2);
  });

  it('resolves an import by absolute URL through the catalog, never the network', () => {
    const src: XsdSource = {
      rootFile: 'main.xsd',
      catalog: { 'https://example.invalid/types.xsd': 'lib/types.xsd' },
      files: [
        {
          name: 'main.xsd',
          content: `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:m" elementFormDefault="qualified">
<xs:import namespace="urn:t" schemaLocation="https://example.invalid/types.xsd"/>
<xs:element name="r" type="t:Code"/></xs:schema>`,
        },
        { name: 'lib/types.xsd', content: '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t"><xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:length value="2"/></xs:restriction></xs:simpleType></xs:schema>' },
      ],
    };
    expect(v.validate(src, '<r xmlns="urn:m">ab</r>').status).toBe('valid');
    expect(v.validate(src, '<r xmlns="urn:m">abc</r>').status).toBe('invalid');
  });

  it('resolves libxml2 node paths with prefixes, default namespaces and positions', () => {
    const doc = parseXml('<a xmlns="urn:x"><b/><p:c xmlns:p="urn:p"/><b><d/></b><p:c xmlns:p="urn:p"><e/></p:c></a>');
    if (!doc.ok) throw new Error();
    expect(elementAt(doc.doc.root, '/*/*[3]/*')?.local).toBe('d');
    expect(elementAt(doc.doc.root, '/*/p:c[2]/*')?.local).toBe('e');
  });
});

describe('structure check against an inferred schema tree', () => {
  const tree = messageTree(p.schemas, a1.source).tree!;
  const msg = a1.samples[0].content;

  it('accepts the samples the tree was inferred from', () => {
    for (const s of a1.samples) expect(checkAgainstTree(tree, s.content).status).toBe('valid');
  });

  it('warns about unknown fields and attributes with their lines', () => {
    const bad = msg.replace('<vorname>', '<spitzname>Tobi</spitzname><vorname>').replace('<ort>', '<ort art="x">');
    const r = checkAgainstTree(tree, bad);
    expect(r.status).toBe('invalid');
    const unknown = r.issues.find((i) => /spitzname/.test(i.message))!;
    expect(unknown.line).toBe(bad.split('\n').findIndex((l) => l.includes('spitzname')) + 1);
    expect(r.issues.some((i) => /Attribut art/.test(i.message) && i.path?.endsWith('/ort/@art'))).toBe(true);
    expect(r.issues.every((i) => i.severity === 'warning')).toBe(true);
  });

  it('checkMessage picks XSD, tree or nothing by the schema set kind', () => {
    expect(checkMessage(v, p.schemas, a1.target, expected('a1-gewerberegister', '02-gmbh')).against).toBe('xsd');
    const c = checkMessage(v, p.schemas, a1.source, msg);
    expect(c.against).toBe('tree');
    expect(c.note).toMatch(/kein XSD/);
    expect(checkMessage(v, p.schemas, undefined, '<a>').status).toBe('malformed');
  });
});
