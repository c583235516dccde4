/**
 * The canvas's dot grid, drawn as a CSS background that follows pan and zoom.
 *
 * React Flow's <Background> draws the dots as an SVG pattern. Chromium invalidates that pattern fill
 * whenever anything else on the page is laid out again. Each mapping edit then re-rasterised the whole
 * canvas pane (6 tiles, 5-10 ms of raster threads in software rendering), while the rule compiled in its
 * worker. A gradient background is invalidated only by its own changes (pan, zoom).
 */
import { useStore, type ReactFlowState } from '@xyflow/react';

const GAP = 24;
const COLOR = '#91919a';

const transformOf = (s: ReactFlowState) => s.transform;

/** Dots `GAP` flow units apart, like <Background gap={24} /> (radius half a flow unit). */
export function DotGrid() {
  const [x, y, zoom] = useStore(transformOf);
  const gap = GAP * zoom;
  const r = Math.max(0.5, zoom / 2);
  return (
    <div
      className="dot-grid"
      aria-hidden="true"
      data-testid="dot-grid"
      style={{
        backgroundImage: `radial-gradient(circle at ${r}px ${r}px, ${COLOR} ${r}px, transparent ${r + 0.6}px)`,
        backgroundSize: `${gap}px ${gap}px`,
        backgroundPosition: `${x % gap}px ${y % gap}px`,
      }}
    />
  );
}
