/**
 * Editor of one organisation: a draft, checked as you type (validateOrganisation), saved as one
 * undoable op. A draft with errors is not saved; the errors say what and where.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Office, Organisation, Project } from '../../core/model/project.ts';
import { freeId, ruleFlows, slugId } from '../../core/orgs/resolve.ts';
import { validateOrganisation } from '../../core/orgs/validate.ts';
import { useDoc } from '../state/doc.ts';
import { useSession } from '../state/session.ts';
import { fieldIssues, FieldError } from './fields.tsx';
import { FlowSettings } from './FlowSettings.tsx';
import { useOrgsSession } from './state.ts';
import { useOrgsT } from './texts.ts';

export function OrgEditor({ project, org }: { project: Project; org: Organisation }) {
  const t = useOrgsT();
  const dispatch = useDoc((s) => s.dispatch);
  const setSession = useOrgsSession((s) => s.set);
  const [draft, setDraft] = useState<Organisation>(org);
  const [base, setBase] = useState<Organisation>(org);
  const [note, setNote] = useState<string>();
  // The organisation changed underneath (bulk edit, undo): an untouched draft follows it.
  useEffect(() => {
    if (org === base) return;
    if (JSON.stringify(draft) === JSON.stringify(base)) setDraft(org);
    setBase(org);
  }, [org, base, draft]);
  const others = useMemo(() => project.organisations.filter((o) => o.id !== org.id), [project.organisations, org.id]);
  // The findings are worded in the core's message language, which follows the UI language.
  const lang = useSession((s) => s.lang);
  const issues = useMemo(() => validateOrganisation(project, draft, [...others, draft]), [project, draft, others, lang]);
  // An id taken by another organisation is an error too (the op would refuse the rename).
  const allIssues = others.some((o) => o.id === draft.id) ? [...issues, { orgId: draft.id, severity: 'error' as const, field: 'id', message: t('idTaken', { id: draft.id }) }] : issues;
  const errors = allIssues.filter((i) => i.severity === 'error');
  const dirty = JSON.stringify(draft) !== JSON.stringify(org);
  const procedures = [...new Set(ruleFlows(project).map((f) => f.procedureId).filter((x): x is string => !!x))];

  const patch = (p: Partial<Organisation>) => {
    setDraft((d) => ({ ...d, ...p }));
    setNote(undefined);
  };
  const setOffice = (i: number, o: Partial<Office>) => patch({ offices: draft.offices.map((x, j) => (j === i ? { ...x, ...o } : x)) });
  const save = () => {
    if (errors.length) {
      setNote(t('cannotSave'));
      return;
    }
    const clean = { ...draft };
    if (!clean.ags) delete clean.ags;
    if (!clean.authorityId) delete clean.authorityId;
    dispatch({ type: 'org.set', organisation: clean, oldId: org.id });
    setDraft(clean);
    setBase(clean);
    setSession({ selectedId: clean.id });
    setNote(t('saved'));
  };
  const input = (field: 'name' | 'id' | 'ags' | 'authorityId', label: string, extra: { hint?: string; inputMode?: 'numeric' } = {}) => {
    const fi = fieldIssues(allIssues, field);
    const errId = `org-${field}-err`;
    return (
      <label className="orgs-field">
        <span>{label}</span>
        <input
          value={draft[field] ?? ''}
          onChange={(e) => patch({ [field]: e.target.value } as Partial<Organisation>)}
          aria-invalid={fi.some((i) => i.severity === 'error')}
          aria-describedby={fi.length ? errId : undefined}
          inputMode={extra.inputMode}
          placeholder={extra.hint}
          data-field={field}
        />
        <FieldError id={errId} issues={fi} />
      </label>
    );
  };

  return (
    <form
      className="orgs-editor"
      aria-labelledby="org-editor-title"
      data-testid="org-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h3 id="org-editor-title">
        {t('edit')}: {org.name || org.id}
      </h3>
      <div className="orgs-fields">
        {input('name', t('name'))}
        {input('id', t('id'))}
        <label className="orgs-field">
          <span>{t('kind')}</span>
          <select value={draft.kind} onChange={(e) => patch({ kind: e.target.value === 'test' ? 'test' : 'municipality' })} data-field="kind">
            <option value="municipality">{t('kindMunicipality')}</option>
            <option value="test">{t('kindTest')}</option>
          </select>
        </label>
        {input('ags', t('ags'), { hint: t('agsHint'), inputMode: 'numeric' })}
        {input('authorityId', t('authorityId'))}
      </div>

      <fieldset>
        <legend>{t('offices')}</legend>
        {draft.offices.map((o, i) => (
          <div className="orgs-row" key={i}>
            <input aria-label={`${t('officeName')} ${i + 1}`} value={o.name} onChange={(e) => setOffice(i, { name: e.target.value })} aria-invalid={fieldIssues(allIssues, `offices[${i}]`).length > 0} />
            <input aria-label={`${t('officeAuthority')} ${i + 1}`} placeholder={t('officeAuthority')} value={o.authorityId ?? ''} onChange={(e) => setOffice(i, e.target.value ? { authorityId: e.target.value } : { authorityId: undefined })} />
            <button
              type="button"
              aria-label={t('removeOffice', { name: o.name || String(i + 1) })}
              onClick={() => patch({ offices: draft.offices.filter((_, j) => j !== i), responsible: Object.fromEntries(Object.entries(draft.responsible).filter(([, v]) => v !== o.id)) })}
            >
              ✕
            </button>
          </div>
        ))}
        <button type="button" onClick={() => patch({ offices: [...draft.offices, { id: freeId(slugId(t('offices')), draft.offices.map((o) => o.id)), name: '' }] })}>
          + {t('addOffice')}
        </button>
        <h4>{t('responsible')}</h4>
        {procedures.length === 0 && <p className="muted small">{t('noProcedure')}</p>}
        {procedures.map((p) => (
          <label className="orgs-field" key={p}>
            <span>LeiKa {p}</span>
            <select
              value={draft.responsible[p] ?? ''}
              onChange={(e) => {
                const responsible = { ...draft.responsible };
                if (e.target.value) responsible[p] = e.target.value;
                else delete responsible[p];
                patch({ responsible });
              }}
              data-field={`responsible.${p}`}
            >
              <option value="">{t('noOffice')}</option>
              {draft.offices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name || o.id}
                </option>
              ))}
            </select>
            <FieldError id={`org-resp-${p}`} issues={fieldIssues(allIssues, `responsible.${p}`)} />
          </label>
        ))}
      </fieldset>

      <FlowSettings project={project} draft={draft} issues={allIssues} onChange={(flows) => patch({ flows })} />

      <section className="orgs-issues" aria-label={t('issues')} data-testid="org-issues">
        <h4>{t('issues')}</h4>
        {allIssues.length === 0 ? (
          <p className="muted">{t('noIssues')}</p>
        ) : (
          <ul>
            {allIssues.map((i, k) => (
              <li key={k} className={i.severity}>
                {i.severity === 'error' ? '✘' : '⚠'} {i.message}
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="orgs-buttons">
        <button type="submit" className="primary" disabled={!dirty} data-testid="org-save">
          {t('save')}
        </button>
        <button type="button" onClick={() => setDraft(org)} disabled={!dirty}>
          {t('reset')}
        </button>
        {note && (
          <span role="status" className={errors.length ? 'orgs-field-error' : 'muted'} data-testid="org-note">
            {note}
          </span>
        )}
      </div>
    </form>
  );
}
