/**
 * Checks the hand-written XPath expressions of a mapping with the real engine (SaxonJS compiles a tiny
 * stylesheet per expression, with the flow's prefixes, parameters and variables in scope). The compiler
 * then replaces a broken expression by () and reports it on its rule, so the rest still compiles and runs.
 */
import type { Expr } from '../model/expr.ts';
import type { Flow } from '../model/project.ts';
import type { XsltEngine } from '../runner/engine.ts';
import { escAttr } from './printer.ts';

/** Every hand-written XPath text in a flow's mapping. */
export function xpathTexts(flow: Flow): string[] {
  const out = new Set<string>();
  const walk = (e: Expr | undefined) => {
    if (!e) return;
    if (e.kind === 'xpath') out.add(e.text);
    else if (e.kind === 'call') e.args.forEach(walk);
    else if (e.kind === 'lookup') walk(e.arg);
  };
  for (const r of flow.mapping.rules) {
    walk(r.value);
    walk(r.condition);
    walk(r.forEach?.filter);
    walk(r.forEach?.groupBy);
    r.forEach?.sort?.forEach((s) => walk(s.expr));
  }
  for (const v of flow.mapping.variables) walk(v.value);
  return [...out].filter((t) => t.trim() !== '');
}

/** A stylesheet that only compiles one expression in the flow's static context. */
export function xpathCheckStylesheet(flow: Flow, text: string): string {
  const ns = Object.entries(flow.mapping.namespaces)
    .map(([p, u]) => ` xmlns:${p}="${escAttr(u)}"`)
    .join('');
  const decls = [
    ...flow.mapping.parameters.map((p) => `<xsl:param name="${p.name}" select="''"/>`),
    ...flow.mapping.variables.map((v) => `<xsl:variable name="${v.name}" select="()"/>`),
    ...flow.mapping.valueMaps.map((m) => `<xsl:variable name="vm-${m.id}" select="map{}"/>`),
  ].join('');
  return `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xs="http://www.w3.org/2001/XMLSchema"${ns}>${decls}<xsl:template match="/"><r><xsl:sequence select="boolean(1) or exists((\n${escAttr(text)}\n))"/></r></xsl:template></xsl:stylesheet>`;
}

/** Checks the flow's XPath texts; returns text → error message for the broken ones. Uses and fills `cache`. */
export async function checkXPaths(flow: Flow, engine: XsltEngine, cache: Map<string, string | null> = new Map()): Promise<Map<string, string>> {
  const errors = new Map<string, string>();
  for (const text of xpathTexts(flow)) {
    const key = `${JSON.stringify(flow.mapping.namespaces)}|${flow.mapping.parameters.map((p) => p.name)}|${flow.mapping.variables.map((v) => v.name)}|${flow.mapping.valueMaps.map((m) => m.id)}|${text}`;
    let msg = cache.get(key);
    if (msg === undefined) {
      const r = await engine.transform({ stylesheet: xpathCheckStylesheet(flow, text), input: '<x/>', timeoutMs: 5000 });
      // Only static errors count: a dynamic error on the dummy input says nothing about the expression.
      msg = r.ok || (r.error.kind !== 'compile' && r.error.kind !== 'sandbox') ? null : `${r.error.code ? r.error.code + ': ' : ''}${r.error.message}`;
      cache.set(key, msg);
    }
    if (msg) errors.set(text, msg);
  }
  return errors;
}
