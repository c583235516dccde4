/**
 * The JSON Schema importer (draft-04/06/07, 2019-09, 2020-12): a set of schema files → roots and
 * lazily built schema trees whose paths address `json-to-xml()` output (see paths.ts).
 *
 * Supported: `$ref` within a file and across the uploaded files (by `$id`, relative path, catalog or
 * file name; never fetched), `$defs`/`definitions`, `$anchor`, `$dynamicRef`/`$recursiveRef` (best
 * effort), allOf (merged), anyOf/oneOf (members optional, marked as a choice; all-`const`
 * alternatives become a code list), if/then/else (optional members), properties, required, arrays
 * (items, prefixItems, tuple `items`, min/maxItems), enum, const (with their JSON types), default,
 * format, string and number facets (multipleOf too; a pattern that does not compile is a warning),
 * nullable types, additional/pattern properties (an 'any' node), recursion (lazy).
 * Not supported (ignored): dependentSchemas, contains, not, propertyNames, unevaluated* beyond
 * "open", content* keywords.
 *
 * Roots: each file's root schema (files not referenced by other files first), then each object-
 * or array-like `$defs`/`definitions` entry. A root's QName has no namespace and the local name
 * `<file>` or `<file>#/$defs/<name>`; its tree's root node path is still `/{FN}map` (or array …).
 */
import type { Diagnostic } from '../../diagnostics.ts';
import type { QName, SchemaFile, SchemaImportResult, SchemaTree } from '../types.ts';
import { locate, readJson, type JsonFile } from './parse.ts';
import { patternDiagnostics } from './pattern.ts';
import { obj, pointerSegments, Registry, type SLoc } from './refs.ts';
import { JsonSchemaTree } from './tree.ts';
import { m } from '../../i18n.ts';

/** Options of importJsonSchema. */
export interface JsonSchemaOptions {
  /** Reference (without fragment) or absolute URI → name of one of the given files. */
  catalog?: Record<string, string>;
}

const KEYWORDS = ['$schema', '$id', 'id', 'type', 'properties', '$ref', '$defs', 'definitions', 'allOf', 'anyOf', 'oneOf', 'items', 'enum', 'const', 'prefixItems'];
const DIALECTS = /json-schema\.org\/(draft-0[3467]\/schema|draft\/20(19-09|20-12)\/schema)|^$/;

