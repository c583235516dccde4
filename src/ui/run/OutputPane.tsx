/**
 * The output tab: pretty-printed output in Monaco with the target-schema check's markers, the run's
 * timing, errors (time limit, sandbox, compile, input), the rule's xsl:messages, and the trace (click an
 * output node, its mapping is selected in the mapper).
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type { TransformError } from '../../core/runner/engine.ts';
import type { MessageCheck } from '../../core/runner/validate.ts';
import { useT } from '../i18n.ts';
import { dimDelayMs, type RunDone, type RunState } from './live-runner.ts';
import { useRunT } from './texts.ts';
import type { CheckState, TraceState } from './useOutput.ts';
import type { XmlMarker } from './XmlEditor.tsx';

const XmlEditor = lazy(() => import('./XmlEditor.tsx'));

// Stable empties: a new [] on every render would make the editor set its (empty) markers again.
const NO_ISSUES: MessageCheck['issues'] = [];
const NO_MARKERS: XmlMarker[] = [];
/** True once `on` has stayed true for `ms`. */
function useAfter(on: boolean, ms: number): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!on) return setLate(false);
    const timer = setTimeout(() => setLate(true), ms);
    return () => clearTimeout(timer);
  }, [on, ms]);
  return on && late;
}

export interface OutputPaneProps {
  state: RunState;
  check?: CheckState;
  trace: TraceState;
  onPick(offset: number): void;
  /** Shows an input error's line in the sample editor. */
  onShowInput(line: number, column?: number): void;
  hasSample: boolean;
  hasRule: boolean;
  /** The output is JSON (values and keys are picked, not elements and attributes). */
  json?: boolean;
  /** Filled with the output editor's direct way in while it is mounted (see showRun in live-runner.ts). */
  sink?: { current: ((text: string) => void) | null };
}

