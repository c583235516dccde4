/**
 * A skeleton message from a schema tree: the smallest instance a user can start a sample from.
 * Required elements and attributes only, each once; of a choice its first alternative; type-appropriate
 * placeholder values (enumeration, fixed/default value, a value matching simple patterns, lengths and
 * ranges respected where easy). Amt24 wildcard steps (instance_*) become instance_1.
 */
import { isWildcardStep, type QName, type SchemaNode, type SchemaTree, type SimpleInfo } from './types.ts';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

export interface SkeletonOptions {
  /** Deepest element level written (guards recursive schemas). Default 40. */
  maxDepth?: number;
  /** Include optional nodes too (each once). Default false. */
  optional?: boolean;
}

/** Builds the skeleton message for a tree, as indented XML text with an XML declaration. */
export function skeletonMessage(tree: SchemaTree, options: SkeletonOptions = {}): string {
  const w = new Writer(tree, options.maxDepth ?? 40, options.optional ?? false);
  w.element(tree.root, 0, true);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${w.lines.join('\n')}\n`;
}

class Writer {
  readonly lines: string[] = [];
  private readonly prefixes = new Map<string, string>();

  constructor(
    private readonly tree: SchemaTree,
    private readonly maxDepth: number,
    private readonly optional: boolean,
  ) {}

  element(node: SchemaNode, depth: number, isRoot = false): void {
    const ind = '  '.repeat(depth);
    const name = this.qname(elementName(node));
    const kids = node.hasChildren ? this.tree.children(node) : [];
    const attrs = kids.filter((k) => k.kind === 'attribute' && (k.minOccurs > 0 || k.fixed !== undefined || this.optional));
    const elems = depth + 1 < this.maxDepth ? this.pick(kids.filter((k) => k.kind === 'element')) : [];
    const attrText = attrs.map((a) => ` ${this.qname(a.name)}="${escAttr(placeholder(a))}"`).join('');
    // Namespace declarations go on the root, after its children have been named.
    const body: string[] = [];
    const saved = this.lines.length;
    for (const e of elems) {
      const child = this.resolve(e);
      this.element(child, depth + 1);
    }
    body.push(...this.lines.splice(saved));
    const decls = isRoot ? this.declarations() : '';
    const text = node.simple && !elems.length ? escText(placeholder(node)) : '';
    if (body.length) {
      this.lines.push(`${ind}<${name}${decls}${attrText}>`, ...body, `${ind}</${name}>`);
    } else if (text) {
      this.lines.push(`${ind}<${name}${decls}${attrText}>${text}</${name}>`);
    } else {
      this.lines.push(`${ind}<${name}${decls}${attrText}/>`);
    }
  }

  /** Required child elements, once each; of each choice only its first alternative. */
  private pick(elems: SchemaNode[]): SchemaNode[] {
    const out: SchemaNode[] = [];
    const choices = new Set<string>();
    for (const e of elems) {
      if (e.choice) {
        if (choices.has(e.choice)) continue;
        choices.add(e.choice);
        out.push(e);
      } else if (e.minOccurs > 0 || this.optional) out.push(e);
    }
    return out;
  }

  /** An abstract head element is written as its first substitute. */
  private resolve(node: SchemaNode): SchemaNode {
    if (!node.abstract || !node.substitutes?.length) return node;
    const parent = node.path.slice(0, node.path.lastIndexOf('/'));
    for (const s of node.substitutes) {
      const hit = this.tree.find(`${parent}/${s.ns ? `{${s.ns}}` : ''}${s.local}`);
      if (hit) return hit;
    }
    return node;
  }

  private qname(q: QName): string {
    if (!q.ns) return q.local;
    if (q.ns === XML_NS) return `xml:${q.local}`;
    if (q.ns === XSI_NS) return `xsi:${q.local}`;
    let p = this.prefixes.get(q.ns);
    if (!p) {
      p = prefixFor(q.ns, new Set(this.prefixes.values()));
      this.prefixes.set(q.ns, p);
    }
    return `${p}:${q.local}`;
  }

  private declarations(): string {
    return [...this.prefixes].map(([ns, p]) => ` xmlns:${p}="${escAttr(ns)}"`).join('');
  }
}

function elementName(node: SchemaNode): QName {
  return isWildcardStep(node.name.local) ? { ns: node.name.ns, local: node.name.local.slice(0, -1) + '1' } : node.name;
}

const GENERIC = new Set(['http', 'https', 'urn', 'www', 'schema', 'schemas', 'xsd', 'ns', 'de', 'org', 'com', 'net', 'xml']);

/** A readable prefix from a namespace URI: its last meaningful word ("…/gewerbemeldung/1.2" → gewerbemeldung). */
export function prefixFor(ns: string, taken: ReadonlySet<string>): string {
  const words = ns
    .split(/[/:#]+/)
    .map((w) => w.replace(/\.(de|org|com|net|eu)$/i, ''))
    .filter((w) => /^[A-Za-z][\w-]*$/.test(w) && !GENERIC.has(w.toLowerCase()));
  let base = (words[words.length - 1] ?? 'ns').replace(/^xoev-de-?/i, '').toLowerCase();
  if (!/^[a-z][\w-]*$/.test(base) || base.startsWith('xml')) base = 'ns';
  if (base.length > 16) base = base.slice(0, 16);
  let p = base;
  for (let i = 2; taken.has(p); i++) p = `${base}${i}`;
  return p;
}

// ---------------------------------------------------------------------------------------------
// Placeholder values

const INTEGER = new Set(['integer', 'int', 'long', 'short', 'byte', 'nonNegativeInteger', 'positiveInteger', 'unsignedInt', 'unsignedLong', 'unsignedShort', 'unsignedByte']);
const NEGATIVE = new Set(['negativeInteger', 'nonPositiveInteger']);

/** A value of a node's simple type: fixed, default, first enumeration value, else a typed placeholder. */
export function placeholder(node: SchemaNode): string {
  if (node.fixed !== undefined) return node.fixed;
  if (node.default !== undefined) return node.default;
  const s = node.simple;
  if (!s) return '';
  return simpleValue(s, node.name.local);
}

function simpleValue(s: SimpleInfo, name: string): string {
  if (s.enumeration?.length) return s.enumeration[0].value;
  const builtin = s.union?.length ? s.union[0] : s.builtin;
  const typed = typedValue(builtin, s);
  if (typed !== undefined) return typed;
  if (s.pattern?.length) {
    const v = fromPattern(s.pattern[0]);
    if (v !== undefined) return v;
  }
  return fitLength(name || 'Text', s);
}

function typedValue(builtin: string, s: SimpleInfo): string | undefined {
  if (INTEGER.has(builtin)) return clampNumber(builtin === 'nonNegativeInteger' || builtin.startsWith('unsigned') ? 0 : 1, s, true);
  if (NEGATIVE.has(builtin)) return clampNumber(-1, s, true);
  switch (builtin) {
    case 'decimal':
    case 'double':
    case 'float':
      return clampNumber(1, s, false);
    case 'boolean':
      return 'false';
    case 'date':
      return s.minInclusive ?? '2000-01-01';
    case 'dateTime':
    case 'dateTimeStamp':
      return s.minInclusive ?? '2000-01-01T00:00:00';
    case 'time':
      return '00:00:00';
    case 'gYear':
      return '2000';
    case 'gYearMonth':
      return '2000-01';
    case 'gMonth':
      return '--01';
    case 'gDay':
      return '---01';
    case 'gMonthDay':
      return '--01-01';
    case 'duration':
    case 'dayTimeDuration':
      return 'P1D';
    case 'yearMonthDuration':
      return 'P1M';
    case 'anyURI':
      return 'https://example.org/';
    case 'base64Binary':
      return 'AA==';
    case 'hexBinary':
      return '00';
    case 'language':
      return 'de';
    case 'QName':
    case 'NCName':
    case 'Name':
    case 'ID':
    case 'IDREF':
    case 'ENTITY':
    case 'NMTOKEN':
      return s.pattern?.length ? undefined : 'id1';
    default:
      return undefined;
  }
}

function clampNumber(n: number, s: SimpleInfo, integer: boolean): string {
  let v = n;
  const num = (x: string | undefined) => (x === undefined || Number.isNaN(Number(x)) ? undefined : Number(x));
  const minI = num(s.minInclusive);
  const minE = num(s.minExclusive);
  const maxI = num(s.maxInclusive);
  const maxE = num(s.maxExclusive);
  if (minI !== undefined && v < minI) v = minI;
  if (minE !== undefined && v <= minE) v = integer ? Math.floor(minE) + 1 : minE + 1;
  if (maxI !== undefined && v > maxI) v = maxI;
  if (maxE !== undefined && v >= maxE) v = integer ? Math.ceil(maxE) - 1 : maxE - 1;
  if (s.totalDigits !== undefined && String(Math.abs(Math.trunc(v))).length > s.totalDigits) v = 0;
  return integer ? String(Math.trunc(v)) : s.fractionDigits === 0 ? String(Math.trunc(v)) : v.toFixed(Math.min(2, s.fractionDigits ?? 1));
}

function fitLength(text: string, s: SimpleInfo): string {
  let v = text;
  const min = s.length ?? s.minLength;
  const max = s.length ?? s.maxLength;
  if (min !== undefined && v.length < min) v = v.padEnd(min, 'x');
  if (max !== undefined && v.length > max) v = v.slice(0, max);
  return v;
}

/**
 * A string matching a simple XSD pattern: literals, \d \w \s, [classes], groups, alternatives (first
 * taken) and quantifiers (minimum count, at least one for + ). Undefined when the result does not match.
 */
export function fromPattern(pattern: string): string | undefined {
  let out: string;
  try {
    out = new PatternGen(pattern).generate();
  } catch {
    return undefined;
  }
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(out) ? out : undefined;
  } catch {
    return out; // an XSD-only construct JS cannot test: trust the generator
  }
}

class PatternGen {
  private i = 0;
  constructor(private readonly p: string) {}

  generate(): string {
    const v = this.alternatives();
    if (this.i < this.p.length) throw new Error('unbalanced');
    return v;
  }

  private alternatives(): string {
    const first = this.sequence();
    while (this.p[this.i] === '|') {
      this.i++;
      this.sequence();
    }
    return first;
  }

  private sequence(): string {
    let out = '';
    while (this.i < this.p.length && this.p[this.i] !== '|' && this.p[this.i] !== ')') {
      const atom = this.atom();
      out += atom.repeat(this.quantifier());
    }
    return out;
  }

  private atom(): string {
    const c = this.p[this.i++];
    if (c === '(') {
      if (this.p[this.i] === '?') throw new Error('unsupported group');
      const v = this.alternatives();
      if (this.p[this.i++] !== ')') throw new Error('unclosed group');
      return v;
    }
    if (c === '[') return this.charClass();
    if (c === '\\') return escapeChar(this.p[this.i++]);
    if (c === '.') return 'x';
    return c;
  }

  private charClass(): string {
    const end = this.p.indexOf(']', this.i + 1);
    if (end < 0) throw new Error('unclosed class');
    const body = this.p.slice(this.i, end);
    this.i = end + 1;
    if (body.startsWith('^')) throw new Error('negated class');
    if (body.startsWith('\\')) return escapeChar(body[1]);
    return body[0];
  }

  private quantifier(): number {
    const c = this.p[this.i];
    if (c === '?' || c === '*') {
      this.i++;
      return 0;
    }
    if (c === '+') {
      this.i++;
      return 1;
    }
    if (c === '{') {
      const end = this.p.indexOf('}', this.i);
      const m = /^\{(\d+)(,\d*)?\}$/.exec(this.p.slice(this.i, end + 1));
      if (!m) throw new Error('bad quantifier');
      this.i = end + 1;
      return Number(m[1]);
    }
    return 1;
  }
}

function escapeChar(c: string): string {
  switch (c) {
    case 'd':
      return '1';
    case 'w':
    case 'i':
    case 'c':
      return 'a';
    case 's':
      return ' ';
    case 'n':
      return '\n';
    case 't':
      return '\t';
    default:
      if (/[DWSICp]/.test(c)) throw new Error('unsupported escape');
      return c;
  }
}

function escText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escAttr(s: string): string {
  return escText(s).replace(/"/g, '&quot;');
}
