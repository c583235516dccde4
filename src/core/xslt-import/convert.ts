/**
 * XPath → mapping expression. What the compiler writes comes back as the structured expression it was
 * written from (library functions by their templates, source paths, literals, lookups, $param, $var);
 * anything else becomes the XPath escape hatch, its text rewritten only where the compiled rule
 * evaluates it differently (local variables the model has no place for, another context item).
 */
import { m } from '../i18n.ts';
import type { Expr } from '../model/expr.ts';
import type { SchemaTree } from '../schema/types.ts';
import { matchFunction } from './fn-patterns.ts';
import { resolvePath, writePath, type PathScope } from './paths.ts';
import { STANDARD_FN_NS } from './scan.ts';
import { children, type XNode } from './xpath-ast.ts';

/** A local xsl:variable as the importer models it. */
export type Local =
  /** Bound to source nodes: read through as their path. */
  | { kind: 'path'; path: string; global?: boolean }
  /** A value: inlined where used; `text` is its XPath rewritten for the place it was declared. */
  | { kind: 'expr'; expr: Expr; text: string; mc: string[]; focus: boolean }
  /** Kept as written (a raw block declares it): referenced by name. */
  | { kind: 'opaque' };

/** Global names an expression may refer to. */
export interface Globals {
  source: SchemaTree | undefined;
  params: Set<string>;
  vars: Set<string>;
  /** Variable name → value-map id and its default, for maps the importer turns into value maps. */
  maps: Map<string, { id: string; default?: string }>;
}

export interface ConvertScope extends PathScope {
  locals: Map<string, Local>;
  /** Inside a loop with group-by: current-group() and current-grouping-key() are the loop's. */
  inGroup?: boolean;
}

export class ConvertFail extends Error {}

const NUMBER = /^\d+(\.\d+)?$/;
const FN_NS = 'http://www.w3.org/2005/xpath-functions';
const XS_URI = 'http://www.w3.org/2001/XMLSchema';

/** A function name's namespace (unprefixed: the standard function namespace) and local name. */
function fnName(name: string, scope: ConvertScope): { uri: string; local: string } {
  if (name.startsWith('Q{')) {
    const close = name.indexOf('}');
    return { uri: name.slice(2, close), local: name.slice(close + 1) };
  }
  const i = name.indexOf(':');
  if (i < 0) return { uri: FN_NS, local: name };
  return { uri: scope.ns(name.slice(0, i)) ?? `(${name.slice(0, i)})`, local: name.slice(i + 1) };
}

/** Functions that read stylesheet declarations or the state of an instruction around them. */
const STYLESHEET_FNS = new Set(['key', 'accumulator-before', 'accumulator-after', 'current-group', 'current-grouping-key', 'regex-group', 'current-merge-group', 'current-merge-key', 'document', 'unparsed-entity-uri', 'unparsed-entity-public-id', 'system-property', 'element-available', 'function-available', 'type-available', 'copy-of', 'snapshot', 'current-output-uri']);

/** Functions whose zero-argument form reads the context item. */
const CONTEXT_FNS = new Set(['name', 'local-name', 'namespace-uri', 'string', 'data', 'number', 'normalize-space', 'string-length', 'root', 'base-uri', 'document-uri', 'node-name', 'nilled', 'path', 'has-children', 'generate-id']);

function modelCx(scope: ConvertScope): string {
  return scope.mc.length ? scope.mc[scope.mc.length - 1] : '/';
}

/** True when the scope's XSLT context item differs from the one the compiled rule has. */
export function contextShifted(scope: ConvertScope): boolean {
  return scope.cx !== modelCx(scope);
}

