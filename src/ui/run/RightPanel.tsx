/**
 * Right-hand panel of an open flow: the generated XSLT (two-way highlighting with the mapper), the run
 * output on a sample message (live preview, schema check, trace), the flow's sample messages and its
 * test cases. The toolbar chooses sample and organisation, runs or cancels, and sets the time limit.
 */
import { SamplePicker } from '../samples/SamplePicker.tsx';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { CompileResult } from '../../core/compiler/index.ts';
import { formatFinding } from '../../core/diagnostics.ts';
import type { Flow } from '../../core/model/project.ts';
import { SamplesView } from '../samples/SamplesView.tsx';
import { ImportXsltButton } from '../code/ImportXsltButton.tsx';
import { TemplateModeToggle } from '../code/TemplateModeToggle.tsx';
import { useT } from '../i18n.ts';
import { useDoc } from '../state/doc.ts';
import { useSession, type RightTab } from '../state/session.ts';
import { OutputPane } from './OutputPane.tsx';
import { PanelBoundary } from './PanelBoundary.tsx';
import { useRunSettings } from './settings.ts';
import { useTests } from './test-store.ts';
import { TestsView } from './TestsView.tsx';
import { useRunT } from './texts.ts';
import { useOutput } from './useOutput.ts';
import { runInputs } from './live-start.ts';
import './run.css';

const CodeEditor = lazy(() => import('../code/CodeEditor.tsx'));

type Tab = RightTab | 'samples';

/** The target field a finding is about: its tree path, or the target of the rule it names ("rule:r12"). */
function findingTarget(flow: Flow, path: string | undefined): { target: string; ruleId?: string } | undefined {
  if (!path) return undefined;
  if (path.startsWith('/')) return { target: path, ruleId: flow.mapping.rules.find((r) => r.target === path)?.id };
  const rule = path.startsWith('rule:') ? flow.mapping.rules.find((r) => r.id === path.slice(5)) : undefined;
  return rule && { target: rule.target, ruleId: rule.id };
}

