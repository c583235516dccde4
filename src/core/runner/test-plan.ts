/** Runs a project's test cases: compile each flow once, run every test's input, compare XML-aware. */
import { prepareInput } from './input.ts';
import { compileProjectFlow } from '../compiler/index.ts';
import { compareForParams } from '../orgs/expect.ts';
import { planCases, runAhead } from '../orgs/plan.ts';
import type { Flow, Project } from '../model/project.ts';
import type { XsltEngine } from './engine.ts';
import { m } from '../i18n.ts';

export interface TestResult {
  flowId: string;
  testId: string;
  name: string;
  pass: boolean;
  /** Why it failed: compile errors, run error, or differences. */
  details: string[];
  timeMs: number;
  output?: string;
  /** The organisation whose parameter values the test ran with. */
  organisationId?: string;
}

/** Progress reporting, cancellation and time limit of a test-plan run. */
export interface RunTestsOptions {
  /** Called after each test with its result and how many of `total` are done. */
  onResult?(result: TestResult, done: number, total: number): void;
  /** Stops the run: the running test is cancelled, the rest are not started. */
  signal?: AbortSignal;
  /** Time limit per test in ms (the engine's default otherwise). */
  timeoutMs?: number;
  /**
   * Run every test case for each of these organisations (their parameter values), sharing one compiled
   * stylesheet per flow. Absent: each test case once, for its own organisation.
   */
  organisations?: readonly string[];
}

/** Runs the tests of the given flows (all flows by default). */
export async function runProjectTests(project: Project, flows: readonly Flow[], engine: XsltEngine, options: RunTestsOptions = {}): Promise<TestResult[]> {
  const out: TestResult[] = [];
  const total = flows.reduce((n, f) => n + planCases(project, f, options.organisations).length, 0);
  // Every result goes through out.push: reporting progress there covers each way a test can end.
  const push = out.push.bind(out);
  out.push = (...rs: TestResult[]) => {
    const n = push(...rs);
    for (const r of rs) options.onResult?.(r, out.length, total);
    return n;
  };
  for (const flow of flows) {
    if (options.signal?.aborted) break;
    if (!flow.tests.length) continue;
    const c = compileProjectFlow(project, flow);
    const compileErrors = c.diagnostics.filter((d) => d.severity === 'error').map((d) => m(`Übersetzung: ${d.message}`, `Compilation: ${d.message}`));
    const cases = planCases(project, flow, options.organisations);
    const run = runAhead(cases, (k) => {
      const input = flow.samples.find((s) => s.id === k.tc.sampleId)?.content;
      if (!c.xslt || compileErrors.length || input === undefined) return undefined;
      return engine.transform({ stylesheet: c.xslt, input: prepareInput(input), params: k.params, signal: options.signal, timeoutMs: options.timeoutMs });
    });
    for (const [i, { tc, org, params, home }] of cases.entries()) {
      if (options.signal?.aborted) break;
      const base = { flowId: flow.id, testId: tc.id, name: tc.name, ...(org ? { organisationId: org.id } : {}) };
      if (!c.xslt || compileErrors.length) {
        out.push({ ...base, pass: false, details: compileErrors.length ? compileErrors : [m('Regel lässt sich nicht übersetzen', 'The rule cannot be compiled')], timeMs: 0 });
        continue;
      }
      const sample = flow.samples.find((s) => s.id === tc.sampleId);
      if (!sample) {
        out.push({ ...base, pass: false, details: [m(`Beispielnachricht "${tc.sampleId}" fehlt`, `Sample message "${tc.sampleId}" is missing`)], timeMs: 0 });
        continue;
      }
      const r = (await run(i))!;
      if (!r.ok) {
        const at = r.error.line ? m(` (Zeile ${r.error.line})`, ` (line ${r.error.line})`) : '';
        out.push({ ...base, pass: false, details: [`${r.error.code ?? r.error.kind}: ${r.error.message}${at}`], timeMs: r.timeMs });
        continue;
      }
      const cmp = compareForParams(flow, tc.expected, r.output, tc.ignore, home, params);
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
