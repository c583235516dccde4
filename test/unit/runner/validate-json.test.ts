/**
 * JSON messages are checked as JSON (not as XML): the real output of a JSON-target flow
 * (test/fixtures/json-target) is valid; malformed JSON is located; required members, wrong types and
 * unknown keys are found with the target-tree path of the node, in German and English.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileProjectFlow } from '../../../src/core/compiler/index.ts';
import { setMessageLang } from '../../../src/core/i18n.ts';
import { loadProject } from '../../../src/core/model/load.ts';
import type { Project, SchemaSet } from '../../../src/core/model/project.ts';
import { prettyPrintXml } from '../../../src/core/runner/engine.ts';
import { jsonSampleValues } from '../../../src/core/runner/sample-values-json.ts';
import { isJsonMessageType, jsonLocation } from '../../../src/core/runner/validate-json.ts';
import { checkMessage, XsdValidation } from '../../../src/core/runner/validate.ts';
import { messageTree } from '../../../src/core/schema/index.ts';
import { FN, jsonStep as st } from '../../../src/core/schema/json/paths.ts';
import { ROOT } from '../run/helpers.ts';

const SaxonJS = createRequire(import.meta.url)('saxon-js');
const run = (xsl: string, xml: string): string =>
  SaxonJS.XPath.evaluate("transform(map{'stylesheet-text': $xsl, 'source-node': parse-xml($xml), 'delivery-format': 'serialized'})?output", [], { params: { xsl, xml } });

const loaded = loadProject(readFileSync(join(ROOT, 'test/fixtures/json-target/json-target.regelwerk.json'), 'utf8'), 'fixture');
if (!loaded.ok) throw new Error('fixture does not load');
const project: Project = loaded.project;
const flow = project.flows[0];
const tree = messageTree(project.schemas, flow.target).tree!;
const P = (...steps: string[]) => '/' + [st('map'), ...steps].join('/');
const v = new XsdValidation();
const check = (text: string) => checkMessage(v, project.schemas, flow.target, text);

afterEach(() => setMessageLang('de'));

describe('the output of a JSON-target flow', () => {
  it('is recognised as JSON by its message type', () => {
    expect(isJsonMessageType(project.schemas, flow.target)).toBe(true);
    expect(isJsonMessageType(project.schemas, flow.source)).toBe(false);
  });

  it('real output of the fixture flow is valid for every sample (not "not well-formed")', () => {
    const xslt = compileProjectFlow(project, flow).xslt;
    expect(flow.samples.length).toBeGreaterThan(0);
    for (const s of flow.samples) {
      const out = prettyPrintXml(run(xslt, s.content));
      expect(out.trimStart()[0]).toBe('{');
      const r = check(out);
      expect(r.issues, s.name).toEqual([]);
      expect(r.status).toBe('valid');
      expect(r.against).toBe('json-tree');
      expect(r.note).toMatch(/JSON Schema/);
    }
  });

  it('without the mapping of a required member, the output misses it: an error at that target node', () => {
    const withoutJ1 = { ...flow, mapping: { ...flow.mapping, rules: flow.mapping.rules.filter((r) => r.id !== 'j1') } };
    const out = prettyPrintXml(run(compileProjectFlow(project, withoutJ1).xslt, flow.samples[0].content));
    const r = check(out);
    expect(r.status).toBe('invalid');
    expect(r.issues).toHaveLength(1);
    const [i] = r.issues;
    expect(i).toMatchObject({ severity: 'error', path: P(st('string', 'vorgangsnummer')), line: 1, column: 1 });
    expect(i.message).toBe('$: Pflichtfeld „vorgangsnummer“ fehlt.');
    // The path is a node of the target tree and addresses nothing in the output (the same XPath as "value in sample").
    expect(tree.find(i.path!)).toBeDefined();
    expect(jsonSampleValues(out, i.path!)?.count).toBe(0);
  });
});

describe('JSON check against the JSON Schema tree', () => {
  it('malformed JSON gives line and column, and no XML wording', () => {
    const r = check('{\n  "vorgangsnummer": "1",\n  "betrieb": { "name": "x" \n}');
    expect(r.status).toBe('malformed');
    expect(r.against).toBe('json-tree');
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ severity: 'error', line: 4, column: 2 });
    expect(r.issues[0].message).toMatch(/^Kein gültiges JSON: „}“ erwartet/);
    expect(r.issues[0].message).not.toMatch(/wohlgeformt|root node/);
    const comma = check('{"vorgangsnummer": "1"\n  "betrieb": {}}');
    expect(comma.issues[0]).toMatchObject({ line: 2, column: 3 });
    expect(comma.issues[0].message).toMatch(/„,“ erwartet/);
    expect(check('<x/>').issues[0].message).toMatch(/sieht wie XML aus/);
  });

  it('finds a missing required member and wrong types with their paths and lines', () => {
    const text = JSON.stringify({ betrieb: { name: 7, teilzeitkraefte: 1.5, ausuebungAls: 'Handwerk' }, taetigkeiten: [{ beschreibung: 'a', haupttaetigkeit: 'ja' }] }, null, 2);
    const r = check(text);
    expect(r.status).toBe('invalid');
    const by = Object.fromEntries(r.issues.map((i) => [i.path, i]));
    expect(by[P(st('string', 'vorgangsnummer'))]).toMatchObject({ severity: 'error', line: 1, message: '$: Pflichtfeld „vorgangsnummer“ fehlt.' });
    expect(by[P(st('map', 'betrieb'), st('string', 'name'))]).toMatchObject({ severity: 'error', line: 3, column: 5, message: '$.betrieb.name: Zeichenkette erwartet, gefunden Zahl.' });
    expect(by[P(st('map', 'betrieb'), st('number', 'teilzeitkraefte'))]).toMatchObject({ severity: 'error', line: 4, message: '$.betrieb.teilzeitkraefte: ganze Zahl erwartet, gefunden 1.5.' });
    expect(by[P(st('map', 'betrieb'), st('array', 'ausuebungAls'), st('string'))]).toMatchObject({ severity: 'error', line: 5, message: '$.betrieb.ausuebungAls: Array erwartet, gefunden Zeichenkette.' });
    expect(by[P(st('array', 'taetigkeiten'), st('map'), st('boolean', 'haupttaetigkeit'))]).toMatchObject({ severity: 'error', line: 10, message: '$.taetigkeiten[0].haupttaetigkeit: Wahrheitswert erwartet, gefunden Zeichenkette.' });
    expect(r.issues).toHaveLength(5);
    // Every finding's path is a node of the target tree (the mapper marks it).
    for (const i of r.issues) expect(tree.find(i.path!), i.path).toBeDefined();
    // In document order.
    expect(r.issues.map((i) => i.line)).toEqual([...r.issues.map((i) => i.line!)].sort((a, b) => a - b));
  });

  it('accepts null for a nullable member and reports unknown keys as warnings', () => {
    const r = check(JSON.stringify({ vorgangsnummer: 'V1', betrieb: { registernummer: null, extra: 1 }, taetigkeiten: [] }, null, 2));
    expect(r.issues).toEqual([
      { severity: 'warning', line: 5, column: 5, path: P(st('map', 'betrieb'), st('number', 'extra')), message: '$.betrieb.extra: Schlüssel „extra“ ist im Schema nicht vorgesehen.' },
    ]);
    expect(check(JSON.stringify({ vorgangsnummer: 'V1', betrieb: { name: null } })).issues[0]).toMatchObject({ severity: 'error', message: '$.betrieb.name: Zeichenkette erwartet, gefunden null.' });
  });

  it('a root of the wrong kind is one error at the root', () => {
    const r = check('[1, 2]');
    expect(r.issues).toEqual([{ severity: 'error', line: 1, column: 1, path: `/${st('map')}`, message: '$: Objekt erwartet, gefunden Array.' }]);
  });

  it('speaks English when the message language is English', () => {
    setMessageLang('en');
    const r = check(JSON.stringify({ betrieb: { name: true } }));
    expect(r.issues.map((i) => i.message)).toEqual(['$: required member "vorgangsnummer" is missing.', '$.betrieb.name: string expected, found boolean.']);
    expect(check('{"a": }').issues[0].message).toBe('Not valid JSON: value expected.');
    expect(check('{"a": }').issues[0]).toMatchObject({ line: 1, column: 7 });
    expect(check('{}').note).toMatch(/^JSON, checked against the structure of the JSON Schema/);
  });

  it('never throws: empty text, huge nesting, many findings', () => {
    expect(check('').status).toBe('malformed');
    expect(check('   ').issues[0].line).toBe(1);
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    expect(check(deep).issues[0]).toMatchObject({ path: `/${st('map')}` });
    const many = JSON.stringify(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])));
    expect(check(many).issues.length).toBe(100);
  });
});

describe('JSON types the tree knows less about', () => {
  const sample: SchemaSet = {
    id: 'fit',
    name: 'FIT-Connect Beispiele',
    kind: 'sample-json',
    files: [
      { name: 'a.json', content: JSON.stringify({ antrag: { name: 'A', alter: 3, kinder: [{ n: 'x' }] } }) },
      { name: 'b.json', content: JSON.stringify({ antrag: { name: 'B', alter: 4, kinder: [] } }) },
    ],
  } as SchemaSet;
  const msg = { schemaId: 'fit', root: { ns: FN, local: 'map' } };

  it('a tree inferred from samples: no missing members, wrong types only as warnings', () => {
    const sets = [sample];
    expect(isJsonMessageType(sets, msg)).toBe(true);
    const ok = checkMessage(v, sets, msg, JSON.stringify({ antrag: { name: 'C', alter: 5, kinder: [{ n: 'y' }] } }));
    expect(ok).toMatchObject({ status: 'valid', against: 'json-tree' });
    expect(ok.note).toMatch(/Beispielen/);
    const r = checkMessage(v, sets, msg, JSON.stringify({ antrag: { alter: 'fünf' } }));
    expect(r.issues).toEqual([
      { severity: 'warning', line: 1, column: 12, path: P(st('map', 'antrag'), st('number', 'alter')), message: '$.antrag.alter: Zahl erwartet, gefunden Zeichenkette.' },
    ]);
  });

  it('a JSON message type whose schema does not load: well-formedness only, with the reason', () => {
    const broken = { ...sample, id: 'broken', files: [{ name: 'a.json', content: '{' }] } as SchemaSet;
    const r = checkMessage(v, [broken], { schemaId: 'broken', root: { ns: FN, local: 'map' } }, '{"x": 1}');
    expect(r).toMatchObject({ status: 'valid', against: 'none' });
    expect(r.note).toBeTruthy();
    expect(checkMessage(v, [broken], { schemaId: 'broken', root: { ns: FN, local: 'map' } }, '{"x": ').status).toBe('malformed');
  });

  it('writes JSON locations as a reader does', () => {
    expect(jsonLocation(['a', 0, 'b c', '_x'])).toBe('$.a[0]["b c"]._x');
  });
});
