/** Flattening a lazily expanded schema tree into the visible rows of a virtualised list, and searching it. */
import { useEffect, useMemo, useState } from 'react';
import type { SchemaNode, SchemaTree } from '../../core/schema/types.ts';
import { displayStep, startSearch, type SearchState } from '../schema/treeSearch.ts';

export interface Row {
  node: SchemaNode;
  depth: number;
  expanded: boolean;
}

/** The visible rows of a tree given the set of expanded paths. */
export function visibleRows(tree: SchemaTree, expanded: ReadonlySet<string>, limit = 200_000): Row[] {
  const rows: Row[] = [];
  const walk = (n: SchemaNode, depth: number) => {
    if (rows.length >= limit) return;
    const open = n.hasChildren && expanded.has(n.path);
    rows.push({ node: n, depth, expanded: open });
    if (open) for (const c of tree.children(n)) walk(c, depth + 1);
  };
  walk(tree.root, 0);
  return rows;
}

/** Every ancestor path of a path ("/a/b/c" → "/a", "/a/b"). */
export function ancestors(path: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === '/' && depth === 0 && i > 0) out.push(path.slice(0, i));
  }
  return out;
}

/** The row index of a path, or of its nearest visible ancestor when it is collapsed away. */
export function rowIndexOf(index: ReadonlyMap<string, number>, path: string): number | undefined {
  const direct = index.get(path);
  if (direct !== undefined) return direct;
  const anc = ancestors(path);
  for (let i = anc.length - 1; i >= 0; i--) {
    const j = index.get(anc[i]);
    if (j !== undefined) return j;
  }
  return undefined;
}

/** "Antrag/Person/@id": the local names from the root down to row i. */
export function readablePath(rows: readonly Row[], i: number): string {
  const steps: string[] = [];
  let depth = Infinity;
  for (let j = i; j >= 0 && depth > 0; j--) {
    if (rows[j].depth < depth) {
      steps.push(displayStep(rows[j].node));
      depth = rows[j].depth;
    }
  }
  return steps.reverse().join('/');
}

/**
 * One step towards showing a path: 'found' when its row is visible, else the deepest visible
 * ancestor to expand, or 'stuck' when there is none (the path is not in this tree).
 */
export function revealStep(rows: readonly Row[], index: ReadonlyMap<string, number>, target: string): { kind: 'found' } | { kind: 'expand'; path: string } | { kind: 'stuck' } {
  if (index.has(target)) return { kind: 'found' };
  const anc = ancestors(target);
  for (let i = anc.length - 1; i >= 0; i--) {
    const j = index.get(anc[i]);
    if (j === undefined) continue;
    return rows[j].expanded || !rows[j].node.hasChildren ? { kind: 'stuck' } : { kind: 'expand', path: anc[i] };
  }
  return { kind: 'stuck' };
}

/** The visible rows seen as a tree (search without the full tree). */
function rowsAsTree(rows: readonly Row[]): SchemaTree | undefined {
  if (!rows.length) return undefined;
  const kids = new Map<string, SchemaNode[]>();
  const stack: Row[] = [];
  for (const r of rows) {
    while (stack.length && stack[stack.length - 1].depth >= r.depth) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) kids.set(parent.node.path, [...(kids.get(parent.node.path) ?? []), r.node]);
    stack.push(r);
  }
  return { root: rows[0].node, children: (n) => kids.get(n.path) ?? [], find: (p) => rows.find((r) => r.node.path === p)?.node };
}

const EMPTY: SearchState = { query: '', matches: [], visited: 0, done: true, truncated: false };
const DEBOUNCE_MS = 150;

/** Search state of one tree view: the query, its matches (growing while the walk runs), the current one. */
export function useTreeSearch(tree: SchemaTree | undefined, rows: readonly Row[]) {
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState>(EMPTY);
  const [current, setCurrent] = useState(-1);
  // Without the full tree the rows are searched, so they are an input then; with it they are not.
  const rowsDep = tree ? undefined : rows;
  useEffect(() => {
    setCurrent(-1);
    const q = query.trim();
    setState(q ? { ...EMPTY, query, done: false } : EMPTY);
    if (!q) return;
    let cancel = () => undefined as void;
    const timer = setTimeout(() => {
      const source = tree ?? rowsAsTree(rows);
      if (!source) return setState({ ...EMPTY, query });
      cancel = startSearch(source, q, (s) => {
        setState(s);
        setCurrent((c) => (c < 0 && s.matches.length ? 0 : c));
      });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      cancel();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, tree, rowsDep]);
  const hits = useMemo(() => new Set(state.matches), [state.matches]);
  const step = (delta: 1 | -1): string | undefined => {
    const n = state.matches.length;
    if (!n) return undefined;
    const next = current < 0 ? 0 : (current + delta + n) % n;
    setCurrent(next);
    return state.matches[next];
  };
  return { query, setQuery, matches: state.matches, done: state.done, truncated: state.truncated, hits, current, step };
}
