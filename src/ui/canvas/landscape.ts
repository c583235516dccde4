/**
 * What the landscape designer and the flow list see of the project: systems, schemas and the flows
 * without their rule, samples and tests. A mapping edit makes a new flow object, but its landscape
 * part (ends, codes, title, stage, message types …) is unchanged: the previous shell is kept, so the
 * projection keeps its identity and the memoised canvas and flow list are not re-rendered or rebuilt.
 * What needs a flow's rule, samples or tests reads the current project from the document store.
 */
import { useMemo, useRef } from 'react';
import { validateLandscape, type LandscapeReport } from '../../core/landscape/validate.ts';
import type { Flow, Project } from '../../core/model/project.ts';

/** A flow as the landscape sees it. */
export type LandscapeFlow = Omit<Flow, 'mapping' | 'samples' | 'tests'>;

/** The project as the landscape sees it. */
export interface LandscapeProject extends Pick<Project, 'id' | 'name' | 'systems' | 'schemas' | 'landscape'> {
  flows: LandscapeFlow[];
}

const shells = new WeakMap<Flow, LandscapeFlow>();

function sameShell(a: LandscapeFlow, b: LandscapeFlow): boolean {
  const ka = Object.keys(a) as (keyof LandscapeFlow)[];
  if (ka.length !== Object.keys(b).length) return false;
  // Unchanged parts keep their objects in an edit (ends, message types), so identity is enough.
  return ka.every((k) => Object.is(a[k], b[k]));
}

/** The landscape part of a flow; the previous version's shell when that part did not change. */
export function shellOf(f: Flow, prev?: LandscapeFlow): LandscapeFlow {
  let s = shells.get(f);
  if (!s) {
    const { mapping: _m, samples: _s, tests: _t, ...rest } = f;
    s = prev && sameShell(prev, rest) ? prev : rest;
    shells.set(f, s);
  }
  return s;
}

/** The landscape projection of `p`, identical to `prev` when nothing the landscape shows changed. */
export function landscapeOf(p: Project, prev?: LandscapeProject): LandscapeProject {
  const before = prev && prev.id === p.id ? new Map(prev.flows.map((f) => [f.id, f])) : undefined;
  const flows = p.flows.map((f) => shellOf(f, before?.get(f.id)));
  const sameFlows = !!prev && prev.flows.length === flows.length && flows.every((f, i) => f === prev.flows[i]);
  if (prev && sameFlows && prev.id === p.id && prev.name === p.name && prev.systems === p.systems && prev.schemas === p.schemas && prev.landscape === p.landscape) return prev;
  return { id: p.id, name: p.name, systems: p.systems, schemas: p.schemas, landscape: p.landscape, flows: sameFlows ? prev!.flows : flows };
}

/** The landscape projection of the open project, kept stable across mapping, sample and test edits. */
export function useLandscape(p: Project): LandscapeProject {
  const prev = useRef<LandscapeProject>(undefined);
  return useMemo(() => (prev.current = landscapeOf(p, prev.current)), [p]);
}

/** The landscape checks; they read only systems, schemas, the landscape rules and the flows' landscape fields. */
export function validateLandscapeOf(l: LandscapeProject): LandscapeReport {
  return validateLandscape(l as unknown as Project);
}
