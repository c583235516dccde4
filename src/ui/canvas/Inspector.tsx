/** The inspector: properties of the selected system (with its adapters), flow, or missing system. */
import { useMemo, useState } from 'react';
import { checkConnection } from '../../core/landscape/connect.ts';
import { ADAPTER_SETTINGS, FILE_VARIANTS, SUB_KINDS } from '../../core/landscape/kinds.ts';
import type { FlowStatus } from '../../core/landscape/status.ts';
import type { LandscapeIssue, LandscapeReport } from '../../core/landscape/validate.ts';
import { ADAPTER_KINDS, FLOW_DIRECTIONS, SYSTEM_KINDS, type Adapter, type AdapterKind, type Flow, type MessageType, type System } from '../../core/model/project.ts';
import type { FlowPatch } from '../../core/model/ops-landscape.ts';
import { importSchemaSet } from '../../core/schema/index.ts';
import { useDoc, type DocState } from '../state/doc.ts';
import { useSession } from '../state/session.ts';
import { addAdapter, copySelection, deleteSelection, notify, selectFlow } from './actions.ts';
import { SelectField, TextField } from './fields.tsx';
import { AdapterIcon, SystemIcon } from './icons.tsx';
import type { LandscapeFlow, LandscapeProject } from './landscape.ts';
import { runFlowTests } from './statuses.ts';
import { useCanvas, type TestRun } from './store.ts';
import { adapterLabel, baseKindLabel, directionLabel, kindLabel, settingLabel, statusLabel, subKindLabel, useCanvasT, variantLabel } from './texts.ts';

function Issues({ issues }: { issues: LandscapeIssue[] }) {
  const lang = useSession((s) => s.lang);
  if (!issues.length) return null;
  return (
    <ul className="insp-issues">
      {issues.map((i, n) => (
        <li key={n} className={i.severity}>
          {i[lang]}
        </li>
      ))}
    </ul>
  );
}

/** Properties of whatever is selected in the designer. */
export function Inspector({ project, report, statuses }: { project: LandscapeProject; report: LandscapeReport; statuses: Map<string, FlowStatus> }) {
  const t = useCanvasT();
  const { selSystems, selFlows, selGhost } = useCanvas();
  const count = selSystems.length + selFlows.length;
  let body;
  if (selGhost) body = <GhostInspector project={project} systemId={selGhost} />;
  else if (count > 1)
    body = (
      <div>
        <p>{t('manySelected', { n: String(count) })}</p>
        <div className="row">
          <button onClick={() => copySelection()} disabled={!selSystems.length}>
            {t('copy')}
          </button>
          <button onClick={() => deleteSelection()}>{t('delete')}</button>
        </div>
      </div>
    );
  else if (selSystems.length === 1) {
    const s = project.systems.find((x) => x.id === selSystems[0]);
    body = s ? <SystemInspector key={s.id} system={s} issues={report.bySystem.get(s.id) ?? []} /> : null;
  } else if (selFlows.length === 1) {
    const f = project.flows.find((x) => x.id === selFlows[0]);
    body = f ? <FlowInspector key={f.id} project={project} flowId={f.id} issues={report.byFlow.get(f.id) ?? []} status={statuses.get(f.id)} /> : null;
  }
  return (
    <aside className="inspector-panel" aria-label={t('inspector')} data-testid="landscape-inspector">
      <h3>{t('inspector')}</h3>
      {body ?? <p className="muted">{t('nothingSelected')}</p>}
    </aside>
  );
}