/** The output tab's content. */
export function OutputPane({ state, check, trace, onPick, onShowInput, hasSample, hasRule, json, sink }: OutputPaneProps) {
  const t = useRunT();
  const tg = useT();
  const shown: RunDone | undefined = state.status === 'running' ? state.previous : state.status === 'idle' ? undefined : state;
  const output = shown?.status === 'ok' ? shown.output : undefined;
  const fresh = state.status === 'ok';
  const dim = useAfter(state.status === 'running', dimDelayMs(state.status === 'running' ? state.previous : undefined));
  // The check of the output on screen: while the next run goes, the previous output stays (dimmed) with
  // its markers; clearing and re-setting them would make Monaco redraw twice for nothing.
  const result = shown?.status === 'ok' && check && !check.pending && check.key === shown.key ? check.result : undefined;
  const issues = result?.issues ?? NO_ISSUES;
  // While a new output is being checked, the list keeps the last check's findings (dimmed) instead of
  // vanishing and coming back: each change of its height made Monaco lay out the whole output again.
  const checking = shown?.status === 'ok' && !result && (!check || check.key !== shown.key || check.pending);
  const lastIssues = useRef(NO_ISSUES);
  if (result) lastIssues.current = result.issues;
  const listed = result ? issues : checking ? lastIssues.current : NO_ISSUES;
  const markers = useMemo<XmlMarker[]>(() => (issues.length ? issues.filter((i) => i.line).map((i) => ({ line: i.line!, column: i.column, message: i.message, severity: i.severity })) : NO_MARKERS), [issues]);
  const [reveal, setReveal] = useState<{ line: number; nonce: number }>();

  if (!hasRule) return <p className="muted pad">{t('noXslt')}</p>;
  if (!hasSample) return <p className="muted pad">{t('noSample')}</p>;

  return (
    <div className="output" data-testid="output">
      <div className="output-status">
        {state.status === 'running' && (
          <span className="muted" role="status" data-testid="run-running">
            {tg('running')}
          </span>
        )}
        {shown && state.status !== 'running' && (
          <span className="muted" data-testid="run-time" data-total-ms={shown.totalMs.toFixed(0)} data-run-ms={shown.timeMs.toFixed(0)}>
            {t('timing', { total: shown.totalMs.toFixed(0), run: shown.timeMs.toFixed(0) })}
          </span>
        )}
        {fresh && <ValidationBadge check={check} currentKey={state.key} />}
      </div>
      {state.status === 'error' && <RunErrorBox error={state.error} onShowInput={onShowInput} />}
      {shown?.messages && (
        <details className="run-messages">
          <summary>
            {t('messages')} ({shown.messages.length})
          </summary>
          <ul>
            {shown.messages.slice(0, 50).map((m, i) => (
              <li key={i}>
                <code>{m}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
      {output !== undefined && (
        <>
          <p className="muted small trace-line" role="status" data-testid="trace-status">
            {trace.status === 'tracing'
              ? t('tracing')
              : trace.status === 'done'
                ? trace.ruleId
                  ? t('traced', { rule: trace.ruleId })
                  : t('traceNone')
                : trace.status === 'failed'
                  ? t('traceFailed', { msg: trace.message })
                  : t(json ? 'traceHintJson' : 'traceHint')}
          </p>
          <div className={dim ? 'output-editor stale' : 'output-editor'}>
            <Suspense fallback={<div className="muted">…</div>}>
              <XmlEditor value={output} markers={markers} onPick={fresh ? onPick : undefined} reveal={reveal} ariaLabel={tg('output')} testId="output-editor" textSink={sink} />
            </Suspense>
          </div>
          {/* The plain output text for tests and tools; hidden (no layout cost on a large output; screen
              readers read Monaco's accessible view). */}
          {fresh && (
            <pre hidden data-testid="output-text">
              {output}
            </pre>
          )}
        </>
      )}
      {listed.length > 0 && (
        <section className={listed === issues ? 'issue-panel' : 'issue-panel stale'} aria-label={t('issuesTitle')} aria-busy={listed !== issues}>
          <ul className="issue-list" data-testid={listed === issues ? 'output-issues' : undefined}>
            {listed.slice(0, 100).map((i, k) => (
              <li key={k} className={i.severity}>
                {i.line ? (
                  <button className="link" disabled={listed !== issues} onClick={() => setReveal({ line: i.line!, nonce: Date.now() })}>
                    {tg('line')} {i.line}
                  </button>
                ) : null}{' '}
                {i.message}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function ValidationBadge({ check, currentKey }: { check?: CheckState; currentKey: string }) {
  const t = useRunT();
  if (!check || check.key !== currentKey || check.pending) return <span className="muted">· {t('validating')}</span>;
  if (check.error) return <span className="bad">· {check.error}</span>;
  const r = check.result!;
  const errors = r.issues.filter((i) => i.severity === 'error').length;
  // Errors of a JSON structure check (missing required member, wrong type) count like XSD errors; notes
  // (warnings, e.g. a schema pattern that could not be used) are counted apart, not as errors.
  const hard = r.against === 'xsd' || errors > 0;
  const notes = hard && errors ? r.issues.length - errors : 0;
  const n = String(hard && errors ? errors : r.issues.length);
  const label =
    r.status === 'valid'
      ? r.against === 'xsd'
        ? `✓ ${t('valid')}`
        : r.against === 'tree' || r.against === 'json-tree'
          ? `✓ ${t('validTree')}`
          : t('noSchemaCheck')
      : r.status === 'malformed'
        ? `✘ ${t(r.against === 'json-tree' ? 'malformedJson' : 'malformed')}`
        : r.status === 'schema-error'
          ? `✘ ${t('schemaError')}`
          : hard
            ? `✘ ${n === '1' ? t('oneInvalid') : t('invalid', { n })}${notes ? `, ⚠ ${notes === 1 ? t('oneNote') : t('notes', { n: String(notes) })}` : ''}`
            : `⚠ ${t('warnings', { n })}`;
  const cls = r.status === 'valid' ? 'good' : !hard && r.status === 'invalid' ? 'warn' : 'bad';
  return (
    <span className={`validation ${cls}`} data-testid="validation" data-status={r.status} title={r.note}>
      · {label}
    </span>
  );
}

function RunErrorBox({ error, onShowInput }: { error: TransformError; onShowInput(line: number, column?: number): void }) {
  const t = useRunT();
  const tg = useT();
  const title = error.kind === 'timeout' ? t('timeout') : error.kind === 'sandbox' ? t('sandbox') : error.kind === 'cancelled' ? t('cancel') : tg('runError');
  return (
    <div className={`run-error kind-${error.kind}`} role="alert" data-testid="run-error" data-kind={error.kind}>
      <strong>{title}</strong>
      {error.code ? ` [${error.code}]` : ''}: {error.kind === 'cancelled' ? t('cancelled') : error.message}
      {error.line ? ` (${error.where === 'input' ? tg('sample') : 'XSLT'}, ${tg('line')} ${error.line}${error.column ? `, ${tg('column')} ${error.column}` : ''})` : ''}
      {error.where === 'input' && error.line ? (
        <>
          {' '}
          <button className="link" onClick={() => onShowInput(error.line!, error.column)}>
            → {tg('sample')}
          </button>
        </>
      ) : null}
    </div>
  );
}
