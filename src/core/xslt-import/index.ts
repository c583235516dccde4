/**
 * XSLT → mapping (the round trip of the compiler). A rule this compiler wrote comes back as the mapping
 * it was compiled from; a hand-written one as far as the mapping model reaches, the rest kept verbatim
 * as raw blocks that every later compile prints back at their place. Hard errors (not XML, not XSLT,
 * XPath syntax errors, extension functions, no template making the target root) change nothing.
 */
import { STRUCTURES_NOTE } from '../compiler/compile.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { m } from '../i18n.ts';
import type { Flow, Mapping, MappingRule, Parameter, Project, RawBlock, ValueMap, Variable } from '../model/project.ts';
import { messageTree } from '../schema/index.ts';
import { FN } from '../schema/json/paths.ts';
import { clark } from '../schema/types.ts';
import { childElements, lookupNamespace, parseXml, type XmlElement } from '../xml/dom.ts';
import { walkSeq } from './body.ts';
import { a, isXsl, lineOf, note, RawFallback, XSL_NS, XS_NS, type Frame, type ImportCtx } from './context.ts';
import type { Globals } from './convert.ts';
import { keepRawTop } from './raw.ts';
import { descendants, expressionsOf, extensionCalls } from './scan.ts';
import { isJsonTree } from '../schema/json/paths.ts';
import { isJsonToXml, unwrapJsonResult } from './json.ts';
import { elementSpans } from './spans.ts';
import { parseXPath } from './xpath-parser.ts';
import { matchTemplates } from './templates.ts';
import { asParameter, asValueMap, asVariable, checkOutput, declarations, entryTemplate, lookupDefaults, templatesOf, type Decl } from './top.ts';

export interface ImportOptions {
  project: Project;
  flow: Flow;
  /** File name for locations in the report. */
  file?: string;
}

export interface ImportStats {
  rules: number;
  raw: number;
  parameters: number;
  variables: number;
  valueMaps: number;
}

export interface ImportResult {
  /** False on a hard error: `mapping` is then the flow's mapping, unchanged. */
  ok: boolean;
  mapping: Mapping;
  /** The raw blocks of `mapping` (kept-verbatim XSLT). */
  raw: RawBlock[];
  report: Diagnostic[];
  stats: ImportStats;
}

const RESERVED = new Set(['xsl', 'xs', 'fn', 'map', 'array', 'math', 'xml', 'xmlns', 'err']);

