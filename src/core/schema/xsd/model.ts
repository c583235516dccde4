/**
 * Internal data of the XSD importer: schema documents as read, the contexts they are indexed in
 * (a chameleon include indexes one file under its includer's namespace) and global components.
 */
import type { Diagnostic, SourceLocation } from '../../diagnostics.ts';
import type { XmlElement } from '../../xml/dom.ts';
import type { QName } from '../types.ts';
import type { RawRef, TopItem } from './skim.ts';

export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export type DirectiveKind = 'include' | 'import' | 'redefine' | 'override';

/** An xs:include / xs:import / xs:redefine / xs:override and the given files it resolved to. */
export interface Directive {
  kind: DirectiveKind;
  el: XmlElement;
  location?: string;
  namespace?: string;
  targets: SchemaDoc[];
}

/** One schema file as read. Component bodies stay unparsed until needed. */
export interface SchemaDoc {
  file: string;
  /** Position in the given file list (earlier files come first in `roots`). */
  index: number;
  text: string;
  /** The xs:schema element (attributes and namespace declarations; children are read lazily). */
  root: XmlElement;
  rootScope: Record<string, string>;
  tns: string;
  elementQualified: boolean;
  attributeQualified: boolean;
  top: TopItem[];
  refs: RawRef[];
  directives: Directive[];
  /** Offsets of line starts, built on first need. */
  lineStarts?: number[];
}

/** A document as indexed under an effective target namespace. */
export interface Ctx {
  doc: SchemaDoc;
  tns: string;
  /** True when a no-namespace document is included into a namespace (unqualified references get tns). */
  chameleon: boolean;
}

export type CompKind = 'element' | 'type' | 'group' | 'attributeGroup' | 'attribute';

/** A named global component. */
export interface Comp {
  kind: CompKind;
  name: QName;
  item: TopItem;
  ctx: Ctx;
  /** Global order: file index, then document order (for stable `roots`). */
  order: number;
  /** Set when the component comes from xs:redefine / xs:override. */
  redefine?: 'redefine' | 'override';
}

/** All components of a schema set, indexed by Clark name. */
export interface SchemaSet {
  docs: SchemaDoc[];
  elements: Map<string, Comp>;
  types: Map<string, Comp>;
  groups: Map<string, Comp>;
  attributeGroups: Map<string, Comp>;
  attributes: Map<string, Comp>;
  /** `${kind}|${clark}` → the component a redefine replaced (what its self-reference means). */
  originals: Map<string, Comp>;
  /** Substitution-group head (Clark) → direct members. */
  substitutions: Map<string, Comp[]>;
  /** Namespaces of imports that could not be resolved (references into them are only warnings). */
  missingNamespaces: Set<string>;
  /** Every context a document was indexed in. */
  contexts: Ctx[];
  diagnostics: Diagnostic[];
}

/** Line and column of an offset in a document. */
export function locate(doc: SchemaDoc, pos: number): SourceLocation {
  let starts = doc.lineStarts;
  if (!starts) {
    starts = [0];
    const t = doc.text;
    for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
    doc.lineStarts = starts;
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return { file: doc.file, line: lo + 1, column: pos - starts[lo] + 1 };
}

/** Source location of a parsed element. */
export function elLocation(doc: SchemaDoc, el: XmlElement): SourceLocation {
  return { file: doc.file, line: el.line, column: el.column };
}
