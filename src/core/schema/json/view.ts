/**
 * The effective shape of a JSON Schema location: `$ref`, `allOf`, `anyOf`/`oneOf` and
 * `if`/`then`/`else` folded into one view of members, items and simple facts. Members coming only
 * from an alternative (anyOf/oneOf/then/else) are optional and carry the id of their choice.
 * A oneOf/anyOf whose alternatives are all `const` (FIM code lists) becomes an enumeration with
 * each alternative's title/description as documentation.
 */
import type { EnumValue } from '../types.ts';
import { obj, type Registry, type SLoc } from './refs.ts';

/** One object member as seen through all merged schemas. */
export interface Member {
  key: string;
  locs: SLoc[];
  required: boolean;
  choice?: string;
}

/** The merged facts of a schema location. */
export interface View {
  types: Set<string>;
  members: Map<string, Member>;
  items: SLoc[];
  /** additionalProperties / patternProperties with a schema. */
  open: boolean;
  enumeration?: EnumValue[];
  /** JSON types of the enum/const values (used when `type` is absent). */
  valueTypes: Set<string>;
  constValue?: unknown;
  title?: string;
  description?: string;
  format?: string;
  defaultValue?: unknown;
  facets: Record<string, unknown>;
  minItems?: number;
  maxItems?: number;
  /** Name of the first `$ref`'d definition (for display). */
  refName?: string;
  /** The objects reached through $ref: identity for recursion detection. */
  targets: unknown[];
  /** `$ref`s that could not be resolved here. */
  unresolved: string[];
}

