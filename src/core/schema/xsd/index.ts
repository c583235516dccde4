/**
 * The XSD importer: a set of schema files → global elements and lazily built schema trees.
 * Pure TypeScript (no DOM): runs in Node, a Web Worker and the browser. Never fetches anything.
 *
 * How it works: each file is skimmed once (skim.ts: components, QName references, summaries);
 * components are parsed only when a tree needs them (read.ts/scan.ts); all references are checked
 * eagerly (check.ts) so diagnostics are complete at import time; types, content models and nodes
 * are resolved lazily and cached (resolve.ts, content.ts, simple.ts, quick.ts, tree.ts).
 *
 * Supported: several files; xs:include (also chameleon), xs:import, xs:redefine (self-references
 * mean the original), xs:override; include/import resolution against the given files only — by
 * relative path, base name (longest matching path tail), namespace, or options.catalog (location or
 * namespace → file name); unresolved ones give a warning, and references into a namespace whose
 * import is missing are warnings too; cycles terminate. targetNamespace, element/attributeFormDefault,
 * form; global/local elements and refs; named and anonymous types; complex/simple content extension
 * and restriction over any number of levels and files (restriction: own particles replace the
 * base's, attributes merge, use="prohibited" removes); sequence/choice/all/group with occurrences
 * multiplied through nesting; attribute groups; use/default/fixed; nillable; abstract; substitution
 * groups (transitive, non-abstract members in `substitutes`; find() resolves a member's path);
 * xs:any / xs:anyAttribute (find() resolves global declarations they admit); simple types with
 * enumerations (+ documentation), patterns, length/range/digit facets, lists, unions, down to the
 * builtin; documentation; recursion (flagged, expanded on demand); xsi:type (find() falls back to
 * the content of types derived from the declared one); built-in xml:lang/space/base/id.
 *
 * Not supported (ignored): identity constraints, block/final (blocked substitutions are still
 * listed), XSD 1.1 assertions, type alternatives, open content; DTD-declared entities. Simplified:
 * alternatives only carry the id of their nearest choice (minOccurs 0); an element occurring twice
 * in one content model becomes one node (first declaration, occurrences added); the last
 * anyAttribute wins; patterns are one entry per derivation step; a union of different builtins
 * reports "anySimpleType". Invalid derivations are followed as written, not rejected.
 */
import { clark, type QName, type SchemaFile, type SchemaImportResult, type SchemaTree } from '../types.ts';
import { checkReferences } from './check.ts';
import { loadSchemaSet, type XsdImportOptions } from './load.ts';
import { Resolver } from './resolve.ts';
import { orderRoots } from './roots.ts';
import { XsdTree } from './tree.ts';
import { m } from '../../i18n.ts';

export type { XsdImportOptions } from './load.ts';
export { splitPath } from '../types.ts';

/** Imports a set of XSD files; never throws (problems become diagnostics). */
export function importXsd(files: SchemaFile[], options: XsdImportOptions = {}): SchemaImportResult {
  try {
    const set = loadSchemaSet(files, options);
    if (!files.length) {
      set.diagnostics.push({ severity: 'error', code: 'xsd.no-files', message: m('Keine Schemadatei angegeben.', 'No schema file given.') });
    }
    const referenced = checkReferences(set);
    const resolver = new Resolver(set);
    const roots = orderRoots(resolver, referenced);
    const trees = new Map<string, SchemaTree>();
    return {
      roots,
      diagnostics: set.diagnostics,
      tree(root: QName): SchemaTree | undefined {
        const key = clark(root);
        let t = trees.get(key);
        if (!t) {
          const comp = set.elements.get(key);
          if (!comp) return undefined;
          t = new XsdTree(resolver, comp);
          trees.set(key, t);
        }
        return t;
      },
    };
  } catch (e) {
    // A bug must not take the application down with it: report it like any other finding.
    return {
      roots: [],
      tree: () => undefined,
      diagnostics: [{ severity: 'error', code: 'xsd.internal', message: m(`Interner Fehler beim Schema-Import: ${(e as Error).message}`, `Internal error in the schema import: ${(e as Error).message}`) }],
    };
  }
}
