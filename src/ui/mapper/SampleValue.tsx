/**
 * "Value in sample": what the selected target got in the live preview's latest output (the right panel's
 * run on the current sample), found by its target path in that output, XML or JSON (a JSON target's
 * output is JSON text). Updates with every new output; shows "running…" while the rule runs and nothing
 * when there is no output. JSON numbers, booleans and null are shown without quotes, strings quoted.
 */
import { useDeferredValue, useMemo } from 'react';
import type { Flow } from '../../core/model/project.ts';
import { instanceGroups, type JsonValueType } from '../../core/runner/sample-values.ts';
import { outputSampleValues } from '../../core/runner/sample-values-json.ts';
import { useLatestRun } from '../run/useOutput.ts';
import { useSampleValueT } from './sample-value-texts.ts';
import { useMapperT } from './texts.ts';
import './xpath-editor.css';
import './sample-value.css';

const SHOWN = 3;

/** The line under the inspector's heading. */
export function SampleValue({ flow, path }: { flow: Flow; path: string }) {
  const t = useMapperT();
  const tt = useSampleValueT();
  const run = useLatestRun((s) => (s.flowId === flow.id ? s.state : undefined));
  const rules = flow.mapping.rules;
  const groups = useMemo(() => instanceGroups(rules.map((r) => r.target)), [rules]);
  // Read in a deferred render: the scan of a large output is not in the way of drawing the output itself.
  // Until that render comes, the line says "running" rather than show an older output's values.
  const current = run?.status === 'ok' ? run.output : undefined;
  const output = useDeferredValue(current);
  const found = useMemo(() => (output === undefined ? undefined : outputSampleValues(output, path, { groups, limit: SHOWN })), [output, path, groups]);

  let body: React.ReactNode;
  if (run?.status === 'running' || output !== current) body = <span className="muted">{t('sampleRunning')}</span>;
  else if (!found) return null;
  else if (found.count === 0) body = <span className="muted">{t('sampleNotProduced')}</span>;
  else if (found.complex) body = <span>{t('sampleProduced', { n: String(found.count) })}</span>;
  else {
    body = (
      <>
        {found.values.map((v, i) => (
          <span key={i}>
            {i > 0 && ', '}
            {v === '' ? <span className="muted">{t('sampleEmpty')}</span> : <Value v={v} type={found.types?.[i]} tt={tt} />}
          </span>
        ))}
        {found.count > SHOWN && <span className="muted"> {t('sampleMore', { n: String(found.count - SHOWN) })}</span>}
      </>
    );
  }
  return (
    <p className="sample-value" data-testid="sample-value" aria-live="polite">
      <span className="sample-label">{t('sampleValue')}:</span> {body}
      {found?.ambiguous && run?.status !== 'running' && <span className="muted small"> ({t('sampleAmbiguous')})</span>}
    </p>
  );
}

const TYPE_TEXT = { number: 'typeNumber', boolean: 'typeBoolean', null: 'typeNull', string: 'typeString' } as const;

/** One value: quoted text, or a JSON literal (number, boolean, null) as code, its JSON type as its title. */
function Value({ v, type, tt }: { v: string; type?: JsonValueType; tt: ReturnType<typeof useSampleValueT> }) {
  if (type === 'number' || type === 'boolean' || type === 'null') {
    return (
      <code className="sample-v sample-lit" title={tt(TYPE_TEXT[type])} data-json-type={type}>
        {v}
      </code>
    );
  }
  return (
    <q className="sample-v" title={type === 'string' ? tt('typeString') : undefined} data-json-type={type}>
      {v}
    </q>
  );
}
