/** Flattening a lazily expanded schema tree into the visible rows of a virtualised list. */
import type { SchemaNode, SchemaTree } from '../../core/schema/types.ts';

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