/** Converts a parsed XPath (`text` is the expression's source) to a mapping expression. Throws ConvertFail. */
export function convert(n: XNode, text: string, scope: ConvertScope, g: Globals): Expr {
  const lookup = asLookup(n, text, scope, g);
  if (lookup) return lookup;
  // The compiler parenthesises what it writes ("(a = b)"); a hand-written "a = b" is the same call, and
  // reading it as one now keeps a second import of the compiled rule from finding something else.
  const fn = matchFunction(n) ?? (n.t !== 'paren' ? matchFunction({ t: 'paren', expr: n, s: n.s, e: n.e }) : undefined);
  if (fn) {
    const args = fn.args.map((a) => tryConvert(a, text, scope, g));
    if (args.every((a): a is Expr => !!a)) return { kind: 'call', fn: fn.fn.id, args };
  }
  switch (n.t) {
    case 'str':
      return { kind: 'const', value: n.value };
    case 'num':
      if (NUMBER.test(n.raw)) return { kind: 'const', value: n.raw, type: 'number' };
      break;
    case 'unary':
      if (n.op === '-' && n.operand.t === 'num' && NUMBER.test(n.operand.raw)) return { kind: 'const', value: '-' + n.operand.raw, type: 'number' };
      break;
    case 'call':
      if ((n.name === 'true' || n.name === 'false') && n.args.length === 0) return { kind: 'const', value: n.name, type: 'boolean' };
      break;
    case 'var': {
      const local = scope.locals.get(n.name);
      if (local?.kind === 'expr') {
        if (local.focus && local.mc.join('\n') !== scope.mc.join('\n')) throw new ConvertFail(m(`$${n.name} hängt vom Kontext ab und wird an anderer Stelle gelesen`, `$${n.name} depends on the context and is read at another place`));
        return structuredClone(local.expr);
      }
      if (!local && !scope.alias(n.name)) {
        if (g.params.has(n.name)) return { kind: 'param', name: n.name };
        if (g.vars.has(n.name)) return { kind: 'var', name: n.name };
      }
      break;
    }
    default:
      break;
  }
  if (n.t === 'path' || n.t === 'ctx' || n.t === 'var') {
    const path = resolvePath(n, scope, g.source);
    if (path && path !== '/') return { kind: 'source', path };
  }
  const inner = n.t === 'paren' && n.expr ? n.expr : n;
  return { kind: 'xpath', text: rewrite(inner, text, scope, g) };
}

function tryConvert(n: XNode, text: string, scope: ConvertScope, g: Globals): Expr | undefined {
  try {
    return convert(n, text, scope, g);
  } catch (e) {
    if (e instanceof ConvertFail) return undefined;
    throw e;
  }
}

/** `$vm-x(string(A))` and `($vm-x(string(A)), 'default')[1]`, as the compiler writes lookups. */
function asLookup(n: XNode, text: string, scope: ConvertScope, g: Globals): Expr | undefined {
  const bare = (x: XNode): { map: { id: string; default?: string }; arg: XNode } | undefined => {
    if (x.t !== 'dyncall' || x.base.t !== 'var' || x.args.length !== 1 || scope.locals.has(x.base.name)) return undefined;
    const map = g.maps.get(x.base.name);
    const a = x.args[0];
    if (!map || !a || a.t !== 'call' || a.name !== 'string' || a.args.length !== 1 || !a.args[0]) return undefined;
    return { map, arg: a.args[0] };
  };
  let hit = bare(n);
  if (hit) {
    if (hit.map.default !== undefined) return undefined;
  } else {
    if (n.t !== 'filter' || n.preds.length !== 1 || n.preds[0].t !== 'num' || n.preds[0].raw !== '1') return undefined;
    const p = n.base;
    if (p.t !== 'paren' || p.expr?.t !== 'seq' || p.expr.items.length !== 2) return undefined;
    const [first, dflt] = p.expr.items;
    hit = bare(first);
    if (!hit || dflt.t !== 'str' || hit.map.default !== dflt.value) return undefined;
  }
  const arg = tryConvert(hit.arg, text, scope, g);
  return arg && { kind: 'lookup', map: hit.map.id, arg };
}

/**
 * The text of `n` as an XPath escape, with edits where the compiled rule would read it differently:
 * local variables replaced by what they stand for, value-map variables renamed, and, when the XSLT
 * context item is not the compiled one, relative paths and `.` anchored at the XSLT context.
 */
