/**
 * The live preview's run starts inside the edit itself (src/ui/run/live-start.ts), before any view
 * renders it, and only when the open flow changed.
 */
import { describe, expect, it } from 'vitest';
import type { Flow, Project } from '../../../src/core/model/project.ts';
import type { LiveRunner, RunRequest } from '../../../src/ui/run/live-runner.ts';
import { registerLivePreview, runInputs } from '../../../src/ui/run/live-start.ts';
import { useDoc } from '../../../src/ui/state/doc.ts';
import { sampleProject } from './helpers.ts';

describe('live preview start', () => {
  it('asks for the run of the edited open flow during the edit, not for other flows', () => {
    const p = sampleProject();
    useDoc.setState({ project: p, past: [], future: [], saveState: 'saved' });
    const asked: RunRequest[] = [];
    const seen: Flow[] = [];
    const runner = { request: (r: RunRequest) => asked.push(r) } as unknown as LiveRunner;
    const off = registerLivePreview({
      flowId: 'a1-gewerberegister',
      runner,
      request(project: Project, flow: Flow) {
        seen.push(flow);
        const { sample } = runInputs(project, flow, undefined, undefined);
        return { key: flow.mapping.rules.length + ':' + sample!.id, stylesheet: 'x', input: sample!.content, params: {}, timeoutMs: 1000, requestedAt: 0 };
      },
    });
    const a1 = p.flows.find((f) => f.id === 'a1-gewerberegister')!;
    useDoc.getState().dispatch({ type: 'rule.remove', flowId: a1.id, ruleId: a1.mapping.rules[0].id });
    // Synchronously, inside dispatch: the new version of the flow, one rule less.
    expect(seen).toEqual([useDoc.getState().project!.flows.find((f) => f.id === a1.id)]);
    expect(asked.map((r) => r.key)).toEqual([`${a1.mapping.rules.length - 1}:${a1.samples[0].id}`]);
    // An edit of another flow does not run the open one again.
    const other = useDoc.getState().project!.flows.find((f) => f.id === 'dms-vorgang')!;
    useDoc.getState().dispatch({ type: 'rule.remove', flowId: other.id, ruleId: other.mapping.rules[0].id });
    expect(asked).toHaveLength(1);
    off();
    useDoc.getState().undo();
    expect(asked).toHaveLength(1);
  });

  it('uses the session sample and the test organisation, like the output panel', () => {
    const p = sampleProject();
    const a1 = p.flows.find((f) => f.id === 'a1-gewerberegister')!;
    const r = runInputs(p, a1, a1.samples[1]?.id, undefined);
    expect(r.sample).toBe(a1.samples[1] ?? a1.samples[0]);
    expect(r.org?.kind).toBe('test');
  });
});
