/**
 * Starts the live preview's run the moment an edit is applied to the document, before React renders
 * it: the rule compiles and runs in the worker while the UI thread draws the edit, instead of after
 * (the render and commit of a mapping edit, 15-30 ms, no longer sit between the edit and the run). The
 * output panel registers its runner and how it builds a run request; its own effect asks for the same
 * run a moment later, which the runner then already has in flight (same key), so nothing runs twice.
 */
import type { Flow, Project } from '../../core/model/project.ts';
import { resolveParams, testOrganisation } from '../../core/orgs/resolve.ts';
import { currentSample } from '../samples/SamplePicker.tsx';
import { useDoc, type DocState } from '../state/doc.ts';
import type { LiveRunner, RunRequest } from './live-runner.ts';

/** Sample and parameters a run of the flow uses: the session's sample, the chosen (else the test) organisation. */
export function runInputs(project: Project, flow: Flow, sampleId: string | undefined, organisationId: string | undefined) {
  const sample = currentSample(flow, sampleId);
  const orgId = organisationId ?? testOrganisation(project)?.id ?? '';
  const org = project.organisations.find((o) => o.id === orgId);
  return { sample, orgId, org, params: resolveParams(flow, org) };
}

interface LivePreview {
  flowId: string;
  runner: LiveRunner;
  /** The run the panel would ask for with this version of the flow (undefined: none, e.g. live is off). */
  request(project: Project, flow: Flow): RunRequest | undefined;
}

let current: LivePreview | undefined;

/** The output panel of the open flow registers here; returns the unregister function. */
export function registerLivePreview(p: LivePreview): () => void {
  current = p;
  return () => {
    if (current === p) current = undefined;
  };
}

function onDoc(s: DocState, prev: DocState): void {
  const live = current;
  if (!live || !s.project || s.project === prev.project) return;
  const flow = s.project.flows.find((f) => f.id === live.flowId);
  if (!flow || flow === prev.project?.flows.find((f) => f.id === live.flowId)) return;
  try {
    const req = live.request(s.project, flow);
    if (req) live.runner.request(req);
  } catch {
    // Never in the way of the edit itself: the panel's own effect asks for the run after rendering.
  }
}

// Subscribed when the module loads, before any view subscribes: the run is on its way before the store
// even asks the views whether they need to render.
useDoc.subscribe(onDoc);
