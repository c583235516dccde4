/**
 * "Value in sample" for JSON targets: the values at a JSON target path in a JSON output, checked against
 * XPath over json-to-xml() of the same output evaluated by SaxonJS (the paths are that XPath), on the real
 * output of a JSON-target flow (test/fixtures/json-target) and on hand-made JSON.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProjectFlow } from '../../../src/core/compiler/index.ts';
import { loadProject } from '../../../src/core/model/load.ts';
import { prettyPrintXml } from '../../../src/core/runner/engine.ts';
import { jsonSampleValues, outputSampleValues } from '../../../src/core/runner/sample-values-json.ts';
import { instanceGroups, sampleValues } from '../../../src/core/runner/sample-values.ts';
import { messageTree } from '../../../src/core/schema/index.ts';
import { FN, jsonStep as st } from '../../../src/core/schema/json/paths.ts';
import type { SchemaNode, SchemaTree } from '../../../src/core/schema/types.ts';
import { ROOT } from '../run/helpers.ts';

const SaxonJS = createRequire(import.meta.url)('saxon-js');
const run = (xsl: string, xml: string): string =>
  SaxonJS.XPath.evaluate("transform(map{'stylesheet-text': $xsl, 'source-node': parse-xml($xml), 'delivery-format': 'serialized'})?output", [], { params: { xsl, xml } });
/** The oracle: the string values the path (as XPath) selects in json-to-xml() of the JSON text. */
const xpath = (json: string, path: string): string[] =>
  SaxonJS.XPath.evaluate(`${path.replace(/#\d+(?=\/|$)/g, '').split(`{${FN}}`).join('fn:')} ! string(.)`, SaxonJS.XPath.evaluate('json-to-xml($j)', [], { params: { j: json } }), {
    namespaceContext: { fn: FN },
    resultForm: 'array',
  });

const loaded = loadProject(readFileSync(join(ROOT, 'test/fixtures/json-target/json-target.regelwerk.json'), 'utf8'), 'fixture');
if (!loaded.ok) throw new Error('fixture does not load');
const project = loaded.project;
const flow = project.flows[0];
const tree = messageTree(project.schemas, flow.target).tree!;
const P = (...steps: string[]) => '/' + [st('map'), ...steps].join('/');

/** All nodes of a (finite) schema tree. */
function nodes(t: SchemaTree, n: SchemaNode = t.root): SchemaNode[] {
  return [n, ...t.children(n).flatMap((c) => nodes(t, c))];
}

describe('values of a JSON target path in the real output of a JSON-target flow', () => {
  const xslt = compileProjectFlow(project, flow).xslt;
  const outputs = flow.samples.map((s) => prettyPrintXml(run(xslt, s.content)));

  it('agree with XPath over json-to-xml() for every node of the target tree and every sample', () => {
    const all = nodes(tree);
    expect(all.length).toBeGreaterThan(8);
    let produced = 0;
    for (const out of outputs) {
      expect(out.trimStart()[0]).toBe('{');
      for (const n of all) {
        const oracle = xpath(out, n.path);
        const got = jsonSampleValues(out, n.path)!;
        expect(got.count, n.path).toBe(oracle.length);
        if (!got.complex) expect(got.values, n.path).toEqual(oracle.slice(0, 3));
        if (got.count) produced++;
      }
    }
    expect(produced).toBeGreaterThan(20);
  });

  it('shows strings, numbers and booleans with their JSON type, and counts array items', () => {
    const [first, , third] = outputs;
    const tree = (...names: string[]) => {
      let n = messageTree(project.schemas, flow.target).tree!.root;
      for (const name of names) n = messageTree(project.schemas, flow.target).tree!.children(n).find((c) => c.name.local === name)!;
      return n.path;
    };
    expect(jsonSampleValues(first, tree('betrieb', 'name'))).toEqual({ count: 1, values: ['Fahrradwerkstatt Böhme'], complex: false, types: ['string'] });
    expect(jsonSampleValues(first, tree('betrieb', 'teilzeitkraefte'))).toEqual({ count: 1, values: ['1'], complex: false, types: ['number'] });
    expect(jsonSampleValues(first, tree('taetigkeiten', 'haupttaetigkeit'))).toEqual({ count: 2, values: ['true', 'false'], complex: false, types: ['boolean', 'boolean'] });
    expect(jsonSampleValues(first, tree('betrieb', 'ausuebungAls'))).toEqual({ count: 2, values: ['Handwerk', 'Handel'], complex: false, types: ['string', 'string'] });
    expect(jsonSampleValues(first, tree('taetigkeiten'))).toMatchObject({ count: 2, complex: true });
    expect(jsonSampleValues(third, tree('betrieb', 'teilzeitkraefte'))).toEqual({ count: 0, values: [], complex: false });
    // Escapes in the output are resolved (the third sample has „…“, & and <).
    expect(jsonSampleValues(third, tree('taetigkeiten', 'beschreibung'))?.values[0]).toBe('Catering „Saigon trifft Sachsen“ – Zubereitung und Lieferung von Speisen & Getränken für Feiern < 200 Personen');
  });

  it('is what the inspector gets for the output, XML or JSON', () => {
    const path = P(st('map', 'betrieb'), st('string', 'name'));
    expect(outputSampleValues(outputs[0], path)).toEqual(jsonSampleValues(outputs[0], path));
    const a1 = loadProject(readFileSync(join(ROOT, 'samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json'), 'utf8'));
    if (!a1.ok) throw new Error('sample project');
    const f = a1.project.flows.find((x) => x.id === 'a1-gewerberegister')!;
    const xml = run(compileProjectFlow(a1.project, f).xslt, f.samples[0].content);
    const GM = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
    const xmlPath = `/{${GM}}Gewerbemeldung/{${GM}}Betrieb/{${GM}}Name`;
    expect(outputSampleValues(xml, xmlPath)).toEqual(sampleValues(xml, xmlPath));
    expect(outputSampleValues(xml, xmlPath)?.values).toEqual(['Fahrradwerkstatt Böhme']);
  });
});

