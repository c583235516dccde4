/**
 * Search in a lazily expanded schema tree by name, label, path (local names joined by '/') and
 * documentation. Trees can be huge or infinite (recursive types), so the walk is bounded (depth,
 * node budget, match cap, recursive nodes are matched but not entered) and time-sliced: it runs in
 * slices of a few milliseconds and yields to the browser between them, so typing stays smooth.
 * Pure TypeScript (no DOM): MessageChannel is available in browsers, workers and Node.
 */
import { labelOf } from '../../core/schema/json/paths.ts';
import type { SchemaNode, SchemaTree } from '../../core/schema/types.ts';

/** Limits of one search. */
export interface SearchLimits {
  maxDepth: number;
  maxNodes: number;
  maxMatches: number;
  sliceMs: number;
}

export const DEFAULT_LIMITS: SearchLimits = { maxDepth: 14, maxNodes: 250_000, maxMatches: 2_000, sliceMs: 8 };

/** Progress of a search: matches so far in document order. */
export interface SearchState {
  query: string;
  matches: string[];
  visited: number;
  done: boolean;
  /** True when a limit stopped the walk before the whole (bounded) tree was seen. */
  truncated: boolean;
}

/** The display step of a node in a readable path ("@id" for attributes). */
export function displayStep(n: SchemaNode): string {
  return n.kind === 'attribute' ? '@' + n.name.local : n.name.local;
}

/** True when a node matches a (lower-cased) query; `readable` is its readable path. */
export function matches(n: SchemaNode, q: string, readable: string): boolean {
  if (!q) return false;
  if (n.name.local.toLowerCase().includes(q)) return true;
  const label = labelOf(n);
  if (label && label.toLowerCase().includes(q)) return true;
  if (q.includes('/') && readable.toLowerCase().includes(q)) return true;
  return !!n.documentation && n.documentation.toLowerCase().includes(q);
}

/** Splits text around the first case-insensitive occurrence of q: [before, hit, after]. */
export function splitMatch(text: string, q: string): [string, string, string] | undefined {
  if (!q) return undefined;
  const i = text.toLowerCase().indexOf(q.toLowerCase());
  return i < 0 ? undefined : [text.slice(0, i), text.slice(i, i + q.length), text.slice(i + q.length)];
}

const yieldNow: (fn: () => void) => void =
  typeof MessageChannel !== 'undefined'
    ? (fn) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          ch.port1.close();
          fn();
        };
        ch.port2.postMessage(0);
      }
    : (fn) => setTimeout(fn, 0);

/** Starts a search; `onUpdate` gets the growing result after every slice. Returns a cancel function. */
export function startSearch(tree: SchemaTree, query: string, onUpdate: (s: SearchState) => void, limits: SearchLimits = DEFAULT_LIMITS): () => void {
  const q = query.trim().toLowerCase();
  const state: SearchState = { query, matches: [], visited: 0, done: false, truncated: false };
  let cancelled = false;
  if (!q) {
    onUpdate({ ...state, done: true });
    return () => undefined;
  }
  // Explicit stack of [node, depth, readable path]; children pushed in reverse keep document order.
  const stack: [SchemaNode, number, string][] = [[tree.root, 1, displayStep(tree.root)]];
  const slice = () => {
    if (cancelled) return;
    const end = performance.now() + limits.sliceMs;
    let n = 0;
    while (stack.length) {
      const [node, depth, readable] = stack.pop()!;
      state.visited++;
      if (matches(node, q, readable)) state.matches.push(node.path);
      if (state.matches.length >= limits.maxMatches || state.visited >= limits.maxNodes) {
        state.truncated = true;
        stack.length = 0;
        break;
      }
      if (node.hasChildren && !node.recursive) {
        if (depth >= limits.maxDepth) state.truncated = true;
        else {
          const kids = tree.children(node);
          for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], depth + 1, readable + '/' + displayStep(kids[i])]);
        }
      }
      if ((++n & 63) === 0 && performance.now() > end) break;
    }
    state.done = stack.length === 0;
    onUpdate({ ...state, matches: state.matches.slice() });
    if (!state.done) yieldNow(slice);
  };
  slice();
  return () => {
    cancelled = true;
  };
}
