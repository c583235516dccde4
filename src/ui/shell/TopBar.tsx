/** The top bar: project switcher, open/save as file, undo/redo, save state, language. */
import { saveProject } from '../../core/model/load.ts';
import { BlueprintButton } from '../canvas/BlueprintDialog.tsx';
import { SchemaImportButton } from '../schema/SchemaImportButton.tsx';
import { useT } from '../i18n.ts';
import { FileButton } from './FileButton.tsx';
import { loadSample, openProjectFile, switchProject, useDoc } from '../state/doc.ts';
import { useSession } from '../state/session.ts';

export function TopBar() {
  const t = useT();
  const { project, projects, saveState, saveError, past, future, undo, redo } = useDoc();
  const { lang, set } = useSession();

  const saveAs = () => {
    if (!project) return;
    const blob = new Blob([saveProject(project)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${project.name.replace(/[^\w.-]+/g, '_') || 'projekt'}.regelwerk.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  return (
    <header className="topbar">
      <h1>
        Regelwerk <span className="muted small">{t('tagline')}</span>
      </h1>
      <label>
        <span className="sr-only">{t('projects')}</span>
        <select
          aria-label={t('projects')}
          value={project?.id ?? ''}
          onChange={(e) => {
            set({ selectedFlowId: undefined, selectedTarget: undefined, selectedRuleId: undefined });
            void switchProject(e.target.value);
          }}
          data-testid="project-select"
        >
          {project && !projects.some((p) => p.id === project.id) && <option value={project.id}>{project.name}</option>}
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <button onClick={() => void loadSample(true)}>{t('loadSample')}</button>
      <BlueprintButton />
      <SchemaImportButton disabled={!project} />
      <FileButton accept=".json,application/json" testId="open-file" onFile={async (f) => void (await openProjectFile(f.name, await f.text()))}>
        {t('openFile')}
      </FileButton>
      <button onClick={saveAs} disabled={!project}>
        {t('saveFile')}
      </button>
      <button onClick={undo} disabled={!past.length} title="Strg+Z" aria-keyshortcuts="Control+Z">
        ↶ {t('undo')}
      </button>
      <button onClick={redo} disabled={!future.length} title="Strg+Y" aria-keyshortcuts="Control+Y">
        ↷ {t('redo')}
      </button>
      <span className={`save-state ${saveState}`} role="status" data-testid="save-state" title={saveError}>
        {saveState === 'saved' ? t('saved') : saveState === 'saving' ? t('saving') : saveState === 'dirty' ? t('unsaved') : `${t('storageError')}: ${saveError ?? ''}`}
      </span>
      <label className="lang">
        {t('language')}{' '}
        <select value={lang} onChange={(e) => set({ lang: e.target.value === 'en' ? 'en' : 'de' })} data-testid="lang">
          <option value="de">Deutsch</option>
          <option value="en">English</option>
        </select>
      </label>
    </header>
  );
}
