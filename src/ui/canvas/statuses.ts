/**
 * Flow status badges for the whole landscape. Cheap cases are decided at once; flows that need a
 * compile are compiled a few at a time between frames and cached per flow object, so a project with
 * thousands of flows never blocks the canvas. "Tests pass/fail" needs a test run of exactly the
 * current version of the flow: one started here in the designer, or the test panel's last complete run.
 */
import { useEffect, useMemo, useState } from 'react';
import { compileProjectFlow } from '../../core/compiler/index.ts';
import { quickStatus, statusFrom, type FlowStatus, type TestTally } from '../../core/landscape/status.ts';
import type { Flow, Project, SchemaSet } from '../../core/model/project.ts';
import { runProjectTests } from '../../core/runner/test-plan.ts';
import { getEngine } from '../engine/index.ts';
import { useTests } from '../run/test-store.ts';
import { useCanvas } from './store.ts';

type Compiled = { schemas: SchemaSet[]; xslt: string; errors: number };
const cache = new WeakMap<Flow, Compiled>();

function cached(p: Project, f: Flow): Compiled | undefined {
  const c = cache.get(f);
  return c && c.schemas === p.schemas ? c : undefined;
}

function compile(p: Project, f: Flow): Compiled {
  let c: Compiled;
  try {
    const r = compileProjectFlow(p, f);
    c = { schemas: p.schemas, xslt: r.xslt, errors: r.diagnostics.filter((d) => d.severity === 'error').length };
  } catch {
    // A compiler crash shows as a draft, never as a broken canvas.
    c = { schemas: p.schemas, xslt: '', errors: 1 };
  }
  cache.set(f, c);
  return c;
}

/** Status per flow id; a flow still waiting for its compile is absent. */
export function useFlowStatuses(p: Project): Map<string, FlowStatus> {
  const [tick, setTick] = useState(0);
  const tests = useCanvas((s) => s.tests);
  // The test panel's last complete run counts too, for the flows whose exact version it ran.
  const panelRun = useTests((s) => s.last);
  useEffect(() => {
    const todo = p.flows.filter((f) => !quickStatus(f) && !cached(p, f));
    if (!todo.length) return;
    let i = 0;
    let timer: ReturnType<typeof setTimeout>;
    const step = () => {
      const t0 = performance.now();
      // About one frame's worth of compiling, then let the browser paint.
      while (i < todo.length && performance.now() - t0 < 12) {
        // The flow list and the canvas both ask; whoever comes second finds it cached.
        const f = todo[i++];
        if (!cached(p, f)) compile(p, f);
      }
      setTick((n) => n + 1);
      if (i < todo.length) timer = setTimeout(step, 0);
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [p.flows, p.schemas]); // eslint-disable-line react-hooks/exhaustive-deps
  return useMemo(() => {
    const out = new Map<string, FlowStatus>();
    for (const f of p.flows) {
      const q = quickStatus(f);
      if (q) {
        out.set(f.id, q);
        continue;
      }
      const c = cached(p, f);
      if (!c) continue;
      const run = tests[f.id];
      let tally: TestTally | undefined = run && run.flow === f && run.schemas === p.schemas ? run : undefined;
      if (!tally && panelRun && panelRun.project.schemas === p.schemas && panelRun.project.flows.find((x) => x.id === f.id) === f) {
        const rs = panelRun.results.filter((r) => r.flowId === f.id);
        const passed = rs.filter((r) => r.pass).length;
        if (rs.length) tally = { passed, failed: rs.length - passed };
      }
      out.set(f.id, statusFrom(f, c, tally));
    }
    return out;
  }, [p.flows, p.schemas, tests, panelRun, tick]); // eslint-disable-line react-hooks/exhaustive-deps
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
