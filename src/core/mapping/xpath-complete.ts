/**
 * Completion for the XPath escape hatch: given the text, the cursor and the rule's scope (source tree, loop
 * contexts, parameters …), which suggestions apply and which part of the text they replace.
 * - after `/` (or `//`, `@`): the child (descendant, attribute) steps of the nodes the path typed so far
 *   reaches: absolute from the document, relative from the innermost loop item (or a predicate's node);
 * - after `$`: parameters, variables and value maps of the flow, the items of the outer loops in scope
 *   (`$loop1` …, the variables the compiler binds them to) and, for a JSON source, `$json`; after
 *   `$loop1/` or `$json/` the steps below that node;
 * - elsewhere: fn: functions, keywords, variables and the steps relative to the context.
 * Steps are written the way the compiler writes source paths (compile.ts, sourceXPath): prefixes from the
 * flow's namespaces, `instance_1` for a non-repeating Amt24 group, `*[starts-with(local-name(), 'instance_')]`
 * for a repeating one; a JSON source from `$json` in the json-to-xml() vocabulary (`fn:map[@key='k']`,
 * an array member as `fn:array[@key='k']` then its items `fn:map`). Pure: no Monaco, no DOM; the editor
 * only adapts the result.
 */
import { FN, isJsonTree, labelOf, parseJsonStep } from '../schema/json/paths.ts';
import { isWildcardStep, parseClark, splitPath, type QName, type SchemaNode } from '../schema/types.ts';
import { XPATH_FUNCTIONS, xpathSignature } from './xpath-functions.ts';
import { loopVarName, type XPathScope } from './xpath-scope.ts';

export type CompletionKind = 'element' | 'attribute' | 'function' | 'variable' | 'keyword';

export interface XPathCompletion {
  /** What the list shows and filters on. */
  label: string;
  kind: CompletionKind;
  insertText: string;
  /** Where the cursor goes inside insertText (default: at its end), e.g. between a function's parentheses. */
  caret?: number;
  /** One line next to the label: a signature, a type and cardinality. */
  detail?: string;
  documentation?: string;
  /** Orders groups of suggestions: steps, then variables, functions, keywords. */
  sortText: string;
  /** What typing filters on when it is not the label (e.g. `/fn:map` for `$json/fn:map` replacing a typed `/`). */
  filterText?: string;
}

export interface XPathCompletions {
  /** The replaced range of the text [from, to): the partly typed word before the cursor. */
  from: number;
  to: number;
  items: XPathCompletion[];
}

const RESERVED = new Set(['xsl', 'xs', 'fn', 'map', 'array', 'math', 'xml', 'xmlns', 'err']);
const KEYWORDS = ['and', 'or', 'div', 'idiv', 'mod', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'if', 'then', 'else', 'for', 'let', 'return', 'some', 'every', 'satisfies', 'in', 'to', 'instance of', 'cast as', 'castable as', 'treat as', 'union', 'intersect', 'except'];
/** Descendant suggestions after `//` stop here: schemas like xdomea have thousands of nodes. */
const MAX_DESCENDANTS = 400;

/** The document node above the root element (a pseudo node: the tree has none). */
const DOC: SchemaNode = { path: '', kind: 'element', name: { ns: '', local: '' }, minOccurs: 1, maxOccurs: 1, hasChildren: true };

interface Lexed {
  /** True when the offset is inside a string literal or a comment. */
  inLiteral: boolean;
  /** Unclosed brackets before the offset: the character and its position. */
  open: { ch: string; at: number }[];
}

