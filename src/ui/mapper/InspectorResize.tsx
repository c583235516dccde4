/**
 * The handle between the mapper's trees and its inspector: drag it, or focus it and use the arrow keys
 * (Page Up/Down for big steps, Home/End for the smallest and largest size), like the flow designer's.
 */
import type { KeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import { clampInspector, INSPECTOR_MIN_PX, useLayout } from '../state/layout.ts';
import { trackPointer } from '../shell/drag.ts';
import { useMapperT } from './texts.ts';

const STEP = 24;

/** Room the trees and the inspector share: from the top of the trees to the bottom of the mapper. */
function available(handle: HTMLElement): number {
  const cols = handle.previousElementSibling as HTMLElement | null;
  const mapper = handle.parentElement;
  if (!cols || !mapper) return Infinity;
  return mapper.getBoundingClientRect().bottom - cols.getBoundingClientRect().top - handle.offsetHeight;
}

/** The separator; `height` is the inspector's current height in px. */
export function InspectorResize({ height }: { height: number }) {
  const mt = useMapperT();
  const setPx = useLayout((s) => s.setInspectorPx);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const room = available(e.currentTarget);
    const next: Record<string, number> = {
      ArrowUp: height + STEP,
      ArrowDown: height - STEP,
      PageUp: height + 4 * STEP,
      PageDown: height - 4 * STEP,
      Home: Infinity,
      End: INSPECTOR_MIN_PX,
    };
    if (!(e.key in next)) return;
    e.preventDefault();
    setPx(clampInspector(next[e.key], room));
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    const handle = e.currentTarget;
    const mapper = handle.parentElement;
    if (!mapper || e.button !== 0) return;
    e.preventDefault();
    const room = available(handle);
    trackPointer((ev) => setPx(clampInspector(mapper.getBoundingClientRect().bottom - ev.clientY, room)));
  };

  return (
    <div
      className="insp-resize"
      role="separator"
      aria-orientation="horizontal"
      aria-label={mt('inspectorResize')}
      aria-valuemin={INSPECTOR_MIN_PX}
      aria-valuenow={Math.round(height)}
      aria-valuetext={mt('inspectorResizeValue', { px: String(Math.round(height)) })}
      tabIndex={0}
      onKeyDown={onKey}
      onPointerDown={onPointerDown}
      data-testid="inspector-resize"
    />
  );
}
