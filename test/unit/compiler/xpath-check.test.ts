import { afterAll, describe, expect, it } from 'vitest';
import { checkXPaths, compileFlow, xpathErrorKey } from '../../../src/core/compiler/index.ts';
import { emptyMapping, type Flow } from '../../../src/core/model/project.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { inferFromXml } from '../../../src/core/schema/instance.ts';

const engine = createNodeEngine();
afterAll(() => engine.dispose?.());

function flow(): Flow {
  return {
    id: 'f',
    scenarioCode: 'A',
    title: 'T',
    from: { systemId: 'a' },
    to: { systemId: 'b' },
    samples: [],
    tests: [],
    mapping: {
      ...emptyMapping(),
      parameters: [{ name: 'amt', type: 'string', default: 'X' }],
      rules: [
        { id: 'r1', target: '/b/x', value: { kind: 'xpath', text: "concat(/a/v, '-', $amt)" } },
        { id: 'r2', target: '/b/y', value: { kind: 'call', fn: 'concat', args: [{ kind: 'source', path: '/a/v' }, { kind: 'xpath', text: 'substring(/a/v,, 1)' }] } },
      ],
    },
  };
}

describe('XPath escape hatch checked by SaxonJS', () => {
  it('finds the broken expression, and the rest of the rule still compiles and runs', async () => {
    const f = flow();
    const errors = await checkXPaths(f, engine);
    expect([...errors.keys()]).toEqual([xpathErrorKey('r2', 'value', 'substring(/a/v,, 1)')]);
    const s = inferFromXml([{ name: 's', content: '<a><v>1</v></a>' }]);
    const t = inferFromXml([{ name: 't', content: '<b><x/><y/></b>' }]);
    const r = compileFlow({ project: { id: 'p', name: 'P' }, flow: f, source: s.tree(s.roots[0]), target: t.tree(t.roots[0])!, xpathErrors: errors });
    const d = r.diagnostics.find((x) => x.code === 'mapping.xpath-syntax');
    expect(d?.location?.path).toBe('rule:r2');
    const out = await engine.transform({ stylesheet: r.xslt, input: '<a><v>1</v></a>' });
    expect(out.ok && out.output).toContain('<x>1-X</x>');
    expect(out.ok && out.output).toContain('<y>1</y>');
  });
});
