/**
 * XPath check findings per place (rule, part of the rule, text), not per text: the same expression can be
 * valid in an inner loop, where `$loop1` is in scope, and broken in an outer one. Only the broken place is
 * reported by the check and by the compiler; the valid place compiles and runs. And the verdict cache is
 * keyed by the whole static context, so a schema change that removes a loop is not answered from the
 * old verdict.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkXPaths, compileProjectFlow, variableOwner, xpathErrorKey, xpathPlaceKeys } from '../../../src/core/compiler/index.ts';
import type { Flow, MappingRule, Project, SchemaSet } from '../../../src/core/model/project.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { xpathLoopsProject } from '../run/helpers.ts';

const engine = createNodeEngine();
afterAll(() => engine.dispose?.());

// Orders with customers (outer loop r1 over kunde) and their items (inner loop r3 over pos).
const base = xpathLoopsProject();
const flow0 = base.flows[0];
const INPUT = flow0.samples[0].content;

/** The fixture's flow with rules replaced (by id), and the project holding it. */
function withRules(rules: MappingRule[]): { p: Project; f: Flow } {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const f: Flow = { ...flow0, mapping: { ...flow0.mapping, rules: flow0.mapping.rules.map((r) => byId.get(r.id) ?? r) } };
  return { p: { ...base, flows: [f] }, f };
}
const rule = (id: string) => flow0.mapping.rules.find((r) => r.id === id)!;

async function compileAndRun(p: Project, f: Flow, errors: ReadonlyMap<string, string>) {
  const r = compileProjectFlow(p, f, { xpathErrors: errors });
  const out = await engine.transform({ stylesheet: r.xslt, input: INPUT });
  if (!out.ok) throw new Error(`${out.error.message}\n${r.xslt}`);
  return { out: out.output.replace(/>\s+</g, '><'), errors: r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}@${d.location?.path}`) };
}

describe('XPath findings per place', () => {
  it('the same text in two loops: valid in the inner filter, broken in the outer sort key; one finding, on the outer loop', async () => {
    const text = "$loop1/name != 'Bob'";
    const { p, f } = withRules([
      { ...rule('r1'), forEach: { source: '/bestellung/kunde', sort: [{ expr: { kind: 'xpath', text }, order: 'ascending', dataType: 'text' }] } },
      { ...rule('r3'), forEach: { source: '/bestellung/kunde/pos', filter: { kind: 'xpath', text } } },
    ]);
    expect(xpathPlaceKeys(f).sort()).toEqual([xpathErrorKey('r1', 'sort', text), xpathErrorKey('r3', 'filter', text)].sort());
    const errors = await checkXPaths(f, engine, new Map(), p.schemas);
    expect([...errors.keys()]).toEqual([xpathErrorKey('r1', 'sort', text)]);
    expect(errors.get(xpathErrorKey('r1', 'sort', text))).toMatch(/loop1/);
    // The compiler reports the outer rule only; the inner filter runs: Bob's items are filtered out, his <k> stays.
    const { out, errors: found } = await compileAndRun(p, f, errors);
    expect(found).toEqual(['mapping.xpath-syntax@rule:r1']);
    expect(out).toContain('<k><n>Ada</n><zeile><text>A1</text></zeile><zeile><text>A2</text></zeile></k>');
    expect(out).toContain('<k><n>Bob</n></k>');
  });

  it('the same text in a value and a condition: the finding names the part, not just the rule', async () => {
    const text = 'string($loop1/name)';
    const { p, f } = withRules([
      { ...rule('r2'), condition: { kind: 'xpath', text } }, // outer loop: no $loop1
      { ...rule('r4'), value: { kind: 'call', fn: 'concat', args: [{ kind: 'xpath', text }, { kind: 'const', value: ':' }, { kind: 'source', path: '/bestellung/kunde/pos/artikel' }] } },
    ]);
    const errors = await checkXPaths(f, engine, new Map(), p.schemas);
    expect([...errors.keys()]).toEqual([xpathErrorKey('r2', 'condition', text)]);
    expect(errors.has(xpathErrorKey('r2', 'value', text))).toBe(false);
    const { out, errors: found } = await compileAndRun(p, f, errors);
    expect(found).toEqual(['mapping.xpath-syntax@rule:r2']);
    expect(out).toContain('<zeile><text>Ada:A1</text></zeile>');
  });

  it('an error map of another place does not reach a place with the same text', async () => {
    // Compiled with a finding for the inner value only, the outer one (same text, valid there) is not reported.
    const text = 'count(/bestellung/kunde)';
    const { p, f } = withRules([
      { ...rule('r2'), value: { kind: 'xpath', text } },
      { ...rule('r4'), value: { kind: 'xpath', text } },
    ]);
    const { errors: found, out } = await compileAndRun(p, f, new Map([[xpathErrorKey('r4', 'value', text), 'XPST0003: made up']]));
    expect(found).toEqual(['mapping.xpath-syntax@rule:r4']);
    expect(out).toContain('<n>2</n>');
  });

  it('a flow variable has its own place', async () => {
    const text = 'count($loop1)';
    const f: Flow = { ...flow0, mapping: { ...flow0.mapping, variables: [{ name: 'v', value: { kind: 'xpath', text } }] } };
    const errors = await checkXPaths(f, engine, new Map(), base.schemas);
    expect([...errors.keys()]).toEqual([xpathErrorKey(variableOwner('v'), 'variable', text)]);
  });
});

describe('the verdict cache and schema changes', () => {
  const sample = (name: string, content: string): SchemaSet => ({ id: name, name, kind: 'sample-xml', files: [{ name: `${name}.xml`, content }] });
  const target = sample('t', '<o><pp><v>1</v><v>2</v></pp><pp><v>3</v></pp></o>');
  const text = "concat($loop1/n, '-', .)";
  // r1 links a repeating source to a repeating target: with a repeating <p> the compiler loops over it itself.
  const f: Flow = {
    ...flow0,
    source: { schemaId: 's', root: { ns: '', local: 'a' } },
    target: { schemaId: 't', root: { ns: '', local: 'o' } },
    mapping: {
      ...flow0.mapping,
      rules: [
        { id: 'r1', target: '/o/pp', value: { kind: 'source', path: '/a/p' } },
        { id: 'r2', target: '/o/pp/v', forEach: { source: '/a/p/q' }, value: { kind: 'xpath', text } },
      ],
    },
  };

  it('a re-imported source without the repeating element removes the implicit loop, with the same cache', async () => {
    const cache = new Map<string, string | null>();
    const repeating = [sample('s', '<a><p><n>P1</n><q>x</q><q>y</q></p><p><n>P2</n><q>z</q></p></a>'), target];
    const single = [sample('s', '<a><p><n>P1</n><q>x</q><q>y</q></p></a>'), target];
    expect(await checkXPaths(f, engine, cache, repeating)).toEqual(new Map());
    const calls = cache.size;
    expect([...(await checkXPaths(f, engine, cache, single)).keys()]).toEqual([xpathErrorKey('r2', 'value', text)]);
    expect(cache.size).toBe(calls + 1);
    // Back to the first schema: answered from the cache, no new engine call.
    expect(await checkXPaths(f, engine, cache, repeating)).toEqual(new Map());
    expect(cache.size).toBe(calls + 1);
  });
});
