/**
 * Keyboard use of the canvas: arrow keys jump to the nearest system in that direction, Shift+arrow
 * moves the selection, Enter selects or opens, Delete deletes (asking first for mappings), Escape
 * cancels, Shift+F10 / the menu key opens the context menu, Ctrl+C/V/D/A copy, paste, duplicate,
 * select all. Undo/redo (Ctrl+Z/Y) are the app's.
 */
import type { KeyboardEvent } from 'react';
import { nodeSize } from '../../core/landscape/layout-graph.ts';
import type { Project } from '../../core/model/project.ts';
import { useDoc } from '../state/doc.ts';
import { connect, copySelection, deleteSelection, paste, selectFlow, selectSystems } from './actions.ts';
import { useCanvas } from './store.ts';

/** What the key handler needs from the canvas. */
export interface KeyContext {
  /** The landscape (only its systems are read). */
  project: Pick<Project, 'systems'>;
  focusNode(id: string): void;
  /** The middle of the visible canvas, in flow coordinates. */
  center(): { x: number; y: number };
  wrapper: HTMLElement | null;
  newFlowTitle: string;
}

function isEditable(el: EventTarget | null): boolean {
  const h = el as HTMLElement | null;
  return !!h && (h.tagName === 'INPUT' || h.tagName === 'TEXTAREA' || h.tagName === 'SELECT' || h.isContentEditable);
}

/** Handles a key pressed inside the canvas. */
export function onCanvasKey(e: KeyboardEvent, ctx: KeyContext): void {
  if (isEditable(e.target) || e.defaultPrevented) return;
  const { project, focusNode, center, wrapper } = ctx;
  const { pendingConnect, notice, selSystems, selFlows, selGhost, enlarged, set } = useCanvas.getState();
  const dispatch = useDoc.getState().dispatch;
  const target = e.target as HTMLElement;
  const nodeId = target.closest('.react-flow__node')?.getAttribute('data-id') ?? undefined;
  const edgeId = target.closest('.react-flow__edge')?.getAttribute('data-id') ?? undefined;
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key;
  const handled = () => {
    e.preventDefault();
    e.stopPropagation();
  };
  if (k.startsWith('Arrow') && !mod) {
    const dir = k.slice(5) as 'Left' | 'Right' | 'Up' | 'Down';
    if (e.shiftKey) {
      const ids = useCanvas.getState().selSystems;
      const dx = dir === 'Left' ? -20 : dir === 'Right' ? 20 : 0;
      const dy = dir === 'Up' ? -20 : dir === 'Down' ? 20 : 0;
      const moves = project.systems.filter((s) => ids.includes(s.id)).map((s) => ({ systemId: s.id, position: { x: s.position.x + dx, y: s.position.y + dy } }));
      if (moves.length) dispatch({ type: 'landscape.move', moves });
      return handled();
    }
    const next = neighbour(project, nodeId ?? useCanvas.getState().selSystems[0], dir);
    if (next) {
      selectSystems([next]);
      focusNode(next);
    }
    return handled();
  }
  if (k === 'Enter') {
    if (nodeId && pendingConnect) {
      connect(pendingConnect, { systemId: nodeId }, ctx.newFlowTitle);
      return handled();
    }
    if (nodeId) {
      if (nodeId.startsWith('ghost:')) set({ selGhost: nodeId.slice(6), selSystems: [], selFlows: [] });
      else selectSystems([nodeId]);
      return handled();
    }
    if (edgeId) {
      selectFlow(edgeId, true);
      return handled();
    }
  }
  if (k === 'Delete' || k === 'Backspace') {
    // The focused element is what the user means when it is not part of the selection.
    if (edgeId && !selFlows.includes(edgeId)) selectFlow(edgeId, false);
    else if (nodeId?.startsWith('ghost:')) set({ selGhost: nodeId.slice(6), selSystems: [], selFlows: [] });
    else if (nodeId && !selSystems.includes(nodeId)) selectSystems([nodeId]);
    deleteSelection();
    return handled();
  }
  if (k === 'Escape') {
    if (pendingConnect || notice) set({ pendingConnect: undefined, notice: undefined });
    else if (selSystems.length || selFlows.length || selGhost) set({ selSystems: [], selFlows: [], selGhost: undefined, selAdapter: undefined });
    else if (enlarged) set({ enlarged: false });
    return handled();
  }
  if ((k === 'F10' && e.shiftKey) || k === 'ContextMenu') {
    const el = target.closest('.react-flow__node, .react-flow__edge') ?? wrapper;
    const r = el?.getBoundingClientRect();
    if (!r) return;
    const x = r.left + Math.min(r.width / 2, 120);
    const y = r.top + Math.min(r.height / 2, 40);
    if (nodeId && !nodeId.startsWith('ghost:')) {
      if (!selSystems.includes(nodeId)) selectSystems([nodeId]);
      set({ menu: { x, y, target: { type: 'system', id: nodeId } } });
    } else if (edgeId) {
      selectFlow(edgeId, false);
      set({ menu: { x, y, target: { type: 'flow', id: edgeId } } });
    } else set({ menu: { x, y, target: { type: 'pane', flowPos: center() } } });
    return handled();
  }
  if (mod && k.toLowerCase() === 'c') {
    if (copySelection()) handled();
    return;
  }
  if (mod && k.toLowerCase() === 'v') {
    paste();
    return handled();
  }
  if (mod && k.toLowerCase() === 'd') {
    if (copySelection()) paste();
    return handled();
  }
  if (mod && k.toLowerCase() === 'a') {
    set({ selSystems: project.systems.map((s) => s.id), selFlows: [] });
    return handled();
  }
}

/** The system nearest to `from` in a direction (keyboard navigation between nodes). */
export function neighbour(p: Pick<Project, 'systems'>, from: string | undefined, dir: 'Left' | 'Right' | 'Up' | 'Down'): string | undefined {
  const mid = (id: string) => {
    const s = p.systems.find((x) => x.id === id);
    if (!s) return undefined;
    const z = nodeSize(s);
    return { x: s.position.x + z.width / 2, y: s.position.y + z.height / 2 };
  };
  const start = from ? mid(from) : undefined;
  if (!start) return [...p.systems].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x)[0]?.id;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const s of p.systems) {
    if (s.id === from) continue;
    const m = mid(s.id)!;
    const dx = m.x - start.x;
    const dy = m.y - start.y;
    const along = dir === 'Right' ? dx : dir === 'Left' ? -dx : dir === 'Down' ? dy : -dy;
    const across = dir === 'Right' || dir === 'Left' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 0) continue;
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = s.id;
    }
  }
  return best;
}
