/**
 * Document state: the open project, its undo history and its persistence. Every edit goes through
 * dispatch(op); autosave writes ~0.4 s after the last edit, in the next idle moment of the UI thread
 * (at most ~1 s after the edit), and at once when the page is hidden. The store writes only the parts
 * of the project that changed (see core/store/dexie-store.ts), so a save costs the UI thread a few ms.
 */
import { create } from 'zustand';
import type { Diagnostic } from '../../core/diagnostics.ts';
import { loadProject } from '../../core/model/load.ts';
import { applyOp, type Op } from '../../core/model/ops.ts';
import type { Project } from '../../core/model/project.ts';
import type { ProjectStore, ProjectSummary } from '../../core/store/types.ts';
import { afterOtherPagesSaved, holdUnsaved, releaseUnsaved } from './unsaved-lock.ts';

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
/** After the delay, wait at most this long for an idle moment (work at risk stays under ~1 s). */
const SAVE_IDLE_MS = 600;

let persistence: ProjectStore | undefined;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let saveIdle: number | undefined;
/** The project id last written as "last opened" (not written again with every save). */
let lastOpened: string | undefined;

type IdleApi = { requestIdleCallback?(cb: () => void, o?: { timeout: number }): number; cancelIdleCallback?(h: number): void };
const idleApi = globalThis as IdleApi;

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

function cancelScheduledSave(): void {
  if (saveTimer) clearTimeout(saveTimer);
  saveTimer = undefined;
  if (saveIdle !== undefined) idleApi.cancelIdleCallback?.(saveIdle);
  saveIdle = undefined;
}

// While changes are unsaved, a page opening meanwhile (a reload, another tab) waits for them (./unsaved-lock.ts).
useDoc.subscribe((s) => {
  // Stored (or failing to store, then holding on helps nobody): others need not wait.
  if (s.saveState === 'saved' || s.saveState === 'error') releaseUnsaved();
});

function scheduleSave(): void {
  holdUnsaved();
  cancelScheduledSave();
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    if (idleApi.requestIdleCallback) saveIdle = idleApi.requestIdleCallback(() => ((saveIdle = undefined), void flushSave()), { timeout: SAVE_IDLE_MS });
    else void flushSave();
  }, SAVE_DELAY_MS);
}

/** The project list with `p` saved just now (first, as the store lists by last change). */
function withSummary(list: ProjectSummary[], p: Project): ProjectSummary[] {
  return [{ id: p.id, name: p.name, updatedAt: Date.now() }, ...list.filter((s) => s.id !== p.id)];
}

/** Writes the open project now (also called before the page is hidden). */
export async function flushSave(): Promise<void> {
  cancelScheduledSave();
  const { project, saveState } = useDoc.getState();
  if (!project || !persistence || saveState === 'saved') return;
  useDoc.setState({ saveState: 'saving' });
  try {
    await persistence.put(project);
    if (lastOpened !== project.id) {
      await persistence.setLastOpened(project.id);
      lastOpened = project.id;
    }
    markSaved(project);
  } catch (e) {
    markFailed(e);
  }
}

/**
 * After `project` was written: another edit may have arrived meanwhile, so it is marked saved only if
 * unchanged. The list is updated here rather than read back (that read every stored project on every save).
 */
function markSaved(project: Project): void {
  const st = useDoc.getState();
  useDoc.setState({ projects: withSummary(st.projects, project), ...(st.project === project ? { saveState: 'saved', saveError: undefined } : {}) });
}

function markFailed(e: unknown): void {
  useDoc.setState({ saveState: 'error', saveError: String((e as Error)?.message ?? e) });
}

let leaving: Project | undefined;

/**
 * Writes the open project with every write issued before this returns: the page is being left, and a
 * save that first waits for anything (the autosave's idle wait, a read) would be lost with it.
 */
function flushNow(): void {
  cancelScheduledSave();
  const { project, saveState } = useDoc.getState();
  if (!project || !persistence || saveState === 'saved' || leaving === project) return;
  if (!persistence.putNow) return void flushSave();
  leaving = project;
  useDoc.setState({ saveState: 'saving' });
  persistence.putNow(project).then(() => markSaved(project), markFailed);
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
  await afterOtherPagesSaved();
  let projects: ProjectSummary[] = [];
  try {
    projects = await store.list();
  } catch (e) {
    useDoc.setState({ saveState: 'error', saveError: String(e) });
  }
  useDoc.setState({ projects });
  const last = (await store.getLastOpened().catch(() => undefined)) ?? projects[0]?.id;
  lastOpened = undefined;
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
      lastOpened = id;
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
  // Leaving or hiding the page (a hidden page may be discarded without another event).
  window.addEventListener('pagehide', flushNow);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushNow();
  });
}
