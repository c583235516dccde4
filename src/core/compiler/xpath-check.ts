/**
 * Checks the hand-written XPath expressions of a mapping with the real engine (SaxonJS compiles a tiny
 * stylesheet per expression, in the static context the compiled rule gives it: the flow's prefixes,
 * parameters, variables and value maps, `$json` and the `fn:` prefix for a JSON source, and the outer
 * loop items `$loop1` … that are in scope where the expression sits). The compiler then replaces a broken
 * expression by () and reports it on its rule, so the rest still compiles and runs.
 *
 * Errors are kept per place (rule, part of the rule, text), not per text: the same text can be valid in
 * an inner loop, where `$loop1` is in scope, and broken in an outer one; only the broken place is marked.
 */
import type { Expr } from '../model/expr.ts';
import type { Flow, SchemaSet } from '../model/project.ts';
import type { XsltEngine } from '../runner/engine.ts';
import { loopContexts, loopVarName, loopVarRefs, type ExprPart } from '../mapping/xpath-scope.ts';
import { messageTree } from '../schema/index.ts';
import { FN, isJsonTree } from '../schema/json/paths.ts';
import type { SchemaTree } from '../schema/types.ts';
import { escAttr } from './printer.ts';

/** Known XPath errors of a flow: xpathErrorKey(owner, part, text) → the engine's message. */
export type XPathErrors = ReadonlyMap<string, string>;

/** The owner of a flow variable's expression, as the compiler reports its findings (`rule:var:<name>`). */
export function variableOwner(name: string): string {
  return `var:${name}`;
}

/**
 * The key of one XPath text at one place: the owner (a rule's id, or variableOwner for a flow variable),
 * the part of the rule it is (all sort keys are 'sort': they share the loop's scope) and the text.
 */
export function xpathErrorKey(owner: string, part: ExprPart, text: string): string {
  // U+001F cannot occur in a rule id, a part or a variable name (an NCName), so the key is unambiguous.
  return `${owner}\u001f${part}\u001f${text}`;
}

/** One place a hand-written XPath text sits: its owner and part, and how many outer loop items it can read ($loop1 … $loopN). */
interface XPathSite {
  owner: string;
  part: ExprPart;
  text: string;
  outerLoops: number;
}

function walk(e: Expr | undefined, visit: (text: string) => void): void {
  if (!e) return;
  if (e.kind === 'xpath') visit(e.text);
  else if (e.kind === 'call') e.args.forEach((a) => walk(a, visit));
  else if (e.kind === 'lookup') walk(e.arg, visit);
}

/** Every hand-written XPath text in a flow's mapping, each with the loops around it (exact with both trees). */
function xpathSites(flow: Flow, source?: SchemaTree, target?: SchemaTree): XPathSite[] {
  const out: XPathSite[] = [];
  for (const r of flow.mapping.rules) {
    // The loop rule's own item is the context item; the enclosing loops' items are variables (compile.ts).
    const outerLoops = Math.max(0, loopContexts(flow, source, target, r.target).length - 1);
    const visit = (part: ExprPart) => (text: string) => out.push({ owner: r.id, part, text, outerLoops });
    walk(r.value, visit('value'));
    walk(r.condition, visit('condition'));
    walk(r.forEach?.filter, visit('filter'));
    walk(r.forEach?.groupBy, visit('groupBy'));
    r.forEach?.sort?.forEach((s) => walk(s.expr, visit('sort')));
  }
  for (const v of flow.mapping.variables) walk(v.value, (text) => out.push({ owner: variableOwner(v.name), part: 'variable', text, outerLoops: 0 }));
  return out.filter((s) => s.text.trim() !== '');
}

/** Every hand-written XPath text in a flow's mapping. */
export function xpathTexts(flow: Flow): string[] {
  return [...new Set(xpathSites(flow).map((s) => s.text))];
}

/** The error-map key (xpathErrorKey) of every place of a hand-written XPath text in a flow's mapping. */
export function xpathPlaceKeys(flow: Flow): string[] {
  return [...new Set(xpathSites(flow).map((s) => xpathErrorKey(s.owner, s.part, s.text)))];
}