/** Reads XSLT text into a mapping for `flow`. Never throws for bad input. */
export function importXslt(text: string, opts: ImportOptions): ImportResult {
  const { flow, project, file } = opts;
  const fail = (report: Diagnostic[]): ImportResult => ({
    ok: false,
    mapping: flow.mapping,
    raw: flow.mapping.raw ?? [],
    report,
    stats: { rules: 0, raw: 0, parameters: 0, variables: 0, valueMaps: 0 },
  });
  const err = (code: string, message: string, line?: number, column?: number): Diagnostic => ({ severity: 'error', code, message, location: { file, line, column } });

  const parsed = parseXml(text, file);
  if (!parsed.ok) return fail([{ ...parsed.error, code: 'xslt-import.not-xml', message: m(`Keine XSLT-Datei: ${parsed.error.message}`, `Not an XSLT file: ${parsed.error.message}`) }]);
  const root = parsed.doc.root;
  const simplified = root.ns !== XSL_NS && root.attrs.some((x) => x.ns === XSL_NS && x.local === 'version');
  if (!simplified && !(root.ns === XSL_NS && (root.local === 'stylesheet' || root.local === 'transform'))) {
    const msg = m(
      `Keine XSLT-Datei: das Wurzelelement ist <${root.name}>${root.ns ? ` im Namensraum ${root.ns}` : ''}, erwartet <xsl:stylesheet> im Namensraum ${XSL_NS}.`,
      `Not an XSLT file: the root element is <${root.name}>${root.ns ? ` in the namespace ${root.ns}` : ''}, expected <xsl:stylesheet> in the namespace ${XSL_NS}.`,
    );
    return fail([err('xslt-import.not-xslt', msg, 1, 1)]);
  }

  const spans = elementSpans(text, root);
  const lineAt = (el: XmlElement) => lineOf({ spans, text } as ImportCtx, el);
  const syntax: Diagnostic[] = [];
  for (const el of descendants(root)) {
    for (const fx of expressionsOf(el)) {
      if (!fx.error || syntax.length >= 20) continue;
      const [at, shown] = [fx.error.offset + 1, fx.text.slice(0, 80)];
      const msg = m(`XPath-Syntaxfehler in <${el.name}> @${fx.attr} bei Zeichen ${at}: ${fx.error.message} („${shown}“)`, `XPath syntax error in <${el.name}> @${fx.attr} at character ${at}: ${fx.error.message} ("${shown}")`);
      syntax.push(err('xslt-import.xpath-syntax', msg, lineAt(el)));
    }
  }
  if (syntax.length) return fail(syntax);
  const ext = extensionCalls(root);
  const extEls = descendants(root).filter((el) => el.attrs.some((x) => x.local === 'extension-element-prefixes' && (el.ns === XSL_NS ? !x.ns : x.ns === XSL_NS)));
  if (ext.length || extEls.length) {
    return fail([
      ...ext.slice(0, 20).map((x) =>
        err(
          'xslt-import.extension',
          m(
            `Erweiterungsfunktion ${x.name} (Namensraum ${x.uri}) in Zeile ${lineAt(x.el)}: sie läuft weder in SaxonJS noch in Saxon-HE; nichts importiert.`,
            `Extension function ${x.name} (namespace ${x.uri}) on line ${lineAt(x.el)}: it runs neither in SaxonJS nor in Saxon-HE; nothing imported.`,
          ),
          lineAt(x.el),
        ),
      ),
      ...extEls.slice(0, 5).map((el) =>
        err(
          'xslt-import.extension',
          m(
            `Erweiterungselemente (extension-element-prefixes) in Zeile ${lineAt(el)}: nicht unterstützt; nichts importiert.`,
            `Extension elements (extension-element-prefixes) on line ${lineAt(el)}: not supported; nothing imported.`,
          ),
          lineAt(el),
        ),
      ),
    ]);
  }

  const tgt = messageTree(project.schemas, flow.target);
  if (!tgt.tree) {
    const why = tgt.diagnostics.map((d) => d.message).join(' ') || m('kein Nachrichtentyp gewählt', 'no message type chosen');
    return fail([err('xslt-import.no-target', m(`Der Fluss ${flow.id} hat kein lesbares Zielschema: ${why}.`, `The flow ${flow.id} has no readable target schema: ${why}.`))]);
  }
  const src = messageTree(project.schemas, flow.source);
  // A JSON source's document is what json-to-xml() gives; the input's root element is only its wrapper.
  const sourceRoot = flow.source && !isJsonTree(src.tree) ? '/' + clark(flow.source.root) : undefined;

  let keepMaps = new Set<string>();
  for (let pass = 0; ; pass++) {
    const r = run(text, root, simplified, spans, src.tree, tgt.tree, sourceRoot, keepMaps, file);
    if (!r.ctx) return fail(r.report);
    // A raw block that reads a renamed map variable needs it under its own name: keep that map raw too.
    const renamed = [...r.ctx.g.maps].filter(([v, m]) => v !== `vm-${m.id}`).map(([v]) => v);
    const read = renamed.filter((v) => r.ctx!.raw.some((b) => new RegExp(`\\$${v.replace(/[.-]/g, '\\$&')}(?![\\w.-])`).test(b.xslt)));
    if (!read.length || pass > 2) return assemble(r.ctx, flow, r.parts, structuresMode(text, spans.get(root)?.start ?? 0));
    keepMaps = new Set([...keepMaps, ...read]);
  }
}

interface Parts {
  parameters: Parameter[];
  valueMaps: ValueMap[];
  variables: Variable[];
  namespaces: Record<string, string>;
}

