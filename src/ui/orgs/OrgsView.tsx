/**
 * The organisations view: list (search, marks, check status), editor of the chosen organisation, bulk
 * edit of the marked ones, CSV import/export, and the per-organisation preview and test plan.
 */
import { FileButton } from '../shell/FileButton.tsx';
import { useMemo } from 'react';
import { importOrganisationsCsv, organisationsToCsv } from '../../core/orgs/csv.ts';
import { freeId, newTestOrganisation, ruleFlows } from '../../core/orgs/resolve.ts';
import { issuesByOrg, validateOrganisations } from '../../core/orgs/validate.ts';
import type { Organisation, Project } from '../../core/model/project.ts';
import { useDoc } from '../state/doc.ts';
import { useSession } from '../state/session.ts';
import { BulkEdit } from './BulkEdit.tsx';
import { CsvDialog } from './CsvDialog.tsx';
import { OrgEditor } from './OrgEditor.tsx';
import { OrgRun } from './OrgRun.tsx';
import { useOrgsSession } from './state.ts';
import { useOrgsT } from './texts.ts';
import './orgs.css';

function download(name: string, text: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function blankOrganisation(project: Project): Organisation {
  return { id: freeId('neue-organisation', project.organisations.map((o) => o.id)), name: '', kind: 'municipality', offices: [], responsible: {}, flows: [] };
}

/** The view registered as "Organisationen". */
export function OrgsView() {
  const t = useOrgsT();
  const project = useDoc((s) => s.project);
  const dispatch = useDoc((s) => s.dispatch);
  const { selectedId, marked, query, csv, message, set } = useOrgsSession();
  // Re-worded when the UI language (and with it the core's message language) changes.
  const lang = useSession((s) => s.lang);
  const issues = useMemo(() => (project ? validateOrganisations(project) : []), [project, lang]);
  const byOrg = useMemo(() => issuesByOrg(issues), [issues]);
  if (!project) return null;

  const q = query.trim().toLowerCase();
  const shown = project.organisations.filter((o) => !q || o.name.toLowerCase().includes(q) || o.id.toLowerCase().includes(q) || (o.ags ?? '').includes(q));
  const selected = project.organisations.find((o) => o.id === selectedId);
  const markedSet = new Set(marked.filter((id) => project.organisations.some((o) => o.id === id)));
  const allShownMarked = shown.length > 0 && shown.every((o) => markedSet.has(o.id));
  const projectIssues = byOrg.get('') ?? [];

  const add = (o: Organisation) => {
    dispatch({ type: 'org.set', organisation: o });
    set({ selectedId: o.id, message: undefined });
  };
  const remove = () => {
    if (!markedSet.size || !window.confirm(t('confirmDelete', { n: String(markedSet.size) }))) return;
    dispatch({ type: 'org.remove', ids: [...markedSet] });
    set({ marked: [], selectedId: markedSet.has(selectedId ?? '') ? undefined : selectedId });
  };
  const toggle = (id: string) => set({ marked: markedSet.has(id) ? [...markedSet].filter((x) => x !== id) : [...markedSet, id] });

  return (
    <div className="orgs-view" data-testid="orgs-view">
      <header className="orgs-head">
        <h2>{t('title')}</h2>
        <p className="muted">{t('intro')}</p>
        <div className="orgs-toolbar" role="toolbar" aria-label={t('title')}>
          <button onClick={() => add(blankOrganisation(project))}>+ {t('newOrg')}</button>
          {!project.organisations.some((o) => o.kind === 'test') && <button onClick={() => add(newTestOrganisation(project))}>+ {t('newTestOrg')}</button>}
          <FileButton accept=".csv,text/csv,text/plain" testId="orgs-csv-file" onFile={async (f) => set({ csv: { file: f.name, result: importOrganisationsCsv(project, await f.text()) }, message: undefined })}>
            {t('importCsv')}
          </FileButton>
          <button onClick={() => download(`${project.id}-organisationen.csv`, organisationsToCsv(project), 'text/csv')} disabled={!project.organisations.length}>
            {t('exportCsv')}
          </button>
          <button onClick={remove} disabled={!markedSet.size} data-testid="orgs-delete">
            {t('deleteSelected', { n: String(markedSet.size) })}
          </button>
        </div>
        {message && (
          <p className="orgs-message" role="status" data-testid="orgs-message">
            {message}
          </p>
        )}
        {projectIssues.map((i, k) => (
          <p key={k} className="orgs-warning">
            ⚠ {i.message}
          </p>
        ))}
      </header>
      <div className="orgs-grid">
        <section className="orgs-list" aria-label={t('title')}>
          <label className="orgs-search">
            <span className="sr-only">{t('search')}</span>
            <input type="search" placeholder={t('search')} aria-label={t('search')} value={query} onChange={(e) => set({ query: e.target.value })} data-testid="orgs-search" />
          </label>
          <p className="muted small" aria-live="polite">
            {t('count', { shown: String(shown.length), total: String(project.organisations.length) })}
          </p>
          {project.organisations.length === 0 ? (
            <p className="muted">{t('none')}</p>
          ) : (
            <table className="orgs-table" data-testid="orgs-table">
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t('selectAll')}
                      checked={allShownMarked}
                      onChange={() => set({ marked: allShownMarked ? [...markedSet].filter((id) => !shown.some((o) => o.id === id)) : [...new Set([...markedSet, ...shown.map((o) => o.id)])] })}
                    />
                  </th>
                  <th scope="col">{t('name')}</th>
                  <th scope="col">{t('ags')}</th>
                  <th scope="col">{t('status')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((o) => {
                  const list = byOrg.get(o.id) ?? [];
                  const errs = list.filter((i) => i.severity === 'error').length;
                  const warns = list.length - errs;
                  return (
                    <tr key={o.id} className={o.id === selectedId ? 'on' : ''} data-org={o.id}>
                      <td>
                        <input type="checkbox" aria-label={t('select', { name: o.name || o.id })} checked={markedSet.has(o.id)} onChange={() => toggle(o.id)} />
                      </td>
                      <td>
                        <button className="linklike" aria-pressed={o.id === selectedId} onClick={() => set({ selectedId: o.id, message: undefined })}>
                          {o.name || <em>{o.id}</em>}
                        </button>
                        {o.kind === 'test' && <span className="orgs-tag">{t('kindTest')}</span>}
                      </td>
                      <td className="mono">{o.ags ?? '—'}</td>
                      <td>
                        {errs ? (
                          <span className="badge-err">{t('errors', { n: String(errs) })}</span>
                        ) : warns ? (
                          <span className="badge-warn">{t('warnings', { n: String(warns) })}</span>
                        ) : (
                          <span className="badge-ok">✔ {t('ok')}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
        <section className="orgs-detail">
          {markedSet.size > 0 && <BulkEdit project={project} ids={[...markedSet]} />}
          {selected ? <OrgEditor key={selected.id} project={project} org={selected} /> : <p className="muted pad">{t('noOrgSelected')}</p>}
          {ruleFlows(project).length > 0 && project.organisations.length > 0 && <OrgRun project={project} />}
        </section>
      </div>
      {csv && <CsvDialog />}
    </div>
  );
}
