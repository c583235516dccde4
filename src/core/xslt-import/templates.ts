/**
 * Templates and statement kinds: which template an apply-templates reaches (by XSLT's default
 * priorities), which template is the entry, and whether a statement makes elements or only text.
 */
import { parseClark, splitPath } from '../schema/types.ts';
import type { XmlElement, XmlNode } from '../xml/dom.ts';
import { a, isXsl, scopeOf, XSL_NS, type Frame, type ImportCtx, type Template } from './context.ts';
import { resolvePath } from './paths.ts';
import type { XNode } from './xpath-ast.ts';
import { parseXPath } from './xpath-parser.ts';

/** True when a statement only makes text: value-of, text, and if/choose over those. */
export function valueOnly(n: XmlNode): boolean {
  if (n.type === 'text' || n.type === 'comment' || n.type === 'pi') return true;
  if (isXsl(n, 'value-of') || isXsl(n, 'text')) return true;
  if (isXsl(n, 'if') || isXsl(n, 'choose') || isXsl(n, 'when') || isXsl(n, 'otherwise')) return n.children.every(valueOnly);
  return false;
}

/** True when a statement may make elements (or anything not plain text): it counts for the order of the output. */
export function elementProducer(_ctx: ImportCtx, el: XmlElement): boolean {
  if (el.ns !== XSL_NS) return true;
  if (valueOnly(el)) return false;
  if (el.local === 'variable' || el.local === 'attribute') return false;
  if (el.local === 'processing-instruction' && a(el, 'name') === 'regelwerk-rule') return false;
  return true;
}

/** The alternatives of a pattern (`a | b`). */
function alternatives(n: XNode): XNode[] {
  if (n.t === 'bin' && (n.op === '|' || n.op === 'union')) return [...alternatives(n.l), ...alternatives(n.r)];
  return [n];
}

/**
 * Whether a pattern alternative matches the element at tree path `path`, and its default priority.
 * 'maybe' when the pattern is beyond this analysis (predicates, other axes).
 */
function patternMatch(ctx: ImportCtx, t: Template, alt: XNode, path: string): { match: boolean | 'maybe'; priority: number } {
  const steps = splitPath(path);
  if (alt.t === 'path' && alt.root === '/' && alt.steps.length === 0) return { match: path === '/', priority: -0.5 };
  if (path === '/') return { match: false, priority: 0 };
  const isPath = alt.t === 'path';
  const relSteps = isPath ? alt.steps : [];
  if (!isPath || alt.root === '//' || alt.seps.some((s) => s !== '/')) return { match: 'maybe', priority: 0.5 };
  const last = relSteps[relSteps.length - 1];
  if (last?.t === 'step' && last.test.kind === 'kind') {
    const k = last.test.name;
    if (k === 'text' || k === 'comment' || k === 'processing-instruction' || k === 'attribute' || k === 'document-node' || k === 'namespace-node') return { match: false, priority: -0.5 };
    if (k === 'node' && relSteps.length === 1 && !last.preds.length && last.axis === 'child') return { match: true, priority: -0.5 };
    return { match: 'maybe', priority: 0.5 };
  }
  const frame: Frame = { level: { node: null, path: '', counts: new Map(), value: [] }, mc: [], cx: alt.root === '/' ? '/' : '/', locals: new Map() };
  const resolved = resolvePath(alt.root === '/' ? alt : { ...alt, root: '/' }, scopeOf(frame, t.el), undefined);
  if (!resolved) return { match: 'maybe', priority: 0.5 };
  const pat = splitPath(resolved);
  const eq = (s: string, i: number) => stepEq(ctx, s, steps[i], '/' + steps.slice(0, i + 1).join('/'));
  const ok = alt.root === '/' ? pat.length === steps.length && pat.every((s, i) => eq(s, i)) : pat.length <= steps.length && pat.every((s, i) => eq(s, steps.length - pat.length + i));
  let priority = 0.5;
  if (relSteps.length === 1 && alt.root === '' && last?.t === 'step') {
    const instance = last.test.kind === 'name' && last.test.local === '*' && last.preds.length === 1;
    if (!last.preds.length && last.test.kind === 'name') priority = last.test.local !== '*' ? 0 : last.test.prefix && last.test.prefix !== '*' ? -0.25 : -0.5;
    else if (instance) priority = 0.5;
  }
  return { match: ok, priority };
}

function stepEq(ctx: ImportCtx, pattern: string, step: string, path: string): boolean {
  if (pattern === step) return true;
  // A tree step "instance_*" stands for instance_1, instance_2 …: "instance_1" matches it only where the group never repeats.
  const p = parseClark(pattern);
  const q = parseClark(step);
  return p.ns === q.ns && p.local === 'instance_1' && q.local === 'instance_*' && ctx.source?.find(path)?.maxOccurs === 1;
}

/** The one template in `mode` that processes the element at `path` (undefined when none or not decidable). */
export function matchTemplates(ctx: ImportCtx, path: string, mode: string): Template | undefined {
  let best: { t: Template; priority: number } | undefined;
  let tie = false;
  for (const t of ctx.templates) {
    if (!t.match) continue;
    const modes = t.mode.split(/\s+/);
    if (!modes.includes(mode) && !modes.includes('#all')) continue;
    const r = parseXPath(t.match);
    if (!r.ok) return undefined;
    for (const alt of alternatives(r.node)) {
      const m = patternMatch(ctx, t, alt, path);
      if (m.match === false) continue;
      if (m.match === 'maybe') return undefined;
      const prio = a(t.el, 'priority') !== undefined ? Number(a(t.el, 'priority')) : m.priority;
      if (!best || prio > best.priority) {
        best = { t, priority: prio };
        tie = false;
      } else if (prio === best.priority && best.t !== t) tie = true;
    }
  }
  return tie ? undefined : best?.t;
}
