/** Tree inference from JSON sample messages (FIT-Connect-like submissions keyed by FIM ids). */
import { describe, expect, it } from 'vitest';
import { importSchemaSet } from '../../../src/core/schema/index.ts';
import { inferFromJson } from '../../../src/core/schema/instance-json.ts';
import { FN, jsonStep } from '../../../src/core/schema/json/paths.ts';
import type { SchemaNode, SchemaTree } from '../../../src/core/schema/types.ts';

const f = (name: string, v: unknown) => ({ name, content: typeof v === 'string' ? v : JSON.stringify(v, null, 2) });
const kids = (t: SchemaTree, n: SchemaNode) => t.children(n).map((c) => `${c.name.local} [${c.minOccurs}..${c.maxOccurs ?? '*'}] ${c.simple?.builtin ?? ''}`.trim());
const at = (t: SchemaTree, ...keys: string[]) => keys.reduce((n, k) => t.children(n).find((c) => c.name.local === k)!, t.root);

const SUBMISSION_1 = {
  G17003529: { F60000227: 'Muster', F60000228: '1980-04-01', F60000229: 'w' },
  G60000086: [{ F60000243: 'Hauptstr. 1', F60000246: '01067' }, { F60000243: 'Nebenweg 2', F60000246: '04109', F60000247: 'Hinterhaus' }],
  F60000230: 3,
  F60000231: true,
};
const SUBMISSION_2 = {
  G17003529: { F60000227: 'Beispiel', F60000228: '1975-12-24', F60000229: 'm' },
  G60000086: [{ F60000243: 'Marktplatz 5', F60000246: '09111' }],
  F60000230: 12.5,
  F99999999: null,
};

describe('JSON sample inference', () => {
  const r = inferFromJson([f('antrag-1.json', SUBMISSION_1), f('antrag-2.json', SUBMISSION_2)]);
  const t = r.tree(r.roots[0])!;

  it('merges the samples into one object root with json-to-xml paths', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.roots).toEqual([{ ns: FN, local: 'map' }]);
    expect(t.root.path).toBe(`/${jsonStep('map')}`);
    expect(kids(t, t.root)).toEqual(['G17003529 [1..1]', 'G60000086 [1..*]', 'F60000230 [1..1] decimal', 'F60000231 [0..1] boolean', 'F99999999 [0..1] string']);
  });

  it('turns arrays into one repeating node for their items and marks members missing in some items optional', () => {
    const anschrift = at(t, 'G60000086');
    expect(anschrift.path).toBe(`/${jsonStep('map')}/${jsonStep('array', 'G60000086')}/${jsonStep('map')}`);
    expect(kids(t, anschrift)).toEqual(['F60000243 [1..1] string', 'F60000246 [1..1] string', 'F60000247 [0..1] string']);
    expect(t.find(at(t, 'G60000086', 'F60000247').path)?.name.local).toBe('F60000247');
  });

  it('guesses builtins from the values and keeps a few as documentation', () => {
    expect(at(t, 'G17003529', 'F60000228').simple).toEqual({ builtin: 'date' });
    expect(at(t, 'G17003529', 'F60000229').documentation).toBe('Beispielwerte: w | m');
    expect(at(t, 'F99999999').nillable).toBe(true);
    expect(at(t, 'F99999999').path.endsWith(jsonStep('null', 'F99999999'))).toBe(true);
  });

  it('gives a member with values of different types the step *', () => {
    const r2 = inferFromJson([f('a.json', { x: 1 }), f('b.json', { x: 'eins' })]);
    const t2 = r2.tree(r2.roots[0])!;
    expect(t2.children(t2.root)[0].path).toBe(`/${jsonStep('map')}/${jsonStep('*', 'x')}`);
  });

  it('reads an array at the top level as a root of its own, with unkeyed repeating items', () => {
    const r2 = inferFromJson([f('liste.json', [{ id: 1 }, { id: 2, name: 'b' }])]);
    expect(r2.roots).toEqual([{ ns: FN, local: 'array' }]);
    const t2 = r2.tree(r2.roots[0])!;
    expect(kids(t2, t2.root)).toEqual(['[] [1..*]']);
    expect(kids(t2, t2.children(t2.root)[0])).toEqual(['id [1..1] integer', 'name [0..1] string']);
  });

  it('reports broken samples with file and line and keeps the good ones', () => {
    const r2 = inferFromJson([f('gut.json', { a: 1 }), f('kaputt.json', '{\n  "a": 1,\n  "b": \n}'), f('zahl.json', '42')]);
    expect(r2.diagnostics.map((d) => [d.code, d.location?.file, d.location?.line])).toEqual([
      ['json.syntax', 'kaputt.json', 4],
      ['json.scalar-root', 'zahl.json', 1],
    ]);
    expect(r2.roots).toEqual([{ ns: FN, local: 'map' }]);
  });

  it('copes with a large, deep sample without recursion limits', () => {
    const deep = '{"n":'.repeat(5000) + '{"leaf":"x"}' + '}'.repeat(5000);
    const items = JSON.stringify(Array.from({ length: 100_000 }, (_, i) => ({ id: i, name: `n${i}` })));
    const r2 = inferFromJson([f('big.json', `{"items":${items},"deep":${deep}}`)]);
    const t2 = r2.tree(r2.roots[0])!;
    expect(kids(t2, at(t2, 'items'))).toEqual(['id [1..1] integer', 'name [1..1] string']);
  });

  it('is reachable through importSchemaSet with kind sample-json', () => {
    const res = importSchemaSet({ id: 'fit', name: 'FIT', kind: 'sample-json', files: [f('antrag.json', SUBMISSION_1)] });
    expect(res.tree(res.roots[0])?.root.path).toBe(`/${jsonStep('map')}`);
  });
});
