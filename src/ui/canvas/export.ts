/** Exports the whole diagram (not just the visible part) as SVG or PNG with html-to-image, offline. */
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

const PAD = 40;
/** PNGs larger than this on their longer side are scaled down (browsers refuse huge canvases). */
const MAX_PNG = 8000;

/** Renders the viewport element of the canvas to a data URL showing every node. */
export async function renderDiagram(kind: 'svg' | 'png', viewport: HTMLElement, nodes: Node[]): Promise<string> {
  const b = getNodesBounds(nodes);
  let width = Math.ceil(b.width + 2 * PAD);
  let height = Math.ceil(b.height + 2 * PAD);
  let zoom = 1;
  if (kind === 'png' && Math.max(width, height) > MAX_PNG) {
    zoom = MAX_PNG / Math.max(width, height);
    width = Math.ceil(width * zoom);
    height = Math.ceil(height * zoom);
  }
  const vp = getViewportForBounds(b, width, height, zoom, zoom, 0);
  const options = {
    backgroundColor: '#ffffff',
    width,
    height,
    // Web fonts would be fetched and inlined; the app has none, and nothing may leave the machine.
    skipFonts: true,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})` },
  };
  return kind === 'svg' ? toSvg(viewport, options) : toPng(viewport, options);
}

/** Offers a data URL as a download. */
export function download(dataUrl: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
