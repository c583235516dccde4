/**
 * Infers a schema tree from one or more sample instances (XML). Repetition is detected from siblings;
 * a field missing in some instances becomes optional. Amt24 group instances (instance_1, instance_2 …)
 * fold into one repeating step "instance_*".
 */
import type { Diagnostic } from '../diagnostics.ts';
import { childElements, parseXml, type XmlElement } from '../xml/dom.ts';
import { clark, findByWalking, type QName, type SchemaImportResult, type SchemaNode, type SchemaTree } from './types.ts';

interface Shape {
  name: QName;
  attribute: boolean;
  minOccurs: number;
  maxOccurs: number;
  /** Child shapes by step, in order of first appearance. */
  children: Map<string, Shape>;
  hasText: boolean;
  values: string[];
  line?: number;
  file?: string;
}

const INSTANCE = /^instance_\d+$/;

function stepOf(el: XmlElement): string {
  const local = INSTANCE.test(el.local) ? 'instance_*' : el.local;
  return clark({ ns: el.ns, local });
}

function newShape(name: QName, attribute: boolean, file?: string, line?: number): Shape {
  return { name, attribute, minOccurs: 1, maxOccurs: 1, children: new Map(), hasText: false, values: [], file, line };
}

/** Merges one occurrence set (all elements matching the same step under one parent) into a shape. */
function mergeGroup(shape: Shape, els: XmlElement[], file?: string): void {
  for (const el of els) {
    const counts = new Map<string, XmlElement[]>();
    for (const c of childElements(el)) {
      const s = stepOf(c);
      let arr = counts.get(s);
      if (!arr) counts.set(s, (arr = []));
      arr.push(c);
    }
    for (const a of el.attrs) {
      if (a.ns === 'http://www.w3.org/2001/XMLSchema-instance') continue;
      const s = '@' + clark({ ns: a.ns, local: a.local });
      let child = shape.children.get(s);
      if (!child) shape.children.set(s, (child = newShape({ ns: a.ns, local: a.local }, true, file, el.line)));
      if (child.values.length < 5) child.values.push(a.value);
      child.hasText = true;
    }
    for (const [s, group] of counts) {
      let child = shape.children.get(s);
      if (!child) {
        const first = group[0];
        child = newShape({ ns: first.ns, local: INSTANCE.test(first.local) ? 'instance_*' : first.local }, false, file, first.line);
        shape.children.set(s, child);
      }
      child.maxOccurs = Math.max(child.maxOccurs, group.length);
      mergeGroup(child, group, file);
    }
    const text = el.children.some((c) => c.type === 'text' && c.text.trim() !== '');
    if (text) {
      shape.hasText = true;
      if (shape.values.length < 5) {
        const t = el.children.map((c) => (c.type === 'text' ? c.text : '')).join('').trim();
        shape.values.push(t.length > 60 ? t.slice(0, 57) + '…' : t);
      }
    }
  }
  // A child step seen under some but not all of these parents is optional.
  for (const [s, child] of shape.children) {
    const present = els.filter((el) =>
      s.startsWith('@')
        ? el.attrs.some((a) => '@' + clark({ ns: a.ns, local: a.local }) === s)
        : childElements(el).some((c) => stepOf(c) === s),
    ).length;
    if (present < els.length) child.minOccurs = 0;
  }
}

function guessBuiltin(values: string[]): string {
  if (!values.length) return 'string';
  if (values.every((v) => v === 'true' || v === 'false')) return 'boolean';
  if (values.every((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v))) return 'dateTime';
  if (values.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v))) return 'date';
  if (values.every((v) => /^-?\d+$/.test(v) && !/^0\d/.test(v))) return 'integer';
  if (values.every((v) => /^-?\d+\.\d+$/.test(v))) return 'decimal';
  return 'string';
}

/** Infers a tree from XML sample texts (all with the same root). Never throws. */
export function inferFromXml(files: { name: string; content: string }[]): SchemaImportResult {
  const diagnostics: Diagnostic[] = [];
  const roots = new Map<string, Shape>();
  const rootEls = new Map<string, XmlElement[]>();
  for (const f of files) {
    const r = parseXml(f.content, f.name);
    if (!r.ok) {
      diagnostics.push(r.error);
      continue;
    }
    const s = stepOf(r.doc.root);
    if (!roots.has(s)) roots.set(s, newShape({ ns: r.doc.root.ns, local: r.doc.root.local }, false, f.name, r.doc.root.line));
    let arr = rootEls.get(s);
    if (!arr) rootEls.set(s, (arr = []));
    arr.push(r.doc.root);
    mergeGroup(roots.get(s)!, [r.doc.root], f.name);
  }
  return {
    roots: [...roots.values()].map((s) => s.name),
    tree(root) {
      const shape = roots.get(clark(root));
      return shape ? shapeTree(shape) : undefined;
    },
    diagnostics,
  };
}

function toNode(shape: Shape, path: string): SchemaNode {
  const leaf = shape.children.size === 0;
  return {
    path,
    kind: shape.attribute ? 'attribute' : 'element',
    name: shape.name,
    minOccurs: shape.minOccurs,
    maxOccurs: shape.maxOccurs > 1 ? null : 1,
    simple: leaf || shape.hasText ? { builtin: guessBuiltin(shape.values) } : undefined,
    hasChildren: !leaf,
    documentation: shape.values.length ? `Beispielwerte: ${[...new Set(shape.values)].join(' | ')}` : undefined,
    source: { file: shape.file, line: shape.line },
  };
}

function shapeTree(rootShape: Shape): SchemaTree {
  const byPath = new Map<string, Shape>();
  const rootPath = '/' + clark(rootShape.name);
  byPath.set(rootPath, rootShape);
  const cache = new Map<string, SchemaNode[]>();
  const tree: SchemaTree = {
    root: toNode(rootShape, rootPath),
    children(node) {
      const hit = cache.get(node.path);
      if (hit) return hit;
      const shape = byPath.get(node.path);
      if (!shape) return [];
      const attrs: SchemaNode[] = [];
      const els: SchemaNode[] = [];
      for (const [step, child] of shape.children) {
        const p = node.path + '/' + step;
        byPath.set(p, child);
        (child.attribute ? attrs : els).push(toNode(child, p));
      }
      const out = [...attrs, ...els];
      cache.set(node.path, out);
      return out;
    },
    find(path) {
      return findByWalking(tree, path);
    },
  };
  return tree;
}
