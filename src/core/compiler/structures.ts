/**
 * Structures mode ("Eine Vorlage je Struktur"): which target structures get a named template of their
 * own, and the templates' names (deterministic, unique, from the target element names or JSON keys).
 * The compiler (compile.ts) lowers a structure as usual and, where one helps, moves its element into a
 * template and leaves an xsl:call-template in its place (inside any if / for-each of its rule).
 */
import { parseJsonStep } from '../schema/json/paths.ts';
import { parseClark, splitPath, stripInstances, type SchemaNode, type SchemaTree } from '../schema/types.ts';
import type { RawBlock } from '../model/project.ts';
import type { Ir, TemplateDef } from './ir.ts';

/**
 * A structure gets its own template from this many rules below it. Loop bodies too: a call per item
 * costs SaxonJS ~8% on a 1 MB message (bench structures-vs-handwritten), and a smaller body reads well inline.
 */
export const STRUCTURE_MIN_RULES = 3;

/** What the structures pass needs of the compiler's context. */
export interface StructuresCtx {
  readonly input: { target: SchemaTree; flow: { mapping: { raw?: RawBlock[] } } };
  readonly jsonTarget: boolean;
  readonly below: ReadonlyMap<string, number>;
  readonly templates: { def: TemplateDef; call: Extract<Ir, { k: 'call' }>; order: number; path: string }[];
  /** A target element's name as the rule writes it (unprefixed in the stylesheet's default namespace). */
  elementName(step: string): string;
}

/** True when an IR node writes output elements. */
function makesElements(n: Ir): boolean {
  if (n.k === 'element' || n.k === 'call') return true;
  return (n.k === 'if' || n.k === 'for-each') && n.children.some(makesElements);
}

/**
 * Whether a structure reads better as a named template: a complex element (not the root) with several
 * rules below it; not a mere wrapper of one other template (unless a loop body), and not one that
 * reads the current group (a called template has none).
 */
export function helpsAsTemplate(ctx: StructuresCtx, node: SchemaNode, el: Extract<Ir, { k: 'element' }>, loopBody: boolean): boolean {
  if (node.path === ctx.input.target.root.path || !el.children.some(makesElements)) return false;
  if ((ctx.below.get(node.path) ?? 0) < STRUCTURE_MIN_RULES) return false;
  if (!loopBody && !el.attrs.length && el.children.length === 1 && el.children[0].k === 'call') return false;
  return !/current-group|current-grouping-key/.test(JSON.stringify(el));
}

/** A template name from a target step: the element's local name (JSON: the member key) as an NCName. */
function stepName(step: string): string {
  const bare = step.replace(/#\d+$/, '');
  const json = parseJsonStep(bare);
  const raw = json ? (json.key ?? json.kind) : parseClark(bare).local;
  const name = raw.replace(/[^\p{L}\p{N}_.-]/gu, '_');
  return /^[\p{L}_]/u.test(name) ? name : `_${name}`;
}

/**
 * Names the templates of structures mode in document order: the element's name, else parent.name,
 * else a number; names of templates kept raw by the XSLT import are taken already.
 */
export function nameTemplates(ctx: StructuresCtx): TemplateDef[] {
  const taken = new Set<string>();
  for (const b of ctx.input.flow.mapping.raw ?? []) for (const m of b.xslt.matchAll(/<xsl:template\b[^>]*?\bname="([^"]*)"/g)) taken.add(m[1]);
  const sorted = [...ctx.templates].sort((a, b) => a.order - b.order);
  for (const t of sorted) {
    const steps = splitPath(t.path);
    const base = stepName(steps.at(-1) ?? '');
    // A JSON array item is named after its array.
    const arrayItem = ctx.jsonTarget && steps.length > 1 && parseJsonStep(steps.at(-2) ?? '')?.kind === 'array' && !ctx.input.target.find(stripInstances('/' + steps.slice(0, -1).join('/')));
    const own = arrayItem ? stepName(steps.at(-2) ?? '') : base;
    const parent = stepName(steps.at(arrayItem ? -3 : -2) ?? '');
    let name = [own, `${parent}.${own}`].find((n) => !taken.has(n));
    for (let i = 2; !name; i++) if (!taken.has(`${own}-${i}`)) name = `${own}-${i}`;
    taken.add(name);
    t.def.name = name;
    t.call.name = name;
    t.def.where = ctx.jsonTarget ? jsonWhere(ctx, steps) : steps.map((st) => displayStep(ctx, st)).join('/');
  }
  return sorted.map((t) => t.def);
}

/** Where a JSON structure sits, JSONPath-like: $.antragsteller.adresse, $.posten[] (an array member's item). */
function jsonWhere(ctx: StructuresCtx, steps: string[]): string {
  let out = '$';
  for (let i = 1; i < steps.length; i++) {
    const m = /#(\d+)$/.exec(steps[i]);
    const json = parseJsonStep(m ? steps[i].slice(0, m.index) : steps[i]);
    const wrapper = json?.kind === 'array' && json.key !== undefined && i + 1 < steps.length && !ctx.input.target.find(stripInstances('/' + steps.slice(0, i + 1).join('/')));
    const item = wrapper ? /#(\d+)$/.exec(steps[i + 1]) : m;
    if (json?.key !== undefined) out += `.${json.key}`;
    if (wrapper || json?.key === undefined) out += item ? `[${Number(item[1]) - 1}]` : '[]';
    if (wrapper) i++;
  }
  return out;
}

/** A target step as a reviewer reads it: the element's name as the rule writes it (prefix:local, or local in the default namespace), or a JSON member's key. */
function displayStep(ctx: StructuresCtx, step: string): string {
  const m = /#(\d+)$/.exec(step);
  const bare = m ? step.slice(0, m.index) : step;
  const json = parseJsonStep(bare);
  const text = json ? (json.key !== undefined ? json.key : json.kind) : ctx.elementName(bare);
  return m ? `${text}[${m[1]}]` : text;
}
