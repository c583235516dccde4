/** Bulk edit: one flow's routing and parameter values set (or reset) for all marked organisations, as one undo step. */
import { useState } from 'react';
import type { OrgFlowPatch } from '../../core/model/ops-orgs.ts';
import type { Project } from '../../core/model/project.ts';
import { checkParamValue, ruleFlows } from '../../core/orgs/resolve.ts';
import { useDoc } from '../state/doc.ts';
import { useOrgsSession } from './state.ts';
import { useOrgsT } from './texts.ts';

type Mode = 'keep' | 'reset' | 'set';

const KEEP = '';
const RESET = '\u0000reset';

export function BulkEdit({ project, ids }: { project: Project; ids: string[] }) {
  const t = useOrgsT();
  const dispatch = useDoc((s) => s.dispatch);
  const setSession = useOrgsSession((s) => s.set);
  const flows = ruleFlows(project);
  const [flowId, setFlowId] = useState(flows[0]?.id ?? '');
  const [target, setTarget] = useState(KEEP);
  const [adapter, setAdapter] = useState(KEEP);
  const [params, setParams] = useState<Record<string, { mode: Mode; value: string }>>({});
  const [problem, setProblem] = useState<string>();
  const flow = flows.find((f) => f.id === flowId);
  if (!flow) return null;
  const systemForAdapters = project.systems.find((s) => s.id === (target && target !== RESET ? target : flow.to.systemId));

  const apply = () => {
    const patch: OrgFlowPatch = {};
    if (target) patch.targetSystemId = target === RESET ? null : target;
    if (adapter) patch.adapterId = adapter === RESET ? null : adapter;
    const values: Record<string, string | null> = {};
    for (const p of flow.mapping.parameters) {
      const v = params[p.name];
      if (!v || v.mode === 'keep') continue;
      if (v.mode === 'reset') values[p.name] = null;
      else {
        const bad = checkParamValue(p, v.value);
        if (bad) return setProblem(`${p.name}: ${bad}`);
        values[p.name] = v.value;
      }
    }
    if (Object.keys(values).length) patch.params = values;
    if (!Object.keys(patch).length) return setProblem(t('bulkNothing'));
    dispatch({ type: 'org.bulkFlow', ids, flowId: flow.id, patch });
    setProblem(undefined);
    setSession({ message: t('bulkApplied', { n: String(ids.length) }) });
  };

  return (
    <section className="orgs-bulk" aria-labelledby="orgs-bulk-title" data-testid="orgs-bulk">
      <h3 id="orgs-bulk-title">{t('bulkTitle', { n: String(ids.length) })}</h3>
      <div className="orgs-fields">
        <label className="orgs-field">
          <span>{t('bulkFlow')}</span>
          <select
            value={flowId}
            onChange={(e) => {
              setFlowId(e.target.value);
              setParams({});
              setTarget(KEEP);
              setAdapter(KEEP);
            }}
            data-field="bulk-flow"
          >
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.scenarioCode} {f.title}
              </option>
            ))}
          </select>
        </label>
        <label className="orgs-field">
          <span>{t('targetSystem')}</span>
          <select value={target} onChange={(e) => setTarget(e.target.value)} data-field="bulk-target">
            <option value={KEEP}>{t('bulkUnchanged')}</option>
            <option value={RESET}>{t('bulkReset')}</option>
            {project.systems.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="orgs-field">
          <span>{t('adapter')}</span>
          <select value={adapter} onChange={(e) => setAdapter(e.target.value)} data-field="bulk-adapter">
            <option value={KEEP}>{t('bulkUnchanged')}</option>
            <option value={RESET}>{t('bulkReset')}</option>
            {(systemForAdapters?.adapters ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name ?? a.id} ({a.kind})
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="orgs-fields">
        {flow.mapping.parameters.map((p) => {
          const v = params[p.name] ?? { mode: 'keep' as Mode, value: '' };
          const put = (n: Partial<typeof v>) => setParams({ ...params, [p.name]: { ...v, ...n } });
          return (
            <div className="orgs-field" key={p.name} role="group" aria-label={`$${p.name}`}>
              <span>
                <code>${p.name}</code>
              </span>
              <select value={v.mode} onChange={(e) => put({ mode: e.target.value as Mode })} aria-label={`$${p.name}`} data-bulk-mode={p.name}>
                <option value="keep">{t('bulkUnchanged')}</option>
                <option value="reset">{t('bulkReset')}</option>
                <option value="set">{t('bulkValue')}</option>
              </select>
              {v.mode === 'set' && <input aria-label={`${t('bulkValue')}: $${p.name}`} value={v.value} onChange={(e) => put({ value: e.target.value })} data-bulk-value={p.name} />}
            </div>
          );
        })}
      </div>
      <div className="orgs-buttons">
        <button className="primary" onClick={apply} data-testid="orgs-bulk-apply">
          {t('bulkApply', { n: String(ids.length) })}
        </button>
        {problem && (
          <span className="orgs-field-error" role="alert">
            {problem}
          </span>
        )}
      </div>
    </section>
  );
}
