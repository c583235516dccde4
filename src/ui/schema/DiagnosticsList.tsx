/** A list of findings with severity, file, line and column; long lists are cut with a count. */
import type { Diagnostic } from '../../core/diagnostics.ts';
import { useImportT } from './importTexts.ts';

const SHOWN = 300;

function where(d: Diagnostic): string {
  const l = d.location;
  if (!l?.file) return '';
  return [l.file, l.line, l.line !== undefined ? l.column : undefined].filter((x) => x !== undefined).join(':');
}

/** The findings of an import, errors first. */
export function DiagnosticsList({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  const t = useImportT();
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...diagnostics].sort((a, b) => rank[a.severity] - rank[b.severity]);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return (
    <section className="si-diagnostics" aria-label={t('diagnosticsHeading', { errors: String(errors), warnings: String(warnings) })}>
      <h3>{t('diagnosticsHeading', { errors: String(errors), warnings: String(warnings) })}</h3>
      {!diagnostics.length ? (
        <p className="muted">{t('noDiagnostics')}</p>
      ) : (
        <ul data-testid="import-diagnostics">
          {sorted.slice(0, SHOWN).map((d, i) => (
            <li key={i} className={d.severity}>
              <span className="sev">{d.severity === 'error' ? '✖' : d.severity === 'warning' ? '⚠' : 'ℹ'}</span> {where(d) && <code className="where">{where(d)}</code>} {d.message}{' '}
              <span className="code muted">[{d.code}]</span>
            </li>
          ))}
          {sorted.length > SHOWN && <li className="muted">{t('more', { n: String(sorted.length - SHOWN) })}</li>}
        </ul>
      )}
    </section>
  );
}