export function rewrite(n: XNode, text: string, scope: ConvertScope, g: Globals): string {
  const edits: { s: number; e: number; text: string }[] = [];
  const shifted = contextShifted(scope);
  const cxText = (focusFree: boolean): string => {
    if (scope.cx === undefined) throw new ConvertFail(m('Kontext unbekannt', 'context unknown'));
    return writePath(g.source, scope.cx, scope.mc, focusFree);
  };
  // Names bound inside the expression itself (for/let/some/every, inline function parameters).
  const bound = new Set<string>();
  const collect = (x: XNode) => {
    if (x.t === 'flwor') for (const c of x.clauses) bound.add(c.name);
    if (x.t === 'inline') for (const p of x.params) bound.add(p);
    for (const c of children(x)) collect(c.node);
  };
  collect(n);
  const visit = (x: XNode, outer: boolean) => {
    switch (x.t) {
      case 'var': {
        const local = scope.locals.get(x.name);
        const alias = scope.alias(x.name);
        // An XPath escape is checked (and compiled) with only the mapping's names in scope.
        if (!bound.has(x.name) && !alias && local?.kind !== 'expr' && !g.params.has(x.name) && !g.vars.has(x.name) && !g.maps.has(x.name)) {
          throw new ConvertFail(m(`$${x.name} ist keine Variable des Mappings`, `$${x.name} is not a variable of the mapping`));
        }
        if (local?.kind === 'expr') {
          if (local.focus && (!outer || local.mc.join('\n') !== scope.mc.join('\n'))) throw new ConvertFail(m(`$${x.name} hängt vom Kontext ab`, `$${x.name} depends on the context`));
          edits.push({ s: x.s, e: x.e, text: `(${local.text})` });
        } else if (alias) {
          edits.push({ s: x.s, e: x.e, text: writePath(g.source, alias, scope.mc, !outer) });
        } else if (!local && g.maps.has(x.name)) {
          edits.push({ s: x.s, e: x.e, text: `$vm-${g.maps.get(x.name)!.id}` });
        }
        return;
      }
      case 'ctx':
        if (outer && shifted) edits.push({ s: x.s, e: x.e, text: cxText(false) });
        return;
      case 'call': {
        const q = fnName(x.name, scope);
        const grouping = scope.inGroup && (x.name === 'current-group' || x.name === 'current-grouping-key');
        if ((STYLESHEET_FNS.has(x.name) && !grouping) || (q.uri !== FN_NS && !STANDARD_FN_NS.has(q.uri))) {
          // User functions, keys, groups: they need declarations or instructions the XPath escape does not have.
          throw new ConvertFail(m(`${x.name}() braucht eine Deklaration der Regel`, `${x.name}() needs a declaration of the rule`));
        }
        // The compiled rule declares only xs and the prefixes its own paths use: other prefixes as Q{uri}.
        if (x.name.includes(':') && !x.name.startsWith('Q{') && !(x.name.startsWith('xs:') && q.uri === XS_URI)) edits.push({ s: x.s, e: x.s + x.name.length, text: `Q{${q.uri}}${q.local}` });
        if (x.name === 'current' && x.args.length === 0) {
          if (shifted) edits.push({ s: x.s, e: x.e, text: cxText(true) });
          return;
        }
        if (outer && shifted && x.args.length === 0) {
          if (x.name === 'position' || x.name === 'last') throw new ConvertFail(m(`${x.name}() bezieht sich auf einen anderen Kontext`, `${x.name}() refers to another context`));
          if (CONTEXT_FNS.has(x.name)) edits.push({ s: x.e - 1, e: x.e - 1, text: cxText(false) });
        }
        break;
      }
      case 'path':
        if (outer && shifted && x.root === '' && x.steps[0].t === 'step') edits.push({ s: x.s, e: x.s, text: cxText(false) + '/' });
        break;
      case 'step':
        if (x.test.kind === 'name' && x.test.uri === undefined && x.test.prefix !== '*' && x.test.local !== '*' && x.axis !== 'attribute') {
          // Unprefixed names under xpath-default-namespace, prefixed ones: as Q{uri}local, declared or not.
          const uri = x.test.prefix ? scope.ns(x.test.prefix) : scope.xdn;
          const at = text.indexOf(x.test.prefix ? `${x.test.prefix}:${x.test.local}` : x.test.local, x.s);
          if (uri && at >= 0) edits.push({ s: at, e: at + (x.test.prefix ? x.test.prefix.length + 1 : 0) + x.test.local.length, text: `Q{${uri}}${x.test.local}` });
        }
        break;
      default:
        break;
    }
    for (const c of children(x)) visit(c.node, outer && !c.newFocus);
  };
  visit(n, true);
  edits.sort((a, b) => a.s - b.s || a.e - b.e);
  let out = '';
  let at = n.s;
  for (const ed of edits) {
    out += text.slice(at, ed.s) + ed.text;
    at = ed.e;
  }
  return out + text.slice(at, n.e);
}

/** True when an expression reads the focus (context item, position, relative paths) at its outer level. */
export function readsFocus(n: XNode): boolean {
  const visit = (x: XNode, outer: boolean): boolean => {
    if (outer) {
      if (x.t === 'ctx') return true;
      if (x.t === 'path' && x.root === '' && x.steps[0].t === 'step') return true;
      if (x.t === 'call' && x.args.length === 0 && (x.name === 'position' || x.name === 'last' || CONTEXT_FNS.has(x.name))) return true;
    }
    return children(x).some((c) => visit(c.node, outer && !c.newFocus));
  };
  return visit(n, true);
}

