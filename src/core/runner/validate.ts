/**
 * XSD validation with libxml2 compiled to WebAssembly (libxml2-wasm): runs unchanged in Node (CLI,
 * tests) and in a browser Web Worker (src/ui/run/validate.worker.ts), never on the UI thread.
 *
 * Schema files live in memory under mem:///s<N>/<file name> URLs served by one input provider, so
 * relative xs:include/xs:import resolve between them; absolute schemaLocations resolve through the
 * schema set's catalog or, failing that, by a unique file name. Nothing is ever read from disk or the
 * network. Compiled schemas are cached by content (LRU); libxml2 objects are disposed.
 * Each issue carries the line in the validated text and, where it can be worked out, the schema-tree
 * path of the node it is about (so the mapper can flag the target field).
 */
import {
  ParseOption,
  XmlBufferInputProvider,
  XmlDocument,
  XmlLibError,
  xmlRegisterInputProvider,
  XsdValidator,
  type ErrorDetail,
} from 'libxml2-wasm';
import { parseXml, type XmlElement } from '../xml/dom.ts';
import type { MessageType, SchemaSet } from '../model/project.ts';
import { messageTree } from '../schema/index.ts';
import { isWildcardStep, type SchemaNode, type SchemaTree } from '../schema/types.ts';
import { m } from '../i18n.ts';
import { libxmlMessage } from './libxml-de.ts';
import { checkJsonAgainstTree, checkJsonWellFormed, isJsonMessageType, jsonNote } from './validate-json.ts';

// Re-exported so the check worker (src/ui/run/validate.worker.ts) sets its message language from the
// module it already loads, without an import of its own.
export { setMessageLang } from '../i18n.ts';

/** The schema files a message is validated against, and the one declaring its root element. */
export interface XsdSource {
  files: readonly { name: string; content: string }[];
  /** schemaLocation (or namespace) → file name, for imports by absolute URL. */
  catalog?: Readonly<Record<string, string>>;
  /** Name of the file to compile (it includes/imports the others). */
  rootFile: string;
}

/** One finding of a check, located in the checked text. */
export interface ValidationIssue {
  severity: 'error' | 'warning';
  message: string;
  line?: number;
  column?: number;
  /** Schema-tree path (Clark steps, attributes as @name) of the node the issue is about, if known. */
  path?: string;
  /** Schema file the issue is in (problems of the schema itself). */
  file?: string;
}

/**
 * valid / invalid: checked against the schema; malformed: not well-formed XML;
 * schema-error: the schema itself could not be compiled (the issues say why and where).
 */
export type ValidationStatus = 'valid' | 'invalid' | 'malformed' | 'schema-error';

export interface ValidationReport {
  status: ValidationStatus;
  issues: ValidationIssue[];
  timeMs: number;
}

/** Why a message type has no XSD to validate against, or its XsdSource. */
export type XsdSourceResult = { ok: true; source: XsdSource } | { ok: false; reason: string };

/** Finds the XSD files of a flow's message type and the file declaring its root element. */
export function xsdSourceFor(sets: readonly SchemaSet[], msg: MessageType | undefined): XsdSourceResult {
  if (!msg) return { ok: false, reason: m('Kein Nachrichtentyp gewählt.', 'No message type chosen.') };
  const set = sets.find((s) => s.id === msg.schemaId);
  if (!set) return { ok: false, reason: m(`Schema "${msg.schemaId}" gibt es im Projekt nicht.`, `The project has no schema "${msg.schemaId}".`) };
  if (set.kind !== 'xsd') {
    return { ok: false, reason: m(`Schema "${set.name}" ist kein XSD (Art "${set.kind}"): keine Schemaprüfung.`, `Schema "${set.name}" is not an XSD (kind "${set.kind}"): no schema validation.`) };
  }
  const t = messageTree(sets, msg);
  const file = t.tree?.root.source?.file;
  const rootFile = file && set.files.some((f) => f.name === file) ? file : guessRootFile(set, msg);
  if (!rootFile) return { ok: false, reason: m(`Das Wurzelelement ${msg.root.local} ist in Schema "${set.name}" nicht deklariert.`, `The root element ${msg.root.local} is not declared in schema "${set.name}".`) };
  return { ok: true, source: { files: set.files, catalog: set.catalog, rootFile } };
}

function guessRootFile(set: SchemaSet, msg: MessageType): string | undefined {
  const decl = new RegExp(`<(?:\\w+:)?element\\s[^>]*name\\s*=\\s*["']${msg.root.local.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`);
  return set.files.find((f) => decl.test(f.content) && f.content.includes(msg.root.ns))?.name;
}

