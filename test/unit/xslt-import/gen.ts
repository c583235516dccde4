/**
 * Random mappings over a flow's source and target trees, for the round-trip property test: links,
 * constants, library functions with nested arguments, lookups with and without default, conditions,
 * explicit and implicit loops with filter and sort, variables, parameters, attributes, "#2" target
 * groups, raw blocks. Seeded, so a failure names the seed that reproduces it.
 *
 * The generator avoids what the XSLT cannot tell apart (documented in the test): an XPath escape that
 * reads like a library template, equals(normalize-space(x), '') (= empty(x)), a condition equal to the
 * optional-field test the compiler writes itself, a loop whose element value is the loop item.
 */
import { FUNCTIONS } from '../../../src/core/compiler/functions.ts';
import type { Expr } from '../../../src/core/model/expr.ts';
import type { Mapping, MappingRule, Parameter, RawBlock, ValueMap, Variable } from '../../../src/core/model/project.ts';
import type { SchemaNode, SchemaTree } from '../../../src/core/schema/types.ts';

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['Antrag', 'Gewerbe', 'GmbH & Co. KG', "O'Brien", 'a < b', 'x{y}z', 'Straße', '–', ' Leer vorn', 'hinten ', 'zwei\nZeilen', '- -', 'Tab\there', '100 %', '"Zitat"', ''];
/** XPath escapes that no library template matches (each is valid XPath 3.1). */
const XPATHS = ['position()', 'count(*)', 'last()', "string-length('abc')", 'sum((1, 2, 3))', "current-dateTime() instance of xs:dateTime", "string(node-name(.))", 'true() eq false()', "lower-case('A') || 'b'"];
const RAW_TOP = [
  '<xsl:function xmlns:f="urn:test:f" name="f:twice" as="xs:string">\n    <xsl:param name="s" as="xs:string"/>\n    <xsl:sequence select="concat($s, $s)"/>\n  </xsl:function>',
  '<xsl:key name="by-name" match="*" use="local-name()"/>',
  '<xsl:decimal-format name="de" decimal-separator="," grouping-separator="."/>',
];
const RAW_BODY = [
  '<xsl:comment>vom Import übernommen</xsl:comment>',
  '<xsl:comment>\n  zwei\n    Zeilen\n</xsl:comment>',
  '<xsl:sequence xmlns:f="urn:test:f" select="()[f:twice(\'a\') = \'\']"/>',
  '<xsl:if test="false()"><xsl:message>nie</xsl:message></xsl:if>',
];

interface SrcNode {
  path: string;
  node: SchemaNode;
  /** Some step from the root may repeat. */
  repeating: boolean;
  leaf: boolean;
}

function sourceNodes(tree: SchemaTree | undefined, maxDepth = 7): SrcNode[] {
  if (!tree) return [];
  const out: SrcNode[] = [];
  const walk = (n: SchemaNode, rep: boolean, depth: number) => {
    const repeating = rep || n.maxOccurs !== 1;
    out.push({ path: n.path, node: n, repeating, leaf: !n.hasChildren || !!n.simple });
    if (depth < maxDepth && n.hasChildren && !n.recursive) for (const c of tree.children(n)) if (c.kind === 'element' || c.kind === 'attribute') walk(c, repeating, depth + 1);
  };
  walk(tree.root, false, 1);
  return out;
}

export interface GenOptions {
  source?: SchemaTree;
  target: SchemaTree;
  namespaces: Record<string, string>;
  maxRules?: number;
}