/** Tabs for code, output, samples and tests of one flow. */
export function RightPanel({ flow, compiled }: { flow: Flow; compiled: CompileResult }) {
  const t = useT();
  const rt = useRunT();
  const project = useDoc((s) => s.project)!;
  const { rightTab, set, selectedRuleId, sampleId } = useSession();
  // The samples tab is this panel's own; the session knows the three shared ones.
  const [samplesOpen, setSamplesOpen] = useState(false);
  const tab: Tab = samplesOpen ? 'samples' : rightTab;
  const settings = useRunSettings();
  // The same inputs the run started right at an edit uses (./live-start.ts), so both ask for one run.
  const inputs = runInputs(project, flow, sampleId, settings.organisationId);
  const { sample, orgId, org } = inputs;
  const params = useMemo(() => inputs.params, [flow, org]); // eslint-disable-line react-hooks/exhaustive-deps
  const out = useOutput(project, flow, compiled, sample?.content, params);
  const testsRunning = useTests((s) => s.running);
  const runTests = useTests((s) => s.run);
  const [reveal, setReveal] = useState<{ line: number; column?: number; nonce: number }>();

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

  const open = (id: Tab) => {
    setSamplesOpen(id === 'samples');
    if (id !== 'samples') set({ rightTab: id });
  };

  const doRun = () => {
    open('output');
    out.run();
  };

  const tabButton = (id: Tab, label: string) => (
    <button role="tab" aria-selected={tab === id} aria-controls="right-tabpanel" className={tab === id ? 'tab on' : 'tab'} onClick={() => open(id)} id={`tab-${id}`} key={id}>
      {label}
    </button>
  );

  const running = out.state.status === 'running';
  const error = out.state.status === 'error' ? out.state.error : undefined;
  const errorMarkers = error?.line && error.where !== 'input' ? [{ line: error.line, column: error.column, message: error.message }] : [];

  return (
    <div className="right">
      <div className="toolbar">
        <div role="tablist" aria-label={rt('view')}>
          {tabButton('xslt', t('xslt'))}
          {tabButton('output', t('output'))}
          {tabButton('samples', `${rt('samplesTab')} (${flow.samples.length})`)}
          {tabButton('tests', `${t('tests')} (${flow.tests.length})`)}
        </div>
        <ImportXsltButton flow={flow} />
      </div>
      <div className="toolbar run-bar">
        <SamplePicker flow={flow} label={t('sample')} className="sample-pick" testId="sample-select" />
        {project.organisations.length > 0 && (
          <label>
            {rt('organisation')}{' '}
            <select value={orgId} onChange={(e) => settings.set({ organisationId: e.target.value })} data-testid="org-select">
              <option value="">{rt('noOrganisation')}</option>
              {project.organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {/* Both always there, in fixed places: a click meant for one never lands on the other when a
            live preview starts or ends under the pointer. */}
        <button className="primary" onClick={doRun} disabled={!out.canRun} data-testid="run">
          ▶ {t('run')}
        </button>
        <button className={running ? 'danger' : ''} onClick={out.cancel} disabled={!running} data-testid="cancel-run">
          ■ {rt('cancel')}
        </button>
        <label title={rt('timeLimitHint')}>
          {rt('timeLimit')}{' '}
          <input
            type="number"
            min={1}
            max={600}
            step={1}
            className="time-limit"
            value={settings.timeoutSec}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (Number.isFinite(v) && v >= 1 && v <= 600) settings.set({ timeoutSec: v });
            }}
            data-testid="time-limit"
          />
        </label>
        <label title={rt('liveHint')}>
          <input type="checkbox" checked={settings.live} onChange={(e) => settings.set({ live: e.target.checked })} data-testid="live" /> {rt('live')}
        </label>
        <button
          onClick={() => {
            open('tests');
            void runTests(project, [flow]);
          }}
          disabled={!flow.tests.length || !compiled.xslt || testsRunning}
          data-testid="run-tests"
        >
          {t('runTests')}
        </button>
        {/* At the end of the run bar, where its second line has room: in the tab row it wrapped onto a line of its own. */}
        {tab === 'xslt' && <TemplateModeToggle flow={flow} />}
      </div>
      <div className="tabbody" role="tabpanel" id="right-tabpanel" aria-labelledby={`tab-${tab}`}>
        <PanelBoundary resetKey={`${flow.id}/${tab}`}>
        <Suspense fallback={<div className="muted">…</div>}>
          {tab === 'xslt' && <CodeEditor value={compiled.xslt} highlight={highlight} markers={errorMarkers} onLineClick={onLineClick} ariaLabel={t('xslt')} testId="xslt-editor" />}
          {tab === 'output' && (
            <OutputPane
              state={out.state}
              check={out.check}
              trace={out.trace}
              onPick={(o) => void out.pick(o)}
              onShowInput={(line, column) => {
                open('samples');
                setReveal({ line, column, nonce: Date.now() });
              }}
              hasSample={!!sample}
              hasRule={!!compiled.xslt}
              json={out.json}
              sink={out.sink}
            />
          )}
          {tab === 'samples' && <SamplesView project={project} flow={flow} reveal={reveal} />}
          {tab === 'tests' && <TestsView project={project} flow={flow} currentOutput={out.state.status === 'ok' ? out.state.output : undefined} organisationId={orgId} />}
        </Suspense>
        </PanelBoundary>
      </div>
      <section className={compiled.diagnostics.length ? 'diagnostics has-items' : 'diagnostics'} aria-label={t('diagnostics')}>
        <h3>
          {t('diagnostics')} ({compiled.diagnostics.length})
        </h3>
        {compiled.diagnostics.length === 0 ? (
          <p className="muted">{t('noDiagnostics')}</p>
        ) : (
          <ul>
            {compiled.diagnostics.slice(0, 100).map((d, i) => {
              const at = findingTarget(flow, d.location?.path);
              return (
                <li key={i} className={d.severity}>
                  {formatFinding(d)}
                  {at && (
                    <>
                      {' '}
                      <button className="link" title={at.target} data-testid="finding-show" onClick={() => set({ selectedTarget: at.target, selectedRuleId: at.ruleId })}>
                        {rt('showInMapper')}
                      </button>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
