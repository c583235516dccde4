/**
 * Flow status badges for the whole landscape, computed once in the app shell and handed to the canvas
 * and the flow list. Cheap cases are decided at once; flows that need a compile use the shared compile
 * (../state/compiled.ts: the open flow is compiled once per edit, for the mapper and its badge alike,
 * with its XPath errors), and flows not compiled yet are compiled a few at a time between frames, so
 * a project with thousands of flows never blocks the canvas. The map keeps its identity while no badge
 * changes, so a mapping edit does not redraw the canvas. "Tests pass/fail" needs a test run of exactly
 * the current version of the flow: one started here in the designer, or the test panel's last complete run.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { quickStatus, statusFrom, type FlowStatus, type TestTally } from '../../core/landscape/status.ts';
import type { Flow, Project } from '../../core/model/project.ts';
import { runProjectTests } from '../../core/runner/test-plan.ts';
import { getEngine } from '../engine/index.ts';
import { useTests, type FinishedRun } from '../run/test-store.ts';
import { cachedCompile, compiledFlow, errorCount, useXPathChecks } from '../state/compiled.ts';
import { useCanvas, type TestRun } from './store.ts';

/** The status of a flow when its compile is cached (or not needed); undefined while it waits for one. */
export function flowStatusNow(p: Project, f: Flow, tally?: TestTally): FlowStatus | undefined {
  const q = quickStatus(f);
  if (q) return q;
  const c = cachedCompile(p, f);
  return c ? statusFrom(f, { xslt: c.xslt, errors: errorCount(c) }, tally) : undefined;
}

/** The test tally of exactly this flow version: a designer run, else the test panel's last complete run. */
function tallyOf(p: Project, f: Flow, tests: Record<string, TestRun>, panelRun: FinishedRun | undefined): TestTally | undefined {
  const run = tests[f.id];
  if (run && run.flow === f && run.schemas === p.schemas) return run;
  if (panelRun && panelRun.project.schemas === p.schemas && panelRun.project.flows.find((x) => x.id === f.id) === f) {
    const rs = panelRun.results.filter((r) => r.flowId === f.id);
    const passed = rs.filter((r) => r.pass).length;
    if (rs.length) return { passed, failed: rs.length - passed };
  }
  return undefined;
}

function sameStatuses(a: Map<string, FlowStatus>, b: Map<string, FlowStatus>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** Status per flow id; a flow still waiting for its compile is absent. Same map object while nothing changed. */
export function useFlowStatuses(p: Project): Map<string, FlowStatus> {
  const [tick, setTick] = useState(0);
  const xpathVersion = useXPathChecks((s) => s.version);
  const tests = useCanvas((s) => s.tests);
  // The test panel's last complete run counts too, for the flows whose exact version it ran.
  const panelRun = useTests((s) => s.last);
  useEffect(() => {
    const todo = p.flows.filter((f) => !quickStatus(f) && !cachedCompile(p, f));
    if (!todo.length) return;
    let i = 0;
    let timer: ReturnType<typeof setTimeout>;
    const step = () => {
      const t0 = performance.now();
      // About one frame's worth of compiling, then let the browser paint.
      while (i < todo.length && performance.now() - t0 < 12) compiledFlow(p, todo[i++]);
      setTick((n) => n + 1);
      if (i < todo.length) timer = setTimeout(step, 0);
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [p.flows, p.schemas, p.id, p.name, xpathVersion]); // eslint-disable-line react-hooks/exhaustive-deps
  const prev = useRef<Map<string, FlowStatus>>(undefined);
  return useMemo(() => {
    const out = new Map<string, FlowStatus>();
    for (const f of p.flows) {
      const st = flowStatusNow(p, f, tallyOf(p, f, tests, panelRun));
      if (st) out.set(f.id, st);
    }
    if (prev.current && sameStatuses(prev.current, out)) return prev.current;
    prev.current = out;
    return out;
  }, [p.flows, p.schemas, p.id, p.name, tests, panelRun, tick, xpathVersion]); // eslint-disable-line react-hooks/exhaustive-deps
}

/** Runs a flow's test cases in the browser engine and keeps the tally for its status badge. */
export async function runFlowTests(p: Project, flow: Flow): Promise<void> {
  const st = useCanvas.getState();
  st.set({ testsRunning: { ...st.testsRunning, [flow.id]: true } });
  try {
    const results = await runProjectTests(p, [flow], getEngine());
    const passed = results.filter((r) => r.pass).length;
    const s = useCanvas.getState();
    s.set({ tests: { ...s.tests, [flow.id]: { flow, schemas: p.schemas, passed, failed: results.length - passed } } });
  } catch (e) {
    useCanvas.getState().set({ notice: { kind: 'error', text: String((e as Error).message ?? e) } });
  } finally {
    const s = useCanvas.getState();
    const running = { ...s.testsRunning };
    delete running[flow.id];
    s.set({ testsRunning: running });
  }
}