function isSchemaLike(v: unknown): boolean {
  if (typeof v === 'boolean') return true;
  const o = obj(v);
  return !!o && KEYWORDS.some((k) => k in o);
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function defRoots(f: JsonFile): string[] {
  const o = obj(f.value);
  const out: string[] = [];
  for (const kw of ['$defs', 'definitions']) {
    const defs = obj(o?.[kw]);
    if (!defs) continue;
    for (const [name, d] of Object.entries(defs)) {
      const s = obj(d);
      const scalar = typeof s?.type === 'string' && s.type !== 'object' && s.type !== 'array';
      if (s && !scalar && (s.type || s.properties || s.allOf || s.oneOf || s.anyOf || s.items)) out.push(`${f.name}#/${kw}/${escapePointer(name)}`);
    }
  }
  return out;
}

function isInstantiable(f: JsonFile): boolean {
  const o = obj(f.value);
  if (!o) return f.value === true;
  return ['type', 'properties', '$ref', 'allOf', 'anyOf', 'oneOf', 'items', 'prefixItems', 'enum', 'const'].some((k) => k in o);
}

// Follows chains of schemas that are nothing but a $ref; true when such a chain loops.
function loopsOnRefs(reg: Registry, start: SLoc): boolean {
  const seen = new Set<unknown>();
  let loc: SLoc | undefined = start;
  while (loc) {
    const o = obj(loc.value);
    if (!o || typeof o.$ref !== 'string') return false;
    if (Object.keys(o).some((k) => !['$ref', '$comment', 'title', 'description'].includes(k))) return false;
    if (seen.has(o)) return true;
    seen.add(o);
    const r = reg.resolve(loc, o.$ref);
    loc = r.ok ? r.loc : undefined;
  }
  return false;
}

/** Imports a set of JSON Schema files; never throws (problems become diagnostics). */
export function importJsonSchema(files: SchemaFile[], options: JsonSchemaOptions = {}): SchemaImportResult {
  try {
    return importUnsafe(files, options);
  } catch (e) {
    return {
      roots: [],
      tree: () => undefined,
      diagnostics: [{ severity: 'error', code: 'json-schema.internal', message: m(`Interner Fehler beim JSON-Schema-Import: ${(e as Error).message}`, `Internal error in the JSON Schema import: ${(e as Error).message}`) }],
    };
  }
}

function importUnsafe(files: SchemaFile[], options: JsonSchemaOptions): SchemaImportResult {
  const diagnostics: Diagnostic[] = [];
  const docs: JsonFile[] = [];
  for (const f of files) {
    const r = readJson(f.name, f.content);
    if (r.diagnostic) diagnostics.push(r.diagnostic);
    if (!r.file) continue;
    if (!isSchemaLike(r.file.value)) {
      diagnostics.push({
        severity: 'error',
        code: 'json-schema.not-a-schema',
        message: m(
          'Kein JSON Schema: keines der Schlüsselwörter type, properties, $ref, $defs … auf oberster Ebene. Ist es eine Beispielnachricht? Dann die Art „JSON-Beispiel“ wählen.',
          'Not a JSON Schema: none of the keywords type, properties, $ref, $defs … at the top level. Is it a sample message? Then choose the kind "JSON sample".',
        ),
        location: { file: f.name, line: 1, column: 1 },
      });
      continue;
    }
    const dialect = obj(r.file.value)?.$schema;
    if (typeof dialect === 'string' && !DIALECTS.test(dialect)) {
      const message = m(`Unbekannte JSON-Schema-Version „${dialect}“; gelesen wie 2020-12.`, `Unknown JSON Schema version "${dialect}"; read as 2020-12.`);
      diagnostics.push({ severity: 'warning', code: 'json-schema.unknown-dialect', message, location: locate(r.file, ['$schema']) });
    }
    // A pattern that does not compile is not checked against values: said here once, at the keyword.
    diagnostics.push(...patternDiagnostics(r.file));
    docs.push(r.file);
  }
  if (!files.length) diagnostics.push({ severity: 'error', code: 'json-schema.no-files', message: m('Keine Schemadatei angegeben.', 'No schema file given.') });
  const reg = new Registry(docs, options.catalog ?? {});
  const referencedFiles = new Set<JsonFile>();
  for (const { loc, keyword, ref } of reg.refs) {
    const r = reg.resolve(loc, ref, keyword);
    const at = () => locate(loc.file, [...loc.path, keyword], true);
    if (r.ok) {
      if (r.loc.file !== loc.file) referencedFiles.add(r.loc.file);
      if (keyword === '$ref' && loopsOnRefs(reg, loc)) {
        const message = m(`Verweiskette ab „${ref}“ führt im Kreis, ohne eine Struktur zu erreichen.`, `The chain of references from "${ref}" goes round in a circle without reaching a structure.`);
        diagnostics.push({ severity: 'error', code: 'json-schema.circular-ref', message, location: at() });
      }
      continue;
    }
    if (r.reason === 'no-file') {
      diagnostics.push({
        severity: 'warning',
        code: 'json-schema.unresolved-ref',
        message: m(
          `Verweis „${ref}“ nicht aufgelöst: keine passende Datei „${r.uri}“ im Schema-Satz (es wird nichts nachgeladen).`,
          `Reference "${ref}" not resolved: no matching file "${r.uri}" in the schema set (nothing is fetched).`,
        ),
        location: at(),
      });
    } else {
      diagnostics.push({
        severity: 'error',
        code: r.reason === 'bad-ref' ? 'json-schema.bad-ref' : 'json-schema.unknown-ref-target',
        message: r.reason === 'bad-ref' ? m(`Ungültiger Verweis „${ref}“.`, `Invalid reference "${ref}".`) : m(`Verweisziel „${ref}“ gibt es nicht.`, `The reference target "${ref}" does not exist.`),
        location: at(),
      });
    }
  }
  const fileRoots = docs.filter(isInstantiable);
  const roots: QName[] = [
    ...fileRoots.filter((f) => !referencedFiles.has(f)),
    ...fileRoots.filter((f) => referencedFiles.has(f)),
  ].map((f) => ({ ns: '', local: f.name }));
  for (const f of docs) for (const d of defRoots(f)) roots.push({ ns: '', local: d });
  if (docs.length && !roots.length) {
    const message = m('Das Schema beschreibt keine Nachricht (weder Wurzelschema noch Objekt-Definitionen).', 'The schema describes no message (neither a root schema nor object definitions).');
    diagnostics.push({ severity: 'error', code: 'json-schema.no-root', message, location: { file: docs[0].name, line: 1 } });
  }
  const trees = new Map<string, SchemaTree>();
  return {
    roots,
    diagnostics,
    tree(root) {
      if (root.ns) return undefined;
      let t = trees.get(root.local);
      if (t) return t;
      const hash = root.local.indexOf('#');
      const file = reg.file(hash < 0 ? root.local : root.local.slice(0, hash));
      if (!file) return undefined;
      let loc: SLoc = reg.root(file);
      const segs = hash < 0 ? [] : pointerSegments(root.local.slice(hash + 1));
      for (const s of segs) {
        if (!obj(loc.value) || !(s in (loc.value as object))) return undefined;
        loc = reg.child(loc, s);
      }
      const name = segs.length ? segs[segs.length - 1] : file.name.replace(/^.*\//, '').replace(/\.(schema\.)?json$/i, '');
      t = new JsonSchemaTree(reg, loc, name);
      trees.set(root.local, t);
      return t;
    },
  };
}
