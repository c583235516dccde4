/**
 * The shared compile of the open flow (src/ui/state/compiled.ts): the shell and the status badges use
 * one cached result per flow version, with the flow's XPath errors as SaxonJS found them, so a badge
 * never says "compiles" while the mapper shows an XPath error.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { xpathErrorKey } from '../../../src/core/compiler/index.ts';
import { applyOp } from '../../../src/core/model/ops.ts';
import type { Flow, Project } from '../../../src/core/model/project.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { flowStatusNow } from '../../../src/ui/canvas/statuses.ts';
import { cachedCompile, compiledFlow, flushXPathChecks, setXPathCheckEngine, xpathErrorsOf } from '../../../src/ui/state/compiled.ts';
import { sampleProject } from '../run/helpers.ts';

const engine = createNodeEngine();
setXPathCheckEngine(() => engine);
afterAll(() => engine.dispose?.());

const FLOW = 'a1-gewerberegister';

/** The sample project with the first rule of A1 computed by a hand-written XPath expression. */
function withXPath(text: string): { p: Project; f: Flow; ruleId: string } {
  const p0 = sampleProject();
  const f0 = p0.flows.find((f) => f.id === FLOW)!;
  const rule = f0.mapping.rules.find((r) => r.value?.kind === 'source')!;
  const p = applyOp(p0, { type: 'rule.set', flowId: FLOW, rule: { ...rule, value: { kind: 'xpath', text } } });
  return { p, f: p.flows.find((f) => f.id === FLOW)!, ruleId: rule.id };
}

describe('shared compile and status badge', () => {
  it('compiles a flow version once for the shell and the badge', () => {
    const p = sampleProject();
    const f = p.flows.find((x) => x.id === FLOW)!;
    expect(cachedCompile(p, f)).toBeUndefined();
    const shell = compiledFlow(p, f);
    expect(cachedCompile(p, f)).toBe(shell);
    expect(flowStatusNow(p, f)).toBe('compiles');
    // An edit makes a new flow object: nothing cached for it until it is compiled.
    const p2 = applyOp(p, { type: 'rule.remove', flowId: FLOW, ruleId: f.mapping.rules[0].id });
    const f2 = p2.flows.find((x) => x.id === FLOW)!;
    expect(flowStatusNow(p2, f2)).toBeUndefined();
    expect(compiledFlow(p2, f2)).not.toBe(shell);
    expect(flowStatusNow(p2, f2)).toBe('compiles');
  });

  it('a flow with a broken XPath expression is not "compiles", in the badge as in the mapper', async () => {
    const { p, f, ruleId } = withXPath('concat(/x,, 1)');
    xpathErrorsOf(f); // what the shell does when it shows the flow: the check is scheduled
    await flushXPathChecks();
    const errors = xpathErrorsOf(f);
    expect([...errors.keys()]).toEqual([xpathErrorKey(ruleId, 'value', 'concat(/x,, 1)')]);
    const shell = compiledFlow(p, f, errors);
    expect(shell.diagnostics.some((d) => d.code === 'mapping.xpath-syntax' && d.severity === 'error')).toBe(true);
    // The badge reads the very same compile (no second one) and says draft.
    expect(cachedCompile(p, f)).toBe(shell);
    expect(flowStatusNow(p, f)).toBe('draft');
  });

  it('a valid XPath expression compiles, and fixing a broken one clears the error at once', async () => {
    const { p, f } = withXPath('upper-case(/x,, 1)');
    xpathErrorsOf(f);
    await flushXPathChecks();
    expect(xpathErrorsOf(f).size).toBe(1);
    // The fix is a new version of the flow whose text no longer has the broken expression.
    const fixed = withXPath("upper-case(string(/*[1]))");
    expect(xpathErrorsOf(fixed.f).size).toBe(0);
    compiledFlow(fixed.p, fixed.f);
    expect(flowStatusNow(fixed.p, fixed.f)).toBe('compiles');
    await flushXPathChecks();
    expect(xpathErrorsOf(fixed.f).size).toBe(0);
  });
});
