/**
 * The template walk: literal result elements are matched to the target tree and become rules; value-of,
 * text, if, choose, for-each (with sort and filter), attribute, variables, call-template and
 * apply-templates become values, conditions, loops and context; whatever cannot be modelled at a place
 * is kept there as a raw block.
 */
import { m } from '../i18n.ts';
import type { Expr } from '../model/expr.ts';
import { clark, stripInstances, type SchemaNode } from '../schema/types.ts';
import { childElements, lookupNamespace, type XmlElement, type XmlNode } from '../xml/dom.ts';
import { contextShifted, convert, ConvertFail, readsFocus, rewrite, type Local } from './convert.ts';
import { a, inherited, isXsl, markerIds, RawFallback, scopeOf, XSL_NS, type Frame, type ImportCtx, type Level } from './context.ts';
import { repeatsBeyond, resolvePath } from './paths.ts';
import { FN, jsonStep } from '../schema/json/paths.ts';
import { calledTemplate } from './calls.ts';
import { isJsonTree } from '../schema/json/paths.ts';
import { isArrayWrapper, jsonChild, literalKey } from './json.ts';
import { keepRaw } from './raw.ts';
import { parseAvt } from './scan.ts';
import type { XNode } from './xpath-ast.ts';
import { parseXPath, XPathSyntaxError } from './xpath-parser.ts';
import { elementProducer, matchTemplates, valueOnly } from './templates.ts';

/** Wrappers collected on the way down to a literal result element. */
interface Wrap {
  conds: Expr[];
  forEach?: { source: string; filter?: Expr; sort?: { expr: Expr; order: 'ascending' | 'descending'; dataType: 'text' | 'number' }[]; groupBy?: Expr };
  /** The rule id a wrapping if / for-each was marked with. */
  ownId?: string;
}

const STRING_FNS = new Set(['concat', 'join', 'upper-case', 'lower-case', 'normalize-space', 'substring', 'replace', 'pad-left', 'format-number', 'format-date']);

/** Parses and converts an expression attribute; throws RawFallback. */
export function exprAttr(ctx: ImportCtx, el: XmlElement, f: Frame, name: string): { expr: Expr; node: XNode; text: string } {
  const text = a(el, name);
  if (text === undefined) throw new RawFallback(m(`@${name} fehlt`, `@${name} missing`));
  const r = parseXPath(text);
  if (!r.ok) throw new RawFallback(m(`XPath-Fehler: ${r.message}`, `XPath error: ${r.message}`));
  return { expr: conv(ctx, r.node, text, el, f), node: r.node, text };
}

function conv(ctx: ImportCtx, node: XNode, text: string, el: XmlElement, f: Frame): Expr {
  try {
    return convert(node, text, scopeOf(f, el), ctx.g);
  } catch (e) {
    if (e instanceof ConvertFail) throw new RawFallback(e.message);
    throw e;
  }
}

/** An attribute value template as an expression: a constant, one expression, or their concatenation. */
function avtExpr(ctx: ImportCtx, value: string, el: XmlElement, f: Frame): Expr {
  let parts;
  try {
    parts = parseAvt(value);
  } catch (e) {
    if (e instanceof XPathSyntaxError) throw new RawFallback(m(`Attributwert-Template: ${e.message}`, `attribute value template: ${e.message}`));
    throw e;
  }
  const exprs = parts.map((p): Expr => ('lit' in p ? { kind: 'const', value: p.lit } : conv(ctx, p.node, value, el, f)));
  if (exprs.length === 0) return { kind: 'const', value: '' };
  return exprs.length === 1 ? exprs[0] : { kind: 'call', fn: 'concat', args: exprs };
}

function and(conds: Expr[]): Expr | undefined {
  if (!conds.length) return undefined;
  return conds.length === 1 ? conds[0] : { kind: 'call', fn: 'and', args: conds };
}

const same = (x: Expr, y: Expr) => JSON.stringify(x) === JSON.stringify(y);

