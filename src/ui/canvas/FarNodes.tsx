/**
 * Systems drawn zoomed far out on a big landscape: one SVG with a rectangle per system instead of
 * 1,000 React Flow nodes with ~25 elements each. Clicking a rectangle selects the system and zooms
 * in on it, where the full node (adapters, connection points) takes over.
 */
import { useReactFlow, useStore, ViewportPortal, type Node, type ReactFlowState } from '@xyflow/react';
import { useMemo } from 'react';
import { selectSystems } from './actions.ts';
import type { AnyNodeData } from './graph.ts';
import type { SystemNodeData } from './SystemNode.tsx';

const lookupSelector = (s: ReactFlowState) => s.nodeLookup;

/** All systems as rectangles, in one SVG. */
export function FarNodes({ nodes }: { nodes: Node<AnyNodeData>[] }) {
  const lookup = useStore(lookupSelector);
  const rf = useReactFlow();
  const rects = useMemo(
    () =>
      nodes.map((n) => {
        const m = lookup.get(n.id)?.measured;
        const d = n.data as Partial<SystemNodeData>;
        const errors = d.issues?.some((i) => i.severity === 'error');
        const cls = [
          'far-node',
          n.type === 'ghost' ? 'ghost' : d.system?.kind === 'integration-hub' ? 'hub' : '',
          d.issues?.length ? (errors ? 'err' : 'warn') : '',
          n.selected ? 'sel' : '',
          d.hit ? 'hit' : '',
          d.dim ? 'dim' : '',
        ];
        return { id: n.id, x: n.position.x, y: n.position.y, w: m?.width ?? 240, h: m?.height ?? 100, cls: cls.filter(Boolean).join(' ') };
      }),
    [nodes, lookup],
  );
  return (
    <ViewportPortal>
      <svg
        className="far-nodes"
        width={1}
        height={1}
        onClick={(e) => {
          const id = (e.target as Element).getAttribute('data-far-id');
          const r = rects.find((x) => x.id === id);
          if (!r || id?.startsWith('ghost:')) return;
          selectSystems([r.id]);
          void rf.setCenter(r.x + r.w / 2, r.y + r.h / 2, { zoom: 0.8, duration: 200 });
        }}
      >
        {rects.map((r) => (
          <rect key={r.id} data-far-id={r.id} className={r.cls} x={r.x} y={r.y} width={r.w} height={r.h} />
        ))}
      </svg>
    </ViewportPortal>
  );
}
