/**
 * FIM XDatenfelder 2.0 / 3.0.0 documents as source definitions: the Stammdatenschema (or the root
 * group of a 0103 message) becomes a schema tree of its groups and fields.
 *
 * Tree paths: the data that such a form produces (FIT-Connect XML submissions, Amt24-like exports)
 * names elements by FIM id, without namespace and without version, so a path is
 * `/S00000092/G60000000086/F60000000243` — the root step is the schema's (or root group's) id.
 * Cardinalities come from `struktur/anzahl` ("0:1", "1:*"), code lists from `codelisteReferenz`
 * (named in the documentation) and inline `werte` (an enumeration with names as documentation),
 * facets from `praezisierung`. The node `label` is the element's name; `documentation` collects
 * description, definition, help text, field kind, data type, code list and version.
 * Roots: the main element first, then every group (to map a part of the form on its own).
 */
import type { Diagnostic } from '../../diagnostics.ts';
import type { LabelledNode } from '../json/paths.ts';
import { findByWalking, type QName, type SchemaFile, type SchemaImportResult, type SchemaNode, type SchemaTree, type SimpleInfo } from '../types.ts';
import { readXdf, type XdfDoc, type XdfItem } from './read.ts';
import { FREIGABESTATUS } from './spec.ts';
import { m } from '../../i18n.ts';

const BUILTIN: Record<string, string> = {
  text: 'string',
  text_latin: 'string',
  date: 'date',
  time: 'time',
  datetime: 'dateTime',
  bool: 'boolean',
  num: 'decimal',
  num_int: 'integer',
  num_currency: 'decimal',
  file: 'base64Binary',
  obj: 'base64Binary',
};

function simpleOf(it: XdfItem): SimpleInfo {
  const s: SimpleInfo = { builtin: BUILTIN[it.datentyp ?? 'text'] ?? 'string' };
  const c = it.constraints;
  const int = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);
  if (int(c.minLength) !== undefined) s.minLength = int(c.minLength);
  if (int(c.maxLength) !== undefined) s.maxLength = int(c.maxLength);
  if (c.pattern) s.pattern = [c.pattern];
  if (c.minValue !== undefined) s.minInclusive = c.minValue;
  if (c.maxValue !== undefined) s.maxInclusive = c.maxValue;
  if (it.values.length) s.enumeration = it.values;
  return s;
}

/** The node's documentation, worded in the current message language (FIM's own terms and texts stay as they are). */
function docOf(it: XdfItem): string {
  const lines: string[] = [];
  if (it.label && it.label !== it.name) lines.push(`${m('Bezeichnung', 'Label')}: ${it.label}`);
  if (it.description) lines.push(it.description);
  if (it.definition && it.definition !== it.description) lines.push(`Definition: ${it.definition}`);
  if (it.help) lines.push(`${m('Hilfe', 'Help')}: ${it.help}`);
  if (it.kind === 'field') {
    const label = it.feldart === 'label' ? m(' (Hinweistext, trägt keine Daten)', ' (a note, carries no data)') : '';
    lines.push(`${m('Feldart', 'Field kind')}: ${it.feldart ?? '–'} · ${m('Datentyp', 'Data type')}: ${it.datentyp ?? '–'}${label}`);
  }
  if (it.codelist) {
    const c = it.codelist;
    lines.push(`${m('Codeliste', 'Code list')}: ${[c.uri ?? c.id, c.version && `Version ${c.version}`, c.versionUri].filter(Boolean).join(', ')}`);
  }
  if (it.inhalt) lines.push(`${m('Inhalt', 'Content')}: ${it.inhalt}`);
  const status = it.status ? ` · Status: ${FREIGABESTATUS[it.status] ? `${it.status} ${FREIGABESTATUS[it.status]}` : it.status}` : '';
  lines.push(`${it.id}${it.version ? ` Version ${it.version}` : ''}${status}`);
  return lines.join('\n');
}

class XdfTree implements SchemaTree {
  readonly root: SchemaNode;
  private byPath = new Map<string, { item: XdfItem; ancestry: ReadonlySet<string> }>();
  private cache = new Map<string, SchemaNode[]>();

  constructor(
    private doc: XdfDoc,
    root: XdfItem,
  ) {
    this.root = this.node('', root, 1, 1, new Set());
  }