function run(
  text: string,
  root: XmlElement,
  simplified: boolean,
  spans: ReturnType<typeof elementSpans>,
  source: ImportCtx['source'],
  target: ImportCtx['target'],
  sourceRoot: string | undefined,
  keepMaps: Set<string>,
  file: string | undefined,
): { ctx?: ImportCtx; parts: Parts; report: Diagnostic[] } {
  const g: Globals = { source, params: new Set(), vars: new Set(), maps: new Map() };
  const ctx: ImportCtx = {
    text,
    file,
    spans,
    root,
    g,
    source,
    target,
    rules: [],
    raw: [],
    report: [],
    promoted: [],
    templates: [],
    consumed: new Set(),
    used: new Set(),
    keepMaps,
    inlining: [],
    nowOptional: [],
    jsonTarget: isJsonTree(target),
    jsonDocs: new Map(),
  };
  const parts: Parts = { parameters: [], valueMaps: [], variables: [], namespaces: {} };
  for (const [p, uri] of Object.entries(root.nsDecls)) if (p && !RESERVED.has(p) && uri !== XSL_NS && uri !== XS_NS) parts.namespaces[p] = uri;

  const decls: Decl[] = simplified ? [] : declarations(root);
  ctx.templates = templatesOf(decls);
  // Value maps first: lookups anywhere refer to them.
  const maps = new Map<XmlElement, { varName: string; map: ValueMap }>();
  for (const d of decls) {
    const vm = asValueMap(d);
    if (vm && !keepMaps.has(vm.varName) && !parts.valueMaps.some((m) => m.id === vm.map.id)) maps.set(d.el, vm);
  }
  const defaults = lookupDefaults(root, new Set([...maps.values()].map((m) => m.varName)));
  for (const vm of maps.values()) {
    const dflt = defaults.get(vm.varName);
    if (dflt !== undefined) vm.map.default = dflt;
    g.maps.set(vm.varName, { id: vm.map.id, default: dflt });
    parts.valueMaps.push(vm.map);
  }
  for (const d of decls) {
    if (isXsl(d.el, 'param')) {
      const p = asParameter(d);
      if (p && !g.params.has(p.name)) {
        parts.parameters.push(p);
        g.params.add(p.name);
      }
    }
  }
  const jsonDocs = isJsonTree(source) ? jsonDocVariables(ctx, decls) : new Set<XmlElement>();
  // Variables may refer to each other in any order: settle which ones convert, then convert them.
  const varDecls = decls.filter((d) => isXsl(d.el, 'variable') && !maps.has(d.el) && !jsonDocs.has(d.el));
  let candidates = new Set(varDecls.map((d) => a(d.el, 'name') ?? ''));
  let converted: Map<XmlElement, Variable> = new Map();
  for (let i = 0; i < 5; i++) {
    g.vars = new Set(candidates);
    converted = new Map();
    const failed = new Set<string>();
    for (const d of varDecls) {
      try {
        converted.set(d.el, asVariable(ctx, d));
      } catch (e) {
        if (!(e instanceof RawFallback)) throw e;
        failed.add(a(d.el, 'name') ?? '');
      }
    }
    if (![...failed].some((n) => candidates.has(n))) break;
    candidates = new Set([...candidates].filter((n) => !failed.has(n)));
  }
  g.vars = new Set([...converted.values()].map((v) => v.name));

  const entry = simplified ? undefined : entryTemplate(sourceRoot, (p) => matchTemplates(ctx, p, '#default'));
  if (!simplified && !entry) {
    return { parts, report: [{ severity: 'error', code: 'xslt-import.no-entry', message: m('Keine Vorlage für den Dokumentknoten ("/") oder das Wurzelelement der Quelle gefunden; nichts importiert.', 'No template found for the document node ("/") or the root element of the source; nothing imported.'), location: { file } }] };
  }

  // Top level, in document order.
  for (const d of decls) {
    const el = d.el;
    if (el.ns === XSL_NS && el.local === 'output' && checkOutput(ctx, el)) continue;
    if (maps.has(el) || jsonDocs.has(el)) continue;
    if (isXsl(el, 'param') && parts.parameters.some((p) => p.name === a(el, 'name'))) continue;
    if (converted.has(el)) {
      parts.variables.push(converted.get(el)!);
      continue;
    }
    if (isXsl(el, 'template')) continue;
    if (isXsl(el, 'import') || isXsl(el, 'include')) {
      const ref = `<${el.name} href="${a(el, 'href') ?? ''}">`;
      const msg = m(
        `${ref} verweist auf eine andere Datei; die erzeugte Regel ist eine einzelne Datei und kann sie nicht laden. Bitte deren Inhalt einfügen.`,
        `${ref} refers to another file; the generated rule is a single file and cannot load it. Please paste its content instead.`,
      );
      note(ctx, 'warning', 'xslt-import.external', msg, el);
    }
    const why =
      el.ns !== XSL_NS
        ? m('kein XSLT-Element', 'not an XSLT element')
        : isXsl(el, 'variable') || isXsl(el, 'param')
          ? m('nicht als Mapping darstellbar', 'cannot be shown as a mapping')
          : m('Deklaration ohne Entsprechung im Mapping', 'declaration with no counterpart in the mapping');
    keepRawTop(ctx, el, why);
  }

  const frame: Frame = { level: { node: null, path: '', counts: new Map(), value: [] }, mc: [], cx: entry?.cx ?? '/', locals: new Map(ctx.jsonDocs) };
  if (entry) {
    let body = entry.t.el.children.filter((c) => !isXsl(c, 'param'));
    if (ctx.jsonTarget) body = unwrapJsonResult(ctx, body);
    for (const p of childElements(entry.t.el).filter((c) => isXsl(c, 'param'))) {
      const name = a(p, 'name');
      const msg = m(`Parameter $${name} der Einstiegsvorlage wird ignoriert (er hat beim Aufruf immer seinen Standardwert).`, `Parameter $${name} of the entry template is ignored (it always has its default value when called).`);
      note(ctx, 'warning', 'xslt-import.template-param', msg, p);
    }
    walkSeq(ctx, body, frame, entry.t.el);
    ctx.consumed.add(entry.t.el);
  } else walkSeq(ctx, [root], frame, root);
  if (!ctx.used.has(target.root.path) && !ctx.rules.some((r) => r.rule.target.startsWith(target.root.path))) {
    const root = target.root.name.local;
    note(ctx, 'warning', 'xslt-import.no-root', m(`Das Zielelement ${root} wird von keiner importierten Regel erzeugt.`, `No imported rule creates the target element ${root}.`));
  }

  // Templates not inlined into the mapping (or called from raw blocks) stay as they are.
  const rawCalls = ctx.raw.map((b) => b.xslt).join('\n');
  for (const t of ctx.templates) {
    if (entry && t.el === entry.t.el) continue;
    const called = (t.name && new RegExp(`call-template[^>]*name="${t.name}"`).test(rawCalls)) || (t.match && /apply-templates/.test(rawCalls));
    if (!ctx.consumed.has(t.el) || called) {
      keepRawTop(ctx, t.el, ctx.consumed.has(t.el) ? m('wird auch von Rohblöcken aufgerufen', 'also called from raw blocks') : m('Vorlage, die nicht als Mapping darstellbar ist', 'a template that cannot be shown as a mapping'));
    }
  }
  parts.variables.push(...ctx.promoted);
  if (ctx.nowOptional.length) {
    const [n, fields] = [ctx.nowOptional.length, [...new Set(ctx.nowOptional)].join(', ')];
    const msg = m(
      `${n} optionale Zielfelder erscheinen in der erzeugten Regel nur noch, wenn ihr Quellfeld vorhanden ist (die Vorlage schrieb sie dann leer): ${fields}.`,
      `${n} optional target fields now appear in the generated rule only when their source field is present (the stylesheet wrote them empty then): ${fields}.`,
    );
    note(ctx, 'warning', 'xslt-import.optional', msg);
  }
  return { ctx, parts, report: ctx.report };
}

