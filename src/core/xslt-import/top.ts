/**
 * Top-level declarations: xsl:param → rule parameters, maps of string literals → value maps,
 * xsl:variable → mapping variables, the entry template, and everything else kept raw.
 */
import { m } from '../i18n.ts';
import type { Expr } from '../model/expr.ts';
import type { Parameter, ValueMap, Variable } from '../model/project.ts';
import { childElements, type XmlElement } from '../xml/dom.ts';
import { convert, ConvertFail } from './convert.ts';
import { a, isXsl, note, RawFallback, scopeOf, type Frame, type ImportCtx, type Template } from './context.ts';
import { descendants, expressionsOf, walkX } from './scan.ts';
import { parseXPath } from './xpath-parser.ts';

const NAME = /^[A-Za-z_][\w.-]*$/;
const MAP_ID = /^[A-Za-z_][\w-]*$/;
const STRING_FNS = new Set(['concat', 'join', 'upper-case', 'lower-case', 'normalize-space', 'substring', 'replace', 'pad-left', 'format-number', 'format-date']);

/** A top-level child with the comment right before it (its documentation). */
export interface Decl {
  el: XmlElement;
  doc?: string;
}

/** The stylesheet's top-level elements, each with the comment directly before it. */
export function declarations(root: XmlElement): Decl[] {
  const out: Decl[] = [];
  let doc: string | undefined;
  for (const c of root.children) {
    if (c.type === 'comment') doc = c.text;
    else if (c.type === 'element') {
      out.push({ el: c, doc });
      doc = undefined;
    } else if (c.type === 'text' && c.text.trim()) doc = undefined;
  }
  return out;
}

/** Comment text as documentation: the compiler writes "<!-- text -->", so one space each side is framing. */
export function docText(c: string | undefined): string | undefined {
  if (c === undefined) return undefined;
  const t = /^ [^]* $/.test(c) && c.length >= 2 ? c.slice(1, -1) : c.trim();
  return t || undefined;
}

/** Reads a map variable of string literals as a value map (rows in order), or undefined. */
export function asValueMap(d: Decl): { varName: string; map: ValueMap } | undefined {
  const el = d.el;
  if (!isXsl(el, 'variable')) return undefined;
  const name = a(el, 'name') ?? '';
  const as = a(el, 'as');
  if (as !== undefined && as.replace(/\s+/g, '') !== 'map(xs:string,xs:string)') return undefined;
  if (el.attrs.some((x) => x.ns || !['name', 'as', 'select'].includes(x.local)) || childElements(el).length) return undefined;
  const r = parseXPath(a(el, 'select') ?? '');
  if (!r.ok || r.node.t !== 'map') return undefined;
  const rows: { from: string; to: string }[] = [];
  for (const [k, v] of r.node.entries) {
    if (k.t !== 'str' || v.t !== 'str') return undefined;
    rows.push({ from: k.value, to: v.value });
  }
  const id = name.startsWith('vm-') ? name.slice(3) : name;
  if (!MAP_ID.test(id)) return undefined;
  const doc = docText(d.doc);
  const title = doc?.startsWith('Wertetabelle ') ? doc.slice('Wertetabelle '.length) : id;
  return { varName: name, map: { id, name: title, rows } };
}

/**
 * Defaults of value maps as the lookups use them: `($vm(string(x)), 'd')[1]` gives 'd'. The most frequent
 * one wins; a lookup with another (or none, when there is one) stays an XPath expression.
 */
export function lookupDefaults(root: XmlElement, mapVars: Set<string>): Map<string, string | undefined> {
  const seen = new Map<string, Map<string | undefined, number>>();
  const count = (v: string, d: string | undefined) => {
    let m = seen.get(v);
    if (!m) seen.set(v, (m = new Map()));
    m.set(d, (m.get(d) ?? 0) + 1);
  };
  for (const el of descendants(root)) {
    for (const fx of expressionsOf(el)) {
      if (!fx.node) continue;
      const inDefault = new Set<unknown>();
      walkX(fx.node, (x) => {
        if (x.t === 'filter' && x.preds.length === 1 && x.preds[0].t === 'num' && x.preds[0].raw === '1' && x.base.t === 'paren' && x.base.expr?.t === 'seq' && x.base.expr.items.length === 2) {
          const [call, d] = x.base.expr.items;
          if (call.t === 'dyncall' && call.base.t === 'var' && mapVars.has(call.base.name) && d.t === 'str') {
            count(call.base.name, d.value);
            inDefault.add(call);
          }
        }
        if (x.t === 'dyncall' && x.base.t === 'var' && mapVars.has(x.base.name) && !inDefault.has(x)) count(x.base.name, undefined);
      });
    }
  }
  const out = new Map<string, string | undefined>();
  for (const [v, m] of seen) {
    const withDefault = [...m].filter(([d]) => d !== undefined).sort((x, y) => y[1] - x[1]);
    out.set(v, withDefault.length ? withDefault[0][0] : undefined);
  }
  return out;
}

