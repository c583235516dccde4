/**
 * Lazy resolution of the schema set: type references, element and attribute declarations,
 * substitution groups and derived types. Everything is computed on first use and cached, so a
 * tree costs only what is expanded.
 */
import { attr, childElements, type XmlElement } from '../../xml/dom.ts';
import { clark, type QName, type SimpleInfo } from '../types.ts';
import { XML_ATTRIBUTES } from './check.ts';
import { complexContent, type AttrUse, type ElemParticle, type TypeContent } from './content.ts';
import { documentation } from './docs.ts';
import { XML_NS, XSD_NS, type Comp, type CompKind, type Ctx, type SchemaSet } from './model.ts';
import { isBuiltin, itemAttr, qnameAt, qnameIn } from './names.ts';
import { typeFacts, type TypeFacts } from './quick.ts';
import { itemElement } from './read.ts';
import { simpleTypeInfo } from './simple.ts';
import { m } from '../../i18n.ts';

/** What a type reference resolved to. */
export type TypeRef =
  | { kind: 'builtin'; name: QName }
  | { kind: 'named'; comp: Comp; name: QName }
  | { kind: 'anonymous'; el: XmlElement; ctx: Ctx }
  | { kind: 'unknown'; name?: QName };

/** A resolved element declaration as seen from one particle. */
export interface ElementInfo {
  name: QName;
  decl: XmlElement;
  ctx: Ctx;
  /** The global declaration, for refs and global elements. */
  comp?: Comp;
  type: TypeRef;
  nillable: boolean;
  abstract: boolean;
  default?: string;
  fixed?: string;
  documentation?: string;
}

/** A resolved attribute declaration as seen from one use. */
export interface AttrInfo {
  type: TypeRef;
  simple?: SimpleInfo;
  default?: string;
  fixed?: string;
  documentation?: string;
  decl: XmlElement;
  ctx: Ctx;
}

const ANY_TYPE: QName = { ns: XSD_NS, local: 'anyType' };
const EMPTY: TypeContent = { attrs: [], particles: [], choices: 0, mixed: false, hasChildren: false };

/** Lazily resolves components of a schema set; caches everything it computes. */
export class Resolver {
  private readonly contents = new Map<string, TypeContent | null>();
  private readonly simples = new Map<string, SimpleInfo | null>();
  private readonly elementInfos = new WeakMap<ElemParticle, ElementInfo>();
  private readonly attrInfos = new WeakMap<AttrUse, AttrInfo>();
  private readonly anonIds = new WeakMap<XmlElement, number>();
  private anonCount = 0;
  private readonly substituteCache = new Map<string, Comp[]>();
  private derivedIndex?: Map<string, Comp[]>;
  private readonly factCache = new Map<string, TypeFacts>();

  constructor(readonly set: SchemaSet) {}

  /** The parsed element of a global component. */
  el(comp: Comp): XmlElement {
    return itemElement(comp.ctx.doc, comp.item);
  }

  /** Looks up a global component; inside its own xs:redefine a component's name means the original. */
  lookup(kind: CompKind, q: QName | undefined, from?: Comp): Comp | undefined {
    if (!q) return undefined;
    const key = clark(q);
    const map = kind === 'element' ? this.set.elements : kind === 'type' ? this.set.types : kind === 'group' ? this.set.groups : kind === 'attributeGroup' ? this.set.attributeGroups : this.set.attributes;
    const comp = map.get(key);
    if (comp && from === comp && comp.redefine === 'redefine') return this.set.originals.get(`${kind}|${key}`);
    return comp;
  }

  /** Resolves a type name. */
  typeByName(q: QName | undefined, from?: Comp): TypeRef {
    if (!q) return { kind: 'unknown' };
    if (isBuiltin(q)) return { kind: 'builtin', name: q };
    const comp = this.lookup('type', q, from);
    return comp ? { kind: 'named', comp, name: comp.name } : { kind: 'unknown', name: q };
  }

  /** The element or attribute type declared by @type or an inline simpleType/complexType child. */
  declaredType(decl: XmlElement, ctx: Ctx): TypeRef | undefined {
    const t = attr(decl, 'type');
    if (t !== undefined) return this.typeByName(qnameAt(decl, t, ctx));
    for (const c of decl.children) {
      if (c.type === 'element' && c.ns === XSD_NS && (c.local === 'complexType' || c.local === 'simpleType')) return { kind: 'anonymous', el: c, ctx };
    }
    return undefined;
  }