/**
 * Global variables holding the JSON source document (`json-to-xml(…)`): they become aliases of the
 * document, read as the compiled rule's $json. A document read from elsewhere than the input message
 * (unparsed-text …) is reported: the compiled rule reads the message.
 */
function jsonDocVariables(ctx: ImportCtx, decls: Decl[]): Set<XmlElement> {
  const out = new Set<XmlElement>();
  for (const d of decls) {
    if (!isXsl(d.el, 'variable') || d.el.children.some((c) => c.type === 'element')) continue;
    const name = a(d.el, 'name') ?? '';
    const r = parseXPath(a(d.el, 'select') ?? '');
    if (!r.ok || !/^[A-Za-z_][\w.-]*$/.test(name) || !isJsonToXml(r.node, (p) => lookupNamespace(d.el, p))) continue;
    out.add(d.el);
    ctx.jsonDocs.set(name, { kind: 'path', path: '/', global: true });
    const arg = r.node.t === 'call' ? r.node.args[0] : undefined;
    const argText = arg ? (a(d.el, 'select') ?? '').slice(arg.s, arg.e).replace(/\s+/g, '') : '';
    if (!['string(/*)', '.', '/', 'string(.)', 'string(/)', '/*'].includes(argText)) {
      const msg = m(
        `$${name} liest das JSON aus „${argText}“; die erzeugte Regel liest es aus der Eingabenachricht (json-to-xml(string(/*))).`,
        `$${name} reads the JSON from "${argText}"; the generated rule reads it from the input message (json-to-xml(string(/*))).`,
      );
      note(ctx, 'warning', 'xslt-import.json-input', msg, d.el);
    }
    if (name !== 'json') note(ctx, 'info', 'xslt-import.json-doc', m(`$${name} (json-to-xml) heißt in der erzeugten Regel $json.`, `$${name} (json-to-xml) is called $json in the generated rule.`), d.el);
  }
  return out;
}