describe('JSON paths on hand-made JSON', () => {
  const doc = JSON.stringify(
    {
      n: 1.5,
      big: 1e21,
      s: 'a\\"b\u00e4\n',
      'a/b{c}': 'slash',
      "it's": 'quote',
      t: [{ v: 'eins', b: true }, { v: 'zwei', b: false }, { v: 3 }, { w: 'x' }],
      m: [[1, 2], [3]],
      e: [],
      o: { p: { q: 'deep' } },
    },
    null,
    2,
  );

  it('agree with XPath over json-to-xml(): keys with / { } and quotes, nested and empty arrays, "*" steps', () => {
    const paths = [
      P(st('number', 'n')),
      P(st('number', 'big')),
      P(st('string', 's')),
      P(st('string', 'a/b{c}')),
      P(st('string', "it's")),
      P(st('array', 't'), st('map'), st('string', 'v')),
      P(st('array', 't'), st('map'), st('*', 'v')),
      P(st('array', 't'), st('map'), st('*')),
      P(st('array', 't'), st('map'), st('boolean', 'b')),
      P(st('array', 'm'), st('array'), st('number')),
      P(st('array', 'e'), st('string')),
      P(st('map', 'o'), st('map', 'p'), st('string', 'q')),
      P(st('string', 'missing')),
      P(st('number', 's')),
      `/${st('array')}`,
    ];
    for (const p of paths) {
      const got = jsonSampleValues(doc, p)!;
      const oracle = xpath(doc, p);
      expect(got.count, p).toBe(oracle.length);
      expect(got.values, p).toEqual(oracle.slice(0, 3));
    }
    expect(jsonSampleValues(doc, P(st('array', 'm'), st('array'), st('number')))).toEqual({ count: 3, values: ['1', '2', '3'], complex: false, types: ['number', 'number', 'number'] });
  });

  it('counts beyond the shown values', () => {
    const json = JSON.stringify({ t: Array.from({ length: 8 }, (_, i) => ({ v: `v${i}` })) });
    expect(jsonSampleValues(json, P(st('array', 't'), st('map'), st('string', 'v')))).toEqual({ count: 8, values: ['v0', 'v1', 'v2'], complex: false, types: ['string', 'string', 'string'] });
    expect(jsonSampleValues(json, P(st('array', 't'), st('map'), st('string', 'v')), { limit: 1 })?.values).toEqual(['v0']);
  });

  it('keeps numbers as the output wrote them, shows null for a field of any kind, and "" as empty', () => {
    const json = '{ "a": 1.50, "b": 1.0E7, "c": null, "d": "", "e": { "f": null } }';
    expect(jsonSampleValues(json, P(st('number', 'a')))?.values).toEqual(['1.50']);
    expect(jsonSampleValues(json, P(st('number', 'b')))?.values).toEqual(['1.0E7']);
    // XPath would not match fn:null with fn:string; a nillable field written as null is shown as null.
    expect(jsonSampleValues(json, P(st('string', 'c')))).toEqual({ count: 1, values: ['null'], complex: false, types: ['null'] });
    expect(jsonSampleValues(json, P(st('map', 'c'), st('string', 'x')))?.count).toBe(0);
    expect(jsonSampleValues(json, P(st('string', 'd')))).toEqual({ count: 1, values: [''], complex: false, types: ['string'] });
    expect(jsonSampleValues(json, P(st('map', 'e'), st('string', 'f')))?.types).toEqual(['null']);
  });

  it('cuts long strings', () => {
    const v = jsonSampleValues(JSON.stringify({ s: 'x'.repeat(5000) }), P(st('string', 's')))!;
    expect(v.values[0]).toBe('x'.repeat(200) + '…');
  });

  it('tells instance groups (#2) of array items apart when each produced one item', () => {
    const item = P(st('array', 't'), st('map'));
    const groups = instanceGroups([`${item}#2/${st('string', 'v')}`]);
    expect(groups.get(item)).toBe(2);
    const two = '{"t": [{"v": "a"}, {"v": "b"}]}';
    expect(jsonSampleValues(two, `${item}#2/${st('string', 'v')}`, { groups })).toEqual({ count: 1, values: ['b'], complex: false, types: ['string'] });
    expect(jsonSampleValues(two, `${item}/${st('string', 'v')}`, { groups })?.values).toEqual(['a']);
    const three = '{"t": [{"v": "a"}, {"v": "b"}, {"v": "c"}]}';
    expect(jsonSampleValues(three, `${item}#2/${st('string', 'v')}`, { groups })).toEqual({ count: 3, values: ['a', 'b', 'c'], complex: false, ambiguous: true, types: ['string', 'string', 'string'] });
  });

  it('gives undefined for text that is not JSON and for paths that are not JSON paths', () => {
    const path = P(st('string', 'a'));
    for (const bad of ['', '   ', 'Vorgang 4711', '{"a": "x"', '{"a": "x",}', '// c\n{"a": "x"}', '{"a": x}', '<a/>']) expect(jsonSampleValues(bad, path), bad).toBeUndefined();
    expect(jsonSampleValues('{"a": "x"}', '/a/b')).toBeUndefined();
    expect(jsonSampleValues('{"a": "x"}', `${P()}/@key`)).toBeUndefined();
    expect(outputSampleValues('Vorgang 4711', path)).toBeUndefined();
    expect(outputSampleValues('{"a": "x"}', path)?.values).toEqual(['x']);
  });
});
