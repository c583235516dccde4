/**
 * Source paths between XPath and the schema-tree model: an XPath location path read back to an
 * absolute tree path (Clark steps, `instance_*` wildcard steps), and a tree path written as XPath the
 * way the compiler writes it, relative to the loop contexts in force.
 */
import { clark, isWildcardStep, parseClark, splitPath, type SchemaTree } from '../schema/types.ts';
import { FN, keyPredicate } from '../schema/json/paths.ts';
import { isJsonTree } from '../schema/json/paths.ts';
import { isJsonToXml, jsonMemberStep, keyOfPredicate } from './json.ts';
import type { NodeOf, XNode } from './xpath-ast.ts';

/** What path resolution needs to know about where an expression stands. */
export interface PathScope {
  /** Absolute tree path of the XSLT context item; '/' is the document node; undefined when unknown. */
  cx: string | undefined;
  /** Loop contexts of the mapping model where the expression will be compiled (outermost first). */
  mc: string[];
  /** Resolves a namespace prefix as in scope at the XSLT element ('' = none). */
  ns(prefix: string): string | undefined;
  /** xpath-default-namespace in scope ('' when none). */
  xdn: string;
  /** Variables bound to a node path (local aliases such as `<xsl:variable name="meta" select="a/instance_1"/>`). */
  alias(name: string): string | undefined;
}

/** Joins a relative step onto an absolute path ('/' = document node). */
export function joinStep(base: string, step: string): string {
  return base === '/' ? `/${step}` : `${base}/${step}`;
}

function parentOf(path: string): string | undefined {
  const steps = splitPath(path);
  if (!steps.length) return undefined;
  return steps.length === 1 ? '/' : '/' + steps.slice(0, -1).join('/');
}

/** The prefix stem of the Amt24 instance predicate `starts-with(local-name(), 'stem')`, if that is what `p` is. */
export function instanceStem(p: XNode): string | undefined {
  if (p.t !== 'call' || p.name !== 'starts-with' || p.args.length !== 2) return undefined;
  const [a, b] = p.args;
  if (!a || a.t !== 'call' || a.name !== 'local-name' || a.args.length !== 0 || !b || b.t !== 'str' || !b.value) return undefined;
  return b.value;
}

/**
 * One location step as a tree step: "{uri}local", "@local", "{uri}stem*" for the instance wildcard.
 * `extra` receives predicates beyond the instance predicate (the caller decides whether it allows them).
 */
function stepOf(st: NodeOf<'step'>, scope: PathScope, extra: XNode[]): string | undefined {
  if (st.test.kind !== 'name') return undefined;
  const { prefix, local, uri } = st.test;
  if (prefix === '*' && local !== '*') return undefined;
  let ns: string | undefined;
  if (uri !== undefined) ns = uri;
  else if (prefix === '*') ns = undefined;
  else if (prefix) ns = scope.ns(prefix);
  else ns = st.axis === 'attribute' ? '' : scope.xdn;
  if (st.axis === 'attribute') {
    if (local === '*' || ns === undefined || st.preds.length) return undefined;
    return '@' + clark({ ns, local });
  }
  if (st.axis !== 'child') return undefined;
  let preds = st.preds;
  let name = local;
  // JSON as json-to-xml() gives it: the key predicate is part of the step (src/core/schema/json/paths.ts).
  const key = ns === FN && preds.length ? keyOfPredicate(preds[0]) : undefined;
  if (key !== undefined) {
    extra.push(...preds.slice(1));
    return clark({ ns: FN, local: local + keyPredicate(key) });
  }
  if (ns === FN && local === '*' && !preds.length) return clark({ ns: FN, local: '*' });
  if (local === '*') {
    const stem = preds.length ? instanceStem(preds[0]) : undefined;
    if (!stem) return undefined;
    name = stem + '*';
    preds = preds.slice(1);
    // `*[…]` matches any namespace; the compiler writes `p:*[…]` for a namespaced wildcard step.
    if (ns === undefined) ns = '';
  }
  if (ns === undefined) return undefined;
  extra.push(...preds);
  return clark({ ns, local: name });
}

/** Whether `path` names a node of the tree (always true without a tree: nothing to check against). */
function exists(tree: SchemaTree | undefined, path: string): boolean {
  return !tree || !!tree.find(path);
}

/**
 * Adds one literal step, reading "instance_1" as the wildcard step "instance_*" where the tree has a
 * non-repeating instance group there (the compiler writes it that way).
 */
function addStep(tree: SchemaTree | undefined, base: string, step: string): string {
  const literal = joinStep(base, step);
  if (!tree || tree.find(literal)) return literal;
  const q = parseClark(step);
  if (!step.startsWith('@') && q.local === 'instance_1') {
    const wild = joinStep(base, clark({ ns: q.ns, local: 'instance_*' }));
    const node = tree.find(wild);
    if (node && node.maxOccurs === 1) return wild;
  }
  return literal;
}

/**
 * Reads an XPath location path back to an absolute tree path. `trailing` (when given) receives the
 * predicates of the last step beyond the instance predicate, e.g. a for-each filter; without it such
 * predicates make the path unresolvable. Undefined when the path is not a plain source path.
 */
