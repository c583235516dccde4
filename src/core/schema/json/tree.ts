/**
 * A lazily expanded schema tree over a JSON Schema location (paths as described in paths.ts).
 * Each node remembers its merged view; children are built on first request and cached. A node
 * whose `$ref` target already occurs above it is flagged `recursive` (its children stay available).
 */
import { findByWalking, type SchemaNode, type SchemaTree, type SimpleInfo } from '../types.ts';
import { locate } from './parse.ts';
import { jsonStep, type JsonKind, type LabelledNode } from './paths.ts';
import type { Registry, SLoc } from './refs.ts';
import { kindOfView, scalarText, viewOf, type View } from './view.ts';
import { m } from '../../i18n.ts';

/** The $ref targets on the way from the root to a node, as a shared linked list (no copying). */
interface Ancestry {
  targets: unknown[];
  up?: Ancestry;
}

function inAncestry(a: Ancestry | undefined, targets: unknown[]): boolean {
  for (let x = a; x; x = x.up) for (const t of targets) if (x.targets.includes(t)) return true;
  return false;
}

interface NodeState {
  view: View;
  ancestry?: Ancestry;
}

const FORMATS: Record<string, string> = {
  date: 'date',
  'date-time': 'dateTime',
  time: 'time',
  duration: 'duration',
  uri: 'anyURI',
  'uri-reference': 'anyURI',
  iri: 'anyURI',
  byte: 'base64Binary',
  binary: 'base64Binary',
};

function builtinOf(v: View, kind: JsonKind): string {
  if (v.types.has('integer') && !v.types.has('number')) return 'integer';
  if (kind === 'number') return 'decimal';
  if (kind === 'boolean') return 'boolean';
  if (kind === '*') return 'anySimpleType';
  return (v.format && FORMATS[v.format]) || 'string';
}

function simpleOf(v: View, kind: JsonKind): SimpleInfo {
  const s: SimpleInfo = { builtin: builtinOf(v, kind) };
  const f = v.facets;
  if (v.enumeration) s.enumeration = v.enumeration;
  if (typeof f.pattern === 'string') s.pattern = [f.pattern];
  if (typeof f.minLength === 'number') s.minLength = f.minLength;
  if (typeof f.maxLength === 'number') s.maxLength = f.maxLength;
  const num = (x: unknown) => (typeof x === 'number' ? String(x) : undefined);
  // draft-04 writes exclusiveMinimum: true beside minimum.
  if (f.exclusiveMinimum === true) s.minExclusive = num(f.minimum);
  else {
    s.minInclusive = num(f.minimum);
    s.minExclusive = num(f.exclusiveMinimum);
  }
  if (f.exclusiveMaximum === true) s.maxExclusive = num(f.maximum);
  else {
    s.maxInclusive = num(f.maximum);
    s.maxExclusive = num(f.exclusiveMaximum);
  }
  // JSON Schema asks for a number strictly greater than 0; anything else is ignored.
  if (typeof f.multipleOf === 'number' && f.multipleOf > 0 && Number.isFinite(f.multipleOf)) s.multipleOf = String(f.multipleOf);
  for (const k of Object.keys(s) as (keyof SimpleInfo)[]) if (s[k] === undefined) delete s[k];
  return s;
}

/** A schema tree for one root location. */
export class JsonSchemaTree implements SchemaTree {
  readonly root: SchemaNode;
  private state = new Map<string, NodeState>();
  private cache = new Map<string, SchemaNode[]>();

  constructor(
    private reg: Registry,
    rootLoc: SLoc,
    rootName: string,
  ) {
    const view = viewOf(reg, [rootLoc]);
    this.root = this.make('', undefined, view, [rootLoc], { min: 1, max: 1 }, undefined, rootName);
  }

