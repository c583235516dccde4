/**
 * "Value in sample" for JSON targets. Their tree paths address the json-to-xml() form of the message
 * (`/{FN}map/{FN}array[@key='t']/{FN}map/{FN}string[@key='n']`, see schema/json/paths.ts) while the
 * output is the JSON text xml-to-json() wrote. So the path is matched as that XPath would match on
 * json-to-xml(output): a step matches a value of its kind (`*`: any) and, when it has a key, the
 * member of that name; an array's items are its unkeyed children (one repeating node, as in the tree).
 * One difference on purpose: `null` matches a step of any kind (a nillable field written as null is
 * shown as null, not as "not produced").
 *
 * One pass with jsonc-parser's visitor (no tree is built); subtrees off the path are skipped. Numbers
 * keep the form the output wrote. Pure TypeScript, runs anywhere.
 */
import { visit } from 'jsonc-parser';
import { parseJsonStep, type JsonKind } from '../schema/json/paths.ts';
import { splitPath, stripInstances } from '../schema/types.ts';
import { MAX_TEXT, sampleValues, summarise, type Candidate, type GroupStep, type JsonValueType, type SampleValues } from './sample-values.ts';

interface Step extends GroupStep {
  kind: JsonKind;
  key?: string;
}

/** An open object or array while scanning. */
interface Frame {
  /** True when this container is on the path (its children are matched against the next step). */
  onPath: boolean;
  /** The member name of the next value (objects). */
  key?: string;
  /** Matched children so far, by step (for instance groups). */
  counts: Map<string, number>;
  chain: Candidate['chain'];
  /** Set when this container is itself a found node: its text is taken at its end. */
  found?: Candidate;
  start: number;
}

const KIND: Record<JsonValueType, JsonKind> = { string: 'string', number: 'number', boolean: 'boolean', null: 'null', object: 'map', array: 'array' };

/** The steps of a JSON target path; undefined when it is not one (an XML path, an attribute step). */
function jsonSteps(targetPath: string, groups?: ReadonlyMap<string, number>): Step[] | undefined {
  const raw = splitPath(targetPath);
  const out: Step[] = [];
  for (let i = 0; i < raw.length; i++) {
    const m = /#(\d+)$/.exec(raw[i]);
    const js = parseJsonStep(m ? raw[i].slice(0, m.index) : raw[i]);
    if (!js) return undefined;
    const path = stripInstances('/' + raw.slice(0, i + 1).join('/'));
    out.push({ ...js, instance: m ? Number(m[1]) : 1, groups: groups?.get(path) ?? 1 });
  }
  return out.length ? out : undefined;
}

/**
 * The values at a JSON target path in a JSON output; undefined when the path is not a JSON path or
 * the text is not JSON.
 */
export function jsonSampleValues(json: string, targetPath: string, opts: { groups?: ReadonlyMap<string, number>; limit?: number } = {}): SampleValues | undefined {
  const limit = opts.limit ?? 3;
  const steps = jsonSteps(targetPath, opts.groups);
  if (!steps || !json.trim()) return undefined;
  const grouped = steps.some((s) => s.groups > 1);
  const found: Candidate[] = [];
  let extra = 0;
  let broken = false;
  const stack: Frame[] = [];

  /** Matches the next value (of JSON type `type`) against its step: its group chain and whether it is a node of the path. */
  const match = (type: JsonValueType): { step: Step; chain: Candidate['chain']; last: boolean } | undefined => {
    const parent = stack.at(-1);
    if (parent && !parent.onPath) return undefined;
    const d = stack.length;
    const step = steps[d];
    const key = parent?.key;
    if (!step || (step.kind !== '*' && step.kind !== KIND[type] && type !== 'null')) return undefined;
    if (step.key !== undefined && step.key !== key) return undefined;
    let chain = parent?.chain ?? [];
    if (grouped) {
      // Siblings of one step under one container: its matched children (the root value is alone).
      const counts = parent?.counts ?? new Map<string, number>();
      const idx = counts.get('') ?? 0;
      counts.set('', idx + 1);
      chain = [...chain, { idx, counts, key: '' }];
    }
    return { step, chain, last: d === steps.length - 1 };
  };
  /** Records a found node, or only counts it beyond the first `limit` (without instance groups). */
  const add = (cand: Candidate): boolean => {
    if (!grouped && found.length >= limit) {
      extra++;
      return false;
    }
    found.push(cand);
    return true;
  };
  const begin = (type: 'object' | 'array', offset: number): boolean => {
    const hit = match(type);
    const frame: Frame = { onPath: !!hit && !hit.last, counts: new Map(), chain: hit?.chain ?? [], start: offset };
    if (hit?.last) {
      const cand: Candidate = { chain: hit.chain, text: '', complex: true, type };
      if (add(cand)) frame.found = cand;
    }
    stack.push(frame);
    // Children matter only on the path; everything else is skipped by the visitor.
    return frame.onPath;
  };
  const end = (offset: number) => {
    const frame = stack.pop();
    if (frame?.found) frame.found.text = json.slice(frame.start, Math.min(offset + 1, frame.start + 4 * MAX_TEXT));
    const parent = stack.at(-1);
    if (parent) parent.key = undefined;
  };

  visit(
    json,
    {
      onObjectBegin: (offset) => begin('object', offset),
      onArrayBegin: (offset) => begin('array', offset),
      onObjectEnd: end,
      onArrayEnd: end,
      onObjectProperty(name) {
        const top = stack.at(-1);
        if (top) top.key = name;
      },
      onLiteralValue(value: unknown, offset, length) {
        const type: JsonValueType = value === null ? 'null' : typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'boolean';
        const hit = match(type);
        if (hit?.last) add({ chain: hit.chain, text: type === 'string' ? (value as string).slice(0, MAX_TEXT + 1) : json.slice(offset, offset + length), complex: false, type });
        const top = stack.at(-1);
        if (top) top.key = undefined;
      },
      onError() {
        broken = true;
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  if (broken || stack.length) return undefined;
  return summarise(found, extra, steps, limit);
}

/** The values at a target path in a run's output, XML or JSON (JSON targets' output is JSON text). */
export function outputSampleValues(output: string, targetPath: string, opts: { groups?: ReadonlyMap<string, number>; limit?: number } = {}): SampleValues | undefined {
  if (/^\s*</.test(output)) return sampleValues(output, targetPath, opts);
  return jsonSampleValues(output, targetPath, opts);
}