/** A random mapping for a flow with these trees. */
export function genMapping(seed: number, opts: GenOptions): Mapping {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const chance = (p: number) => r() < p;
  const src = sourceNodes(opts.source);
  const maxRules = opts.maxRules ?? 30;
  let nextId = 1;
  const ids = () => `r${nextId++ * 3 - Math.floor(r() * 2)}`; // ids need not be dense or ordered

  const parameters: Parameter[] = [];
  for (let i = 0, n = Math.floor(r() * 3); i < n; i++) {
    const p: Parameter = { name: `p-${i}${pick(['a', 'b', 'stelle'])}`, type: pick(['string', 'string', 'integer', 'boolean'] as const) };
    if (chance(0.6)) p.default = pick(WORDS.filter((w) => w));
    if (chance(0.5)) p.documentation = pick(['Name der Stelle', 'Kennung; leer = aus der Nachricht', 'mehrzeilig\nzweite Zeile']);
    parameters.push(p);
  }
  const valueMaps: ValueMap[] = [];
  for (let i = 0, n = Math.floor(r() * 3); i < n; i++) {
    const rows: { from: string; to: string }[] = [];
    const froms = new Set<string>();
    for (let j = 0, m = 1 + Math.floor(r() * 4); j < m; j++) {
      const from = pick(WORDS) + (j ? String(j) : '');
      if (froms.has(from)) continue;
      froms.add(from);
      rows.push({ from, to: pick(['01', '02', 'X', "D'1", '']) });
    }
    const vm: ValueMap = { id: `tab${i}${pick(['', '-x', '_y'])}`, name: pick(['Rechtsform', 'Anrede (Code)', 'Liste – neu', `Tabelle ${i}`]), rows };
    if (chance(0.5)) vm.default = pick(['99', 'unbekannt', "n'a"]);
    valueMaps.push(vm);
  }
  const variables: Variable[] = [];

  /** Sources readable in the current loop contexts: below the innermost one, or outside every loop. */
  const sources = (contexts: string[], repeatingOk: boolean): SrcNode[] => {
    const inner = contexts[contexts.length - 1];
    return src.filter((s) => {
      if (s.path === opts.source?.root.path) return false;
      if (inner && (s.path === inner || s.path.startsWith(inner + '/'))) return repeatingOk || !src.some((o) => o.node.maxOccurs !== 1 && o.path.length > inner.length && s.path.startsWith(o.path) && o.path !== inner);
      // Fields of an outer loop item read from an inner, unrelated loop: the compiler reads them through the
      // outer loop's variable ($loopN, passed on to templates in structures mode).
      const outer = contexts.findLast((c) => s.path === c || s.path.startsWith(c + '/'));
      if (outer !== undefined) return s.path !== outer && !src.some((o) => o.node.maxOccurs !== 1 && o.path.length > outer.length && s.path.startsWith(o.path + '/') && o.path !== outer);
      return repeatingOk ? true : !s.repeating;
    });
  };
  const sourceExpr = (contexts: string[], repeatingOk = false): Expr | undefined => {
    const c = sources(contexts, repeatingOk).filter((s) => s.leaf);
    return c.length ? { kind: 'source', path: pick(c).path } : undefined;
  };
  const constExpr = (): Expr => {
    const k = r();
    if (k < 0.6) return { kind: 'const', value: pick(WORDS.filter((w) => w)) };
    if (k < 0.85) return { kind: 'const', value: pick(['0', '7', '-3', '2.50', '8100', '007']), type: 'number' };
    return { kind: 'const', value: pick(['true', 'false']), type: 'boolean' };
  };
  const genExpr = (contexts: string[], depth: number, inVariable = false): Expr => {
    const k = r();
    const leafBias = depth >= 2 ? 0.75 : 0.3;
    if (k < leafBias) {
      const s = chance(0.6) ? sourceExpr(contexts) : undefined;
      if (s) return s;
      const j = r();
      if (j < 0.15 && parameters.length) return { kind: 'param', name: pick(parameters).name };
      if (j < 0.3 && variables.length && !inVariable) return { kind: 'var', name: pick(variables).name };
      if (j < 0.4) return { kind: 'xpath', text: pick(XPATHS) };
      return constExpr();
    }
    if (k < leafBias + 0.12 && valueMaps.length) return { kind: 'lookup', map: pick(valueMaps).id, arg: genExpr(contexts, depth + 1, inVariable) };
    const fn = pick([...FUNCTIONS.values()]);
    const n = fn.variadic ? 2 + Math.floor(r() * 3) : fn.minArgs + Math.floor(r() * (fn.params.length - fn.minArgs + 1));
    const args: Expr[] = [];
    for (let i = 0; i < n; i++) {
      if (fn.id === 'join' && i === 0) args.push(sourceExpr(contexts, true) ?? genExpr(contexts, depth + 1, inVariable));
      else args.push(genExpr(contexts, depth + 1, inVariable));
    }
    // pad-left writes "… ! char": a negative number there would not even parse ("! -3"); the compiler does not parenthesise it.
    if (fn.id === 'pad-left' && args[2]?.kind === 'const' && args[2].value.startsWith('-')) args[2] = { kind: 'const', value: '0' };
    // equals(normalize-space(x), '') is written exactly like empty(x).
    if (fn.id === 'equals' && args[0].kind === 'call' && args[0].fn === 'normalize-space' && args[1].kind === 'const' && args[1].value === '' && !args[1].type) args[1] = { kind: 'const', value: 'x' };
    return { kind: 'call', fn: fn.id, args };
  };
  const condExpr = (contexts: string[]): Expr => {
    const s = sourceExpr(contexts) ?? constExpr();
    return pick<Expr>([
      { kind: 'call', fn: 'not', args: [{ kind: 'call', fn: 'empty', args: [s] }] },
      { kind: 'call', fn: 'equals', args: [s, constExpr()] },
      { kind: 'call', fn: 'exists', args: [s] },
      { kind: 'call', fn: 'or', args: [{ kind: 'call', fn: 'exists', args: [s] }, { kind: 'xpath', text: 'last() > 1' }] },
      { kind: 'xpath', text: 'count(*) > 0' },
    ]);
  };

  for (let i = 0, n = Math.floor(r() * 3); i < n; i++) {
    const v: Variable = { name: `v${i}-${pick(['id', 'summe', 'name'])}`, value: genExpr([], 1, true) };
    if (chance(0.5)) v.documentation = pick(['Einmal je Nachricht berechnet', "Ziffern nach 'AMT24-'"]);
    variables.push(v);
  }

  const rules: MappingRule[] = [];
  const raw: RawBlock[] = [];
  for (let i = 0, n = chance(0.3) ? 1 + Math.floor(r() * 2) : 0; i < n; i++) raw.push({ xslt: RAW_TOP[i] });
  // The body block calling f:twice needs the function block (else the import rightly reports an extension function).
  const rawBody = () => pick(raw.some((b) => b.xslt.includes('f:twice')) ? RAW_BODY : RAW_BODY.filter((x) => !x.includes('f:twice')));

  const tree = opts.target;
  const hasMapped = (path: string) => rules.some((x) => x.target === path || x.target.startsWith(path + '/')) || raw.some((b) => b.parent !== undefined && (b.parent === path || b.parent.startsWith(path + '/')));

  /** Maps some children of `node` (at `path`, inside loop contexts). */
  const fill = (node: SchemaNode, path: string, contexts: string[], depth: number) => {
    const kids = tree.children(node);
    if (chance(0.08)) raw.push({ xslt: rawBody(), parent: path });
    for (const k of kids) {
      if (rules.length >= maxRules) break;
      if (k.kind !== 'element' && k.kind !== 'attribute') continue;
      // A JSON array member is one node two steps below its object (`array[@key='k']/map`).
      const step = k.path.slice(node.path.length + 1);
      const groups = k.kind === 'element' && k.maxOccurs !== 1 && chance(0.25) ? 2 : 1;
      let last = `${path}/${step}`;
      for (let g = 1; g <= groups; g++) {
        if (!chance(depth <= 2 ? 0.6 : 0.45) && g === 1) break;
        last = `${path}/${step}${g > 1 ? `#${g}` : ''}`;
        node1(k, last, contexts, depth + 1);
      }
      if (k.kind === 'element' && hasMapped(last) && chance(0.06)) raw.push({ xslt: rawBody(), parent: path, after: last });
    }
  };

  const node1 = (k: SchemaNode, path: string, contexts: string[], depth: number) => {
    const rule: MappingRule = { id: ids(), target: path };
    if (chance(0.1)) rule.note = 'Hinweis zur Regel';
    if (k.kind === 'attribute') {
      rule.value = genExpr(contexts, 1);
      if (chance(0.2)) rule.condition = condExpr(contexts);
      rules.push(rule);
      return;
    }
    const complex = k.hasChildren && !k.recursive && depth < 8 && tree.children(k).some((c) => c.kind === 'element' || c.kind === 'attribute');
    let inner = contexts;
    const at = rules.length;
    const repeatingSources = sources(contexts, true).filter((s) => s.node.maxOccurs !== 1 && s.path !== contexts[contexts.length - 1]);
    if (k.maxOccurs !== 1 && repeatingSources.length && chance(0.4)) {
      const loop = pick(repeatingSources).path;
      inner = [...contexts, loop];
      rule.forEach = { source: loop };
      const inLoop = sources(inner, false).filter((s) => s.leaf && s.path.startsWith(loop + '/'));
      if (chance(0.3)) rule.forEach.filter = inLoop.length && chance(0.6) ? { kind: 'call', fn: 'equals', args: [{ kind: 'source', path: pick(inLoop).path }, constExpr()] } : { kind: 'xpath', text: 'position() > 1' };
      if (chance(0.15) && inLoop.length) rule.forEach.groupBy = { kind: 'source', path: pick(inLoop).path };
      if (chance(0.3) && inLoop.length) rule.forEach.sort = [{ expr: { kind: 'source', path: pick(inLoop).path }, order: pick(['ascending', 'descending'] as const), dataType: pick(['text', 'number'] as const) }];
    }
    if (chance(0.2)) rule.condition = condExpr(inner);
    const leaf = !complex;
    if (leaf || chance(0.2)) {
      if (!rule.forEach && k.maxOccurs !== 1 && chance(0.3)) {
        // A repeating source into a repeating target: the compiler writes the loop itself.
        const rep = sources(contexts, true).filter((s) => s.leaf && s.repeating && !sources(contexts, false).includes(s));
        if (rep.length) {
          rule.value = { kind: 'source', path: pick(rep).path };
          inner = [...contexts, rule.value.path];
          if (rule.condition) rule.condition = condExpr(inner);
        }
      }
      if (!rule.value) rule.value = k.simple && leaf && chance(0.05) ? { kind: 'const', value: '' } : genExpr(inner, 1);
      if (rule.forEach && rule.value.kind === 'source' && rule.value.path === rule.forEach.source) rule.value = constExpr();
    }
    rules.push(rule);
    if (complex) fill(k, path, inner, depth);
    const childrenMapped = rules.length > at + 1 || raw.some((b) => b.parent !== undefined && (b.parent === path || b.parent.startsWith(path + '/')));
    // Nothing in a simple element is written like an empty text ('' constant); an empty text next to children like nothing.
    const emptyText = rule.value?.kind === 'const' && rule.value.value === '' && !rule.value.type;
    if ((!rule.value && k.simple && !childrenMapped) || (emptyText && (childrenMapped || !k.simple))) rule.value = { kind: 'const', value: 'x' };
  };

  if (chance(0.2)) raw.push({ xslt: rawBody(), parent: '' });
  const rootRule = chance(0.3);
  if (rootRule) rules.push({ id: ids(), target: tree.root.path, condition: condExpr([]) });
  fill(tree.root, tree.root.path, [], 1);
  if (chance(0.15)) raw.push({ xslt: rawBody(), parent: '', after: tree.root.path });
  if (!rules.length) rules.push({ id: ids(), target: tree.root.path, condition: { kind: 'xpath', text: 'true()' } });

  const mapping: Mapping = { rules, parameters, valueMaps, variables, namespaces: { ...opts.namespaces } };
  // Pushed in the order the compiler prints them: top level, then depth-first through the target tree.
  if (raw.length) mapping.raw = raw;
  return mapping;
}

