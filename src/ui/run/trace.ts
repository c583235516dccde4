/**
 * Trace: which mapping produced a node of the output. The compiler's trace mode writes a processing
 * instruction <?regelwerk-rule r12 @attr=r13?> right before every mapped output element; running that
 * variant once gives, for the n-th element of the output in document order, its rule (and the rules of
 * its attributes). The displayed output is the normal run's; both have the same elements in the same
 * order (the instructions add no elements), so a click maps to an element index and from there to a rule.
 * Pure functions over text, no DOM; the text is read by the shared output scanner (core/runner/xml-scan.ts).
 *
 * JSON targets: the normal run serialises the json-to-xml() vocabulary with xml-to-json(); the trace run
 * writes that vocabulary itself (see compile.ts). xml-to-json() turns every fn:* element into exactly one
 * JSON value, in document order, so the n-th value of the JSON output (jsonValueSpans) is the n-th
 * element of the trace output and has its mark.
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { TRACE_PI } from '../../core/compiler/index.ts';
import { scanXml, xmlAttributes } from '../../core/runner/xml-scan.ts';

export interface AttrSpan {
  name: string;
  start: number;
  end: number;
}

/** One element of an XML text: offsets of its start tag and of its whole extent. */
export interface ElementSpan {
  index: number;
  parent: number;
  start: number;
  /** Offset just after the start tag's '>'. */
  openEnd: number;
  /** Offset just after the end tag (= openEnd for an empty-element tag). */
  end: number;
  attrs: AttrSpan[];
}

/** The rules a trace run marked an element with. */
export interface TraceMark {
  rule?: string;
  attrs: Record<string, string>;
}

/** The elements of XML text (in document order), by the shared output scanner; calls onPI for processing instructions. */
export function scanElements(xml: string, onPI?: (target: string, body: string, nextIndex: number) => void): ElementSpan[] {
  const out: ElementSpan[] = [];
  const stack: ElementSpan[] = [];
  // Lenient: a malformed text still gives the elements found (the scan never throws).
  scanXml(xml, {
    open(start, openEnd, empty) {
      // XmlAttribute is an AttrSpan with the raw value besides.
      const attrs: AttrSpan[] = xmlAttributes(xml, start, openEnd);
      const el: ElementSpan = { index: out.length, parent: stack.length ? stack[stack.length - 1].index : -1, start, openEnd, end: openEnd, attrs };
      out.push(el);
      if (!empty) stack.push(el);
    },
    close(_lt, end) {
      const el = stack.pop();
      if (el) el.end = end;
    },
    pi: onPI && ((target, data) => onPI(target, data, out.length)),
  });
  return out;
}

/** The trace marks of a trace-mode output, by element index. */
export function traceMarks(tracedXml: string): Map<number, TraceMark> {
  const marks = new Map<number, TraceMark>();
  scanElements(tracedXml, (target, body, next) => {
    if (target !== TRACE_PI) return;
    const [first, ...rest] = body.split(/\s+/);
    const mark: TraceMark = { attrs: {} };
    if (first && first !== '-') mark.rule = first;
    for (const r of rest) {
      const m = /^@(.+)=(.+)$/.exec(r);
      if (m) mark.attrs[m[1]] = m[2];
    }
    marks.set(next, mark);
  });
  return marks;
}

/** What a position in the output traces back to. */
export interface TraceHit {
  ruleId?: string;
  /** The element (index) at the position. */
  element: number;
  /** Set when the rule was found on the element or attribute itself, not on an enclosing element. */
  exact: boolean;
  attribute?: string;
}

const localOf = (name: string) => name.slice(name.indexOf(':') + 1);

