/**
 * Per-organisation rules in action: a preview of one flow for one organisation (its parameter values),
 * and the test plan for the chosen, the marked or all organisations, sharing one compiled rule per flow.
 */
import { useMemo, useRef, useState } from 'react';
import type { Project } from '../../core/model/project.ts';
import { resolveParams, ruleFlows } from '../../core/orgs/resolve.ts';
import { prettyPrintXml, type TransformError } from '../../core/runner/engine.ts';
import { prepareInput } from '../../core/runner/input.ts';
import { runProjectTests, type TestResult } from '../../core/runner/test-plan.ts';
import { getEngine } from '../engine/index.ts';
import { compiledFlow } from '../state/compiled.ts';
import { useSession } from '../state/session.ts';
import { useOrgsSession } from './state.ts';
import { useOrgsT } from './texts.ts';

type Preview = { state: 'idle' } | { state: 'running' } | { state: 'ok'; output: string; params: Record<string, string> } | { state: 'error'; error: TransformError | { message: string; code?: string } };
type Scope = 'one' | 'marked' | 'all';

export function OrgRun({ project }: { project: Project }) {
  const t = useOrgsT();
  const { selectedId, marked, plan, set } = useOrgsSession();
  const flows = ruleFlows(project);
  const [flowId, setFlowId] = useState(flows[0]?.id ?? '');
  const flow = flows.find((f) => f.id === flowId) ?? flows[0];
  const [sampleId, setSampleId] = useState<string>();
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  const [scope, setScope] = useState<Scope>(selectedId ? 'one' : 'all');
  const abort = useRef<AbortController | null>(null);
  const org = project.organisations.find((o) => o.id === selectedId);
  const sample = flow?.samples.find((s) => s.id === sampleId) ?? flow?.samples[0];
  // The shared compile (../state/compiled.ts): the same result as the mapper and the badges, with the XPath check;
  // its messages follow the language.
  const lang = useSession((s) => s.lang);
  const compiled = useMemo(() => (flow ? compiledFlow(project, flow) : undefined), [project, flow, lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const markedIds = marked.filter((id) => project.organisations.some((o) => o.id === id));

  const runPreview = async () => {
    if (!flow || !sample || !compiled) return;
    if (!compiled.xslt || compiled.diagnostics.some((d) => d.severity === 'error')) {
      setPreview({ state: 'error', error: { message: `${t('compileError')}: ${compiled.diagnostics.find((d) => d.severity === 'error')?.message ?? ''}` } });
      return;
    }
    const params = resolveParams(flow, org);
    setPreview({ state: 'running' });
    const r = await getEngine().transform({ stylesheet: compiled.xslt, input: prepareInput(sample.content), params });
    setPreview(r.ok ? { state: 'ok', output: prettyPrintXml(r.output), params } : { state: 'error', error: r.error });
  };

  const runPlan = async () => {
    const ids = scope === 'one' ? (org ? [org.id] : []) : scope === 'marked' ? markedIds : project.organisations.map((o) => o.id);
    if (!ids.length) return;
    abort.current?.abort();
    const ctl = new AbortController();
    abort.current = ctl;
    const results: TestResult[] = [];
    set({ plan: { running: true, done: 0, total: 0, results, organisations: ids } });
    const all = await runProjectTests(project, project.flows.filter((f) => f.tests.length), getEngine(), {
      organisations: ids,
      signal: ctl.signal,
      onResult: (r, done, total) => {
        results.push(r);
        // Re-render in steps, not for each of thousands of results.
        if (done === total || done % 12 === 0) set({ plan: { running: true, done, total, results: [...results], organisations: ids } });
      },
    });
    set({ plan: { running: false, done: all.length, total: all.length, results: all, organisations: ids } });
  };

  const perOrg = useMemo(() => {
    const m = new Map<string, { passed: number; failed: number; failures: string[] }>();
    for (const r of plan?.results ?? []) {
      const k = r.organisationId ?? '';
      const e = m.get(k) ?? { passed: 0, failed: 0, failures: [] };
      if (r.pass) e.passed++;
      else {
        e.failed++;
        e.failures.push(`${r.flowId}/${r.testId}: ${r.details.slice(0, 3).join('; ')}`);
      }
      m.set(k, e);
    }
    return m;
  }, [plan?.results]);
  const passed = plan?.results.filter((r) => r.pass).length ?? 0;
  const failed = (plan?.results.length ?? 0) - passed;
  const nameOf = (id: string) => project.organisations.find((o) => o.id === id)?.name ?? id;

  return (
    <section className="orgs-run" aria-labelledby="orgs-run-title" data-testid="orgs-run">
      <h3 id="orgs-run-title">{t('runTitle')}</h3>
      <h4>{t('preview')}</h4>
      <div className="orgs-fields">
        <span className="orgs-field">
          <span>{t('organisation')}</span>
          <strong data-testid="orgs-preview-org">{org ? org.name : '—'}</strong>
        </span>
        <label className="orgs-field">
          <span>{t('flow')}</span>
          <select value={flow?.id ?? ''} onChange={(e) => setFlowId(e.target.value)} data-testid="orgs-preview-flow">
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.scenarioCode} {f.title}
              </option>
            ))}
          </select>
        </label>
        <label className="orgs-field">
          <span>{t('sample')}</span>
          <select value={sample?.id ?? ''} onChange={(e) => setSampleId(e.target.value)}>
            {(flow?.samples ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button className="primary" onClick={() => void runPreview()} disabled={!org || !sample || preview.state === 'running'} data-testid="orgs-preview-run">
          {preview.state === 'running' ? t('running') : t('runPreview')}
        </button>
      </div>
      {preview.state === 'error' && (
        <div className="run-error" role="alert">
          {t('previewError')}
          {preview.error.code ? ` [${preview.error.code}]` : ''}: {preview.error.message}
        </div>
      )}
      {preview.state === 'ok' && (
        <div className="orgs-preview">
          <p className="small">
            {t('paramsUsed')}:{' '}
            {Object.entries(preview.params).map(([k, v]) => (
              <code key={k} className="orgs-param">
                ${k} = "{v}"
              </code>
            ))}
          </p>
          <pre className="orgs-output" tabIndex={0} aria-label={t('preview')} data-testid="orgs-preview-output">
            {preview.output}
          </pre>
        </div>
      )}

      <h4>{t('testPlan')}</h4>
      <fieldset className="orgs-scope">
        <legend className="sr-only">{t('testPlan')}</legend>
        <label>
          <input type="radio" name="orgs-scope" checked={scope === 'one'} disabled={!org} onChange={() => setScope('one')} /> {t('scopeOne', { name: org?.name ?? '—' })}
        </label>
        <label>
          <input type="radio" name="orgs-scope" checked={scope === 'marked'} disabled={!markedIds.length} onChange={() => setScope('marked')} /> {t('scopeMarked', { n: String(markedIds.length) })}
        </label>
        <label>
          <input type="radio" name="orgs-scope" checked={scope === 'all'} onChange={() => setScope('all')} data-testid="orgs-scope-all" /> {t('scopeAll', { n: String(project.organisations.length) })}
        </label>
        <button className="primary" onClick={() => void runPlan()} disabled={plan?.running} data-testid="orgs-plan-run">
          {t('runPlan')}
        </button>
        {plan?.running && <button onClick={() => abort.current?.abort()}>{t('cancel')}</button>}
      </fieldset>
      {plan && (
        <div data-testid="orgs-plan">
          <p role="status" data-testid="orgs-plan-summary" className={failed ? 'orgs-field-error' : ''}>
            {plan.running ? t('progress', { done: String(plan.done), total: String(plan.total) }) : t('planSummary', { passed: String(passed), failed: String(failed), orgs: String(plan.organisations.length) })}
          </p>
          <table className="orgs-table">
            <thead>
              <tr>
                <th scope="col">{t('organisation')}</th>
                <th scope="col">{t('passed')}</th>
                <th scope="col">{t('failed')}</th>
              </tr>
            </thead>
            <tbody>
              {[...perOrg.entries()].slice(0, 500).map(([id, e]) => (
                <tr key={id} data-plan-org={id} className={e.failed ? 'fail' : 'pass'}>
                  <td>
                    {nameOf(id)}
                    {e.failures.length > 0 && (
                      <details>
                        <summary>{t('details')}</summary>
                        <ul>
                          {e.failures.slice(0, 20).map((f, i) => (
                            <li key={i}>{f}</li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </td>
                  <td>{e.passed}</td>
                  <td>{e.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
