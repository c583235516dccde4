/** Shared helpers for the XSD importer tests. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importXsd } from '../../../src/core/schema/xsd/index.ts';
import { clark, type SchemaFile, type SchemaImportResult, type SchemaNode, type SchemaTree } from '../../../src/core/schema/types.ts';

/** The shared fixtures folder beside the checkout (works in a fresh clone placed next to shared/). */
export const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared');

export const XS = 'http://www.w3.org/2001/XMLSchema';

/** A schema document with the usual header; `attrs` replaces the default root attributes. */
export function xsd(body: string, attrs = 'targetNamespace="urn:t" xmlns:t="urn:t" elementFormDefault="qualified"'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xs:schema xmlns:xs="${XS}" ${attrs}>\n${body}\n</xs:schema>\n`;
}

/** Imports inline schemas; a bare string becomes "main.xsd". */
export function imp(...files: Array<string | SchemaFile>): SchemaImportResult {
  return importXsd(files.map((f, i) => (typeof f === 'string' ? { name: i === 0 ? 'main.xsd' : `file${i}.xsd`, content: f } : f)));
}

/** The tree of a root given by Clark name (fails loudly when missing). */
export function treeOf(r: SchemaImportResult, root: string): SchemaTree {
  const t = r.tree(root.startsWith('{') ? { ns: root.slice(1, root.indexOf('}')), local: root.slice(root.indexOf('}') + 1) } : { ns: '', local: root });
  if (!t) throw new Error(`no tree for ${root}; roots: ${r.roots.map(clark).join(', ')}`);
  return t;
}

/** Finds a node or fails with the children that do exist. */
export function node(t: SchemaTree, path: string): SchemaNode {
  const n = t.find(path);
  if (!n) {
    const parent = t.find(path.slice(0, path.lastIndexOf('/')));
    throw new Error(`no node ${path}; siblings: ${parent ? t.children(parent).map((c) => c.path).join(', ') : '(no parent)'}`);
  }
  return n;
}

/** Compact lines "step [min..max] type" for the children of a node, e.g. "t:a [0..*] xs:string". */
export function kids(t: SchemaTree, n: SchemaNode | string): string[] {
  const parent = typeof n === 'string' ? node(t, n) : n;
  return t.children(parent).map((c) => {
    const step = c.path.slice(c.path.lastIndexOf('/') + 1).replace('{urn:t}', 't:');
    const type = c.typeName ? ' ' + c.typeName.local : '';
    return `${step} [${c.minOccurs}..${c.maxOccurs ?? '*'}]${type}`;
  });
}

/** All .xsd files below a folder, named relative to it; `first` (a relative name) is put first. */
export function loadDir(dir: string, first?: string): SchemaFile[] {
  const walk = (d: string): string[] =>
    readdirSync(d)
      .sort()
      .flatMap((n) => {
        const p = join(d, n);
        return statSync(p).isDirectory() ? walk(p) : p.endsWith('.xsd') ? [p] : [];
      });
  const files = walk(dir).map((p) => ({ name: relative(dir, p).replace(/\\/g, '/'), content: readFileSync(p, 'utf8') }));
  if (first) files.sort((a, b) => (a.name === first ? -1 : b.name === first ? 1 : 0));
  return files;
}

/** Visits a tree depth-first to a depth, not expanding recursive nodes; returns the node count. */
export function walk(t: SchemaTree, maxDepth: number, visit?: (n: SchemaNode, depth: number) => void): number {
  let count = 0;
  const go = (n: SchemaNode, d: number) => {
    count++;
    visit?.(n, d);
    if (d < maxDepth && !n.recursive) for (const c of t.children(n)) go(c, d + 1);
  };
  go(t.root, 1);
  return count;
}