/** Walks a sequence constructor: each statement is modelled or, failing that, kept raw in place. */
export function walkSeq(ctx: ImportCtx, nodes: XmlNode[], f: Frame, parentEl: XmlElement): void {
  let ids: string[] | undefined;
  const expand = inherited(parentEl, 'expand-text') === 'yes';
  // Text and value-of before a later child element would come out after it (the compiler writes the value last): keep those raw.
  const producers = nodes.map((n) => n.type === 'element' && elementProducer(ctx, n));
  const lastProducer = producers.lastIndexOf(true);
  nodes.forEach((n, i) => {
    if (n.type === 'comment') {
      ids = markerIds(n.text) ?? ids;
      return;
    }
    if (n.type === 'pi') return;
    if (n.type === 'text') {
      if (!n.text.trim() && !n.cdata) return;
      if (!f.level.node || i < lastProducer) return keepRaw(ctx, { text: n.text, near: parentEl }, f, m('Text an dieser Stelle', 'text at this place'));
      if (expand && n.text.includes('{')) {
        const mark = snapshot(ctx, f);
        try {
          f.level.value.push(avtExpr(ctx, n.text, parentEl, f));
        } catch (e) {
          if (!(e instanceof RawFallback)) throw e;
          restore(ctx, f, mark);
          keepRaw(ctx, { text: n.text, near: parentEl }, f, e.message);
        }
      } else f.level.value.push({ kind: 'const', value: n.text });
      return;
    }
    const marker = ids;
    ids = undefined;
    const mark = snapshot(ctx, f);
    try {
      if (!producers[i] && i < lastProducer && valueOnly(n)) throw new RawFallback(m('Wert vor Kindelementen', 'value before child elements'));
      statement(ctx, n, f, marker);
    } catch (e) {
      if (!(e instanceof RawFallback)) throw e;
      restore(ctx, f, mark);
      keepRaw(ctx, n, f, e.message);
    }
  });
}

interface Mark {
  rules: number;
  raw: number;
  report: number;
  promoted: number;
  used: Set<string>;
  counts: Map<string, number>;
  value: number;
  last?: string;
  locals: Map<string, Local>;
  vars: Set<string>;
}

function snapshot(ctx: ImportCtx, f: Frame): Mark {
  return {
    rules: ctx.rules.length,
    raw: ctx.raw.length,
    report: ctx.report.length,
    promoted: ctx.promoted.length,
    used: new Set(ctx.used),
    counts: new Map(f.level.counts),
    value: f.level.value.length,
    last: f.level.last,
    locals: new Map(f.locals),
    vars: new Set(ctx.g.vars),
  };
}

function restore(ctx: ImportCtx, f: Frame, m: Mark): void {
  ctx.rules.length = m.rules;
  ctx.raw.length = m.raw;
  ctx.report.length = m.report;
  ctx.promoted.length = m.promoted;
  ctx.used = m.used;
  f.level.counts = m.counts;
  f.level.value.length = m.value;
  f.level.last = m.last;
  f.locals.clear();
  for (const [k, v] of m.locals) f.locals.set(k, v);
  ctx.g.vars = m.vars;
}

/** One statement of a sequence constructor. Throws RawFallback when it cannot be modelled. */
function statement(ctx: ImportCtx, el: XmlElement, f: Frame, ids: string[] | undefined, wrap: Wrap = { conds: [] }): void {
  if (el.ns !== XSL_NS) return literal(ctx, el, f, wrap, ids);
  const onlyPlain = () => {
    if (wrap.conds.length || wrap.forEach) throw new RawFallback(m(`<${el.name}> in einer Bedingung oder Schleife`, `<${el.name}> in a condition or loop`));
  };
  switch (el.local) {
    case 'element':
      return literal(ctx, el, f, wrap, ids);
    case 'attribute':
      return attribute(ctx, el, f, wrap, ids);
    case 'if':
      return ifStatement(ctx, el, f, wrap, ids);
    case 'choose':
      return choose(ctx, el, f, wrap);
    case 'for-each':
    case 'for-each-group':
      return forEach(ctx, el, childElements(el).filter((c) => isXsl(c, 'sort')), el.children, f, wrap, ids, el);
    case 'apply-templates':
      return applyTemplates(ctx, el, f, wrap, ids);
    case 'call-template':
      onlyPlain();
      return callTemplate(ctx, el, f);
    case 'variable':
      onlyPlain();
      return local(ctx, el, f);
    case 'value-of':
    case 'text':
      onlyPlain();
      if (!f.level.node) throw new RawFallback(m('Text außerhalb des Wurzelelements', 'text outside the root element'));
      f.level.value.push(valueOf(ctx, el, f));
      return;
    case 'processing-instruction':
      // The compiler's trace mode marks output elements with this; it is not part of the mapping.
      if (a(el, 'name') === 'regelwerk-rule') return;
      throw new RawFallback(m('Verarbeitungsanweisung', 'processing instruction'));
    default:
      throw new RawFallback(m(`<${el.name}> hat im Mapping-Modell keine Entsprechung`, `<${el.name}> has no counterpart in the mapping model`));
  }
}

