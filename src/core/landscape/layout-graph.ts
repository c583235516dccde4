/**
 * Automatic layout, the pure half: the project as an ELK graph (left to right along the flows) and
 * the positions read back. The ELK run itself is in ./layout-elk.ts so the UI bundle only loads it
 * in its worker.
 */
import type { Project, System } from '../model/project.ts';

/** The ELK graph we send (a subset of elkjs' ElkNode, kept here so core needs no elkjs types). */
export interface LayoutGraph {
  id: string;
  layoutOptions: Record<string, string>;
  children: { id: string; width: number; height: number }[];
  edges: { id: string; sources: string[]; targets: string[] }[];
}

/** Positions by system id. */
export type Positions = Record<string, { x: number; y: number }>;

/**
 * Layered layout, left to right. Chosen for speed on 1,000 systems (see test/bench/landscape.ts):
 * simple node placement and polyline routing (React Flow draws its own edges), greedy switch off,
 * hub-like systems with many flows treated as high-degree nodes.
 */
export const ELK_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.thoroughness': '1',
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
  'elk.edgeRouting': 'POLYLINE',
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
  'elk.layered.highDegreeNodes.treatment': 'true',
  'elk.spacing.nodeNode': '50',
  // Room between layers for the flow labels.
  'elk.layered.spacing.nodeNodeBetweenLayers': '240',
  'elk.spacing.componentComponent': '80',
};

/** The size a system node takes on the canvas (the node grows by one row per adapter). */
export function nodeSize(s: System): { width: number; height: number } {
  return { width: 240, height: 78 + 24 * s.adapters.length };
}

/** The project's systems and flows as an ELK graph; parallel flows and flows to missing systems are left out. */
export function toLayoutGraph(p: Project, sizes?: Record<string, { width: number; height: number }>): LayoutGraph {
  const ids = new Set(p.systems.map((s) => s.id));
  const seen = new Set<string>();
  const edges: LayoutGraph['edges'] = [];
  for (const f of p.flows) {
    const a = f.from.systemId;
    const b = f.to.systemId;
    const key = `${a}\u0000${b}`;
    if (a === b || !ids.has(a) || !ids.has(b) || seen.has(key)) continue;
    seen.add(key);
    edges.push({ id: f.id, sources: [a], targets: [b] });
  }
  return {
    id: 'root',
    layoutOptions: ELK_OPTIONS,
    children: p.systems.map((s) => ({ id: s.id, ...(sizes?.[s.id] ?? nodeSize(s)) })),
    edges,
  };
}

/** Reads positions from a laid-out graph, rounded to whole pixels. */
export function positionsFrom(result: { children?: { id: string; x?: number; y?: number }[] }): Positions {
  const out: Positions = {};
  for (const c of result.children ?? []) out[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
  return out;
}

/** The trivial layout: systems on a grid in model order (the bench's baseline for the ELK layout). */
export function gridLayout(graph: LayoutGraph): Positions {
  const cols = Math.max(1, Math.ceil(Math.sqrt(graph.children.length)));
  const out: Positions = {};
  graph.children.forEach((c, i) => (out[c.id] = { x: (i % cols) * 300, y: Math.floor(i / cols) * 160 }));
  return out;
}

/** The moves that turn current positions into new ones (unchanged systems left out). */
export function movesTo(p: Project, pos: Positions): { systemId: string; position: { x: number; y: number } }[] {
  return p.systems.filter((s) => pos[s.id] && (pos[s.id].x !== s.position.x || pos[s.id].y !== s.position.y)).map((s) => ({ systemId: s.id, position: pos[s.id] }));
}
