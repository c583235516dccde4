/**
 * The values a target field got in a run's output, found by its target-tree path: for the inspector's
 * "value in sample" line. One pass of the shared output scanner (xml-scan.ts) over the text (no tree is
 * built), so a multi-MB output costs one scan and little memory. JSON outputs (JSON targets) are read by
 * sample-values-json.ts into the same result. Pure TypeScript, runs anywhere.
 *
 * Target paths may address a second, third … group of a repeating element ("Kontakt#2"): the compiler
 * writes the groups' elements one after another under the same parent, so when a parent has exactly one
 * element per group, the n-th is group n; otherwise the groups can't be told apart and all are reported
 * (with `ambiguous`).
 */
import { parseClark, splitPath, stripInstances } from '../schema/types.ts';
import { decodeXmlText, scanXml, xmlAttributes, xmlTagName, type XmlAttribute } from './xml-scan.ts';

export interface SampleValues {
  /** How many output nodes the path has. */
  count: number;
  /** The text values of the first `limit` of them (string value, long ones cut). */
  values: string[];
  /** True when the nodes are elements with child elements (their text is not a field value). */
  complex: boolean;
  /** True when instance groups (#2 …) could not be told apart and every group's nodes are counted. */
  ambiguous?: boolean;
  /** JSON outputs: the JSON type of each shown value (a string "3" and a number 3 look alike otherwise). */
  types?: JsonValueType[];
}

/** The JSON type of a value shown (objects and arrays are `complex`). */
export type JsonValueType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

/** Longest value text kept (longer ones are cut with "…"). */
export const MAX_TEXT = 200;

/** A path step's instance group ("#2" → 2) and how many groups the mapping has for it (1: none). */
export interface GroupStep {
  instance: number;
  groups: number;
}

interface Step extends GroupStep {
  ns: string;
  local: string;
}

interface Frame {
  /** Number of leading element steps this element and its ancestors matched. */
  matched: number;
  /** Same-named children seen so far, by Clark name. */
  counts: Map<string, number>;
  /** Per matched step: this element's (or its ancestor's) index among same-named siblings and the parent's counts. */
  chain: Candidate['chain'];
}

/** A node found at the path: where it sits among its same-step siblings (per step), its text so far. */
export interface Candidate {
  chain: { idx: number; counts: Map<string, number>; key: string }[];
  text: string;
  complex: boolean;
  type?: JsonValueType;
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

/** The value of the attribute named `q` among a tag's attributes (prefixes resolved with `ns`). */
function attributeValue(attrs: XmlAttribute[], ns: Record<string, string>, q: { ns: string; local: string }): string | undefined {
  for (const { name, value } of attrs) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const c = name.indexOf(':');
    // An unprefixed attribute is in no namespace (the default namespace does not apply to attributes).
    if ((c < 0 ? name : name.slice(c + 1)) === q.local && (c < 0 ? '' : (ns[name.slice(0, c)] ?? '')) === q.ns) return value;
  }
  return undefined;
}

/**
 * The nodes of `xml` at `targetPath` (Clark steps, "@name" for an attribute, "#n" groups); undefined when
 * `xml` is not XML (a JSON or text output, a broken one). One pass of the shared scanner (xml-scan.ts).
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
  let xmlnsAt = -2;
  const problem = scanXml(xml, {
    text(from, to) {
      if (collecting && collecting.text.length <= MAX_TEXT) collecting.text += decodeXmlText(xml.slice(from, to));
    },
    cdata(from, to) {
      if (collecting && collecting.text.length <= MAX_TEXT) collecting.text += xml.slice(from, to);
    },
    close() {
      if (skip > 0) {
        if (--skip === 0) collecting = undefined;
      } else if (stack.length > 1) stack.pop();
    },
    open(lt, end, empty) {
      if (skip > 0) {
        if (collecting) collecting.complex = true;
        if (!empty) skip++;
        return;
      }
      const parent = stack[stack.length - 1];
      const qname = xmlTagName(xml, lt);
      let ns = parent.ns;
      let attrs: XmlAttribute[] | undefined;
      // Most tags declare nothing: look for "xmlns" in the tag before parsing its attributes. The next
      // occurrence is kept, so the look costs one pass over the text, not one search to the end per tag.
      if (xmlnsAt !== -1 && xmlnsAt < lt) xmlnsAt = xml.indexOf('xmlns', lt);
      if (xmlnsAt >= 0 && xmlnsAt < end) {
        attrs = xmlAttributes(xml, lt, end);
        for (const { name, value } of attrs) {
          if (name === 'xmlns' || name.startsWith('xmlns:')) {
            if (ns === parent.ns) ns = { ...parent.ns };
            ns[name === 'xmlns' ? '' : name.slice(6)] = decodeXmlText(value);
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
        return;
      }
      const key = `{${uri}}${local}`;
      let chain = parent.chain;
      if (grouped) {
        const idx = parent.counts.get(key) ?? 0;
        parent.counts.set(key, idx + 1);
        chain = [...parent.chain, { idx, counts: parent.counts, key }];
      }
      if (d + 1 < elSteps.length) {
        if (!empty) stack.push({ matched: d + 1, counts: new Map(), chain, ns });
        return;
      }
      // The node itself (or the element whose attribute is wanted).
      let text = '';
      if (attrStep) {
        const v = attributeValue(attrs ?? xmlAttributes(xml, lt, end), ns, attrStep);
        if (!empty) skip = 1;
        if (v === undefined) return;
        text = decodeXmlText(v).slice(0, MAX_TEXT + 1);
      }
      if (!grouped && found.length >= limit) {
        extra++;
        if (!empty) skip = 1;
        return;
      }
      const cand: Candidate = { chain, text, complex: false };
      found.push(cand);
      if (!attrStep && !empty) {
        collecting = cand;
        skip = 1;
      }
    },
  });
  if (problem || stack.length !== 1 || skip !== 0) return undefined;

  return summarise(found, extra, elSteps, limit);
}

/** The result for the nodes found (`extra`: further ones only counted), kept to the addressed instance groups. */
export function summarise(found: Candidate[], extra: number, steps: readonly GroupStep[], limit: number): SampleValues {
  // Keep the nodes of the addressed instance groups where the groups can be told apart.
  let ambiguous = false;
  const kept = found.filter((c) =>
    steps.every((s, k) => {
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
  const shown = kept.slice(0, limit);
  const values = shown
    .map((c) => (c.complex ? c.text.replace(/\s+/g, ' ').trim() : c.text))
    .map((v) => (v.length > MAX_TEXT ? v.slice(0, MAX_TEXT) + '…' : v));
  const types = shown.every((c) => c.type) ? shown.map((c) => c.type!) : undefined;
  return { count: kept.length + extra, values, complex, ...(ambiguous ? { ambiguous } : {}), ...(types?.length ? { types } : {}) };
}
