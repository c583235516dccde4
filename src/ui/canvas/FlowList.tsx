/**
 * The list of message flows under the canvas: scenario code, title, from → to, stage and status badge.
 * Follows the stage filter and the search; flows to missing systems are listed and marked.
 */
import { memo, useMemo } from 'react';
import type { FlowStatus } from '../../core/landscape/status.ts';
import { useSession } from '../state/session.ts';
import { selectFlow } from './actions.ts';
import type { LandscapeProject } from './landscape.ts';
import { stageMatches, useCanvas } from './store.ts';
import { statusLabel, useCanvasT } from './texts.ts';
import './canvas.css';

/** The flow list; like the canvas it is not re-rendered by a mapping edit (see ./landscape.ts). */
export const FlowList = memo(function FlowList({ project, statuses }: { project: LandscapeProject; statuses: Map<string, FlowStatus> }) {
  const t = useCanvasT();
  const lang = useSession((s) => s.lang);
  const selectedFlowId = useSession((s) => s.selectedFlowId);
  const stage = useCanvas((s) => s.stage);
  const search = useCanvas((s) => s.search.trim().toLowerCase());
  const names = useMemo(() => new Map(project.systems.map((s) => [s.id, s.name])), [project.systems]);
  const shown = project.flows.filter((f) => stageMatches(stage, f) && (!search || `${f.scenarioCode} ${f.title}`.toLowerCase().includes(search)));
  // Long landscapes: the list shows the first few hundred; the search narrows it down.
  const visible = shown.slice(0, 300);
  return (
    <nav className="flow-list" aria-label={t('flowsOf')}>
      <h2>
        {t('flowsOf')} {shown.length !== project.flows.length && <span className="muted small">({t('filtered', { shown: String(shown.length), all: String(project.flows.length) })})</span>}
      </h2>
      <ul>
        {visible.map((f) => {
          const from = names.get(f.from.systemId);
          const to = names.get(f.to.systemId);
          const st = statuses.get(f.id);
          return (
            <li key={f.id}>
              <button
                className={['flow-btn', f.id === selectedFlowId && 'on', (!from || !to) && 'dangling'].filter(Boolean).join(' ')}
                aria-pressed={f.id === selectedFlowId}
                onClick={() => selectFlow(f.id, true)}
                data-flow={f.id}
              >
                <strong>{f.scenarioCode}</strong> {f.title}{' '}
                <span className="muted">
                  {from ?? `⚠ ${f.from.systemId}`} → {to ?? `⚠ ${f.to.systemId}`}
                </span>
                {f.stage && <span className="stage-chip">{t('stageN', { n: String(f.stage) })}</span>}
                {st && <span className={`status-badge st-${st}`}>{statusLabel(st, lang)}</span>}
              </button>
            </li>
          );
        })}
        {shown.length > visible.length && <li className="muted small">… +{shown.length - visible.length}</li>}
      </ul>
    </nav>
  );
});
