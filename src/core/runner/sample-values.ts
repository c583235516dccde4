/**
 * The values a target field got in a run's output, found by its target-tree path: for the inspector's
 * "value in sample" line. One pass over the output text (no tree is built), so a multi-MB output costs
 * one scan and little memory. Pure TypeScript, runs anywhere.
 *
 * Target paths may address a second, third … group of a repeating element ("Kontakt#2"): the compiler
 * writes the groups' elements one after another under the same parent, so when a parent has exactly one
 * element per group, the n-th is group n; otherwise the groups can't be told apart and all are reported
 * (with `ambiguous`).
 */
import { parseClark, splitPath, stripInstances } from '../schema/types.ts';

export interface SampleValues {
  /** How many output nodes the path has. */
  count: number;
  /** The text values of the first `limit` of them (string value, long ones cut). */
  values: string[];
  /** True when the nodes are elements with child elements (their text is not a field value). */
  complex: boolean;
  /** True when instance groups (#2 …) could not be told apart and every group's nodes are counted. */
  ambiguous?: boolean;
}

const MAX_TEXT = 200;

interface Step {
  ns: string;
  local: string;
  /** 1-based instance group of the step ("#2" → 2). */
  instance: number;
  /** How many groups the mapping has for this element (1: no groups). */
  groups: number;
}

interface Frame {
  /** Number of leading element steps this element and its ancestors matched. */
  matched: number;
  /** Same-named children seen so far, by Clark name. */
  counts: Map<string, number>;
  /** Per matched step: this element's (or its ancestor's) index among same-named siblings and the parent's counts. */
  chain: { idx: number; counts: Map<string, number>; key: string }[];
}

interface Candidate {
  chain: Frame['chain'];
  text: string;
  complex: boolean;
}

/** Groups per element path the rules address ("/a/b" → 2 when a rule targets "/a/b#2/…"). */
export function instanceGroups(targets: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of targets) {
    const steps = splitPath(t);
    steps.forEach((s, i) => {
      const m = /#(\d+)$/.exec(s);
      if (!m) return;
      const key = stripInstances('/' + steps.slice(0, i + 1).join('/'));
      out.set(key, Math.max(out.get(key) ?? 1, Number(m[1])));
    });
  }
  return out;
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Resolves the predefined and character entities of XML text. */
function decode(t: string): string {
  if (!t.includes('&')) return t;
  return t.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITY[e] ?? m),
  );
}

/** Double quotes in xml[from, to): odd means `to` is inside an attribute value. */
function quotes(xml: string, from: number, to: number): number {
  let q = 0;
  for (let p = from; p < to; p++) if (xml.charCodeAt(p) === 34) q++;
  return q;
}

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(tag: string): [string, string][] {
  const out: [string, string][] = [];
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(tag); m; m = ATTR.exec(tag)) out.push([m[1], m[2] ?? m[3] ?? '']);
  return out;
}

/** The value of the attribute named `q` among a tag's attributes (prefixes resolved with `ns`). */
function attributeValue(attrs: [string, string][], ns: Record<string, string>, q: { ns: string; local: string }): string | undefined {
  for (const [name, value] of attrs) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const c = name.indexOf(':');
    // An unprefixed attribute is in no namespace (the default namespace does not apply to attributes).
    if ((c < 0 ? name : name.slice(c + 1)) === q.local && (c < 0 ? '' : (ns[name.slice(0, c)] ?? '')) === q.ns) return value;
  }
  return undefined;
}

/**
 * The nodes of `xml` at `targetPath` (Clark steps, "@name" for an attribute, "#n" groups); undefined when
 * `xml` is not XML (a JSON or text output, a broken one).
 * A scan of the tags with indexOf, not a full parser: the output is the engine's serialisation, so it is
 * well-formed, and this is several times faster than saxes on multi-MB outputs (it runs on the UI thread).
 */
