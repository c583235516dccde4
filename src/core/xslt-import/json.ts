/**
 * JSON rules (see src/core/schema/json/paths.ts, the JSON path contract). A JSON source is read as the
 * output of `json-to-xml()`: a variable or expression that calls it stands for the JSON document, and
 * steps `fn:string[@key='k']` are tree steps. A JSON target is built as `fn:map` / `fn:array` /
 * `fn:string` … elements with `key` attributes, collected in a variable and serialised with
 * `xml-to-json()`; an `fn:array` around the items of an array member is no tree node of its own.
 */
import { m } from '../i18n.ts';
import { FN, jsonStep, parseJsonStep, type JsonKind } from '../schema/json/paths.ts';
import { splitPath, type SchemaNode, type SchemaTree } from '../schema/types.ts';
import type { XmlElement, XmlNode } from '../xml/dom.ts';
import { a, isXsl, note, type ImportCtx } from './context.ts';
import type { XNode } from './xpath-ast.ts';
import { parseXPath } from './xpath-parser.ts';

const KINDS = new Set(['map', 'array', 'string', 'number', 'boolean', 'null']);


/** True for a call of fn:json-to-xml (unprefixed, fn:, or Q{…}). */
export function isJsonToXml(n: XNode | null | undefined, ns: (prefix: string) => string | undefined): boolean {
  if (!n || n.t !== 'call' || n.args.length < 1 || n.args.length > 2) return false;
  if (n.name === 'json-to-xml' || n.name === `Q{${FN}}json-to-xml`) return true;
  const i = n.name.indexOf(':');
  return i > 0 && n.name.slice(i + 1) === 'json-to-xml' && ns(n.name.slice(0, i)) === FN;
}

/** The key a predicate `@key = 'k'` (or `eq`, or a concatenation of literals and codepoints-to-string(n)) selects. */
export function keyOfPredicate(p: XNode): string | undefined {
  if (p.t !== 'bin' || (p.op !== '=' && p.op !== 'eq')) return undefined;
  const isKey = (x: XNode): boolean => {
    const st = x.t === 'path' && x.root === '' && x.steps.length === 1 ? x.steps[0] : x;
    return st.t === 'step' && st.axis === 'attribute' && st.test.kind === 'name' && st.test.local === 'key' && !st.test.prefix && st.test.uri === undefined && !st.preds.length;
  };
  const [attr, value] = isKey(p.l) ? [p.l, p.r] : isKey(p.r) ? [p.r, p.l] : [];
  return attr && value ? literalText(value) : undefined;
}

