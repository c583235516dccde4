/**
 * The system landscape: systems as nodes, message flows as edges. Nodes are derived from the model;
 * dragging ends in a system.move operation, so positions are saved and undoable.
 */
import {
  applyNodeChanges,
  Background,
  Controls,
  Handle,
  MarkerType,
  MiniMap,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeChange,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useState } from 'react';
import type { Project, System, SystemKind } from '../../core/model/project.ts';
import { useT } from '../i18n.ts';
import { useDoc } from '../state/doc.ts';
import { useSession } from '../state/session.ts';

const ICONS: Record<SystemKind, string> = {
  'application-assistant': '📝',
  'integration-hub': '🔀',
  'specialised-system': '🏛',
  'records-system': '🗄',
  register: '📇',
  'support-service': '🛠',
  'citizen-account': '👤',
  'mandatory-recipient': '📬',
  email: '✉',
};

const KIND_DE: Record<SystemKind, string> = {
  'application-assistant': 'Onlineantragsassistent',
  'integration-hub': 'Integrationsdienst',
  'specialised-system': 'Fachverfahren',
  'records-system': 'DMS / E-Akte',
  register: 'Register',
  'support-service': 'Unterstützungsdienst',
  'citizen-account': 'Servicekonto',
  'mandatory-recipient': 'Pflichtempfänger',
  email: 'E-Mail',
};

type SystemNodeData = { system: System };

function SystemNode({ data, selected }: NodeProps<Node<SystemNodeData>>) {
  const s = data.system;
  return (
    <div className={`sys-node kind-${s.kind} ${selected ? 'selected' : ''}`} data-system={s.id}>
      <Handle type="target" position={Position.Left} />
      <div className="sys-icon" aria-hidden="true">
        {ICONS[s.kind]}
      </div>
      <div>
        <div className="sys-name">{s.name}</div>
        <div className="sys-meta">
          {KIND_DE[s.kind]}
          {s.product ? ` · ${s.product}` : ''}
        </div>
        {s.adapters.length > 0 && <div className="sys-adapters">{s.adapters.map((a) => a.kind).join(', ')}</div>}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

const nodeTypes = { system: SystemNode };

function toNodes(p: Project): Node<SystemNodeData>[] {
  return p.systems.map((s) => ({ id: s.id, type: 'system', position: s.position, data: { system: s } }));
}

/** The landscape canvas of the open project. */
export function FlowCanvas({ project }: { project: Project }) {
  const t = useT();
  const dispatch = useDoc((s) => s.dispatch);
  const selectedFlowId = useSession((s) => s.selectedFlowId);
  const set = useSession((s) => s.set);
  const [nodes, setNodes] = useState(() => toNodes(project));
  useEffect(() => setNodes(toNodes(project)), [project.systems]); // eslint-disable-line react-hooks/exhaustive-deps

  const edges: Edge[] = useMemo(
    () =>
      project.flows.map((f) => ({
        id: f.id,
        source: f.from.systemId,
        target: f.to.systemId,
        label: `${f.scenarioCode} ${f.title}`,
        selected: f.id === selectedFlowId,
        markerEnd: { type: MarkerType.ArrowClosed },
        className: f.id === selectedFlowId ? 'flow-edge selected' : 'flow-edge',
        data: { flowId: f.id },
        ariaLabel: `${f.scenarioCode} ${f.title}`,
      })),
    [project.flows, selectedFlowId],
  );

  const onNodesChange = (changes: NodeChange<Node<SystemNodeData>>[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
    for (const c of changes) {
      if (c.type === 'position' && c.dragging === false && c.position) {
        dispatch({ type: 'system.move', systemId: c.id, position: { x: Math.round(c.position.x), y: Math.round(c.position.y) } });
      }
    }
  };

  return (
    <div className="canvas" aria-label={t('landscape')} role="region">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgeClick={(_, e) => set({ selectedFlowId: e.id, selectedTarget: undefined, pickedSource: undefined })}
        fitView
        proOptions={{ hideAttribution: true }}
        nodesConnectable={false}
      >
        <Background />
        <MiniMap pannable zoomable />
        <Controls />
      </ReactFlow>
    </div>
  );
}