export function sampleValues(xml: string, targetPath: string, opts: { groups?: ReadonlyMap<string, number>; limit?: number } = {}): SampleValues | undefined {
  const limit = opts.limit ?? 3;
  const raw = splitPath(targetPath);
  const attrStep = raw.at(-1)?.startsWith('@') ? parseClark(raw.at(-1)!.slice(1)) : undefined;
  const elSteps: Step[] = (attrStep ? raw.slice(0, -1) : raw).map((s, i, all) => {
    const m = /#(\d+)$/.exec(s);
    const q = parseClark(m ? s.slice(0, m.index) : s);
    const key = stripInstances('/' + all.slice(0, i + 1).join('/'));
    return { ns: q.ns, local: q.local, instance: m ? Number(m[1]) : 1, groups: opts.groups?.get(key) ?? 1 };
  });
  if (!/^\s*</.test(xml)) return undefined;
  if (!elSteps.length) return { count: 0, values: [], complex: false };

  const found: Candidate[] = [];
  // Without instance groups only the first values are kept, the rest just counted.
  const grouped = elSteps.some((st) => st.groups > 1);
  let extra = 0;
  // Frames only for elements on the path; below an element off the path (or inside a found node) only
  // the nesting depth is counted, so most of a large output is skipped over cheaply.
  const stack: (Frame & { ns: Record<string, string> })[] = [{ matched: 0, counts: new Map(), chain: [], ns: { xml: 'http://www.w3.org/XML/1998/namespace' } }];
  let skip = 0;
  let collecting: Candidate | undefined;
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    if (collecting && lt > i && collecting.text.length <= MAX_TEXT) collecting.text += decode(xml.slice(i, lt));
    const c = xml[lt + 1];
    if (c === '!' || c === '?') {
      const cdata = xml.startsWith('<![CDATA[', lt);
      const close = cdata ? ']]>' : c === '?' ? '?>' : xml.startsWith('<!--', lt) ? '-->' : '>';
      const k = xml.indexOf(close, lt + 2);
      if (k < 0) return undefined;
      if (cdata && collecting && collecting.text.length <= MAX_TEXT) collecting.text += xml.slice(lt + 9, k);
      i = k + close.length;
      continue;
    }
    // The tag's end: the first '>' outside a (double-quoted, as serialisers write them) attribute value.
    let k = xml.indexOf('>', lt);
    while (k >= 0 && quotes(xml, lt, k) % 2 === 1) k = xml.indexOf('>', k + 1);
    if (k < 0) return undefined;
    i = k + 1;
    if (c === '/') {
      if (skip > 0) {
        if (--skip === 0) collecting = undefined;
      } else if (stack.length > 1) stack.pop();
      else return undefined;
      continue;
    }
    const empty = xml[k - 1] === '/';
    if (skip > 0) {
      if (collecting) collecting.complex = true;
      if (!empty) skip++;
      continue;
    }
    const tag = xml.slice(lt + 1, empty ? k - 1 : k);
    const parent = stack[stack.length - 1];
    const sp = tag.search(/\s/);
    const qname = sp < 0 ? tag : tag.slice(0, sp);
    let ns = parent.ns;
    let attrs: [string, string][] | undefined;
    if (tag.includes('xmlns')) {
      attrs = attributes(tag);
      for (const [name, value] of attrs) {
        if (name === 'xmlns' || name.startsWith('xmlns:')) {
          if (ns === parent.ns) ns = { ...parent.ns };
          ns[name === 'xmlns' ? '' : name.slice(6)] = value;
        }
      }
    }
    const d = stack.length - 1; // element depth: the root element is 0
    const step = elSteps[d];
    const colon = qname.indexOf(':');
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    const uri = ns[colon < 0 ? '' : qname.slice(0, colon)] ?? '';
    if (!step || local !== step.local || uri !== step.ns) {
      if (!empty) skip = 1;
      continue;
    }
    const key = `{${uri}}${local}`;
    let chain = parent.chain;
    if (grouped) {
      const idx = parent.counts.get(key) ?? 0;
      parent.counts.set(key, idx + 1);
      chain = [...parent.chain, { idx, counts: parent.counts, key }];
    }
    if (d + 1 < elSteps.length) {
      if (empty) continue;
      stack.push({ matched: d + 1, counts: new Map(), chain, ns });
      continue;
    }
    // The node itself (or the element whose attribute is wanted).
    let text = '';
    if (attrStep) {
      const v = attributeValue(attrs ?? attributes(tag), ns, attrStep);
      if (!empty) skip = 1;
      if (v === undefined) continue;
      text = decode(v).slice(0, MAX_TEXT + 1);
    }
    if (!grouped && found.length >= limit) {
      extra++;
      if (!empty) skip = 1;
      continue;
    }
    const cand: Candidate = { chain, text, complex: false };
    found.push(cand);
    if (!attrStep && !empty) {
      collecting = cand;
      skip = 1;
    }
  }
  if (stack.length !== 1 || skip !== 0) return undefined;

  // Keep the nodes of the addressed instance groups where the groups can be told apart.
  let ambiguous = false;
  const kept = found.filter((c) =>
    elSteps.every((s, k) => {
      if (s.groups <= 1) return true;
      const link = c.chain[k];
      if ((link.counts.get(link.key) ?? 0) !== s.groups) {
        ambiguous = true;
        return true;
      }
      return link.idx === s.instance - 1;
    }),
  );
  const complex = kept.some((c) => c.complex);
  const values = kept
    .slice(0, limit)
    .map((c) => (c.complex ? c.text.replace(/\s+/g, ' ').trim() : c.text))
    .map((v) => (v.length > MAX_TEXT ? v.slice(0, MAX_TEXT) + '…' : v));
  return { count: kept.length + extra, values, complex, ...(ambiguous ? { ambiguous } : {}) };
}
