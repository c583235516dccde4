/** Talks to the layout worker: one worker, started on first use, requests matched by id. */
import type { LayoutGraph, Positions } from '../../core/landscape/layout-graph.ts';
import type { LayoutReply } from './layout.worker.ts';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, (r: LayoutReply) => void>();

function start(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'regelwerk-layout' });
  w.onmessage = (e: MessageEvent<LayoutReply>) => {
    pending.get(e.data.id)?.(e.data);
    pending.delete(e.data.id);
  };
  w.onerror = (e) => {
    e.preventDefault();
    // A crashed worker fails everything waiting and is replaced on the next request.
    for (const [id, done] of pending) done({ id, ok: false, error: e.message || 'Layout-Worker abgestürzt', ms: 0 });
    pending.clear();
    w.terminate();
    worker = undefined;
  };
  worker = w;
  return w;
}

/** Lays out a graph in the worker; `ms` is the time spent inside the worker. */
export function layoutInWorker(graph: LayoutGraph, algorithm: 'elk' | 'grid' = 'elk'): Promise<{ positions: Positions; ms: number }> {
  const w = start();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, (r) => (r.ok ? resolve({ positions: r.positions, ms: r.ms }) : reject(new Error(r.error))));
    w.postMessage({ id, graph, algorithm });
  });
}

/** Starts the worker and loads ELK ahead of the first layout (a tiny graph). */
export function warmUpLayout(): void {
  void layoutInWorker({ id: 'root', layoutOptions: {}, children: [{ id: 'a', width: 10, height: 10 }], edges: [] }).catch(() => undefined);
}
