/**
 * Finding the XPath in a stylesheet: which attributes hold expressions, patterns or attribute value
 * templates, and what they refer to (functions, variables, namespace prefixes). Used for the checks
 * before import (syntax, extension functions) and to make raw blocks stand on their own.
 */
import { m } from '../i18n.ts';
import { lookupNamespace, type XmlElement } from '../xml/dom.ts';
import { inherited, XSL_NS } from './context.ts';
import { children, type XNode } from './xpath-ast.ts';
import { parseEnclosed, parseXPath, XPathSyntaxError } from './xpath-parser.ts';

const EXPR_ATTRS = new Set(['select', 'test', 'group-by', 'group-adjacent', 'use', 'value', 'initial-value', 'context-item']);
const PATTERN_ATTRS = new Set(['match', 'count', 'from', 'group-starting-with', 'group-ending-with']);
const AVT_ATTRS = new Set(['order', 'data-type', 'lang', 'case-order', 'collation', 'href', 'separator', 'format', 'letter-value', 'grouping-separator', 'grouping-size', 'ordinal', 'flags', 'regex', 'stable', 'namespace']);
const AVT_NAME = new Set(['element', 'attribute', 'processing-instruction', 'namespace']);
/** Attributes whose value is a QName or a list of them. */
const QNAME_ATTRS = new Set(['name', 'mode', 'as', 'use-attribute-sets', 'type', 'exclude-result-prefixes', 'extension-element-prefixes', 'result-prefix', 'stylesheet-prefix']);

export const STANDARD_FN_NS = new Set([
  'http://www.w3.org/2005/xpath-functions',
  'http://www.w3.org/2001/XMLSchema',
  'http://www.w3.org/2005/xpath-functions/math',
  'http://www.w3.org/2005/xpath-functions/map',
  'http://www.w3.org/2005/xpath-functions/array',
  'http://www.w3.org/2005/xqt-errors',
]);

/** One expression of an element: the attribute (or '#text') it is in, its text and parse result. */
export interface FoundExpr {
  attr: string;
  text: string;
  node?: XNode;
  error?: { message: string; offset: number };
}

/** Splits an attribute value template into literal and expression parts. Throws XPathSyntaxError. */
export function parseAvt(v: string): ({ lit: string } | { node: XNode; start: number; end: number })[] {
  const parts: ({ lit: string } | { node: XNode; start: number; end: number })[] = [];
  let lit = '';
  let i = 0;
  while (i < v.length) {
    const c = v[i];
    if (c === '{' && v[i + 1] === '{') {
      lit += '{';
      i += 2;
    } else if (c === '}' && v[i + 1] === '}') {
      lit += '}';
      i += 2;
    } else if (c === '{') {
      if (lit) parts.push({ lit });
      lit = '';
      const r = parseEnclosed(v, i + 1);
      parts.push({ node: r.node, start: i + 1, end: r.end - 1 });
      i = r.end;
    } else if (c === '}') throw new XPathSyntaxError(m('"}" ohne "{" im Attributwert-Template', '"}" without "{" in an attribute value template'), i);
    else {
      lit += c;
      i++;
    }
  }
  if (lit) parts.push({ lit });
  return parts;
}

/** The expressions written in an element's own attributes (and text, for text value templates). */
export function expressionsOf(el: XmlElement): FoundExpr[] {
  const out: FoundExpr[] = [];
  const expr = (attrName: string, text: string) => {
    const r = parseXPath(text);
    out.push(r.ok ? { attr: attrName, text, node: r.node } : { attr: attrName, text, error: { message: r.message, offset: r.offset } });
  };
  const avt = (attrName: string, text: string) => {
    try {
      for (const p of parseAvt(text)) if ('node' in p) out.push({ attr: attrName, text, node: p.node });
    } catch (e) {
      if (!(e instanceof XPathSyntaxError)) throw e;
      out.push({ attr: attrName, text, error: { message: e.message, offset: e.offset } });
    }
  };
  if (el.ns === XSL_NS) {
    for (const at of el.attrs) {
      if (at.ns) continue;
      if (EXPR_ATTRS.has(at.local) || PATTERN_ATTRS.has(at.local)) expr(at.local, at.value);
      else if (AVT_ATTRS.has(at.local) || (at.local === 'name' && AVT_NAME.has(el.local))) avt(at.local, at.value);
    }
  } else {
    for (const at of el.attrs) if (at.ns !== XSL_NS) avt(at.name, at.value);
  }
  if (inherited(el, 'expand-text') === 'yes') {
    for (const c of el.children) if (c.type === 'text' && c.text.includes('{')) avt('#text', c.text);
  }
  return out;
}