// ---------------------------------------------------------------------------------------------
// In-memory files for libxml2

const MEM = 'mem:///';
const encoder = new TextEncoder();

interface Mounted {
  prefix: string;
  names: Map<string, string>;
  catalog: Readonly<Record<string, string>>;
}

/** Normalises "a/b/../c" and "./" segments of a URL path. */
function normalizeUrl(url: string): string {
  const m = /^([a-z][\w+.-]*:\/\/\/?[^/]*)(\/.*)?$/i.exec(url);
  const head = m ? m[1] : '';
  const rest = m ? (m[2] ?? '') : url;
  const out: string[] = [];
  for (const seg of rest.split('/')) {
    if (seg === '..') {
      if (out.length > 1) out.pop();
    } else if (seg !== '.') out.push(seg);
  }
  return head + out.join('/');
}

class MemoryFiles {
  private readonly provider = new XmlBufferInputProvider({});
  private readonly known = new Set<string>();
  private mounts: Mounted[] = [];
  private next = 1;
  /** The set being compiled: absolute URLs are resolved against it. */
  current: Mounted | undefined;

  constructor() {
    const base = this.provider;
    xmlRegisterInputProvider({
      match: (url) => this.resolve(url) !== undefined,
      open: (url) => {
        const r = this.resolve(url);
        return r === undefined ? undefined : base.open(r);
      },
      read: (fd, buf) => base.read(fd, buf),
      close: (fd) => base.close(fd),
    });
  }

  mount(src: XsdSource): Mounted {
    const prefix = `${MEM}s${this.next++}/`;
    const names = new Map<string, string>();
    for (const f of src.files) {
      const url = normalizeUrl(prefix + f.name.replace(/^\/+/, ''));
      this.provider.addBuffer(url, encoder.encode(f.content));
      this.known.add(url);
      names.set(f.name, url);
    }
    const m: Mounted = { prefix, names, catalog: src.catalog ?? {} };
    this.mounts.push(m);
    return m;
  }

  unmount(m: Mounted): void {
    for (const url of m.names.values()) {
      this.provider.removeBuffer(url);
      this.known.delete(url);
    }
    this.mounts = this.mounts.filter((x) => x !== m);
  }

  private resolve(url: string): string | undefined {
    const n = normalizeUrl(url);
    if (this.known.has(n)) return n;
    const m = this.current;
    if (!m) return undefined;
    // Absolute schemaLocation: the catalog, else a file of the set with the same name.
    const mapped = m.catalog[url] ?? m.catalog[n];
    if (mapped && m.names.has(mapped)) return m.names.get(mapped);
    if (n.startsWith(MEM)) return undefined;
    const base = n.slice(n.lastIndexOf('/') + 1);
    const hits = [...m.names.entries()].filter(([name]) => name === base || name.endsWith('/' + base));
    return hits.length === 1 ? hits[0][1] : undefined;
  }

