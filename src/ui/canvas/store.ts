/**
 * Session state of the flow designer: selection, clipboard, panels, filter, search, menus, the last
 * designer test run per flow. Never saved in the project (the project only has what the ops change).
 */
import { create } from 'zustand';
import type { LandscapeClip } from '../../core/landscape/clipboard.ts';
import type { Flow, SchemaSet } from '../../core/model/project.ts';

/** A right-click (or Shift+F10) menu on a system, a flow or the empty canvas. */
export interface MenuState {
  x: number;
  y: number;
  target: { type: 'system'; id: string } | { type: 'flow'; id: string } | { type: 'pane'; flowPos: { x: number; y: number } };
}

/** The outcome of the last designer test run of a flow, valid only for that exact flow object. */
export interface TestRun {
  flow: Flow;
  schemas: SchemaSet[];
  passed: number;
  failed: number;
}

/** What must be confirmed before a delete goes ahead. */
export interface ConfirmState {
  flows: { id: string; label: string; rules: number }[];
  run(): void;
}

export interface CanvasState {
  selSystems: string[];
  selFlows: string[];
  /** Adapter picked in a node (inspector shows it). */
  selAdapter?: { systemId: string; adapterId: string };
  /** A missing system's placeholder that is selected. */
  selGhost?: string;
  clip?: LandscapeClip;
  enlarged: boolean;
  /** Height of the designer in the left column, percent. */
  height: number;
  /** Palette with labels (else an icon strip). */
  showPalette: boolean;
  showInspector: boolean;
  showMinimap: boolean;
  stage: 'all' | 'none' | 1 | 2 | 3 | 4;
  search: string;
  tests: Record<string, TestRun>;
  testsRunning: Record<string, boolean>;
  notice?: { kind: 'error' | 'info'; text: string };
  menu?: MenuState;
  confirm?: ConfirmState;
  /** Keyboard connect: the source picked, waiting for a target. */
  pendingConnect?: { systemId: string; adapterId?: string };
  set(patch: Partial<Omit<CanvasState, 'set'>>): void;
}

/**
 * Flows near the visible part of the canvas, recomputed when panning or zooming stops: these are
 * drawn as interactive React Flow edges with labels, all others in bulk (see FlowCanvas, FarEdges).
 */
export const useLabels = create<{ ids: Set<string> }>(() => ({ ids: new Set() }));

export const useCanvas = create<CanvasState>((set) => ({
  selSystems: [],
  selFlows: [],
  enlarged: false,
  height: 32,
  showPalette: false,
  showInspector: true,
  showMinimap: true,
  stage: 'all',
  search: '',
  tests: {},
  testsRunning: {},
  set: (patch) => set(patch),
}));

/** Whether a flow passes the stage filter. */
export function stageMatches(stage: CanvasState['stage'], flow: Pick<Flow, 'stage'>): boolean {
  if (stage === 'all') return true;
  if (stage === 'none') return flow.stage === undefined;
  return flow.stage === stage;
}
