/**
 * The content model of a complex type, flattened to what a mapping tree shows: the attributes and
 * the child elements in schema order, with cardinalities multiplied through nested groups and a
 * shared number for the alternatives of each choice. Derivation (extension/restriction, simple and
 * complex content) is followed through the resolver, across files and over any number of levels.
 */
import { attr, type XmlElement } from '../../xml/dom.ts';
import { clark, type QName, type SimpleInfo } from '../types.ts';
import { documentation } from './docs.ts';
import { XSD_NS, type Comp, type Ctx } from './model.ts';
import { qnameAt } from './names.ts';
import type { Resolver } from './resolve.ts';
import { applyFacets } from './simple.ts';

/** An element (or wildcard) as it occurs in a content model. */
export interface ElemParticle {
  kind: 'element';
  el: XmlElement;
  ctx: Ctx;
  name: QName;
  min: number;
  max: number | null;
  /** Number of the nearest enclosing choice, when in one. */
  choice?: number;
  /** The global declaration when the particle is a global element itself (tree roots). */
  global?: Comp;
}

export interface AnyParticle {
  kind: 'any';
  el: XmlElement;
  ctx: Ctx;
  min: number;
  max: number | null;
  choice?: number;
}

export type Particle = ElemParticle | AnyParticle;

/** An attribute use (the xs:attribute element where it is used: a declaration or a ref). */
export interface AttrUse {
  el: XmlElement;
  ctx: Ctx;
  name: QName;
  required: boolean;
}

/** The flattened content of a type. */
export interface TypeContent {
  attrs: AttrUse[];
  anyAttribute?: { el: XmlElement; ctx: Ctx };
  particles: Particle[];
  /** How many choice numbers are used (derived types continue numbering after their base). */
  choices: number;
  simple?: SimpleInfo;
  mixed: boolean;
  abstract?: boolean;
  documentation?: string;
  hasChildren: boolean;
}

const xsdChildren = (el: XmlElement): XmlElement[] =>
  el.children.filter((c): c is XmlElement => c.type === 'element' && c.ns === XSD_NS);

const PARTICLES = new Set(['element', 'any', 'sequence', 'choice', 'all', 'group']);

function occurs(el: XmlElement): { min: number; max: number | null } {
  const mi = attr(el, 'minOccurs');
  const ma = attr(el, 'maxOccurs');
  return { min: mi === undefined ? 1 : Number(mi) || 0, max: ma === undefined ? 1 : ma.trim() === 'unbounded' ? null : Number(ma) || 0 };
}

const mulMax = (a: number | null, b: number | null) => (a === 0 || b === 0 ? 0 : a === null || b === null ? null : a * b);
const addMax = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

/** Computes the content of an xs:complexType element. */
export function complexContent(r: Resolver, ct: XmlElement, ctx: Ctx, self: Comp | undefined): TypeContent {
  let mixed = attr(ct, 'mixed') === 'true';
  let particles: Particle[] = [];
  let attrs = new Map<string, AttrUse>();
  let simple: SimpleInfo | undefined;
  let choices = 0;
  const wild: { anyAttribute?: { el: XmlElement; ctx: Ctx } } = {};
  const state = { choices: 0, groups: new Set<Comp>() };
  for (const c of xsdChildren(ct)) {
    if (c.local === 'simpleContent' || c.local === 'complexContent') {
      const d = xsdChildren(c).find((x) => x.local === 'extension' || x.local === 'restriction');
      if (!d) continue;
      const b = attr(d, 'base');
      const base = r.typeByName(b === undefined ? undefined : qnameAt(d, b, ctx), self);
      const bc = b === undefined ? undefined : r.content(base);
      if (bc) {
        attrs = new Map(bc.attrs.map((a) => [key(a.name), a]));
        wild.anyAttribute = bc.anyAttribute;
      }
      if (c.local === 'simpleContent') {
        simple = bc?.simple ?? r.simple(base);
        if (d.local === 'restriction') {
          const inline = xsdChildren(d).find((x) => x.local === 'simpleType');
          if (inline) simple = r.simple({ kind: 'anonymous', el: inline, ctx }) ?? simple;
          simple = applyFacets(simple ?? { builtin: 'anySimpleType' }, d);
        }
      } else {
        mixed ||= attr(c, 'mixed') === 'true';
        // Not valid XSD, but seen in the wild: complexContent over a simple type keeps the value.
        if (bc?.simple && bc.particles.length === 0 && base.kind !== 'builtin') simple = bc.simple;
        if (d.local === 'extension' && bc) {
          particles = [...bc.particles];
          state.choices = bc.choices;
          mixed ||= bc.mixed && bc.particles.length > 0;
        }
        for (const p of xsdChildren(d)) if (PARTICLES.has(p.local)) flatten(r, p, ctx, self, 1, 1, undefined, particles, state);
      }
      collectAttrs(r, d, ctx, self, attrs, wild, new Set());
    } else if (PARTICLES.has(c.local)) {
      flatten(r, c, ctx, self, 1, 1, undefined, particles, state);
    }
  }
  collectAttrs(r, ct, ctx, self, attrs, wild, new Set());
  choices = state.choices;
  particles = mergeDuplicates(particles);
  const attrList = [...attrs.values()];
  return {
    attrs: attrList,
    anyAttribute: wild.anyAttribute,
    particles,
    choices,
    simple,
    mixed,
    abstract: attr(ct, 'abstract') === 'true' || undefined,
    documentation: documentation(ct),
    hasChildren: attrList.length > 0 || particles.length > 0 || wild.anyAttribute !== undefined,
  };
}

