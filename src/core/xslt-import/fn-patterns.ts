/**
 * Recognises the function library's XPath templates in a parsed expression: each function of
 * compiler/functions.ts is written once with placeholder arguments ($__a0, $__a1 …) and parsed; an
 * expression matching such a pattern is that function applied to the matched sub-expressions.
 * Where several patterns match, the largest wins: `(normalize-space(x) = '')` is "empty", not "equals".
 */
import { FUNCTIONS, type FunctionDef } from '../compiler/functions.ts';
import { canon, type XNode } from './xpath-ast.ts';
import { parseXPath } from './xpath-parser.ts';

/** Variadic functions are recognised up to this many arguments. */
const MAX_VARIADIC = 40;
const PH = '__a';

interface Pattern {
  fn: FunctionDef;
  arity: number;
  node: XNode;
  size: number;
}

let byHead: Map<string, Pattern[]> | undefined;

/** A coarse key of a node's outer shape, so only patterns that can match are tried. */
function head(n: XNode): string {
  switch (n.t) {
    case 'paren':
      return `(${n.expr ? head(n.expr) : ''}`;
    case 'call':
      return `call:${n.name}/${n.args.length}`;
    case 'bin':
      return `bin:${n.op}`;
    case 'filter':
      return `filter:${head(n.base)}`;
    default:
      return n.t;
  }
}

function size(n: unknown): number {
  if (Array.isArray(n)) return n.reduce((a: number, x) => a + size(x), 0);
  if (!n || typeof n !== 'object') return 0;
  const o = n as Record<string, unknown>;
  if (o.t === 'var' && typeof o.name === 'string' && o.name.startsWith(PH)) return 0;
  let s = typeof o.t === 'string' ? 1 : 0;
  for (const [k, v] of Object.entries(o)) if (k !== 's' && k !== 'e') s += size(v);
  return s;
}

function patterns(): Map<string, Pattern[]> {
  if (byHead) return byHead;
  byHead = new Map();
  for (const fn of FUNCTIONS.values()) {
    const max = fn.variadic ? MAX_VARIADIC : fn.params.length;
    for (let n = fn.minArgs; n <= max; n++) {
      const args = Array.from({ length: n }, (_, i) => `$${PH}${i}`);
      const r = parseXPath(fn.toXPath(args));
      if (!r.ok) continue;
      const p: Pattern = { fn, arity: n, node: r.node, size: size(r.node) };
      const k = head(r.node);
      let list = byHead.get(k);
      if (!list) byHead.set(k, (list = []));
      list.push(p);
    }
  }
  return byHead;
}

/** Structural match of a pattern against a node; placeholders bind sub-trees (a repeated one must match equal trees). */
function match(p: unknown, n: unknown, binds: Map<string, XNode>): boolean {
  if (p && typeof p === 'object' && !Array.isArray(p)) {
    const po = p as Record<string, unknown>;
    if (po.t === 'var' && typeof po.name === 'string' && po.name.startsWith(PH)) {
      if (!n || typeof n !== 'object' || !('t' in (n as object))) return false;
      const prev = binds.get(po.name);
      if (prev) return canon(prev) === canon(n as XNode);
      binds.set(po.name, n as XNode);
      return true;
    }
    if (!n || typeof n !== 'object' || Array.isArray(n)) return false;
    const no = n as Record<string, unknown>;
    const keys = Object.keys(po).filter((k) => k !== 's' && k !== 'e');
    const nkeys = Object.keys(no).filter((k) => k !== 's' && k !== 'e');
    if (keys.length !== nkeys.length) return false;
    return keys.every((k) => match(po[k], no[k], binds));
  }
  if (Array.isArray(p)) return Array.isArray(n) && p.length === n.length && p.every((x, i) => match(x, n[i], binds));
  return p === n;
}

/** A library function call this node is written as, with its argument sub-trees; the largest matching pattern wins. */
export function matchFunction(n: XNode): { fn: FunctionDef; args: XNode[] } | undefined {
  const list = patterns().get(head(n));
  if (!list) return undefined;
  let best: { fn: FunctionDef; args: XNode[]; size: number } | undefined;
  for (const p of list) {
    if (best && p.size <= best.size) continue;
    const binds = new Map<string, XNode>();
    if (!match(p.node, n, binds)) continue;
    const args = Array.from({ length: p.arity }, (_, i) => binds.get(`${PH}${i}`));
    if (args.some((a) => !a)) continue;
    best = { fn: p.fn, args: args as XNode[], size: p.size };
  }
  return best && { fn: best.fn, args: best.args };
}
