/**
 * `regelwerk schema <file|dir> … [--kind K] [--root NAME] [--paths] [--max-depth N] [--json]`: imports
 * an XSD set, JSON Schemas, XDatenfelder or sample messages (kind guessed like the import dialog does,
 * or given) and prints a summary, the node paths under a root, or the tree as JSON.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic } from '../../core/diagnostics.ts';
import { m } from '../../core/i18n.ts';
import { importSchemaSetUncached } from '../../core/schema/index.ts';
import { extensionOf, guessKind, SCHEMA_KINDS, type SchemaKind } from '../../core/schema/kind.ts';
import { clark, parseClark, type QName, type SchemaFile, type SchemaNode, type SchemaTree } from '../../core/schema/types.ts';
import { formatHelp, usageLine, wantsHelp, type CommandHelp } from '../help.ts';

/** What the command needs from the process. */
export interface SchemaIo {
  out(s: string): void;
  err(s: string): void;
  readFile(path: string): string;
  /** Lists a directory's .xsd/.json/.xml files recursively, or returns undefined when `path` is no directory. */
  listXsd?(path: string): string[] | undefined;
}

const OPTS = `[--kind ${SCHEMA_KINDS.join('|')}] [--root NAME] [--paths] [--max-depth N] [--json]`;
const USAGE: [string, string] = [`schema <datei|ordner> … ${OPTS}`, `schema <file|folder> … ${OPTS}`];

/** What `regelwerk schema --help` shows. */
export const SCHEMA_HELP: CommandHelp = {
  usage: USAGE,
  summary: [
    'Schema einlesen (XSD-Satz, JSON Schema, XDatenfelder oder Beispielnachrichten, die Art wird wie im Importdialog geraten) und eine Übersicht, die Pfade unter einer Wurzel oder den Baum als JSON ausgeben.',
    'Read a schema (XSD set, JSON Schema, XDatenfelder or sample messages, the kind guessed like the import dialog does) and print a summary, the paths under a root, or the tree as JSON.',
  ],
  args: [{ flag: '', arg: ['<datei|ordner> …', '<file|folder> …'], de: 'Dateien oder Ordner (rekursiv: .xsd, .json, .xml)', en: 'Files or folders (recursive: .xsd, .json, .xml)' }],
  options: [
    { flag: '--kind', arg: ['K', 'K'], de: `Art der Dateien statt sie zu raten: ${SCHEMA_KINDS.join(', ')}`, en: `Kind of the files instead of guessing it: ${SCHEMA_KINDS.join(', ')}` },
    { flag: '--root', arg: ['NAME', 'NAME'], de: 'Wurzelelement, Clark-Name {ns}name oder lokaler Name (sonst das erste globale Element)', en: 'Root element, Clark name {ns}name or local name (else the first global element)' },
    { flag: '--paths', de: 'Pfade der Elemente und Attribute ausgeben, einen je Zeile', en: 'Print the paths of elements and attributes, one per line' },
    { flag: '--max-depth', arg: ['N', 'N'], de: 'Bis zu dieser Tiefe gehen (Wurzel = 1, Vorgabe 12)', en: 'Go down to this depth (root = 1, default 12)' },
    { flag: '--json', de: 'Den Baum als JSON ausgeben', en: 'Print the tree as JSON' },
  ],
};
const READABLE = /\.(xsd|json|xml)$/i;
/** Safety net for the summary count: deep schemas (FHIR) fan out into millions of nodes. */
const COUNT_LIMIT = 200_000;

function listXsdFs(path: string): string[] | undefined {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return undefined;
  }
  if (!isDir) return undefined;
  const out: string[] = [];
  for (const name of readdirSync(path).sort()) {
    const p = join(path, name);
    const sub = listXsdFs(p);
    if (sub) out.push(...sub);
    else if (READABLE.test(name)) out.push(p);
  }
  return out;
}

interface Args {
  inputs: string[];
  kind?: SchemaKind;
  root?: string;
  paths: boolean;
  json: boolean;
  maxDepth: number;
}

function parseArgs(argv: string[]): Args | string {
  const a: Args = { inputs: [], paths: false, json: false, maxDepth: 12 };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--paths') a.paths = true;
    else if (v === '--json') a.json = true;
    else if (v === '--kind') {
      const k = argv[++i] as SchemaKind;
      if (!SCHEMA_KINDS.includes(k)) return m(`Option --kind braucht eine von: ${SCHEMA_KINDS.join(', ')}.`, `Option --kind needs one of: ${SCHEMA_KINDS.join(', ')}.`);
      a.kind = k;
    } else if (v === '--root') {
      a.root = argv[++i];
      if (!a.root) return m('Option --root braucht einen Namen.', 'Option --root needs a name.');
    } else if (v === '--max-depth') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) return m('Option --max-depth braucht eine ganze Zahl ≥ 1.', 'Option --max-depth needs a whole number ≥ 1.');
      a.maxDepth = n;
    } else if (v.startsWith('--')) return m(`Unbekannte Option ${v}.`, `Unknown option ${v}.`);
    else a.inputs.push(v);
  }
  if (!a.inputs.length) return m('Keine Schemadatei angegeben.', 'No schema file given.');
  return a;
}