  /** The file name for a mem:/// URL of a mounted set (for messages). */
  fileName(url: string | undefined): string | undefined {
    if (!url) return undefined;
    for (const m of this.mounts) for (const [name, u] of m.names) if (u === url) return name;
    return url.startsWith(MEM) ? url.replace(/^mem:\/\/\/s\d+\//, '') : url;
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

interface Compiled {
  validator?: XsdValidator;
  issues: ValidationIssue[];
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const CACHE_SIZE = 6;
let files: MemoryFiles | undefined;

function contentKey(src: XsdSource): string {
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ s.length, 0x01000193);
  };
  for (const f of src.files) {
    mix(f.name);
    mix(f.content);
  }
  mix(JSON.stringify(src.catalog ?? {}));
  return `${src.rootFile}|${src.files.length}|${(h >>> 0).toString(16)}`;
}

/** Validates XML texts against XSD sets; compiled schemas are kept (LRU) until dispose(). */
export class XsdValidation {
  private readonly cache = new Map<string, Compiled>();

  /** Checks `xml` for well-formedness, then against the schema. Never throws. */
  validate(src: XsdSource, xml: string): ValidationReport {
    const t0 = now();
    const done = (status: ValidationStatus, issues: ValidationIssue[]): ValidationReport => ({ status, issues, timeMs: now() - t0 });
    let doc: XmlDocument | undefined;
    try {
      doc = XmlDocument.fromString(xml, { url: `${MEM}document.xml`, option: parseOption(xml) });
    } catch (e) {
      // libxml2 reports where; saxes words it the same way the rest of the app does.
      const wf = wellFormedness(xml) ?? parseIssue(e);
      return done('malformed', [wf]);
    }
    const compiled = this.compiled(src);
    if (!compiled.validator) {
      doc.dispose();
      return done('schema-error', compiled.issues);
    }
    try {
      compiled.validator.validate(doc);
      return done('valid', []);
    } catch (e) {
      const details = e instanceof XmlLibError ? e.details : [{ message: String((e as Error)?.message ?? e), level: 2, line: 0, col: 0 } as ErrorDetail];
      return done('invalid', locateIssues(details, xml));
    } finally {
      doc?.dispose();
    }
  }

  /** Compiles (or takes from the cache) the schema; its issues when it does not compile. */
  check(src: XsdSource): ValidationIssue[] {
    return this.compiled(src).issues;
  }

  private compiled(src: XsdSource): Compiled {
    const key = contentKey(src);
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const c = compileSchema(src);
    this.cache.set(key, c);
    if (this.cache.size > CACHE_SIZE) {
      const [oldKey, old] = this.cache.entries().next().value as [string, Compiled];
      old.validator?.dispose();
      this.cache.delete(oldKey);
    }
    return c;
  }

  dispose(): void {
    for (const c of this.cache.values()) c.validator?.dispose();
    this.cache.clear();
  }
}

function compileSchema(src: XsdSource): Compiled {
  files ??= new MemoryFiles();
  const root = src.files.find((f) => f.name === src.rootFile);
  if (!root) return { issues: [{ severity: 'error', message: m(`Schemadatei "${src.rootFile}" fehlt im Schema.`, `Schema file "${src.rootFile}" is missing from the schema.`) }] };
  const mounted = files.mount(src);
  files.current = mounted;
  let doc: XmlDocument | undefined;
  try {
    doc = XmlDocument.fromString(root.content, { url: mounted.names.get(root.name) });
    return { validator: XsdValidator.fromDoc(doc), issues: [] };
  } catch (e) {
    const details: ErrorDetail[] = e instanceof XmlLibError ? e.details : [{ message: String((e as Error)?.message ?? e), level: 2, line: 0, col: 0 }];
    const fm = files;
    const issues: ValidationIssue[] = details.slice(0, 50).map((d) => ({
      severity: 'error',
      message: m(`Schema fehlerhaft: ${d.message.trim()}`, `Schema error: ${d.message.trim()}`),
      file: fm.fileName(d.file) ?? root.name,
      ...(d.line ? { line: d.line } : {}),
    }));
    return { issues: issues.length ? issues : [{ severity: 'error', message: m('Schema lässt sich nicht übersetzen.', 'The schema cannot be compiled.'), file: root.name }] };
  } finally {
    files.current = undefined;
    doc?.dispose();
    // The compiled schema keeps what it parsed; the buffers are no longer needed.
    files.unmount(mounted);
  }
}

function parseIssue(e: unknown): ValidationIssue {
  const d = e instanceof XmlLibError ? e.details[0] : undefined;
  const why = (d?.message ?? String((e as Error)?.message ?? e)).trim();
  return { severity: 'error', message: m(`Nicht wohlgeformtes XML: ${why}`, `XML is not well-formed: ${why}`), line: d?.line || undefined, column: d?.col || undefined };
}

/**
 * How libxml2 parses a message for its check. Its normal limits refuse well-formed messages this domain
 * has: a text node over 10 MB (an attachment of ~7 MB as base64 in the message) and elements nested
 * deeper than 256; XML_PARSE_HUGE raises them (1 GB, 2048). It also relaxes the checks against entity
 * expansion attacks, so a document that declares entities keeps the normal limits.
 */
export function parseOption(xml: string): ParseOption | undefined {
  return xml.includes('<!ENTITY') ? undefined : ParseOption.XML_PARSE_HUGE;
}

/** A located message when the text is not well-formed (saxes: exact line and column), else undefined. */
export function wellFormedness(xml: string): ValidationIssue | undefined {
  const parsed = parseXml(xml);
  if (parsed.ok) return undefined;
  const loc = parsed.error.location;
  return { severity: 'error', message: parsed.error.message, line: loc?.line, column: loc?.column };
}

// ---------------------------------------------------------------------------------------------
// Locating libxml2's findings in the document and in the schema tree

const MAX_ISSUES = 200;

function locateIssues(details: readonly ErrorDetail[], xml: string): ValidationIssue[] {
  const parsed = parseXml(xml);
  const root = parsed.ok ? parsed.doc.root : undefined;
  const out: ValidationIssue[] = [];
  for (const d of details.slice(0, MAX_ISSUES)) {
    const message = d.message.trim();
    // Names without their namespace URIs read better; the issue's path keeps the full names. (A URI has a
    // colon and no quotes, commas or spaces: an enumeration's set "{'01', '02'}" and a pattern's "\d{2}x"
    // stay.) German by pattern.
    const issue: ValidationIssue = { severity: d.level === 1 ? 'warning' : 'error', message: libxmlMessage(message.replace(/\{[^{}\s',]*:[^{}\s',]*\}(?=[\w.-])/g, '')) };
    if (d.line) issue.line = d.line;
    if (d.col) issue.column = d.col;
    const el = root ? (d.xpath ? elementAt(root, d.xpath) : undefined) ?? (d.line ? elementOnLine(root, d.line) : undefined) : undefined;
    if (el) issue.path = issuePath(el, message);
    out.push(issue);
  }
  return out;
}

/** The element a libxml2 node path ("/p:a/*[2]/b[3]") points to; "*" steps count all element children. */
export function elementAt(root: XmlElement, xpath: string): XmlElement | undefined {
  const steps = xpath.split('/').filter(Boolean);
  if (!steps.length) return undefined;
  let cur: XmlElement | undefined;
  for (let i = 0; i < steps.length; i++) {
    const m = /^([^[]+)(?:\[(\d+)\])?$/.exec(steps[i]);
    if (!m) return cur;
    const [, name, idx] = m;
    if (name.startsWith('@') || name.includes('(')) return cur;
    const n = idx ? Number(idx) : 1;
    const candidates = i === 0 ? [root] : cur ? cur.children.filter((c): c is XmlElement => c.type === 'element') : [];
    const matching = name === '*' ? candidates : candidates.filter((c) => c.name === name || (!name.includes(':') && c.local === name && c.prefix === ''));
    const next = matching[n - 1];
    if (!next) return cur;
    cur = next;
  }
  return cur;
}

function elementOnLine(root: XmlElement, line: number): XmlElement | undefined {
  let best: XmlElement | undefined;
  const walk = (el: XmlElement) => {
    if (el.line === line) best = el;
    for (const c of el.children) if (c.type === 'element' && c.line <= line) walk(c);
  };
  walk(root);
  return best;
}

function clarkStep(ns: string, local: string): string {
  return ns ? `{${ns}}${local}` : local;
}

/** Schema-tree path of an element (no instance numbers). */
export function treePathOf(el: XmlElement): string {
  const steps: string[] = [];
  for (let e: XmlElement | undefined = el; e; e = e.parent) steps.unshift(clarkStep(e.ns, e.local));
  return '/' + steps.join('/');
}

const ATTR_IN_MSG = /^Element '[^']*', attribute '(?:\{([^}]*)\})?([^']+)'/;
const MISSING_ONE = /Missing child element\(s\)\. Expected is \( (?:\{([^}]*)\})?([^\s,)]+) \)/;
const UNEXPECTED_ONE = /This element is not expected\. Expected is \( (?:\{([^}]*)\})?([^\s,)]+) \)/;

