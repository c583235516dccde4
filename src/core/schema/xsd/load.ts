/**
 * Builds a schema set from the given files: reads each file, resolves include/import/redefine/
 * override against the given files only (never fetches), works out chameleon namespaces and indexes
 * all global components in maps in one pass.
 */
import type { Diagnostic } from '../../diagnostics.ts';
import { attr, childElements } from '../../xml/dom.ts';
import { clark, type SchemaFile } from '../types.ts';
import { locate, XML_NS, XSD_NS, type Comp, type CompKind, type Ctx, type DirectiveKind, type SchemaDoc, type SchemaSet } from './model.ts';
import { itemAttr, qnameOfItem } from './names.ts';
import { itemElement, readSchemaDoc } from './read.ts';
import type { TopItem } from './skim.ts';
import { m } from '../../i18n.ts';

/** Options of importXsd. */
export interface XsdImportOptions {
  /** schemaLocation or namespace → name of one of the given files. */
  catalog?: Record<string, string>;
}

const DIRECTIVES = new Set<string>(['include', 'import', 'redefine', 'override']);
const KIND_OF: Record<string, CompKind> = {
  element: 'element',
  complexType: 'type',
  simpleType: 'type',
  group: 'group',
  attributeGroup: 'attributeGroup',
  attribute: 'attribute',
};

/** Normalizes a file path: forward slashes, no "." segments, ".." folded. */
export function normPath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return (abs ? '/' : '') + out.join('/');
}