/** The value of xsl:value-of / xsl:text / literal content. */
function valueOf(ctx: ImportCtx, el: XmlElement, f: Frame): Expr {
  if (a(el, 'disable-output-escaping') === 'yes') throw new RawFallback('disable-output-escaping');
  if (el.local === 'text') {
    const t = el.children.map((c) => (c.type === 'text' ? c.text : '')).join('');
    if (inherited(el, 'expand-text') === 'yes' && t.includes('{')) return avtExpr(ctx, t, el, f);
    return { kind: 'const', value: t };
  }
  if (el.children.some((c) => c.type === 'element' || (c.type === 'text' && c.text.trim()))) throw new RawFallback(m('value-of mit Inhalt', 'value-of with content'));
  const { expr } = exprAttr(ctx, el, f, 'select');
  const sep = a(el, 'separator');
  if (sep !== undefined) return { kind: 'call', fn: 'join', args: [expr, avtExpr(ctx, sep, el, f)] };
  return expr;
}

/** Values of a value-only sequence constructor (text, value-of, if/choose of those), concatenated. */
function values(ctx: ImportCtx, nodes: XmlNode[], f: Frame, parentEl: XmlElement): Expr {
  const parts: Expr[] = [];
  for (const n of nodes) {
    if (n.type === 'comment' || n.type === 'pi') continue;
    if (n.type === 'text') {
      if (n.text.trim() || n.cdata) parts.push(inherited(parentEl, 'expand-text') === 'yes' && n.text.includes('{') ? avtExpr(ctx, n.text, parentEl, f) : { kind: 'const', value: n.text });
      continue;
    }
    if (isXsl(n, 'value-of') || isXsl(n, 'text')) parts.push(valueOf(ctx, n, f));
    else if (isXsl(n, 'if')) parts.push({ kind: 'call', fn: 'if', args: [exprAttr(ctx, n, f, 'test').expr, values(ctx, n.children, f, n), { kind: 'const', value: '' }] });
    else if (isXsl(n, 'choose')) parts.push(chooseValue(ctx, n, f));
    else throw new RawFallback(m(`<${n.name}> in einem Wert`, `<${n.name}> in a value`));
  }
  if (!parts.length) return { kind: 'const', value: '' };
  return parts.length === 1 ? parts[0] : { kind: 'call', fn: 'concat', args: parts };
}

function branches(el: XmlElement): { test?: XmlElement; body: XmlElement }[] {
  const out: { test?: XmlElement; body: XmlElement }[] = [];
  for (const c of childElements(el)) {
    if (isXsl(c, 'when')) out.push({ test: c, body: c });
    else if (isXsl(c, 'otherwise')) out.push({ body: c });
    else throw new RawFallback(`<${c.name}> in xsl:choose`);
  }
  return out;
}

/** choose/when/otherwise over values → nested if(…, …, …) calls. */
function chooseValue(ctx: ImportCtx, el: XmlElement, f: Frame): Expr {
  const bs = branches(el);
  let out: Expr = { kind: 'const', value: '' };
  for (let i = bs.length - 1; i >= 0; i--) {
    const b = bs[i];
    const v = values(ctx, b.body.children, f, b.body);
    out = b.test ? { kind: 'call', fn: 'if', args: [exprAttr(ctx, b.test, f, 'test').expr, v, out] } : v;
  }
  return out;
}

function ifStatement(ctx: ImportCtx, el: XmlElement, f: Frame, wrap: Wrap, ids: string[] | undefined): void {
  const test = exprAttr(ctx, el, f, 'test');
  if (valueOnly(el) && f.level.node && !wrap.forEach && !wrap.conds.length) {
    f.level.value.push({ kind: 'call', fn: 'if', args: [test.expr, values(ctx, el.children, f, el), { kind: 'const', value: '' }] });
    return;
  }
  guarded(ctx, el.children, f, { ...wrap, conds: [...wrap.conds, test.expr] }, ids, el);
}

/**
 * The body of an if / when / loop: element producers only, each under the wrapper's conditions (a loop
 * body has exactly one element). `wrapperIds` is the marker before the wrapper: the first element's rule.
 */
