/**
 * The mapper: source tree left, target tree right, links between them drawn for visible rows.
 * Links are made by drag and drop or, for keyboard users, by picking a source (Space), picking a
 * target (Space) and pressing L. Every edit is a core operation, so undo/redo covers it.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Diagnostic } from '../../core/diagnostics.ts';
import { sourcePaths } from '../../core/model/expr.ts';
import { proposeAutoMap } from '../../core/mapping/automap.ts';
import { linkManyOp, linkOp } from '../../core/model/ops.ts';
import type { Flow, Project } from '../../core/model/project.ts';
import { messageTree } from '../../core/schema/index.ts';
import { stripInstances, type SchemaTree } from '../../core/schema/types.ts';
import { useT } from '../i18n.ts';
import { useDoc } from '../state/doc.ts';
import { useSession } from '../state/session.ts';
import { shortPath } from './describe.ts';
import { Inspector } from './Inspector.tsx';
import { InspectorResize } from './InspectorResize.tsx';
import { useLayout } from '../state/layout.ts';
import { ParamsPanel, ValueMapsPanel } from './TablesPanel.tsx';
import { useMapperT } from './texts.ts';
import './mapper.css';
import { ancestors, rowIndexOf, visibleRows } from './rows.ts';
import { ROW_H, TreeView } from './TreeView.tsx';

const GUTTER = 140;

function initialExpanded(tree: SchemaTree | undefined, paths: string[]): Set<string> {
  const s = new Set<string>();
  if (!tree) return s;
  s.add(tree.root.path);
  for (const p of paths) for (const a of ancestors(p)) s.add(a);
  return s;
}

export interface MapperProps {
  project: Project;
  flow: Flow;
  diagnostics: Diagnostic[];
}

/** The mapping editor of one flow. */
export function Mapper({ project, flow, diagnostics }: MapperProps) {
  const t = useT();
  const dispatch = useDoc((s) => s.dispatch);
  // The language too: the schema findings and field help are worded when the schema is imported (the
  // import cache keys on the message language, so a switch re-imports once; expansions are kept by path).
  const { pickedSource, selectedTarget, set, lang } = useSession();
  const src = useMemo(() => messageTree(project.schemas, flow.source), [project.schemas, flow.source, lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const tgt = useMemo(() => messageTree(project.schemas, flow.target), [project.schemas, flow.target, lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const rules = flow.mapping.rules;
  const mappedTargets = useMemo(() => new Set(rules.map((r) => r.target)), [rules]);
  const mappedSources = useMemo(() => {
    const s = new Set<string>();
    for (const r of rules) {
      for (const p of sourcePaths(r.value)) s.add(p);
      if (r.forEach) s.add(r.forEach.source);
    }
    return s;
  }, [rules]);
  // Marked in the target tree: required fields without mapping, and nodes the output failed validation at.
  const validationTargets = useSession((s) => s.validationTargets);
  const warn = useMemo(
    () =>
      new Set([
        ...diagnostics.filter((d) => d.code === 'mapping.required-unmapped' && d.location?.path).map((d) => d.location!.path!),
        ...(validationTargets ?? []),
      ]),
    [diagnostics, validationTargets],
  );

  const [srcOpen, setSrcOpen] = useState(() => initialExpanded(src.tree, [...mappedSources]));
  const [tgtOpen, setTgtOpen] = useState(() => initialExpanded(tgt.tree, [...mappedTargets, ...warn]));
  useEffect(() => {
    setSrcOpen(initialExpanded(src.tree, [...mappedSources]));
    setTgtOpen(initialExpanded(tgt.tree, [...mappedTargets]));
    // Re-initialise only when another flow is opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flow.id]);
  const [srcTop, setSrcTop] = useState(0);
  const [tgtTop, setTgtTop] = useState(0);
  const [activeSrc, setActiveSrc] = useState<string>();
  const [hoverRule, setHoverRule] = useState<string>();
  const box = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(300);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(Math.max(120, el.clientHeight)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const srcRows = useMemo(() => (src.tree ? visibleRows(src.tree, srcOpen) : []), [src.tree, srcOpen]);
  const tgtRows = useMemo(() => (tgt.tree ? visibleRows(tgt.tree, tgtOpen) : []), [tgt.tree, tgtOpen]);
  const srcIndex = useMemo(() => new Map(srcRows.map((r, i) => [r.node.path, i])), [srcRows]);
  const tgtIndex = useMemo(() => new Map(tgtRows.map((r, i) => [r.node.path, i])), [tgtRows]);

  // A target chosen from elsewhere (a finding, the trace) opens its ancestors, so the tree can show it.
  useEffect(() => {
    if (!selectedTarget || tgtIndex.has(selectedTarget)) return;
    const up = ancestors(selectedTarget);
    setTgtOpen((prev) => (up.every((a) => prev.has(a)) ? prev : new Set([...prev, ...up])));
  }, [selectedTarget]); // eslint-disable-line react-hooks/exhaustive-deps

  const toggle = (setter: typeof setSrcOpen) => (path: string) =>
    setter((prev) => {
      const next = new Set(prev);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  const link = (source: string, target: string) => {
    const node = tgt.tree?.find(target);
    if (!node) return;
    dispatch(linkOp(flow, source, target));
    set({ pickedSource: undefined, selectedTarget: target });
  };

  const onTargetKey = (e: KeyboardEvent, path: string) => {
    if ((e.key === 'l' || e.key === 'L') && pickedSource) {
      e.preventDefault();
      link(pickedSource, path);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      const r = rules.find((x) => x.target === path);
      if (r) {
        e.preventDefault();
        dispatch({ type: 'rule.remove', flowId: flow.id, ruleId: r.id });
      }
    }
  };

  // Lines: one per (rule, source path), between the rows (or nearest visible ancestors).
  const lines = useMemo(() => {
    const out: { key: string; ruleId: string; y1: number; y2: number; kind: 'value' | 'loop' }[] = [];
    for (const r of rules) {
      const ti = rowIndexOf(tgtIndex, r.target);
      if (ti === undefined) continue;
      const y2 = ti * ROW_H + ROW_H / 2 - tgtTop;
      const add = (p: string, kind: 'value' | 'loop') => {
        const si = rowIndexOf(srcIndex, p);
        if (si === undefined) return;
        const y1 = si * ROW_H + ROW_H / 2 - srcTop;
        if ((y1 < -ROW_H && y2 < -ROW_H) || (y1 > height + ROW_H && y2 > height + ROW_H)) return;
        // A row scrolled out of view: the line ends at the tree's edge instead of running over the headings.
        const edge = (y: number) => Math.max(0, Math.min(height - 28, y));
        out.push({ key: `${r.id}:${p}:${kind}`, ruleId: r.id, y1: edge(y1), y2: edge(y2), kind });
      };
      for (const p of sourcePaths(r.value)) add(p, 'value');
      if (r.forEach) add(r.forEach.source, 'loop');
    }
    return out;
  }, [rules, srcIndex, tgtIndex, srcTop, tgtTop, height]);

  const selRule = rules.find((r) => r.target === selectedTarget);
  // Declared before the memo below, which calls it while rendering (else a TDZ crash).
  const mt = useMapperT();
  // Links whose fields no longer exist after a schema change (the compiler finds them): shown, never silently dropped.
  const dangling = useMemo(
    () =>
      diagnostics
        .filter((d) => d.code === 'mapping.dangling-target' || d.code === 'mapping.dangling-source')
        .map((d) => ({ ruleId: d.location?.path?.replace(/^rule:/, '') ?? '', what: d.message })),
    [diagnostics],
  );
  const [tab, setTab] = useState<'mapping' | 'tables' | 'paramsVars'>('mapping');
  const inspectorPx = useLayout((s) => s.inspectorPx);
  const [autoMsg, setAutoMsg] = useState('');

  const autoMap = () => {
    if (!src.tree || !tgt.tree) return;
    const props = proposeAutoMap(flow, src.tree, tgt.tree);
    if (props.length) {
      dispatch(linkManyOp(flow, props));
      setTgtOpen((prev) => new Set([...prev, ...props.flatMap((p) => ancestors(p.target))]));
      setSrcOpen((prev) => new Set([...prev, ...props.flatMap((p) => ancestors(p.source))]));
    }
    setAutoMsg(props.length ? mt('autoMapDone', { n: String(props.length) }) : mt('autoMapNone'));
  };

  if (!src.tree || !tgt.tree) {
    return (
      <div className="mapper-error" role="alert">
        {[...src.diagnostics, ...tgt.diagnostics].filter((d) => d.severity === 'error').map((d, i) => (
          <p key={i}>{d.message}</p>
        ))}
      </div>
    );
  }

  return (
    <div className="mapper">
      <div className="mapper-bar">
        <p className="hint" id="link-hint">
          {t('linkHint')}
        </p>
        <button type="button" onClick={autoMap} data-testid="automap">
          {mt('autoMap')}
        </button>
        <span role="status" className="muted small">
          {autoMsg}
        </span>
      </div>
      {dangling.length > 0 && (
        <details className="dangling" role="alert" data-testid="dangling">
          <summary>{mt('dangling', { n: String(dangling.length) })}</summary>
          <ul>
            {dangling.map((d, i) => (
              <li key={i}>
                <code>[{d.ruleId}]</code> {d.what}{' '}
                <button type="button" className="small-btn" onClick={() => dispatch({ type: 'rule.remove', flowId: flow.id, ruleId: d.ruleId })}>
                  {mt('removeRule')}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="mapper-cols" ref={box}>
        <div className="col">
          <h3>
            {t('source')}: {flow.source?.root.local}
          </h3>
          <TreeView
            side="source"
            label={t('source')}
            rows={srcRows}
            tree={src.tree}
            mapped={mappedSources}
            active={activeSrc}
            picked={pickedSource}
            scrollTop={srcTop}
            height={height - 28}
            onScroll={setSrcTop}
            onToggle={toggle(setSrcOpen)}
            onActivate={setActiveSrc}
            onPick={(p) => set({ pickedSource: pickedSource === p ? undefined : p })}
          />
        </div>
        <svg className="links" width={GUTTER} height={height - 28} aria-hidden="true" style={{ marginTop: 28 }}>
          {lines.map((l) => {
            const hi = hoverRule === l.ruleId || selRule?.id === l.ruleId;
            return (
              <path
                key={l.key}
                d={`M0,${l.y1} C${GUTTER / 2},${l.y1} ${GUTTER / 2},${l.y2} ${GUTTER},${l.y2}`}
                className={`link ${l.kind} ${hi ? 'hi' : ''}`}
                data-rule={l.ruleId}
                onMouseEnter={() => setHoverRule(l.ruleId)}
                onMouseLeave={() => setHoverRule(undefined)}
                onClick={() => {
                  const r = rules.find((x) => x.id === l.ruleId);
                  if (r) set({ selectedTarget: r.target, selectedRuleId: r.id });
                }}
              />
            );
          })}
        </svg>
        <div className="col">
          <h3>
            {t('target')}: {flow.target?.root.local}
          </h3>
          <TreeView
            side="target"
            label={t('target')}
            rows={tgtRows}
            tree={tgt.tree}
            mapped={mappedTargets}
            warn={warn}
            active={selectedTarget}
            scrollTop={tgtTop}
            height={height - 28}
            onScroll={setTgtTop}
            onToggle={toggle(setTgtOpen)}
            onActivate={(p) => set({ selectedTarget: p, selectedRuleId: rules.find((r) => r.target === p)?.id })}
            onPick={(p) => (pickedSource ? link(pickedSource, p) : set({ selectedTarget: p }))}
            onDropSource={link}
            onKey={onTargetKey}
          />
        </div>
      </div>
      <InspectorResize height={inspectorPx} />
      <section className="inspector" aria-label={mt('inspector')} style={{ height: inspectorPx }}>
        <div role="tablist" aria-label={mt('inspector')} className="insp-tabs">
          {(['mapping', 'tables', 'paramsVars'] as const).map((k) => (
            <button key={k} role="tab" aria-selected={tab === k} className={tab === k ? 'tab on' : 'tab'} onClick={() => setTab(k)} data-insp-tab={k}>
              {mt(k)}
            </button>
          ))}
          {pickedSource && (
            <span className="picked">
              {t('pickedSource')}: <code>{shortPath(pickedSource, 4)}</code>
            </span>
          )}
        </div>
        <div className="insp-scroll">
          {tab === 'mapping' && <Inspector flow={flow} target={selectedTarget ? tgt.tree.find(stripInstances(selectedTarget)) && { ...tgt.tree.find(stripInstances(selectedTarget))!, path: selectedTarget } : undefined} rule={selRule} />}
          {tab === 'tables' && <ValueMapsPanel flow={flow} />}
          {tab === 'paramsVars' && <ParamsPanel flow={flow} />}
        </div>
      </section>
    </div>
  );
}
