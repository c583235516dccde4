/** Context menus on systems, flows and the empty canvas; keyboard: arrows, Enter, Escape. */
import { useEffect, useRef } from 'react';
import { ADAPTER_KINDS } from '../../core/model/project.ts';
import { PALETTE } from '../../core/landscape/kinds.ts';
import { useDoc } from '../state/doc.ts';
import { useSession } from '../state/session.ts';
import { addAdapter, addSystem, copySelection, deleteSelection, paste, selectFlow } from './actions.ts';
import type { LandscapeProject } from './landscape.ts';
import { runFlowTests } from './statuses.ts';
import { useCanvas } from './store.ts';
import { adapterLabel, kindLabel, useCanvasT } from './texts.ts';

interface Item {
  label: string;
  run(): void;
  disabled?: boolean;
}

export function ContextMenu({ project, onArrange, onFit }: { project: LandscapeProject; onArrange(algorithm: 'elk' | 'grid'): void; onFit(): void }) {
  const t = useCanvasT();
  const lang = useSession((s) => s.lang);
  const menu = useCanvas((s) => s.menu);
  const clip = useCanvas((s) => s.clip);
  const set = useCanvas((s) => s.set);
  const ref = useRef<HTMLUListElement>(null);
  const back = useRef<Element | null>(null);
  useEffect(() => {
    if (!menu) return;
    back.current = document.activeElement;
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, [menu]);
  if (!menu) return null;
  const close = () => {
    set({ menu: undefined });
    (back.current as HTMLElement | null)?.focus?.();
  };
  const items: Item[] = [];
  const tg = menu.target;
  if (tg.type === 'system') {
    items.push({ label: t('connectFrom'), run: () => set({ pendingConnect: { systemId: tg.id }, notice: { kind: 'info', text: t('connectPick') } }) });
    for (const k of ADAPTER_KINDS) items.push({ label: `${t('addAdapter')}: ${adapterLabel(k, lang)}`, run: () => addAdapter(tg.id, k) });
    items.push({ label: t('copy'), run: () => void copySelection() });
    items.push({
      label: t('duplicate'),
      run: () => {
        if (copySelection()) paste();
      },
    });
    items.push({ label: t('delete'), run: () => deleteSelection() });
  } else if (tg.type === 'flow') {
    // Tests are not part of the landscape: the current project has them (read when the menu opens).
    const doc = useDoc.getState().project;
    const f = doc?.flows.find((x) => x.id === tg.id);
    items.push({ label: t('openMapping'), run: () => selectFlow(tg.id, true) });
    items.push({ label: t('runTests'), run: () => doc && f && void runFlowTests(doc, f), disabled: !f?.tests.length });
    items.push({
      label: t('delete'),
      run: () => {
        selectFlow(tg.id, false);
        deleteSelection();
      },
    });
  } else {
    items.push({ label: t('paste'), run: () => paste(tg.flowPos), disabled: !clip?.systems.length });
    items.push({ label: t('selectAll'), run: () => useCanvas.getState().set({ selSystems: project.systems.map((s) => s.id), selFlows: [] }) });
    items.push({ label: t('layout'), run: () => onArrange('elk') });
    items.push({ label: t('layoutGrid'), run: () => onArrange('grid') });
    items.push({ label: t('fit'), run: onFit });
    for (const e of PALETTE.filter((x) => !x.subKind || x.kind === 'specialised-system').slice(0, 6)) {
      items.push({ label: `${t('addHere')}: ${kindLabel(e.kind, lang, e.subKind)}`, run: () => addSystem(e, tg.flowPos) });
    }
  }
  const move = (dir: 1 | -1) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(i + dir + buttons.length) % buttons.length]?.focus();
  };
  return (
    <>
      <div className="menu-backdrop" onMouseDown={close} onContextMenu={(e) => (e.preventDefault(), close())} />
      <ul
        ref={ref}
        className="context-menu"
        role="menu"
        aria-label={t('menu')}
        style={{ left: Math.min(menu.x, window.innerWidth - 280), top: Math.min(menu.y, window.innerHeight - 40 - items.length * 30) }}
        data-testid="context-menu"
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') (e.preventDefault(), move(1));
          else if (e.key === 'ArrowUp') (e.preventDefault(), move(-1));
          else if (e.key === 'Escape' || e.key === 'Tab') (e.preventDefault(), close());
          e.stopPropagation();
        }}
      >
        {items.map((it) => (
          <li key={it.label} role="none">
            <button
              role="menuitem"
              disabled={it.disabled}
              onClick={() => {
                // Focus goes back where the menu was opened (a keyboard user goes on from there).
                close();
                it.run();
              }}
            >
              {it.label}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
