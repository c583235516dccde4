/**
 * Copy and paste of a part of the landscape: the selected systems with the flows between them
 * (and their mappings), pasted under fresh ids beside the originals.
 */
import type { Flow, Project, System } from '../model/project.ts';
import type { LandscapeOp } from '../model/ops-landscape.ts';
import { uniqueId } from './kinds.ts';

/** What was copied: plain data, independent of the project it came from. */
export interface LandscapeClip {
  systems: System[];
  flows: Flow[];
}

/** Copies systems and every flow between two of them (a flow needs both ends to be pasted). */
export function copyLandscape(p: Project, systemIds: readonly string[]): LandscapeClip {
  const ids = new Set(systemIds);
  return structuredClone({
    systems: p.systems.filter((s) => ids.has(s.id)),
    flows: p.flows.filter((f) => ids.has(f.from.systemId) && ids.has(f.to.systemId)),
  });
}

/** The op that pastes a clip under fresh ids, moved by `offset`; also returns the new ids. */
export function pasteOp(p: Project, clip: LandscapeClip, offset = { x: 40, y: 40 }): { op: LandscapeOp; systemIds: string[]; flowIds: string[] } {
  const sTaken = new Set(p.systems.map((s) => s.id));
  const fTaken = new Set(p.flows.map((f) => f.id));
  const rename = new Map<string, string>();
  const systems = clip.systems.map((s) => {
    const id = uniqueId(s.id, sTaken);
    sTaken.add(id);
    rename.set(s.id, id);
    return { ...structuredClone(s), id, position: { x: s.position.x + offset.x, y: s.position.y + offset.y } };
  });
  const flows = clip.flows.map((f) => {
    const id = uniqueId(f.id, fTaken);
    fTaken.add(id);
    const c = structuredClone(f);
    return { ...c, id, from: { ...c.from, systemId: rename.get(f.from.systemId) ?? f.from.systemId }, to: { ...c.to, systemId: rename.get(f.to.systemId) ?? f.to.systemId } };
  });
  return { op: { type: 'landscape.add', systems, flows }, systemIds: systems.map((s) => s.id), flowIds: flows.map((f) => f.id) };
}

/** The flows that go with removing these systems (every flow touching one of them). */
export function flowsOfSystems(p: Project, systemIds: readonly string[]): string[] {
  const ids = new Set(systemIds);
  return p.flows.filter((f) => ids.has(f.from.systemId) || ids.has(f.to.systemId)).map((f) => f.id);
}