/** True when the header before the stylesheet element says the compiler wrote it in structures mode. */
function structuresMode(text: string, rootStart: number): boolean {
  return text.slice(0, rootStart).includes(STRUCTURES_NOTE);
}

/** The mapping from what the walk found: rule ids from markers (fresh ones otherwise), carried-over metadata. */
function assemble(ctx: ImportCtx, flow: Flow, parts: Parts, structures: boolean): ImportResult {
  const old = flow.mapping;
  const taken = new Set<string>();
  const rules: MappingRule[] = [];
  let marked = false;
  for (const d of ctx.rules) {
    if (d.id !== undefined && !taken.has(d.id)) {
      taken.add(d.id);
      marked = true;
    }
  }
  let next = 1;
  for (const id of taken) {
    const m = /^r(\d+)$/.exec(id);
    if (m) next = Math.max(next, Number(m[1]) + 1);
  }
  const given = new Set<string>();
  for (const d of ctx.rules) {
    let id = d.id !== undefined && !given.has(d.id) ? d.id : undefined;
    if (id === undefined) {
      while (taken.has(`r${next}`)) next++;
      id = `r${next++}`;
      taken.add(id);
    }
    given.add(id);
    const prev = old.rules.find((r) => r.id === id && r.target === d.rule.target);
    rules.push({ id, ...d.rule, ...(prev?.note !== undefined ? { note: prev.note } : {}) });
  }
  // Re-importing a rule this compiler wrote: keep the order the flow already has.
  if (marked) {
    const pos = new Map(old.rules.map((r, i) => [`${r.id}\n${r.target}`, i]));
    const at = (r: MappingRule) => pos.get(`${r.id}\n${r.target}`) ?? Infinity;
    rules.sort((x, y) => at(x) - at(y));
  }
  const parameters = parts.parameters.map((p) => {
    const prev = old.parameters.find((q) => q.name === p.name);
    if (!prev || (prev.default ?? '') !== (p.default ?? '')) return p;
    // Keys in the model's order, so a saved project stays byte-identical.
    const q: Parameter = { name: p.name, type: prev.type };
    if (prev.default !== undefined) q.default = prev.default;
    if (p.documentation !== undefined) q.documentation = p.documentation;
    return q;
  });
  const valueMaps = parts.valueMaps.map((m) => {
    const prev = old.valueMaps.find((v) => v.id === m.id);
    const used = hasLookup(rules, parts.variables, m.id);
    if (!used && prev?.default !== undefined && m.default === undefined) return { ...m, default: prev.default };
    return m;
  });
  const namespaces = { ...parts.namespaces };
  const declared = new Set(Object.values(namespaces));
  for (const [p, uri] of Object.entries(old.namespaces)) if (!(p in namespaces) && !declared.has(uri)) namespaces[p] = uri;
  // A namespace the rules use without a prefix (a default namespace in the original) gets a readable one.
  for (const uri of usedNamespaces(rules)) {
    // JSON steps: the compiler writes the json-to-xml() namespace with its customary prefix fn.
    if (Object.values(namespaces).includes(uri) || uri === FN) continue;
    namespaces[prefixFor(uri, new Set(Object.keys(namespaces)))] = uri;
  }
  const mapping: Mapping = { rules, parameters, valueMaps, variables: parts.variables, namespaces };
  if (ctx.raw.length) mapping.raw = ctx.raw;
  if (structures) mapping.options = { templates: 'structures' };
  const stats: ImportStats = { rules: rules.length, raw: ctx.raw.length, parameters: parameters.length, variables: parts.variables.length, valueMaps: valueMaps.length };
  const report: Diagnostic[] = [
    {
      severity: 'info',
      code: 'xslt-import.summary',
      message: m(
        `${stats.rules} Regeln, ${stats.parameters} Parameter, ${stats.variables} Variablen, ${stats.valueMaps} Wertetabellen importiert; ${stats.raw} Rohblöcke unverändert übernommen.`,
        `${stats.rules} rules, ${stats.parameters} parameters, ${stats.variables} variables, ${stats.valueMaps} value maps imported; ${stats.raw} raw blocks kept unchanged.`,
      ),
      location: ctx.file ? { file: ctx.file } : undefined,
    },
    // In the order of the stylesheet's lines, so the report reads along the file.
    ...[...ctx.report].sort((x, y) => (x.location?.line ?? 0) - (y.location?.line ?? 0)),
  ];
  return { ok: true, mapping, raw: ctx.raw, report, stats };
}

