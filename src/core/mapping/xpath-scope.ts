/**
 * What a hand-written XPath of a rule can see: the enclosing loops (their source paths, the innermost being
 * the context item), whether it sits in a group-by loop, and the flow's parameters, variables, value maps
 * and namespace prefixes. Mirrors how the compiler (compile.ts, lowerElement) nests loops, so completion
 * offers the paths the compiled rule actually resolves.
 */
import type { Flow } from '../model/project.ts';
import { repeatsBeyondContext, splitPath, stripInstances, type SchemaTree } from '../schema/types.ts';

/** The variable the compiler binds the item of the loop at `depth` (0 = outermost) to, for inner loops to read. */
export function loopVarName(depth: number): string {
  return `loop${depth + 1}`;
}

/**
 * The loop depths whose item variable (`$loop1` …, see loopVarName) an XPath text reads; string
 * literals and comments do not count. The compiler binds exactly those that are outer loops there.
 */
export function loopVarRefs(text: string): number[] {
  // Blank out literals and (nested) comments, keeping offsets, then look for the variable references.
  let code = '';
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && !(text[j] === c && text[j + 1] !== c)) j += text[j] === c ? 2 : 1;
      code += ' '.repeat(Math.min(j + 1, text.length) - i);
      i = j + 1;
    } else if (c === '(' && text[i + 1] === ':') {
      let depth = 0;
      let j = i;
      do {
        if (text.startsWith('(:', j)) (depth++, (j += 2));
        else if (text.startsWith(':)', j)) (depth--, (j += 2));
        else j++;
      } while (depth > 0 && j < text.length);
      code += ' '.repeat(j - i);
      i = j;
    } else (code += c), i++;
  }
  const out = new Set<number>();
  for (const m of code.matchAll(/\$\s*loop([1-9]\d*)(?![\p{L}\p{N}_.\-\u00B7])/gu)) out.add(Number(m[1]) - 1);
  return [...out].sort((a, b) => a - b);
}

/** Which part of a rule an expression is: decides the loop context and whether a group is current. */
export type ExprPart = 'value' | 'condition' | 'filter' | 'sort' | 'groupBy' | 'variable';

export interface XPathScope {
  /** The source message tree (absent when the flow has none). */
  source?: SchemaTree;
  /** prefix → namespace URI, as declared for the flow. */
  namespaces: Readonly<Record<string, string>>;
  /** Source paths of the enclosing loops, outermost first; the last one is the context item. */
  contexts: string[];
  /** True when the innermost loop groups (current-group() and current-grouping-key() are available). */
  grouping: boolean;
  parameters: { name: string; type?: string; documentation?: string }[];
  variables: { name: string; documentation?: string }[];
  valueMaps: { id: string; name: string }[];
}

/**
 * The loops around a target path, outermost first: explicit loops (forEach) and the implicit one the
 * compiler makes when a repeating source field is linked to a repeating target element.
 */
export function loopContexts(flow: Flow, source: SchemaTree | undefined, target: SchemaTree | undefined, targetPath: string): { source: string; grouped: boolean }[] {
  const rules = new Map<string, Flow['mapping']['rules'][number]>();
  for (const r of flow.mapping.rules) if (!rules.has(r.target)) rules.set(r.target, r); // the compiler ignores a second rule too
  const steps = splitPath(targetPath);
  const out: { source: string; grouped: boolean }[] = [];
  for (let i = 1; i <= steps.length; i++) {
    const p = '/' + steps.slice(0, i).join('/');
    const r = rules.get(p);
    if (!r) continue;
    if (r.forEach) {
      out.push({ source: r.forEach.source, grouped: !!r.forEach.groupBy });
      continue;
    }
    const node = target?.find(stripInstances(p));
    const ctx = out.map((c) => c.source);
    if (r.value?.kind === 'source' && node?.kind === 'element' && node.maxOccurs !== 1 && repeatsBeyondContext(source, r.value.path, ctx)) {
      out.push({ source: r.value.path, grouped: false });
    }
  }
  return out;
}

/** The scope of an expression in the rule of `targetPath` (none for a flow variable, evaluated once per message). */
export function xpathScope(flow: Flow, source: SchemaTree | undefined, target: SchemaTree | undefined, targetPath: string | undefined, part: ExprPart): XPathScope {
  const loops = targetPath && part !== 'variable' ? loopContexts(flow, source, target, targetPath) : [];
  const m = flow.mapping;
  return {
    source,
    namespaces: m.namespaces,
    contexts: loops.map((l) => l.source),
    // A filter and the group key are evaluated per source item, before any group exists.
    grouping: part !== 'filter' && part !== 'groupBy' && !!loops.at(-1)?.grouped,
    parameters: m.parameters.map((p) => ({ name: p.name, type: p.type, documentation: p.documentation })),
    variables: m.variables.map((v) => ({ name: v.name, documentation: v.documentation })),
    valueMaps: m.valueMaps.map((v) => ({ id: v.id, name: v.name })),
  };
}
