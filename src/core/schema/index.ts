/**
 * One entry point from a project's schema set to a schema-tree importer, with a small cache keyed by
 * content so repeated compiles and renders do not re-import.
 */
import type { SchemaSet } from '../model/project.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { inferFromXml } from './instance.ts';
import { inferFromJson } from './instance-json.ts';
import { importJsonSchema } from './json/index.ts';
import { importXDatenfelder } from './xdatenfelder/index.ts';
import type { MessageType } from '../model/project.ts';
import type { SchemaImportResult, SchemaTree } from './types.ts';
import { importXsd } from './xsd/index.ts';
import { m, messageLang } from '../i18n.ts';

const cache = new Map<string, { key: string; result: SchemaImportResult }>();

function contentKey(set: SchemaSet): string {
  // Cheap but content-sensitive: names, lengths and a rolling hash of every file.
  let h = 0;
  for (const f of set.files) {
    for (let i = 0; i < f.content.length; i += 7) h = (h * 31 + f.content.charCodeAt(i)) | 0;
    h = (h * 31 + f.content.length) | 0;
  }
  // The message language too: the diagnostics are worded in it (a language switch re-imports once).
  return `${messageLang()}:${set.kind}:${set.files.map((f) => f.name).join(',')}:${h}:${JSON.stringify(set.catalog ?? {})}`;
}

/** Imports a schema set with the importer its kind names. Never throws. */
export function importSchemaSet(set: SchemaSet): SchemaImportResult {
  const key = contentKey(set);
  const hit = cache.get(set.id);
  if (hit && hit.key === key) return hit.result;
  const result = importSchemaSetUncached(set);
  cache.set(set.id, { key, result });
  return result;
}

/** Imports without the cache (a worker importing many variants of one upload). Never throws. */
export function importSchemaSetUncached(set: SchemaSet): SchemaImportResult {
  switch (set.kind) {
    case 'xsd':
      return importXsd(set.files, { catalog: set.catalog });
    case 'sample-xml':
      return inferFromXml(set.files);
    case 'json-schema':
      return importJsonSchema(set.files, { catalog: set.catalog });
    case 'sample-json':
      return inferFromJson(set.files);
    case 'xdatenfelder':
      return importXDatenfelder(set.files);
  }
}

/** The tree of a flow's source or target message, with a diagnostic when it can't be built. */
export function messageTree(sets: readonly SchemaSet[], msg: MessageType | undefined): { tree?: SchemaTree; diagnostics: Diagnostic[] } {
  if (!msg) return { diagnostics: [{ severity: 'warning', code: 'flow.no-message-type', message: m('Für diesen Fluss ist kein Nachrichtentyp gewählt.', 'No message type is chosen for this flow.') }] };
  const set = sets.find((s) => s.id === msg.schemaId);
  if (!set) return { diagnostics: [{ severity: 'error', code: 'flow.unknown-schema', message: m(`Schema "${msg.schemaId}" gibt es im Projekt nicht.`, `The project has no schema "${msg.schemaId}".`) }] };
  const r = importSchemaSet(set);
  const tree = r.tree(msg.root);
  const diagnostics = [...r.diagnostics];
  if (!tree) {
    diagnostics.push({
      severity: 'error',
      code: 'flow.unknown-root',
      message: m(`Das Wurzelelement {${msg.root.ns}}${msg.root.local} gibt es in Schema "${set.name}" nicht.`, `Schema "${set.name}" has no root element {${msg.root.ns}}${msg.root.local}.`),
      location: { file: set.name },
    });
  }
  return { tree, diagnostics };
}
