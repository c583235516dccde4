/**
 * Checks JSON messages (JSON targets' output, FIT-Connect samples): well-formedness with line and
 * column, then the structure against the message type's schema tree — required members missing,
 * members the tree does not know, values of the wrong JSON type, array item counts — and each value
 * against its node's facets (enumeration, pattern, lengths, range, multipleOf; json-facets.ts). A schema
 * pattern that does not compile is a warning, once per field and check.
 *
 * Findings carry the tree path of the node they are about (XPath over json-to-xml(), see
 * schema/json/paths.ts), so the mapper marks the target field as it does for XSD findings, and a
 * readable JSON location (`$.betrieb.name`) in the message. Trees inferred from samples only know the
 * samples they came from: there, missing members are not reported and wrong types are warnings (as in
 * checkAgainstTree for XML). Members the tree does not know are always warnings: a JSON Schema allows
 * them unless it says otherwise, and the tree does not keep `additionalProperties: false`.
 * Pure TypeScript; never throws.
 */
import type { MessageType, SchemaSet } from '../model/project.ts';
import { locate, readJson, type JsonFile } from '../schema/json/parse.ts';
import { jsonKindOf, jsonStep, parseJsonStep, type JsonKind } from '../schema/json/paths.ts';
import { splitPath, type SchemaNode, type SchemaTree } from '../schema/types.ts';
import { m } from '../i18n.ts';
import { facetProblems, patternWarnings } from './json-facets.ts';
import type { ValidationIssue, ValidationReport } from './validate.ts';

const MAX_ISSUES = 100;
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** True when the message type's schema set describes JSON (JSON Schema or JSON samples). */
export function isJsonMessageType(sets: readonly SchemaSet[], msg: MessageType | undefined): boolean {
  const kind = msg ? sets.find((s) => s.id === msg.schemaId)?.kind : undefined;
  return kind === 'json-schema' || kind === 'sample-json';
}

/** Why a JSON message is checked against its tree and not by XSD (the check's note). */
export function jsonNote(sets: readonly SchemaSet[], msg: MessageType | undefined): string {
  const set = msg ? sets.find((s) => s.id === msg.schemaId) : undefined;
  const name = set?.name ?? msg?.schemaId ?? '';
  return set?.kind === 'sample-json'
    ? m(`JSON, geprüft gegen die aus den Beispielen von „${name}“ abgeleitete Struktur (keine XSD-Prüfung).`, `JSON, checked against the structure inferred from the samples of "${name}" (no XSD validation).`)
    : m(`JSON, geprüft gegen die Struktur des JSON Schemas „${name}“: Pflichtfelder, Typen, erlaubte Werte (Aufzählung, const, Muster, Länge, Bereich, Vielfaches), unbekannte Schlüssel (keine XSD-Prüfung).`, `JSON, checked against the structure of the JSON Schema "${name}": required members, types, allowed values (enumeration, const, pattern, length, range, multipleOf), unknown keys (no XSD validation).`);
}

/** Well-formedness of a JSON text: a located finding, or the parsed file. */
export function parseJsonMessage(text: string): { file?: JsonFile; issue?: ValidationIssue } {
  const r = readJson('message.json', text);
  if (r.file) return { file: r.file };
  const loc = r.diagnostic?.location;
  const message = r.diagnostic?.message ?? m('Kein gültiges JSON.', 'Not valid JSON.');
  return { issue: { severity: 'error', message, line: loc?.line ?? 1, column: loc?.column ?? 1 } };
}

/** Well-formedness only (no tree to check against). Never throws. */
export function checkJsonWellFormed(text: string): ValidationReport {
  const t0 = now();
  const { issue } = parseJsonMessage(text);
  return { status: issue ? 'malformed' : 'valid', issues: issue ? [issue] : [], timeMs: now() - t0 };
}

type Seg = string | number;

function kindOf(v: unknown): Exclude<JsonKind, '*'> {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'object' ? 'map' : t === 'number' ? 'number' : t === 'boolean' ? 'boolean' : 'string';
}

/** `$.betrieb.taetigkeiten[0]["a b"]`: where a value is, as a reader of JSON writes it. */
export function jsonLocation(segs: readonly Seg[]): string {
  let s = '$';
  for (const x of segs) s += typeof x === 'number' ? `[${x}]` : /^[A-Za-z_$][\w$]*$/.test(x) ? `.${x}` : `[${JSON.stringify(x)}]`;
  return s;
}

/** `$.taetigkeiten[*].beschreibung`: the field a value belongs to, every array index as [*]. */
function fieldLocation(segs: readonly Seg[]): string {
  let s = '$';
  for (const x of segs) s += typeof x === 'number' ? '[*]' : jsonLocation([x]).slice(1);
  return s;
}

const KIND_DE: Record<string, string> = { map: 'Objekt', array: 'Array', string: 'Zeichenkette', number: 'Zahl', boolean: 'Wahrheitswert', null: 'null', integer: 'ganze Zahl' };
const KIND_EN: Record<string, string> = { map: 'object', array: 'array', string: 'string', number: 'number', boolean: 'boolean', null: 'null', integer: 'integer' };
const kindName = (k: string) => m(KIND_DE[k] ?? k, KIND_EN[k] ?? k);

/** A node's children sorted by role: members by key, the item node of an unkeyed array, and whether other keys are allowed. */
interface Kids {
  members: Map<string, { node: SchemaNode; array: boolean }>;
  item?: SchemaNode;
  open: boolean;
}

