/** Pointer dragging for resize handles (the flow designer's and the mapper inspector's). */

/** Calls `move` with every pointer move until the pointer is released. */
export function trackPointer(move: (ev: PointerEvent) => void): void {
  const up = () => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
}
