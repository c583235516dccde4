/**
 * A flow's status badge, from its rule: no mapping → draft → compiles → tests pass (or fail).
 * "Tests" counts only a test run of exactly this version of the flow; the caller keeps that result.
 */
import { compileProjectFlow } from '../compiler/index.ts';
import type { Flow, Project } from '../model/project.ts';

export type FlowStatus = 'no-mapping' | 'draft' | 'compiles' | 'tests-pass' | 'tests-fail';

/** The outcome of the last test run of a flow. */
export interface TestTally {
  passed: number;
  failed: number;
}

/** The status without compiling, when that already decides it; undefined when a compile is needed. */
export function quickStatus(flow: Flow): FlowStatus | undefined {
  if (!flow.mapping.rules.length) return 'no-mapping';
  if (!flow.target) return 'draft';
  return undefined;
}

/** The status from a compile outcome and, optionally, the last test run of this flow version. */
export function statusFrom(flow: Flow, compiled: { xslt: string; errors: number }, tests?: TestTally): FlowStatus {
  const q = quickStatus(flow);
  if (q) return q;
  if (!compiled.xslt || compiled.errors > 0) return 'draft';
  if (tests && tests.passed + tests.failed > 0) return tests.failed ? 'tests-fail' : 'tests-pass';
  return 'compiles';
}

/** Compiles the flow (if needed) and returns its status. */
export function flowStatus(p: Project, flow: Flow, tests?: TestTally): FlowStatus {
  const q = quickStatus(flow);
  if (q) return q;
  const r = compileProjectFlow(p, flow);
  return statusFrom(flow, { xslt: r.xslt, errors: r.diagnostics.filter((d) => d.severity === 'error').length }, tests);
}