function SystemInspector({ system: s, issues }: { system: System; issues: LandscapeIssue[] }) {
  const t = useCanvasT();
  const lang = useSession((x) => x.lang);
  const dispatch = useDoc((x) => x.dispatch);
  const selAdapter = useCanvas((x) => (x.selAdapter?.systemId === s.id ? x.selAdapter.adapterId : undefined));
  const [newKind, setNewKind] = useState<AdapterKind>('file');
  const patch = (p: Partial<Omit<System, 'id' | 'adapters'>>) => dispatch({ type: 'system.update', systemId: s.id, patch: p });
  const subs = SUB_KINDS[s.kind];
  return (
    <div className="insp-system" data-inspect-system={s.id}>
      <div className="insp-title">
        <SystemIcon kind={s.kind} subKind={s.subKind} size={20} /> <strong>{s.name}</strong>
      </div>
      <Issues issues={issues.filter((i) => i.subject.type === 'system')} />
      <TextField label={t('name')} value={s.name} onCommit={(name) => patch({ name })} testId="ls-name" />
      <SelectField label={t('kind')} value={s.kind} onChange={(k) => patch({ kind: k as System['kind'], subKind: undefined })}>
        {SYSTEM_KINDS.map((k) => (
          <option key={k} value={k}>
            {baseKindLabel(k, lang)}
          </option>
        ))}
      </SelectField>
      {subs && (
        <SelectField label={t('subKind')} value={s.subKind ?? ''} onChange={(v) => patch({ subKind: v || undefined })}>
          <option value="">—</option>
          {subs.map((k) => (
            <option key={k} value={k}>
              {subKindLabel(k, lang)}
            </option>
          ))}
        </SelectField>
      )}
      <TextField label={t('product')} value={s.product ?? ''} onCommit={(v) => patch({ product: v || undefined })} />
      <TextField label={t('vendor')} value={s.vendor ?? ''} onCommit={(v) => patch({ vendor: v || undefined })} />
      <TextField label={t('version')} value={s.version ?? ''} onCommit={(v) => patch({ version: v || undefined })} />
      <h4>{t('adapters')}</h4>
      {!s.adapters.length && <p className="muted">{t('noAdapters')}</p>}
      {s.adapters.map((a) => (
        <AdapterEditor key={a.id} system={s} adapter={a} open={selAdapter === a.id || s.adapters.length === 1} issues={issues.filter((i) => i.subject.type === 'adapter' && i.subject.id === a.id)} />
      ))}
      <div className="row">
        <label className="sr-only" htmlFor={`new-adapter-${s.id}`}>
          {t('addAdapter')}
        </label>
        <select id={`new-adapter-${s.id}`} value={newKind} onChange={(e) => setNewKind(e.target.value as AdapterKind)} data-testid="new-adapter-kind">
          {ADAPTER_KINDS.map((k) => (
            <option key={k} value={k}>
              {adapterLabel(k, lang)}
            </option>
          ))}
        </select>
        <button onClick={() => addAdapter(s.id, newKind)} data-testid="add-adapter">
          + {t('addAdapter')}
        </button>
      </div>
      <p className="muted small">{kindLabel(s.kind, lang, s.subKind)} · id {s.id}</p>
    </div>
  );
}

function AdapterEditor({ system, adapter: a, open, issues }: { system: System; adapter: Adapter; open: boolean; issues: LandscapeIssue[] }) {
  const t = useCanvasT();
  const lang = useSession((x) => x.lang);
  const dispatch = useDoc((x) => x.dispatch);
  const project = useDoc((x) => x.project);
  const set = (next: Adapter) => dispatch({ type: 'landscape.adapter.set', systemId: system.id, adapter: next });
  const setSetting = (k: string, v: string) => set({ ...a, settings: { ...a.settings, [k]: v } });
  const used = project?.flows.filter((f) => (f.from.systemId === system.id && f.from.adapterId === a.id) || (f.to.systemId === system.id && f.to.adapterId === a.id)) ?? [];
  return (
    <details className={`adapter-editor ${issues.length ? 'issue' : ''}`} open={open} data-adapter-editor={a.id}>
      <summary onClick={() => useCanvas.getState().set({ selAdapter: { systemId: system.id, adapterId: a.id } })}>
        <AdapterIcon kind={a.kind} /> {a.name || adapterLabel(a.kind, lang)} <span className="muted">({adapterLabel(a.kind, lang)})</span>
        {issues.length > 0 && <span className="ls-badge warning">!</span>}
      </summary>
      <Issues issues={issues} />
      <TextField label={t('adapterName')} value={a.name ?? ''} onCommit={(v) => set({ ...a, ...(v ? { name: v } : { name: undefined }) })} />
      {ADAPTER_SETTINGS[a.kind].map((k) =>
        k === 'variant' ? (
          <SelectField key={k} label={settingLabel(k, lang)} value={a.settings[k] ?? 'xml'} onChange={(v) => setSetting(k, v)}>
            {FILE_VARIANTS.map((v) => (
              <option key={v} value={v}>
                {variantLabel(v, lang)}
              </option>
            ))}
          </SelectField>
        ) : (
          <TextField key={k} label={settingLabel(k, lang)} value={a.settings[k] ?? ''} onCommit={(v) => setSetting(k, v)} testId={`adapter-${k}`} />
        ),
      )}
      <button
        className="danger-link"
        onClick={() => {
          dispatch({ type: 'landscape.adapter.remove', systemId: system.id, adapterId: a.id });
          // Flows through it stay and are marked on the canvas; Undo brings the adapter back.
          if (used.length) notify('info', `${t('removeAdapter')}: ${used.map((f) => f.scenarioCode).join(', ')} ⚠`);
        }}
      >
        {t('removeAdapter')}
      </button>
    </details>
  );
}

