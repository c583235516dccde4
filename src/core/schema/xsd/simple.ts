/** Simple types: restriction chains down to the built-in, facets, lists and unions. */
import { attr, type XmlElement } from '../../xml/dom.ts';
import type { EnumValue, SimpleInfo } from '../types.ts';
import { documentation } from './docs.ts';
import { XSD_NS, type Comp, type Ctx } from './model.ts';
import { qnameAt } from './names.ts';
import type { Resolver, TypeRef } from './resolve.ts';

const xsdChildren = (el: XmlElement): XmlElement[] =>
  el.children.filter((c): c is XmlElement => c.type === 'element' && c.ns === XSD_NS);

const ANY_SIMPLE: SimpleInfo = { builtin: 'anySimpleType' };

// The type an xs:restriction or xs:list refers to: by attribute or as an inline xs:simpleType.
function baseOf(r: Resolver, d: XmlElement, attrName: string, ctx: Ctx, self: Comp | undefined): TypeRef | undefined {
  const v = attr(d, attrName);
  if (v !== undefined) return r.typeByName(qnameAt(d, v, ctx), self);
  const inline = xsdChildren(d).find((c) => c.local === 'simpleType');
  return inline ? { kind: 'anonymous', el: inline, ctx } : undefined;
}

/** SimpleInfo of an xs:simpleType element. */
export function simpleTypeInfo(r: Resolver, st: XmlElement, ctx: Ctx, self: Comp | undefined): SimpleInfo {
  for (const d of xsdChildren(st)) {
    if (d.local === 'restriction') {
      const base = baseOf(r, d, 'base', ctx, self);
      return applyFacets((base && r.simple(base)) ?? ANY_SIMPLE, d);
    }
    if (d.local === 'list') {
      const item = baseOf(r, d, 'itemType', ctx, self);
      return { builtin: ((item && r.simple(item)) ?? ANY_SIMPLE).builtin, list: true };
    }
    if (d.local === 'union') {
      const members: TypeRef[] = [];
      for (const v of (attr(d, 'memberTypes') ?? '').trim().split(/\s+/).filter(Boolean)) members.push(r.typeByName(qnameAt(d, v, ctx), self));
      for (const c of xsdChildren(d)) if (c.local === 'simpleType') members.push({ kind: 'anonymous', el: c, ctx });
      const builtins = [...new Set(members.map((m) => (r.simple(m) ?? ANY_SIMPLE).builtin))];
      return { builtin: builtins.length === 1 ? builtins[0] : 'anySimpleType', union: builtins };
    }
  }
  return ANY_SIMPLE;
}

/** Applies the facets of an xs:restriction to the base's info (a new object; the base is shared). */
export function applyFacets(base: SimpleInfo, d: XmlElement): SimpleInfo {
  const info: SimpleInfo = { ...base };
  const enums: EnumValue[] = [];
  const patterns: string[] = [];
  for (const f of xsdChildren(d)) {
    const value = attr(f, 'value');
    if (value === undefined) continue;
    switch (f.local) {
      case 'enumeration': {
        const doc = documentation(f);
        enums.push(doc ? { value, documentation: doc } : { value });
        break;
      }
      case 'pattern':
        patterns.push(value);
        break;
      case 'length':
      case 'minLength':
      case 'maxLength':
      case 'totalDigits':
      case 'fractionDigits':
        info[f.local] = Number(value);
        break;
      case 'minInclusive':
      case 'maxInclusive':
      case 'minExclusive':
      case 'maxExclusive':
        info[f.local] = value;
        break;
    }
  }
  // A restriction's enumeration replaces the base's. Patterns of every derivation step all apply
  // (one entry per step); several patterns within one step are alternatives, so they are joined.
  if (enums.length) info.enumeration = enums;
  if (patterns.length) {
    const step = patterns.length === 1 ? patterns[0] : patterns.map((p) => `(${p})`).join('|');
    info.pattern = [...(base.pattern ?? []), step];
  }
  return info;
}
