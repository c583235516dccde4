/** Runs a project's test cases: compile each flow once, run every test's input, compare XML-aware. */
import { compileProjectFlow } from '../compiler/index.ts';
import type { Flow, Project } from '../model/project.ts';
import type { XsltEngine } from './engine.ts';
import { compareXml } from './xml-compare.ts';

export interface TestResult {
  flowId: string;
  testId: string;
  name: string;
  pass: boolean;
  /** Why it failed: compile errors, run error, or differences. */
  details: string[];
  timeMs: number;
  output?: string;
}

/** Runs the tests of the given flows (all flows by default). */
export async function runProjectTests(project: Project, flows: readonly Flow[], engine: XsltEngine): Promise<TestResult[]> {
  const out: TestResult[] = [];
  for (const flow of flows) {
    if (!flow.tests.length) continue;
    const c = compileProjectFlow(project, flow);
    const compileErrors = c.diagnostics.filter((d) => d.severity === 'error').map((d) => `Übersetzung: ${d.message}`);
    for (const tc of flow.tests) {
      const base = { flowId: flow.id, testId: tc.id, name: tc.name };
      if (!c.xslt || compileErrors.length) {
        out.push({ ...base, pass: false, details: compileErrors.length ? compileErrors : ['Regel lässt sich nicht übersetzen'], timeMs: 0 });
        continue;
      }
      const sample = flow.samples.find((s) => s.id === tc.sampleId);
      if (!sample) {
        out.push({ ...base, pass: false, details: [`Beispielnachricht "${tc.sampleId}" fehlt`], timeMs: 0 });
        continue;
      }
      const r = await engine.transform({ stylesheet: c.xslt, input: sample.content });
      if (!r.ok) {
        out.push({ ...base, pass: false, details: [`${r.error.code ?? r.error.kind}: ${r.error.message}${r.error.line ? ` (Zeile ${r.error.line})` : ''}`], timeMs: r.timeMs });
        continue;
      }
      const cmp = compareXml(tc.expected, r.output, tc.ignore);
      out.push({
        ...base,
        pass: cmp.equal,
        details: cmp.equal ? [] : cmp.differences.slice(0, 20).map((d) => `${d.path}: ${d.message}`),
        timeMs: r.timeMs,
        output: r.output,
      });
    }
  }
  return out;
}
