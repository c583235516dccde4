/**
 * Flows drawn in bulk: one SVG with one path per colour group, instead of React Flow's one SVG
 * element per edge. Used for every flow that is not near the visible area and for all flows when
 * zoomed far out. With 2,000 flows that is the difference between a smooth and a stuttering pan
 * (thousands of full-size overlapping SVG layers to hit-test and raster). No labels, no clicks.
 */
import { useStore, ViewportPortal, type Edge, type InternalNode, type ReactFlowState } from '@xyflow/react';
import { useMemo } from 'react';
import type { FlowEdgeData } from './FlowEdge.tsx';
import { curve } from './FlowEdge.tsx';

const nodesSelector = (s: ReactFlowState) => s.nodes;
const lookupSelector = (s: ReactFlowState) => s.nodeLookup;

function point(n: InternalNode | undefined, handle: string | null | undefined, side: 'source' | 'target'): { x: number; y: number } | undefined {
  if (!n) return undefined;
  const p = n.internals.positionAbsolute;
  const h = n.internals.handleBounds?.[side]?.find((b) => b.id === handle);
  if (h) return { x: p.x + h.x + h.width / 2, y: p.y + h.y + h.height / 2 };
  const w = n.measured.width ?? 240;
  return { x: p.x + (side === 'source' ? w : 0), y: p.y + 18 };
}

/** The given flows as a few SVG paths. */
export function FarEdges({ edges, straight }: { edges: Edge<FlowEdgeData>[]; straight: boolean }) {
  const nodes = useStore(nodesSelector);
  const lookup = useStore(lookupSelector);
  const groups = useMemo(() => {
    const out = new Map<string, string[]>();
    for (const e of edges) {
      if (e.hidden || !e.data) continue;
      const a = point(lookup.get(e.source), e.sourceHandle, 'source');
      const b = point(lookup.get(e.target), e.targetHandle, 'target');
      if (!a || !b) continue;
      const d = e.data;
      const off = (d.lane - (d.lanes - 1) / 2) * 36;
      const cls = d.dangling || d.issues.some((i) => i.severity === 'error') ? 'err' : d.dim ? 'dim' : (d.status ?? 'none');
      const list = out.get(cls) ?? [];
      // Far out, straight lines: the shape is not readable there and lines raster much faster.
      list.push(straight ? `M${a.x},${a.y}L${b.x},${b.y}` : curve(a.x, a.y, b.x, b.y, off).path);
      out.set(cls, list);
    }
    return [...out.entries()].map(([cls, paths]) => ({ cls, d: paths.join(' ') }));
  }, [edges, nodes, lookup, straight]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <ViewportPortal>
      <svg className="far-edges" width={1} height={1} aria-hidden="true">
        {groups.map((g) => (
          <path key={g.cls} className={`far-${g.cls}`} d={g.d} />
        ))}
      </svg>
    </ViewportPortal>
  );
}
