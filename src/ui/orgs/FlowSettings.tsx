/** Per flow of an organisation draft: target system and adapter (routing) and the rule's parameter values. */
import type { Organisation, OrgFlowSettings, Project } from '../../core/model/project.ts';
import { orgFlowSettings, ruleFlows } from '../../core/orgs/resolve.ts';
import type { OrgIssue } from '../../core/orgs/validate.ts';
import { FieldError, fieldIssues } from './fields.tsx';
import { useOrgsT } from './texts.ts';

export function FlowSettings({ project, draft, issues, onChange }: { project: Project; draft: Organisation; issues: OrgIssue[]; onChange(flows: OrgFlowSettings[]): void }) {
  const t = useOrgsT();
  const update = (flowId: string, f: (s: OrgFlowSettings) => OrgFlowSettings) => {
    const cur = orgFlowSettings(draft, flowId);
    const next = f({ ...cur, params: { ...cur.params } });
    const empty = !next.targetSystemId && !next.adapterId && !Object.keys(next.params).length;
    const rest = draft.flows.filter((x) => x.flowId !== flowId);
    onChange(empty ? rest : draft.flows.some((x) => x.flowId === flowId) ? draft.flows.map((x) => (x.flowId === flowId ? next : x)) : [...draft.flows, next]);
  };

  return (
    <fieldset>
      <legend>{t('perFlow')}</legend>
      {ruleFlows(project).map((flow) => {
        const s = orgFlowSettings(draft, flow.id);
        const systemId = s.targetSystemId ?? flow.to.systemId;
        const system = project.systems.find((x) => x.id === systemId);
        const key = `flows.${flow.id}`;
        return (
          <div className="orgs-flow" key={flow.id} data-flow-settings={flow.id}>
            <h4>
              {flow.scenarioCode} {flow.title}
            </h4>
            <div className="orgs-fields">
              <label className="orgs-field">
                <span>{t('targetSystem')}</span>
                <select
                  value={s.targetSystemId ?? ''}
                  onChange={(e) =>
                    update(flow.id, (x) => {
                      const n = { ...x, targetSystemId: e.target.value || undefined };
                      delete n.adapterId;
                      if (!n.targetSystemId) delete n.targetSystemId;
                      return n;
                    })
                  }
                  data-field={`${key}.targetSystemId`}
                >
                  <option value="">{t('flowDefault', { v: project.systems.find((x) => x.id === flow.to.systemId)?.name ?? flow.to.systemId })}</option>
                  {project.systems.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </select>
                <FieldError id={`${flow.id}-target-err`} issues={fieldIssues(issues, `${key}.targetSystemId`)} />
              </label>
              <label className="orgs-field">
                <span>{t('adapter')}</span>
                <select
                  value={s.adapterId ?? ''}
                  onChange={(e) =>
                    update(flow.id, (x) => {
                      const n = { ...x, adapterId: e.target.value || undefined };
                      if (!n.adapterId) delete n.adapterId;
                      return n;
                    })
                  }
                  data-field={`${key}.adapterId`}
                >
                  <option value="">{t('flowDefault', { v: systemId === flow.to.systemId ? (flow.to.adapterId ?? '—') : '—' })}</option>
                  {(system?.adapters ?? []).map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name ?? a.id} ({a.kind})
                    </option>
                  ))}
                </select>
                <FieldError id={`${flow.id}-adapter-err`} issues={fieldIssues(issues, `${key}.adapterId`)} />
              </label>
            </div>
            {flow.mapping.parameters.length === 0 ? (
              <p className="muted small">{t('noParams')}</p>
            ) : (
              <div className="orgs-fields">
                {flow.mapping.parameters.map((p) => {
                  const fi = fieldIssues(issues, `${key}.params.${p.name}`);
                  const errId = `${flow.id}-p-${p.name}-err`;
                  const docId = `${flow.id}-p-${p.name}-doc`;
                  return (
                    <label className="orgs-field" key={p.name}>
                      <span>
                        <code>${p.name}</code> <span className="muted small">({p.type})</span>
                      </span>
                      <input
                        value={s.params[p.name] ?? ''}
                        placeholder={p.default !== undefined && p.default !== '' ? t('paramDefault', { v: p.default }) : p.default === '' ? t('paramDefault', { v: '""' }) : t('noDefault')}
                        onChange={(e) =>
                          update(flow.id, (x) => {
                            if (e.target.value === '') delete x.params[p.name];
                            else x.params[p.name] = e.target.value;
                            return x;
                          })
                        }
                        aria-invalid={fi.some((i) => i.severity === 'error')}
                        aria-describedby={[p.documentation ? docId : '', fi.length ? errId : ''].filter(Boolean).join(' ') || undefined}
                        data-param={`${flow.id}:${p.name}`}
                      />
                      {p.documentation && (
                        <span id={docId} className="muted small">
                          {p.documentation}
                        </span>
                      )}
                      <FieldError id={errId} issues={fi} />
                    </label>
                  );
                })}
              </div>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