  /** A stable cache key for a type. */
  typeKey(t: TypeRef): string {
    switch (t.kind) {
      case 'builtin':
        return clark(t.name);
      case 'named': {
        // A redefined original shares its name with the redefinition: keep them apart.
        const k = clark(t.name);
        return this.set.types.get(k) === t.comp ? k : `${k}|${t.comp.order}`;
      }
      case 'anonymous': {
        let id = this.anonIds.get(t.el);
        if (id === undefined) this.anonIds.set(t.el, (id = ++this.anonCount));
        return `#${id}|${t.ctx.tns}`;
      }
      case 'unknown':
        return '?';
    }
  }

  /** What a node shows about its type (cached); cheap for types not parsed yet. */
  facts(t: TypeRef): TypeFacts | undefined {
    if (t.kind === 'unknown') return undefined;
    const key = this.typeKey(t);
    let f = this.factCache.get(key);
    if (!f) {
      f = typeFacts(this, t);
      if (f) this.factCache.set(key, f);
    }
    return f;
  }

  /** The (cached) content model of a type; undefined for unknown types. */
  content(t: TypeRef): TypeContent | undefined {
    if (t.kind === 'unknown') return undefined;
    const key = this.typeKey(t);
    const cached = this.contents.get(key);
    if (cached) return cached;
    if (cached === null) {
      this.set.diagnostics.push({
        severity: 'error',
        code: 'xsd.circular-derivation',
        message: m(`Zirkuläre Ableitung beim Typ „${key}“.`, `Circular derivation at type "${key}".`),
      });
      return EMPTY;
    }
    this.contents.set(key, null);
    let c: TypeContent;
    if (t.kind === 'builtin') {
      c = t.name.local === 'anyType'
        ? { ...EMPTY, simple: { builtin: 'anyType' }, mixed: true }
        : { ...EMPTY, simple: { builtin: t.name.local } };
    } else {
      const el = t.kind === 'named' ? this.el(t.comp) : t.el;
      const ctx = t.kind === 'named' ? t.comp.ctx : t.ctx;
      const comp = t.kind === 'named' ? t.comp : undefined;
      c = el.local === 'complexType'
        ? complexContent(this, el, ctx, comp)
        : { ...EMPTY, simple: this.simple(t), documentation: documentation(el) };
    }
    this.contents.set(key, c);
    return c;
  }

  /** Simple-content facts of a type (simple types, builtins, complex types with simple content). */
  simple(t: TypeRef): SimpleInfo | undefined {
    if (t.kind === 'unknown') return undefined;
    if (t.kind === 'builtin') return { builtin: t.name.local };
    const el = t.kind === 'named' ? this.el(t.comp) : t.el;
    if (el.local === 'complexType') return this.content(t)?.simple;
    const key = this.typeKey(t);
    const cached = this.simples.get(key);
    if (cached) return cached;
    if (cached === null) return { builtin: 'anySimpleType' }; // circular restriction chain
    this.simples.set(key, null);
    const info = simpleTypeInfo(this, el, t.kind === 'named' ? t.comp.ctx : t.ctx, t.kind === 'named' ? t.comp : undefined);
    this.simples.set(key, info);
    return info;
  }

  /** The declaration behind an element particle (following ref), with its type. */
  element(p: ElemParticle): ElementInfo {
    let info = this.elementInfos.get(p);
    if (info) return info;
    const ref = attr(p.el, 'ref');
    const comp = ref !== undefined ? this.lookup('element', qnameAt(p.el, ref, p.ctx)) : p.global;
    if (ref !== undefined && !comp) {
      info = { name: p.name, decl: p.el, ctx: p.ctx, type: { kind: 'unknown' }, nillable: false, abstract: false, documentation: documentation(p.el) };
    } else {
      const decl = comp ? this.el(comp) : p.el;
      const ctx = comp ? comp.ctx : p.ctx;
      info = {
        name: p.name,
        decl,
        ctx,
        comp,
        type: this.elementType(decl, ctx, comp, new Set()),
        nillable: attr(decl, 'nillable') === 'true',
        abstract: attr(decl, 'abstract') === 'true',
        default: attr(decl, 'default'),
        fixed: attr(decl, 'fixed'),
        documentation: documentation(p.el) ?? (decl !== p.el ? documentation(decl) : undefined),
      };
    }
    this.elementInfos.set(p, info);
    return info;
  }

  // @type, inline type, the substitution-group head's type, or xs:anyType.
  private elementType(decl: XmlElement, ctx: Ctx, comp: Comp | undefined, seen: Set<Comp>): TypeRef {
    const t = this.declaredType(decl, ctx);
    if (t) return t;
    const sg = comp ? itemAttr(comp.item, 'substitutionGroup') : undefined;
    if (comp && sg) {
      seen.add(comp);
      const head = this.lookup('element', qnameAt(decl, sg.trim().split(/\s+/)[0], ctx));
      if (head && !seen.has(head)) return this.elementType(this.el(head), head.ctx, head, seen);
    }
    return { kind: 'builtin', name: ANY_TYPE };
  }

