/**
 * The one schema-tree model every importer (XSD, JSON Schema, sample instance, FIM) produces and the
 * mapper, compiler and CLI consume. Trees are expanded lazily: recursive types never loop.
 */
import type { Diagnostic, SourceLocation } from '../diagnostics.ts';

/** A qualified name; ns is '' for no namespace. */
export interface QName {
  ns: string;
  local: string;
}

/** Clark notation: "{uri}local", or "local" for no namespace. */
export function clark(q: QName): string {
  return q.ns ? `{${q.ns}}${q.local}` : q.local;
}

/** Parses Clark notation back to a QName. */
export function parseClark(s: string): QName {
  if (s.startsWith('{')) {
    const end = s.indexOf('}');
    return { ns: s.slice(1, end), local: s.slice(end + 1) };
  }
  return { ns: '', local: s };
}

export interface EnumValue {
  value: string;
  documentation?: string;
  /**
   * JSON Schema only: the JSON type of the entry (`value` is its text), so that the string "1" and the
   * number 1 stay apart. Absent for XSD and for entries stored before it existed: then compared as text.
   */
  kind?: 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';
}

/** Facts about simple content (of an attribute, a simple element or simpleContent). */
export interface SimpleInfo {
  /** The XSD built-in it derives from, e.g. "string", "date", "decimal", "boolean". */
  builtin: string;
  enumeration?: EnumValue[];
  pattern?: string[];
  minLength?: number;
  maxLength?: number;
  length?: number;
  /** xs:list of the given builtin. */
  list?: boolean;
  /** xs:union member builtins. */
  union?: string[];
  /** Range and digit facets, as written in the schema (values stay strings: they may be dates). */
  minInclusive?: string;
  maxInclusive?: string;
  minExclusive?: string;
  maxExclusive?: string;
  totalDigits?: number;
  fractionDigits?: number;
  /** JSON Schema `multipleOf` (a number > 0) as written, e.g. "0.1". */
  multipleOf?: string;
}

export type SchemaNodeKind = 'element' | 'attribute' | 'any' | 'anyAttribute';

/** One node of a schema tree. Plain data; children are fetched through SchemaTree.children(). */
export interface SchemaNode {
  /**
   * Stable path from the tree root in Clark steps joined by '/', attributes as '@name' or '@{uri}name',
   * e.g. "/{urn:x}Antrag/{urn:x}Person/@id". This is the id links refer to.
   * A step whose local name ends in '*' stands for every element whose local name starts with the part
   * before it: the Amt24 export numbers group instances `instance_1`, `instance_2` … (see isWildcardStep).
   */
  path: string;
  kind: SchemaNodeKind;
  name: QName;
  minOccurs: number;
  /** null means unbounded. */
  maxOccurs: number | null;
  /** Declared type name, for display ("xs:string", "{uri}AdresseType" …), if named. */
  typeName?: QName;
  /** Present when the node has simple content (text value). */
  simple?: SimpleInfo;
  /** True when the node has child elements or attributes (call SchemaTree.children). */
  hasChildren: boolean;
  /** Mixed content allowed. */
  mixed?: boolean;
  nillable?: boolean;
  abstract?: boolean;
  default?: string;
  fixed?: string;
  /** attribute use="required" is expressed as minOccurs 1, optional as 0. */
  documentation?: string;
  /** When the node stands in a choice: an id shared by the alternatives of the same choice. */
  choice?: string;
  /** Substitution-group members that may stand in this element's place. */
  substitutes?: QName[];
  /** True when the node's type already occurs on the path above: children are still available lazily. */
  recursive?: boolean;
  /** Where the declaration is. */
  source?: SourceLocation;
  /** For kind 'any' / 'anyAttribute': the namespace constraint and processContents as written. */
  wildcard?: { namespace: string; processContents: 'strict' | 'lax' | 'skip' };
}

/** A browsable tree under one root element. Implementations cache children. */
export interface SchemaTree {
  root: SchemaNode;
  /** The child elements and attributes of a node, in document order (attributes first). */
  children(node: SchemaNode): SchemaNode[];
  /** Finds a node by its path, expanding as needed; undefined if the path leaves the schema. */
  find(path: string): SchemaNode | undefined;
}

/** A file the user uploaded as part of a schema set. */
export interface SchemaFile {
  name: string;
  content: string;
}

/** What an importer returns: the global elements one can pick as root, a way to build trees, findings. */
export interface SchemaImportResult {
  /** Global element declarations, message roots first when known. */
  roots: QName[];
  /** Builds the tree under a global element; undefined when no such element. */
  tree(root: QName): SchemaTree | undefined;
  diagnostics: Diagnostic[];
}

/** True for a path step like "instance_*" that matches element names by prefix. */
export function isWildcardStep(local: string): boolean {
  return local.endsWith('*');
}

/**
 * Splits a tree path into its steps ("/a/{u}b/@c" → ["a", "{u}b", "@c"]); braces may hold '/'.
 * Slices the path instead of building each step a character at a time: the mapper calls this for
 * every rule and row on each edit, and the per-character strings were most of that edit's garbage.
 */
export function splitPath(path: string): string[] {
  const steps: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */) depth--;
    else if (c === 47 /* / */ && depth === 0) {
      if (i > start) steps.push(path.slice(start, i));
      start = i + 1;
    }
  }
  if (start < path.length) steps.push(path.slice(start));
  return steps;
}

/** Joins steps back into an absolute path. */
export function joinPath(steps: readonly string[]): string {
  return '/' + steps.join('/');
}

/**
 * Target paths may address a second, third … group of a repeating element with a step suffix "#2",
 * "#3" (MapForce calls this "duplicate input"): "/{u}V/{u}Kontakt#2/{u}Name". Each group has its own rules.
 */
export function stripInstances(path: string): string {
  return path.replace(/#\d+(?=\/|$)/g, '');
}

/** The instance number of a path's last step (1 without suffix). */
export function instanceOf(path: string): number {
  const m = /#(\d+)$/.exec(path);
  return m ? Number(m[1]) : 1;
}

/**
 * True when the source path repeats below the innermost of the loop contexts that contains it: the
 * compiler then loops over it (or flags many → one), and XPath completion treats it as a loop context.
 */
export function repeatsBeyondContext(src: Pick<SchemaTree, 'find'> | undefined, path: string, contexts: readonly string[]): boolean {
  if (!src) return false;
  const base = [...contexts].reverse().find((c) => path === c || path.startsWith(c + '/'));
  const steps = splitPath(path);
  const from = base ? splitPath(base).length + 1 : 1;
  for (let i = from; i <= steps.length; i++) {
    const n = src.find('/' + steps.slice(0, i).join('/'));
    if (n && n.maxOccurs !== 1) return true;
  }
  return false;
}

/**
 * The node at a path, walking down from the root and expanding children as needed (the plain
 * `SchemaTree.find` for trees whose node paths extend their parents' paths step by step).
 */
export function findByWalking(tree: Pick<SchemaTree, 'root' | 'children'>, path: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = tree.root;
  if (path !== node.path && !path.startsWith(node.path + '/')) return undefined;
  while (node && node.path !== path) {
    const cur: SchemaNode = node;
    node = tree.children(cur).find((c) => path === c.path || path.startsWith(c.path + '/'));
  }
  return node;
}
