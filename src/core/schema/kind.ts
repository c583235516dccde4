/** Which importer reads a set of files: guessed from names and first bytes, as the import dialog and the CLI do. */
import type { SchemaSet } from '../model/project.ts';

export type SchemaKind = SchemaSet['kind'];
export const SCHEMA_KINDS: readonly SchemaKind[] = ['xsd', 'json-schema', 'sample-xml', 'sample-json', 'xdatenfelder'];

/** The file extension a kind reads from archives and folders. */
export function extensionOf(kind: SchemaKind): RegExp {
  return kind === 'xsd' ? /\.xsd$/i : kind === 'json-schema' || kind === 'sample-json' ? /\.json$/i : /\.xml$/i;
}

/** Guesses the kind from file names and the first bytes of the contents. */
export function guessKind(files: readonly { name: string; content: string }[]): SchemaKind {
  if (files.some((f) => /\.xsd$/i.test(f.name))) return 'xsd';
  const head = (f: { content: string }) => f.content.slice(0, 4000);
  const json = files.filter((f) => /\.json$/i.test(f.name) || /^\s*[{[]/.test(head(f)));
  if (json.length && json.length >= files.length / 2) {
    return json.some((f) => /"(\$schema|\$defs|definitions|properties)"\s*:/.test(head(f))) ? 'json-schema' : 'sample-json';
  }
  if (files.some((f) => /urn:xoev-de:fim:standard:xdatenfelder/.test(head(f)))) return 'xdatenfelder';
  if (files.some((f) => /<(\w+:)?schema[\s>]/.test(head(f)) && /XMLSchema"/.test(head(f)))) return 'xsd';
  return 'sample-xml';
}
