/**
 * Right-hand panel of an open flow: the generated XSLT (two-way highlighting with the mapper), the run
 * output on a sample message, and the flow's test cases.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import type { CompileResult } from '../../core/compiler/index.ts';
import { formatDiagnostic } from '../../core/diagnostics.ts';
import type { Flow } from '../../core/model/project.ts';
import type { TransformError } from '../../core/runner/engine.ts';
import { compareXml, type XmlDifference } from '../../core/runner/xml-compare.ts';
import { prettyPrintXml } from '../../core/runner/engine.ts';
import { getEngine } from '../engine/index.ts';
import { useT } from '../i18n.ts';
import { useSession, type RightTab } from '../state/session.ts';

const CodeEditor = lazy(() => import('../code/CodeEditor.tsx'));

type RunState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'ok'; output: string; timeMs: number }
  | { state: 'error'; error: TransformError; timeMs: number };

type TestState = Record<string, { pass: boolean; differences?: XmlDifference[]; error?: string }>;

/** Tabs for code, output and tests of one flow. */
export function RightPanel({ flow, compiled }: { flow: Flow; compiled: CompileResult }) {
  const t = useT();
  const { rightTab, set, selectedRuleId, sampleId } = useSession();
  const [run, setRun] = useState<RunState>({ state: 'idle' });
  const [tests, setTests] = useState<TestState>({});
  const sample = flow.samples.find((s) => s.id === sampleId) ?? flow.samples[0];

  const highlight = useMemo(() => compiled.spans.filter((s) => s.ruleId === selectedRuleId), [compiled.spans, selectedRuleId]);

  const onLineClick = (line: number) => {
    // The innermost span containing the line names its rule.
    const hits = compiled.spans.filter((s) => s.startLine <= line && line <= s.endLine);
    hits.sort((a, b) => a.endLine - a.startLine - (b.endLine - b.startLine));
    const hit = hits[0];
    if (hit) {
      const rule = flow.mapping.rules.find((r) => r.id === hit.ruleId);
      set({ selectedRuleId: hit.ruleId, selectedTarget: rule?.target });
    }
  };

  const doRun = async () => {
    if (!sample) return;
    setRun({ state: 'running' });
    set({ rightTab: 'output' });
    const r = await getEngine().transform({ stylesheet: compiled.xslt, input: sample.content, params: defaultParams(flow) });
    setRun(r.ok ? { state: 'ok', output: prettyPrintXml(r.output), timeMs: r.timeMs } : { state: 'error', error: r.error, timeMs: r.timeMs });
  };

  const doTests = async () => {
    set({ rightTab: 'tests' });
    const next: TestState = {};
    for (const tc of flow.tests) {
      const s = flow.samples.find((x) => x.id === tc.sampleId);
      if (!s) {
        next[tc.id] = { pass: false, error: `Beispielnachricht ${tc.sampleId} fehlt` };
        continue;
      }
      const r = await getEngine().transform({ stylesheet: compiled.xslt, input: s.content, params: defaultParams(flow) });
      if (!r.ok) next[tc.id] = { pass: false, error: r.error.message };
      else {
        const c = compareXml(tc.expected, r.output, tc.ignore);
        next[tc.id] = c.equal ? { pass: true } : { pass: false, differences: c.differences };
      }
      setTests({ ...next });
    }
  };

  const tab = (id: RightTab, label: string) => (
    <button role="tab" aria-selected={rightTab === id} className={rightTab === id ? 'tab on' : 'tab'} onClick={() => set({ rightTab: id })} id={`tab-${id}`}>
      {label}
    </button>
  );

  const errorMarkers =
    run.state === 'error' && run.error.line && run.error.where !== 'input' ? [{ line: run.error.line, column: run.error.column, message: run.error.message }] : [];

  return (
    <div className="right">
      <div className="toolbar">
        <div role="tablist" aria-label="Ansicht">
          {tab('xslt', t('xslt'))}
          {tab('output', t('output'))}
          {tab('tests', `${t('tests')} (${flow.tests.length})`)}
        </div>
        <label className="sample-pick">
          {t('sample')}{' '}
          <select value={sample?.id ?? ''} onChange={(e) => set({ sampleId: e.target.value })}>
            {flow.samples.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button className="primary" onClick={() => void doRun()} disabled={!sample || !compiled.xslt || run.state === 'running'} data-testid="run">
          ▶ {run.state === 'running' ? t('running') : t('run')}
        </button>
        <button onClick={() => void doTests()} disabled={!flow.tests.length || !compiled.xslt} data-testid="run-tests">
          {t('runTests')}
        </button>
      </div>
      <div className="tabbody" role="tabpanel" aria-labelledby={`tab-${rightTab}`}>
        <Suspense fallback={<div className="muted">…</div>}>
          {rightTab === 'xslt' && (
            <CodeEditor value={compiled.xslt} highlight={highlight} markers={errorMarkers} onLineClick={onLineClick} ariaLabel={t('xslt')} testId="xslt-editor" />
          )}
          {rightTab === 'output' && (
            <div className="output" data-testid="output">
              {run.state === 'idle' && <p className="muted">{t('run')} ▶</p>}
              {run.state === 'running' && <p className="muted">{t('running')}</p>}
              {run.state === 'error' && (
                <div className="run-error" role="alert" data-testid="run-error">
                  <strong>{t('runError')}</strong>
                  {run.error.code ? ` [${run.error.code}]` : ''}: {run.error.message}
                  {run.error.line ? ` (${run.error.where === 'input' ? t('sample') : 'XSLT'}, ${t('line')} ${run.error.line}${run.error.column ? `, ${t('column')} ${run.error.column}` : ''})` : ''}
                </div>
              )}
              {run.state === 'ok' && (
                <>
                  <p className="muted" data-testid="run-time">
                    {run.timeMs.toFixed(0)} {t('timeMs')}
                  </p>
                  <CodeEditor value={run.output} ariaLabel={t('output')} testId="output-editor" />
                  <pre className="sr-only" data-testid="output-text">
                    {run.output}
                  </pre>
                </>
              )}
            </div>
          )}
          {rightTab === 'tests' && (
            <ul className="tests" data-testid="tests">
              {flow.tests.map((tc) => {
                const r = tests[tc.id];
                return (
                  <li key={tc.id} data-test={tc.id} className={r ? (r.pass ? 'pass' : 'fail') : ''}>
                    <span className="badge">{r ? (r.pass ? `✔ ${t('passed')}` : `✘ ${t('failed')}`) : '·'}</span> {tc.name}
                    {r?.error && <div className="run-error">{r.error}</div>}
                    {r?.differences && (
                      <ul>
                        {r.differences.slice(0, 10).map((d, i) => (
                          <li key={i}>
                            <code>{d.path}</code>: {d.message}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </Suspense>
      </div>
      <section className="diagnostics" aria-label={t('diagnostics')}>
        <h3>
          {t('diagnostics')} ({compiled.diagnostics.length})
        </h3>
        {compiled.diagnostics.length === 0 ? (
          <p className="muted">{t('noDiagnostics')}</p>
        ) : (
          <ul>
            {compiled.diagnostics.slice(0, 100).map((d, i) => (
              <li key={i} className={d.severity}>
                {formatDiagnostic(d)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function defaultParams(flow: Flow): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of flow.mapping.parameters) if (p.default !== undefined) out[p.name] = p.default;
  return out;
}