/** Scans the text up to `offset` for string literals, comments `(: :)` and brackets. */
function lex(text: string, offset: number): Lexed {
  const open: { ch: string; at: number }[] = [];
  let i = 0;
  while (i < offset) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      for (;;) {
        const k = text.indexOf(c, j);
        if (k < 0 || k >= offset) return { inLiteral: true, open };
        if (text[k + 1] === c) j = k + 2; // doubled quote escapes itself
        else {
          i = k + 1;
          break;
        }
      }
      continue;
    }
    if (c === '(' && text[i + 1] === ':') {
      let depth = 1;
      let j = i + 2;
      while (j < text.length && depth > 0) {
        if (text.startsWith('(:', j)) (depth++, (j += 2));
        else if (text.startsWith(':)', j)) (depth--, (j += 2));
        else j++;
      }
      if (depth > 0 || j > offset) return { inLiteral: true, open };
      i = j;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') open.push({ ch: c, at: i });
    else if (c === ')' || c === ']' || c === '}') open.pop();
    i++;
  }
  return { inLiteral: false, open };
}

const NAME_CH = /[\p{L}\p{N}_.\-:*@$]/u;

/**
 * The start of the path expression that ends at `end` (exclusive): steps, slashes, predicates and a
 * leading `current()` / `$var`, scanned backwards; stops at whitespace, operators, commas.
 */
function pathStart(text: string, end: number): number {
  let i = end;
  while (i > 0) {
    const c = text[i - 1];
    if (c === '/' || NAME_CH.test(c)) {
      i--;
      continue;
    }
    if (c === ']' || c === ')' || c === '}') {
      const close = c;
      const openCh = close === ']' ? '[' : close === ')' ? '(' : '{';
      let depth = 0;
      let j = i - 1;
      for (; j >= 0; j--) {
        if (text[j] === close) depth++;
        else if (text[j] === openCh && --depth === 0) break;
      }
      if (j < 0) return i;
      // A parenthesised group counts only as a function call (current(), root()), not as (a|b).
      if (close === ')' && !(j > 0 && /[\p{L}\p{N}_-]/u.test(text[j - 1]))) return i;
      i = j;
      continue;
    }
    break;
  }
  return i;
}

