import { afterAll, describe, expect, it } from 'vitest';
import { compileProjectFlow } from '../../../src/core/compiler/index.ts';
import { applyOp } from '../../../src/core/model/ops.ts';
import { buildTestReport, ruleChecksum } from '../../../src/core/runner/report.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { runProjectTests, type TestResult } from '../../../src/core/runner/test-plan.ts';
import { parseXml } from '../../../src/core/xml/dom.ts';
import { sampleProject } from './helpers.ts';

const p = sampleProject();
const a1 = p.flows.find((f) => f.id === 'a1-gewerberegister')!;

describe('sample and test-case operations', () => {
  it('adds, renames and removes samples; adds, edits and removes test cases (undoable plain data)', () => {
    let q = applyOp(p, { type: 'sample.set', flowId: a1.id, sampleId: 'neu', name: 'Neu', content: '<a/>' });
    expect(q.flows[1].samples.map((s) => s.id)).toEqual(['msg-01', 'msg-02', 'msg-03', 'neu']);
    q = applyOp(q, { type: 'sample.set', flowId: a1.id, sampleId: 'neu', name: 'Umbenannt', content: '<a/>' });
    expect(q.flows[1].samples[3].name).toBe('Umbenannt');
    q = applyOp(q, { type: 'sample.remove', flowId: a1.id, sampleId: 'neu' });
    expect(q.flows[1].samples.map((s) => s.id)).toEqual(['msg-01', 'msg-02', 'msg-03']);
    const tc = { id: 'test-x', name: 'X', sampleId: 'msg-02', expected: '<x/>', ignore: ['Kopfdaten/Vorgangsnummer'] };
    q = applyOp(q, { type: 'test.set', flowId: a1.id, test: tc });
    expect(q.flows[1].tests.at(-1)).toEqual(tc);
    q = applyOp(q, { type: 'test.set', flowId: a1.id, test: { ...tc, ignore: [] } });
    expect(q.flows[1].tests.filter((t) => t.id === 'test-x')).toHaveLength(1);
    expect(q.flows[1].tests.at(-1)!.ignore).toEqual([]);
    q = applyOp(q, { type: 'test.setExpected', flowId: a1.id, testId: 'test-x', expected: '<y/>' });
    expect(q.flows[1].tests.at(-1)!.expected).toBe('<y/>');
    q = applyOp(q, { type: 'test.remove', flowId: a1.id, testId: 'test-x' });
    expect(q.flows[1].tests.map((t) => t.id)).toEqual(['test-01', 'test-02', 'test-03']);
    expect(p.flows[1].samples).toHaveLength(3); // the original is untouched
  });
});

describe('test-plan run with progress and the HTML report', () => {
  const engine = createNodeEngine();
  afterAll(() => engine.dispose());
  let results: TestResult[] = [];

  it('reports progress after every test, fails a broken expectation, and can be cancelled', async () => {
    const broken = applyOp(p, { type: 'test.setExpected', flowId: a1.id, testId: 'test-02', expected: '<Gewerbemeldung/>' });
    const progress: [string, number, number][] = [];
    results = await runProjectTests(broken, broken.flows, engine, { onResult: (r, done, total) => progress.push([r.testId, done, total]) });
    expect(results).toHaveLength(6);
    expect(progress.map((x) => x[1])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.every((x) => x[2] === 6)).toBe(true);
    expect(results.filter((r) => !r.pass).map((r) => `${r.flowId}/${r.testId}`)).toEqual(['a1-gewerberegister/test-02']);

    const ctl = new AbortController();
    const some = await runProjectTests(p, p.flows, engine, { signal: ctl.signal, onResult: () => ctl.abort() });
    expect(some.length).toBe(1);
  });

  it('builds a self-contained report with results, rule versions and checksums, escaped', () => {
    const rules = Object.fromEntries(p.flows.map((f) => [f.id, compileProjectFlow(p, f).xslt]));
    const proj = { ...p, name: 'Gewerbe <Test> & Co' };
    const html = buildTestReport({ project: proj, results, rules, generatedAt: new Date(2026, 2, 5, 9, 7), toolVersion: '0.1.0' });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Testbericht: Gewerbe &lt;Test&gt; &amp; Co');
    expect(html).toContain('05.03.2026 09:07');
    expect(html).toContain('5 bestanden, 1 fehlgeschlagen');
    expect(html).toContain(ruleChecksum(rules['a1-gewerberegister']));
    expect(html).toContain(ruleChecksum(rules['dms-vorgang']));
    expect(html).toContain('ohne Version');
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=|url\(/);
    // One row per test, and the failing one names its difference.
    expect(html.match(/<tr class="(pass|fail)">/g)).toHaveLength(6);
    expect(html).toMatch(/<tr class="fail">[\s\S]*Gewerbemeldung/);
    // Well-formed enough for an XML parser apart from the doctype: every tag closed.
    expect(parseXml(html.replace(/^<!doctype html>/, '').replace(/<meta charset="utf-8">/, '').replace(/<br>/g, '<br/>')).ok).toBe(true);
  });

  it('checksums tell rule texts apart and are stable', () => {
    expect(ruleChecksum('abc')).toBe(ruleChecksum('abc'));
    expect(ruleChecksum('abc')).not.toBe(ruleChecksum('abd'));
    expect(ruleChecksum('')).toMatch(/^[0-9a-f]{16}$/);
  });
});
