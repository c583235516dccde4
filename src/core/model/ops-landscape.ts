/**
 * Landscape operations: systems, adapters and flows added, changed, moved and removed. Applied by a
 * pure reducer that ops.ts delegates to, so the canvas gets undo/redo and autosave like every edit.
 */
import type { Adapter, Flow, Project, System } from './project.ts';

/** Flow fields the designer edits; a key set to undefined removes the field. */
export type FlowPatch = Partial<Pick<Flow, 'scenarioCode' | 'title' | 'from' | 'to' | 'stage' | 'direction' | 'attachments' | 'source' | 'target'>>;

export type LandscapeOp =
  /** Adds systems and flows in one step (palette drop, paste, new flow). */
  | { type: 'landscape.add'; systems: System[]; flows: Flow[] }
  /** Removes systems and flows in one step; flows of removed systems are listed by the caller. */
  | { type: 'landscape.remove'; systemIds: string[]; flowIds: string[] }
  /** Moves several systems at once (multi-drag, automatic layout). */
  | { type: 'landscape.move'; moves: { systemId: string; position: { x: number; y: number } }[] }
  /** Adds an adapter or replaces the one with the same id. */
  | { type: 'landscape.adapter.set'; systemId: string; adapter: Adapter }
  | { type: 'landscape.adapter.remove'; systemId: string; adapterId: string }
  | { type: 'landscape.flow.patch'; flowId: string; patch: FlowPatch };

/** True for the operations this module applies. */
export function isLandscapeOp(op: { type: string }): op is LandscapeOp {
  return op.type.startsWith('landscape.');
}

function mapSystem(p: Project, id: string, f: (s: System) => System): Project {
  let hit = false;
  const systems = p.systems.map((s) => {
    if (s.id !== id) return s;
    hit = true;
    return f(s);
  });
  return hit ? { ...p, systems } : p;
}

/** Applies a landscape operation; returns the same object when nothing changed. */
export function applyLandscapeOp(p: Project, op: LandscapeOp): Project {
  switch (op.type) {
    case 'landscape.add': {
      // Ids must stay unique (load.ts refuses duplicates); a clashing item is skipped, not merged.
      const sIds = new Set(p.systems.map((s) => s.id));
      const fIds = new Set(p.flows.map((f) => f.id));
      const systems = op.systems.filter((s) => !sIds.has(s.id) && (sIds.add(s.id), true));
      const flows = op.flows.filter((f) => !fIds.has(f.id) && (fIds.add(f.id), true));
      if (!systems.length && !flows.length) return p;
      return { ...p, systems: [...p.systems, ...systems], flows: [...p.flows, ...flows] };
    }
    case 'landscape.remove': {
      const s = new Set(op.systemIds);
      const f = new Set(op.flowIds);
      const systems = p.systems.filter((x) => !s.has(x.id));
      const flows = p.flows.filter((x) => !f.has(x.id));
      if (systems.length === p.systems.length && flows.length === p.flows.length) return p;
      return { ...p, systems, flows };
    }
    case 'landscape.move': {
      const m = new Map(op.moves.map((x) => [x.systemId, x.position]));
      let changed = false;
      const systems = p.systems.map((s) => {
        const pos = m.get(s.id);
        if (!pos || (pos.x === s.position.x && pos.y === s.position.y)) return s;
        changed = true;
        return { ...s, position: { x: pos.x, y: pos.y } };
      });
      return changed ? { ...p, systems } : p;
    }
    case 'landscape.adapter.set':
      return mapSystem(p, op.systemId, (s) => {
        const i = s.adapters.findIndex((a) => a.id === op.adapter.id);
        const adapters = i >= 0 ? s.adapters.map((a, j) => (j === i ? op.adapter : a)) : [...s.adapters, op.adapter];
        return { ...s, adapters };
      });
    case 'landscape.adapter.remove':
      return mapSystem(p, op.systemId, (s) => ({ ...s, adapters: s.adapters.filter((a) => a.id !== op.adapterId) }));
    case 'landscape.flow.patch': {
      let hit = false;
      const flows = p.flows.map((f) => {
        if (f.id !== op.flowId) return f;
        hit = true;
        const next: Flow = { ...f, ...op.patch };
        for (const k of Object.keys(op.patch) as (keyof FlowPatch)[]) if (op.patch[k] === undefined) delete next[k];
        return next;
      });
      return hit ? { ...p, flows } : p;
    }
  }
}