function hasLookup(rules: MappingRule[], vars: Variable[], id: string): boolean {
  const json = JSON.stringify([rules, vars]);
  return json.includes(`"kind":"lookup","map":${JSON.stringify(id)}`);
}

/** Namespace URIs in the rules' target and source paths, in order of appearance. */
function usedNamespaces(rules: MappingRule[]): string[] {
  const out = new Set<string>();
  const add = (path: string) => {
    for (const m of path.matchAll(/\{([^}]*)\}/g)) if (m[1]) out.add(m[1]);
  };
  for (const r of rules) {
    add(r.target);
    for (const m of JSON.stringify(r).matchAll(/"(?:path|source)":"((?:[^"\\]|\\.)*)"/g)) add(m[1]);
  }
  return [...out];
}

/** A prefix from the URI's most telling segment ("…/gewerbemeldung/1.2" → "gewerbemeldung", "urn:xoev-de:xdomea:schema:3.0.0" → "xdomea"). */
function prefixFor(uri: string, taken: Set<string>): string {
  const generic = new Set(['http', 'https', 'urn', 'www', 'schema', 'schemas', 'ns', 'namespace', 'xsd', 'xml', 'de', 'import', 'export']);
  const segs = uri.split(/[/:#]+/).filter((x) => /^[A-Za-z][\w-]*$/.test(x) && !generic.has(x.toLowerCase()) && !/^v?\d/.test(x));
  let base = (segs.at(-1) ?? 'ns').toLowerCase().replace(/[^a-z0-9_-]/g, '').slice(0, 16) || 'ns';
  if (RESERVED.has(base) || base.startsWith('xml')) base = `ns-${base}`;
  let p = base;
  for (let i = 2; taken.has(p); i++) p = `${base}${i}`;
  return p;
}
