/**
 * Pane sizes of this browser (not part of a project): the height of the mapper's inspector. Remembered
 * in localStorage, like the run settings, so a user who made the inspector taller finds it so again.
 */
import { create } from 'zustand';

/** Inspector height in px: the default fits the mapper at 1600×1000 with the designer at its default height. */
export const INSPECTOR_DEFAULT_PX = 220;
export const INSPECTOR_MIN_PX = 90;
/** Rows of the trees that stay visible however tall the inspector is made. */
export const TREES_MIN_PX = 150;

const KEY = 'regelwerk.layout';

interface Layout {
  inspectorPx: number;
  setInspectorPx(px: number): void;
}

function stored(): number | undefined {
  try {
    const v = (JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '{}') as { inspectorPx?: unknown }).inspectorPx;
    return typeof v === 'number' && Number.isFinite(v) && v >= INSPECTOR_MIN_PX && v <= 4000 ? Math.round(v) : undefined;
  } catch {
    return undefined;
  }
}

export const useLayout = create<Layout>((set) => ({
  inspectorPx: stored() ?? INSPECTOR_DEFAULT_PX,
  setInspectorPx(px) {
    const inspectorPx = Math.round(Math.max(INSPECTOR_MIN_PX, px));
    set({ inspectorPx });
    try {
      globalThis.localStorage?.setItem(KEY, JSON.stringify({ inspectorPx }));
    } catch {
      /* private mode: the size just isn't remembered */
    }
  },
}));

/** The inspector height that leaves the trees at least TREES_MIN_PX of a mapper `available` px tall. */
export function clampInspector(px: number, available: number): number {
  return Math.max(INSPECTOR_MIN_PX, Math.min(px, available - TREES_MIN_PX));
}