/** Splits a path at top-level slashes; '//' leaves an empty step. */
function splitSteps(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let quote = '';
  for (const c of path) {
    if (quote) {
      if (c === quote) quote = '';
      cur += c;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(' || c === '{') depth++;
    else if (c === ']' || c === ')' || c === '}') depth--;
    if (c === '/' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** The prefix the flow declares for a namespace (the compiler's choice: the first one not reserved). */
function prefixOf(scope: XPathScope, uri: string): string | undefined {
  for (const [p, u] of Object.entries(scope.namespaces)) if (u === uri && !RESERVED.has(p)) return p;
  return undefined;
}

/** True when the source is JSON, read through json-to-xml() into `$json` (compile.ts). */
function isJson(scope: XPathScope): boolean {
  return isJsonTree(scope.source);
}

/** The variable holding a JSON source's json-to-xml() tree (compile.ts, JSON_VAR). */
const JSON_VAR = '$json';

/** The prefix the compiler writes for the JSON vocabulary: the flow's own for it, else `fn` (declared then). */
function fnPrefix(scope: XPathScope): string {
  return prefixOf(scope, FN) ?? 'fn';
}

/** A name as XPath: `prefix:local`, `fn:local` (JSON source) or `*:local` (XML source) for the JSON vocabulary, `Q{uri}local` when no prefix is declared. */
function qnameText(scope: XPathScope, q: QName): string {
  if (!q.ns) return q.local;
  const p = prefixOf(scope, q.ns);
  if (p) return `${p}:${q.local}`;
  if (q.ns === FN) return `${isJson(scope) ? 'fn' : '*'}:${q.local}`;
  return `Q{${q.ns}}${q.local}`;
}

/** The XPath step that selects a schema node, as the compiler writes it. */
export function stepText(scope: XPathScope, node: SchemaNode): string {
  const last = splitPath(node.path).at(-1) ?? '';
  // A JSON node's name is its key (for display); its step is json-to-xml's element with the key predicate.
  if (isJson(scope) && !last.startsWith('@') && parseClark(last).ns === FN) return `${fnPrefix(scope)}:${parseClark(last).local}`;
  if (node.kind === 'attribute') return '@' + qnameText(scope, node.name);
  const local = node.name.local;
  if (isWildcardStep(local)) {
    const stem = local.slice(0, -1);
    // A group that never repeats has only its first instance (compile.ts names it the same way).
    if (node.maxOccurs === 1 && stem === 'instance_') return qnameText(scope, { ns: node.name.ns, local: 'instance_1' });
    const p = node.name.ns ? (prefixOf(scope, node.name.ns) ?? '*') : '';
    return `${p ? p + ':' : ''}*[starts-with(local-name(), '${stem.replace(/'/g, "''")}')]`;
  }
  return qnameText(scope, node.name);
}

/** The local part of a node's path step (JSON steps carry their `[@key=…]` predicate in it). */
function stepLocal(node: SchemaNode): string {
  const last = splitPath(node.path).at(-1) ?? '';
  return parseClark(last.startsWith('@') ? last.slice(1) : last).local;
}

interface NameTest {
  ns?: string; // undefined: any namespace
  local?: string; // undefined: any name
  pred: string; // the predicates typed with the step
}

/** Reads a typed step like `gm:Name`, `*:x`, `Q{u}x`, `instance_2`, `*[…]` into a name test; undefined when unknown prefix. */
function nameTest(scope: XPathScope, raw: string): NameTest | undefined {
  const b = raw.indexOf('[');
  const name = b < 0 ? raw : raw.slice(0, b);
  const pred = b < 0 ? '' : raw.slice(b);
  if (name === '*') return { pred };
  const eq = /^Q\{([^}]*)\}(.+)$/.exec(name);
  if (eq) return { ns: eq[1], local: eq[2] === '*' ? undefined : eq[2], pred };
  const colon = name.indexOf(':');
  if (colon < 0) return { ns: '', local: name, pred };
  const prefix = name.slice(0, colon);
  const local = name.slice(colon + 1);
  // The compiler never uses a reserved prefix of the flow; `fn` is the JSON vocabulary's (see fnPrefix).
  const ns = prefix === '*' ? undefined : prefix === 'fn' && isJson(scope) ? FN : scope.namespaces[prefix];
  if (prefix !== '*' && ns === undefined) return undefined;
  return { ns, local: local === '*' ? undefined : local, pred };
}

function matches(node: SchemaNode, t: NameTest): boolean {
  // The step's namespace, not the name's: a JSON node is named by its key, its step is in the fn: namespace.
  const last = splitPath(node.path).at(-1) ?? '';
  if (t.ns !== undefined && parseClark(last.startsWith('@') ? last.slice(1) : last).ns !== t.ns) return false;
  if (t.local === undefined) return true;
  const local = stepLocal(node);
  const bracket = local.indexOf('[');
  if (bracket >= 0) {
    // JSON member: `string[@key='x']`; a typed key predicate must agree, no predicate matches every member.
    if (local.slice(0, bracket) !== t.local) return false;
    return !t.pred.startsWith("[@key=") || t.pred.startsWith(local.slice(bracket));
  }
  if (isWildcardStep(local)) return t.local.startsWith(local.slice(0, -1));
  return local === t.local;
}

/**
 * The `fn:array[@key='k']` element of a JSON array member: the tree has no node for it (its items are one
 * node two steps below the object, see schema/json/paths.ts), but XPath steps through it. Maps the
 * stand-in node made for it to the object node it belongs to.
 */
const arrayParents = new WeakMap<SchemaNode, SchemaNode>();

function arrayNode(parent: SchemaNode, path: string, item: SchemaNode): SchemaNode {
  const key = parseJsonStep(splitPath(path).at(-1) ?? '')?.key ?? '';
  const node: SchemaNode = { path, kind: 'element', name: { ns: '', local: key }, minOccurs: item.minOccurs > 0 ? 1 : 0, maxOccurs: 1, hasChildren: true, typeName: { ns: '', local: 'array' } };
  arrayParents.set(node, parent);
  return node;
}

/** The child nodes one XPath step below `n` (JSON array members through their array element). */
function children(scope: XPathScope, n: SchemaNode): SchemaNode[] {
  const src = scope.source;
  if (!src) return [];
  if (n === DOC) return [src.root];
  const parent = arrayParents.get(n);
  if (parent) return src.children(parent).filter((k) => k.path.startsWith(n.path + '/'));
  const kids = n.hasChildren ? src.children(n) : [];
  if (!isJson(scope)) return kids;
  const depth = splitPath(n.path).length;
  const out: SchemaNode[] = [];
  const arrays = new Set<string>();
  for (const k of kids) {
    const steps = splitPath(k.path);
    if (steps.length === depth + 1) out.push(k);
    else if (steps.length === depth + 2) {
      const path = '/' + steps.slice(0, -1).join('/');
      if (!arrays.has(path)) (arrays.add(path), out.push(arrayNode(n, path, k)));
    }
  }
  return out;
}

/** The node at a tree path, or the stand-in of a JSON array element there. */
function nodeAt(scope: XPathScope, path: string): SchemaNode | undefined {
  const src = scope.source;
  const real = src?.find(path);
  if (real || !src || !isJson(scope)) return real;
  const steps = splitPath(path);
  const parent = src.find('/' + steps.slice(0, -1).join('/'));
  return parent ? children(scope, parent).find((k) => k.path === path) : undefined;
}

function parentOf(scope: XPathScope, n: SchemaNode): SchemaNode | undefined {
  if (n === DOC || !scope.source) return undefined;
  const steps = splitPath(n.path);
  if (steps.length <= 1) return DOC;
  return nodeAt(scope, '/' + steps.slice(0, -1).join('/'));
}

function descendants(scope: XPathScope, from: SchemaNode[]): SchemaNode[] {
  const out: SchemaNode[] = [];
  const queue = [...from];
  const seen = new Set<string>();
  while (queue.length && out.length < MAX_DESCENDANTS) {
    const n = queue.shift()!;
    for (const k of children(scope, n)) {
      if (seen.has(k.path)) continue;
      seen.add(k.path);
      out.push(k);
      if (k.kind === 'element' && !k.recursive) queue.push(k);
    }
  }
  return out;
}

/** The context node of the rule: the innermost loop item, else the document. */
function contextNode(scope: XPathScope): SchemaNode | undefined {
  const c = scope.contexts.at(-1);
  if (c === undefined) return DOC;
  return nodeAt(scope, c);
}

/** Source paths of the outer loops whose items an expression reads through `$loop1` … (the innermost is `.`). */
function outerLoops(scope: XPathScope): string[] {
  return scope.contexts.slice(0, -1);
}

/** The node a leading variable stands for: an outer loop's item, or the document of a JSON source's `$json`. */
function variableNode(scope: XPathScope, name: string): SchemaNode | undefined {
  if (name === JSON_VAR) return isJson(scope) ? DOC : undefined;
  const d = outerLoops(scope).findIndex((_, i) => `$${loopVarName(i)}` === name);
  return d >= 0 ? nodeAt(scope, scope.contexts[d]) : undefined;
}

/** A tree path as a reader of XPath knows it: the flow's prefixes, `fn:` steps from `$json` for a JSON source. */
function displayPath(scope: XPathScope, path: string): string {
  const steps = splitPath(path).map((st) => {
    const attr = st.startsWith('@');
    const q = parseClark(attr ? st.slice(1) : st);
    const p = !q.ns ? '' : q.ns === FN && isJson(scope) ? fnPrefix(scope) : (prefixOf(scope, q.ns) ?? `Q{${q.ns}}`);
    return `${attr ? '@' : ''}${p && !p.startsWith('Q{') ? p + ':' : p}${q.local}`;
  });
  return (isJson(scope) ? `${JSON_VAR}/` : '/') + steps.join('/');
}

/**
 * The nodes a typed path expression reaches (undefined: not a path we can follow).
 * `base` is the context node for a relative path.
 */
function resolvePath(scope: XPathScope, path: string, base: SchemaNode | undefined): SchemaNode[] | undefined {
  const steps = splitSteps(path);
  let cur: SchemaNode[];
  let i = 0;
  if (steps[0] === '') {
    // Absolute: from the document. A JSON source's document is the wrapper, its tree is under $json.
    if (isJson(scope)) return undefined;
    cur = [DOC];
    i = 1;
  } else {
    const first = steps[0];
    if (first === 'current()' || first === '.') {
      if (first === 'current()' && !scope.contexts.length) return undefined;
      cur = base && first === '.' ? [base] : [contextNode(scope)].filter((n): n is SchemaNode => !!n);
      i = 1;
    } else if (first.startsWith('$')) {
      const v = variableNode(scope, first);
      if (!v) return undefined;
      cur = [v];
      i = 1;
    } else if (first.endsWith(')')) return undefined;
    else cur = base ? [base] : [];
  }
  for (; i < steps.length; i++) {
    let s = steps[i];
    if (s === '') {
      // '//' (descendant-or-self) unless it is the trailing empty step after the last '/'.
      if (i < steps.length - 1) cur = [...cur, ...descendants(scope, cur)];
      continue;
    }
    if (s === '.' || s === 'self::node()') continue;
    if (s === '..' || s === 'parent::node()') {
      cur = cur.map((n) => parentOf(scope, n)).filter((n): n is SchemaNode => !!n);
      continue;
    }
    let attr = false;
    if (s.startsWith('@')) (attr = true), (s = s.slice(1));
    else if (s.startsWith('attribute::')) (attr = true), (s = s.slice(11));
    else if (s.startsWith('child::')) s = s.slice(7);
    else if (/^[\w-]+::/.test(s)) return undefined; // other axes: not followed
    const t = nameTest(scope, s);
    if (!t) return undefined;
    const next = new Map<string, SchemaNode>();
    for (const n of cur) for (const k of children(scope, n)) if ((k.kind === 'attribute') === attr && k.kind !== 'any' && k.kind !== 'anyAttribute' && matches(k, t)) next.set(k.path, k);
    cur = [...next.values()];
    if (!cur.length) return cur;
  }
  return cur;
}

function nodeDetail(n: SchemaNode): string {
  const type = n.simple?.builtin ?? (n.typeName ? n.typeName.local : n.hasChildren ? 'element' : '');
  const label = labelOf(n); // a JSON Schema title or FIM field name says what the key means
  return `${type}${type ? ' · ' : ''}${n.minOccurs}..${n.maxOccurs ?? 'n'}${label ? ` · ${label}` : ''}`;
}

/** `prefix` in front of each step (`$json/` where a JSON source's absolute path starts). */
function prefixed(items: XPathCompletion[], prefix: string, filterPrefix?: string): XPathCompletion[] {
  return items.map((it) => ({ ...it, label: prefix + it.label, insertText: prefix + it.insertText, filterText: filterPrefix === undefined ? undefined : filterPrefix + it.label }));
}

function stepItems(scope: XPathScope, nodes: SchemaNode[], onlyAttributes: boolean): XPathCompletion[] {
  const seen = new Set<string>();
  const out: XPathCompletion[] = [];
  nodes.forEach((n) => {
    if (n.kind === 'any' || n.kind === 'anyAttribute') return;
    if (onlyAttributes && n.kind !== 'attribute') return;
    const text = stepText(scope, n);
    if (seen.has(text)) return;
    seen.add(text);
    out.push({
      label: text,
      kind: n.kind === 'attribute' ? 'attribute' : 'element',
      insertText: text,
      detail: nodeDetail(n),
      documentation: n.documentation,
      sortText: `0${String(out.length).padStart(4, '0')}`,
    });
  });
  return out;
}

function variableItems(scope: XPathScope, lang: 'de' | 'en'): XPathCompletion[] {
  const de = lang === 'de';
  const loops: XPathCompletion[] = outerLoops(scope).map((path, d) => {
    const name = `$${loopVarName(d)}`;
    const where = displayPath(scope, path);
    return {
      label: name,
      kind: 'variable',
      insertText: name,
      detail: `${de ? 'Schleife' : 'loop'} ${d + 1}: ${where}`,
      documentation: de
        ? `Das aktuelle Element der äußeren Schleife ${d + 1} über ${where}; seine Felder mit ${name}/…`
        : `The current item of outer loop ${d + 1} over ${where}; its fields with ${name}/…`,
      sortText: '05',
    };
  });
  // A loop item shadows a flow variable of the same name in the compiled rule.
  const shadowed = new Set(loops.map((l) => l.label.slice(1)));
  const json: XPathCompletion[] = isJson(scope)
    ? [{ label: JSON_VAR, kind: 'variable', insertText: JSON_VAR, detail: de ? 'JSON-Eingabe (json-to-xml)' : 'JSON input (json-to-xml)', documentation: de ? `Die JSON-Nachricht als XML: ${JSON_VAR}/${fnPrefix(scope)}:map/…` : `The JSON message as XML: ${JSON_VAR}/${fnPrefix(scope)}:map/…`, sortText: '06' }]
    : [];
  return [
    ...loops,
    ...json,
    ...scope.parameters.map((p) => ({ label: `$${p.name}`, kind: 'variable' as const, insertText: `$${p.name}`, detail: `${de ? 'Parameter' : 'parameter'}${p.type ? ` (${p.type})` : ''}`, documentation: p.documentation, sortText: '1' })),
    ...scope.variables.filter((v) => !shadowed.has(v.name)).map((v) => ({ label: `$${v.name}`, kind: 'variable' as const, insertText: `$${v.name}`, detail: de ? 'Variable' : 'variable', documentation: v.documentation, sortText: '1' })),
    ...scope.valueMaps.map((m) => ({
      label: `$vm-${m.id}`,
      kind: 'variable' as const,
      insertText: `$vm-${m.id}()`,
      caret: `$vm-${m.id}(`.length,
      detail: `${de ? 'Wertetabelle' : 'value map'} ${m.name}`,
      documentation: de ? `Nachschlagen: $vm-${m.id}(string(Wert)) gibt den Zielwert oder ().` : `Look up: $vm-${m.id}(string(value)) gives the target value or ().`,
      sortText: '1',
    })),
  ];
}

function functionItems(scope: XPathScope, lang: 'de' | 'en'): XPathCompletion[] {
  const out: XPathCompletion[] = [];
  for (const f of XPATH_FUNCTIONS.values()) {
    if (f.scope === 'regex' || (f.scope === 'loop' && !scope.contexts.length) || (f.scope === 'group' && !scope.grouping)) continue;
    const text = `${f.name}()`;
    out.push({ label: f.name, kind: 'function', insertText: text, caret: f.maxArgs > 0 ? text.length - 1 : text.length, detail: xpathSignature(f), documentation: f.doc[lang], sortText: f.scope ? '15' : '2' });
  }
  return out;
}

function startsWithCI(label: string, prefix: string): boolean {
  return label.toLowerCase().startsWith(prefix.toLowerCase());
}

/** True when `typed` starts the member key of a JSON step label (`fn:string[@key='F1700…']`). */
function matchesKey(label: string, typed: string): boolean {
  const m = /\[@key='([^']*)/.exec(label);
  return !!m && !!typed && startsWithCI(m[1], typed);
}

/** The name part of a label (`gm:Name` → `Name`, `Q{u}Name` → `Name`, `@x` → `x`), for matching what was typed. */
function localPart(label: string): string {
  const l = label.replace(/^[@$]/, '');
  return l.slice(Math.max(l.lastIndexOf('}'), l.lastIndexOf(':')) + 1);
}

/** Suggestions at `offset` of `text` for a rule with the given scope. */
export function completeXPath(text: string, offset: number, scope: XPathScope, lang: 'de' | 'en' = 'de'): XPathCompletions {
  const none = { from: offset, to: offset, items: [] };
  const lx = lex(text, offset);
  if (lx.inLiteral) return none;
  const word = /[@$]?[\p{L}\p{N}_.\-:*]*$/u.exec(text.slice(0, offset))?.[0] ?? '';
  const wordStart = offset - word.length;
  // A word like `child::na` completes after its axis.
  const axis = word.lastIndexOf('::');
  const typed = axis >= 0 ? word.slice(axis + 2) : word;
  const from = axis >= 0 ? wordStart + axis + 2 : wordStart;
  const keep = (items: XPathCompletion[]): XPathCompletions => ({
    from,
    to: offset,
    items: typed ? items.filter((it) => startsWithCI(it.label, typed) || startsWithCI(it.insertText, typed) || startsWithCI(localPart(it.label), typed.replace(/^[@$]/, '')) || matchesKey(it.label, typed)) : items,
  });

  if (typed.startsWith('$')) return keep(variableItems(scope, lang));

  const attrOnly = typed.startsWith('@') || word.startsWith('attribute::');
  const before = text.slice(0, wordStart);
  // The node a surrounding predicate filters is the context of relative paths inside it.
  const pred = [...lx.open].reverse().find((o) => o.ch === '[');
  if (before.endsWith('/')) {
    // A path step: resolve what the path before the slash reaches, offer its children.
    const start = pathStart(text, wordStart);
    const path = text.slice(start, wordStart);
    const base = pred && pred.at < start ? resolveBefore(scope, text, pred.at) : contextNode(scope);
    const descendant = before.endsWith('//');
    if (isJson(scope) && (path === '/' || path === '//')) {
      // An absolute path of a JSON source starts at $json (the document is the wrapper of the JSON text).
      const typedOnly = keep(stepItems(scope, descendant ? descendants(scope, [DOC]) : children(scope, DOC), attrOnly)).items;
      return { from: start, to: offset, items: prefixed(typedOnly, `${JSON_VAR}${path}`, path) };
    }
    const reached = resolvePath(scope, descendant ? path.slice(0, -1) : path, base);
    if (!reached) return none;
    const cands = descendant ? descendants(scope, reached) : reached.flatMap((n) => children(scope, n));
    return keep(stepItems(scope, cands, attrOnly));
  }

  // An expression position: steps relative to the context, variables, functions and keywords.
  const ctx = pred ? resolveBefore(scope, text, pred.at) : contextNode(scope);
  const own = ctx ? stepItems(scope, children(scope, ctx), attrOnly) : [];
  // The document of a JSON source is the wrapper: its tree is read from $json.
  const steps = ctx === DOC && isJson(scope) ? prefixed(own, `${JSON_VAR}/`) : own;
  if (attrOnly) return keep(steps);
  const keywords: XPathCompletion[] = KEYWORDS.map((k) => ({ label: k, kind: 'keyword', insertText: k, sortText: '3' }));
  return keep([...steps, ...variableItems(scope, lang), ...functionItems(scope, lang), ...keywords]);
}

/** The node a predicate `[` at `at` filters: the path expression before it. */
function resolveBefore(scope: XPathScope, text: string, at: number): SchemaNode | undefined {
  const start = pathStart(text, at);
  const path = text.slice(start, at);
  if (!path) return undefined;
  const nodes = resolvePath(scope, path, contextNode(scope));
  return nodes?.length === 1 ? nodes[0] : nodes?.[0];
}