const FACETS = ['minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];

function emptyView(): View {
  return { types: new Set(), members: new Map(), items: [], open: false, valueTypes: new Set(), facets: {}, targets: [], unresolved: [] };
}

function jsonType(x: unknown): string {
  return x === null ? 'null' : typeof x === 'number' ? 'number' : typeof x === 'boolean' ? 'boolean' : typeof x === 'string' ? 'string' : Array.isArray(x) ? 'array' : 'map';
}

/** The text a schema tree keeps for a JSON scalar (enumeration values, default, fixed): strings as they are, others as JSON. */
export function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** An enum/const value as an enumeration entry: its text and its JSON type (so "1" and 1 stay apart). */
function enumValue(x: unknown, documentation?: string): EnumValue {
  const t = jsonType(x);
  const e: EnumValue = { value: scalarText(x), kind: t === 'map' ? 'object' : (t as EnumValue['kind']) };
  if (documentation) e.documentation = documentation;
  return e;
}

/** A oneOf/anyOf made only of `const` (or single-value `enum`) alternatives: a code list. */
function codeList(alts: unknown[]): EnumValue[] | undefined {
  if (!alts.length) return undefined;
  const out: EnumValue[] = [];
  for (const a of alts) {
    const o = obj(a);
    if (!o) return undefined;
    const v = 'const' in o ? o.const : Array.isArray(o.enum) && o.enum.length === 1 ? o.enum[0] : undefined;
    if (v === undefined || (v !== null && typeof v === 'object')) return undefined;
    const doc = [o.title, o.description].filter((x): x is string => typeof x === 'string' && x !== '').join(' – ');
    out.push(enumValue(v, doc));
  }
  return out;
}

function lastSegment(ref: string): string {
  const h = ref.lastIndexOf('#');
  const frag = h >= 0 ? ref.slice(h + 1) : '';
  const tail = (frag || ref).replace(/\/$/, '');
  const seg = tail.slice(tail.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
  return seg.replace(/\.(schema\.)?json$/, '');
}

const memo = new WeakMap<Registry, WeakMap<object, View>>();

/**
 * Folds a set of locations into one view (read-only: shared between all nodes of that schema).
 * A single location's view is memoised by its schema object, so a definition used in 1,000 places
 * is folded once.
 */
export function viewOf(reg: Registry, locs: SLoc[]): View {
  const key = locs.length === 1 ? locs[0].value : undefined;
  if (key === null || typeof key !== 'object') return fold(reg, locs);
  let m = memo.get(reg);
  if (!m) memo.set(reg, (m = new WeakMap()));
  let v = m.get(key);
  if (!v) m.set(key, (v = fold(reg, locs)));
  return v;
}

// `seen` stops $ref/allOf cycles.
function fold(reg: Registry, locs: SLoc[]): View {
  const v = emptyView();
  const seen = new Set<unknown>();
  let choiceNo = 0;
  const consts: EnumValue[] = [];
  const add = (loc: SLoc, optional: string | undefined, depth: number) => {
    const s = loc.value;
    if (s === true) {
      v.types.add('*');
      return;
    }
    const o = obj(s);
    if (!o || seen.has(o) || depth > 64) return;
    seen.add(o);
    for (const kw of ['$ref', '$dynamicRef', '$recursiveRef'] as const) {
      if (typeof o[kw] !== 'string') continue;
      const r = reg.resolve(loc, o[kw] as string, kw);
      if (!r.ok) {
        v.unresolved.push(o[kw] as string);
        continue;
      }
      v.refName ??= lastSegment(o[kw] as string);
      v.targets.push(r.loc.value);
      add(r.loc, optional, depth + 1);
    }
    if (typeof o.type === 'string') v.types.add(o.type);
    else if (Array.isArray(o.type)) for (const t of o.type) if (typeof t === 'string') v.types.add(t);
    if (o.nullable === true) v.types.add('null');
    if (typeof o.title === 'string' && v.title === undefined) v.title = o.title;
    if (typeof o.description === 'string' && v.description === undefined) v.description = o.description;
    if (typeof o.format === 'string' && v.format === undefined) v.format = o.format;
    if ('default' in o && v.defaultValue === undefined) v.defaultValue = o.default;
    if ('const' in o) {
      v.constValue = o.const;
      v.valueTypes.add(jsonType(o.const));
      if (o.const === null || typeof o.const !== 'object') consts.push(enumValue(o.const));
    }
    if (Array.isArray(o.enum)) {
      v.enumeration ??= o.enum.map((x) => enumValue(x));
      for (const x of o.enum) v.valueTypes.add(jsonType(x));
    }
    for (const f of FACETS) if (f in o && !(f in v.facets)) v.facets[f] = o[f];
    if (typeof o.minItems === 'number') v.minItems = Math.max(v.minItems ?? 0, o.minItems);
    if (typeof o.maxItems === 'number') v.maxItems = Math.min(v.maxItems ?? Infinity, o.maxItems);
    // allOf parts first: they are usually the "base" and read best above the own members.
    if (Array.isArray(o.allOf)) o.allOf.forEach((_, i) => add(reg.child(loc, 'allOf', i), optional, depth + 1));
    const req = Array.isArray(o.required) ? o.required.filter((x): x is string => typeof x === 'string') : [];
    const props = obj(o.properties);
    if (props) {
      for (const key of Object.keys(props)) {
        let m = v.members.get(key);
        if (!m) v.members.set(key, (m = { key, locs: [], required: false, choice: optional }));
        m.locs.push(reg.child(loc, 'properties', key));
        if (!optional && m.choice) m.choice = undefined;
      }
    }
    for (const key of req) {
      const m = v.members.get(key);
      if (m && !optional) m.required = true;
    }
    if (obj(o.additionalProperties) || obj(o.patternProperties) || obj(o.unevaluatedProperties)) v.open = true;
    if (o.items !== undefined) {
      if (Array.isArray(o.items)) o.items.forEach((_, i) => v.items.push(reg.child(loc, 'items', i)));
      else v.items.push(reg.child(loc, 'items'));
    }
    if (Array.isArray(o.prefixItems)) o.prefixItems.forEach((_, i) => v.items.push(reg.child(loc, 'prefixItems', i)));
    if (obj(o.additionalItems)) v.items.push(reg.child(loc, 'additionalItems'));
    for (const kw of ['oneOf', 'anyOf'] as const) {
      const alts = o[kw];
      if (!Array.isArray(alts)) continue;
      const codes = codeList(alts);
      if (codes) {
        v.enumeration ??= codes;
        for (const a of alts) v.valueTypes.add(jsonType(obj(a)?.const ?? (obj(a)?.enum as unknown[])[0]));
        continue;
      }
      const id = `${loc.file.name}#${[...loc.path, kw].join('/')}#${++choiceNo}`;
      alts.forEach((_, i) => add(reg.child(loc, kw, i), optional ?? id, depth + 1));
    }
    if (obj(o.if)) {
      if (o.then !== undefined) add(reg.child(loc, 'then'), optional ?? `${loc.file.name}#${loc.path.join('/')}/then`, depth + 1);
      if (o.else !== undefined) add(reg.child(loc, 'else'), optional ?? `${loc.file.name}#${loc.path.join('/')}/else`, depth + 1);
    }
  };
  for (const l of locs) add(l, undefined, 0);
  // `const` allows one value, like a one-entry `enum`. A member declared in several alternatives may have
  // a different const in each (a discriminator): any of them is allowed, so they join the enumeration.
  for (const c of consts) {
    if (!v.enumeration?.some((e) => e.value === c.value && e.kind === c.kind)) v.enumeration = [...(v.enumeration ?? []), c];
  }
  // A member required by the outer schema but declared only in an alternative stays required.
  for (const l of locs) {
    const o = obj(l.value);
    if (o && Array.isArray(o.required)) for (const k of o.required) {
      const m = typeof k === 'string' ? v.members.get(k) : undefined;
      if (m) m.required = true;
    }
  }
  return v;
}

/** The json-to-xml element kind of a view. */
export function kindOfView(v: View): 'map' | 'array' | 'string' | 'number' | 'boolean' | 'null' | '*' {
  const t = new Set([...v.types].map((x) => (x === 'integer' ? 'number' : x === 'object' ? 'map' : x)));
  const nonNull = [...t].filter((x) => x !== 'null');
  if (nonNull.length === 1) return nonNull[0] as 'map' | 'array' | 'string' | 'number' | 'boolean' | '*';
  if (nonNull.length > 1) return '*';
  if (t.has('null')) return 'null';
  if (v.members.size || v.open) return 'map';
  if (v.items.length) return 'array';
  const vt = [...v.valueTypes].filter((x) => x !== 'null');
  if (vt.length === 1) return vt[0] as 'string' | 'number' | 'boolean';
  if (vt.length > 1) return '*';
  if (v.format || 'pattern' in v.facets || 'maxLength' in v.facets || 'minLength' in v.facets) return 'string';
  if ('minimum' in v.facets || 'maximum' in v.facets || 'multipleOf' in v.facets) return 'number';
  return '*';
}
