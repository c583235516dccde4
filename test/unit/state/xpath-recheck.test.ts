/**
 * The app's XPath check (src/ui/state/compiled.ts) runs per flow version and per version of the schema
 * sets the flow reads: a re-imported schema can add or remove an implicit loop, so an expression reading
 * `$loop1` becomes valid or broken while the flow object stays the same. Findings are per place.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { xpathErrorKey } from '../../../src/core/compiler/index.ts';
import { emptyMapping, type Flow, type Project, type SchemaSet } from '../../../src/core/model/project.ts';
import type { XsltEngine } from '../../../src/core/runner/engine.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { compiledFlow, flushXPathChecks, setXPathCheckEngine, xpathErrorsOf } from '../../../src/ui/state/compiled.ts';
import { useDoc } from '../../../src/ui/state/doc.ts';
import { xpathLoopsProject } from '../run/helpers.ts';

const node = createNodeEngine();
/** Counts the expressions that reach the engine. */
let calls = 0;
const engine: XsltEngine = { transform: (req) => (calls++, node.transform(req)) };
setXPathCheckEngine(() => engine);
afterAll(() => node.dispose?.());

const sample = (id: string, content: string): SchemaSet => ({ id, name: id, kind: 'sample-xml', files: [{ name: `${id}.xml`, content }] });
const TARGET = sample('t', '<o><pp><v>1</v><v>2</v></pp><pp><v>3</v></pp></o>');
const REPEATING = sample('s', '<a><p><n>P1</n><q>x</q><q>y</q></p><p><n>P2</n><q>z</q></p></a>');
const SINGLE = sample('s', '<a><p><n>P1</n><q>x</q><q>y</q></p></a>');
const TEXT = "concat($loop1/n, '-', .)";
const KEY = xpathErrorKey('r2', 'value', TEXT);

// r1 links a repeating source to a repeating target: while <p> repeats, the compiler loops over it and $loop1 is its item.
const FLOW: Flow = {
  id: 'f',
  scenarioCode: 'A',
  title: 'T',
  from: { systemId: 'a' },
  to: { systemId: 'b' },
  samples: [],
  tests: [],
  source: { schemaId: 's', root: { ns: '', local: 'a' } },
  target: { schemaId: 't', root: { ns: '', local: 'o' } },
  mapping: {
    ...emptyMapping(),
    rules: [
      { id: 'r1', target: '/o/pp', value: { kind: 'source', path: '/a/p' } },
      { id: 'r2', target: '/o/pp/v', forEach: { source: '/a/p/q' }, value: { kind: 'xpath', text: TEXT } },
    ],
  },
};
const BASE = xpathLoopsProject();
/** A project holding FLOW with the given source schema set (a re-import makes a new set object of the same id). */
const project = (source: SchemaSet, other: SchemaSet[] = []): Project => ({ ...BASE, schemas: [source, TARGET, ...other], flows: [FLOW] });

const xpathFindings = (p: Project) => compiledFlow(p, FLOW).diagnostics.filter((d) => d.code === 'mapping.xpath-syntax').map((d) => d.location?.path);

describe('XPath check when only the schemas change', () => {
  it('re-checks the same flow object after a schema re-import, both ways, and the compile follows', async () => {
    const p1 = project(REPEATING);
    expect(xpathErrorsOf(FLOW, p1.schemas).size).toBe(0);
    await flushXPathChecks();
    expect(xpathErrorsOf(FLOW, p1.schemas).size).toBe(0);
    expect(xpathFindings(p1)).toEqual([]);

    // The source is re-imported with a single <p>: no implicit loop, so $loop1 is not in scope at r2.
    const p2 = project(SINGLE);
    xpathErrorsOf(FLOW, p2.schemas);
    await flushXPathChecks();
    const errors = xpathErrorsOf(FLOW, p2.schemas);
    expect([...errors.keys()]).toEqual([KEY]);
    expect(errors.get(KEY)).toMatch(/loop1/);
    expect(xpathFindings(p2)).toEqual(['rule:r2']);

    // Undo of the re-import: valid again, answered from the verdict cache (no new engine call).
    const before = calls;
    xpathErrorsOf(FLOW, p1.schemas);
    await flushXPathChecks();
    expect(xpathErrorsOf(FLOW, p1.schemas).size).toBe(0);
    expect(calls).toBe(before);
    expect(xpathFindings(p1)).toEqual([]);
  });

  it('a change to a schema set the flow does not read does not re-check it', async () => {
    const p1 = project(REPEATING, [sample('x', '<x/>')]);
    xpathErrorsOf(FLOW, p1.schemas);
    await flushXPathChecks();
    const before = calls;
    const p2 = project(REPEATING, [sample('x', '<y/>')]);
    expect(xpathErrorsOf(FLOW, p2.schemas).size).toBe(0);
    await flushXPathChecks();
    expect(calls).toBe(before);
  });

  it("reads the open project's schemas by default", async () => {
    useDoc.setState({ project: project(SINGLE) });
    xpathErrorsOf(FLOW);
    await flushXPathChecks();
    expect([...xpathErrorsOf(FLOW).keys()]).toEqual([KEY]);
    useDoc.setState({ project: project(REPEATING) });
    xpathErrorsOf(FLOW);
    await flushXPathChecks();
    expect(xpathErrorsOf(FLOW).size).toBe(0);
  });

  it('undo back to a checked flow version shows its own findings at once', async () => {
    const p = project(SINGLE);
    xpathErrorsOf(FLOW, p.schemas);
    await flushXPathChecks();
    expect([...xpathErrorsOf(FLOW, p.schemas).keys()]).toEqual([KEY]);
    // The edit: r2 no longer reads $loop1 (a new flow version, checked in turn).
    const fixed: Flow = { ...FLOW, mapping: { ...FLOW.mapping, rules: [FLOW.mapping.rules[0], { ...FLOW.mapping.rules[1], value: { kind: 'xpath', text: 'string(.)' } }] } };
    xpathErrorsOf(fixed, p.schemas);
    await flushXPathChecks();
    expect(xpathErrorsOf(fixed, p.schemas).size).toBe(0);
    // Undo returns the old flow object: its finding is known without waiting for a check.
    expect([...xpathErrorsOf(FLOW, p.schemas).keys()]).toEqual([KEY]);
  });
});