  // Builds one node and records its state. `key` undefined: an unkeyed value (root, array item).
  private make(parent: string, key: string | undefined, view: View, locs: SLoc[], occ: { min: number; max: number | null; choice?: string }, ancestry: Ancestry | undefined, displayName?: string): SchemaNode {
    let kind = kindOfView(view);
    let nodeView = view;
    let path: string;
    let { min, max } = occ;
    if (key !== undefined && kind === 'array') {
      // An array member is shown as one repeating node for its items (see paths.ts).
      nodeView = viewOf(this.reg, view.items);
      kind = view.items.length ? kindOfView(nodeView) : '*';
      path = `${parent}/${jsonStep('array', key)}/${jsonStep(kind)}`;
      min = occ.min ? (view.minItems ?? 0) : 0;
      max = view.maxItems ?? null;
    } else path = `${parent}/${jsonStep(kind, key)}`;
    const own = nodeView !== view ? [...view.targets, ...nodeView.targets] : view.targets;
    const recursive = own.length > 0 && inAncestry(ancestry, own);
    const nextAncestry = own.length ? { targets: own, up: ancestry } : ancestry;
    this.state.set(path, { view: nodeView, ancestry: nextAncestry });
    const hasChildren = nodeView.members.size > 0 || nodeView.open || kind === 'array';
    const title = view.title ?? nodeView.title;
    const docs = [view.description ?? nodeView.description];
    const unresolved = [...view.unresolved, ...(nodeView !== view ? nodeView.unresolved : [])];
    if (unresolved.length) docs.push(m(`Verweis nicht aufgelöst: ${unresolved.join(', ')}`, `Reference not resolved: ${unresolved.join(', ')}`));
    const refName = view.refName ?? nodeView.refName;
    const n: LabelledNode = {
      path,
      kind: 'element',
      name: { ns: '', local: displayName ?? key ?? '[]' },
      minOccurs: min,
      maxOccurs: max,
      hasChildren,
      source: locs.length ? locate(locs[0].file, locs[0].path) : undefined,
    };
    if (refName) n.typeName = { ns: '', local: refName };
    if (!hasChildren) n.simple = simpleOf(nodeView, kind);
    if (nodeView.types.has('null')) n.nillable = true;
    if (nodeView.defaultValue !== undefined) n.default = scalarText(nodeView.defaultValue);
    if (nodeView.constValue !== undefined) n.fixed = scalarText(nodeView.constValue);
    const documentation = docs.filter(Boolean).join('\n');
    if (documentation) n.documentation = documentation;
    if (title) n.label = title;
    if (occ.choice) n.choice = occ.choice;
    if (recursive) n.recursive = true;
    return n;
  }

  children(node: SchemaNode): SchemaNode[] {
    const hit = this.cache.get(node.path);
    if (hit) return hit;
    const st = this.state.get(node.path);
    if (!st) return [];
    const out: SchemaNode[] = [];
    const v = st.view;
    for (const m of v.members.values()) {
      out.push(this.make(node.path, m.key, viewOf(this.reg, m.locs), m.locs, { min: m.required ? 1 : 0, max: 1, choice: m.choice }, st.ancestry));
    }
    if (v.open) {
      out.push({
        path: `${node.path}/${jsonStep('*')}`,
        kind: 'any',
        name: { ns: '', local: '*' },
        minOccurs: 0,
        maxOccurs: null,
        hasChildren: false,
        documentation: m('Weitere Schlüssel (additionalProperties / patternProperties)', 'Further keys (additionalProperties / patternProperties)'),
        wildcard: { namespace: '##any', processContents: 'lax' },
      });
    }
    if (!v.members.size && kindOfView(v) === 'array') {
      const items = viewOf(this.reg, v.items);
      out.push(this.make(node.path, undefined, items, v.items, { min: v.minItems ?? 0, max: v.maxItems ?? null }, st.ancestry));
    }
    this.cache.set(node.path, out);
    return out;
  }

  find(path: string): SchemaNode | undefined {
    return findByWalking(this, path);
  }
}
