/**
 * A virtualised, keyboard-operable schema tree (ARIA tree pattern). Fixed row height lets the mapper
 * compute link positions without measuring the DOM: row i is at i * ROW_H in the scroll container.
 *
 * Besides moving and expanding (arrows, Home/End, PageUp/Down), the tree can be searched by name,
 * label, path and documentation (Ctrl+F or "/", Enter/F3 next, Shift+Enter/Shift+F3 previous; with
 * `tree` given the whole tree is searched, else the visible rows) — matches are highlighted and the
 * tree expands to the current one — and shows a node's details (key `i` or the ⓘ button). The
 * search field and the details float over the rows, so they never shift them.
 */
import { memo, useEffect, useMemo, useRef, useState, type CSSProperties, type DragEvent, type KeyboardEvent, type ReactNode } from 'react';
import { labelOf } from '../../core/schema/json/paths.ts';
import type { SchemaTree } from '../../core/schema/types.ts';
import { NodeDetails } from '../schema/NodeDetails.tsx';
import { useSchemaT } from '../schema/texts.ts';
import '../schema/tree.css';
import { DEFAULT_LIMITS, splitMatch } from '../schema/treeSearch.ts';
import { readablePath, revealStep, type Row, useTreeSearch } from './rows.ts';

export const ROW_H = 24;

export interface TreeViewProps {
  side: 'source' | 'target';
  label: string;
  rows: Row[];
  /** Paths with a mapping (source: read by some rule; target: filled by a rule). */
  mapped: ReadonlySet<string>;
  /** Target paths that are required but unmapped. */
  warn?: ReadonlySet<string>;
  active?: string;
  picked?: string;
  scrollTop: number;
  height: number;
  /** The whole tree, for search beyond the expanded rows (optional: without it only rows are searched). */
  tree?: SchemaTree;
  onScroll(top: number): void;
  onToggle(path: string): void;
  onActivate(path: string): void;
  onPick(path: string): void;
  onDropSource?(sourcePath: string, targetPath: string): void;
  onKey?(e: KeyboardEvent, path: string): void;
}

const OVERSCAN = 8;

function card(min: number, max: number | null): string {
  return `${min}..${max === null ? 'n' : max}`;
}

function marked(text: string, q: string): ReactNode {
  const m = splitMatch(text, q);
  return m ? (
    <>
      {m[0]}
      <mark>{m[1]}</mark>
      {m[2]}
    </>
  ) : (
    text
  );
}

const DETAILS_W = 440;
const DETAILS_H = 420;

// The details float in the viewport (position: fixed) below the row, or above it near the bottom,
// so they are readable however small the tree pane is.
function detailsPosition(scroller: HTMLElement | null, rowTop: number): CSSProperties {
  if (!scroller) return { visibility: 'hidden' };
  const box = scroller.getBoundingClientRect();
  const top = box.top + Math.min(Math.max(rowTop, 0), box.height - ROW_H);
  const left = Math.max(8, Math.min(box.left + 24, window.innerWidth - DETAILS_W - 8));
  const below = top + ROW_H + 2;
  if (below + DETAILS_H < window.innerHeight || top < window.innerHeight / 2) return { top: below, left, width: DETAILS_W, maxHeight: Math.max(160, window.innerHeight - below - 8) };
  return { bottom: window.innerHeight - top + 2, left, width: DETAILS_W, maxHeight: Math.max(160, top - 8) };
}

interface TreeRowProps {
  r: Row;
  i: number;
  side: 'source' | 'target';
  cls: string;
  /** The query to mark in name and label, '' when the row is no search hit. */
  hitQuery: string;
  tabbable: boolean;
  active: boolean;
  infoLabel: string;
}