/** The tree path an issue is about: the element, its attribute, or the one missing child libxml2 names. */
function issuePath(el: XmlElement, message: string): string {
  const base = treePathOf(el);
  const a = ATTR_IN_MSG.exec(message);
  if (a) return `${base}/@${clarkStep(a[1] ?? '', a[2])}`;
  const miss = MISSING_ONE.exec(message);
  if (miss) return `${base}/${clarkStep(miss[1] ?? '', miss[2])}`;
  // "B not expected, expected is (A)" with no A among the siblings: A is what is missing.
  const un = UNEXPECTED_ONE.exec(message);
  if (un && el.parent) {
    const [ns, local] = [un[1] ?? '', un[2]];
    const present = el.parent.children.some((c) => c.type === 'element' && c.ns === ns && c.local === local);
    if (!present) return `${treePathOf(el.parent)}/${clarkStep(ns, local)}`;
  }
  return base;
}

// ---------------------------------------------------------------------------------------------
// Structure check against a schema tree (for message types inferred from samples: no XSD)

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const MAX_TREE_ISSUES = 100;

function matches(node: SchemaNode, ns: string, local: string): boolean {
  if (node.name.ns !== ns) return false;
  return isWildcardStep(node.name.local) ? local.startsWith(node.name.local.slice(0, -1)) : node.name.local === local;
}

