/** Automatic layout, the ELK half: runs elkjs (pure JS, no DOM) on a layout graph. Runs in Node and in a worker. */
import ELK from 'elkjs/lib/elk.bundled.js';
import { positionsFrom, type LayoutGraph, type Positions } from './layout-graph.ts';

let elk: InstanceType<typeof ELK> | undefined;

/** Lays out the graph with ELK; rejects with ELK's error (e.g. an internal stack overflow on pathological graphs). */
export async function elkLayout(graph: LayoutGraph): Promise<Positions> {
  elk ??= new ELK();
  const result = await elk.layout(structuredClone(graph));
  return positionsFrom(result);
}