/** "schemaId|ns|local" ⇄ MessageType, for the message type selects. */
const mtKey = (m?: MessageType) => (m ? `${m.schemaId}|${m.root.ns}|${m.root.local}` : '');
function mtFromKey(k: string): MessageType | undefined {
  if (!k) return undefined;
  const [schemaId, ns, local] = k.split('|');
  return { schemaId, root: { ns, local } };
}

function FlowInspector({ project, flowId, issues, status }: { project: LandscapeProject; flowId: string; issues: LandscapeIssue[]; status?: FlowStatus }) {
  // The flow as the landscape sees it: a mapping, sample or test edit keeps this object, so the panel is
  // not rendered again while the mapper is being edited (its selects alone are ~140 options).
  const f = project.flows.find((fl) => fl.id === flowId);
  // Of the rest of the flow only: how many tests it has, and whether the designer's test run is of exactly this version.
  const docFlow = (x: DocState) => x.project?.flows.find((fl) => fl.id === flowId);
  const testCount = useDoc((x) => docFlow(x)?.tests.length ?? 0);
  const run = useCanvas((x) => x.tests[flowId]);
  const fresh = useDoc((x) => !!run && run.schemas === x.project?.schemas && run.flow === docFlow(x));
  if (!f) return null;
  return <FlowInspectorBody project={project} flow={f} issues={issues} status={status} testCount={testCount} run={fresh ? run : undefined} />;
}