/** A string built only of literals: 'a', ('a' || 'b'), concat('a', 'b'), codepoints-to-string(47). */
function literalText(n: XNode): string | undefined {
  switch (n.t) {
    case 'str':
      return n.value;
    case 'paren':
      return n.expr ? literalText(n.expr) : undefined;
    case 'bin': {
      if (n.op !== '||') return undefined;
      const l = literalText(n.l);
      const r = literalText(n.r);
      return l !== undefined && r !== undefined ? l + r : undefined;
    }
    case 'call': {
      if (n.name === 'codepoints-to-string' && n.args.length === 1 && n.args[0]?.t === 'num' && /^\d+$/.test(n.args[0].raw)) return String.fromCodePoint(Number(n.args[0].raw));
      if (n.name !== 'concat') return undefined;
      const parts = n.args.map((x) => (x ? literalText(x) : undefined));
      return parts.every((x) => x !== undefined) ? parts.join('') : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The tree step under `path` for a member with `key` of any type (`*[@key='k']`), or for the items of an
 * array (`*` after the array step, key undefined). `path` may be an array member's step, which has no
 * node of its own (its items are the node).
 */
export function jsonMemberStep(tree: SchemaTree, path: string, key: string | undefined): string | undefined {
  const own = tree.find(path);
  const steps = splitPath(path);
  const parent = own ?? (steps.length > 1 ? tree.find('/' + steps.slice(0, -1).join('/')) : undefined);
  if (!parent) return undefined;
  for (const c of tree.children(parent)) {
    if (!c.path.startsWith(path + '/')) continue;
    const first = splitPath(c.path.slice(path.length))[0];
    const step = parseJsonStep(first);
    if (step && step.key === key) return first;
  }
  return undefined;
}

/** The `key` of a JSON-as-XML literal element, if it is a plain constant (braces doubled as in an AVT). */
export function literalKey(el: XmlElement): string | undefined | null {
  const k = el.attrs.find((x) => !x.ns && x.local === 'key');
  if (!k) return undefined;
  if (/\{(?!\{)|(?<!\})\}(?!\})/.test(k.value.replace(/\{\{|\}\}/g, ''))) return null;
  return k.value.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
}

/**
 * The tree child of `base` that a JSON literal element (kind, key) makes, inside an array wrapper with
 * step `arrayStep` when given; an element `fn:string` also makes a member of unknown type (the compiler
 * writes `{FN}*` members that way).
 */
export function jsonChild(tree: SchemaTree, base: SchemaNode | undefined, kind: string, key: string | undefined, arrayStep?: string): { node: SchemaNode; step: string } | undefined {
  if (!KINDS.has(kind)) return undefined;
  const steps = [jsonStep(kind as JsonKind, key)];
  if (kind === 'string') steps.push(jsonStep('*', key));
  for (const s of steps) {
    const step = arrayStep ? `${arrayStep}/${s}` : s;
    if (!base) {
      if (tree.root.path === `/${step}`) return { node: tree.root, step };
      continue;
    }
    const node = tree.children(base).find((c) => c.path === `${base.path}/${step}`);
    if (node) return { node, step };
  }
  return undefined;
}

/** True when `<fn:array key=…>` under `base` is the wrapper of an array member's items (no node of its own). */
export function isArrayWrapper(tree: SchemaTree, base: SchemaNode | undefined, key: string | undefined): boolean {
  if (!base || key === undefined) return false;
  const step = `${base.path}/${jsonStep('array', key)}`;
  return tree.children(base).some((c) => c.path.startsWith(step + '/'));
}

/**
 * The body of the entry template of a JSON target rule, read as the compiler writes it: the content of
 * the variable that `xml-to-json($v …)` serialises stands for the template body; the serialising
 * instruction goes (the compiled rule writes its own). Unchanged when that shape is not there.
 */
export function unwrapJsonResult(ctx: ImportCtx, body: XmlNode[]): XmlNode[] {
  const els = body.filter((n): n is XmlElement => n.type === 'element');
  for (const ser of els) {
    if (!(isXsl(ser, 'value-of') || isXsl(ser, 'sequence'))) continue;
    const r = parseXPath(a(ser, 'select') ?? '');
    if (!r.ok) continue;
    const call = r.node;
    if (call.t !== 'call' || !/^(fn:|Q\{[^}]*\})?xml-to-json$/.test(call.name) || !call.args[0] || call.args[0].t !== 'var') continue;
    const name = call.args[0].name;
    const v = els.find((e) => isXsl(e, 'variable') && a(e, 'name') === name && a(e, 'select') === undefined);
    if (!v || els.indexOf(v) > els.indexOf(ser)) continue;
    if (call.args.length !== 2 || !/^map\s*\{\s*'indent'\s*:\s*true\(\)\s*\}$/.test((a(ser, 'select') ?? '').slice(call.args[1]!.s, call.args[1]!.e))) {
      const msg = m("Die erzeugte Regel schreibt das JSON mit xml-to-json(…, map { 'indent': true() }) eingerückt.", "The generated rule writes the JSON indented, with xml-to-json(…, map { 'indent': true() }).");
      note(ctx, 'info', 'xslt-import.json-indent', msg, ser);
    }
    const out: XmlNode[] = [];
    for (const n of body) {
      if (n === ser) continue;
      if (n === v) out.push(...v.children);
      else out.push(n);
    }
    return out;
  }
  const msg = m(
    'Kein <xsl:value-of select="xml-to-json($…)"/> über einer Variablen mit dem JSON-Ergebnis gefunden; das JSON-Ziel wird wie XML eingelesen.',
    'No <xsl:value-of select="xml-to-json($…)"/> over a variable holding the JSON result found; the JSON target is read as if it were XML.',
  );
  note(ctx, 'warning', 'xslt-import.json-serialize', msg);
  return body;
}