/**
 * Checks a message against a schema tree: elements and attributes the tree does not know. Findings are
 * warnings, and missing fields are not reported: a tree inferred from samples only knows the samples it
 * was built from. Never throws.
 */
export function checkAgainstTree(tree: SchemaTree, xml: string): ValidationReport {
  const t0 = now();
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    const loc = parsed.error.location;
    return { status: 'malformed', issues: [{ severity: 'error', message: parsed.error.message, line: loc?.line, column: loc?.column }], timeMs: now() - t0 };
  }
  const issues: ValidationIssue[] = [];
  const add = (message: string, el: XmlElement, path: string) => {
    if (issues.length < MAX_TREE_ISSUES) issues.push({ severity: 'warning', message, line: el.line, path });
  };
  const root = parsed.doc.root;
  if (!matches(tree.root, root.ns, root.local)) {
    add(m(`Wurzelelement ${root.name} statt erwartet ${tree.root.name.local}.`, `Root element ${root.name} where ${tree.root.name.local} is expected.`), root, tree.root.path);
  } else {
    const walk = (el: XmlElement, node: SchemaNode) => {
      const kids = node.hasChildren ? tree.children(node) : [];
      const anyAttr = kids.some((k) => k.kind === 'anyAttribute');
      const anyEl = kids.some((k) => k.kind === 'any');
      for (const a of el.attrs) {
        if (a.ns === XSI || a.ns === 'http://www.w3.org/XML/1998/namespace') continue;
        if (!kids.some((k) => k.kind === 'attribute' && k.name.ns === a.ns && k.name.local === a.local) && !anyAttr) {
          add(m(`Attribut ${a.name} ist an ${el.name} nicht vorgesehen.`, `Attribute ${a.name} is not expected on ${el.name}.`), el, `${node.path}/@${clarkStep(a.ns, a.local)}`);
        }
      }
      for (const c of el.children) {
        if (c.type !== 'element') continue;
        const k = kids.find((x) => x.kind === 'element' && matches(x, c.ns, c.local));
        if (k) walk(c, k);
        else if (!anyEl) add(m(`Element ${c.name} ist in ${el.name} nicht vorgesehen.`, `Element ${c.name} is not expected in ${el.name}.`), c, `${node.path}/${clarkStep(c.ns, c.local)}`);
      }
    };
    walk(root, tree.root);
  }
  return { status: issues.length ? 'invalid' : 'valid', issues, timeMs: now() - t0 };
}

/** A message checked against its message type: by XSD when there is one, else against the schema tree. */
export interface MessageCheck extends ValidationReport {
  /** json-tree: a JSON message checked against its JSON schema tree (validate-json.ts). */
  against: 'xsd' | 'tree' | 'json-tree' | 'none';
  /** Why there was no XSD check, if there was none. */
  note?: string;
}

/** Checks a message of a flow's source or target type, the best way its schema set allows. Never throws. */
export function checkMessage(v: XsdValidation, sets: readonly SchemaSet[], msg: MessageType | undefined, xml: string): MessageCheck {
  // JSON message types (JSON Schema, JSON samples; a JSON target's output is JSON text): checked as JSON.
  if (isJsonMessageType(sets, msg)) {
    const { tree, diagnostics } = messageTree(sets, msg);
    const inferred = sets.find((s) => s.id === msg?.schemaId)?.kind === 'sample-json';
    if (tree) return { ...checkJsonAgainstTree(tree, xml, { inferred }), against: 'json-tree', note: jsonNote(sets, msg) };
    // No tree (the schema does not load): well-formedness only, and why.
    const why = diagnostics.find((d) => d.severity === 'error')?.message ?? jsonNote(sets, msg);
    return { ...checkJsonWellFormed(xml), against: 'none', note: why };
  }
  const src = xsdSourceFor(sets, msg);
  if (src.ok) return { ...v.validate(src.source, xml), against: 'xsd' };
  const tree = msg ? messageTree(sets, msg).tree : undefined;
  if (tree) return { ...checkAgainstTree(tree, xml), against: 'tree', note: src.reason };
  const t0 = now();
  const wf = wellFormedness(xml);
  return { status: wf ? 'malformed' : 'valid', issues: wf ? [wf] : [], timeMs: now() - t0, against: 'none', note: src.reason };
}