export function resolvePath(n: XNode, scope: PathScope, tree: SchemaTree | undefined, trailing?: XNode[]): string | undefined {
  if (n.t === 'ctx') return scope.cx;
  if (n.t === 'var') return scope.alias(n.name);
  const json = isJsonTree(tree);
  // json-to-xml(…) is the JSON source document.
  if (json && isJsonToXml(n, scope.ns)) return '/';
  if (n.t === 'filter' && trailing && n.base.t === 'ctx') {
    trailing.push(...n.preds);
    return scope.cx;
  }
  if (n.t !== 'path') return undefined;
  let cur: string | undefined;
  let steps = n.steps;
  let relative = false;
  if (n.root === '/') cur = '/';
  else if (n.root === '//') return undefined;
  else {
    const first = steps[0];
    if (first.t === 'var') {
      cur = scope.alias(first.name);
      steps = steps.slice(1);
    } else if (json && isJsonToXml(first, scope.ns)) {
      cur = '/';
      steps = steps.slice(1);
    } else if (first.t === 'ctx') {
      cur = scope.cx;
      steps = steps.slice(1);
    } else {
      cur = scope.cx;
      relative = true;
    }
  }
  if (cur === undefined) return undefined;
  if (n.seps.some((s) => s !== '/')) return undefined;
  const start = cur;
  const walk = (from: string): string | undefined => {
    let p = from;
    for (let i = 0; i < steps.length; i++) {
      const st = steps[i];
      const last = i === steps.length - 1;
      if (st.t === 'ctx') continue;
      if (st.t !== 'step') return undefined;
      if (st.axis === 'parent' && st.abbrev) {
        if (st.preds.length) return undefined;
        const up = parentOf(p);
        if (up === undefined) return undefined;
        p = up;
        continue;
      }
      if (st.axis === 'self' && st.test.kind === 'kind' && st.test.name === 'node' && !st.preds.length) continue;
      const extra: XNode[] = [];
      // In JSON, `*` and `*[@key='k']` name the member (or array item) whatever its type: the tree's step for it.
      const anyJson = json && st.test.kind === 'name' && st.test.local === '*' && !st.test.uri && (st.test.prefix === '' || st.test.prefix === '*' || scope.ns(st.test.prefix) === FN);
      const key = anyJson && st.preds.length ? keyOfPredicate(st.preds[0]) : undefined;
      let step: string | undefined;
      if (anyJson && p === '/' && !st.preds.length) step = splitPath(tree!.root.path)[0];
      else if (anyJson && (key !== undefined || !st.preds.length)) {
        step = jsonMemberStep(tree!, p, key);
        extra.push(...st.preds.slice(1));
      } else step = stepOf(st, scope, extra);
      if (step === undefined) return undefined;
      if (extra.length) {
        if (!last || !trailing) return undefined;
        trailing.push(...extra);
      }
      p = addStep(tree, p, step);
    }
    return p;
  };
  const direct = walk(start);
  if (direct === undefined || !relative || exists(tree, direct)) return direct;
  // Written by the compiler relative to an outer loop context (the innermost one that contains it).
  for (let i = scope.mc.length - 1; i >= 0; i--) {
    if (scope.mc[i] === start) continue;
    const before = trailing ? trailing.length : 0;
    const alt = walk(scope.mc[i]);
    if (alt !== undefined && tree?.find(alt)) return alt;
    if (trailing) trailing.length = before;
  }
  return direct;
}

/** True when some step of `path` below the innermost context containing it may repeat (as the compiler decides loops). */
export function repeatsBeyond(tree: SchemaTree | undefined, path: string, mc: string[]): boolean {
  if (!tree) return false;
  const base = [...mc].reverse().find((c) => path === c || path.startsWith(c + '/'));
  const steps = splitPath(path);
  const from = base ? splitPath(base).length + 1 : 1;
  for (let i = from; i <= steps.length; i++) {
    const node = tree.find('/' + steps.slice(0, i).join('/'));
    if (node && node.maxOccurs !== 1) return true;
  }
  return false;
}

/** The innermost loop context that contains `path`, or undefined. */
export function baseContext(path: string, mc: string[]): string | undefined {
  for (let i = mc.length - 1; i >= 0; i--) if (path === mc[i] || path.startsWith(mc[i] + '/')) return mc[i];
  return undefined;
}

/**
 * Writes a tree path as XPath relative to the innermost loop context containing it (like the compiler),
 * with namespaced steps as Q{uri}local so no prefix needs declaring. With `focusFree`, a relative
 * result is anchored at current() so it may stand inside a predicate.
 */
export function writePath(tree: SchemaTree | undefined, path: string, mc: string[], focusFree = false): string {
  // The compiled rule reads a JSON source through $json (its json-to-xml() document).
  const doc = isJsonTree(tree) ? '$json' : '';
  if (path === '/') return doc || '/';
  const base = baseContext(path, mc);
  if (base === path) return focusFree ? 'current()' : '.';
  const all = splitPath(path);
  const skip = base ? splitPath(base).length : 0;
  const out: string[] = [];
  for (let i = skip; i < all.length; i++) {
    const step = all[i];
    const attr = step.startsWith('@');
    const q = parseClark(attr ? step.slice(1) : step);
    const eq = (local: string) => (q.ns ? `Q{${q.ns}}${local}` : local);
    if (!attr && isWildcardStep(q.local) && q.ns !== FN) {
      const stem = q.local.slice(0, -1);
      const node = tree?.find('/' + all.slice(0, i + 1).join('/'));
      if (node && node.maxOccurs === 1 && stem === 'instance_') out.push(eq('instance_1'));
      else out.push(`${eq('*')}[starts-with(local-name(), '${stem.replace(/'/g, "''")}')]`);
    } else out.push((attr ? '@' : '') + eq(q.local));
  }
  const rel = out.join('/');
  if (!base) return (doc ? doc + '/' : '/') + rel;
  return focusFree ? `current()/${rel}` : rel;
}
