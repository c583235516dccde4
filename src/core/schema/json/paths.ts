/**
 * How JSON structures become schema-tree paths. The compiler relies on this, so it is the contract:
 *
 * A JSON message is read in XSLT 3.0 as the output of `json-to-xml()`: elements of the XPath 3.1
 * JSON vocabulary in the namespace `http://www.w3.org/2005/xpath-functions` (FN below) — `map`,
 * `array`, `string`, `number`, `boolean`, `null` — with the member name in a `key` attribute.
 * Tree paths use exactly those elements, so a path is already the XPath over that document:
 *
 *  - the root step is the value's element: `/{FN}map` (an object), `/{FN}array` …;
 *  - an object member is one step `{FN}<type>[@key='<key>']`, e.g.
 *    `/{FN}map/{FN}map[@key='G17003529']/{FN}string[@key='F17005454']`; the predicate is part of the
 *    step's local name, so `parseClark(step)` gives `{ns: FN, local: "string[@key='F17005454']"}` and
 *    the compiler's ordinary `prefix:local` output (`fn:string[@key='F17005454']`) is valid XPath;
 *  - a key containing `'` has it doubled; a key containing `/`, `{` or `}` (which would break path
 *    splitting) is written as a concatenation with `codepoints-to-string(47|123|125)`;
 *  - an array member is collapsed into ONE repeating node for its items (the way XSD users see a
 *    repeating element): its path has two steps, `{FN}array[@key='k']/{FN}<item type>`, its
 *    maxOccurs is maxItems (null = unbounded) and its minOccurs is minItems when the member is
 *    required, else 0. So a loop over the node iterates the array's items. The array element itself
 *    has no node of its own; `find()` of that intermediate path returns undefined;
 *  - items of an unkeyed array (the root array, an array of arrays) are one unkeyed repeating step
 *    `{FN}<item type>`;
 *  - when the JSON type is unknown or varies (no `type`, `["string","number"]`), the step is
 *    `{FN}*[@key='k']` (unkeyed: `{FN}*`); `null` alongside one other type does not count (the
 *    node is `nillable`); additionalProperties / patternProperties become a node of kind 'any'
 *    with the step `{FN}*`.
 *
 * For display, a node's `name` is `{ns: '', local: <key>}` (items of unkeyed arrays: `[]`), its
 * `label` the schema's `title`, and `typeName` the name of the `$ref`'d definition if any. For a JSON
 * target the compiler writes `<fn:string key="…">` … from these steps and serialises them with
 * `xml-to-json()`; the XSLT importer reads both directions back onto these paths.
 */
import { parseClark, type SchemaNode, type SchemaTree } from '../types.ts';

/** The XPath 3.1 JSON-as-XML namespace (`json-to-xml()` output). */
export const FN = 'http://www.w3.org/2005/xpath-functions';

/** True when the tree addresses json-to-xml() output (its root step is in the FN namespace): a JSON message. */
export function isJsonTree(tree: SchemaTree | undefined): boolean {
  return !!tree?.root.path.startsWith(`/{${FN}}`);
}

/** The element names json-to-xml() uses, plus '*' for "any of them". */
export type JsonKind = 'map' | 'array' | 'string' | 'number' | 'boolean' | 'null' | '*';

/** A schema node that may carry a human label (JSON Schema `title`, FIM field name). */
export type LabelledNode = SchemaNode & { label?: string };

/** The display label of a node, when its importer gave one. */
export function labelOf(n: SchemaNode): string | undefined {
  return (n as LabelledNode).label;
}

/** The `[@key=…]` predicate for a member key, safe inside a Clark path step (see module doc). */
export function keyPredicate(key: string): string {
  if (!/[/{}]/.test(key)) return `[@key='${key.replace(/'/g, "''")}']`;
  const parts: string[] = [];
  let lit = '';
  for (const ch of key) {
    const cp = ch === '/' ? 47 : ch === '{' ? 123 : ch === '}' ? 125 : 0;
    if (!cp) {
      lit += ch === "'" ? "''" : ch;
      continue;
    }
    if (lit) parts.push(`'${lit}'`);
    lit = '';
    parts.push(`codepoints-to-string(${cp})`);
  }
  if (lit) parts.push(`'${lit}'`);
  return `[@key=(${parts.join(' || ')})]`;
}

/** One path step: `{FN}kind` or `{FN}kind[@key='…']`. */
export function jsonStep(kind: JsonKind, key?: string): string {
  return `{${FN}}${kind}${key === undefined ? '' : keyPredicate(key)}`;
}

/** Reads a step back: its JSON kind and, for members, the key (undefined for non-JSON steps). */
export function parseJsonStep(step: string): { kind: JsonKind; key?: string } | undefined {
  const q = parseClark(step);
  if (q.ns !== FN) return undefined;
  const m = /^(map|array|string|number|boolean|null|\*)(?:\[@key=(.*)\])?$/.exec(q.local);
  if (!m) return undefined;
  const kind = m[1] as JsonKind;
  if (m[2] === undefined) return { kind };
  return { kind, key: decodeKeyExpr(m[2]) };
}

function decodeKeyExpr(expr: string): string {
  const body = expr.startsWith('(') ? expr.slice(1, -1) : expr;
  let out = '';
  const re = /'((?:[^']|'')*)'|codepoints-to-string\((\d+)\)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out += m[1] !== undefined ? m[1].replace(/''/g, "'") : String.fromCodePoint(Number(m[2]));
  return out;
}

/** The JSON kind of a node, read from the last step of its path (undefined for XML trees). */
export function jsonKindOf(n: SchemaNode): JsonKind | undefined {
  const i = n.path.lastIndexOf(`{${FN}}`);
  return i < 0 ? undefined : parseJsonStep(n.path.slice(i))?.kind;
}
