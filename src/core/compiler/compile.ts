/**
 * Mapping → XSLT 3.0. Passes: index rules → walk the target tree along mapped paths, lowering each rule
 * to IR (with diagnostics instead of exceptions) → print deterministically with rule spans.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { Expr } from '../model/expr.ts';
import { sourcePaths } from '../model/expr.ts';
import type { Flow, MappingRule, RawBlock } from '../model/project.ts';
import { clark, isWildcardStep, parseClark, repeatsBeyondContext, splitPath, stripInstances, type SchemaNode, type SchemaTree } from '../schema/types.ts';
import { FN, isJsonTree, parseJsonStep } from '../schema/json/paths.ts';
import { shownPath } from '../schema/shown-path.ts';
import { JSON_WRAPPER } from '../runner/input.ts';
import { FUNCTIONS } from './functions.ts';
import { loopVarRefs, type ExprPart } from '../mapping/xpath-scope.ts';
import { variableOwner, xpathErrorKey, type XPathErrors } from './xpath-check.ts';
import { m, messageLang } from '../i18n.ts';

const JSON_VAR = 'json';

/** The last step of a path without its "#n" group suffix. */
function lastStep(path: string): string {
  return (splitPath(path).at(-1) ?? '').replace(/#\d+$/, '');
}
import type { Ir, TemplateDef } from './ir.ts';
import { escAttr, escAvtLiteral, Printer, type RuleSpan } from './printer.ts';
import { helpsAsTemplate, nameTemplates } from './structures.ts';

export const TOOL_VERSION = '0.1.0';

/** The header line of a rule compiled in structures mode; the XSLT import reads the option back from it. */
export const STRUCTURES_NOTE = 'Aufbau: eine benannte Vorlage je Zielstruktur (Option „Eine Vorlage je Struktur“).';

export interface CompileInput {
  project: { id: string; name: string };
  flow: Flow;
  /** The source tree; without it source paths are written as they are and not checked. */
  source?: SchemaTree;
  target: SchemaTree;
  /** Mark each mapped output element with a processing instruction naming its rules (see TRACE_PI). */
  trace?: boolean;
  /** XPath texts known to be broken where they sit (xpathErrorKey of rule, part and text, see xpath-check.ts) → the engine's message. */
  xpathErrors?: XPathErrors;
}

export interface CompileResult {
  xslt: string;
  diagnostics: Diagnostic[];
  spans: RuleSpan[];
}

const XSL = 'http://www.w3.org/1999/XSL/Transform';
const XS = 'http://www.w3.org/2001/XMLSchema';
const RESERVED = new Set(['xsl', 'xs', 'fn', 'map', 'array', 'math', 'xml', 'xmlns', 'err']);

class Ctx {
  readonly diagnostics: Diagnostic[] = [];
  private readonly uriToPrefix = new Map<string, string>();
  /** Namespaces used on the output side (declared on the stylesheet, kept in the result). */
  readonly targetNs = new Set<string>();
  readonly sourceNs = new Set<string>();
  /** Loop depths whose item an inner loop reads (they get `<xsl:variable name="loopN" select="."/>`). */
  readonly usedLoopVars = new Set<number>();

  /** The variable name of the loop item at a context depth, marking it as needed. */
  loopVar(depth: number): string {
    this.usedLoopVars.add(depth);
    for (const use of this.loopUse) use.add(depth);
    return `loop${depth + 1}`;
  }

  /** Structures mode: a named template per complex target structure (see helpsAsTemplate). */
  readonly structures: boolean;
  /** The templates of structures mode with their calls and pre-order position (names are given at the end). */
  readonly templates: { def: TemplateDef; call: Extract<Ir, { k: 'call' }>; order: number; path: string }[] = [];
  /** Pre-order counter of lowered target elements. */
  seq = 0;
  /** Loop depths read through their variable, one set per structure being lowered (innermost last). */
  readonly loopUse: Set<number>[] = [];
  /** Number of rules strictly below each target path (structures mode). */
  readonly below = new Map<string, number>();

  /** The source is JSON, read through json-to-xml() into $json. */
  readonly jsonSource: boolean;
  /** The target is JSON, built as json-to-xml() vocabulary and serialised with xml-to-json(). */
  readonly jsonTarget: boolean;
  /** Raw blocks of the XSLT import not yet printed, by the target path they sit in (see takeRaw). */
  readonly raw = new Map<string, RawBlock[]>();
  /** The stylesheet's default namespace: target elements in it are written without a prefix (see defaultTargetNs). */
  readonly defaultNs: string | undefined;
  constructor(
    readonly input: CompileInput,
    readonly rules: Map<string, MappingRule>,
    readonly needed: Set<string>,
  ) {
    this.jsonSource = isJsonTree(input.source);
    this.jsonTarget = isJsonTree(input.target);
    this.structures = input.flow.mapping.options?.templates === 'structures';
    this.defaultNs = defaultTargetNs(input, needed, this.jsonTarget);
    if (this.structures) {
      for (const path of rules.keys()) {
        const steps = splitPath(path);
        for (let i = 1; i < steps.length; i++) {
          const up = '/' + steps.slice(0, i).join('/');
          this.below.set(up, (this.below.get(up) ?? 0) + 1);
        }
      }
    }
    for (const b of input.flow.mapping.raw ?? []) if (b.parent !== undefined) this.raw.set(b.parent, [...(this.raw.get(b.parent) ?? []), b]);
    for (const [prefix, uri] of Object.entries(input.flow.mapping.namespaces)) {
      if (!this.uriToPrefix.has(uri) && !RESERVED.has(prefix)) this.uriToPrefix.set(uri, prefix);
    }
    // Hand-written XPath reads a JSON source as $json/fn:map/… (as completion writes it): its prefix gets declared.
    if (this.jsonSource) this.prefix(FN);
  }

  prefix(uri: string): string {
    let p = this.uriToPrefix.get(uri);
    // The JSON-as-XML vocabulary reads best with its customary prefix.
    if (!p && uri === FN && ![...this.uriToPrefix.values()].includes('fn')) {
      this.uriToPrefix.set(uri, 'fn');
      return 'fn';
    }
    if (!p) {
      const used = new Set(this.uriToPrefix.values());
      let i = 1;
      while (used.has(`ns${i}`)) i++;
      p = `ns${i}`;
      this.uriToPrefix.set(uri, p);
    }
    return p;
  }

  qname(step: string, side: 'source' | 'target'): string {
    const q = parseClark(step);
    if (!q.ns) return q.local;
    (side === 'source' ? this.sourceNs : this.targetNs).add(q.ns);
    return `${this.prefix(q.ns)}:${q.local}`;
  }

  /** A target element's name as written: its local name in the default namespace, else prefix:local. */
  elementName(step: string): string {
    const q = parseClark(step);
    return q.ns && q.ns === this.defaultNs ? q.local : this.qname(step, 'target');
  }

  /** Declares the flow's namespaces whose prefixes hand-written XPath uses (no path of ours may name them). */
  declarePrefixesIn(xpath: string): void {
    for (const [uri, prefix] of this.uriToPrefix) {
      if (new RegExp(`(^|[^\\w.:-])${prefix.replace(/[.-]/g, '\\$&')}:(?![:=])`).test(xpath)) this.sourceNs.add(uri);
    }
  }

  error(code: string, message: string, ruleId?: string, severity: Diagnostic['severity'] = 'error'): void {
    this.diagnostics.push({ severity, code, message, location: ruleId ? { path: `rule:${ruleId}` } : undefined });
  }
}

/**
 * The namespace to declare as the stylesheet's default one, so target elements read (and serialise) as
 * in a hand-written rule: the target root's. Only when that is safe: an XML target (a JSON target writes
 * the fn: vocabulary), no element written in no namespace (unprefixed, it would land in the default one),
 * and no raw block (XSLT kept verbatim by the import; it brings the declarations it uses from its own
 * stylesheet, but an unprefixed literal element in it means no namespace, so a default one must not be
 * in scope). Attributes are never in the default namespace and keep their prefixes.
 */
function defaultTargetNs(input: CompileInput, needed: Set<string>, jsonTarget: boolean): string | undefined {
  const ns = input.target.root.name.ns;
  if (jsonTarget || !ns || input.flow.mapping.raw?.length) return undefined;
  for (const path of needed) {
    // What lowerElement writes: the needed paths the target tree has (a dangling rule writes nothing).
    const node = input.target.find(stripInstances(path));
    if (node && node.kind !== 'attribute' && node.kind !== 'anyAttribute' && !node.name.ns) return undefined;
  }
  return ns;
}

/** Compiles a flow's mapping into XSLT 3.0 text. Never throws for user errors. */
export function compileFlow(input: CompileInput): CompileResult {
  const { flow, target } = input;
  const rules = new Map<string, MappingRule>();
  const needed = new Set<string>();
  const pre: Diagnostic[] = [];
  for (const r of flow.mapping.rules) {
    if (rules.has(r.target)) {
      pre.push({ severity: 'error', code: 'mapping.duplicate-target', message: m(`Zwei Regeln für dasselbe Zielfeld ${shownPath(r.target)}; die zweite wird ignoriert.`, `Two rules for the same target field ${shownPath(r.target)}; the second one is ignored.`), location: { path: `rule:${r.id}` } });
      continue;
    }
    rules.set(r.target, r);
    const steps = splitPath(r.target);
    for (let i = 1; i <= steps.length; i++) needed.add('/' + steps.slice(0, i).join('/'));
  }
  // Raw blocks (XSLT kept verbatim by the XSLT import) need the output elements they sit in.
  for (const b of flow.mapping.raw ?? []) splitPath(b.parent ?? '').forEach((_, i, steps) => needed.add('/' + steps.slice(0, i + 1).join('/')));
  const ctx = new Ctx(input, rules, needed);
  ctx.diagnostics.push(...pre);

  for (const r of rules.values()) {
    if (!target.find(stripInstances(r.target))) ctx.error('mapping.dangling-target', m(`Zielfeld ${r.target} gibt es im Zielschema nicht (mehr).`, `Target field ${r.target} does not exist in the target schema (any more).`), r.id);
    if (input.source) {
      const paths = [...sourcePaths(r.value), ...sourcePaths(r.condition), ...(r.forEach ? [r.forEach.source] : [])];
      for (const p of paths) {
        if (!input.source.find(p)) ctx.error('mapping.dangling-source', m(`Quellfeld ${p} gibt es im Quellschema nicht (mehr).`, `Source field ${p} does not exist in the source schema (any more).`), r.id);
      }
    }
  }

  const body = [...takeRaw(ctx, '', ''), ...lowerElement(ctx, target.root, []), ...takeRaw(ctx, '', null)];
  const templates = nameTemplates(ctx);
  for (const [parent, left] of ctx.raw) {
    if (!left.length) continue;
    const msg = m(
      `${left.length} unverändert übernommene XSLT-Blöcke stehen in ${parent}, das es im Zielschema nicht (mehr) gibt; sie stehen jetzt am Ende der Vorlage.`,
      `${left.length} XSLT blocks kept unchanged sit in ${parent}, which does not exist in the target schema (any more); they are now at the end of the template.`,
    );
    ctx.error('mapping.raw-orphan', msg);
  }
  body.push(...[...ctx.raw.keys()].flatMap((parent) => takeRaw(ctx, parent, null)));
  // Lowered before printing the header, so every namespace they use gets declared.
  const vars = flow.mapping.variables.map((v) => ({ v, select: exprXPath(ctx, v.value, [], variableOwner(v.name), 'variable') }));
  const params = flow.mapping.parameters;
  const maps = flow.mapping.valueMaps;

  const p = new Printer(input.trace);
  const meta = [
    `Regelwerk-Regel ${flow.scenarioCode}: ${flow.title}`,
    `Projekt: ${input.project.name} (${input.project.id})`,
    `Fluss: ${flow.id}${flow.version ? `, Version ${flow.version}` : ''}`,
    `Quelle: ${flow.source ? clark(flow.source.root) : '-'}`,
    `Ziel: ${flow.target ? clark(flow.target.root) : '-'}`,
    ...(ctx.structures ? [STRUCTURES_NOTE] : []),
    `Erzeugt von Regelwerk ${TOOL_VERSION}. Änderungen bitte im Mapper vornehmen.`,
  ];
  p.line(0, '<?xml version="1.0" encoding="UTF-8"?>');
  p.line(0, '<!--');
  for (const m of meta) p.line(1, m.replace(/--/g, '- -'));
  p.line(0, '-->');
  const nsDecls: string[] = [`xmlns:xsl="${XSL}"`, `xmlns:xs="${XS}"`];
  if (ctx.defaultNs) nsDecls.push(`xmlns="${escAttr(ctx.defaultNs)}"`);
  const allNs = [...new Set([...ctx.targetNs, ...ctx.sourceNs])];
  for (const uri of allNs) nsDecls.push(`xmlns:${ctx.prefix(uri)}="${escAttr(uri)}"`);
  // The default namespace's prefix (declared for hand-written XPath or a target attribute) is excluded, so
  // the output declares that namespace once, as its default; an attribute in it still gets its prefix declared.
  const excluded = ['xs', ...allNs.filter((u) => (ctx.sourceNs.has(u) && !ctx.targetNs.has(u)) || u === ctx.defaultNs).map((u) => ctx.prefix(u))];
  p.line(0, `<xsl:stylesheet version="3.0"`);
  for (const d of nsDecls) p.line(2, d);
  p.line(2, `exclude-result-prefixes="${excluded.join(' ')}">`);
  // A JSON target's trace run writes the json-to-xml() vocabulary itself (with the trace instructions,
  // which xml-to-json() would drop): its n-th fn:* element is the n-th value of the JSON output.
  const jsonText = ctx.jsonTarget && !input.trace;
  p.line(1, jsonText ? '<xsl:output method="text" encoding="UTF-8"/>' : '<xsl:output method="xml" indent="yes" encoding="UTF-8"/>');
  if (ctx.jsonSource) {
    p.line(0, '');
    p.line(1, `<!-- Die JSON-Eingabe (in <${JSON_WRAPPER}> eingepackt) als XML nach json-to-xml() -->`);
    p.line(1, `<xsl:variable name="${JSON_VAR}" select="json-to-xml(string(/*))"/>`);
  }
  if (params.length) p.line(0, '');
  for (const prm of params) {
    if (prm.documentation) p.line(1, `<!-- ${prm.documentation.replace(/--/g, '- -')} -->`);
    const def = prm.default !== undefined ? ` select="${escAttr(xpathString(prm.default))}"` : ` select="''"`;
    p.line(1, `<xsl:param name="${prm.name}" as="xs:string"${def}/>`);
  }
  for (const vm of maps) {
    p.line(0, '');
    p.line(1, `<!-- Wertetabelle ${vm.name.replace(/--/g, '- -')} -->`);
    p.line(1, `<xsl:variable name="vm-${vm.id}" as="map(xs:string, xs:string)" select="map {`);
    const seen = new Set<string>();
    const rows = vm.rows.filter((r) => {
      if (seen.has(r.from)) {
        ctx.error('mapping.valuemap-duplicate', m(`Wertetabelle ${vm.name}: der Wert "${r.from}" steht mehrfach darin; die erste Zeile gilt.`, `Value map ${vm.name}: the value "${r.from}" occurs more than once; the first row applies.`));
        return false;
      }
      seen.add(r.from);
      return true;
    });
    rows.forEach((r, i) => p.line(3, `${escAttr(xpathString(r.from))}: ${escAttr(xpathString(r.to))}${i < rows.length - 1 ? ',' : ''}`));
    p.line(1, `}"/>`);
  }
  for (const { v, select } of vars) {
    p.line(0, '');
    if (v.documentation) p.line(1, `<!-- ${v.documentation.replace(/--/g, '- -')} -->`);
    const start = p.lines.length + 1;
    p.line(1, `<xsl:variable name="${v.name}" select="${escAttr(select)}"/>`);
    p.spans.push({ ruleId: `var:${v.name}`, startLine: start, endLine: start });
  }
  for (const b of (flow.mapping.raw ?? []).filter((x) => x.parent === undefined)) {
    p.line(0, '');
    p.print([{ k: 'raw', text: b.xslt }], 1);
  }
  p.line(0, '');
  p.line(1, '<xsl:template match="/">');
  if (jsonText) {
    p.line(2, '<xsl:variable name="result">');
    p.print(body, 3);
    p.line(2, '</xsl:variable>');
    p.line(2, `<xsl:value-of select="xml-to-json($result, map { 'indent': true() })"/>`);
  } else p.print(body, 2);
  p.line(1, '</xsl:template>');
  p.templates(templates);
  p.line(0, '</xsl:stylesheet>');
  return { xslt: p.lines.join('\n') + '\n', diagnostics: ctx.diagnostics, spans: p.spans };
}

/** An XPath string literal. */
export function xpathString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Source path → XPath relative to the innermost loop context that contains it. */
function sourceXPath(ctx: Ctx, path: string, contexts: string[]): string {
  let base: string | undefined;
  let prefix = '';
  for (let i = contexts.length - 1; i >= 0; i--) {
    const c = contexts[i];
    if (path !== c && !path.startsWith(c + '/')) continue;
    base = c;
    // Only the innermost loop item is the context item; an outer one is reached through its variable.
    if (i < contexts.length - 1) prefix = `$${ctx.loopVar(i)}`;
    break;
  }
  if (base && path === base) return prefix || '.';
  const all = splitPath(path);
  const skip = base ? splitPath(base).length : 0;
  const out: string[] = [];
  for (let i = skip; i < all.length; i++) {
    const step = all[i];
    if (step.startsWith('@')) {
      out.push('@' + ctx.qname(step.slice(1), 'source'));
      continue;
    }
    const q = parseClark(step);
    if (q.local === '*') {
      out.push(`${q.ns ? ctx.prefix(q.ns) + ':' : ''}*`);
      if (q.ns) ctx.sourceNs.add(q.ns);
    } else if (isWildcardStep(q.local)) {
      const stem = q.local.slice(0, -1);
      const node = ctx.input.source?.find('/' + all.slice(0, i + 1).join('/'));
      // A group that never repeats has only its first instance; name it, it reads better.
      if (node && node.maxOccurs === 1 && stem === 'instance_') out.push(ctx.qname(clark({ ns: q.ns, local: 'instance_1' }), 'source'));
      else out.push(`${q.ns ? ctx.prefix(q.ns) + ':' : ''}*[starts-with(local-name(), ${xpathString(stem)})]`);
      if (q.ns) ctx.sourceNs.add(q.ns);
    } else out.push(ctx.qname(step, 'source'));
  }
  return (base ? (prefix ? prefix + '/' : '') : ctx.jsonSource ? `$${JSON_VAR}/` : '/') + out.join('/');
}

/** Expression → XPath, for the `part` of the rule `ruleId` (which place an XPath error belongs to). */
function exprXPath(ctx: Ctx, e: Expr, contexts: string[], ruleId: string, part: ExprPart): string {
  switch (e.kind) {
    case 'source':
      return sourceXPath(ctx, e.path, contexts);
    case 'const':
      if (e.type === 'number' && /^-?\d+(\.\d+)?$/.test(e.value)) return e.value;
      if (e.type === 'boolean') return e.value === 'true' ? 'true()' : 'false()';
      return xpathString(e.value);
    case 'param':
      if (!ctx.input.flow.mapping.parameters.some((p) => p.name === e.name)) ctx.error('mapping.unknown-param', m(`Parameter $${e.name} ist nicht deklariert.`, `Parameter $${e.name} is not declared.`), ruleId);
      return `$${e.name}`;
    case 'var':
      if (!ctx.input.flow.mapping.variables.some((v) => v.name === e.name)) ctx.error('mapping.unknown-variable', m(`Variable $${e.name} ist nicht deklariert.`, `Variable $${e.name} is not declared.`), ruleId);
      return `$${e.name}`;
    case 'call': {
      const fn = FUNCTIONS.get(e.fn);
      if (!fn) {
        ctx.error('mapping.unknown-function', m(`Unbekannte Funktion "${e.fn}".`, `Unknown function "${e.fn}".`), ruleId);
        return '()';
      }
      if (e.args.length < fn.minArgs || (!fn.variadic && e.args.length > fn.params.length)) {
        const label = fn.label[messageLang()];
        ctx.error(
          'mapping.arity',
          m(`Funktion ${label} erwartet ${fn.minArgs}${fn.variadic ? ' oder mehr' : ''} Argumente, hat ${e.args.length}.`, `Function ${label} expects ${fn.minArgs}${fn.variadic ? ' or more' : ''} arguments, has ${e.args.length}.`),
          ruleId,
        );
      }
      return fn.toXPath(e.args.map((a) => exprXPath(ctx, a, contexts, ruleId, part)));
    }
    case 'lookup': {
      const vm = ctx.input.flow.mapping.valueMaps.find((m) => m.id === e.map);
      if (!vm) {
        ctx.error('mapping.unknown-valuemap', m(`Wertetabelle "${e.map}" gibt es nicht.`, `Value map "${e.map}" does not exist.`), ruleId);
        return '()';
      }
      const arg = exprXPath(ctx, e.arg, contexts, ruleId, part);
      const call = `$vm-${vm.id}(string(${arg}))`;
      return vm.default !== undefined ? `(${call}, ${xpathString(vm.default)})[1]` : call;
    }
    case 'xpath':
      if (!e.text.trim()) {
        ctx.error('mapping.empty-xpath', m('Leerer XPath-Ausdruck.', 'Empty XPath expression.'), ruleId);
        return '()';
      }
      {
        const broken = ctx.input.xpathErrors?.get(xpathErrorKey(ruleId, part, e.text));
        if (broken) {
          // The broken expression yields nothing; every other part of the rule still compiles and runs.
          const shown = e.text.length > 60 ? e.text.slice(0, 57) + '…' : e.text;
          ctx.error('mapping.xpath-syntax', m(`XPath-Fehler in „${shown}“: ${broken}`, `XPath error in "${shown}": ${broken}`), ruleId);
          return '()';
        }
      }
      ctx.declarePrefixesIn(e.text);
      // Outer loop items the text reads ($loop1 …) get their variable, as for a structured source path.
      for (const d of loopVarRefs(e.text)) if (d < contexts.length - 1) ctx.loopVar(d);
      return `(${e.text})`;
  }
}

/**
 * Children of a node, rebased under the node's own (possibly instance-suffixed) path, with extra
 * groups "#2", "#3" … of repeating children where rules address them.
 */
function childrenWithInstances(ctx: Ctx, node: SchemaNode): SchemaNode[] {
  const base = stripInstances(node.path);
  const target = ctx.input.target;
  const baseNode = base === node.path ? node : target.find(base);
  if (!baseNode) return [];
  const out: SchemaNode[] = [];
  for (const k of target.children(baseNode)) {
    const path = node.path + k.path.slice(base.length);
    out.push(path === k.path ? k : { ...k, path });
    if (k.kind === 'element' && k.maxOccurs !== 1) {
      for (let i = 2; ctx.needed.has(`${path}#${i}`); i++) out.push({ ...k, path: `${path}#${i}` });
    }
  }
  return out;
}

const DATE_TYPES = new Set(['date', 'dateTime', 'time', 'gYear', 'gYearMonth']);
const NUMBER_TYPES = new Set(['decimal', 'integer', 'int', 'long', 'short', 'byte', 'nonNegativeInteger', 'positiveInteger', 'unsignedInt', 'double', 'float']);

/** Warns when a plain link joins fields whose types need a conversion (e.g. an Amt24 timestamp into xs:date). */
function checkTypes(ctx: Ctx, node: SchemaNode, value: Expr, ruleId: string): void {
  const tb = node.simple?.builtin;
  if (!tb || value.kind !== 'source' || !ctx.input.source) return;
  const sb = ctx.input.source.find(value.path)?.simple?.builtin;
  if (!sb || sb === tb) return;
  const mismatch =
    (DATE_TYPES.has(tb) && sb !== tb && (DATE_TYPES.has(sb) || sb === 'string')) || (NUMBER_TYPES.has(tb) && !NUMBER_TYPES.has(sb)) || (tb === 'boolean' && sb !== 'boolean');
  if (mismatch) {
    const msg = m(`Typ passt nicht: Quelle ${sb} → Ziel ${tb} (${node.name.local}); eine Umwandlungsfunktion verwenden.`, `Type mismatch: source ${sb} → target ${tb} (${node.name.local}); use a conversion function.`);
    ctx.error('mapping.type-mismatch', msg, ruleId, 'warning');
  }
}

function isRequired(n: SchemaNode): boolean {
  return n.minOccurs > 0 && n.fixed === undefined && n.default === undefined;
}

/** Lowers one target element (and the mapped part of its subtree) to IR. */
function lowerElement(ctx: Ctx, node: SchemaNode, contexts: string[]): Ir[] {
  const order = ctx.seq++;
  const rule = ctx.rules.get(node.path);
  const target = ctx.input.target;
  const kids = node.hasChildren ? childrenWithInstances(ctx, node) : [];
  let inner = contexts;
  let loopSelect: string | undefined;
  let sorts: { select: string; order: string; dataType: string }[] = [];
  let groupBy: string | undefined;
  const value = rule?.value;
  if (rule?.forEach) {
    let sel = sourceXPath(ctx, rule.forEach.source, contexts);
    const innerCtx = [...contexts, rule.forEach.source];
    if (rule.forEach.filter) sel += `[${exprXPath(ctx, rule.forEach.filter, innerCtx, rule.id, 'filter')}]`;
    sorts = (rule.forEach.sort ?? []).map((s) => ({ select: exprXPath(ctx, s.expr, innerCtx, rule.id, 'sort'), order: s.order, dataType: s.dataType }));
    if (rule.forEach.groupBy) groupBy = exprXPath(ctx, rule.forEach.groupBy, innerCtx, rule.id, 'groupBy');
    loopSelect = sel;
    inner = innerCtx;
  } else if (rule && value?.kind === 'source' && node.maxOccurs !== 1 && repeatsBeyondContext(ctx.input.source, value.path, contexts)) {
    // A repeating source linked to a repeating target: one target element per source item.
    loopSelect = sourceXPath(ctx, value.path, contexts);
    inner = [...contexts, value.path];
  } else if (rule && value?.kind === 'source' && node.maxOccurs === 1 && repeatsBeyondContext(ctx.input.source, value.path, contexts)) {
    const msg = m(
      `Mehrere Quellwerte (${value.path}) gehen in ein einzelnes Zielfeld ${node.name.local}; nutzen Sie eine Schleife oder "Verbinden".`,
      `Several source values (${value.path}) go into the single target field ${node.name.local}; use a loop or "Join with separator".`,
    );
    ctx.error('mapping.many-to-one', msg, rule.id, 'warning');
  }

  if (rule && value) checkTypes(ctx, node, value, rule.id);
  // Which outer loop items the structure's content reads: a template of it needs them passed in.
  const use = ctx.structures ? new Set<number>() : undefined;
  if (use) ctx.loopUse.push(use);
  const attrs: { name: string; value: string; ruleId?: string }[] = [];
  const content: Ir[] = [];
  let prevKid = ''; // raw blocks from an XSLT import go after the child they followed, printed or not
  let arrayOf: { step: string; ir: Extract<Ir, { k: 'element' }> } | undefined;
  for (const k of kids) {
    content.push(...takeRaw(ctx, node.path, prevKid));
    prevKid = k.path;
    if (!ctx.needed.has(k.path)) {
      if (isRequired(k) && !choiceSatisfied(ctx, k, kids) && k.kind !== 'any' && k.kind !== 'anyAttribute') {
        ctx.diagnostics.push({
          severity: 'warning',
          code: 'mapping.required-unmapped',
          message: m(`Pflichtfeld ${shownPath(k.path)} ist nicht zugeordnet.`, `Required field ${shownPath(k.path)} is not mapped.`),
          location: { path: k.path },
        });
      }
      continue;
    }
    if (k.kind === 'attribute') lowerAttribute(ctx, k, inner, attrs, content);
    else if (ctx.jsonTarget && splitPath(k.path).length - splitPath(node.path).length === 2) {
      // An array member is one repeating node for its items; the array element wraps them (a further group "#2" of items too).
      const step = splitPath(k.path).at(-2) ?? '';
      const last = content.at(-1);
      if (last && last === arrayOf?.ir && arrayOf.step === step) last.children.push(...lowerElement(ctx, k, inner));
      else {
        const arr = parseJsonStep(step);
        const ir: Extract<Ir, { k: 'element' }> = { k: 'element', name: `${ctx.prefix(FN)}:array`, attrs: arr?.key !== undefined ? [{ name: 'key', value: escAvtLiteral(arr.key) }] : [], children: lowerElement(ctx, k, inner) };
        content.push(ir);
        arrayOf = { step, ir };
      }
    } else content.push(...lowerElement(ctx, k, inner));
  }
  content.push(...takeRaw(ctx, node.path, prevKid), ...takeRaw(ctx, node.path, null));
  if (rule && value) {
    if (value.kind === 'const' && (value.type ?? 'string') === 'string') {
      if (value.value !== '') content.push({ k: 'text', text: value.value, ruleId: rule.id });
    } else {
      const sel = loopSelect && value.kind === 'source' && !rule.forEach ? '.' : exprXPath(ctx, value, inner, rule.id, 'value');
      content.push({ k: 'value-of', select: sel, ruleId: rule.id });
    }
  }
  // Attributes come first in `kids`, so xsl:attribute instructions precede child elements as XSLT requires.
  let out: Ir = { k: 'element', name: ctx.elementName(clark(node.name)), attrs, children: content, ruleId: rule?.id };
  const json = ctx.jsonTarget ? parseJsonStep(lastStep(node.path)) : undefined;
  if (json) {
    // JSON targets: the step says which json-to-xml element to write and its key.
    out = { k: 'element', name: `${ctx.prefix(FN)}:${json.kind === '*' ? 'string' : json.kind}`, attrs: json.key !== undefined ? [{ name: 'key', value: escAvtLiteral(json.key) }, ...attrs] : attrs, children: content, ruleId: rule?.id };
    ctx.targetNs.add(FN);
  }
  let tpl: (typeof ctx.templates)[number] | undefined;
  if (use) {
    ctx.loopUse.pop();
    if (out.k === 'element' && helpsAsTemplate(ctx, node, out, !!loopSelect)) {
      const params = [...use].filter((d) => d < inner.length).sort((a, b) => a - b).map((d) => `loop${d + 1}`);
      const call: Extract<Ir, { k: 'call' }> = { k: 'call', name: '', params };
      tpl = { def: { name: '', where: '', params, body: [out] }, call, order, path: node.path };
      ctx.templates.push(tpl);
      out = call;
    }
  }
  if (rule && value?.kind === 'source' && node.minOccurs === 0 && !loopSelect && !rule.condition) {
    // An optional target linked to one source field appears only when the source field does.
    out = { k: 'if', test: sourceXPath(ctx, value.path, contexts), children: [out], ruleId: rule.id };
  }
  if (rule?.condition) out = { k: 'if', test: exprXPath(ctx, rule.condition, inner, rule.id, 'condition'), children: [out], ruleId: rule.id };
  if (loopSelect) {
    const depth = inner.length - 1;
    const body: Ir[] = ctx.usedLoopVars.has(depth) ? [{ k: 'variable', name: `loop${depth + 1}`, select: '.' }, out] : [out];
    ctx.usedLoopVars.delete(depth);
    out = { k: 'for-each', select: loopSelect, groupBy, sorts, children: body, ruleId: rule?.id };
  }
  // An if / for-each of the same rule around the call printed the rule's comment already.
  if (tpl && out !== tpl.call) tpl.def.parentRule = rule?.id;
  return [out];
}

function lowerAttribute(ctx: Ctx, k: SchemaNode, contexts: string[], attrs: { name: string; value: string; ruleId?: string }[], content: Ir[]): void {
  const rule = ctx.rules.get(k.path);
  if (!rule?.value) return;
  const name = k.name.ns ? ctx.qname(clark(k.name), 'target') : k.name.local;
  const v = rule.value;
  if (rule.condition) {
    content.push({ k: 'if', test: exprXPath(ctx, rule.condition, contexts, rule.id, 'condition'), children: [{ k: 'attribute', name, select: exprXPath(ctx, v, contexts, rule.id, 'value') }], ruleId: rule.id });
  } else if (v.kind === 'const' && (v.type ?? 'string') === 'string') {
    attrs.push({ name, value: escAvtLiteral(v.value), ruleId: rule.id });
  } else if (v.kind === 'source' && k.minOccurs === 0) {
    const sel = sourceXPath(ctx, v.path, contexts);
    content.push({ k: 'if', test: sel, children: [{ k: 'attribute', name, select: sel }], ruleId: rule.id });
  } else {
    attrs.push({ name, value: `{${escAttr(exprXPath(ctx, v, contexts, rule.id, 'value'))}}`, ruleId: rule.id });
  }
}

/** Raw blocks (XSLT kept verbatim by the import) in `parent` that follow `after` ('' = first; null = all left), taken once. */
function takeRaw(ctx: Ctx, parent: string, after: string | null): Ir[] {
  const list = ctx.raw.get(parent);
  if (!list?.length) return [];
  const out = list.filter((b) => after === null || (b.after ?? '') === after);
  ctx.raw.set(parent, list.filter((b) => !out.includes(b)));
  return out.map((b) => ({ k: 'raw', text: b.xslt }));
}

function choiceSatisfied(ctx: Ctx, k: SchemaNode, siblings: SchemaNode[]): boolean {
  if (!k.choice) return false;
  return siblings.some((s) => s.choice === k.choice && ctx.needed.has(s.path));
}