function guarded(ctx: ImportCtx, nodes: XmlNode[], f: Frame, wrap: Wrap, wrapperIds: string[] | undefined, parentEl: XmlElement): void {
  const inner: Frame = { ...f, locals: new Map(f.locals) };
  let marker: string[] | undefined;
  let n = 0;
  // A called template's body stands in for the call (structures mode puts a loop body in one).
  const spliced: XmlElement[] = [];
  const queue = [...nodes];
  try {
  for (let c = queue.shift(); c; c = queue.shift()) {
    if (isXsl(c, 'call-template')) {
      const call = calledTemplate(ctx, c, inner);
      ctx.inlining.push(call.t.el);
      spliced.push(call.t.el);
      queue.unshift(...call.body);
      continue;
    }
    if (c.type === 'comment') {
      marker = markerIds(c.text) ?? marker;
      continue;
    }
    if (c.type === 'pi' || (c.type === 'text' && !c.text.trim())) continue;
    if (c.type === 'text') throw new RawFallback(m('Text in einer Bedingung', 'text in a condition'));
    if (isXsl(c, 'variable')) {
      local(ctx, c, inner, true);
      continue;
    }
    if (!elementProducer(ctx, c) && !isXsl(c, 'attribute')) throw new RawFallback(m(`<${c.name}> in einer Bedingung`, `<${c.name}> in a condition`));
    if (wrap.forEach && (n > 0 || !(c.ns !== XSL_NS || isXsl(c, 'element') || isXsl(c, 'if')))) throw new RawFallback(m('Schleife erzeugt nicht genau ein Element', 'the loop does not create exactly one element'));
    const ownId = n === 0 && wrapperIds?.length === 1 ? wrapperIds[0] : n === 0 ? wrap.ownId : undefined;
    statement(ctx, c, inner, marker, { ...wrap, ownId });
    marker = undefined;
    n++;
  }
  } finally {
    ctx.inlining.length -= spliced.length;
  }
  for (const el of spliced) ctx.consumed.add(el);
  if (!n) throw new RawFallback(m(`leerer Inhalt in <${parentEl.name}>`, `empty content in <${parentEl.name}>`));
}

function choose(ctx: ImportCtx, el: XmlElement, f: Frame, wrap: Wrap): void {
  if (valueOnly(el) && f.level.node && !wrap.forEach && !wrap.conds.length) {
    f.level.value.push(chooseValue(ctx, el, f));
    return;
  }
  const bs = branches(el);
  const tests: Expr[] = [];
  for (const b of bs) {
    const t = b.test ? exprAttr(ctx, b.test, f, 'test').expr : undefined;
    const not = tests.map((x): Expr => ({ kind: 'call', fn: 'not', args: [x] }));
    const cond = and(t ? [...not, t] : not);
    if (b.body.children.some((c) => c.type === 'element' || (c.type === 'text' && c.text.trim()))) guarded(ctx, b.body.children, f, { ...wrap, conds: cond ? [...wrap.conds, cond] : wrap.conds }, undefined, b.body);
    if (t) tests.push(t);
  }
}

/** A for-each (or an apply-templates read as one): a loop rule on the one element it makes, or a change of context. */
function forEach(ctx: ImportCtx, el: XmlElement, sorts: XmlElement[], body: XmlNode[], f: Frame, wrap: Wrap, ids: string[] | undefined, bodyEl: XmlElement): void {
  const selText = a(el, 'select');
  if (selText === undefined) throw new RawFallback(m('select fehlt', 'select missing'));
  const r = parseXPath(selText);
  if (!r.ok) throw new RawFallback(m(`XPath-Fehler: ${r.message}`, `XPath error: ${r.message}`));
  const trailing: XNode[] = [];
  const scope = scopeOf(f, el);
  const path = resolvePath(r.node, scope, ctx.source, trailing);
  // Over the JSON document (for-each select="json-to-xml(.)"): only the context changes.
  if (!path || (path === '/' && !isJsonTree(ctx.source))) throw new RawFallback(m('Schleife nicht über einen Quellpfad', 'loop not over a source path'));
  const inner: Frame = { level: f.level, mc: f.mc, cx: path, locals: new Map(f.locals) };
  const grouping = el.local === 'for-each-group';
  if (grouping && el.attrs.some((x) => x.ns || !['select', 'group-by'].includes(x.local))) throw new RawFallback(m('for-each-group ohne group-by', 'for-each-group without group-by'));
  const repeats = repeatsBeyond(ctx.source, path, f.mc);
  if (!grouping && !repeats && !trailing.length && !sorts.length && !wrap.conds.length && !wrap.forEach) {
    // Over one node: only the context changes.
    walkSeq(ctx, body.filter((n) => !isXsl(n, 'sort')), inner, bodyEl);
    return;
  }
  if (wrap.forEach) throw new RawFallback(m('verschachtelte Schleife ohne Zielelement dazwischen', 'nested loop without a target element in between'));
  inner.mc = [...f.mc, path];
  for (const c of wrap.conds) checkOuterCondition(c, path);
  if (trailing.length > 1) throw new RawFallback(m('mehrere Filter', 'several filters'));
  const filter = trailing.length ? conv(ctx, trailing[0], selText, el, inner) : undefined;
  const sort = sorts.map((s) => {
    for (const at of s.attrs) if (!['select', 'order', 'data-type'].includes(at.local) || at.ns) throw new RawFallback(m(`xsl:sort mit @${at.name}`, `xsl:sort with @${at.name}`));
    if (s.children.some((c) => c.type === 'element' || (c.type === 'text' && c.text.trim()))) throw new RawFallback(m('xsl:sort mit Inhalt', 'xsl:sort with content'));
    const order = a(s, 'order') ?? 'ascending';
    const dataType = a(s, 'data-type') ?? 'text';
    if ((order !== 'ascending' && order !== 'descending') || (dataType !== 'text' && dataType !== 'number')) throw new RawFallback(m('xsl:sort-Attribute', 'xsl:sort attributes'));
    const sel = a(s, 'select') ?? '.';
    const sr = parseXPath(sel);
    if (!sr.ok) throw new RawFallback(m(`XPath-Fehler: ${sr.message}`, `XPath error: ${sr.message}`));
    return { expr: conv(ctx, sr.node, sel, s, inner), order, dataType } as const;
  });
  const fe: Wrap['forEach'] = { source: path };
  if (filter) fe.filter = filter;
  if (sort.length) fe.sort = sort;
  if (grouping) {
    fe.groupBy = exprAttr(ctx, el, inner, 'group-by').expr;
    inner.inGroup = true;
  }
  guarded(ctx, body.filter((n) => !isXsl(n, 'sort')), inner, { conds: wrap.conds, forEach: fe, ownId: wrap.ownId }, ids, bodyEl);
}

