/**
 * The UI's shared compile (src/ui/state/compiled.ts) after a language switch: a flow version compiled
 * while the UI was German is compiled again in English instead of showing the cached German findings,
 * the badges keep their status meanwhile, and an XPath check verdict that is our own text (the sandbox's
 * refusal) is made again in the new language.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { setMessageLang } from '../../../src/core/i18n.ts';
import { applyOp } from '../../../src/core/model/ops.ts';
import type { Flow, Project } from '../../../src/core/model/project.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { cachedCompile, compiledFlow, flushXPathChecks, setXPathCheckEngine, xpathErrorsOf } from '../../../src/ui/state/compiled.ts';
import { sampleProject } from '../run/helpers.ts';
import { resetLangEachTest } from './helpers.ts';

resetLangEachTest();
const engine = createNodeEngine();
setXPathCheckEngine(() => engine);
afterAll(() => engine.dispose?.());

const FLOW = 'a1-gewerberegister';

/** The sample project with the value of A1's first linked rule replaced. */
function withValue(value: Flow['mapping']['rules'][number]['value']): { p: Project; f: Flow } {
  const p0 = sampleProject();
  const rule = p0.flows.find((f) => f.id === FLOW)!.mapping.rules.find((r) => r.value?.kind === 'source')!;
  const p = applyOp(p0, { type: 'rule.set', flowId: FLOW, rule: { ...rule, value } });
  return { p, f: p.flows.find((f) => f.id === FLOW)! };
}

const messages = (p: Project, f: Flow, code: string) =>
  compiledFlow(p, f)
    .diagnostics.filter((d) => d.code === code)
    .map((d) => d.message);

describe('shared compile and the message language', () => {
  it('a compile made in German is not shown after switching to English, and back', () => {
    const { p, f } = withValue({ kind: 'var', name: 'nope' });
    const de = compiledFlow(p, f);
    expect(messages(p, f, 'mapping.unknown-variable')).toEqual(['Variable $nope ist nicht deklariert.']);
    expect(compiledFlow(p, f)).toBe(de); // same language, same flow version: the cached result

    setMessageLang('en');
    // The badges read counts only: they keep the German compile until the English one is made.
    expect(cachedCompile(p, f)).toBe(de);
    const en = compiledFlow(p, f);
    expect(en).not.toBe(de);
    expect(messages(p, f, 'mapping.unknown-variable')).toEqual(['Variable $nope is not declared.']);
    expect(en.xslt).toBe(de.xslt);
    expect(cachedCompile(p, f)).toBe(en);

    setMessageLang('de');
    expect(messages(p, f, 'mapping.unknown-variable')).toEqual(['Variable $nope ist nicht deklariert.']);
  });

  it("an XPath check verdict of our own (the sandbox's refusal) is made again in the new language", async () => {
    const { p, f } = withValue({ kind: 'xpath', text: "doc('kunden.xml')" });
    xpathErrorsOf(f, p.schemas);
    await flushXPathChecks();
    const de = [...xpathErrorsOf(f, p.schemas).values()];
    expect(de).toEqual([expect.stringContaining('doc() ist in Regeln nicht erlaubt')]);
    expect(messages(p, f, 'mapping.xpath-syntax')).toEqual([expect.stringMatching(/^XPath-Fehler in „doc\('kunden\.xml'\)“: .*doc\(\) ist in Regeln nicht erlaubt/)]);

    setMessageLang('en');
    // Until the check in English is done, the known verdict stays (the flow keeps showing its error).
    expect(xpathErrorsOf(f, p.schemas).size).toBe(1);
    await flushXPathChecks();
    const en = [...xpathErrorsOf(f, p.schemas).values()];
    expect(en).toEqual([expect.stringContaining('doc() is not allowed in rules')]);
    expect(messages(p, f, 'mapping.xpath-syntax')).toEqual([expect.stringMatching(/^XPath error in "doc\('kunden\.xml'\)": .*doc\(\) is not allowed in rules/)]);

    // Back in German: the German verdict again (from the German verdict cache, no stale English one).
    setMessageLang('de');
    xpathErrorsOf(f, p.schemas);
    await flushXPathChecks();
    expect([...xpathErrorsOf(f, p.schemas).values()]).toEqual(de);
  });
});
