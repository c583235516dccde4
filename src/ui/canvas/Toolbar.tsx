/** The designer's toolbar: search, stage filter, arrange, fit, export, panels, enlarge, undo/redo. */
import { useMemo, useState } from 'react';
import type { LandscapeReport } from '../../core/landscape/validate.ts';
import { useDoc } from '../state/doc.ts';
import type { LandscapeProject } from './landscape.ts';
import { useSession } from '../state/session.ts';
import { useCanvas, type CanvasState } from './store.ts';
import { kindLabel, useCanvasT } from './texts.ts';

export interface SearchHit {
  type: 'system' | 'flow';
  id: string;
  label: string;
}

/** Systems and flows whose name, product, vendor, kind, code or title contain the query. */
export function searchLandscape(p: LandscapeProject, query: string, lang: 'de' | 'en', limit = 30): SearchHit[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const out: SearchHit[] = [];
  for (const s of p.systems) {
    if ([s.name, s.product, s.vendor, s.id, kindLabel(s.kind, lang, s.subKind)].some((x) => x?.toLowerCase().includes(q))) out.push({ type: 'system', id: s.id, label: s.name });
    if (out.length >= limit) return out;
  }
  for (const f of p.flows) {
    if ([f.scenarioCode, f.title, f.id].some((x) => x.toLowerCase().includes(q))) out.push({ type: 'flow', id: f.id, label: `${f.scenarioCode} ${f.title}` });
    if (out.length >= limit) return out;
  }
  return out;
}

interface Props {
  project: LandscapeProject;
  report: LandscapeReport;
  arranging: boolean;
  onArrange(algorithm: 'elk' | 'grid'): void;
  onFit(): void;
  onExport(kind: 'svg' | 'png'): void;
  onPick(hit: SearchHit): void;
}

export function Toolbar({ project, report, arranging, onArrange, onFit, onExport, onPick }: Props) {
  const t = useCanvasT();
  const lang = useSession((s) => s.lang);
  const { search, stage, enlarged, showPalette, showInspector, showMinimap, set } = useCanvas();
  const undo = useDoc((s) => s.undo);
  const redo = useDoc((s) => s.redo);
  const canUndo = useDoc((s) => s.past.length > 0);
  const canRedo = useDoc((s) => s.future.length > 0);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const hits = useMemo(() => searchLandscape(project, search, lang), [project, search, lang]);
  const errors = report.all.filter((i) => i.severity === 'error').length;
  const pick = (h: SearchHit) => {
    setOpen(false);
    onPick(h);
  };
  return (
    <div className="designer-toolbar" role="toolbar" aria-label={t('designer')}>
      <button aria-pressed={showPalette} onClick={() => set({ showPalette: !showPalette })} className={showPalette ? 'on' : ''}>
        {t('showPalette')}
      </button>
      <div className="search-box">
        <input
          type="search"
          role="combobox"
          aria-label={t('search')}
          aria-expanded={open && hits.length > 0}
          aria-controls="landscape-search-hits"
          aria-activedescendant={open && hits[active] ? `hit-${active}` : undefined}
          placeholder={t('searchPlaceholder')}
          value={search}
          data-testid="landscape-search"
          onChange={(e) => {
            set({ search: e.target.value });
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, hits.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter' && hits[active]) {
              e.preventDefault();
              pick(hits[active]);
            } else if (e.key === 'Escape') {
              set({ search: '' });
              setOpen(false);
            }
          }}
        />
        {open && search.trim() && (
          <ul id="landscape-search-hits" role="listbox" className="search-hits" aria-label={t('search')}>
            {hits.length === 0 && <li className="muted">{t('noHits')}</li>}
            {hits.map((h, i) => (
              <li
                key={`${h.type}:${h.id}`}
                id={`hit-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'on' : ''}
                data-hit={`${h.type}:${h.id}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(h);
                }}
              >
                <span className="muted small">{h.type === 'system' ? t('system') : t('flow')}</span> {h.label}
              </li>
            ))}
          </ul>
        )}
      </div>
      <label className="stage-filter">
        <span className="sr-only">{t('stage')}</span>
        <select
          aria-label={t('stage')}
          value={String(stage)}
          data-testid="stage-filter"
          onChange={(e) => {
            const v = e.target.value;
            set({ stage: (v === 'all' || v === 'none' ? v : Number(v)) as CanvasState['stage'] });
          }}
        >
          <option value="all">{t('allStages')}</option>
          {[1, 2, 3, 4].map((n) => (
            <option key={n} value={n}>
              {t('stageN', { n: String(n) })}
            </option>
          ))}
          <option value="none">{t('noStage')}</option>
        </select>
      </label>
      <button onClick={() => onArrange('elk')} disabled={arranging} data-testid="arrange" title={t('layout')} aria-label={t('layout')}>
        {arranging ? t('layoutRunning') : t('layoutShort')}
      </button>
      <button onClick={() => onArrange('grid')} disabled={arranging} data-testid="arrange-grid" title={t('layoutGrid')} aria-label={t('layoutGrid')}>
        {t('layoutGridShort')}
      </button>
      <button onClick={onFit}>{t('fit')}</button>
      <button aria-pressed={showMinimap} className={showMinimap ? 'on' : ''} onClick={() => set({ showMinimap: !showMinimap })} title={t('minimap')}>
        {t('minimapShort')}
      </button>
      <button onClick={() => onExport('svg')} data-testid="export-svg" title={t('exportSvg')} aria-label={t('exportSvg')}>
        SVG
      </button>
      <button onClick={() => onExport('png')} data-testid="export-png" title={t('exportPng')} aria-label={t('exportPng')}>
        PNG
      </button>
      {enlarged && (
        <>
          <button onClick={undo} disabled={!canUndo} title="Strg+Z" aria-label={t('undo')}>
            ↶
          </button>
          <button onClick={redo} disabled={!canRedo} title="Strg+Y" aria-label={t('redo')}>
            ↷
          </button>
        </>
      )}
      <span className={`findings ${errors ? 'error' : report.all.length ? 'warning' : ''}`} role="status" data-testid="findings">
        {report.all.length === 1 ? t('finding1') : report.all.length ? t('findings', { n: String(report.all.length) }) : t('noFindings')}
      </span>
      <span className="spacer" />
      <button aria-pressed={showInspector} onClick={() => set({ showInspector: !showInspector })} className={showInspector ? 'on' : ''}>
        {t('showInspector')}
      </button>
      <button aria-pressed={enlarged} onClick={() => set({ enlarged: !enlarged })} data-testid="enlarge">
        {enlarged ? t('shrink') : t('enlarge')}
      </button>
    </div>
  );
}
