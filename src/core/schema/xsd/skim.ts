/**
 * Phase 1 of reading a schema file: one regular-expression pass over the text that finds the
 * schema root, the top-level components (with their offsets, so they can be parsed later on demand)
 * and every QName-valued attribute (for the reference check). Regular expressions run as native
 * code even before the JIT warms up, so this pass costs ~40 ms cold on the 3.8 MB FHIR schema where
 * building a full element tree costs 250 ms+.
 */
import type { XmlAttr, XmlElement } from '../../xml/dom.ts';
import { rootScope } from './scan.ts';

/** A top-level child of xs:schema, parsed lazily from `start`. */
export interface TopItem {
  /** Namespace URI and local name of the tag. */
  ns: string;
  local: string;
  attrs: XmlAttr[];
  start: number;
  /** Prefixes in force at the tag (including its own declarations). */
  scope: Record<string, string>;
  /** The parsed element, once materialized. */
  el?: XmlElement;
  /** What the skim saw inside (absent for items read from a parsed tree). */
  summary?: TopSummary;
}

/**
 * Facts about a top-level component gathered while skimming, so that a tree can show a node (has it
 * children? what is its documentation? what does it derive from?) without parsing the component.
 */
export interface TopSummary {
  /** Contains element / any / group particles (for elements: in its anonymous type). */
  particles: boolean;
  /** Contains attribute declarations, attribute groups or anyAttribute. */
  attrs: boolean;
  simpleContent: boolean;
  /** complexContent mixed="true". */
  mixed: boolean;
  /** The complex/simple content derivation of the (anonymous) complex type, as written. */
  derivation?: 'extension' | 'restriction';
  base?: string;
  baseScope?: Record<string, string>;
  /** Name (or ref) of the first element particle; '' when unknown (a group reference comes first). */
  firstElement?: string;
  /** Text ranges of the component's own xs:annotation/xs:documentation elements. */
  docs: Array<[number, number]>;
}

/** A QName-valued attribute found anywhere outside annotations. */
export interface RawRef {
  /** Local name of the owning XSD element, e.g. "element", "extension". */
  owner: string;
  attr: string;
  value: string;
  /** Offset of the owning tag (for line numbers), or the element itself when read from a tree. */
  pos: number;
  el?: XmlElement;
  scope?: Record<string, string>;
}

export type SkimResult =
  | { ok: true; root: XmlElement; rootScope: Record<string, string>; top: TopItem[]; refs: RawRef[]; leadingWhitespace: boolean }
  | { ok: false };

// One token: optional text, then a tag, comment, CDATA section, PI or DOCTYPE. Sticky, so any
// stray '<' stops the match and the document is handed to the exact parser for a diagnostic.
const TOKEN =
  /([^<]*)<(?:(\/)?([^\s/>!?]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/)?>|!--[\s\S]*?-->|!\[CDATA\[[\s\S]*?\]\]>|\?[\s\S]*?\?>|!DOCTYPE(?:[^[>]*\[[\s\S]*?\])?[^>]*>)/y;
const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const REF_ATTR = /\s(type|ref|base|itemType|memberTypes|substitutionGroup)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
// XSD elements that can carry QName-valued attributes.
const REF_OWNERS = new Set(['element', 'attribute', 'extension', 'restriction', 'list', 'union', 'group', 'attributeGroup', 'alternative']);
// An '&' that does not start a predefined entity or a character reference.
const BAD_ENTITY = /&(?!(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/;
const ENT: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replaces the predefined entities and character references (unknown ones stay as written). */
export function decodeEntities(v: string): string {
  if (v.indexOf('&') === -1) return v;
  return v.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|\w+);/g, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENT[e] ?? m),
  );
}

/** Decodes entities and normalizes whitespace in an attribute value. */
export function attrValue(raw: string): string {
  const v = decodeEntities(raw);
  return /[\t\n\r]/.test(v) ? v.replace(/\r\n|[\t\n\r]/g, ' ') : v;
}

function parseAttrs(s: string): { attrs: XmlAttr[]; decls?: Record<string, string> } {
  const attrs: XmlAttr[] = [];
  let decls: Record<string, string> | undefined;
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(s))) {
    const name = m[1];
    const value = attrValue(m[2] ?? m[3]);
    if (name === 'xmlns' || name.startsWith('xmlns:')) (decls ??= {})[name === 'xmlns' ? '' : name.slice(6)] = value;
    else attrs.push({ ns: '', local: name, name, value });
  }
  return { attrs, decls };
}

function withDecls(scope: Record<string, string>, decls: Record<string, string>): Record<string, string> {
  const s = Object.create(scope) as Record<string, string>;
  for (const p in decls) s[p] = decls[p];
  return s;
}