function FlowInspectorBody(props: { project: LandscapeProject; flow: LandscapeFlow; issues: LandscapeIssue[]; status?: FlowStatus; testCount: number; run?: TestRun }) {
  const { project, flow: f, issues, status, testCount, run } = props;
  const t = useCanvasT();
  const lang = useSession((x) => x.lang);
  const dispatch = useDoc((x) => x.dispatch);
  const running = useCanvas((x) => !!x.testsRunning[f.id]);
  const patch = (p: FlowPatch) => dispatch({ type: 'landscape.flow.patch', flowId: f.id, patch: p });
  // Message roots of every schema set, computed once per schema list (imports are cached by content).
  const roots = useMemo(
    () =>
      project.schemas.flatMap((s) => {
        try {
          return importSchemaSet(s).roots.map((r) => ({ key: mtKey({ schemaId: s.id, root: r }), label: `${s.name}: ${r.local}` }));
        } catch {
          return [];
        }
      }),
    [project.schemas],
  );
  const setEnd = (side: 'from' | 'to', systemId: string, adapterId?: string) => {
    const next = { from: f.from, to: f.to, [side]: { systemId, adapterId } };
    const doc = useDoc.getState().project;
    if (!doc) return;
    const others = { ...doc, flows: doc.flows.filter((x) => x.id !== f.id) };
    const r = checkConnection(others, next.from, next.to);
    if (!r.ok) return notify('error', r[lang]);
    patch({ from: r.from, to: r.to });
  };
  const endEditor = (side: 'from' | 'to') => {
    const end = f[side];
    const sys = project.systems.find((s) => s.id === end.systemId);
    return (
      <fieldset className="flow-end">
        <legend>{t(side)}</legend>
        <SelectField label={t('system')} value={sys ? sys.id : ''} onChange={(v) => setEnd(side, v)} testId={`flow-${side}-system`}>
          {!sys && <option value="">⚠ {end.systemId}</option>}
          {project.systems.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        {sys && (
          <SelectField label={t('adapter')} value={end.adapterId ?? ''} onChange={(v) => setEnd(side, sys.id, v || undefined)}>
            {!sys.adapters.some((a) => a.id === end.adapterId) && <option value={end.adapterId ?? ''}>⚠ {end.adapterId ?? '—'}</option>}
            {sys.adapters.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name || adapterLabel(a.kind, lang)} ({adapterLabel(a.kind, lang)})
              </option>
            ))}
          </SelectField>
        )}
      </fieldset>
    );
  };
  const typeSelect = (side: 'source' | 'target') => {
    const cur = mtKey(f[side]);
    return (
      <SelectField label={t(side === 'source' ? 'sourceType' : 'targetType')} value={cur} onChange={(v) => patch({ [side]: mtFromKey(v) })} testId={`flow-${side}-type`}>
        <option value="">{t('noType')}</option>
        {cur && !roots.some((r) => r.key === cur) && <option value={cur}>⚠ {f[side]?.schemaId}: {f[side]?.root.local}</option>}
        {roots.map((r) => (
          <option key={r.key} value={r.key}>
            {r.label}
          </option>
        ))}
      </SelectField>
    );
  };
  const canTest = testCount > 0 && (status === 'compiles' || status === 'tests-pass' || status === 'tests-fail');
  // The tests run on the whole current flow, read from the document when asked.
  const runTests = () => {
    const doc = useDoc.getState().project;
    const full = doc?.flows.find((x) => x.id === f.id);
    if (doc && full) void runFlowTests(doc, full);
  };
  return (
    <div className="insp-flow" data-inspect-flow={f.id}>
      <div className="insp-title">
        <strong>
          {f.scenarioCode} {f.title}
        </strong>
      </div>
      <div className="row">
        {t('status')}: <span className={`status-badge st-${status ?? 'pending'}`} data-testid="flow-status">{status ? statusLabel(status, lang) : '…'}</span>
      </div>
      <div className="row">
        <button className="primary" onClick={() => selectFlow(f.id, true)} data-testid="open-mapping">
          {t('openMapping')}
        </button>
        <button onClick={runTests} disabled={!canTest || running} data-testid="designer-run-tests">
          {running ? t('testsRunning') : testCount ? t('runTests') : t('noTests')}
        </button>
      </div>
      {run && <p className="small" data-testid="designer-test-result">{t('testsResult', { passed: String(run.passed), failed: String(run.failed) })}</p>}
      <p className="muted small">{t('testsHonest')}</p>
      <Issues issues={issues} />
      <TextField label={t('scenarioCode')} value={f.scenarioCode} onCommit={(v) => patch({ scenarioCode: v })} testId="flow-code" />
      <TextField label={t('title')} value={f.title} onCommit={(v) => patch({ title: v })} testId="flow-title" />
      <SelectField label={t('direction')} value={f.direction ?? ''} onChange={(v) => patch({ direction: (v || undefined) as Flow['direction'] })} testId="flow-direction">
        <option value="">{t('noDirection')}</option>
        {FLOW_DIRECTIONS.map((d) => (
          <option key={d} value={d}>
            {directionLabel(d, lang)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('stage')} value={String(f.stage ?? '')} onChange={(v) => patch({ stage: v ? Number(v) : undefined })} testId="flow-stage">
        <option value="">{t('noStage')}</option>
        {[1, 2, 3, 4].map((n) => (
          <option key={n} value={n}>
            {t('stageN', { n: String(n) })}
          </option>
        ))}
      </SelectField>
      <div className="field check">
        <input id={`att-${f.id}`} type="checkbox" checked={!!f.attachments} onChange={(e) => patch({ attachments: e.target.checked })} />
        <label htmlFor={`att-${f.id}`}>{t('attachments')}</label>
      </div>
      {typeSelect('source')}
      {typeSelect('target')}
      {endEditor('from')}
      {endEditor('to')}
    </div>
  );
}

function GhostInspector({ project, systemId }: { project: LandscapeProject; systemId: string }) {
  const t = useCanvasT();
  const dispatch = useDoc((x) => x.dispatch);
  const flows = project.flows.filter((f) => f.from.systemId === systemId || f.to.systemId === systemId);
  return (
    <div className="insp-ghost" data-inspect-ghost={systemId}>
      <div className="insp-title">
        <strong>
          {t('deleted')}: {systemId}
        </strong>
      </div>
      <p>{t('deletedHint')}</p>
      <ul className="ghost-flows">
        {flows.map((f) => {
          const side = f.from.systemId === systemId ? 'from' : 'to';
          return (
            <li key={f.id}>
              <button className="linkish" onClick={() => selectFlow(f.id, false)}>
                {f.scenarioCode} {f.title}
              </button>
              <label>
                {t('reconnect')}{' '}
                <select
                  value=""
                  onChange={(e) => {
                    const s = project.systems.find((x) => x.id === e.target.value);
                    if (s) dispatch({ type: 'landscape.flow.patch', flowId: f.id, patch: { [side]: { systemId: s.id, adapterId: s.adapters[0]?.id } } });
                  }}
                >
                  <option value="">—</option>
                  {project.systems.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
            </li>
          );
        })}
      </ul>
      <button onClick={() => deleteSelection()}>{t('delete')}</button>
    </div>
  );
}
