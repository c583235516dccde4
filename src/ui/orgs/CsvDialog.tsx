/** Confirmation of a CSV import: what is good (and will be taken), which rows are broken and why. */
import { useEffect } from 'react';
import { useDoc } from '../state/doc.ts';
import { useOrgsSession } from './state.ts';
import { useOrgsT } from './texts.ts';

export function CsvDialog() {
  const t = useOrgsT();
  const dispatch = useDoc((s) => s.dispatch);
  const { csv, set } = useOrgsSession();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') set({ csv: undefined });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [set]);
  if (!csv) return null;
  const r = csv.result;
  const good = r.organisations.length;
  const take = () => {
    dispatch({ type: 'org.import', organisations: r.organisations });
    set({ csv: undefined, message: t('csvDone', { n: String(good) }), selectedId: r.organisations[0]?.id });
  };
  return (
    <div className="modal-backdrop">
      <div className="modal orgs-csv" role="dialog" aria-modal="true" aria-labelledby="orgs-csv-title" data-testid="orgs-csv-dialog">
        <h2 id="orgs-csv-title">
          {t('csvTitle')}: {csv.file}
        </h2>
        <p data-testid="orgs-csv-summary">
          {t('csvSummary', { ok: String(good), created: String(r.created), updated: String(r.updated), bad: String(r.errors.length) })}
        </p>
        {r.errors.length > 0 && (
          <>
            <h3>{t('csvBroken')}</h3>
            <ul className="orgs-csv-errors" data-testid="orgs-csv-errors">
              {r.errors.map((e, i) => (
                <li key={i} data-line={e.line}>
                  <strong>{t('csvLine', { n: String(e.line) })}:</strong> {e.message}
                </li>
              ))}
            </ul>
          </>
        )}
        {r.warnings.length > 0 && (
          <details>
            <summary>
              {t('csvWarnings')} ({r.warnings.length})
            </summary>
            <ul>
              {r.warnings.slice(0, 200).map((w, i) => (
                <li key={i}>
                  {t('csvLine', { n: String(w.line) })}: {w.message}
                </li>
              ))}
            </ul>
          </details>
        )}
        <p className="muted small">{t('csvColumns')}</p>
        <div className="orgs-buttons">
          <button className="primary" onClick={take} disabled={!good} autoFocus data-testid="orgs-csv-import">
            {t('csvImport', { n: String(good) })}
          </button>
          <button onClick={() => set({ csv: undefined })}>{t('csvCancel')}</button>
        </div>
      </div>
    </div>
  );
}
