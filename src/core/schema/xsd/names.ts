/** QName resolution inside schema documents and the XSD built-in types. */
import { lookupNamespace, type XmlElement } from '../../xml/dom.ts';
import type { QName } from '../types.ts';
import { XSD_NS, type Ctx } from './model.ts';
import type { TopItem } from './skim.ts';

/** The XSD built-in simple types (1.0 and 1.1), plus anyType. */
export const BUILTINS = new Set([
  'anyType', 'anySimpleType', 'anyAtomicType', 'string', 'boolean', 'decimal', 'float', 'double', 'duration',
  'dateTime', 'dateTimeStamp', 'time', 'date', 'gYearMonth', 'gYear', 'gMonthDay', 'gDay', 'gMonth', 'hexBinary',
  'base64Binary', 'anyURI', 'QName', 'NOTATION', 'normalizedString', 'token', 'language', 'NMTOKEN', 'NMTOKENS',
  'Name', 'NCName', 'ID', 'IDREF', 'IDREFS', 'ENTITY', 'ENTITIES', 'integer', 'nonPositiveInteger',
  'negativeInteger', 'long', 'int', 'short', 'byte', 'nonNegativeInteger', 'unsignedLong', 'unsignedInt',
  'unsignedShort', 'unsignedByte', 'positiveInteger', 'dayTimeDuration', 'yearMonthDuration',
]);

function split(value: string): [string, string] {
  const v = value.trim();
  const c = v.indexOf(':');
  return c === -1 ? ['', v] : [v.slice(0, c), v.slice(c + 1)];
}

function finish(ns: string | undefined, local: string, ctx: Ctx): QName | undefined {
  if (ns === undefined) return undefined;
  // Chameleon include: references to "no namespace" mean the includer's namespace.
  return { ns: ns === '' && ctx.chameleon ? ctx.tns : ns, local };
}

/** Resolves a QName attribute value with the prefixes in scope at a parsed element. */
export function qnameAt(el: XmlElement, value: string, ctx: Ctx): QName | undefined {
  const [prefix, local] = split(value);
  return finish(lookupNamespace(el, prefix), local, ctx);
}

/** Resolves a QName value with a prefix map (from the skim). */
export function qnameIn(scope: Record<string, string>, value: string, ctx: Ctx): QName | undefined {
  const [prefix, local] = split(value);
  return finish(prefix === 'xml' ? 'http://www.w3.org/XML/1998/namespace' : scope[prefix], local, ctx);
}

/** Resolves a QName value written on a top-level component's tag. */
export function qnameOfItem(item: TopItem, value: string, ctx: Ctx): QName | undefined {
  return item.el ? qnameAt(item.el, value, ctx) : qnameIn(item.scope, value, ctx);
}

/** True for a built-in type name. */
export function isBuiltin(q: QName): boolean {
  return q.ns === XSD_NS && BUILTINS.has(q.local);
}

/** Value of an unqualified attribute of a top-level item. */
export function itemAttr(item: TopItem, local: string): string | undefined {
  for (const a of item.attrs) if (a.local === local && a.ns === '') return a.value;
  return undefined;
}