/** Every element of a subtree, the root first. */
export function descendants(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [el];
  for (const c of el.children) if (c.type === 'element') out.push(...descendants(c));
  return out;
}

/** Visits every node of an XPath tree. */
export function walkX(n: XNode, f: (x: XNode) => void): void {
  f(n);
  for (const c of children(n)) walkX(c.node, f);
}

/** Calls of functions outside the standard namespaces and the stylesheet's own xsl:function declarations. */
export function extensionCalls(root: XmlElement): { el: XmlElement; name: string; uri: string }[] {
  const own = new Set<string>();
  for (const el of descendants(root)) {
    if (el.ns === XSL_NS && el.local === 'function') {
      const name = el.attrs.find((x) => x.local === 'name' && !x.ns)?.value ?? '';
      const i = name.indexOf(':');
      if (i > 0) own.add(`{${lookupNamespace(el, name.slice(0, i))}}${name.slice(i + 1)}`);
    }
  }
  const out: { el: XmlElement; name: string; uri: string }[] = [];
  for (const el of descendants(root)) {
    for (const fx of expressionsOf(el)) {
      if (!fx.node) continue;
      walkX(fx.node, (x) => {
        if (x.t !== 'call' && x.t !== 'fnref') return;
        let uri: string | undefined;
        let local = x.name;
        if (x.name.startsWith('Q{')) {
          const close = x.name.indexOf('}');
          uri = x.name.slice(2, close);
          local = x.name.slice(close + 1);
        } else if (x.name.includes(':')) {
          const [p, l] = x.name.split(':');
          uri = lookupNamespace(el, p) ?? `(${p})`;
          local = l;
        }
        if (uri === undefined || STANDARD_FN_NS.has(uri) || own.has(`{${uri}}${local}`)) return;
        out.push({ el, name: x.name, uri });
      });
    }
  }
  return out;
}

/** Names of variables an element subtree reads but does not declare itself. */
export function freeVariables(el: XmlElement): Set<string> {
  const declared = new Set<string>();
  const read = new Set<string>();
  for (const d of descendants(el)) {
    if (d.ns === XSL_NS && (d.local === 'variable' || d.local === 'param') && d !== el) declared.add(d.attrs.find((x) => x.local === 'name' && !x.ns)?.value ?? '');
    for (const fx of expressionsOf(d)) {
      if (!fx.node) continue;
      const bound = new Set<string>();
      walkX(fx.node, (x) => {
        if (x.t === 'flwor') for (const c of x.clauses) bound.add(c.name);
        if (x.t === 'inline') for (const p of x.params) bound.add(p);
        if (x.t === 'var' && !bound.has(x.name)) read.add(x.name);
      });
    }
  }
  for (const d of declared) read.delete(d);
  return read;
}

/** Namespace prefixes a subtree uses (element and attribute names, QNames in expressions and QName attributes); '' = default namespace for unprefixed literal result elements. */
export function prefixesUsed(el: XmlElement): Set<string> {
  const out = new Set<string>();
  const qnamePrefixes = (v: string) => {
    for (const m of v.matchAll(/(?:^|[\s,(|])([A-Za-z_][\w.-]*):(?=[A-Za-z_*])/g)) out.add(m[1]);
  };
  for (const d of descendants(el)) {
    if (d.prefix) out.add(d.prefix);
    else if (d.ns !== XSL_NS) out.add('');
    if (d.ns === XSL_NS && d.local === 'element') {
      const n = d.attrs.find((x) => x.local === 'name' && !x.ns)?.value ?? '';
      if (!n.includes(':') && !n.includes('{') && !d.attrs.some((x) => x.local === 'namespace')) out.add('');
    }
    for (const at of d.attrs) {
      const i = at.name.indexOf(':');
      if (i > 0) out.add(at.name.slice(0, i));
      if (d.ns === XSL_NS && !at.ns && QNAME_ATTRS.has(at.local)) qnamePrefixes(at.value);
    }
    for (const fx of expressionsOf(d)) {
      if (!fx.node) continue;
      walkX(fx.node, (x) => {
        let name = '';
        if (x.t === 'var' || x.t === 'call' || x.t === 'fnref') name = x.name;
        else if (x.t === 'step' && x.test.kind === 'name' && x.test.uri === undefined && x.test.prefix !== '*') name = x.test.prefix ? `${x.test.prefix}:` : '';
        else if (x.t === 'type') qnamePrefixes(' ' + x.type);
        if (!name.startsWith('Q{') && name.includes(':')) out.add(name.split(':')[0]);
      });
    }
  }
  return out;
}