// One row; memoised and without handlers of its own (the list delegates events), so scrolling
// only creates the few elements of the rows that come into view.
const TreeRow = memo(function TreeRow({ r, i, side, cls, hitQuery, tabbable, active, infoLabel }: TreeRowProps) {
  const n = r.node;
  const path = n.path;
  const typeText = n.simple ? n.simple.builtin : n.typeName ? n.typeName.local : '';
  const label = labelOf(n);
  return (
    <div
      className={cls}
      role="treeitem"
      aria-level={r.depth + 1}
      aria-expanded={n.hasChildren ? r.expanded : undefined}
      aria-selected={active}
      aria-describedby={hitQuery ? `${side}-hit-hint` : undefined}
      tabIndex={tabbable ? 0 : -1}
      data-path={path}
      data-index={i}
      style={{ top: i * ROW_H, height: ROW_H, paddingLeft: 4 + r.depth * 14 }}
      draggable={side === 'source'}
      title={(n.documentation ?? path).slice(0, 400)}
    >
      <span className="twisty" aria-hidden="true">
        {n.hasChildren ? (r.expanded ? '▾' : '▸') : ''}
      </span>
      <span className={n.kind === 'attribute' ? 'name attr' : 'name'}>
        {n.kind === 'attribute' ? '@' : ''}
        {hitQuery ? marked(n.name.local, hitQuery) : n.name.local}
      </span>
      {label && label !== n.name.local && <span className="label">{hitQuery ? marked(label, hitQuery) : label}</span>}
      <span className="card">
        {card(n.minOccurs, n.maxOccurs)}
        {typeText && ` ${typeText}`}
      </span>
      {n.simple?.enumeration && (
        <span className="codes" aria-hidden="true" title={`${n.simple.enumeration.length} Codes`}>
          ≡
        </span>
      )}
      {cls.includes(' warn') && (
        <span className="badge warn" title="Pflichtfeld ohne Zuordnung">
          !
        </span>
      )}
      {cls.includes(' mapped') && (
        <span className="badge ok" aria-label="zugeordnet">
          ●
        </span>
      )}
      {active && (
        <button type="button" className="info" tabIndex={-1} aria-label={infoLabel} title={infoLabel}>
          i
        </button>
      )}
    </div>
  );
});

