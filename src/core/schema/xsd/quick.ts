/**
 * What a tree node needs to know about its type (children or not, value, docs) and what the roots
 * heuristic needs (base type names, first child), answered from the skim's summaries when the type
 * has not been parsed yet. On FHIR this spares parsing ~160 large resource types just to draw the
 * second level of a tree; falls back to the full content model whenever a summary is not enough.
 */
import type { QName, SimpleInfo } from '../types.ts';
import { documentationFromText } from './docs.ts';
import type { Comp } from './model.ts';
import { itemAttr, qnameIn } from './names.ts';
import type { Resolver, TypeRef } from './resolve.ts';
import type { TopSummary } from './skim.ts';

/** The facts a node shows about its type. */
export interface TypeFacts {
  hasChildren: boolean;
  simple?: SimpleInfo;
  mixed: boolean;
  abstract?: boolean;
  documentation?: string;
}

/** The summary of a named complex type that has not been parsed, if usable. */
function summaryOf(t: TypeRef): TopSummary | undefined {
  if (t.kind !== 'named' || t.comp.item.el || t.comp.item.local !== 'complexType') return undefined;
  const s = t.comp.item.summary;
  return s && !s.simpleContent ? s : undefined;
}

/** The base type named in a summary. */
export function summaryBase(r: Resolver, comp: Comp, s: TopSummary): TypeRef | undefined {
  return s.base === undefined ? undefined : r.typeByName(qnameIn(s.baseScope!, s.base, comp.ctx), comp);
}

// Whether a type has attributes / element particles, following extension and restriction.
function flags(r: Resolver, t: TypeRef, seen: Set<string>): { attrs: boolean; particles: boolean } {
  const none = { attrs: false, particles: false };
  if (t.kind === 'builtin' || t.kind === 'unknown') return none;
  const key = r.typeKey(t);
  if (seen.has(key)) return none;
  seen.add(key);
  const s = summaryOf(t);
  if (!s || t.kind !== 'named') {
    const c = r.content(t);
    return c ? { attrs: c.attrs.length > 0 || !!c.anyAttribute, particles: c.particles.length > 0 } : none;
  }
  if (s.attrs && s.particles) return { attrs: true, particles: true };
  const base = summaryBase(r, t.comp, s);
  const b = base ? flags(r, base, seen) : none;
  // Attributes are inherited by extension and restriction; particles only by extension.
  return { attrs: s.attrs || b.attrs, particles: s.particles || (s.derivation === 'extension' && b.particles) };
}

/** The facts of a type, from its summary when it has not been parsed, else from its content. */
export function typeFacts(r: Resolver, t: TypeRef): TypeFacts | undefined {
  const s = summaryOf(t);
  if (s && t.kind === 'named') {
    const f = flags(r, t, new Set());
    return {
      hasChildren: f.attrs || f.particles,
      mixed: itemAttr(t.comp.item, 'mixed') === 'true' || s.mixed,
      abstract: itemAttr(t.comp.item, 'abstract') === 'true' || undefined,
      documentation: documentationFromText(t.comp.ctx.doc.text, s.docs),
    };
  }
  const c = r.content(t);
  return c && { hasChildren: c.hasChildren, simple: c.simple, mixed: c.mixed, abstract: c.abstract, documentation: c.documentation };
}

/** Local name of a type's first child element (base type content first), if any. */
export function firstElement(r: Resolver, t: TypeRef, seen = new Set<string>()): string | undefined {
  if (t.kind === 'builtin' || t.kind === 'unknown' || seen.has(r.typeKey(t))) return undefined;
  seen.add(r.typeKey(t));
  const s = summaryOf(t);
  if (!s || t.kind !== 'named' || s.firstElement === '') {
    const p = r.content(t)?.particles.find((x) => x.kind === 'element');
    return p?.kind === 'element' ? p.name.local : undefined;
  }
  const base = s.derivation === 'extension' ? summaryBase(r, t.comp, s) : undefined;
  return (base && firstElement(r, base, seen)) ?? localPart(s.firstElement);
}

/** Names of the types a global element's type is or derives from, and its first child element. */
export function elementTypeFacts(r: Resolver, comp: Comp): { names: QName[]; first?: string } {
  const s = comp.item.summary;
  const typeAttr = itemAttr(comp.item, 'type');
  const unsure = s?.firstElement === '' || (typeAttr === undefined && !s?.base && s?.firstElement === undefined && !s?.attrs);
  if (!s || comp.item.el || unsure) {
    // Parsed already, or the summary cannot tell (no type and no content; a group first): resolve.
    const info = r.element({ kind: 'element', el: r.el(comp), ctx: comp.ctx, name: comp.name, min: 1, max: 1, global: comp });
    return { names: [...(info.type.kind === 'named' ? [info.type.name] : []), ...r.baseChain(info.type)], first: firstElement(r, info.type) };
  }
  if (typeAttr !== undefined) {
    const t = r.typeByName(qnameIn(comp.item.scope, typeAttr, comp.ctx));
    return { names: [...(t.kind === 'named' ? [t.name] : []), ...r.baseChain(t)], first: firstElement(r, t) };
  }
  // An anonymous type, described by the element's own summary.
  const base = summaryBase(r, comp, s);
  const names = base && (base.kind === 'named' || base.kind === 'builtin') ? [base.name, ...r.baseChain(base)] : [];
  const inherited = base && s.derivation === 'extension' ? firstElement(r, base) : undefined;
  return { names, first: inherited ?? localPart(s.firstElement) };
}

const localPart = (q: string | undefined) => (q === undefined || q === '' ? undefined : q.slice(q.indexOf(':') + 1));