/** What of the static context depends on where an expression sits and on the source message. */
export interface XPathCheckContext {
  /** Outer loop items in scope: `$loop1` … `$loopN`, bound as the compiler binds them. */
  outerLoops?: number;
  /** The source is JSON: `$json` (the json-to-xml() tree) and the `fn:` prefix are in scope. */
  jsonSource?: boolean;
}

/** A stylesheet that only compiles one expression in the flow's static context. */
export function xpathCheckStylesheet(flow: Flow, text: string, where: XPathCheckContext = {}): string {
  const json = !!where.jsonSource;
  const ns = Object.entries(flow.mapping.namespaces)
    .map(([p, u]) => ` xmlns:${p}="${escAttr(u)}"`)
    .join('');
  // The compiler writes JSON steps as fn:map …; it declares fn when hand-written XPath uses it.
  const fn = json && !('fn' in flow.mapping.namespaces) ? ` xmlns:fn="${FN}"` : '';
  const decls = [
    ...(json ? [`<xsl:variable name="json" select="json-to-xml('{}')"/>`] : []),
    ...flow.mapping.parameters.map((p) => `<xsl:param name="${p.name}" select="''"/>`),
    ...flow.mapping.variables.map((v) => `<xsl:variable name="${v.name}" select="()"/>`),
    ...flow.mapping.valueMaps.map((m) => `<xsl:variable name="vm-${m.id}" select="map{}"/>`),
  ].join('');
  // Local, like the compiler's: a loop item shadows a flow variable of the same name. An element, as a loop item is.
  const loops = Array.from({ length: where.outerLoops ?? 0 }, (_, d) => `<xsl:variable name="${loopVarName(d)}" as="element()" select="/*"/>`).join('');
  return `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xs="http://www.w3.org/2001/XMLSchema"${ns}${fn}>${decls}<xsl:template match="/">${loops}<r><xsl:sequence select="boolean(1) or exists((\n${escAttr(text)}\n))"/></r></xsl:template></xsl:stylesheet>`;
}

/**
 * Checks the flow's XPath texts; returns xpathErrorKey → error message for the broken places. Uses and
 * fills `cache`, keyed by the check stylesheet: it holds the whole static context (the flow's declarations,
 * the JSON source and the loops the schemas imply), so a schema change that alters the context is never
 * answered from an old verdict, and a text checked in the same context again never reaches the engine.
 * With the project's schemas the static context is exact (JSON source, implicit loops); without them
 * only explicit loops are known, which may reject a valid `$loopN` but never passes a broken one.
 */
export async function checkXPaths(flow: Flow, engine: XsltEngine, cache: Map<string, string | null> = new Map(), schemas?: readonly SchemaSet[]): Promise<Map<string, string>> {
  const source = schemas ? messageTree(schemas, flow.source).tree : undefined;
  const target = schemas ? messageTree(schemas, flow.target).tree : undefined;
  const jsonSource = isJsonTree(source);
  const errors = new Map<string, string>();
  for (const site of xpathSites(flow, source, target)) {
    const text = site.text;
    // Loops matter only to a text that reads a loop item: other texts have one context wherever they sit.
    const outerLoops = loopVarRefs(text).length ? site.outerLoops : 0;
    const stylesheet = xpathCheckStylesheet(flow, text, { outerLoops, jsonSource });
    let msg = cache.get(stylesheet);
    if (msg === undefined) {
      const r = await engine.transform({ stylesheet, input: '<x/>', timeoutMs: 5000 });
      // Only static errors count: a dynamic error on the dummy input says nothing about the expression.
      msg = r.ok || (r.error.kind !== 'compile' && r.error.kind !== 'sandbox') ? null : `${r.error.code ? r.error.code + ': ' : ''}${r.error.message}`;
      cache.set(stylesheet, msg);
    }
    if (msg) errors.set(xpathErrorKey(site.owner, site.part, text), msg);
  }
  return errors;
}