/** Renders only the rows in view. */
export function TreeView(p: TreeViewProps) {
  const t = useSchemaT();
  const ref = useRef<HTMLDivElement>(null);
  const findInput = useRef<HTMLInputElement>(null);
  const [findOpen, setFindOpen] = useState(false);
  const [details, setDetails] = useState(false);
  const index = useMemo(() => new Map(p.rows.map((r, i) => [r.node.path, i])), [p.rows]);
  const search = useTreeSearch(p.tree, p.rows);
  const [reveal, setReveal] = useState<string>();
  const first = Math.max(0, Math.floor(p.scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(p.rows.length, Math.ceil((p.scrollTop + p.height) / ROW_H) + OVERSCAN);
  const activeIndex = p.active !== undefined ? (index.get(p.active) ?? -1) : -1;

  // The active path last scrolled into view: the tree follows the active node when it changes (keyboard,
  // search, trace), not when rows above it expand or reload, which would yank away what the user scrolled to.
  const scrolledTo = useRef<string>(undefined);
  useEffect(() => {
    const el = ref.current;
    if (!el || activeIndex < 0 || scrolledTo.current === p.active) return;
    scrolledTo.current = p.active;
    const top = activeIndex * ROW_H;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_H - el.clientHeight;
  }, [activeIndex, p.active]);

  useEffect(() => {
    // Move focus to the active row if focus is inside this tree.
    const el = ref.current;
    if (!el || !el.contains(document.activeElement)) return;
    const row = el.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    row?.focus({ preventScroll: true });
  }, [activeIndex]);

  useEffect(() => {
    // Expands, one ancestor per render, down to a search hit, then makes it the active row.
    if (!reveal) return;
    const step = revealStep(p.rows, index, reveal);
    if (step.kind === 'found') {
      setReveal(undefined);
      p.onActivate(reveal);
    } else if (step.kind === 'expand') p.onToggle(step.path);
    else setReveal(undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal, p.rows]);

  const goTo = (delta: 1 | -1) => {
    const path = search.step(delta);
    if (path) setReveal(path);
  };
  useEffect(() => {
    // The first hit of a new query is shown at once, like a browser's find.
    if (search.current === 0 && search.matches.length) setReveal(search.matches[0]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search.query, search.matches.length > 0]);

  const move = (delta: number) => {
    const i = Math.min(p.rows.length - 1, Math.max(0, (activeIndex < 0 ? 0 : activeIndex) + delta));
    p.onActivate(p.rows[i].node.path);
  };

  const openFind = () => {
    setFindOpen(true);
    requestAnimationFrame(() => findInput.current?.select());
  };
  const focusActive = () => {
    requestAnimationFrame(() => ref.current?.querySelector<HTMLElement>(`[data-index="${Math.max(0, activeIndex)}"]`)?.focus());
  };

  const onKeyDown = (e: KeyboardEvent, r: Row) => {
    if ((e.key === 'f' && (e.ctrlKey || e.metaKey)) || (e.key === '/' && !e.ctrlKey)) {
      e.preventDefault();
      openFind();
      return;
    }
    if (e.key === 'F3') {
      e.preventDefault();
      goTo(e.shiftKey ? -1 : 1);
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) {
      p.onKey?.(e, r.node.path);
      return;
    }
    switch (e.key) {
      case 'ArrowDown':
        move(1);
        break;
      case 'ArrowUp':
        move(-1);
        break;
      case 'Home':
        move(-p.rows.length);
        break;
      case 'End':
        move(p.rows.length);
        break;
      case 'PageDown':
        move(Math.floor(p.height / ROW_H));
        break;
      case 'PageUp':
        move(-Math.floor(p.height / ROW_H));
        break;
      case 'ArrowRight':
        if (r.node.hasChildren && !r.expanded) p.onToggle(r.node.path);
        else move(1);
        break;
      case 'ArrowLeft':
        if (r.expanded) p.onToggle(r.node.path);
        else {
          const parent = p.rows.slice(0, activeIndex).reverse().find((x) => x.depth < r.depth);
          if (parent) p.onActivate(parent.node.path);
        }
        break;
      case ' ':
      case 'Enter':
        p.onPick(r.node.path);
        break;
      case 'i':
        if (p.active !== r.node.path) p.onActivate(r.node.path);
        setDetails((d) => !d);
        break;
      case 'Escape':
        if (!details) return;
        setDetails(false);
        break;
      default:
        p.onKey?.(e, r.node.path);
        return;
    }
    e.preventDefault();
  };

  const drop = (e: DragEvent, path: string) => {
    const src = e.dataTransfer.getData('application/x-regelwerk-source');
    if (src && p.onDropSource) {
      e.preventDefault();
      p.onDropSource(src, path);
    }
  };

  // Events of all rows, delegated: the row is found from the event target.
  const rowAt = (target: EventTarget): Row | undefined => {
    const el = (target as HTMLElement).closest?.<HTMLElement>('[data-index]');
    return el ? p.rows[Number(el.dataset.index)] : undefined;
  };

  const tabIndexPath = p.active && activeIndex >= 0 ? p.active : p.rows[0]?.node.path;
  const q = search.query.trim();
  const currentHit = search.current >= 0 ? search.matches[search.current] : undefined;
  const detailRow = details && activeIndex >= 0 ? p.rows[activeIndex] : undefined;
  const detailStyle = detailRow ? detailsPosition(ref.current, activeIndex * ROW_H - p.scrollTop) : undefined;

  return (
    <div className={`tree-wrap tree-wrap-${p.side}`} style={{ height: p.height }}>
      <div
        ref={ref}
        className={`tree tree-${p.side}`}
        role="tree"
        aria-label={p.label}
        onScroll={(e) => p.onScroll((e.target as HTMLDivElement).scrollTop)}
        style={{ height: p.height }}
      >
        <div
          style={{ height: p.rows.length * ROW_H, position: 'relative' }}
          onClick={(e) => {
            const r = rowAt(e.target);
            if (!r) return;
            const el = e.target as HTMLElement;
            if (el.closest('.twisty')) {
              if (r.node.hasChildren) p.onToggle(r.node.path);
            } else if (el.closest('.info')) setDetails((d) => !d);
            else p.onActivate(r.node.path);
          }}
          onKeyDown={(e) => {
            const r = rowAt(e.target);
            if (r) onKeyDown(e, r);
          }}
          onDragStart={(e) => {
            const r = rowAt(e.target);
            if (!r || p.side !== 'source') return;
            e.dataTransfer.setData('application/x-regelwerk-source', r.node.path);
            e.dataTransfer.effectAllowed = 'link';
          }}
          onDragOver={(e) => {
            if (p.side === 'target' && rowAt(e.target)) {
              e.preventDefault();
              e.dataTransfer.dropEffect = 'link';
            }
          }}
          onDrop={(e) => {
            const r = rowAt(e.target);
            if (r) drop(e, r.node.path);
          }}
        >
          {p.rows.slice(first, last).map((r, k) => {
            const i = first + k;
            const path = r.node.path;
            const isHit = search.hits.has(path);
            const cls = [
              'tree-row',
              p.mapped.has(path) ? 'mapped' : '',
              p.warn?.has(path) ? 'warn' : '',
              p.active === path ? 'active' : '',
              p.picked === path ? 'picked' : '',
              isHit ? 'match' : '',
              currentHit === path ? 'match-current' : '',
            ]
              .filter(Boolean)
              .join(' ');
            return <TreeRow key={path} r={r} i={i} side={p.side} cls={cls} hitQuery={isHit ? q : ''} tabbable={path === tabIndexPath} active={p.active === path} infoLabel={t('detailsHint')} />;
          })}
        </div>
      </div>
      <span id={`${p.side}-hit-hint`} className="sr-only">
        {t('search')}
      </span>
      {findOpen ? (
        <div className="tree-find" role="search" aria-label={`${t('search')}: ${p.label}`}>
          <input
            ref={findInput}
            type="search"
            value={search.query}
            placeholder={t('searchPlaceholder')}
            aria-label={`${t('search')}: ${p.label}`}
            data-testid={`tree-search-${p.side}`}
            onChange={(e) => search.setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === 'F3') {
                e.preventDefault();
                goTo(e.shiftKey ? -1 : 1);
              } else if (e.key === 'Escape') {
                e.preventDefault();
                setFindOpen(false);
                search.setQuery('');
                focusActive();
              }
            }}
          />
          <span
            className="find-count"
            role="status"
            aria-live="polite"
            data-testid={`tree-search-count-${p.side}`}
            title={search.truncated ? t('searchTruncated', { depth: String(DEFAULT_LIMITS.maxDepth), nodes: DEFAULT_LIMITS.maxNodes.toLocaleString() }) : undefined}
          >
            {!q ? '' : search.matches.length ? t('searchCount', { i: String(search.current + 1), n: String(search.matches.length) + (search.done && !search.truncated ? '' : '+') }) : search.done ? t('searchNone') : t('searchRunning')}
          </span>
          <button type="button" onClick={() => goTo(-1)} disabled={!search.matches.length} aria-label={t('searchPrev')} title={t('searchPrev')}>
            ↑
          </button>
          <button type="button" onClick={() => goTo(1)} disabled={!search.matches.length} aria-label={t('searchNext')} title={t('searchNext')}>
            ↓
          </button>
          <button
            type="button"
            onClick={() => {
              setFindOpen(false);
              search.setQuery('');
              focusActive();
            }}
            aria-label={t('searchClose')}
            title={t('searchClose')}
          >
            ×
          </button>
        </div>
      ) : (
        <button type="button" className="tree-find-open" onClick={openFind} aria-label={`${t('searchOpen')}: ${p.label}`} title={t('searchOpen')} data-testid={`tree-search-open-${p.side}`}>
          ⌕
        </button>
      )}
      {detailRow && (
        <NodeDetails
          node={detailRow.node}
          readable={readablePath(p.rows, activeIndex)}
          style={detailStyle}
          onClose={() => {
            setDetails(false);
            focusActive();
          }}
        />
      )}
    </div>
  );
}
