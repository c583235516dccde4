/**
 * The flow designer: palette, canvas (systems as nodes with adapter connection points, flows as
 * edges), inspector, toolbar, menus. Nodes and edges are derived from the model; every gesture ends
 * in a landscape op (see ./actions.ts), so it is saved and undoable. Selection, panels and filters
 * are session state (./store.ts).
 */
import { trackPointer } from '../shell/drag.ts';
import {
  applyNodeChanges,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  type OnConnectEnd,
  type ReactFlowState,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { PaletteEntry } from '../../core/landscape/kinds.ts';
import type { FlowStatus } from '../../core/landscape/status.ts';
import { useDoc } from '../state/doc.ts';
import { useSession } from '../state/session.ts';
import { addSystem, arrange, connect, notify, selectFlow, selectSystems } from './actions.ts';
import { onCanvasKey } from './keyboard.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { ContextMenu } from './ContextMenu.tsx';
import { DotGrid } from './DotGrid.tsx';
import { download, renderDiagram } from './export.ts';
import { FarEdges } from './FarEdges.tsx';
import { FarNodes } from './FarNodes.tsx';
import { FAR_ZOOM, FlowEdge, type FlowEdgeData } from './FlowEdge.tsx';
import { buildEdges, buildNodes, ghostId, handleAdapter, mergeNodes, type AnyNodeData } from './graph.ts';
import { Inspector } from './Inspector.tsx';
import { validateLandscapeOf, type LandscapeProject } from './landscape.ts';
import { warmUpLayout } from './layout-client.ts';
import { Palette, PALETTE_MIME } from './Palette.tsx';
import { useCanvas, useLabels } from './store.ts';
import { GhostNode, SystemNode } from './SystemNode.tsx';
import { useCanvasT } from './texts.ts';
import { Toolbar, type SearchHit } from './Toolbar.tsx';
import './canvas.css';

const nodeTypes = { system: SystemNode, ghost: GhostNode };
const edgeTypes = { flow: FlowEdge };
// Hidden nodes count: zoomed far out on a big landscape all nodes are hidden (drawn in bulk instead).
const FIT = { padding: { top: '24px', left: '24px', right: '190px', bottom: '24px' }, maxZoom: 1.2, includeHiddenNodes: true } as const;

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

interface Props {
  /** The landscape of the open project (stable across mapping edits, see ./landscape.ts). */
  project: LandscapeProject;
  /** Status badge per flow id (same map while no badge changes). */
  statuses: Map<string, FlowStatus>;
}

/** The landscape designer of the open project; re-renders only when the landscape or a badge changes. */
export const FlowCanvas = memo(function FlowCanvas({ project, statuses }: Props) {
  // Another project gets a fresh canvas (fitted to its landscape) and an empty selection.
  useEffect(() => useCanvas.getState().set({ selSystems: [], selFlows: [], selAdapter: undefined, selGhost: undefined, menu: undefined, pendingConnect: undefined, notice: undefined }), [project.id]);
  return (
    <ReactFlowProvider key={project.id}>
      <Designer project={project} statuses={statuses} />
    </ReactFlowProvider>
  );
});

function Designer({ project, statuses }: Props) {
  const t = useCanvasT();
  const rf = useReactFlow<Node<AnyNodeData>, Edge>();
  const dispatch = useDoc((s) => s.dispatch);
  const openFlowId = useSession((s) => s.selectedFlowId);
  const { selSystems, selFlows, selGhost, stage, search, enlarged, height, showPalette, showInspector, showMinimap, notice, pendingConnect, set } = useCanvas();
  const report = useMemo(() => validateLandscapeOf(project), [project.systems, project.flows, project.schemas, project.landscape]); // eslint-disable-line react-hooks/exhaustive-deps
  const [exporting, setExporting] = useState(false);
  const [arranging, setArranging] = useState(false);
  const [layoutMs, setLayoutMs] = useState<{ worker: number; total: number }>();
  const wrapper = useRef<HTMLDivElement>(null);
  const section = useRef<HTMLElement>(null);

  const view = { selSystems, selFlows, selGhost, stage, search, openFlowId };
  const modelNodes = useMemo(() => buildNodes(project, report, view), [project.systems, project.flows, report, selSystems, selGhost, stage, search]); // eslint-disable-line react-hooks/exhaustive-deps
  const [nodes, setNodes] = useState(modelNodes);
  useEffect(() => setNodes((prev) => mergeNodes(prev, modelNodes)), [modelNodes]);
  const edges = useMemo(() => buildEdges(project, report, statuses, view), [project.systems, project.flows, report, statuses, selFlows, stage, search, openFlowId]); // eslint-disable-line react-hooks/exhaustive-deps
  // React Flow draws each edge as its own SVG element: fine for the flows in view, far too slow for
  // 2,000. Only flows near the visible area (recomputed when panning stops) are React Flow edges,
  // with label, click and menu; all others are drawn together in one SVG (./FarEdges.tsx).
  // A small landscape is always drawn in full; a big one in bulk where that is what keeps it fluid.
  const big = project.systems.length > BIG_SYSTEMS || project.flows.length > BIG_FLOWS;
  const far = useStore(farSelector) && big && !exporting;
  const live = useLabels((s) => s.ids);
  const [shownEdges, bulkEdges] = useMemo(() => {
    const shown: Edge<FlowEdgeData>[] = [];
    const bulk: Edge<FlowEdgeData>[] = [];
    for (const e of edges) {
      if (!big || exporting || e.hidden || e.selected || (!far && live.has(e.id))) shown.push(e);
      else {
        shown.push({ ...e, hidden: true });
        bulk.push(e);
      }
    }
    return [shown, bulk];
  }, [edges, far, live, big, exporting]);
  // Zoomed far out, systems too are drawn in bulk (./FarNodes.tsx); React Flow keeps their measurements.
  const shownNodes = useMemo(() => (far ? nodes.map((n) => ({ ...n, hidden: true })) : nodes), [nodes, far]);

  // Which labels to render: flows whose midpoint lies in (or near) the visible part of the canvas.
  const updateLabels = () => {
    const el = wrapper.current;
    if (!el) return;
    const { x, y, zoom } = rf.getViewport();
    const next = new Set<string>();
    if (zoom >= FAR_ZOOM) {
      const m = 300; // flow units around the visible rectangle
      const x0 = -x / zoom - m;
      const y0 = -y / zoom - m;
      const x1 = x0 + el.clientWidth / zoom + 2 * m;
      const y1 = y0 + el.clientHeight / zoom + 2 * m;
      for (const e of edges) {
        if (e.hidden) continue;
        if (next.size >= MAX_LIVE_EDGES) break;
        const a = rf.getInternalNode(e.source);
        const b = rf.getInternalNode(e.target);
        if (!a || !b) continue;
        const mx = (a.internals.positionAbsolute.x + b.internals.positionAbsolute.x) / 2 + 120;
        const my = (a.internals.positionAbsolute.y + b.internals.positionAbsolute.y) / 2 + 40;
        if (mx >= x0 && mx <= x1 && my >= y0 && my <= y1) next.add(e.id);
      }
    }
    const cur = useLabels.getState().ids;
    if (next.size !== cur.size || [...next].some((id) => !cur.has(id))) useLabels.setState({ ids: next });
  };
  useEffect(() => {
    const timer = setTimeout(updateLabels, 50);
    return () => clearTimeout(timer);
  }, [edges, nodes]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const idle = (globalThis as { requestIdleCallback?: (f: () => void) => void }).requestIdleCallback ?? ((f: () => void) => setTimeout(f, 500));
    idle(() => warmUpLayout());
  }, []);

  // A refusal or hint stays until the next one or until closed; info fades after a while.
  useEffect(() => {
    if (notice?.kind !== 'info' || pendingConnect) return;
    const timer = setTimeout(() => useCanvas.getState().set({ notice: undefined }), 8000);
    return () => clearTimeout(timer);
  }, [notice, pendingConnect]);

  const onNodesChange = (changes: NodeChange<Node<AnyNodeData>>[]) => {
    const sel = changes.filter((c) => c.type === 'select');
    if (sel.length) {
      const st = useCanvas.getState();
      const systems = new Set(st.selSystems);
      let ghost = st.selGhost;
      for (const c of sel) {
        if (c.id.startsWith('ghost:')) ghost = c.selected ? c.id.slice(6) : ghost === c.id.slice(6) ? undefined : ghost;
        else if (c.selected) systems.add(c.id);
        else systems.delete(c.id);
      }
      st.set({ selSystems: [...systems], selGhost: ghost, selAdapter: st.selAdapter && systems.has(st.selAdapter.systemId) ? st.selAdapter : undefined });
    }
    const rest = changes.filter((c) => c.type !== 'select');
    if (rest.length) setNodes((ns) => applyNodeChanges(rest, ns));
    const moves = rest.flatMap((c) =>
      c.type === 'position' && c.dragging === false && c.position && !c.id.startsWith('ghost:') ? [{ systemId: c.id, position: { x: Math.round(c.position.x), y: Math.round(c.position.y) } }] : [],
    );
    if (moves.length) dispatch({ type: 'landscape.move', moves });
  };

  const onEdgesChange = (changes: EdgeChange<Edge>[]) => {
    const sel = changes.filter((c) => c.type === 'select');
    if (!sel.length) return;
    const st = useCanvas.getState();
    const flows = new Set(st.selFlows);
    for (const c of sel) {
      if (c.selected) flows.add(c.id);
      else flows.delete(c.id);
    }
    st.set({ selFlows: [...flows] });
  };

  const onConnect = (c: Connection) => {
    connect({ systemId: c.source, adapterId: handleAdapter(c.sourceHandle) }, { systemId: c.target, adapterId: handleAdapter(c.targetHandle) }, t('newFlowTitle'));
  };

  // Dropped on a system's body rather than on a connection point: connect to the fitting adapter.
  const onConnectEnd: OnConnectEnd = (event, state) => {
    if (state.isValid || !state.fromNode || !state.fromHandle || state.fromHandle.type !== 'source') return;
    const pt = 'changedTouches' in event ? event.changedTouches[0] : event;
    const el = document.elementFromPoint(pt.clientX, pt.clientY)?.closest('.react-flow__node');
    const target = el?.getAttribute('data-id');
    if (!target || target === state.fromNode.id) return;
    connect({ systemId: state.fromNode.id, adapterId: handleAdapter(state.fromHandle.id) }, { systemId: target }, t('newFlowTitle'));
  };

  const center = (): { x: number; y: number } => {
    const r = wrapper.current?.getBoundingClientRect();
    const p = r ? rf.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 };
    const k = project.systems.length % 5;
    return { x: p.x - 120 + k * 24, y: p.y - 40 + k * 24 };
  };

  const focusNode = async (id: string) => {
    const n = rf.getNode(id);
    if (!n) return;
    const w = n.measured?.width ?? 240;
    const h = n.measured?.height ?? 100;
    const find = () => wrapper.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
    if (!find()) {
      await rf.setCenter(n.position.x + w / 2, n.position.y + h / 2, { zoom: Math.max(rf.getZoom(), 0.6) });
      await nextFrame();
    }
    find()?.focus();
  };

  const onPick = (h: SearchHit) => {
    if (h.type === 'system') {
      selectSystems([h.id]);
      void focusNode(h.id);
      return;
    }
    const f = project.flows.find((x) => x.id === h.id);
    selectFlow(h.id, false);
    if (!f) return;
    const a = rf.getNode(report.dangling.has(f.id) && !project.systems.some((s) => s.id === f.from.systemId) ? ghostId(f.from.systemId) : f.from.systemId);
    const b = rf.getNode(project.systems.some((s) => s.id === f.to.systemId) ? f.to.systemId : ghostId(f.to.systemId));
    if (a && b) void rf.setCenter((a.position.x + b.position.x) / 2 + 120, (a.position.y + b.position.y) / 2 + 40, { zoom: Math.max(rf.getZoom(), 0.6), duration: 250 });
  };

  const onArrange = async (algorithm: 'elk' | 'grid' = 'elk') => {
    setArranging(true);
    const t0 = performance.now();
    try {
      const r = await arrange(algorithm);
      if (r) setLayoutMs({ worker: Math.round(r.ms), total: Math.round(performance.now() - t0) });
      await nextFrame();
      void rf.fitView(FIT);
    } catch (e) {
      notify('error', t('layoutFailed', { msg: (e as Error).message }));
    } finally {
      setArranging(false);
    }
  };

  const onExport = async (kind: 'svg' | 'png') => {
    const vp = wrapper.current?.querySelector<HTMLElement>('.react-flow__viewport');
    if (!vp) return;
    // Only visible elements are rendered normally; an export needs all of them for a moment.
    setExporting(true);
    try {
      await nextFrame();
      const url = await renderDiagram(kind, vp, rf.getNodes());
      const name = (project.name.replace(/[^\w.-]+/g, '_') || 'landschaft') + `-landschaft.${kind}`;
      download(url, name);
    } catch (e) {
      notify('error', t('exportFailed', { msg: String((e as Error)?.message ?? e) }));
    } finally {
      setExporting(false);
    }
  };

  const onDrop = (e: DragEvent) => {
    const raw = e.dataTransfer.getData(PALETTE_MIME);
    if (!raw) return;
    e.preventDefault();
    const entry = JSON.parse(raw) as PaletteEntry;
    const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    addSystem(entry, { x: p.x - 120, y: p.y - 30 });
  };

  const onKeyDown = (e: KeyboardEvent) => onCanvasKey(e, { project, focusNode: (id) => void focusNode(id), center, wrapper: wrapper.current, newFlowTitle: t('newFlowTitle') });

  const onResizeKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowUp' ? -5 : e.key === 'ArrowDown' ? 5 : 0;
    if (!step) return;
    e.preventDefault();
    set({ height: Math.max(20, Math.min(85, height + step)) });
  };
  const onResizeStart = (e: React.PointerEvent) => {
    const parent = section.current?.parentElement;
    if (!parent) return;
    e.preventDefault();
    const rect = parent.getBoundingClientRect();
    trackPointer((ev) => set({ height: Math.max(20, Math.min(85, Math.round(((ev.clientY - rect.top) / rect.height) * 100))) }));
  };

  return (
    <>
      <section
        ref={section}
        className={`designer ${enlarged ? 'enlarged' : ''}`}
        style={enlarged ? undefined : { height: `${height}%` }}
        aria-label={t('designer')}
        data-testid="designer"
        data-layout-ms={layoutMs?.worker}
        data-layout-total-ms={layoutMs?.total}
      >
        <Toolbar project={project} report={report} arranging={arranging} onArrange={(alg) => void onArrange(alg)} onFit={() => void rf.fitView({ ...FIT, duration: 200 })} onExport={(k) => void onExport(k)} onPick={onPick} />
        <div className="designer-body">
          <Palette wide={showPalette} onAdd={(entry) => addSystem(entry, center())} />
          <div
            className={`designer-canvas ${pendingConnect ? 'connecting' : ''} ${far ? 'far' : ''}`}
            ref={wrapper}
            role="region"
            aria-label={t('designer')}
            aria-describedby="designer-help"
            onKeyDown={onKeyDown}
            onDragOver={(e) => {
              if (e.dataTransfer.types.includes(PALETTE_MIME)) {
                e.preventDefault();
                e.dataTransfer.dropEffect = 'copy';
              }
            }}
            onDrop={onDrop}
          >
            <p id="designer-help" className="sr-only">
              {t('keyboardHelp')}
            </p>
            <ReactFlow
              nodes={shownNodes}
              edges={shownEdges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={onConnect}
              onConnectEnd={onConnectEnd}
              onNodeClick={(_, n) => {
                if (pendingConnect && !n.id.startsWith('ghost:')) connect(pendingConnect, { systemId: n.id }, t('newFlowTitle'));
              }}
              onEdgeClick={(_, e) => selectFlow(e.id, true)}
              onNodeContextMenu={(e, n) => {
                e.preventDefault();
                if (n.id.startsWith('ghost:')) return set({ selGhost: n.id.slice(6), selSystems: [], selFlows: [] });
                if (!useCanvas.getState().selSystems.includes(n.id)) selectSystems([n.id]);
                set({ menu: { x: e.clientX, y: e.clientY, target: { type: 'system', id: n.id } } });
              }}
              onEdgeContextMenu={(e, ed) => {
                e.preventDefault();
                selectFlow(ed.id, false);
                set({ menu: { x: e.clientX, y: e.clientY, target: { type: 'flow', id: ed.id } } });
              }}
              onPaneContextMenu={(e) => {
                e.preventDefault();
                set({ menu: { x: e.clientX, y: e.clientY, target: { type: 'pane', flowPos: rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }) } } });
              }}
              onPaneClick={() => pendingConnect && set({ pendingConnect: undefined, notice: undefined })}
              onMoveEnd={updateLabels}
              onInit={() => setTimeout(updateLabels, 50)}
              fitView
              fitViewOptions={FIT}
              minZoom={0.02}
              maxZoom={2}
              onlyRenderVisibleElements={!exporting}
              deleteKeyCode={null}
              selectionKeyCode="Shift"
              multiSelectionKeyCode={['Control', 'Meta']}
              disableKeyboardA11y
              defaultEdgeOptions={{ markerEnd: { type: MarkerType.ArrowClosed } }}
              proOptions={{ hideAttribution: true }}
            >
              {bulkEdges.length > 0 && <FarEdges edges={bulkEdges} straight={far} />}
              {far && <FarNodes nodes={nodes} />}
              <DotGrid />
              {showMinimap && !far && <MiniMap pannable zoomable position="bottom-right" className="designer-minimap" nodeStrokeWidth={3} ariaLabel={t('designer')} />}
              <Controls position="bottom-left" showInteractive={false} />
            </ReactFlow>
            {notice && (
              <div className={`canvas-notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="canvas-notice">
                {notice.kind === 'error' && <strong>{t('refused')}: </strong>}
                {notice.text}
                <button className="notice-close" onClick={() => set({ notice: undefined, pendingConnect: undefined })} aria-label={t('close')}>
                  ×
                </button>
              </div>
            )}
          </div>
          {showInspector && (selSystems.length > 0 || selFlows.length > 0 || !!selGhost) && <Inspector project={project} report={report} statuses={statuses} />}
        </div>
        <ContextMenu project={project} onArrange={(alg) => void onArrange(alg)} onFit={() => void rf.fitView({ ...FIT, duration: 200 })} />
        <ConfirmDialog />
      </section>
      {!enlarged && (
        <div
          className="designer-resize"
          role="separator"
          aria-orientation="horizontal"
          aria-label={t('resize')}
          aria-valuemin={20}
          aria-valuemax={85}
          aria-valuenow={height}
          tabIndex={0}
          onKeyDown={onResizeKey}
          onPointerDown={onResizeStart}
          data-testid="designer-resize"
        />
      )}
    </>
  );
}

const farSelector = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;
/** Above this size a landscape counts as big: drawn in bulk when zoomed out or out of view. */
const BIG_SYSTEMS = 150;
const BIG_FLOWS = 300;
/** At most this many flows are live React Flow edges at once (a dense view draws the rest in bulk). */
const MAX_LIVE_EDGES = 150;
