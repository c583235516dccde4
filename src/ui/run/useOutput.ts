/**
 * The output of the open flow: runs (manual and live preview, through LiveRunner), the schema check of
 * each new output in the validation worker, the target-tree paths of its errors (session
 * validationTargets, for the mapper), and the trace from an output position to its mapping.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { create } from 'zustand';
import { compileProjectFlow, type CompileResult } from '../../core/compiler/index.ts';
import type { Flow, Project } from '../../core/model/project.ts';
import { prepareInput } from '../../core/runner/input.ts';
import type { MessageCheck } from '../../core/runner/validate.ts';
import { messageTree } from '../../core/schema/index.ts';
import { isJsonTree } from '../../core/schema/json/paths.ts';
import { splitPath } from '../../core/schema/types.ts';
import { getEngine } from '../engine/index.ts';
import { previewEngine } from './preview-engine.ts';
import { compiledFlow } from '../state/compiled.ts';
import { useSession } from '../state/session.ts';
import { registerLivePreview, runInputs } from './live-start.ts';
import { LiveRunner, runKey, showRun, type RunRequest, type RunState } from './live-runner.ts';
import { useRunSettings } from './settings.ts';
import { outputSpans, scanElements, stripTrace, traceMarks, traceOutputAt, type TraceHit, type TraceMark } from './trace.ts';
import { checkInWorker } from './validation.ts';
import { useRunT } from './texts.ts';


export type CheckState = { key: string; pending: true } | { key: string; pending: false; result?: MessageCheck; error?: string };

export type TraceState =
  | { status: 'idle' }
  | { status: 'tracing' }
  | { status: 'done'; hit: TraceHit; ruleId?: string }
  | { status: 'failed'; message: string };

const now = () => performance.now();

/** The open flow's latest run state, for readers outside the output panel (the inspector's "value in sample"). */
export const useLatestRun = create<{ flowId?: string; state: RunState }>(() => ({ state: { status: 'idle' } }));

/** The run of a rule text on a sample (undefined when there is none to run); JSON samples are wrapped, as every run does. */
function runRequest(xslt: string, input: string | undefined, params: Record<string, string>, timeoutMs: number): Omit<RunRequest, 'requestedAt'> | undefined {
  if (input === undefined || !xslt) return undefined;
  const engineInput = prepareInput(input);
  return { key: runKey(xslt, engineInput, params), stylesheet: xslt, input: engineInput, params, timeoutMs };
}

