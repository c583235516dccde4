/**
 * Test cases of the open flow: input sample + organisation + expected output, compared XML-aware with a
 * per-test ignore list; run one, the flow's or the whole project's tests (with progress); accept the
 * current output as expected; compare side by side; download the printable HTML report.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { TOOL_VERSION } from '../../core/compiler/index.ts';
import type { Flow, Project, TestCase } from '../../core/model/project.ts';
import { prettyPrintXml } from '../../core/runner/engine.ts';
import { buildTestReport } from '../../core/runner/report.ts';
import { useDoc } from '../state/doc.ts';
import { useSession } from '../state/session.ts';
import { testKey, useTests } from './test-store.ts';
import { useT } from '../i18n.ts';
import { useTestsT } from './texts.ts';

const DiffView = lazy(() => import('./DiffView.tsx'));

/** A fresh test id, unique within the flow. */
function newTestId(flow: Flow): string {
  let n = flow.tests.length + 1;
  while (flow.tests.some((t) => t.id === `test-${String(n).padStart(2, '0')}`)) n++;
  return `test-${String(n).padStart(2, '0')}`;
}

/** Downloads a text as a file (the browser saves it; nothing leaves the machine). */
function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export interface TestsViewProps {
  project: Project;
  flow: Flow;
  /** The current output of the output panel for the chosen sample, if any (becomes a new test's expected output). */
  currentOutput?: string;
  /** The organisation the current output was made for ('' = parameter defaults). */
  organisationId: string;
}

/** The tests tab. */
export function TestsView({ project, flow, currentOutput, organisationId }: TestsViewProps) {
  const t = useTestsT();
  const dispatch = useDoc((s) => s.dispatch);
  const sampleId = useSession((s) => s.sampleId) ?? flow.samples[0]?.id;
  const { results, running, done, total, last, run, stop } = useTests();
  const [diffFor, setDiffFor] = useState<string>();
  const [status, setStatus] = useState('');

  const runOne = (tc: TestCase) => run(project, [{ ...flow, tests: [tc] }]);

  const addTest = () => {
    if (!sampleId) return;
    const sample = flow.samples.find((s) => s.id === sampleId);
    const test: TestCase = {
      id: newTestId(flow),
      name: sample?.name ?? sampleId,
      sampleId,
      ...(organisationId ? { organisationId } : {}),
      expected: currentOutput ?? '',
      ignore: [],
    };
    dispatch({ type: 'test.set', flowId: flow.id, test });
    setStatus(`${test.name} ✓`);
  };

  const accept = async (tc: TestCase) => {
    let out = results[testKey(flow.id, tc.id)]?.output;
    if (out === undefined) out = (await runOne(tc))[0]?.output;
    if (out === undefined) return;
    dispatch({ type: 'test.setExpected', flowId: flow.id, testId: tc.id, expected: prettyPrintXml(out) });
    setStatus(`${tc.name}: ${t('accepted')}`);
    // The stored result compared the old expectation: run again so the badge tells the truth.
    await runOne({ ...tc, expected: prettyPrintXml(out) });
  };

  const report = () => {
    if (!last) return;
    const html = buildTestReport({ project: last.project, results: last.results, rules: last.rules, generatedAt: last.at, toolVersion: TOOL_VERSION });
    const stamp = last.at.toISOString().slice(0, 16).replace(/[:T]/g, '-');
    download(`testbericht-${last.project.id}-${stamp}.html`, html, 'text/html');
  };

  const lastPassed = last?.results.filter((r) => r.pass).length ?? 0;
  const diffTest = flow.tests.find((x) => x.id === diffFor);
  const diffResult = diffTest ? results[testKey(flow.id, diffTest.id)] : undefined;

  return (
    <div className="tests-view" data-testid="tests">
      <div className="tests-actions">
        <button onClick={addTest} disabled={!sampleId} title={t('newTestHint')} data-testid="new-test">
          + {t('newTest')}
        </button>
        <button onClick={() => void run(project, [flow])} disabled={running || !flow.tests.length} data-testid="run-flow-tests">
          {t('runFlowTests')}
        </button>
        <button onClick={() => void run(project, project.flows)} disabled={running || !project.flows.some((f) => f.tests.length)} data-testid="run-all-tests">
          {t('runAllTests')}
        </button>
        {running && (
          <button onClick={stop} data-testid="stop-tests">
            ■ {t('stopTests')}
          </button>
        )}
        <button onClick={report} disabled={!last || running} title={t('reportHint')} data-testid="report">
          ⤓ {t('report')}
        </button>
      </div>
      {(running || total > 0) && (
        <div className="tests-progress">
          <progress max={total || 1} value={done} aria-label={t('progress', { done: String(done), total: String(total) })} data-testid="tests-progress" />
          <span role="status" data-testid="tests-progress-text">
            {t('progress', { done: String(done), total: String(total) })}
            {!running && last ? ` · ${t('summary', { passed: String(lastPassed), failed: String(last.results.length - lastPassed) })}` : ''}
          </span>
        </div>
      )}
      {status && (
        <p className="muted small" role="status">
          {status}
        </p>
      )}
      {diffTest && (
        <section className="diff-panel" aria-label={t('diffTitle', { name: diffTest.name })}>
          <div className="diff-head">
            <strong>{t('diffTitle', { name: diffTest.name })}</strong>
            <span className="muted">
              {t('expected')} ⟷ {t('actual')}
            </span>
            <button onClick={() => setDiffFor(undefined)}>{t('closeDiff')}</button>
          </div>
          {diffResult?.output !== undefined ? (
            <Suspense fallback={<p className="muted">…</p>}>
              <DiffView expected={prettyPrintXml(diffTest.expected)} actual={prettyPrintXml(diffResult.output)} ariaLabel={t('diffTitle', { name: diffTest.name })} />
            </Suspense>
          ) : (
            <p className="muted">{running ? '…' : t('notRun')}</p>
          )}
        </section>
      )}
      {!flow.tests.length && <p className="muted">{t('noTests')}</p>}
      <ul className="test-list">
        {flow.tests.map((tc) => (
          <TestItem key={tc.id} project={project} flow={flow} tc={tc} onRun={() => void runOne(tc)} onAccept={() => void accept(tc)} onDiff={() => setDiffFor(diffFor === tc.id ? undefined : tc.id)} diffOpen={diffFor === tc.id} busy={running} />
        ))}
      </ul>
    </div>
  );
}