  /** The declaration behind an attribute use (following ref), with its simple type. */
  attribute(u: AttrUse): AttrInfo {
    let info = this.attrInfos.get(u);
    if (info) return info;
    const ref = attr(u.el, 'ref');
    const q = ref !== undefined ? qnameAt(u.el, ref, u.ctx) : undefined;
    const comp = q ? this.lookup('attribute', q) : undefined;
    const decl = comp ? this.el(comp) : u.el;
    const ctx = comp ? comp.ctx : u.ctx;
    let type = this.declaredType(decl, ctx);
    if (!type && q && !comp && q.ns === XML_NS && XML_ATTRIBUTES[q.local]) type = { kind: 'builtin', name: { ns: XSD_NS, local: XML_ATTRIBUTES[q.local] } };
    if (!type && ref !== undefined && !comp) type = { kind: 'unknown', name: q };
    type ??= { kind: 'builtin', name: { ns: XSD_NS, local: 'anySimpleType' } };
    info = {
      type,
      simple: this.simple(type),
      default: attr(u.el, 'default') ?? attr(decl, 'default'),
      fixed: attr(u.el, 'fixed') ?? attr(decl, 'fixed'),
      documentation: documentation(u.el) ?? (decl !== u.el ? documentation(decl) : undefined),
      decl,
      ctx,
    };
    this.attrInfos.set(u, info);
    return info;
  }

  /** Elements that may stand in for a head element (transitively), abstract ones left out. */
  substitutes(head: Comp): Comp[] {
    const key = clark(head.name);
    let out = this.substituteCache.get(key);
    if (out) return out;
    out = [];
    const seen = new Set<Comp>([head]);
    const queue = [...(this.set.substitutions.get(key) ?? [])];
    while (queue.length) {
      const m = queue.shift()!;
      if (seen.has(m) || this.set.elements.get(clark(m.name)) !== m) continue;
      seen.add(m);
      if (itemAttr(m.item, 'abstract') !== 'true') out.push(m);
      queue.push(...(this.set.substitutions.get(clark(m.name)) ?? []));
    }
    this.substituteCache.set(key, out);
    return out;
  }

  /** Named types derived (directly or not) from a type; for xsi:type. Builds its index on first use. */
  derivedTypes(t: TypeRef): Comp[] {
    if (t.kind !== 'named' && t.kind !== 'builtin') return [];
    if (!this.derivedIndex) {
      this.derivedIndex = new Map();
      for (const comp of this.set.types.values()) {
        const base = this.baseName({ kind: 'named', comp, name: comp.name });
        if (!base || clark(base) === clark(comp.name)) continue; // a redefinition refers to its original
        const k = clark(base);
        this.derivedIndex.set(k, [...(this.derivedIndex.get(k) ?? []), comp]);
      }
    }
    const out: Comp[] = [];
    const queue = [...(this.derivedIndex.get(clark(t.name)) ?? [])];
    while (queue.length) {
      const c = queue.shift()!;
      if (out.includes(c)) continue;
      out.push(c);
      queue.push(...(this.derivedIndex.get(clark(c.name)) ?? []));
    }
    return out;
  }

  /** Names of the base types of a type, nearest first (stops at builtins, unknowns and cycles). */
  baseChain(t: TypeRef): QName[] {
    const out: QName[] = [];
    const seen = new Set<string>();
    let cur: TypeRef = t;
    while (cur.kind === 'named' || cur.kind === 'anonymous') {
      const base = this.baseName(cur);
      if (!base || seen.has(clark(base))) break;
      seen.add(clark(base));
      out.push(base);
      cur = this.typeByName(base, cur.kind === 'named' ? cur.comp : undefined);
    }
    return out;
  }

  // The base type named by a type's derivation; from the skim summary while the type is unparsed.
  private baseName(t: TypeRef & { kind: 'named' | 'anonymous' }): QName | undefined {
    if (t.kind === 'anonymous') return baseOf(t.el, t.ctx);
    const s = t.comp.item.summary;
    if (s && !t.comp.item.el) return s.base === undefined ? undefined : qnameIn(s.baseScope!, s.base, t.comp.ctx);
    return baseOf(this.el(t.comp), t.comp.ctx);
  }
}

// The base named by a type's restriction/extension (simple or complex content).
function baseOf(typeEl: XmlElement, ctx: Ctx): QName | undefined {
  for (const c of childElements(typeEl)) {
    if (c.ns !== XSD_NS) continue;
    const d = c.local === 'restriction' ? c : childElements(c).find((x) => x.ns === XSD_NS && (x.local === 'extension' || x.local === 'restriction'));
    const b = d && attr(d, 'base');
    if (d && b !== undefined) return qnameAt(d, b, ctx);
  }
  return undefined;
}
