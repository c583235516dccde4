/**
 * The output tab: pretty-printed output in Monaco with the target-schema check's markers, the run's
 * timing, errors (time limit, sandbox, compile, input), the rule's xsl:messages, and the trace (click an
 * output node, its mapping is selected in the mapper).
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import type { TransformError } from '../../core/runner/engine.ts';
import { useT } from '../i18n.ts';
import type { RunDone, RunState } from './live-runner.ts';
import { useRunT } from './texts.ts';
import type { CheckState, TraceState } from './useOutput.ts';
import type { XmlMarker } from './XmlEditor.tsx';

const XmlEditor = lazy(() => import('./XmlEditor.tsx'));

export interface OutputPaneProps {
  state: RunState;
  check?: CheckState;
  trace: TraceState;
  onPick(offset: number): void;
  /** Shows an input error's line in the sample editor. */
  onShowInput(line: number, column?: number): void;
  hasSample: boolean;
  hasRule: boolean;
}

/** The output tab's content. */
export function OutputPane({ state, check, trace, onPick, onShowInput, hasSample, hasRule }: OutputPaneProps) {
  const t = useRunT();
  const tg = useT();
  const shown: RunDone | undefined = state.status === 'running' ? state.previous : state.status === 'idle' ? undefined : state;
  const output = shown?.status === 'ok' ? shown.output : undefined;
  const fresh = state.status === 'ok';
  const result = fresh && check && !check.pending && check.key === state.key ? check.result : undefined;
  const issues = result?.issues ?? [];
  const markers = useMemo<XmlMarker[]>(() => issues.filter((i) => i.line).map((i) => ({ line: i.line!, column: i.column, message: i.message, severity: i.severity })), [issues]);
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
                  : t('traceHint')}
          </p>
          <div className={state.status === 'running' ? 'output-editor stale' : 'output-editor'}>
            <Suspense fallback={<div className="muted">…</div>}>
              <XmlEditor value={output} markers={fresh ? markers : []} onPick={fresh ? onPick : undefined} reveal={reveal} ariaLabel={tg('output')} testId="output-editor" />
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
      {issues.length > 0 && (
        <section className="issue-panel" aria-label={t('issuesTitle')}>
          <ul className="issue-list" data-testid="output-issues">
            {issues.slice(0, 100).map((i, k) => (
              <li key={k} className={i.severity}>
                {i.line ? (
                  <button className="link" onClick={() => setReveal({ line: i.line!, nonce: Date.now() })}>
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
  const n = String(r.issues.length);
  const label =
    r.status === 'valid'
      ? r.against === 'xsd'
        ? `✓ ${t('valid')}`
        : r.against === 'tree'
          ? `✓ ${t('validTree')}`
          : t('noSchemaCheck')
      : r.status === 'malformed'
        ? `✘ ${t('malformed')}`
        : r.status === 'schema-error'
          ? `✘ ${t('schemaError')}`
          : r.against === 'xsd'
            ? `✘ ${t('invalid', { n })}`
            : `⚠ ${t('warnings', { n })}`;
  const cls = r.status === 'valid' ? 'good' : r.against === 'tree' && r.status === 'invalid' ? 'warn' : 'bad';
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
