/**
 * Testing a generic rule for an organisation other than the one its expected outputs were written for
 * (the test case's organisation, usually the fictitious test organisation, or the parameter defaults).
 *
 * The expected output still holds for everything the organisation's parameters do not touch. So:
 * target nodes whose value reads a parameter that differs are not compared with the expected output;
 * where the value IS the parameter (`$office-name`), the output must carry the organisation's value.
 * Parameters in loops or conditions can change the structure: those differences are reported as usual.
 */
import type { Expr } from '../model/expr.ts';
import type { Flow } from '../model/project.ts';
import { compareXml, type CompareResult, type XmlDifference } from '../runner/xml-compare.ts';
import { parseClark, splitPath, stripInstances } from '../schema/types.ts';
import { childElements, parseXml, type XmlElement } from '../xml/dom.ts';
import { m } from '../i18n.ts';

/** One target node whose value depends on parameters. */
export interface ParamUse {
  /** Local-name path as xml-compare's ignore understands it: "Kopf/Empfaenger/Name", "A/@b". */
  localPath: string;
  params: string[];
  /** Set when the value is exactly this parameter. */
  direct?: string;
}

function paramsIn(e: Expr | undefined, varParams: Map<string, Set<string>>, out: Set<string>): Set<string> {
  if (!e) return out;
  switch (e.kind) {
    case 'param':
      out.add(e.name);
      break;
    case 'var':
      for (const p of varParams.get(e.name) ?? []) out.add(p);
      break;
    case 'call':
      for (const a of e.args) paramsIn(a, varParams, out);
      break;
    case 'lookup':
      paramsIn(e.arg, varParams, out);
      break;
    case 'xpath':
      // Hand-written XPath: any $name that is a parameter counts.
      for (const m of e.text.matchAll(/\$([A-Za-z_][\w.-]*)/g)) {
        const viaVar = varParams.get(m[1]);
        if (viaVar) for (const p of viaVar) out.add(p);
        else out.add(m[1]);
      }
      break;
    case 'source':
    case 'const':
      break;
  }
  return out;
}

/** "/{ns}A/{ns}B#2/@c" → "A/B/@c". */
export function localPathOf(target: string): string {
  return splitPath(stripInstances(target))
    .map((step) => (step.startsWith('@') ? '@' + parseClark(step.slice(1)).local : parseClark(step).local))
    .join('/');
}

/** The target nodes of a flow whose values depend on its parameters. */
export function paramUses(flow: Flow): ParamUse[] {
  const declared = new Set(flow.mapping.parameters.map((p) => p.name));
  const varParams = new Map<string, Set<string>>();
  for (const v of flow.mapping.variables) varParams.set(v.name, paramsIn(v.value, varParams, new Set()));
  const out: ParamUse[] = [];
  for (const r of flow.mapping.rules) {
    const ps = [...paramsIn(r.value, varParams, new Set())].filter((p) => declared.has(p));
    if (!ps.length) continue;
    const use: ParamUse = { localPath: localPathOf(r.target), params: ps.sort() };
    if (r.value?.kind === 'param' && !r.condition) use.direct = r.value.name;
    out.push(use);
  }
  return out;
}

interface Analysis {
  uses: ParamUse[];
  /** How many rules write each local path (a direct value is checked only where it is the only one). */
  writers: Map<string, number>;
}

// Per flow object (flows are immutable data): a test plan over 420 organisations analyses each rule once.
const analyses = new WeakMap<Flow, Analysis>();

function analyse(flow: Flow): Analysis {
  let a = analyses.get(flow);
  if (!a) {
    const writers = new Map<string, number>();
    for (const r of flow.mapping.rules) {
      const lp = localPathOf(r.target);
      writers.set(lp, (writers.get(lp) ?? 0) + 1);
    }
    a = { uses: paramUses(flow), writers };
    analyses.set(flow, a);
  }
  return a;
}

/**
 * Compares an output made with `params` against an expected output made with `home` params.
 * Equal parameter values: a plain XML comparison.
 */
export function compareForParams(flow: Flow, expected: string, actual: string, ignore: readonly string[], home: Record<string, string>, params: Record<string, string>): CompareResult {
  const changed = new Set(flow.mapping.parameters.map((p) => p.name).filter((n) => (home[n] ?? '') !== (params[n] ?? '')));
  if (!changed.size) return compareXml(expected, actual, ignore);
  const analysis = analyse(flow);
  const uses = analysis.uses.filter((u) => u.params.some((p) => changed.has(p)));
  const base = compareXml(expected, actual, [...ignore, ...uses.map((u) => u.localPath)]);
  const diffs: XmlDifference[] = base.equal ? [] : [...base.differences];
  const direct = uses.filter((u) => u.direct && changed.has(u.direct) && analysis.writers.get(u.localPath) === 1);
  const doc = direct.length ? parseXml(actual, m('Ausgabe', 'output')) : undefined;
  if (doc?.ok) {
    for (const u of direct) {
      if (!u.direct) continue;
      const want = params[u.direct] ?? '';
      for (const got of valuesAt(doc.doc.root, u.localPath.split('/'))) {
        if (got !== want) diffs.push({ path: '/' + u.localPath, message: m(`"${got}" statt "${want}" (Parameter ${u.direct} der Organisation)`, `"${got}" instead of "${want}" (the organisation's parameter ${u.direct})`) });
      }
    }
  }
  return diffs.length ? { equal: false, differences: diffs } : { equal: true };
}

/** The values of all nodes at a local-name path (the first step names the root). */
function valuesAt(root: XmlElement, steps: string[]): string[] {
  if (!steps.length || root.local !== steps[0]) return [];
  let level: XmlElement[] = [root];
  for (let i = 1; i < steps.length; i++) {
    const s = steps[i];
    if (s.startsWith('@')) {
      const name = s.slice(1);
      return level.flatMap((el) => el.attrs.filter((a) => a.local === name).map((a) => a.value));
    }
    level = level.flatMap((el) => childElements(el).filter((c) => c.local === s));
  }
  return level.map((el) =>
    el.children
      .map((c) => (c.type === 'text' ? c.text : ''))
      .join('')
      .trim(),
  );
}