/** Run state, schema check and trace of the flow's output for one sample and parameter set. */
export function useOutput(project: Project, flow: Flow, compiled: CompileResult, input: string | undefined, params: Record<string, string>) {
  const [state, setState] = useState<RunState>({ status: 'idle' });
  /** The output editor, while it is on screen: takes a new output text directly. */
  const sink = useRef<((text: string) => void) | null>(null);
  const [runner] = useState(() => new LiveRunner(previewEngine(), showRun(setState, sink, flushSync)));
  useEffect(() => useLatestRun.setState({ flowId: flow.id, state }), [flow.id, state]);
  useEffect(() => () => useLatestRun.setState({ flowId: undefined, state: { status: 'idle' } }), []);
  // Leaving the flow stops its run. (Not dispose: StrictMode unmounts and remounts once in development.)
  useEffect(() => () => runner.cancel(), [runner]);
  const { timeoutSec, live } = useRunSettings();
  const timeoutMs = Math.round(timeoutSec * 1000);
  const paramsKey = JSON.stringify(params);

  const request = useMemo(() => runRequest(compiled.xslt, input, params, timeoutMs), [compiled.xslt, input, paramsKey, timeoutMs]); // eslint-disable-line react-hooks/exhaustive-deps

  // Live preview: every change of rule, sample or parameters asks for a run by itself. Edits are
  // coalesced by the runner rather than delayed by a timer: the first edit runs at once (a fixed pause
  // would add straight to the edit-to-output time), edits during a run collapse into one run after it.
  useEffect(() => {
    if (live && request) runner.request({ ...request, requestedAt: now() });
  }, [request?.key, live]); // eslint-disable-line react-hooks/exhaustive-deps
  // …and the run of an edit starts as soon as the edit is applied, before this panel renders it.
  useEffect(
    () =>
      registerLivePreview({
        flowId: flow.id,
        runner,
        request(p, f) {
          const settings = useRunSettings.getState();
          if (!settings.live) return undefined;
          const { sample, params } = runInputs(p, f, useSession.getState().sampleId, settings.organisationId);
          const req = runRequest(compiledFlow(p, f).xslt, sample?.content, params, Math.round(settings.timeoutSec * 1000));
          return req && { ...req, requestedAt: now() };
        },
      }),
    [flow.id, runner],
  );

  const run = () => request && runner.request({ ...request, requestedAt: now() }, true);
  const cancel = () => runner.cancel();

  // Schema check of each new output, in the worker; an older answer never overwrites a newer one.
  const [check, setCheck] = useState<CheckState | undefined>();
  const checkKey = useRef('');
  // The findings are worded in the UI language: a language switch checks the output on screen again.
  const lang = useSession((s) => s.lang);
  useEffect(() => {
    if (state.status !== 'ok') return;
    const key = state.key;
    checkKey.current = key;
    setCheck({ key, pending: true });
    checkInWorker(project.schemas, flow.target, state.output, timeoutMs).then(
      (result) => checkKey.current === key && setCheck({ key, pending: false, result }),
      (e: Error) => checkKey.current === key && setCheck({ key, pending: false, error: e.message }),
    );
  }, [state, lang]); // eslint-disable-line react-hooks/exhaustive-deps

  // Validation errors → target-tree nodes the mapper marks.
  const setSession = useSession((s) => s.set);
  const tree = useMemo(() => messageTree(project.schemas, flow.target).tree, [project.schemas, flow.target]);
  useEffect(() => {
    const issues = check && !check.pending && state.status === 'ok' && check.key === state.key ? (check.result?.issues ?? []) : [];
    const paths = new Set<string>();
    for (const i of issues) {
      if (i.severity !== 'error' || !i.path || !tree) continue;
      const hit = nearestInTree(i.path, (p) => tree.find(p) !== undefined);
      if (hit) paths.add(hit);
    }
    // Only on a real change: every session update re-renders the whole designer (mapper, canvas).
    const next = paths.size ? [...paths].sort() : undefined;
    const cur = useSession.getState().validationTargets;
    if (JSON.stringify(cur) !== JSON.stringify(next)) setSession({ validationTargets: next });
  }, [check, state, tree, setSession]);
  useEffect(() => () => void (useSession.getState().validationTargets && setSession({ validationTargets: undefined })), [setSession]);

  // Trace: computed once per output on the first pick, then answered from the marks.
  const [trace, setTrace] = useState<TraceState>({ status: 'idle' });
  const t = useRunT();
  const marks = useRef<{ key: string; marks: Map<number, TraceMark> } | undefined>(undefined);
  const pick = async (offset: number) => {
    if (state.status !== 'ok' || !request) return;
    const output = state.output;
    const key = state.key;
    if (marks.current?.key !== key) {
      setTrace({ status: 'tracing' });
      const traced = compileProjectFlow(project, flow, { trace: true });
      const r = await getEngine().transform({ stylesheet: traced.xslt, input: request.input, params: request.params, timeoutMs });
      if (!r.ok) {
        setTrace({ status: 'failed', message: r.error.message });
        return;
      }
      marks.current = { key, marks: traceMarks(r.output) };
      // Same elements in the same order as the shown output, or the indexes would not line up.
      // (A JSON target's trace output is the json-to-xml() XML of the JSON shown: one element per value.)
      if (scanElements(stripTrace(r.output)).length !== outputSpans(output, isJsonTree(tree)).length) {
        marks.current = undefined;
        setTrace({ status: 'failed', message: t('traceMismatch') });
        return;
      }
    }
    const hit = traceOutputAt(output, offset, marks.current!.marks, isJsonTree(tree));
    if (!hit) {
      setTrace({ status: 'idle' });
      return;
    }
    const rule = hit.ruleId ? flow.mapping.rules.find((r) => r.id === hit.ruleId) : undefined;
    if (rule) setSession({ selectedTarget: rule.target, selectedRuleId: rule.id });
    setTrace({ status: 'done', hit, ruleId: rule?.id });
  };
  useEffect(() => setTrace({ status: 'idle' }), [state.status === 'ok' ? state.key : '']); // eslint-disable-line react-hooks/exhaustive-deps

  return { state, run, cancel, check, trace, pick, canRun: !!request, json: isJsonTree(tree), sink };
}

/** The path itself or its nearest ancestor that `exists` (a node the schema does not have falls back to its parent). */
export function nearestInTree(path: string, exists: (p: string) => boolean): string | undefined {
  const steps = splitPath(path);
  for (let n = steps.length; n > 0; n--) {
    const p = '/' + steps.slice(0, n).join('/');
    if (exists(p)) return p;
  }
  return undefined;
}
