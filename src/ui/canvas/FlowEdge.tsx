/**
 * A message flow on the canvas: a curve from adapter to adapter (parallel flows fan out), a label
 * with scenario code, title and status badge. Flows to missing systems or adapters are drawn dashed red.
 */
import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowStatus } from '../../core/landscape/status.ts';
import type { LandscapeIssue } from '../../core/landscape/validate.ts';
import { useSession } from '../state/session.ts';
import { selectFlow } from './actions.ts';
import type { LandscapeFlow } from './landscape.ts';
import { statusLabel } from './texts.ts';

export type FlowEdgeData = {
  flow: LandscapeFlow;
  status?: FlowStatus;
  issues: LandscapeIssue[];
  dangling: boolean;
  /** Position among flows between the same two connection points, and their number. */
  lane: number;
  lanes: number;
  dim: boolean;
  hit: boolean;
};

/** Path and label point of a cubic curve, shifted sideways by `off` so parallel flows separate. */
export function curve(sx: number, sy: number, tx: number, ty: number, off: number): { path: string; x: number; y: number } {
  const dx = Math.max(50, Math.abs(tx - sx) / 2);
  const c1x = sx + dx;
  const c1y = sy + off;
  const c2x = tx - dx;
  const c2y = ty + off;
  return {
    path: `M${sx},${sy} C${c1x},${c1y} ${c2x},${c2y} ${tx},${ty}`,
    x: (sx + 3 * c1x + 3 * c2x + tx) / 8,
    y: (sy + 3 * c1y + 3 * c2y + ty) / 8,
  };
}

/** Zoomed out this far, labels are unreadable: all flows are drawn in bulk by ./FarEdges.tsx. */
export const FAR_ZOOM = 0.45;

function FlowEdgeView({ id, sourceX, sourceY, targetX, targetY, data, selected, markerEnd }: EdgeProps<Edge<FlowEdgeData>>) {
  const lang = useSession((s) => s.lang);
  if (!data) return null;
  const off = (data.lane - (data.lanes - 1) / 2) * 36;
  const { path, x, y } = curve(sourceX, sourceY, targetX, targetY, off);
  const f = data.flow;
  const errors = data.issues.some((i) => i.severity === 'error');
  // Only errors dash the line; warnings (e.g. no message type yet) mark the label, not every edge.
  const cls = ['flow-edge', data.status && `st-${data.status}`, data.dangling && 'dangling', errors && 'has-error', selected && 'selected', data.dim && 'dim', data.hit && 'hit'];
  const title = [`${f.scenarioCode} ${f.title}`, data.status ? statusLabel(data.status, lang) : '', ...data.issues.map((i) => i[lang])].filter(Boolean).join('\n');
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={cls.filter(Boolean).join(' ')} interactionWidth={16} />
      <EdgeLabelRenderer>
        <div
          className={['flow-label', selected && 'selected', data.dangling && 'dangling', data.dim && 'dim', data.hit && 'hit'].filter(Boolean).join(' ')}
          style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}
          data-flow-edge={id}
          title={title}
          onClick={() => selectFlow(id, true)}
        >
          {data.issues.length > 0 && <span className={`flow-warn ${errors ? 'error' : 'warning'}`} aria-hidden="true">!</span>}
          <strong>{f.scenarioCode}</strong> <span className="flow-title">{f.title}</span>
          {data.status && <span className={`status-badge st-${data.status}`}>{statusLabel(data.status, lang)}</span>}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const FlowEdge = memo(FlowEdgeView);