/** Skims a schema document. Fails (without detail) on anything not well-formed. */
export function skimSchema(text: string): SkimResult {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let leadingWhitespace = false;
  const lead = /^\s+(?=<\?xml\s)/.exec(text.slice(pos, pos + 200));
  if (lead) {
    leadingWhitespace = true;
    pos += lead[0].length;
  }
  // Entities are checked once over the whole text; a bad one sends the file to the exact reader.
  if (text.indexOf('&') !== -1 && BAD_ENTITY.test(text)) return { ok: false };
  const declPos = pos;
  const names: string[] = [];
  // Namespace declarations below the root are rare: remember only where the scope changed.
  const scopeStack: Array<{ depth: number; scope: Record<string, string> }> = [];
  let scope = rootScope();
  let root: XmlElement | undefined;
  let rootSc = scope;
  const top: TopItem[] = [];
  const refs: RawRef[] = [];
  // Depth of the xs:annotation we are inside (0 = none): QNames in documentation are not references.
  let annotationDepth = 0;
  // The top-level component being skimmed, and where its current documentation text started.
  let cur: TopItem | undefined;
  let docStart = -1;
  TOKEN.lastIndex = pos;
  let m: RegExpExecArray | null;
  while (pos < text.length && (m = TOKEN.exec(text))) {
    const depth = names.length;
    if (depth === 0 && m[1] && /\S/.test(m[1])) return { ok: false };
    pos = TOKEN.lastIndex;
    const qname = m[3];
    if (qname === undefined) {
      // An XML declaration is only allowed at the very start; CDATA only inside the root.
      const at = m.index + m[1].length;
      if (text.startsWith('<?xml', at) && /\s/.test(text[at + 5] ?? '') && at !== declPos) return { ok: false };
      if (depth === 0 && text.startsWith('<![CDATA[', at)) return { ok: false };
      continue;
    }
    if (m[2]) {
      // End tag.
      if (names.pop() !== qname || m[5] || (m[4] !== '' && m[4].trim())) return { ok: false };
      if (docStart >= 0 && depth === 4) {
        cur!.summary!.docs.push([docStart, m.index + m[1].length]);
        docStart = -1;
      }
      if (depth === 2) cur = undefined;
      if (scopeStack.length && scopeStack[scopeStack.length - 1].depth === depth - 1) scope = scopeStack.pop()!.scope;
      if (annotationDepth > depth - 1) annotationDepth = 0;
      continue;
    }
    if (depth === 0 && root) return { ok: false };
    const tagStart = m.index + m[1].length;
    const attrText = m[4];
    let parsed: ReturnType<typeof parseAttrs> | undefined;
    const parentScope = scope;
    if (attrText.indexOf('xmlns') !== -1) {
      parsed = parseAttrs(attrText);
      if (parsed.decls) scope = withDecls(scope, parsed.decls);
    }
    const colon = qname.indexOf(':');
    const prefix = colon === -1 ? '' : qname.slice(0, colon);
    const local = colon === -1 ? qname : qname.slice(colon + 1);
    const ns = scope[prefix];
    if (ns === undefined) return { ok: false };
    if (depth === 0) {
      parsed ??= parseAttrs(attrText);
      root = {
        type: 'element', ns, local, prefix, name: qname, attrs: parsed.attrs, nsDecls: parsed.decls ?? {},
        children: [], line: lineAt(text, tagStart), column: tagStart - text.lastIndexOf('\n', tagStart - 1),
      };
      rootSc = scope;
    } else if (ns === XSD_NS) {
      if (depth === 1 && local !== 'annotation') {
        parsed ??= parseAttrs(attrText);
        const summary: TopSummary = { particles: false, attrs: false, simpleContent: false, mixed: false, docs: [] };
        top.push({ ns, local, attrs: parsed.attrs, start: tagStart, scope, summary });
        cur = m[5] ? undefined : top[top.length - 1];
      } else if (cur && annotationDepth === 0) {
        summarize(cur.summary!, local, depth, attrText, names[depth - 1], cur.local === 'element' ? 4 : 3, scope);
      } else if (cur && depth === 3 && annotationDepth === 3 && local === 'documentation' && !m[5]) {
        docStart = pos;
      }
      if (annotationDepth === 0 && REF_OWNERS.has(local) && attrText.length > 4) {
        REF_ATTR.lastIndex = 0;
        let r: RegExpExecArray | null;
        while ((r = REF_ATTR.exec(attrText))) {
          refs.push({ owner: local, attr: r[1], value: attrValue(r[2] ?? r[3]), pos: tagStart, scope });
        }
      }
    }
    if (m[5]) {
      scope = parentScope;
    } else {
      names.push(qname);
      if (scope !== parentScope) scopeStack.push({ depth, scope: parentScope });
      if (annotationDepth === 0 && local === 'annotation' && ns === XSD_NS) annotationDepth = names.length;
    }
  }
  if (names.length || !root) return { ok: false };
  if (/\S/.test(text.slice(pos))) return { ok: false };
  return { ok: true, root, rootScope: rootSc, top, refs, leadingWhitespace };
}

const NAME_OR_REF = /\s(?:name|ref)\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const BASE = /\sbase\s*=\s*(?:"([^"]*)"|'([^']*)')/;

// Records what one tag inside a top-level component tells about the component.
function summarize(
  s: TopSummary, local: string, depth: number, attrText: string, parent: string,
  derivationDepth: number, scope: Record<string, string>,
): void {
  switch (local) {
    case 'element':
      s.particles = true;
      if (s.firstElement === undefined) {
        const r = NAME_OR_REF.exec(attrText);
        s.firstElement = r ? attrValue(r[1] ?? r[2]) : '';
      }
      return;
    case 'group':
      // The group's elements come first, but its content is elsewhere: first element unknown ('').
      s.firstElement ??= '';
      s.particles = true;
      return;
    case 'any':
      s.particles = true;
      return;
    case 'attribute':
    case 'attributeGroup':
    case 'anyAttribute':
      s.attrs = true;
      return;
    case 'simpleContent':
      s.simpleContent = true;
      return;
    case 'complexContent':
      if (/\smixed\s*=\s*["']true/.test(attrText)) s.mixed = true;
      return;
    case 'extension':
    case 'restriction':
      if (depth === derivationDepth && s.base === undefined && parent.endsWith('Content')) {
        const r = BASE.exec(attrText);
        if (r) {
          s.derivation = local;
          s.base = attrValue(r[1] ?? r[2]);
          s.baseScope = scope;
        }
      }
  }
}

function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
