/** The test plan's cases of one flow: its test cases, once or for each chosen organisation. */
import type { Flow, Organisation, Project, TestCase } from '../model/project.ts';
import { homeParams, resolveParams } from './resolve.ts';

export interface PlannedCase {
  tc: TestCase;
  /** The organisation the case runs for (undefined: parameter defaults). */
  org?: Organisation;
  /** Parameter values of this run. */
  params: Record<string, string>;
  /** Parameter values the expected output was written for. */
  home: Record<string, string>;
}

/**
 * Without `organisationIds`: every test case once, for its own organisation. With them: every test case
 * for each of these organisations (unknown ids are skipped), organisation by organisation.
 */
export function planCases(project: Project, flow: Flow, organisationIds?: readonly string[]): PlannedCase[] {
  const byId = new Map(project.organisations.map((o) => [o.id, o]));
  if (!organisationIds) {
    return flow.tests.map((tc) => {
      const org = tc.organisationId ? byId.get(tc.organisationId) : undefined;
      const params = resolveParams(flow, org);
      return { tc, org, params, home: params };
    });
  }
  const homes = flow.tests.map((tc) => homeParams(project, flow, tc.organisationId));
  const out: PlannedCase[] = [];
  for (const id of organisationIds) {
    const org = byId.get(id);
    if (!org) continue;
    const params = resolveParams(flow, org);
    flow.tests.forEach((tc, i) => out.push({ tc, org, params, home: homes[i] }));
  }
  return out;
}

/**
 * Runs cases one ahead: asking for case i also starts case i + 1, so the engine's worker transforms the
 * next message while this one's output is being compared (a test plan over 420 organisations spends a
 * third of its time comparing). `start` returns undefined for a case that cannot run.
 */
export function runAhead<R>(cases: readonly PlannedCase[], start: (c: PlannedCase) => Promise<R> | undefined): (i: number) => Promise<R> | undefined {
  const pending = new Map<number, Promise<R> | undefined>();
  return (i) => {
    for (const j of [i, i + 1]) if (j < cases.length && !pending.has(j)) pending.set(j, start(cases[j]));
    const p = pending.get(i);
    pending.delete(i);
    return p;
  };
}