/** The root to show: --root as Clark or local name, else the first of `roots`. */
function pickRoot(roots: QName[], wanted: string | undefined, io: SchemaIo): QName | undefined {
  if (!wanted) return roots[0];
  const q = parseClark(wanted);
  const exact = roots.find((r) => clark(r) === clark(q));
  if (exact || wanted.startsWith('{')) return exact;
  const byLocal = roots.filter((r) => r.local === wanted);
  if (byLocal.length > 1) io.err(m(`Hinweis: „${wanted}“ gibt es in mehreren Namensräumen; verwendet wird ${clark(byLocal[0])}.`, `Note: "${wanted}" exists in several namespaces; using ${clark(byLocal[0])}.`));
  return byLocal[0];
}

// Depth-first walk to maxDepth (the root is depth 1); recursive nodes are shown but not expanded.
function walk(tree: SchemaTree, maxDepth: number, visit: (n: SchemaNode, depth: number) => boolean | void): void {
  const go = (n: SchemaNode, depth: number): boolean => {
    if (visit(n, depth) === false) return false;
    if (depth >= maxDepth || n.recursive || !n.hasChildren) return true;
    for (const c of tree.children(n)) if (!go(c, depth + 1)) return false;
    return true;
  };
  go(tree.root, 1);
}

type JsonNode = SchemaNode & { children?: JsonNode[] };

function toJson(tree: SchemaTree, n: SchemaNode, depth: number, maxDepth: number): JsonNode {
  if (depth >= maxDepth || n.recursive || !n.hasChildren) return { ...n };
  return { ...n, children: tree.children(n).map((c) => toJson(tree, c, depth + 1, maxDepth)) };
}

/** Runs `regelwerk schema`; returns the exit status (0 when the tree could be built). */
export async function schemaCommand(argv: string[], io: SchemaIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.out(formatHelp(SCHEMA_HELP));
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(args);
    io.err(usageLine(...USAGE));
    return 1;
  }
  const listXsd = io.listXsd ?? listXsdFs;
  const names: string[] = [];
  const listed = new Set<string>();
  for (const input of args.inputs) {
    const inDir = listXsd(input);
    for (const p of inDir ?? [input]) {
      if (names.includes(p)) continue;
      names.push(p);
      if (inDir) listed.add(p);
    }
  }
  let files: SchemaFile[] = [];
  for (const name of names) {
    try {
      files.push({ name, content: io.readFile(name) });
    } catch (e) {
      io.err(`${name}: ${m('Datei nicht lesbar', 'file not readable')} (${(e as Error).message})`);
      return 1;
    }
  }
  const kind = args.kind ?? guessKind(files);
  // Files found in folders count only when they have the kind's extension; named files always.
  const ext = extensionOf(kind);
  files = files.filter((f) => !listed.has(f.name) || ext.test(f.name));
  if (!files.length) {
    io.err(m(`Keine Dateien der Art ${kind} gefunden.`, `No files of kind ${kind} found.`));
    return 1;
  }
  const result = importSchemaSetUncached({ id: 'cli', name: 'cli', kind, files });
  for (const d of result.diagnostics) io.err(formatDiagnostic(d));
  const root = pickRoot(result.roots, args.root, io);
  const tree = root && result.tree(root);
  if (!tree) {
    io.err(args.root ? m(`Kein globales Element „${args.root}“ im Schema.`, `No global element "${args.root}" in the schema.`) : m('Das Schema deklariert kein globales Element.', 'The schema declares no global element.'));
    return 1;
  }
  if (args.json) {
    io.out(JSON.stringify(toJson(tree, tree.root, 1, args.maxDepth), null, 2));
  } else if (args.paths) {
    const lines: string[] = [];
    walk(tree, args.maxDepth, (n) => {
      if (n.kind === 'element' || n.kind === 'attribute') lines.push(n.path.slice(1));
    });
    io.out(lines.join('\n'));
  } else {
    let count = 0;
    let deepest = 0;
    walk(tree, args.maxDepth, (_n, depth) => {
      count++;
      deepest = Math.max(deepest, depth);
      return count < COUNT_LIMIT;
    });
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
    const infos = result.diagnostics.length - errors - warnings;
    const counted = count >= COUNT_LIMIT ? m(`≥ ${COUNT_LIMIT} (Zählung abgebrochen)`, `≥ ${COUNT_LIMIT} (count stopped)`) : count;
    const out = [
      m(`Dateien: ${files.length} (${kind})`, `Files: ${files.length} (${kind})`),
      m(`Globale Elemente (${result.roots.length}):`, `Global elements (${result.roots.length}):`),
      ...result.roots.map((r) => `  ${clark(r) === clark(root!) ? '*' : ' '} ${clark(r)}`),
      m(`Wurzel: ${clark(root!)}`, `Root: ${clark(root!)}`),
      m(`Knoten bis Tiefe ${args.maxDepth}: ${counted}`, `Nodes down to depth ${args.maxDepth}: ${counted}`),
      m(`Größte Tiefe: ${deepest}`, `Greatest depth: ${deepest}`),
      m(`Diagnosen: ${errors} Fehler, ${warnings} Warnungen, ${infos} Hinweise`, `Diagnostics: ${errors} errors, ${warnings} warnings, ${infos} notes`),
    ];
    io.out(out.join('\n'));
  }
  return 0;
}
