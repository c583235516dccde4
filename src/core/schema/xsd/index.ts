/**
 * The XSD importer: a set of schema files → global elements and lazily built schema trees.
 * Pure TypeScript (no DOM): runs in Node, a Web Worker and the browser. Never fetches anything:
 * includes and imports are resolved against the given files (by path, base name, namespace or
 * catalog). See the README-style notes in ./README.md for what is supported.
 */
import { clark, type QName, type SchemaFile, type SchemaImportResult, type SchemaTree } from '../types.ts';
import { checkReferences } from './check.ts';
import { loadSchemaSet, type XsdImportOptions } from './load.ts';
import { Resolver } from './resolve.ts';
import { orderRoots } from './roots.ts';
import { XsdTree } from './tree.ts';

export type { XsdImportOptions } from './load.ts';
export { splitPath } from './tree.ts';

/** Imports a set of XSD files; never throws (problems become diagnostics). */
export function importXsd(files: SchemaFile[], options: XsdImportOptions = {}): SchemaImportResult {
  try {
    const set = loadSchemaSet(files, options);
    if (!files.length) {
      set.diagnostics.push({ severity: 'error', code: 'xsd.no-files', message: 'Keine Schemadatei angegeben.' });
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
      diagnostics: [{ severity: 'error', code: 'xsd.internal', message: `Interner Fehler beim Schema-Import: ${(e as Error).message}` }],
    };
  }
}
