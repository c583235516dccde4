/**
 * Model → React Flow: nodes for systems (plus placeholders for missing systems that flows still
 * point at), edges for flows. Node objects are reused when nothing about them changed, so a
 * 1,000-system canvas re-renders only what an edit touched.
 */
import type { Edge, Node } from '@xyflow/react';
import type { FlowStatus } from '../../core/landscape/status.ts';
import type { LandscapeIssue, LandscapeReport } from '../../core/landscape/validate.ts';
import type { System } from '../../core/model/project.ts';
import type { FlowEdgeData } from './FlowEdge.tsx';
import type { LandscapeProject } from './landscape.ts';
import { stageMatches, type CanvasState } from './store.ts';
import type { GhostNodeData, SystemNodeData } from './SystemNode.tsx';
import { kindLabel } from './texts.ts';

export type AnyNodeData = SystemNodeData | GhostNodeData;

/** What of the session the derived graph depends on. */
export interface ViewState {
  selSystems: string[];
  selFlows: string[];
  selGhost?: string;
  stage: CanvasState['stage'];
  search: string;
  openFlowId?: string;
}

/** Node id of the placeholder for a missing system. */
export const ghostId = (systemId: string) => `ghost:${systemId}`;

/** The adapter id in a handle id ("out:file" → "file"; the generic "out" → undefined). */
export function handleAdapter(handle: string | null | undefined): string | undefined {
  const i = handle?.indexOf(':') ?? -1;
  return handle && i >= 0 ? handle.slice(i + 1) : undefined;
}

const EMPTY: LandscapeIssue[] = [];

function systemMatches(s: System, q: string): boolean {
  return [s.name, s.product, s.vendor, s.id, kindLabel(s.kind, 'de', s.subKind), kindLabel(s.kind, 'en', s.subKind)].some((x) => x?.toLowerCase().includes(q));
}

/** Nodes for systems and for missing systems still referenced by flows. */
export function buildNodes(p: LandscapeProject, report: LandscapeReport, v: ViewState): Node<AnyNodeData>[] {
  const sel = new Set(v.selSystems);
  const q = v.search.trim().toLowerCase();
  const filtering = v.stage !== 'all';
  const active = new Set<string>();
  if (filtering || q) {
    for (const f of p.flows) {
      if (!stageMatches(v.stage, f)) continue;
      if (q && !`${f.scenarioCode} ${f.title}`.toLowerCase().includes(q)) {
        if (!filtering) continue;
      }
      active.add(f.from.systemId);
      active.add(f.to.systemId);
    }
  }
  const byId = new Map(p.systems.map((s) => [s.id, s]));
  const nodes: Node<AnyNodeData>[] = p.systems.map((s) => {
    const hit = !!q && systemMatches(s, q);
    const dim = (filtering && !active.has(s.id)) || (!!q && !hit && !active.has(s.id));
    return { id: s.id, type: 'system', position: s.position, selected: sel.has(s.id), data: { system: s, issues: report.bySystem.get(s.id) ?? EMPTY, dim, hit } };
  });
  // Placeholders beside the system at the other end, so a dangling flow is drawn where it belongs.
  const ghosts = new Map<string, { x: number; y: number; flows: number }>();
  for (const f of p.flows) {
    for (const [end, other] of [
      [f.from.systemId, f.to.systemId],
      [f.to.systemId, f.from.systemId],
    ]) {
      if (byId.has(end)) continue;
      const g = ghosts.get(end);
      if (g) g.flows++;
      else {
        const o = byId.get(other)?.position ?? { x: 0, y: 0 };
        ghosts.set(end, { x: o.x + (end === f.to.systemId ? 320 : -320), y: o.y + 60 * ghosts.size, flows: 1 });
      }
    }
  }
  for (const [id, g] of ghosts) {
    nodes.push({ id: ghostId(id), type: 'ghost', position: { x: g.x, y: g.y }, selected: v.selGhost === id, draggable: true, data: { systemId: id, flows: g.flows } });
  }
  return nodes;
}

function sameIssues(a: LandscapeIssue[], b: LandscapeIssue[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x.code === b[i].code && x.de === b[i].de));
}

/**
 * Carries React Flow's measurements over to the new nodes and keeps the old object when nothing
 * changed (React Flow then skips the node). Without `measured` every node would be measured again.
 */
export function mergeNodes(prev: Node<AnyNodeData>[], next: Node<AnyNodeData>[]): Node<AnyNodeData>[] {
  const old = new Map(prev.map((n) => [n.id, n]));
  return next.map((n) => {
    const o = old.get(n.id);
    if (!o) return n;
    const od = o.data as SystemNodeData & GhostNodeData;
    const nd = n.data as SystemNodeData & GhostNodeData;
    const samePos = o.position.x === n.position.x && o.position.y === n.position.y;
    const sameData = od.system === nd.system && od.systemId === nd.systemId && od.flows === nd.flows && od.dim === nd.dim && od.hit === nd.hit && sameIssues(od.issues ?? EMPTY, nd.issues ?? EMPTY);
    // A ghost's position is not saved; keep where the user dragged it.
    if (n.type === 'ghost' && sameData && o.selected === n.selected) return o;
    if (samePos && sameData && o.selected === n.selected) return o;
    return { ...n, ...(n.type === 'ghost' ? { position: o.position } : {}), measured: o.measured };
  });
}

/** Edges for flows: adapter handles where the adapter exists, generic handles otherwise. */
export function buildEdges(p: LandscapeProject, report: LandscapeReport, statuses: Map<string, FlowStatus>, v: ViewState): Edge<FlowEdgeData>[] {
  const systems = new Map(p.systems.map((s) => [s.id, s]));
  const sel = new Set(v.selFlows);
  const q = v.search.trim().toLowerCase();
  const end = (systemId: string, adapterId: string | undefined, side: 'out' | 'in') => {
    const s = systems.get(systemId);
    if (!s) return { node: ghostId(systemId), handle: side };
    return { node: systemId, handle: adapterId && s.adapters.some((a) => a.id === adapterId) ? `${side}:${adapterId}` : side };
  };
  const lanes = new Map<string, number>();
  const laneOf: number[] = [];
  const keys: string[] = [];
  const ends = p.flows.map((f) => {
    const a = end(f.from.systemId, f.from.adapterId, 'out');
    const b = end(f.to.systemId, f.to.adapterId, 'in');
    const key = `${a.node}\u0000${a.handle}\u0000${b.node}\u0000${b.handle}`;
    const n = lanes.get(key) ?? 0;
    lanes.set(key, n + 1);
    laneOf.push(n);
    keys.push(key);
    return { a, b };
  });
  return p.flows.map((f, i) => {
    const { a, b } = ends[i];
    const hit = !!q && `${f.scenarioCode} ${f.title}`.toLowerCase().includes(q);
    return {
      id: f.id,
      type: 'flow',
      source: a.node,
      sourceHandle: a.handle,
      target: b.node,
      targetHandle: b.handle,
      selected: sel.has(f.id) || f.id === v.openFlowId,
      hidden: !stageMatches(v.stage, f),
      ariaLabel: `${f.scenarioCode} ${f.title}`,
      data: {
        flow: f,
        status: statuses.get(f.id),
        issues: report.byFlow.get(f.id) ?? EMPTY,
        dangling: report.dangling.has(f.id),
        lane: laneOf[i],
        lanes: lanes.get(keys[i]) ?? 1,
        dim: !!q && !hit,
        hit,
      },
    };
  });
}