/** A condition written outside a loop is compiled inside it: only allowed when that reads the same. */
function checkOuterCondition(c: Expr, loop: string): void {
  const bad = (e: Expr): boolean => {
    switch (e.kind) {
      case 'source':
        return e.path === loop || e.path.startsWith(loop + '/');
      case 'call':
        return e.args.some(bad);
      case 'lookup':
        return bad(e.arg);
      case 'xpath': {
        const r = parseXPath(e.text);
        return !r.ok || readsFocus(r.node);
      }
      default:
        return false;
    }
  };
  if (bad(c)) throw new RawFallback(m('Bedingung außerhalb der Schleife liest deren Elemente', 'a condition outside the loop reads its items'));
}

function applyTemplates(ctx: ImportCtx, el: XmlElement, f: Frame, wrap: Wrap, ids: string[] | undefined): void {
  for (const at of el.attrs) if (at.ns || !['select', 'mode'].includes(at.local)) throw new RawFallback(m(`apply-templates mit @${at.name}`, `apply-templates with @${at.name}`));
  const kids = childElements(el);
  if (kids.some((k) => !isXsl(k, 'sort'))) throw new RawFallback(m('apply-templates mit Parametern', 'apply-templates with parameters'));
  const sel = a(el, 'select');
  if (!sel) throw new RawFallback(m('apply-templates ohne select', 'apply-templates without select'));
  const r = parseXPath(sel);
  if (!r.ok) throw new RawFallback(m(`XPath-Fehler: ${r.message}`, `XPath error: ${r.message}`));
  const path = resolvePath(r.node, scopeOf(f, el), ctx.source, []);
  if (!path) throw new RawFallback(m('select ist kein Quellpfad', 'select is not a source path'));
  const t = matchTemplates(ctx, path, a(el, 'mode') ?? '#default');
  if (!t) throw new RawFallback(m('keine eindeutige Vorlage für die ausgewählten Knoten', 'no unique template for the selected nodes'));
  if (childElements(t.el).some((c) => isXsl(c, 'param'))) throw new RawFallback(m('Vorlage mit Parametern', 'template with parameters'));
  if (ctx.inlining.includes(t.el)) throw new RawFallback(m('rekursive Vorlage', 'recursive template'));
  ctx.inlining.push(t.el);
  try {
    forEach(ctx, el, kids, t.el.children, f, wrap, ids, t.el);
  } finally {
    ctx.inlining.pop();
  }
  ctx.consumed.add(t.el);
}

function callTemplate(ctx: ImportCtx, el: XmlElement, f: Frame): void {
  const { t, body, locals } = calledTemplate(ctx, el, f);
  ctx.inlining.push(t.el);
  try {
    walkSeq(ctx, body, { ...f, locals }, t.el);
  } finally {
    ctx.inlining.pop();
  }
  ctx.consumed.add(t.el);
}