  private node(parent: string, it: XdfItem, min: number, max: number | null, ancestry: ReadonlySet<string>): SchemaNode {
    const path = `${parent}/${it.id}`;
    const recursive = ancestry.has(it.key);
    this.byPath.set(path, { item: it, ancestry: new Set([...ancestry, it.key]) });
    const n: LabelledNode = {
      path,
      kind: 'element',
      name: { ns: '', local: it.id },
      label: it.name,
      minOccurs: min,
      maxOccurs: max,
      hasChildren: it.kind !== 'field' && it.children.length > 0,
      source: { file: this.doc.file, line: it.line },
    };
    // Worded when read, so a tree built before a language switch speaks the new language too.
    Object.defineProperty(n, 'documentation', { get: () => docOf(it), enumerable: true });
    if (it.kind === 'field') n.simple = simpleOf(it);
    if (recursive) n.recursive = true;
    return n;
  }

  children(node: SchemaNode): SchemaNode[] {
    const hit = this.cache.get(node.path);
    if (hit) return hit;
    const st = this.byPath.get(node.path);
    const out: SchemaNode[] = [];
    const seen = new Set<string>();
    for (const c of st?.item.children ?? []) {
      const it = this.doc.items.get(c.key);
      if (!it || seen.has(it.id)) continue;
      seen.add(it.id);
      out.push(this.node(node.path, it, c.min, c.max, st!.ancestry));
    }
    this.cache.set(node.path, out);
    return out;
  }

  find(path: string): SchemaNode | undefined {
    return findByWalking(this, path);
  }
}

// The same id twice under one parent would give two nodes with one path: report it.
function checkSiblings(doc: XdfDoc, out: Diagnostic[]): void {
  for (const it of doc.items.values()) {
    const seen = new Map<string, number>();
    for (const c of it.children) {
      const child = doc.items.get(c.key);
      if (!child) continue;
      if (seen.has(child.id)) {
        out.push({
          severity: 'warning',
          code: 'xdf.duplicate-child',
          message: m(
            `${child.id} ist in ${it.id} mehrfach enthalten (Zeilen ${seen.get(child.id)} und ${c.line}); der Baum zeigt es einmal.`,
            `${child.id} occurs more than once in ${it.id} (lines ${seen.get(child.id)} and ${c.line}); the tree shows it once.`,
          ),
          location: { file: doc.file, line: c.line },
        });
      } else seen.set(child.id, c.line);
    }
  }
}

/** Imports XDatenfelder documents (each file is one form definition); never throws. */
export function importXDatenfelder(files: SchemaFile[]): SchemaImportResult {
  const diagnostics: Diagnostic[] = [];
  const docs: XdfDoc[] = [];
  try {
    for (const f of files) {
      const doc = readXdf(f.name, f.content, diagnostics);
      if (!doc) continue;
      checkSiblings(doc, diagnostics);
      docs.push(doc);
    }
  } catch (e) {
    diagnostics.push({ severity: 'error', code: 'xdf.internal', message: m(`Interner Fehler beim XDatenfelder-Import: ${(e as Error).message}`, `Internal error in the XDatenfelder import: ${(e as Error).message}`) });
  }
  if (!files.length) diagnostics.push({ severity: 'error', code: 'xdf.no-files', message: m('Keine XDatenfelder-Datei angegeben.', 'No XDatenfelder file given.') });
  const candidates = new Map<string, { doc: XdfDoc; item: XdfItem }>();
  for (const doc of docs) if (doc.root && !candidates.has(doc.root.id)) candidates.set(doc.root.id, { doc, item: doc.root });
  for (const doc of docs) {
    for (const it of doc.items.values()) if (it.kind === 'group' && !candidates.has(it.id)) candidates.set(it.id, { doc, item: it });
  }
  const trees = new Map<string, SchemaTree>();
  return {
    roots: [...candidates.keys()].map((id) => ({ ns: '', local: id })),
    diagnostics,
    tree(root: QName) {
      const c = root.ns ? undefined : candidates.get(root.local);
      if (!c) return undefined;
      let t = trees.get(root.local);
      if (!t) trees.set(root.local, (t = new XdfTree(c.doc, c.item)));
      return t;
    },
  };
}
