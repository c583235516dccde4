/**
 * Messages of the runner in the chosen language: a malformed and an unexpected sample message, a broken
 * XSD, a forbidden rule, an output that differs from the expected one, engine errors.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { setMessageLang } from '../../../src/core/i18n.ts';
import { checkParams, toTransformError } from '../../../src/core/runner/engine.ts';
import { sandboxError } from '../../../src/core/runner/sandbox.ts';
import { checkMessage, XsdValidation } from '../../../src/core/runner/validate.ts';
import { compareXml } from '../../../src/core/runner/xml-compare.ts';
import { sampleProject } from '../run/helpers.ts';
import { resetLangEachTest } from './helpers.ts';

resetLangEachTest();
const p = sampleProject();
const a1 = p.flows.find((f) => f.id === 'a1-gewerberegister')!;
const dms = p.flows.find((f) => f.id === 'dms-vorgang')!;
const v = new XsdValidation();
afterAll(() => v.dispose());

describe('checking a sample message', () => {
  // A pasted sample with a typo: the end tag does not match.
  const malformed = '<serviceportal-fields>\n  <antragsmetadaten>\n  </antragsdaten>\n</serviceportal-fields>';

  it('words a malformed sample in German by default, located', () => {
    const r = checkMessage(v, p.schemas, a1.source, malformed);
    expect(r.status).toBe('malformed');
    expect(r.issues[0]).toMatchObject({ line: 3 });
    expect(r.issues[0].message).toMatch(/^Nicht wohlgeformtes XML: /);
    expect(r.note).toBe('Schema "Amt24 Gewerbeanmeldung (Beispielnachrichten)" ist kein XSD (Art "sample-xml"): keine Schemaprüfung.');
  });

  it('words it in English', () => {
    setMessageLang('en');
    const r = checkMessage(v, p.schemas, a1.source, malformed);
    expect(r.status).toBe('malformed');
    expect(r.issues[0]).toMatchObject({ line: 3 });
    expect(r.issues[0].message).toMatch(/^XML is not well-formed: /);
    expect(r.issues[0].message).not.toMatch(/Nicht|wohlgeformt/);
    expect(r.note).toBe('Schema "Amt24 Gewerbeanmeldung (Beispielnachrichten)" is not an XSD (kind "sample-xml"): no schema validation.');
  });

  it('words elements the inferred tree does not know, and an empty one', () => {
    const odd = a1.samples[0].content.replace('<antragsmetadaten>', '<antragsmetadaten><geheim>1</geheim>');
    expect(checkMessage(v, p.schemas, a1.source, odd).issues[0].message).toBe('Element geheim ist in antragsmetadaten nicht vorgesehen.');
    setMessageLang('en');
    expect(checkMessage(v, p.schemas, a1.source, odd).issues[0].message).toBe('Element geheim is not expected in antragsmetadaten.');
    expect(checkMessage(v, p.schemas, undefined, '   ').issues[0].message).toBe('XML is not well-formed: document must contain a root element.');
  });

  it('words a schema that does not compile', () => {
    const src = { rootFile: 'kaputt.xsd', files: [{ name: 'kaputt.xsd', content: '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="a" type="xs:gibtsnicht"/></xs:schema>' }] };
    const de = v.validate(src, '<a/>');
    expect(de.status).toBe('schema-error');
    expect(de.issues[0].message).toMatch(/^Schema fehlerhaft: /);
    setMessageLang('en');
    // Another content: the compiled schema (and its findings) are cached by content.
    const en = v.validate({ ...src, files: [{ ...src.files[0], content: src.files[0].content + ' ' }] }, '<a/>');
    expect(en.status).toBe('schema-error');
    expect(en.issues[0].message).toMatch(/^Schema error: /);
    expect(en.issues[0].file).toBe('kaputt.xsd');
  });

  it('says why there is no XSD check for a missing message type', () => {
    expect(checkMessage(v, p.schemas, undefined, '<a/>').note).toBe('Kein Nachrichtentyp gewählt.');
    setMessageLang('en');
    expect(checkMessage(v, p.schemas, undefined, '<a/>').note).toBe('No message type chosen.');
    expect(checkMessage(v, p.schemas, { ...dms.target!, schemaId: 'weg' }, '<a/>').note).toBe('The project has no schema "weg".');
  });
});

describe('rules and their results', () => {
  const rule = (body: string) => `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/">${body}</xsl:template></xsl:stylesheet>`;

  it('refuses a forbidden call in the chosen language, with its line', () => {
    const forbidden = rule('<xsl:copy-of select="doc(\'file:///etc/passwd\')"/>');
    expect(sandboxError(forbidden)).toMatchObject({ code: 'sandbox.doc', message: 'doc() ist in Regeln nicht erlaubt: liest Dokumente aus Dateien oder URLs.', line: 1 });
    setMessageLang('en');
    expect(sandboxError(forbidden)).toMatchObject({ code: 'sandbox.doc', message: 'doc() is not allowed in rules: it reads documents from files or URLs.', line: 1 });
    expect(sandboxError(rule('<xsl:result-document href="x.xml"/><xsl:evaluate xpath="1"/>'))?.message).toBe(
      'xsl:result-document is not allowed in rules: it writes further result documents. (and 1 more place)',
    );
  });

  it('lists differences between an output and the expected one in the chosen language', () => {
    const cmp = () => compareXml('<a><b>1</b><c/></a>', '<a><b>2</b></a>');
    expect(cmp()).toEqual({ equal: false, differences: [{ path: '/a/b', message: '"2" statt erwartet "1"' }, { path: '/a/c[1]', message: 'Element fehlt' }] });
    setMessageLang('en');
    expect(cmp()).toEqual({ equal: false, differences: [{ path: '/a/b', message: '"2" where "1" is expected' }, { path: '/a/c[1]', message: 'Element missing' }] });
    const bad = compareXml('<a/>', '<a>');
    expect(!bad.equal && bad.differences[0].message).toMatch(/^Output is not well-formed: XML is not well-formed: .* \(line 1\)$/);
  });

  it('words engine errors in the chosen language and keeps their codes', () => {
    const deep = toTransformError({ name: 'RangeError', message: 'Maximum call stack size exceeded' }, 'run');
    expect(deep).toMatchObject({ code: 'runner.stack-overflow', message: 'Stapelüberlauf: die Regel ruft sich zu tief rekursiv auf (endlose Rekursion?).' });
    setMessageLang('en');
    expect(toTransformError({ name: 'RangeError', message: 'Maximum call stack size exceeded' }, 'run')).toMatchObject({
      code: 'runner.stack-overflow',
      message: 'Stack overflow: the rule calls itself too deeply (endless recursion?).',
    });
    expect(checkParams({ '1x': 'a' })).toMatchObject({ code: 'runner.invalid-param', message: 'Invalid parameter name: "1x"' });
    expect(toTransformError({ message: 'Bad input at https://regelwerk.invalid/regelwerk-input.xml' }, 'run').message).toBe('Bad input at input');
  });
});
