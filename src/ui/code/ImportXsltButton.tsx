/**
 * "XSLT importieren…": reads an XSLT rule file into the open flow's mapping. The import runs first and
 * its report (rules found, blocks kept raw, warnings) is shown; only "Mapping ersetzen" changes the
 * project, as one undoable edit. A file that is not XSLT, or uses extension functions, changes nothing.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Diagnostic } from '../../core/diagnostics.ts';
import type { Flow } from '../../core/model/project.ts';
import { importXslt, type ImportResult } from '../../core/xslt-import/index.ts';
import { useDoc } from '../state/doc.ts';
import './import-xslt.css';
import { useImportXsltT } from './import-xslt-texts.ts';

/** Larger files are refused with a message (the import runs on the page). */
const MAX_MB = 10;

type State = { file: string; result: ImportResult } | { file: string; problem: string };

/** The button and, after a file was picked, the report dialog. */
export function ImportXsltButton({ flow }: { flow: Flow }) {
  const t = useImportXsltT();
  const project = useDoc((s) => s.project);
  const dispatch = useDoc((s) => s.dispatch);
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [state, setState] = useState<State>();

  const pick = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file || !project) return;
    if (file.size > MAX_MB * 1024 * 1024) {
      setState({ file: file.name, problem: t('tooLarge', { file: file.name, size: (file.size / 1024 / 1024).toFixed(1), max: String(MAX_MB) }) });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      setState({ file: file.name, problem: t('unreadable', { file: file.name, message: (e as Error).message }) });
      return;
    }
    setState({ file: file.name, result: importXslt(text, { project, flow, file: file.name }) });
  };

  const close = () => {
    setState(undefined);
    opener.current?.focus();
  };

  return (
    <>
      <button ref={opener} type="button" className="xi-open" title={t('buttonHint')} aria-haspopup="dialog" onClick={() => input.current?.click()} disabled={!flow.target} data-testid="import-xslt">
        {t('button')}
      </button>
      <input ref={input} type="file" hidden accept=".xsl,.xslt,.xml,application/xslt+xml,text/xml" data-testid="import-xslt-file" onChange={(e) => void pick(e.target.files).finally(() => (e.target.value = ''))} />
      {state && (
        <ReportDialog
          state={state}
          flow={flow}
          onClose={close}
          onApply={(r) => {
            dispatch({ type: 'mapping.replace', flowId: flow.id, mapping: r.mapping });
            close();
          }}
        />
      )}
    </>
  );
}

function ReportDialog({ state, flow, onClose, onApply }: { state: State; flow: Flow; onClose(): void; onApply(r: ImportResult): void }) {
  const t = useImportXsltT();
  const dialog = useRef<HTMLDivElement>(null);
  const result = 'result' in state ? state.result : undefined;
  const ok = !!result?.ok;

  useEffect(() => {
    (dialog.current?.querySelector<HTMLElement>('.primary') ?? dialog.current?.querySelector<HTMLElement>('button'))?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab' && dialog.current) {
      // Keep focus inside the modal.
      const f = [...dialog.current.querySelectorAll<HTMLElement>('button:not([disabled]), [tabindex="0"]')];
      const i = f.indexOf(document.activeElement as HTMLElement);
      if (e.shiftKey && i <= 0) {
        e.preventDefault();
        f[f.length - 1]?.focus();
      } else if (!e.shiftKey && i === f.length - 1) {
        e.preventDefault();
        f[0]?.focus();
      }
    }
  };

  const report = result?.report.filter((d) => d.code !== 'xslt-import.summary') ?? [];
  const line = (d: Diagnostic) => (d.location?.line && !d.message.startsWith(`Zeile ${d.location.line}`) ? ` (${t('line', { n: String(d.location.line) })})` : '');

  return (
    <div className="modal-backdrop">
      <div ref={dialog} className="modal xslt-import" role="dialog" aria-modal="true" aria-labelledby="xi-title" aria-describedby="xi-state" data-testid="import-xslt-dialog" onKeyDown={onKeyDown}>
        <h2 id="xi-title" className={ok ? '' : 'failed'}>
          {t('title', { file: state.file })}
        </h2>
        {ok && result ? (
          <>
            <p id="xi-state" className="small">
              {t('replaceHint', { flow: flow.title })}
            </p>
            <dl className="xi-summary" aria-label={t('summary')} data-testid="import-xslt-summary">
              <dt>{t('rules')}</dt>
              <dd data-testid="xi-rules">{result.stats.rules}</dd>
              <dt>{t('raw')}</dt>
              <dd data-testid="xi-raw">{result.stats.raw}</dd>
              <dt>{t('parameters')}</dt>
              <dd>{result.stats.parameters}</dd>
              <dt>{t('variables')}</dt>
              <dd>{result.stats.variables}</dd>
              <dt>{t('valueMaps')}</dt>
              <dd>{result.stats.valueMaps}</dd>
            </dl>
          </>
        ) : (
          <p id="xi-state">
            <strong>{t('failed')}.</strong> {t('nothingChanged')}
            {'problem' in state && <span data-testid="import-xslt-problem"> {state.problem}</span>}
          </p>
        )}
        {report.length > 0 && (
          <>
            <h3 className="small">{t('report')}</h3>
            <ul className="xi-report" data-testid="import-xslt-report" tabIndex={0} aria-label={t('report')}>
              {report.map((d, i) => (
                <li key={i} className={d.severity}>
                  <span className="xi-sev">{t(d.severity)}</span> {d.message}
                  {line(d)}
                </li>
              ))}
            </ul>
          </>
        )}
        <div className="xi-actions">
          {ok && result ? (
            <>
              <button type="button" onClick={onClose}>
                {t('cancel')}
              </button>
              <button type="button" className="primary" onClick={() => onApply(result)} data-testid="import-xslt-apply">
                {t('replace')}
              </button>
            </>
          ) : (
            <button type="button" className="primary" onClick={onClose} data-testid="import-xslt-close">
              {t('close')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