interface TestItemProps {
  project: Project;
  flow: Flow;
  tc: TestCase;
  busy: boolean;
  diffOpen: boolean;
  onRun(): void;
  onAccept(): void;
  onDiff(): void;
}

function TestItem({ project, flow, tc, busy, diffOpen, onRun, onAccept, onDiff }: TestItemProps) {
  const t = useTestsT();
  const tg = useT();
  const dispatch = useDoc((s) => s.dispatch);
  const r = useTests((s) => s.results[testKey(flow.id, tc.id)]);
  const [confirm, setConfirm] = useState(false);
  const [ignoreText, setIgnoreText] = useState(tc.ignore.join('\n'));
  useEffect(() => setIgnoreText(tc.ignore.join('\n')), [tc.ignore]); // undo/redo changes it from outside
  const update = (patch: Partial<TestCase>) => dispatch({ type: 'test.set', flowId: flow.id, test: { ...tc, ...patch } });
  const id = `test-${flow.id}-${tc.id}`;
  const sampleMissing = !flow.samples.some((s) => s.id === tc.sampleId);

  return (
    <li className={`test-item ${r ? (r.pass ? 'pass' : 'fail') : ''}`} data-test={tc.id}>
      <div className="test-row">
        <span className="badge" data-testid="test-badge">
          {r ? (r.pass ? '✔' : '✘') : '·'} <span className="sr-only">{r ? (r.pass ? tg('passed') : tg('failed')) : t('notRun')}</span>
        </span>
        <label className="sr-only" htmlFor={`${id}-name`}>
          {t('name')}
        </label>
        <input key={tc.name} id={`${id}-name`} className="test-name" defaultValue={tc.name} onBlur={(e) => e.target.value.trim() && e.target.value !== tc.name && update({ name: e.target.value.trim() })} />
        <label>
          {t('input')}{' '}
          <select value={tc.sampleId} onChange={(e) => update({ sampleId: e.target.value })}>
            {sampleMissing && <option value={tc.sampleId}>⚠ {t('missingSample')}</option>}
            {flow.samples.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('org')}{' '}
          <select value={tc.organisationId ?? ''} onChange={(e) => update({ organisationId: e.target.value || undefined })}>
            <option value="">—</option>
            {project.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <span className="muted small">{r ? `${r.timeMs.toFixed(0)} ms` : ''}</span>
      </div>
      <div className="test-row">
        <button onClick={onRun} disabled={busy} data-testid="run-test">
          ▶ {t('runOne')}
        </button>
        <button onClick={onDiff} aria-expanded={diffOpen} data-testid="diff-test">
          ⟷ {t('diff')}
        </button>
        <button onClick={onAccept} disabled={busy} data-testid="accept-test">
          {t('accept')}
        </button>
        {confirm ? (
          <span role="group" aria-label={t('confirmRemove', { name: tc.name })}>
            {t('confirmRemove', { name: tc.name })}{' '}
            <button onClick={() => dispatch({ type: 'test.remove', flowId: flow.id, testId: tc.id })} data-testid="confirm-remove-test">
              {t('yes')}
            </button>{' '}
            <button onClick={() => setConfirm(false)}>{t('no')}</button>
          </span>
        ) : (
          <button onClick={() => setConfirm(true)} data-testid="remove-test">
            {t('remove')}
          </button>
        )}
      </div>
      <details className="test-ignore" open={tc.ignore.length > 0 || undefined}>
        <summary>
          {t('ignore').split(' (')[0]} ({tc.ignore.length})
        </summary>
        <label htmlFor={`${id}-ignore`} className="small muted">
          {t('ignore')}
        </label>
        <textarea
          id={`${id}-ignore`}
          rows={Math.max(2, tc.ignore.length + 1)}
          value={ignoreText}
          onChange={(e) => setIgnoreText(e.target.value)}
          onBlur={() => {
            const ignore = ignoreText.split('\n').map((x) => x.trim()).filter(Boolean);
            if (JSON.stringify(ignore) !== JSON.stringify(tc.ignore)) update({ ignore });
          }}
          data-testid="test-ignore"
        />
      </details>
      {r && !r.pass && (
        <ul className="test-details" data-testid="test-details">
          {r.details.slice(0, 10).map((d, i) => (
            <li key={i}>
              <code>{d.replace(/\{[^{}]*\}(?=[\w.-])/g, '')}</code>
            </li>
          ))}
          {r.details.length > 10 && <li>{t('moreDiffs', { n: String(r.details.length - 10) })}</li>}
        </ul>
      )}
    </li>
  );
}
