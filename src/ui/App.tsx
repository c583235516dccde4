/** The application shell: top bar, landscape canvas, flow list, mapper and the code/output panel. */
import { useEffect, useMemo } from 'react';
import { formatFinding } from '../core/diagnostics.ts';
import type { Project } from '../core/model/project.ts';
import { FlowCanvas } from './canvas/FlowCanvas.tsx';
import { FlowList } from './canvas/FlowList.tsx';
import { useLandscape } from './canvas/landscape.ts';
import { useFlowStatuses } from './canvas/statuses.ts';
import { useT } from './i18n.ts';
import { Mapper } from './mapper/Mapper.tsx';
import { RightPanel } from './run/RightPanel.tsx';
import { TopBar } from './shell/TopBar.tsx';
import { compiledFlow, useXPathErrors } from './state/compiled.ts';
import { useDoc } from './state/doc.ts';
import { useSession } from './state/session.ts';
import { EXTRA_VIEWS } from './views.ts';

function isEditable(el: EventTarget | null): boolean {
  const h = el as HTMLElement | null;
  return !!h && (h.tagName === 'INPUT' || h.tagName === 'TEXTAREA' || h.tagName === 'SELECT' || h.isContentEditable || !!h.closest?.('.monaco-editor'));
}

export function App() {
  const t = useT();
  // Only what the shell shows: the save state or a selection elsewhere must not re-render the whole app.
  const project = useDoc((s) => s.project);
  const loadErrors = useDoc((s) => s.loadErrors);
  const dismissLoadErrors = useDoc((s) => s.dismissLoadErrors);
  const undo = useDoc((s) => s.undo);
  const redo = useDoc((s) => s.redo);
  const selectedFlowId = useSession((s) => s.selectedFlowId);
  const set = useSession((s) => s.set);
  const lang = useSession((s) => s.lang);
  const view = useSession((s) => s.view);
  const extraView = EXTRA_VIEWS.find((v) => v.id === view);
  const flow = project?.flows.find((f) => f.id === selectedFlowId);
  const xpathErrors = useXPathErrors(flow);
  // The one compile of the open flow, shared with its status badge (./state/compiled.ts); its messages follow the language.
  const compiled = useMemo(() => (project && flow ? compiledFlow(project, flow, xpathErrors) : undefined), [project?.schemas, project?.id, project?.name, flow, xpathErrors, lang]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isEditable(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  if (!project) {
    return (
      <div className="app">
        <TopBar />
        <main className="loading">…</main>
        {loadErrors && <LoadErrors title={loadErrors.title} errors={loadErrors.errors.map(formatFinding)} onClose={dismissLoadErrors} />}
      </div>
    );
  }

  return (
    <div className="app">
      <TopBar />
      {EXTRA_VIEWS.length > 0 && (
        <nav className="views" aria-label="Ansichten">
          <button className={view === 'design' ? 'tab on' : 'tab'} aria-pressed={view === 'design'} onClick={() => set({ view: 'design' })} data-view="design">
            {lang === 'en' ? 'Flows & mapping' : 'Flüsse & Mapping'}
          </button>
          {EXTRA_VIEWS.map((v) => (
            <button key={v.id} className={view === v.id ? 'tab on' : 'tab'} aria-pressed={view === v.id} onClick={() => set({ view: v.id })} data-view={v.id}>
              {v.label[lang]}
            </button>
          ))}
        </nav>
      )}
      {extraView ? (
        <main className="main-view">
          <extraView.component />
        </main>
      ) : (
      <main className="main">
        <section className="left">
          <Landscape project={project} />
          {flow && compiled ? <Mapper key={flow.id} project={project} flow={flow} diagnostics={compiled.diagnostics} /> : <p className="muted pad">{t('noFlowSelected')}</p>}
        </section>
        <section className="rightcol">{flow && compiled ? <RightPanel key={flow.id} flow={flow} compiled={compiled} /> : null}</section>
      </main>
      )}
      {loadErrors && <LoadErrors title={loadErrors.title} errors={loadErrors.errors.map(formatFinding)} onClose={dismissLoadErrors} />}
    </div>
  );
}

/** Canvas and flow list over the landscape projection: a mapping edit leaves both as they are. */
function Landscape({ project }: { project: Project }) {
  const land = useLandscape(project);
  const statuses = useFlowStatuses(project);
  return (
    <>
      <FlowCanvas project={land} statuses={statuses} />
      <FlowList project={land} statuses={statuses} />
    </>
  );
}

function LoadErrors({ title, errors, onClose }: { title: string; errors: string[]; onClose(): void }) {
  const t = useT();
  return (
    <div className="modal-backdrop">
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby="load-err-title" data-testid="load-errors">
        <h2 id="load-err-title">
          {t('loadErrorTitle')}: {title}
        </h2>
        <ul>
          {errors.map((e, i) => (
            <li key={i}>
              <code>{e}</code>
            </li>
          ))}
        </ul>
        <p>{t('nothingOverwritten')}</p>
        <button autoFocus onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </div>
  );
}