/** The rule that produced the node at `offset` of `xml`; enclosing elements' rules when the node has none. */
export function traceAt(xml: string, offset: number, marks: ReadonlyMap<number, TraceMark>, spans = scanElements(xml)): TraceHit | undefined {
  let el: ElementSpan | undefined;
  for (const s of spans) {
    if (s.start <= offset && offset < s.end) el = s; // later spans containing it are nested deeper
    else if (s.start > offset) break;
  }
  if (!el) return undefined;
  const attr = offset < el.openEnd ? el.attrs.find((a) => a.start <= offset && offset < a.end) : undefined;
  const own = marks.get(el.index);
  if (attr && own) {
    const rule = own.attrs[attr.name] ?? Object.entries(own.attrs).find(([k]) => localOf(k) === localOf(attr.name))?.[1];
    if (rule) return { ruleId: rule, element: el.index, exact: true, attribute: attr.name };
  }
  if (own?.rule) return { ruleId: own.rule, element: el.index, exact: true };
  for (let p = el.parent; p >= 0; p = spans[p].parent) {
    const m = marks.get(p);
    if (m?.rule) return { ruleId: m.rule, element: el.index, exact: false };
  }
  return { element: el.index, exact: false };
}

/** Removes the trace instructions (to compare a trace output with the normal one). */
export function stripTrace(xml: string): string {
  return xml.replace(new RegExp(`<\\?${TRACE_PI}(?:\\s[^?]*)?\\?>`, 'g'), '');
}

/** Offset of a 1-based line and column in a text. */
export function offsetOf(text: string, line: number, column: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const k = text.indexOf('\n', off);
    if (k < 0) return text.length;
    off = k + 1;
  }
  return off + column - 1;
}

/** A JSON value of an output: an element span with the value's JSON type. */
export interface JsonSpan extends ElementSpan {
  type: Node['type'];
}

/**
 * The values of a JSON text in document order, as element spans (no attributes). A member's value spans
 * its key too, so a click on the key is a click on the member; whitespace and commas between members
 * belong to the enclosing object or array. Empty for text that is not JSON.
 */
export function jsonValueSpans(json: string): JsonSpan[] {
  const errors: ParseError[] = [];
  const root = parseTree(json, errors, { allowTrailingComma: false, disallowComments: true });
  // A partial tree of broken JSON would not line up with the trace run's elements.
  if (!root || errors.length) return [];
  const out: JsonSpan[] = [];
  // Iterative pre-order: outputs can nest deeply.
  const stack: { node: Node; parent: number }[] = [{ node: root, parent: -1 }];
  while (stack.length) {
    const { node, parent } = stack.pop()!;
    const whole = node.parent?.type === 'property' ? node.parent : node;
    const el: JsonSpan = { index: out.length, parent, start: whole.offset, openEnd: whole.offset, end: whole.offset + whole.length, attrs: [], type: node.type };
    out.push(el);
    const kids = node.type === 'object' ? (node.children ?? []).map((p) => p.children?.[1]) : node.type === 'array' ? (node.children ?? []) : [];
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i];
      if (k) stack.push({ node: k, parent: el.index });
    }
  }
  return out;
}

/** The nodes a click in the output can hit: elements of XML output, values of JSON output (see jsonValueSpans). */
export function outputSpans(output: string, json: boolean): ElementSpan[] {
  return json ? jsonValueSpans(output) : scanElements(output);
}

/**
 * traceAt for JSON output. An array member has no mapping of its own (the target tree collapses it into
 * its repeating item node, paths.ts), so a click on its key or brackets answers with its items' rule.
 */
export function traceJsonAt(json: string, offset: number, marks: ReadonlyMap<number, TraceMark>, spans = jsonValueSpans(json)): TraceHit | undefined {
  const hit = traceAt(json, offset, marks, spans);
  if (!hit || hit.exact) return hit;
  const first = spans[hit.element + 1];
  const rule = spans[hit.element].type === 'array' && first?.parent === hit.element ? marks.get(first.index)?.rule : undefined;
  return rule ? { ruleId: rule, element: hit.element, exact: false } : hit;
}

/** The rule behind `offset` of an output, XML or JSON (`json`: the flow's target is JSON). */
export function traceOutputAt(output: string, offset: number, marks: ReadonlyMap<number, TraceMark>, json: boolean): TraceHit | undefined {
  return json ? traceJsonAt(output, offset, marks) : traceAt(output, offset, marks);
}
