/**
 * The layout worker: runs ELK off the UI thread. Also runs the trivial grid layout on request, so
 * the bench can compare both under the same conditions (message passing included).
 */
import { elkLayout } from '../../core/landscape/layout-elk.ts';
import { gridLayout, type LayoutGraph, type Positions } from '../../core/landscape/layout-graph.ts';

export type LayoutRequest = { id: number; graph: LayoutGraph; algorithm: 'elk' | 'grid' };
export type LayoutReply = { id: number; ok: true; positions: Positions; ms: number } | { id: number; ok: false; error: string; ms: number };

// A listener, not self.onmessage: elkjs claims self.onmessage for its own protocol when the first
// ELK instance is made inside a worker (it ignores our messages, which carry no "cmd").
self.addEventListener('message', async (e: MessageEvent<LayoutRequest>) => {
  const { id, graph, algorithm } = e.data;
  const t0 = performance.now();
  try {
    const positions = algorithm === 'grid' ? gridLayout(graph) : await elkLayout(graph);
    (self as unknown as Worker).postMessage({ id, ok: true, positions, ms: performance.now() - t0 } satisfies LayoutReply);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String((err as { message?: string })?.message ?? err);
    (self as unknown as Worker).postMessage({ id, ok: false, error: msg, ms: performance.now() - t0 } satisfies LayoutReply);
  }
});
