/**
 * The mapper: source tree left, target tree right, links between them drawn for visible rows.
 * Links are made by drag and drop or, for keyboard users, by picking a source (Space), picking a
 * target (Space) and pressing L. Every edit is a core operation, so undo/redo covers it.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Diagnostic } from '../../core/diagnostics.ts';
import { sourcePaths } from '../../core/model/expr.ts';
import { linkOp, setValueOp } from '../../core/model/ops.ts';
import type { Flow, Project } from '../../core/model/project.ts';
import { messageTree } from '../../core/schema/index.ts';
import type { SchemaTree } from '../../core/schema/types.ts';
import { useT } from '../i18n.ts';
import { useDoc } from '../state/doc.ts';
import { useSession } from '../state/session.ts';
import { describeExpr, shortPath } from './describe.ts';
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
  const { pickedSource, selectedTarget, set } = useSession();
  const src = useMemo(() => messageTree(project.schemas, flow.source), [project.schemas, flow.source]);
  const tgt = useMemo(() => messageTree(project.schemas, flow.target), [project.schemas, flow.target]);
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
  const warn = useMemo(
    () => new Set(diagnostics.filter((d) => d.code === 'mapping.required-unmapped' && d.location?.path).map((d) => d.location!.path!)),
    [diagnostics],
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
        out.push({ key: `${r.id}:${p}:${kind}`, ruleId: r.id, y1, y2, kind });
      };
      for (const p of sourcePaths(r.value)) add(p, 'value');
      if (r.forEach) add(r.forEach.source, 'loop');
    }
    return out;
  }, [rules, srcIndex, tgtIndex, srcTop, tgtTop, height]);

  const selRule = rules.find((r) => r.target === selectedTarget);
  const [constText, setConstText] = useState('');
  useEffect(() => {
    setConstText(selRule?.value?.kind === 'const' ? selRule.value.value : '');
  }, [selRule]);

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
      <p className="hint" id="link-hint">
        {t('linkHint')}
      </p>
      <div className="mapper-cols" ref={box}>
        <div className="col">
          <h3>
            {t('source')}: {flow.source?.root.local}
          </h3>
          <TreeView
            side="source"
            label={t('source')}
            rows={srcRows}
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
      <section className="inspector" aria-label="Inspektor">
        {pickedSource && (
          <div className="picked">
            {t('pickedSource')}: <code>{shortPath(pickedSource, 4)}</code>
          </div>
        )}
        {selectedTarget ? (
          <div className="target-info">
            <div>
              <strong>{shortPath(selectedTarget, 4)}</strong>{' '}
              <span className="muted">{selRule ? `[${selRule.id}] ← ${describeExpr(selRule.value)}` : '–'}</span>
              {selRule?.forEach && (
                <span className="muted">
                  {' '}
                  · {t('loop')} {shortPath(selRule.forEach.source)}
                </span>
              )}
              {selRule?.condition && (
                <span className="muted">
                  {' '}
                  · {t('condition')}: {describeExpr(selRule.condition)}
                </span>
              )}
            </div>
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault();
                dispatch(setValueOp(flow, selectedTarget, { kind: 'const', value: constText }));
              }}
            >
              <label>
                {t('constant')}{' '}
                <input value={constText} onChange={(e) => setConstText(e.target.value)} aria-label={t('constant')} />
              </label>
              <button type="submit">{t('setConstant')}</button>
              {pickedSource && (
                <button type="button" onClick={() => link(pickedSource, selectedTarget)}>
                  {t('link')}
                </button>
              )}
              {selRule && (
                <button type="button" onClick={() => dispatch({ type: 'rule.remove', flowId: flow.id, ruleId: selRule.id })}>
                  {t('removeRule')}
                </button>
              )}
            </form>
          </div>
        ) : null}
      </section>
    </div>
  );
}