/** Reads xsl:param as a rule parameter (string with a literal default), or undefined. */
export function asParameter(d: Decl): Parameter | undefined {
  const el = d.el;
  const name = a(el, 'name') ?? '';
  if (!NAME.test(name) || el.attrs.some((x) => x.ns || !['name', 'as', 'select'].includes(x.local))) return undefined;
  const as = a(el, 'as');
  if (as !== undefined && as !== 'xs:string') return undefined;
  if (el.children.some((c) => c.type === 'element' || (c.type === 'text' && c.text.trim()))) return undefined;
  const sel = a(el, 'select');
  const p: Parameter = { name, type: 'string' };
  if (sel !== undefined) {
    const r = parseXPath(sel);
    if (!r.ok || r.node.t !== 'str') return undefined;
    if (r.node.value !== '') p.default = r.node.value;
  }
  const doc = docText(d.doc);
  if (doc) p.documentation = doc;
  return p;
}

/** Converts a top-level xsl:variable to a mapping variable. Throws RawFallback. */
export function asVariable(ctx: ImportCtx, d: Decl): Variable {
  const el = d.el;
  const name = a(el, 'name') ?? '';
  if (!NAME.test(name)) throw new RawFallback(m('Variablenname', 'variable name'));
  if (el.attrs.some((x) => x.ns || !['name', 'as', 'select'].includes(x.local))) throw new RawFallback(m('Attribute der Variable', 'attributes of the variable'));
  const sel = a(el, 'select');
  if (sel === undefined) throw new RawFallback(m('Variable mit Inhalt statt select', 'variable with content instead of select'));
  const r = parseXPath(sel);
  if (!r.ok) throw new RawFallback(r.message);
  const f: Frame = { level: { node: null, path: '', counts: new Map(), value: [] }, mc: [], cx: '/', locals: new Map(ctx.jsonDocs) };
  let value: Expr;
  try {
    value = convert(r.node, sel, scopeOf(f, el), ctx.g);
  } catch (e) {
    if (e instanceof ConvertFail) throw new RawFallback(e.message);
    throw e;
  }
  const as = a(el, 'as');
  if (as !== undefined && !(as === 'xs:string' && value.kind === 'call' && STRING_FNS.has(value.fn))) throw new RawFallback(`as="${as}"`);
  const v: Variable = { name, value };
  const doc = docText(d.doc);
  if (doc) v.documentation = doc;
  return v;
}

/** The templates of the stylesheet. */
export function templatesOf(decls: Decl[]): Template[] {
  return decls
    .filter((d) => isXsl(d.el, 'template'))
    .map((d) => ({ el: d.el, name: a(d.el, 'name'), match: a(d.el, 'match'), mode: a(d.el, 'mode') ?? '#default' }));
}

/**
 * The template processing the document node: match="/" in the default mode, else the one that matches
 * the source root element (reached through the built-in template for "/").
 */
export function entryTemplate(sourceRoot: string | undefined, match: (path: string) => Template | undefined): { t: Template; cx: string } | undefined {
  const doc = match('/');
  if (doc) return { t: doc, cx: '/' };
  if (!sourceRoot) return undefined;
  const t = match(sourceRoot);
  return t && { t, cx: sourceRoot };
}

/** Checks xsl:output against what the compiler always writes; reports what differs. */
export function checkOutput(ctx: ImportCtx, el: XmlElement): boolean {
  if (a(el, 'name') !== undefined) return false;
  // A JSON target is written as text (the xml-to-json() result).
  const want: Record<string, string> = ctx.jsonTarget ? { method: 'text', encoding: 'UTF-8' } : { method: 'xml', indent: 'yes', encoding: 'UTF-8' };
  const diff: string[] = [];
  for (const x of el.attrs) {
    if (x.ns) continue;
    if (want[x.local] === undefined || want[x.local].toLowerCase() !== x.value.toLowerCase()) diff.push(`${x.local}="${x.value}"`);
  }
  for (const k of Object.keys(want)) if (!el.attrs.some((x) => x.local === k && !x.ns) && (k !== 'method' || ctx.jsonTarget)) diff.push(m(`${k} fehlt`, `${k} missing`));
  const always = Object.entries(want).map(([k, v]) => `${k}="${v}"`).join(' ');
  const list = diff.join(', ');
  if (diff.length) note(ctx, 'warning', 'xslt-import.output', m(`<xsl:output> weicht ab (${list}); die erzeugte Regel schreibt immer ${always}.`, `<xsl:output> differs (${list}); the generated rule always writes ${always}.`), el);
  return true;
}
