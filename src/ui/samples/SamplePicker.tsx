/** The flow's current sample message (chosen in the session, else the first) and a picker for it. */
import type { Flow, SampleMessage } from '../../core/model/project.ts';
import { useSession } from '../state/session.ts';

/** The sample the session has chosen for a flow, or its first one. */
export function currentSample(flow: Flow, sampleId: string | undefined): SampleMessage | undefined {
  return flow.samples.find((s) => s.id === sampleId) ?? flow.samples[0];
}

/** A labelled select of the flow's samples, bound to the session's choice. */
export function SamplePicker({ flow, label, className, testId }: { flow: Flow; label: string; className: string; testId: string }) {
  const sampleId = useSession((s) => s.sampleId);
  const set = useSession((s) => s.set);
  const sample = currentSample(flow, sampleId);
  return (
    <label className={className}>
      {label}{' '}
      <select value={sample?.id ?? ''} onChange={(e) => set({ sampleId: e.target.value })} data-testid={testId}>
        {flow.samples.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