const key = (q: QName) => clark(q);

// Appends the particles of one model-group item, multiplying occurrences through the nesting.
function flatten(
  r: Resolver, el: XmlElement, ctx: Ctx, self: Comp | undefined, min: number, max: number | null,
  choice: number | undefined, out: Particle[], state: { choices: number; groups: Set<Comp> },
): void {
  const o = occurs(el);
  const eMin = min * o.min;
  const eMax = mulMax(max, o.max);
  if (eMax === 0) return; // maxOccurs="0": removed in a restriction
  switch (el.local) {
    case 'element':
      out.push({ kind: 'element', el, ctx, name: elementName(r, el, ctx), min: eMin, max: eMax, choice });
      return;
    case 'any':
      out.push({ kind: 'any', el, ctx, min: eMin, max: eMax, choice });
      return;
    case 'sequence':
    case 'all':
      for (const c of xsdChildren(el)) if (PARTICLES.has(c.local)) flatten(r, c, ctx, self, eMin, eMax, choice, out, state);
      return;
    case 'choice': {
      const id = ++state.choices;
      const alts = xsdChildren(el).filter((c) => PARTICLES.has(c.local));
      // With several alternatives none of them is required on its own.
      for (const c of alts) flatten(r, c, ctx, self, alts.length > 1 ? 0 : eMin, eMax, id, out, state);
      return;
    }
    case 'group': {
      const ref = attr(el, 'ref');
      const g = ref === undefined ? undefined : r.lookup('group', qnameAt(el, ref, ctx), self);
      if (!g || state.groups.has(g)) return; // unknown (reported by the check) or circular
      state.groups.add(g);
      const model = xsdChildren(r.el(g)).find((c) => c.local === 'sequence' || c.local === 'choice' || c.local === 'all');
      if (model) flatten(r, model, g.ctx, g, eMin, eMax, choice, out, state);
      state.groups.delete(g);
      return;
    }
  }
}

/** The name an element particle gives its instance element (refs take the global name). */
export function elementName(r: Resolver, el: XmlElement, ctx: Ctx): QName {
  const ref = attr(el, 'ref');
  if (ref !== undefined) {
    const q = qnameAt(el, ref, ctx) ?? { ns: '', local: ref };
    return r.lookup('element', q)?.name ?? q;
  }
  // Particles are always local declarations (global ones are only reached through ref).
  const form = attr(el, 'form') ?? (ctx.doc.elementQualified ? 'qualified' : 'unqualified');
  return { ns: form === 'qualified' ? ctx.tns : '', local: attr(el, 'name') ?? '' };
}

function attrName(r: Resolver, el: XmlElement, ctx: Ctx): QName {
  const ref = attr(el, 'ref');
  if (ref !== undefined) {
    const q = qnameAt(el, ref, ctx) ?? { ns: '', local: ref };
    return r.lookup('attribute', q)?.name ?? q;
  }
  const form = attr(el, 'form') ?? (ctx.doc.attributeQualified ? 'qualified' : 'unqualified');
  return { ns: form === 'qualified' ? ctx.tns : '', local: attr(el, 'name') ?? '' };
}

// Attributes declared directly or through attribute groups; a later use of a name replaces an
// earlier one in place (restriction), use="prohibited" removes it.
function collectAttrs(
  r: Resolver, container: XmlElement, ctx: Ctx, self: Comp | undefined,
  out: Map<string, AttrUse>, wild: { anyAttribute?: { el: XmlElement; ctx: Ctx } }, groups: Set<Comp>,
): void {
  for (const c of xsdChildren(container)) {
    if (c.local === 'attribute') {
      const name = attrName(r, c, ctx);
      const use = attr(c, 'use');
      if (use === 'prohibited') out.delete(key(name));
      else out.set(key(name), { el: c, ctx, name, required: use === 'required' });
    } else if (c.local === 'attributeGroup') {
      const ref = attr(c, 'ref');
      const g = ref === undefined ? undefined : r.lookup('attributeGroup', qnameAt(c, ref, ctx), self);
      if (!g || groups.has(g)) continue;
      groups.add(g);
      collectAttrs(r, r.el(g), g.ctx, g, out, wild, groups);
      groups.delete(g);
    } else if (c.local === 'anyAttribute') {
      wild.anyAttribute = { el: c, ctx };
    }
  }
}

// The same element twice in one content model (a, b, a; or re-declared in an extension) becomes
// one node: paths ignore positions. The first declaration wins; occurrences add up.
function mergeDuplicates(ps: Particle[]): Particle[] {
  const seen = new Map<string, Particle>();
  const out: Particle[] = [];
  for (const p of ps) {
    const k = p.kind === 'any' ? '*' : key(p.name);
    const prev = seen.get(k);
    if (!prev) {
      const copy = { ...p };
      seen.set(k, copy);
      out.push(copy);
      continue;
    }
    prev.min += p.min;
    prev.max = addMax(prev.max, p.max);
  }
  return out;
}