/** A local xsl:variable: an alias of source nodes, a value (promoted to a mapping variable at the top level, else inlined), or raw. */
function local(ctx: ImportCtx, el: XmlElement, f: Frame, strict = false): void {
  const name = a(el, 'name');
  if (!name) throw new RawFallback(m('Variable ohne Namen', 'variable without a name'));
  for (const at of el.attrs) if (at.ns || !['name', 'select', 'as'].includes(at.local)) throw new RawFallback(m(`Variable mit @${at.name}`, `variable with @${at.name}`));
  const sel = a(el, 'select');
  if (sel === undefined) {
    if (strict) throw new RawFallback(m(`Variable $${name} mit Inhalt`, `variable $${name} with content`));
    throw new RawFallback(m(`Variable $${name} mit Inhalt statt select`, `variable $${name} with content instead of select`));
  }
  const as = a(el, 'as');
  const r = parseXPath(sel);
  if (!r.ok) throw new RawFallback(m(`XPath-Fehler: ${r.message}`, `XPath error: ${r.message}`));
  const scope = scopeOf(f, el);
  const path = !as || /^(element|node|item|document-node)\(/.test(as) ? resolvePath(r.node, scope, ctx.source) : undefined;
  if (path && (path !== '/' || isJsonTree(ctx.source))) {
    f.locals.set(name, { kind: 'path', path });
    return;
  }
  let expr = conv(ctx, r.node, sel, el, f);
  let text: string;
  try {
    text = rewrite(r.node, sel, scope, ctx.g);
  } catch (e) {
    if (e instanceof ConvertFail) throw new RawFallback(e.message);
    throw e;
  }
  if (as !== undefined) {
    const typed = /^xs:[A-Za-z]+$/.test(as);
    if (!typed) throw new RawFallback(m(`Variable mit as="${as}"`, `variable with as="${as}"`));
    if (!(as === 'xs:string' && expr.kind === 'call' && STRING_FNS.has(expr.fn))) {
      text = `${as}(${text})`;
      expr = { kind: 'xpath', text };
    }
  }
  const focus = readsFocus(r.node) || contextShifted(scope);
  if (!f.mc.length && !ctx.g.vars.has(name) && !ctx.g.params.has(name) && !ctx.g.maps.has(name) && /^[A-Za-z_][\w.-]*$/.test(name)) {
    // At the top of the template a value is computed once per message: a mapping variable.
    ctx.promoted.push({ name, value: expr });
    ctx.g.vars.add(name);
    f.locals.delete(name);
    return;
  }
  f.locals.set(name, { kind: 'expr', expr, text, mc: f.mc, focus });
}

/** The target child of the current output element with this name, and its path (with "#n" for a further group). */
function targetChild(ctx: ImportCtx, f: Frame, ns: string, localName: string, kind: 'element' | 'attribute', key?: string): { node: SchemaNode; path: string } {
  const tree = ctx.target;
  if (ctx.jsonTarget && kind === 'element') return jsonTargetChild(ctx, f, ns, localName, key);
  if (!f.level.node) {
    if (kind === 'attribute' || tree.root.name.ns !== ns || tree.root.name.local !== localName) throw new RawFallback(m(`Element {${ns}}${localName} ist nicht das Wurzelelement des Zielschemas`, `element {${ns}}${localName} is not the root element of the target schema`));
    if (ctx.used.has(tree.root.path)) throw new RawFallback(m('Wurzelelement doppelt', 'root element twice'));
    return { node: tree.root, path: tree.root.path };
  }
  const base = tree.find(stripInstances(f.level.path));
  const k = base && tree.children(base).find((c) => c.kind === kind && c.name.ns === ns && c.name.local === localName);
  if (!base || !k) {
    const [de, under] = [kind === 'attribute' ? 'Attribut' : 'Element', f.level.node.name.local];
    throw new RawFallback(m(`${de} ${localName} gibt es im Zielschema unter ${under} nicht`, `${kind} ${localName} does not exist in the target schema under ${under}`));
  }
  const step = (kind === 'attribute' ? '@' : '') + clark(k.name);
  const path = `${f.level.path}/${step}`;
  if (kind === 'attribute') return { node: k, path };
  const n = (f.level.counts.get(step) ?? 0) + 1;
  if (n > 1 && k.maxOccurs === 1) throw new RawFallback(m(`${localName} kommt hier nur einmal vor`, `${localName} occurs only once here`));
  f.level.counts.set(step, n);
  return { node: k, path: n > 1 ? `${path}#${n}` : path };
}

/** targetChild for a JSON target: the json-to-xml element and its key name the step (see json.ts). */
function jsonTargetChild(ctx: ImportCtx, f: Frame, ns: string, localName: string, key: string | undefined): { node: SchemaNode; path: string } {
  const base = f.level.node ? ctx.target.find(stripInstances(f.level.path)) : undefined;
  const hit = ns === FN ? jsonChild(ctx.target, base, localName, key, f.level.arrayStep) : undefined;
  if (!hit || (f.level.node && !base)) {
    const [name, under] = [`${localName}${key !== undefined ? ` "${key}"` : ''}`, f.level.node?.name.local];
    throw new RawFallback(
      m(
        `JSON-Element ${name} gibt es im Zielschema ${under !== undefined ? `unter ${under}` : 'als Wurzel'} nicht`,
        `JSON element ${name} does not exist in the target schema ${under !== undefined ? `under ${under}` : 'as the root'}`,
      ),
    );
  }
  if (!f.level.node) {
    if (ctx.used.has(hit.node.path)) throw new RawFallback(m('Wurzelelement doppelt', 'root element twice'));
    return { node: hit.node, path: hit.node.path };
  }
  const n = (f.level.counts.get(hit.step) ?? 0) + 1;
  if (n > 1 && hit.node.maxOccurs === 1) throw new RawFallback(m(`${key ?? localName} kommt hier nur einmal vor`, `${key ?? localName} occurs only once here`));
  f.level.counts.set(hit.step, n);
  const path = `${f.level.path}/${hit.step}`;
  return { node: hit.node, path: n > 1 ? `${path}#${n}` : path };
}

/**
 * `<fn:array key="k">` around the items of a JSON array member: no rule of its own; its items are the
 * member's node. It takes only elements (a part kept raw inside would land outside it: all raw then).
 */
function jsonArray(ctx: ImportCtx, el: XmlElement, f: Frame, wrap: Wrap, key: string): void {
  if (wrap.conds.length || wrap.forEach) throw new RawFallback(m('JSON-Array in einer Bedingung oder Schleife', 'JSON array in a condition or loop'));
  if (el.attrs.some((x) => x.ns !== XSL_NS && !(x.local === 'key' && !x.ns))) throw new RawFallback(m('JSON-Array mit weiteren Attributen', 'JSON array with further attributes'));
  const level: Level = { ...f.level, arrayStep: jsonStep('array', key) };
  const rawBefore = ctx.raw.length;
  walkSeq(ctx, el.children, { ...f, level }, el);
  if (ctx.raw.slice(rawBefore).some((b) => b.parent === f.level.path)) throw new RawFallback(m('JSON-Array mit nicht abbildbarem Inhalt', 'JSON array with content that cannot be mapped'));
  f.level.last = level.last;
}

function pushRule(ctx: ImportCtx, rule: import('./context.ts').RuleDraft, at?: number): void {
  if (ctx.used.has(rule.rule.target)) throw new RawFallback(m(`zweite Regel für ${rule.rule.target}`, `second rule for ${rule.rule.target}`));
  ctx.used.add(rule.rule.target);
  if (at === undefined) ctx.rules.push(rule);
  else ctx.rules.splice(at, 0, rule);
}

/** A literal result element (or xsl:element with a fixed name): a rule for its target node. */
function literal(ctx: ImportCtx, el: XmlElement, f: Frame, wrap: Wrap, ids: string[] | undefined): void {
  let ns = el.ns;
  let localName = el.local;
  let attrs = el.attrs.filter((x) => x.ns !== XSL_NS);
  if (el.ns === XSL_NS) {
    const name = a(el, 'name') ?? '';
    for (const at of el.attrs) if (at.ns || at.local !== 'name') throw new RawFallback(m(`xsl:element mit @${at.name}`, `xsl:element with @${at.name}`));
    if (!/^([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*$/.test(name)) throw new RawFallback(m('berechneter Elementname', 'computed element name'));
    const i = name.indexOf(':');
    const uri = lookupNamespace(el, i > 0 ? name.slice(0, i) : '');
    if (uri === undefined) throw new RawFallback(m('unbekanntes Präfix', 'unknown prefix'));
    ns = uri;
    localName = name.slice(i + 1);
    attrs = [];
  } else {
    for (const at of el.attrs) {
      if (at.ns === XSL_NS && !['exclude-result-prefixes', 'version', 'expand-text', 'xpath-default-namespace'].includes(at.local)) throw new RawFallback(m(`xsl:${at.local} auf Literalelement`, `xsl:${at.local} on a literal element`));
    }
  }
  let key: string | undefined;
  if (ctx.jsonTarget && ns === FN) {
    // The key is part of the JSON step, not an attribute of the target tree.
    const k = literalKey(el);
    if (k === null) throw new RawFallback(m('berechneter JSON-Schlüssel', 'computed JSON key'));
    key = k;
    attrs = attrs.filter((x) => x.ns || x.local !== 'key');
    if (attrs.length) throw new RawFallback(m(`JSON-Element mit @${attrs[0].name}`, `JSON element with @${attrs[0].name}`));
    const base = f.level.node ? ctx.target.find(stripInstances(f.level.path)) : undefined;
    if (localName === 'array' && !f.level.arrayStep && key !== undefined && isArrayWrapper(ctx.target, base, key)) return jsonArray(ctx, el, f, wrap, key);
  }
  const { node, path } = targetChild(ctx, f, ns, localName, 'element', key);
  let ownId = wrap.ownId;
  let attrIds: string[] | undefined;
  if (ids) {
    if (ownId === undefined && ids.length === attrs.length + 1) [ownId, ...attrIds] = ids;
    else if (ids.length === attrs.length) attrIds = ids;
  }
  const at = ctx.rules.length;
  const rawBefore = ctx.raw.length;
  const level: Level = { node, path, counts: new Map(), value: [] };
  const inner: Frame = { level, mc: f.mc, cx: f.cx, locals: new Map(f.locals), inGroup: f.inGroup };
  attrs.forEach((x, i) => {
    const t = targetChild(ctx, inner, x.ns, x.local, 'attribute');
    if (t.node.minOccurs === 0 && /^\{[^{}]*\}$/.test(x.value) && avtExpr(ctx, x.value, el, inner).kind === 'source') ctx.nowOptional.push('@' + x.local);
    // Literal attributes take no place among the content, so they are not where a raw block follows.
    pushRule(ctx, { id: attrIds?.[i], rule: { target: t.path, value: avtExpr(ctx, x.value, el, inner) } });
  });
  walkSeq(ctx, el.children, inner, el);
  const rule: import('../model/project.ts').MappingRule = { id: '', target: path };
  let value: Expr | undefined = level.value.length === 0 ? undefined : level.value.length === 1 ? level.value[0] : { kind: 'call', fn: 'concat', args: level.value };
  const empty = ctx.rules.length === at && ctx.raw.length === rawBefore && !value;
  if (empty && node.simple) value = { kind: 'const', value: '' };
  let conds = [...wrap.conds];
  let fe = wrap.forEach;
  // What the compiler writes by itself: an optional target linked to one source field gets an if of that field …
  const loops = (v: Expr | undefined) => v?.kind === 'source' && node.maxOccurs !== 1 && repeatsBeyond(ctx.source, v.path, f.mc);
  if (!fe && conds.length === 1 && value?.kind === 'source' && node.minOccurs === 0 && same(conds[0], value) && !loops(value)) conds = [];
  else if (!fe && !conds.length && value?.kind === 'source' && node.minOccurs === 0 && !loops(value)) ctx.nowOptional.push(node.name.local);
  // … and a repeating source linked to a repeating target a for-each over it.
  if (fe && !fe.filter && !fe.sort && !fe.groupBy && value?.kind === 'source' && value.path === fe.source && node.maxOccurs !== 1 && repeatsBeyond(ctx.source, fe.source, f.mc.slice(0, -1))) fe = undefined;
  // Without a loop, value-of writes all items of a repeating source space-separated; the compiler would loop instead.
  if (!fe && loops(value)) value = { kind: 'call', fn: 'join', args: [value!, { kind: 'const', value: ' ' }] };
  if (value) rule.value = value;
  if (fe) rule.forEach = fe;
  const cond = and(conds);
  if (cond) rule.condition = cond;
  const needed = value || fe || cond || ownId !== undefined || empty;
  if (needed) {
    const { id: _id, ...r } = rule;
    pushRule(ctx, { id: ownId, rule: r }, at);
  }
  f.level.last = path;
}

function attribute(ctx: ImportCtx, el: XmlElement, f: Frame, wrap: Wrap, ids: string[] | undefined): void {
  if (wrap.forEach) throw new RawFallback(m('Attribut in einer Schleife', 'attribute in a loop'));
  if (!f.level.node) throw new RawFallback(m('Attribut außerhalb eines Elements', 'attribute outside an element'));
  for (const at of el.attrs) if (at.ns || !['name', 'select'].includes(at.local)) throw new RawFallback(m(`xsl:attribute mit @${at.name}`, `xsl:attribute with @${at.name}`));
  const name = a(el, 'name') ?? '';
  if (!/^([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*$/.test(name)) throw new RawFallback(m('berechneter Attributname', 'computed attribute name'));
  const i = name.indexOf(':');
  const uri = i > 0 ? lookupNamespace(el, name.slice(0, i)) : '';
  if (uri === undefined) throw new RawFallback(m('unbekanntes Präfix', 'unknown prefix'));
  const t = targetChild(ctx, f, uri, name.slice(i + 1), 'attribute');
  const value = a(el, 'select') !== undefined ? exprAttr(ctx, el, f, 'select').expr : values(ctx, el.children, f, el);
  let conds = wrap.conds;
  if (conds.length === 1 && value.kind === 'source' && t.node.minOccurs === 0 && same(conds[0], value)) conds = [];
  const rule: Omit<import('../model/project.ts').MappingRule, 'id'> = { target: t.path, value };
  const cond = and(conds);
  if (cond) rule.condition = cond;
  pushRule(ctx, { id: wrap.ownId ?? (ids?.length === 1 ? ids[0] : undefined), rule });
  f.level.last = t.path;
}