const isUrl = (s: string) => /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(s);
const segments = (s: string) => normPath(s.replace(/[?#].*$/, '').replace(/^[a-zA-Z][a-zA-Z0-9+.-]+:\/*/, '')).split('/');
const baseName = (s: string) => segments(s).pop() ?? s;

/** Reads all files and indexes their components. */
export function loadSchemaSet(files: SchemaFile[], options: XsdImportOptions = {}): SchemaSet {
  const diagnostics: Diagnostic[] = [];
  const docs: SchemaDoc[] = [];
  files.forEach((f, i) => {
    const r = readSchemaDoc(f, i);
    diagnostics.push(...r.diagnostics);
    if (r.doc) docs.push(r.doc);
  });
  const set: SchemaSet = {
    docs,
    elements: new Map(),
    types: new Map(),
    groups: new Map(),
    attributeGroups: new Map(),
    attributes: new Map(),
    originals: new Map(),
    substitutions: new Map(),
    missingNamespaces: new Set(),
    contexts: [],
    diagnostics,
  };
  resolveDirectives(set, options.catalog ?? {});
  set.contexts = chameleonContexts(set);
  indexComponents(set);
  return set;
}

function resolveDirectives(set: SchemaSet, catalog: Record<string, string>): void {
  const byName = new Map<string, SchemaDoc>();
  const byBase = new Map<string, SchemaDoc[]>();
  const byTns = new Map<string, SchemaDoc[]>();
  for (const d of set.docs) {
    byName.set(normPath(d.file), d);
    const b = baseName(d.file);
    byBase.set(b, [...(byBase.get(b) ?? []), d]);
    byTns.set(d.tns, [...(byTns.get(d.tns) ?? []), d]);
  }
  // Among files with the wanted base name, prefer the right namespace, then the longest common path tail.
  const byBaseName = (loc: string, want: (d: SchemaDoc) => boolean): SchemaDoc | undefined => {
    const segs = segments(loc);
    let best: SchemaDoc | undefined;
    let bestScore = -1;
    for (const d of byBase.get(segs[segs.length - 1]) ?? []) {
      const ds = segments(d.file);
      let tail = 0;
      while (tail < segs.length && tail < ds.length && segs[segs.length - 1 - tail] === ds[ds.length - 1 - tail]) tail++;
      const score = (want(d) ? 1000 : 0) + tail;
      if (score > bestScore) [best, bestScore] = [d, score];
    }
    return best;
  };
  const byFileName = (name: string) => byName.get(normPath(name)) ?? byBaseName(name, () => true);

  for (const doc of set.docs) {
    for (const item of doc.top) {
      if (!DIRECTIVES.has(item.local)) continue;
      const el = itemElement(doc, item);
      const kind = item.local as DirectiveKind;
      const location = attr(el, 'schemaLocation')?.trim() || undefined;
      const namespace = attr(el, 'namespace');
      const want = (d: SchemaDoc) => (kind === 'import' ? d.tns === (namespace ?? '') : d.tns === doc.tns || d.tns === '');
      let target: SchemaDoc | undefined;
      if (location) {
        const dir = doc.file.includes('/') ? doc.file.slice(0, doc.file.lastIndexOf('/') + 1) : '';
        if (!isUrl(location)) target = byName.get(normPath(dir + location));
        if (!target && catalog[location]) target = byFileName(catalog[location]);
        target ??= byBaseName(location, want);
        if (target && kind === 'import' && !want(target)) target = undefined;
      }
      let targets = target ? [target] : [];
      if (kind === 'import' && !target) {
        const ns = namespace ?? '';
        const cat = catalog[ns];
        const viaCatalog = cat ? byFileName(cat) : undefined;
        targets = viaCatalog ? [viaCatalog] : (byTns.get(ns) ?? []).filter((d) => d !== doc);
      }
      if (target === doc) continue; // a file including itself: nothing to do
      doc.directives.push({ kind, el, location, namespace, targets });
      if (targets.length || (kind === 'import' && (namespace === XSD_NS || namespace === XML_NS))) continue;
      if (kind === 'import') set.missingNamespaces.add(namespace ?? '');
      const directive = kind === 'include' ? 'Include' : kind === 'redefine' ? 'Redefine' : 'Override';
      const what = kind === 'import' ? m(`Import des Namensraums „${namespace ?? '(kein Namensraum)'}“`, `Import of the namespace "${namespace ?? '(no namespace)'}"`) : directive;
      set.diagnostics.push({
        severity: 'warning',
        code: `xsd.unresolved-${kind}`,
        message: m(
          `${what}${location ? ` aus „${location}“` : ''} nicht aufgelöst: keine passende Datei im Schema-Satz (es wird nichts nachgeladen).${kind !== 'import' && doc.tns ? ` Namensraum: „${doc.tns}“.` : ''}`,
          `${what}${location ? ` from "${location}"` : ''} not resolved: no matching file in the schema set (nothing is fetched).${kind !== 'import' && doc.tns ? ` Namespace: "${doc.tns}".` : ''}`,
        ),
        location: { file: doc.file, line: el.line, column: el.column },
      });
    }
  }
}

// Every (document, effective namespace) pair. A no-namespace document included from a namespace
// takes that namespace (chameleon), once per distinct includer namespace; cycles terminate.
function chameleonContexts(set: SchemaSet): Ctx[] {
  const included = new Set<SchemaDoc>();
  for (const d of set.docs) for (const dir of d.directives) if (dir.kind !== 'import') for (const t of dir.targets) included.add(t);
  const seen = new Map<string, Ctx>();
  const queue: Ctx[] = [];
  const visit = (doc: SchemaDoc, tns: string) => {
    const key = `${doc.index}|${tns}`;
    if (seen.has(key)) return;
    const ctx: Ctx = { doc, tns, chameleon: doc.tns === '' && tns !== '' };
    seen.set(key, ctx);
    queue.push(ctx);
  };
  const drain = () => {
    while (queue.length) {
      const ctx = queue.shift()!;
      for (const dir of ctx.doc.directives) {
        if (dir.kind === 'import') continue;
        for (const t of dir.targets) {
          if (t.tns === '') visit(t, ctx.tns);
          else if (t.tns !== ctx.tns) {
            set.diagnostics.push({
              severity: 'error',
              code: 'xsd.include-namespace-mismatch',
              message: m(
                `„${t.file}“ hat den Zielnamensraum „${t.tns}“, eingebunden wird es aber in „${ctx.tns || '(kein Namensraum)'}“.`,
                `"${t.file}" has the target namespace "${t.tns}" but is included into "${ctx.tns || '(no namespace)'}".`,
              ),
              location: { file: ctx.doc.file, line: dir.el.line, column: dir.el.column },
            });
          }
        }
      }
    }
  };
  for (const d of set.docs) if (d.tns !== '' || !included.has(d)) visit(d, d.tns);
  drain();
  // No-namespace files that only include each other in a cycle: index them on their own.
  for (const d of set.docs) if (![...seen.values()].some((c) => c.doc === d)) visit(d, '');
  drain();
  return [...seen.values()].sort((a, b) => a.doc.index - b.doc.index);
}

function indexComponents(set: SchemaSet): void {
  const maps: Record<CompKind, Map<string, Comp>> = {
    element: set.elements,
    type: set.types,
    group: set.groups,
    attributeGroup: set.attributeGroups,
    attribute: set.attributes,
  };
  const add = (item: TopItem, ctx: Ctx, order: number, redefine?: 'redefine' | 'override') => {
    const kind = KIND_OF[item.local];
    const name = itemAttr(item, 'name');
    if (!kind || !name) return;
    const comp: Comp = { kind, name: { ns: ctx.tns, local: name }, item, ctx, order, redefine };
    const key = clark(comp.name);
    const map = maps[kind];
    const old = map.get(key);
    if (!old) {
      map.set(key, comp);
      if (kind === 'element') addSubstitution(set, comp);
      return;
    }
    if (old.redefine && !redefine) {
      if (!set.originals.has(`${kind}|${key}`)) set.originals.set(`${kind}|${key}`, comp);
      return;
    }
    if (old.item === item) return;
    const where = item.el ? { file: ctx.doc.file, line: item.el.line, column: item.el.column } : locate(ctx.doc, item.start);
    const first = old.item.el ? `${old.ctx.doc.file}:${old.item.el.line}` : `${old.ctx.doc.file}:${locate(old.ctx.doc, old.item.start).line}`;
    set.diagnostics.push({
      severity: 'warning',
      code: 'xsd.duplicate-declaration',
      message: m(`${item.local} „${key}“ ist mehrfach deklariert; es gilt die erste Deklaration (${first}).`, `${item.local} "${key}" is declared more than once; the first declaration counts (${first}).`),
      location: where,
    });
  };
  // Redefinitions first, so that they win and the redefined originals are kept aside.
  for (const ctx of set.contexts) {
    for (const dir of ctx.doc.directives) {
      if (dir.kind !== 'redefine' && dir.kind !== 'override') continue;
      for (const el of childElements(dir.el)) {
        if (el.ns !== XSD_NS) continue;
        if (dir.kind === 'redefine' && (el.local === 'element' || el.local === 'attribute')) continue;
        add({ ns: el.ns, local: el.local, attrs: el.attrs, start: -1, scope: ctx.doc.rootScope, el }, ctx, ctx.doc.index * 1e6, dir.kind);
      }
    }
  }
  for (const ctx of set.contexts) {
    ctx.doc.top.forEach((item, i) => add(item, ctx, ctx.doc.index * 1e6 + i + 1));
  }
}

function addSubstitution(set: SchemaSet, comp: Comp): void {
  const sg = itemAttr(comp.item, 'substitutionGroup');
  if (!sg) return;
  for (const v of sg.trim().split(/\s+/)) {
    const head = qnameOfItem(comp.item, v, comp.ctx);
    if (!head) continue;
    const key = clark(head);
    const list = set.substitutions.get(key);
    if (list) list.push(comp);
    else set.substitutions.set(key, [comp]);
  }
}
