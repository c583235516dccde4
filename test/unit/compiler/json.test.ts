/** JSON sources and targets: FIT-Connect-style JSON in, XML out; XML in, JSON out (json-to-xml / xml-to-json). */
import { afterAll, describe, expect, it } from 'vitest';
import { compileFlow } from '../../../src/core/compiler/index.ts';
import { emptyMapping, type Flow, type MappingRule } from '../../../src/core/model/project.ts';
import { prepareInput } from '../../../src/core/runner/input.ts';
import { compareXml } from '../../../src/core/runner/xml-compare.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { inferFromXml } from '../../../src/core/schema/instance.ts';
import { inferFromJson } from '../../../src/core/schema/instance-json.ts';
import { importJsonSchema } from '../../../src/core/schema/json/index.ts';
import type { SchemaNode, SchemaTree } from '../../../src/core/schema/types.ts';

const engine = createNodeEngine();
afterAll(() => engine.dispose?.());

const FIT = JSON.stringify({
  G17003529: { F17005454: 'Katrin', F17005455: 'Böhme' },
  F60000227: '1985-04-12',
  G17003530: [{ F17005500: 'Handel' }, { F17005500: 'Reparatur' }],
});

function flow(rules: MappingRule[]): Flow {
  return { id: 'f', scenarioCode: 'A', title: 'T', from: { systemId: 'a' }, to: { systemId: 'b' }, mapping: { ...emptyMapping(), rules }, samples: [], tests: [] };
}

/** Finds a node by the display names along its path (JSON paths carry predicates). */
function byNames(tree: SchemaTree, ...names: string[]): SchemaNode {
  let n = tree.root;
  for (const name of names) {
    const c = tree.children(n).find((x) => x.name.local === name);
    if (!c) throw new Error(`no ${name} under ${n.path}: ${tree.children(n).map((x) => x.name.local)}`);
    n = c;
  }
  return n;
}

describe('JSON through json-to-xml and xml-to-json', () => {
  it('maps a JSON source (inferred from a sample) into XML, with a loop over an array', async () => {
    const s = inferFromJson([{ name: 'antrag.json', content: FIT }]);
    const src = s.tree(s.roots[0])!;
    const t = inferFromXml([{ name: 't', content: '<p><vorname/><name/><geb/><t>x</t><t>y</t></p>' }]);
    const tgt = t.tree(t.roots[0])!;
    const item = byNames(src, 'G17003530');
    const r = compileFlow({
      project: { id: 'p', name: 'P' },
      flow: flow([
        { id: 'r1', target: '/p/vorname', value: { kind: 'source', path: byNames(src, 'G17003529', 'F17005454').path } },
        { id: 'r2', target: '/p/name', value: { kind: 'source', path: byNames(src, 'G17003529', 'F17005455').path } },
        { id: 'r3', target: '/p/geb', value: { kind: 'source', path: byNames(src, 'F60000227').path } },
        { id: 'r4', target: '/p/t', forEach: { source: item.path }, value: { kind: 'source', path: byNames(src, 'G17003530', 'F17005500').path } },
      ]),
      source: src,
      target: tgt,
    });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.xslt).toContain('json-to-xml(string(/*))');
    const out = await engine.transform({ stylesheet: r.xslt, input: prepareInput(FIT) });
    if (!out.ok) throw new Error(out.error.message);
    expect(compareXml('<p><vorname>Katrin</vorname><name>Böhme</name><geb>1985-04-12</geb><t>Handel</t><t>Reparatur</t></p>', out.output)).toEqual({ equal: true });
  });

  it('writes a JSON target from a JSON Schema, serialised with xml-to-json', async () => {
    const schema = JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['F17005454'],
      properties: {
        F17005454: { type: 'string', title: 'Vorname' },
        F17005456: { type: 'integer', title: 'Anzahl' },
        G17003530: { type: 'array', items: { type: 'object', properties: { F17005500: { type: 'string' } } } },
      },
    });
    const j = importJsonSchema([{ name: 'ziel.schema.json', content: schema }]);
    expect(j.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const tgt = j.tree(j.roots[0])!;
    const x = inferFromXml([{ name: 's', content: '<a><v>Max</v><n>3</n><t><i>eins</i><i>zwei</i></t></a>' }]);
    const src = x.tree(x.roots[0])!;
    const item = byNames(tgt, 'G17003530');
    const r = compileFlow({
      project: { id: 'p', name: 'P' },
      flow: flow([
        { id: 'r1', target: byNames(tgt, 'F17005454').path, value: { kind: 'source', path: '/a/v' } },
        { id: 'r2', target: byNames(tgt, 'F17005456').path, value: { kind: 'source', path: '/a/n' } },
        { id: 'r3', target: item.path, forEach: { source: '/a/t/i' } },
        { id: 'r4', target: byNames(tgt, 'G17003530', 'F17005500').path, value: { kind: 'source', path: '/a/t/i' } },
      ]),
      source: src,
      target: tgt,
    });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.xslt).toContain('xml-to-json($result');
    const out = await engine.transform({ stylesheet: r.xslt, input: '<a><v>Max</v><n>3</n><t><i>eins</i><i>zwei</i></t></a>' });
    if (!out.ok) throw new Error(`${out.error.message}\n${r.xslt}`);
    expect(JSON.parse(out.output)).toEqual({ F17005454: 'Max', F17005456: 3, G17003530: [{ F17005500: 'eins' }, { F17005500: 'zwei' }] });
  });
});
