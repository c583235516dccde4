/**
 * A virtualised, keyboard-operable schema tree (ARIA tree pattern). Fixed row height lets the mapper
 * compute link positions without measuring the DOM.
 */
import { useEffect, useRef, type DragEvent, type KeyboardEvent } from 'react';
import type { Row } from './rows.ts';

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

/** Renders only the rows in view. */
export function TreeView(p: TreeViewProps) {
  const ref = useRef<HTMLDivElement>(null);
  const first = Math.max(0, Math.floor(p.scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(p.rows.length, Math.ceil((p.scrollTop + p.height) / ROW_H) + OVERSCAN);
  const activeIndex = p.rows.findIndex((r) => r.node.path === p.active);

  useEffect(() => {
    // Keep the active row in view when it moves by keyboard.
    const el = ref.current;
    if (!el || activeIndex < 0) return;
    const top = activeIndex * ROW_H;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_H - el.clientHeight;
  }, [activeIndex]);

  useEffect(() => {
    // Move focus to the active row if focus is inside this tree.
    const el = ref.current;
    if (!el || !el.contains(document.activeElement)) return;
    const row = el.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    row?.focus({ preventScroll: true });
  }, [activeIndex]);

  const move = (delta: number) => {
    const i = Math.min(p.rows.length - 1, Math.max(0, (activeIndex < 0 ? 0 : activeIndex) + delta));
    p.onActivate(p.rows[i].node.path);
  };

  const onKeyDown = (e: KeyboardEvent, r: Row) => {
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

  const tabIndexPath = p.active && activeIndex >= 0 ? p.active : p.rows[0]?.node.path;

  return (
    <div
      ref={ref}
      className={`tree tree-${p.side}`}
      role="tree"
      aria-label={p.label}
      onScroll={(e) => p.onScroll((e.target as HTMLDivElement).scrollTop)}
      style={{ height: p.height }}
    >
      <div style={{ height: p.rows.length * ROW_H, position: 'relative' }}>
        {p.rows.slice(first, last).map((r, k) => {
          const i = first + k;
          const n = r.node;
          const path = n.path;
          const isMapped = p.mapped.has(path);
          const isWarn = p.warn?.has(path);
          const cls = ['tree-row', isMapped ? 'mapped' : '', isWarn ? 'warn' : '', p.active === path ? 'active' : '', p.picked === path ? 'picked' : '']
            .filter(Boolean)
            .join(' ');
          const typeText = n.simple ? n.simple.builtin : n.typeName ? n.typeName.local : '';
          return (
            <div
              key={path}
              className={cls}
              role="treeitem"
              aria-level={r.depth + 1}
              aria-expanded={n.hasChildren ? r.expanded : undefined}
              aria-selected={p.active === path}
              tabIndex={path === tabIndexPath ? 0 : -1}
              data-path={path}
              data-index={i}
              style={{ top: i * ROW_H, height: ROW_H, paddingLeft: 4 + r.depth * 14 }}
              draggable={p.side === 'source'}
              onDragStart={(e) => {
                e.dataTransfer.setData('application/x-regelwerk-source', path);
                e.dataTransfer.effectAllowed = 'link';
              }}
              onDragOver={(e) => {
                if (p.side === 'target') {
                  e.preventDefault();
                  e.dataTransfer.dropEffect = 'link';
                }
              }}
              onDrop={(e) => drop(e, path)}
              onClick={() => p.onActivate(path)}
              onKeyDown={(e) => onKeyDown(e, r)}
              title={n.documentation ?? path}
            >
              <span
                className="twisty"
                aria-hidden="true"
                onClick={(e) => {
                  e.stopPropagation();
                  if (n.hasChildren) p.onToggle(path);
                }}
              >
                {n.hasChildren ? (r.expanded ? '▾' : '▸') : ''}
              </span>
              <span className={n.kind === 'attribute' ? 'name attr' : 'name'}>
                {n.kind === 'attribute' ? '@' : ''}
                {n.name.local}
              </span>
              <span className="card">{card(n.minOccurs, n.maxOccurs)}</span>
              {typeText && <span className="type">{typeText}</span>}
              {isWarn && <span className="badge warn" title="Pflichtfeld ohne Zuordnung">!</span>}
              {isMapped && <span className="badge ok" aria-label="zugeordnet">●</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
}
