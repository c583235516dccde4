/**
 * Document state: the open project, its undo history and its persistence. Every edit goes through
 * dispatch(op); autosave writes at most ~0.4 s after the last edit.
 */
import { create } from 'zustand';
import type { Diagnostic } from '../../core/diagnostics.ts';
import { loadProject } from '../../core/model/load.ts';
import { applyOp, type Op } from '../../core/model/ops.ts';
import type { Project } from '../../core/model/project.ts';
import type { ProjectStore, ProjectSummary } from '../../core/store/types.ts';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error';

export interface DocState {
  project?: Project;
  past: Project[];
  future: Project[];
  saveState: SaveState;
  saveError?: string;
  projects: ProjectSummary[];
  /** Errors from opening a file or a stored project, shown in a dialog. */
  loadErrors?: { title: string; errors: Diagnostic[] };
  dispatch(op: Op): void;
  undo(): void;
  redo(): void;
  dismissLoadErrors(): void;
}

const HISTORY_LIMIT = 200;
const SAVE_DELAY_MS = 400;

let persistence: ProjectStore | undefined;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

export const useDoc = create<DocState>((set, get) => ({
  past: [],
  future: [],
  saveState: 'saved',
  projects: [],
  dispatch(op) {
    const { project, past } = get();
    if (!project) return;
    const next = applyOp(project, op);
    if (next === project) return;
    set({ project: next, past: [...past, project].slice(-HISTORY_LIMIT), future: [], saveState: 'dirty' });
    scheduleSave();
  },
  undo() {
    const { project, past, future } = get();
    if (!project || !past.length) return;
    set({ project: past[past.length - 1], past: past.slice(0, -1), future: [project, ...future], saveState: 'dirty' });
    scheduleSave();
  },
  redo() {
    const { project, past, future } = get();
    if (!project || !future.length) return;
    set({ project: future[0], past: [...past, project], future: future.slice(1), saveState: 'dirty' });
    scheduleSave();
  },
  dismissLoadErrors() {
    set({ loadErrors: undefined });
  },
}));

function scheduleSave(): void {
  if (saveTimer) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void flushSave(), SAVE_DELAY_MS);
}

/** Writes the open project now (also called before the page is hidden). */
export async function flushSave(): Promise<void> {
  if (saveTimer) clearTimeout(saveTimer);
  saveTimer = undefined;
  const { project, saveState } = useDoc.getState();
  if (!project || !persistence || saveState === 'saved') return;
  useDoc.setState({ saveState: 'saving' });
  try {
    await persistence.put(project);
    await persistence.setLastOpened(project.id);
    // Another edit may have arrived while writing; only mark saved if the project is unchanged.
    if (useDoc.getState().project === project) useDoc.setState({ saveState: 'saved', saveError: undefined });
    useDoc.setState({ projects: await persistence.list() });
  } catch (e) {
    useDoc.setState({ saveState: 'error', saveError: String((e as Error)?.message ?? e) });
  }
}

/** Opens a project as the current document (history cleared) and stores it. */
export async function openProject(p: Project): Promise<void> {
  await flushSave();
  useDoc.setState({ project: p, past: [], future: [], saveState: 'dirty' });
  await flushSave();
}

async function loadSampleText(): Promise<string> {
  const mod = await import('../../../samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json?raw');
  return mod.default;
}

/** Loads the bundled sample project; with `fresh`, under a new id so nothing stored is touched. */
export async function loadSample(fresh = false): Promise<Project | undefined> {
  const r = loadProject(await loadSampleText(), 'Beispielprojekt');
  if (!r.ok) {
    useDoc.setState({ loadErrors: { title: 'Beispielprojekt', errors: r.errors } });
    return undefined;
  }
  const p = fresh ? { ...r.project, id: `${r.project.id}-${Date.now().toString(36)}` } : r.project;
  await openProject(p);
  return p;
}

/** Starts the app: reopens the last project, or the sample project on a first visit. */
export async function boot(store: ProjectStore): Promise<void> {
  persistence = store;
  let projects: ProjectSummary[] = [];
  try {
    projects = await store.list();
  } catch (e) {
    useDoc.setState({ saveState: 'error', saveError: String(e) });
  }
  useDoc.setState({ projects });
  const last = (await store.getLastOpened().catch(() => undefined)) ?? projects[0]?.id;
  if (last) {
    try {
      const p = await store.get(last);
      if (p) {
        useDoc.setState({ project: p, past: [], future: [], saveState: 'saved' });
        return;
      }
    } catch (e) {
      useDoc.setState({
        loadErrors: { title: `Gespeichertes Projekt "${last}"`, errors: [{ severity: 'error', code: 'store.corrupt', message: String((e as Error).message) }] },
      });
      // The broken record stays as it is; the sample opens under a new id beside it.
      await loadSample(true);
      return;
    }
  }
  await loadSample(false);
}

/** Switches to a stored project. */
export async function switchProject(id: string): Promise<void> {
  if (!persistence) return;
  await flushSave();
  try {
    const p = await persistence.get(id);
    if (p) {
      useDoc.setState({ project: p, past: [], future: [], saveState: 'saved' });
      await persistence.setLastOpened(id);
    }
  } catch (e) {
    useDoc.setState({ loadErrors: { title: id, errors: [{ severity: 'error', code: 'store.corrupt', message: String((e as Error).message) }] } });
  }
}

/** Opens a project file chosen by the user. Errors are shown; nothing stored is overwritten. */
export async function openProjectFile(name: string, text: string): Promise<boolean> {
  const r = loadProject(text, name);
  if (!r.ok) {
    useDoc.setState({ loadErrors: { title: name, errors: r.errors } });
    return false;
  }
  let p = r.project;
  const existing = persistence ? (await persistence.list()).find((s) => s.id === p.id) : undefined;
  if (existing) p = { ...p, id: `${p.id}-${Date.now().toString(36)}`, name: `${p.name} (importiert)` };
  await openProject(p);
  return true;
}

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => void flushSave());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushSave();
  });
}
