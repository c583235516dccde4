/**
 * State shared by the XSLT importer's passes: the document, the trees, what has been imported so far,
 * and the frames of the template walk (which output element is being filled, in which contexts).
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { MappingRule, RawBlock, Variable } from '../model/project.ts';
import type { SchemaNode, SchemaTree } from '../schema/types.ts';
import { attr, lookupNamespace, type XmlElement, type XmlNode } from '../xml/dom.ts';
import type { ConvertScope, Globals, Local } from './convert.ts';
import type { ElementSpan } from './spans.ts';

export const XSL_NS = 'http://www.w3.org/1999/XSL/Transform';
export const XS_NS = 'http://www.w3.org/2001/XMLSchema';

/** Thrown where a construct cannot be modelled; the statement that contains it is kept raw. */
export class RawFallback extends Error {}

/** A rule found by the walk; ids are assigned at the end (from `<!-- Regel … -->` markers where present). */
export interface RuleDraft {
  id?: string;
  rule: Omit<MappingRule, 'id'>;
}

/** A named or matching template of the stylesheet. */
export interface Template {
  el: XmlElement;
  name?: string;
  match?: string;
  mode: string;
}

export interface ImportCtx {
  text: string;
  file?: string;
  spans: Map<XmlElement, ElementSpan>;
  root: XmlElement;
  g: Globals;
  source: SchemaTree | undefined;
  target: SchemaTree;
  rules: RuleDraft[];
  raw: RawBlock[];
  report: Diagnostic[];
  /** Template-level variables that became mapping variables. */
  promoted: Variable[];
  templates: Template[];
  /** Templates inlined into the mapping (call-template / apply-templates). */
  consumed: Set<XmlElement>;
  /** Target paths that already have a rule. */
  used: Set<string>;
  /** Map variable names the importer must not turn into value maps (a raw block reads them by name). */
  keepMaps: Set<string>;
  /** Templates being inlined, against recursion. */
  inlining: XmlElement[];
  /** Optional targets written unconditionally in the original, which the compiler writes only when their source exists. */
  nowOptional: string[];
  /** The target is JSON built as json-to-xml() vocabulary (see json.ts). */
  jsonTarget: boolean;
  /** Global variables that hold the JSON source document (json-to-xml(…)): aliases of its root. */
  jsonDocs: Map<string, Local>;
}

/** One output element being filled (shared by the frames of a context-changing for-each inside it). */
export interface Level {
  /** The target node; null at the main template's top level. */
  node: SchemaNode | null;
  /** Its target path with instance suffixes; '' at the top level. */
  path: string;
  /** Occurrences of each child step so far (for "#2" instances). */
  counts: Map<string, number>;
  /** Value parts of the element's text, in order. */
  value: import('../model/expr.ts').Expr[];
  /** The last child target path produced here (where a following raw block goes). */
  last?: string;
  /** Inside `<fn:array key=…>` of a JSON target: the array step its items' paths start with. */
  arrayStep?: string;
}

export interface Frame {
  level: Level;
  mc: string[];
  cx: string | undefined;
  locals: Map<string, Local>;
  /** Inside a grouping loop (current-group() is available). */
  inGroup?: boolean;
}

/** The value of an attribute with no namespace. */
export function a(el: XmlElement, name: string): string | undefined {
  return attr(el, name);
}

/** An element known to be in the XSLT namespace (a subtype, so a false check does not narrow XmlElement away). */
export type XslElement = XmlElement & { readonly xslBrand?: true };

/** True for an element in the XSLT namespace with the given local name (any if omitted). */
export function isXsl(n: XmlNode | undefined, local?: string): n is XslElement {
  return !!n && n.type === 'element' && n.ns === XSL_NS && (local === undefined || n.local === local);
}

/** A standard attribute as in scope: on XSLT elements without prefix, on literal result elements as xsl:name. */
export function inherited(el: XmlElement | undefined, name: string): string | undefined {
  for (let e = el; e; e = e.parent) {
    const v = e.ns === XSL_NS ? attr(e, name) : attr(e, name, XSL_NS);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The conversion scope for an expression on element `el` in frame `f`. */
export function scopeOf(f: Frame, el: XmlElement): ConvertScope {
  return {
    cx: f.cx,
    mc: f.mc,
    ns: (p) => (p === '' ? '' : lookupNamespace(el, p)),
    xdn: inherited(el, 'xpath-default-namespace') ?? '',
    alias: (name) => {
      const l = f.locals.get(name);
      return l?.kind === 'path' ? l.path : undefined;
    },
    locals: f.locals,
    inGroup: f.inGroup,
  };
}

/** Rule ids from a marker comment the compiler writes ("Regel r3", "Regeln r1, r2"). */
export function markerIds(comment: string): string[] | undefined {
  const m = /^\s*Regeln?\s+(\S.*?)\s*$/s.exec(comment);
  if (!m) return undefined;
  const ids = m[1].split(/\s*,\s*/);
  return ids.every((id) => id && !/\s/.test(id)) ? ids : undefined;
}

/** 1-based line of an element's start tag in the stylesheet. */
export function lineOf(ctx: ImportCtx, el: XmlElement): number {
  const s = ctx.spans.get(el);
  if (!s) return el.line;
  let line = 1;
  for (let i = 0; i < s.start; i++) if (ctx.text.charCodeAt(i) === 10) line++;
  return line;
}

/** Adds a finding to the report. */
export function note(ctx: ImportCtx, severity: Diagnostic['severity'], code: string, message: string, el?: XmlElement): void {
  ctx.report.push({ severity, code, message, location: el ? { file: ctx.file, line: lineOf(ctx, el) } : ctx.file ? { file: ctx.file } : undefined });
}
