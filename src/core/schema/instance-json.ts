/**
 * Infers a schema tree from JSON sample messages (FIT-Connect submissions and the like). Paths
 * follow the json-to-xml() convention of json/paths.ts: objects are `map`, members carry their key,
 * arrays become one repeating node for their items. Several samples are merged: a member missing
 * from some objects is optional, a member seen with different scalar types gets the step `*`.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { readJson } from './json/parse.ts';
import { m } from '../i18n.ts';
import { FN, jsonStep, type JsonKind } from './json/paths.ts';
import { findByWalking, type QName, type SchemaImportResult, type SchemaNode, type SchemaTree } from './types.ts';

interface Shape {
  kinds: Set<JsonKind>;
  /** Members in order of first appearance, with the number of objects that had them. */
  members: Map<string, { shape: Shape; seen: number }>;
  objects: number;
  items?: Shape;
  maxItems: number;
  minItems: number;
  values: string[];
  file: string;
}

const MAX_VALUES = 5;

function newShape(file: string): Shape {
  return { kinds: new Set(), members: new Map(), objects: 0, maxItems: 0, minItems: Infinity, values: [], file };
}

function kindOf(v: unknown): JsonKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'object' ? 'map' : t === 'number' ? 'number' : t === 'boolean' ? 'boolean' : 'string';
}

// Iterative merge: samples can be deep and large (50 MB), recursion could overflow the stack.
function merge(root: Shape, value: unknown, file: string): void {
  const stack: [Shape, unknown][] = [[root, value]];
  while (stack.length) {
    const [shape, v] = stack.pop()!;
    const k = kindOf(v);
    shape.kinds.add(k);
    if (k === 'map') {
      shape.objects++;
      for (const [key, child] of Object.entries(v as Record<string, unknown>)) {
        let m = shape.members.get(key);
        if (!m) shape.members.set(key, (m = { shape: newShape(file), seen: 0 }));
        m.seen++;
        stack.push([m.shape, child]);
      }
    } else if (k === 'array') {
      const arr = v as unknown[];
      shape.maxItems = Math.max(shape.maxItems, arr.length);
      shape.minItems = Math.min(shape.minItems, arr.length);
      shape.items ??= newShape(file);
      for (let i = arr.length - 1; i >= 0; i--) stack.push([shape.items, arr[i]]);
    } else if (k !== 'null' && shape.values.length < MAX_VALUES) {
      const t = String(v);
      if (!shape.values.includes(t)) shape.values.push(t.length > 60 ? t.slice(0, 57) + '…' : t);
    }
  }
}

function stepKind(s: Shape): JsonKind {
  const ks = [...s.kinds].filter((k) => k !== 'null');
  if (ks.length === 1) return ks[0];
  return ks.length ? '*' : 'null';
}

function guessBuiltin(s: Shape, kind: JsonKind): string {
  if (kind === 'boolean') return 'boolean';
  if (kind === 'number') return s.values.every((v) => /^-?\d+$/.test(v)) ? 'integer' : 'decimal';
  if (kind !== 'string') return kind === '*' ? 'anySimpleType' : 'string';
  if (s.values.length && s.values.every((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v))) return 'dateTime';
  if (s.values.length && s.values.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v))) return 'date';
  return 'string';
}

/** Infers trees from JSON sample texts; each top-level kind (object, array) is one root. Never throws. */
export function inferFromJson(files: { name: string; content: string }[]): SchemaImportResult {
  const diagnostics: Diagnostic[] = [];
  const roots = new Map<JsonKind, Shape>();
  for (const f of files) {
    const r = readJson(f.name, f.content);
    if (r.diagnostic) diagnostics.push(r.diagnostic);
    if (!r.file) continue;
    const k = kindOf(r.file.value);
    if (k !== 'map' && k !== 'array') {
      const message = m('Die Beispielnachricht ist weder Objekt noch Array.', 'The sample message is neither an object nor an array.');
      diagnostics.push({ severity: 'error', code: 'json.scalar-root', message, location: { file: f.name, line: 1, column: 1 } });
      continue;
    }
    let shape = roots.get(k);
    if (!shape) roots.set(k, (shape = newShape(f.name)));
    merge(shape, r.file.value, f.name);
  }
  if (!files.length) diagnostics.push({ severity: 'error', code: 'json.no-files', message: m('Keine Beispieldatei angegeben.', 'No sample file given.') });
  return {
    roots: [...roots.keys()].map((k) => ({ ns: FN, local: k })),
    tree(root: QName) {
      const shape = root.ns === FN ? roots.get(root.local as JsonKind) : undefined;
      return shape ? new SampleTree(shape, root.local as JsonKind) : undefined;
    },
    diagnostics,
  };
}

class SampleTree implements SchemaTree {
  readonly root: SchemaNode;
  private shapes = new Map<string, Shape>();
  private cache = new Map<string, SchemaNode[]>();

  constructor(shape: Shape, kind: JsonKind) {
    this.root = this.node('', undefined, shape, 1, 1, kind);
  }

  private node(parent: string, key: string | undefined, s: Shape, min: number, max: number | null, rootKind?: JsonKind): SchemaNode {
    let kind = rootKind ?? stepKind(s);
    let shape = s;
    let path: string;
    if (key !== undefined && kind === 'array') {
      // Collapsed like in the JSON Schema importer: one repeating node for the items.
      shape = s.items ?? newShape(s.file);
      kind = s.items ? stepKind(shape) : '*';
      path = `${parent}/${jsonStep('array', key)}/${jsonStep(kind)}`;
      min = min && s.minItems > 0 && s.minItems !== Infinity ? 1 : 0;
      max = null;
    } else path = `${parent}/${jsonStep(kind, key)}`;
    this.shapes.set(path, shape);
    const hasChildren = shape.members.size > 0 || kind === 'array';
    const n: SchemaNode = {
      path,
      kind: 'element',
      name: { ns: '', local: key ?? (parent ? '[]' : shape.file.replace(/^.*\//, '')) },
      minOccurs: min,
      maxOccurs: max,
      hasChildren,
      source: { file: shape.file },
    };
    if (!hasChildren) n.simple = { builtin: guessBuiltin(shape, kind) };
    if (shape.kinds.has('null')) n.nillable = true;
    if (shape.values.length) n.documentation = `Beispielwerte: ${shape.values.join(' | ')}`;
    return n;
  }

  children(node: SchemaNode): SchemaNode[] {
    const hit = this.cache.get(node.path);
    if (hit) return hit;
    const s = this.shapes.get(node.path);
    if (!s) return [];
    const out: SchemaNode[] = [];
    for (const [key, m] of s.members) out.push(this.node(node.path, key, m.shape, m.seen === s.objects ? 1 : 0, 1));
    if (!s.members.size && s.items) out.push(this.node(node.path, undefined, s.items, s.minItems > 0 && s.minItems !== Infinity ? 1 : 0, null));
    this.cache.set(node.path, out);
    return out;
  }

  find(path: string): SchemaNode | undefined {
    return findByWalking(this, path);
  }
}
