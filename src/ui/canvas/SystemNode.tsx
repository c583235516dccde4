/**
 * A system on the canvas: icon, name, kind, product/vendor/version, and one row per adapter with
 * its own connection points (in on the left, out on the right). Findings mark the node and the row.
 */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { LandscapeIssue } from '../../core/landscape/validate.ts';
import type { System } from '../../core/model/project.ts';
import { useSession } from '../state/session.ts';
import { AdapterIcon, GhostIcon, SystemIcon } from './icons.tsx';
import { useCanvas } from './store.ts';
import { adapterLabel, kindLabel, useCanvasT } from './texts.ts';

/** Node data: derived from the model, no callbacks (they could not be saved or compared). */
export type SystemNodeData = { system: System; issues: LandscapeIssue[]; dim: boolean; hit: boolean };
export type GhostNodeData = { systemId: string; flows: number };

function SystemNodeView({ data, selected }: NodeProps<Node<SystemNodeData>>) {
  const lang = useSession((s) => s.lang);
  const t = useCanvasT();
  const selAdapter = useCanvas((s) => (s.selAdapter?.systemId === data.system.id ? s.selAdapter.adapterId : undefined));
  const s = data.system;
  const errors = data.issues.filter((i) => i.severity === 'error').length;
  const sysIssues = data.issues.filter((i) => i.subject.type === 'system');
  const rowIssues = (id: string) => data.issues.filter((i) => i.subject.type === 'adapter' && i.subject.id === id);
  const meta = [s.product, s.vendor, s.version && `v${s.version}`].filter(Boolean).join(' · ');
  const cls = ['ls-node', `kind-${s.kind}`, selected && 'selected', data.issues.length && (errors ? 'has-error' : 'has-warning'), data.dim && 'dim', data.hit && 'hit'];
  return (
    <div className={cls.filter(Boolean).join(' ')} data-system={s.id} title={data.issues.map((i) => i[lang]).join('\n') || undefined}>
      <Handle type="target" position={Position.Left} id="in" className="h-generic" />
      <div className="ls-head">
        <span className="ls-icon">
          <SystemIcon kind={s.kind} subKind={s.subKind} />
        </span>
        <div className="ls-title">
          <div className="ls-name">{s.name}</div>
          <div className="ls-kind">{kindLabel(s.kind, lang, s.subKind)}</div>
        </div>
        {data.issues.length > 0 && (
          <span className={`ls-badge ${errors ? 'error' : 'warning'}`} aria-label={t('findings', { n: String(data.issues.length) })}>
            !{data.issues.length}
          </span>
        )}
      </div>
      <div className="ls-meta">{meta || '\u00a0'}</div>
      {sysIssues.length > 0 && !s.adapters.length && <div className="ls-warn">{t('noAdapters')}</div>}
      <ul className="ls-adapters" aria-label={t('adapters')}>
        {s.adapters.map((a) => (
          <li
            key={a.id}
            className={['adapter-row', rowIssues(a.id).length && 'issue', selAdapter === a.id && 'on'].filter(Boolean).join(' ')}
            data-adapter={a.id}
            title={rowIssues(a.id).map((i) => i[lang]).join('\n') || undefined}
            onClick={() => useCanvas.getState().set({ selAdapter: { systemId: s.id, adapterId: a.id } })}
          >
            <Handle type="target" position={Position.Left} id={`in:${a.id}`} className="h-adapter" />
            <AdapterIcon kind={a.kind} />
            <span className="adapter-name">{a.name || adapterLabel(a.kind, lang)}</span>
            <span className="adapter-kind">{adapterLabel(a.kind, lang)}</span>
            <Handle type="source" position={Position.Right} id={`out:${a.id}`} className="h-adapter" />
          </li>
        ))}
      </ul>
      <Handle type="source" position={Position.Right} id="out" className="h-generic" />
    </div>
  );
}

function GhostNodeView({ data, selected }: NodeProps<Node<GhostNodeData>>) {
  const t = useCanvasT();
  return (
    <div className={`ls-node ghost ${selected ? 'selected' : ''}`} data-ghost={data.systemId} title={t('deletedHint')}>
      <Handle type="target" position={Position.Left} id="in" className="h-generic" />
      <div className="ls-head">
        <span className="ls-icon">
          <GhostIcon />
        </span>
        <div className="ls-title">
          <div className="ls-name">{data.systemId}</div>
          <div className="ls-kind">{t('deleted')}</div>
        </div>
      </div>
      <Handle type="source" position={Position.Right} id="out" className="h-generic" />
    </div>
  );
}

export const SystemNode = memo(SystemNodeView);
export const GhostNode = memo(GhostNodeView);
