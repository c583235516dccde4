/**
 * A small, plain-data XML tree with source positions, built with saxes.
 * Pure TypeScript: runs in Node, a Web Worker and the browser (no DOM needed).
 * saxes was chosen because it is namespace-aware, conformant, streaming (fast on multi-MB
 * schemas) and reports line/column for every node and error.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { Diagnostic } from '../diagnostics.ts';
import { m } from '../i18n.ts';

export interface XmlAttr {
  /** Namespace URI ('' when none). */
  ns: string;
  local: string;
  /** Qualified name as written. */
  name: string;
  value: string;
}

export interface XmlElement {
  type: 'element';
  ns: string;
  local: string;
  prefix: string;
  /** Qualified name as written. */
  name: string;
  attrs: XmlAttr[];
  /** Namespace declarations made on this element: prefix ('' for default) → URI. */
  nsDecls: Record<string, string>;
  children: XmlNode[];
  parent?: XmlElement;
  line: number;
  column: number;
}

export interface XmlText {
  type: 'text';
  text: string;
  cdata?: boolean;
}

export interface XmlComment {
  type: 'comment';
  text: string;
}

export interface XmlPI {
  type: 'pi';
  target: string;
  body: string;
}

export type XmlNode = XmlElement | XmlText | XmlComment | XmlPI;

export interface XmlDocument {
  root: XmlElement;
  file?: string;
}

export type ParseResult = { ok: true; doc: XmlDocument } | { ok: false; error: Diagnostic };

const LINE_COL = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s;

/** Parses XML text. Never throws: a malformed document gives one located diagnostic. */
export function parseXml(text: string, file?: string): ParseResult {
  const parser = new SaxesParser({ xmlns: true, position: true, fileName: undefined });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: Diagnostic | undefined;
  parser.on('error', (e) => {
    if (error) return;
    const at = LINE_COL.exec(e.message);
    const why = at ? at[3] : e.message;
    error = {
      severity: 'error',
      code: 'xml.not-well-formed',
      message: m(`Nicht wohlgeformtes XML: ${why}`, `XML is not well-formed: ${why}`),
      location: { file, line: at ? Number(at[1]) : parser.line, column: at ? Number(at[2]) : parser.column },
    };
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attrs: XmlAttr[] = [];
    const nsDecls: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || (a.prefix === '' && a.local === 'xmlns')) {
        nsDecls[a.prefix === 'xmlns' ? a.local : ''] = a.value;
        continue;
      }
      attrs.push({ ns: a.uri ?? '', local: a.local, name: a.name, value: a.value });
    }
    const el: XmlElement = {
      type: 'element',
      ns: tag.uri ?? '',
      local: tag.local,
      prefix: tag.prefix,
      name: tag.name,
      attrs,
      nsDecls,
      children: [],
      parent: stack[stack.length - 1],
      line: parser.line,
      column: parser.column,
    };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1].children.push({ type: 'text', text: t });
  });
  parser.on('cdata', (t) => {
    if (stack.length) stack[stack.length - 1].children.push({ type: 'text', text: t, cdata: true });
  });
  parser.on('comment', (t) => {
    if (stack.length) stack[stack.length - 1].children.push({ type: 'comment', text: t });
  });
  parser.on('processinginstruction', (pi) => {
    if (stack.length) stack[stack.length - 1].children.push({ type: 'pi', target: pi.target, body: pi.body ?? '' });
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (!error) {
      error = {
        severity: 'error',
        code: 'xml.not-well-formed',
        message: m(`Nicht wohlgeformtes XML: ${(e as Error).message}`, `XML is not well-formed: ${(e as Error).message}`),
        location: { file, line: parser.line, column: parser.column },
      };
    }
  }
  if (error) return { ok: false, error };
  if (!root) {
    return {
      ok: false,
      error: { severity: 'error', code: 'xml.empty', message: m('Das Dokument enthält kein Wurzelelement.', 'The document has no root element.'), location: { file, line: 1, column: 1 } },
    };
  }
  return { ok: true, doc: { root, file } };
}

/** Child elements of an element. */
export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.type === 'element');
}

/** Concatenated text content of an element and its descendants. */
export function textContent(el: XmlElement): string {
  let s = '';
  for (const c of el.children) {
    if (c.type === 'text') s += c.text;
    else if (c.type === 'element') s += textContent(c);
  }
  return s;
}

/** Value of an unqualified attribute, or of a namespaced one when ns is given. */
export function attr(el: XmlElement, local: string, ns = ''): string | undefined {
  for (const a of el.attrs) if (a.local === local && a.ns === ns) return a.value;
  return undefined;
}

/** Resolves a prefix ('' for the default namespace) in scope at an element. */
export function lookupNamespace(el: XmlElement | undefined, prefix: string): string | undefined {
  if (prefix === 'xml') return 'http://www.w3.org/XML/1998/namespace';
  for (let e = el; e; e = e.parent) {
    if (Object.prototype.hasOwnProperty.call(e.nsDecls, prefix)) return e.nsDecls[prefix];
  }
  return prefix === '' ? '' : undefined;
}