function kidsOf(tree: SchemaTree, node: SchemaNode): Kids {
  const kids: Kids = { members: new Map(), open: false };
  if (!node.hasChildren) return kids;
  for (const c of tree.children(node)) {
    if (c.kind === 'any') {
      kids.open = true;
      continue;
    }
    const steps = splitPath(c.path.slice(node.path.length));
    const first = steps[0] ? parseJsonStep(steps[0]) : undefined;
    if (!first) continue;
    if (first.key !== undefined) kids.members.set(first.key, { node: c, array: steps.length === 2 });
    else kids.item = c;
  }
  return kids;
}


/**
 * Checks a JSON text against a JSON schema tree (paths as in schema/json/paths.ts). `inferred`: the
 * tree comes from samples (see the module doc). Never throws.
 */
export function checkJsonAgainstTree(tree: SchemaTree, text: string, opts: { inferred?: boolean } = {}): ValidationReport {
  const t0 = now();
  const parsed = parseJsonMessage(text);
  if (!parsed.file) return { status: 'malformed', issues: [parsed.issue!], timeMs: now() - t0 };
  const file = parsed.file;
  const issues: ValidationIssue[] = [];
  /** Unusable patterns already reported in this check (json-facets patternWarnings). */
  const badPatterns = new Set<string>();
  const typeSeverity = opts.inferred ? 'warning' : 'error';
  const add = (severity: ValidationIssue['severity'], message: string, at: readonly Seg[], path: string) => {
    if (issues.length >= MAX_ISSUES) return;
    const loc = locate(file, at);
    issues.push({ severity, message, path, ...(loc.line ? { line: loc.line, column: loc.column } : {}) });
  };
  /** True when the value has the node's JSON type (null fits a nillable node); else reports it. */
  const typeFits = (node: SchemaNode, value: unknown, at: Seg[]): boolean => {
    const want = jsonKindOf(node);
    const got = kindOf(value);
    if (!want || want === '*' || want === got || (got === 'null' && node.nillable)) {
      if (got === 'number' && node.simple?.builtin === 'integer' && !Number.isInteger(value)) {
        add(typeSeverity, m(`${jsonLocation(at)}: ganze Zahl erwartet, gefunden ${String(value)}.`, `${jsonLocation(at)}: integer expected, found ${String(value)}.`), at, node.path);
      }
      return true;
    }
    add(typeSeverity, m(`${jsonLocation(at)}: ${kindName(want)} erwartet, gefunden ${kindName(got)}.`, `${jsonLocation(at)}: ${kindName(want)} expected, found ${kindName(got)}.`), at, node.path);
    return false;
  };
  /** Reports too few or too many items of a repeating node. */
  const countFits = (node: SchemaNode, n: number, at: Seg[]) => {
    if (!opts.inferred && n < node.minOccurs) add('error', m(`${jsonLocation(at)}: mindestens ${node.minOccurs} Einträge erwartet, gefunden ${n}.`, `${jsonLocation(at)}: at least ${node.minOccurs} items expected, found ${n}.`), at, node.path);
    if (node.maxOccurs !== null && n > node.maxOccurs) add(typeSeverity, m(`${jsonLocation(at)}: höchstens ${node.maxOccurs} Einträge erlaubt, gefunden ${n}.`, `${jsonLocation(at)}: at most ${node.maxOccurs} items allowed, found ${n}.`), at, node.path);
  };

  // Iterative: messages can be deeply nested.
  const stack: { node: SchemaNode; value: unknown; at: Seg[] }[] = [{ node: tree.root, value: file.value, at: [] }];
  while (stack.length && issues.length < MAX_ISSUES) {
    const { node, value, at } = stack.pop()!;
    if (!typeFits(node, value, at)) continue;
    if (value === null || typeof value !== 'object') {
      if (node.simple && value !== null) {
        for (const msg of facetProblems(node.simple, value, jsonLocation(at))) add(typeSeverity, msg, at, node.path);
        for (const msg of patternWarnings(node.simple, value, node.path, fieldLocation(at), badPatterns)) add('warning', msg, at, node.path);
      }
      continue;
    }
    const kids = kidsOf(tree, node);
    if (Array.isArray(value)) {
      if (kids.item) value.forEach((v, i) => stack.push({ node: kids.item!, value: v, at: [...at, i] }));
      continue;
    }
    const obj = value as Record<string, unknown>;
    for (const [key, { node: child, array }] of kids.members) {
      if (!Object.hasOwn(obj, key)) {
        if (!opts.inferred && child.minOccurs > 0) {
          add('error', m(`${jsonLocation(at)}: Pflichtfeld „${key}“ fehlt.`, `${jsonLocation(at)}: required member "${key}" is missing.`), at, child.path);
        }
        continue;
      }
      const v = obj[key];
      const where = [...at, key];
      if (!array) {
        stack.push({ node: child, value: v, at: where });
        continue;
      }
      // An array member is one repeating node for its items (paths.ts).
      if (!Array.isArray(v)) {
        if (v === null && child.nillable) continue;
        add(typeSeverity, m(`${jsonLocation(where)}: Array erwartet, gefunden ${kindName(kindOf(v))}.`, `${jsonLocation(where)}: array expected, found ${kindName(kindOf(v))}.`), where, child.path);
        continue;
      }
      countFits(child, v.length, where);
      v.forEach((item, i) => stack.push({ node: child, value: item, at: [...where, i] }));
    }
    if (kids.open) continue;
    for (const key of Object.keys(obj)) {
      if (kids.members.has(key)) continue;
      const where = [...at, key];
      add('warning', m(`${jsonLocation(where)}: Schlüssel „${key}“ ist im Schema nicht vorgesehen.`, `${jsonLocation(where)}: key "${key}" is not in the schema.`), where, `${node.path}/${jsonStep(kindOf(obj[key]), key)}`);
    }
  }
  // Findings in document order read best.
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { status: issues.length ? 'invalid' : 'valid', issues, timeMs: now() - t0 };
}
