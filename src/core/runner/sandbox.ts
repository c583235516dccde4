/**
 * Static sandbox check for XSLT rules: the first of two layers that keep a rule from reading files or
 * URLs, writing result documents or running JavaScript. (The second layer is at run time, in
 * saxon-host.cjs: SaxonJS's platform object refuses every read/write/HTTP request, and the ixsl:/js:
 * function namespaces are switched off.)
 *
 * This layer parses the stylesheet (saxes, with positions) and refuses, with a line number:
 * - calls or named references (name#1) of fn:doc, document, doc-available, unparsed-text,
 *   unparsed-text-lines, unparsed-text-available, collection, uri-collection, json-doc, transform,
 *   load-xquery-module, and function-lookup (which could reach any of these by a computed name);
 * - xsl:result-document with a non-empty href (without href it only sets the principal output's format),
 *   xsl:source-document, xsl:include, xsl:import, xsl:import-schema, xsl:use-package,
 *   xsl:merge-source/@for-each-source, and xsl:evaluate (XPath built from strings at run time);
 * - shadow attributes (_select="{...}", which build XPath text at compile time);
 * - any use of the SaxonJS JavaScript namespaces (ixsl:, js:): they can call arbitrary JavaScript;
 * - a DOCTYPE in the stylesheet (entity and attribute-default tricks could hide the above from this check).
 * Expressions are found in all attributes of XSLT elements, in attribute value templates of literal
 * result elements, and in text value templates where expand-text is on. String literals and XPath
 * comments are skipped, so a name inside a string is not a call.
 * Pure TypeScript: runs in Node, a Web Worker and the browser.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { lookupNamespace, parseXml, type XmlElement } from '../xml/dom.ts';
import type { TransformError } from './engine.ts';
import { m } from '../i18n.ts';

const XSL_NS = 'http://www.w3.org/1999/XSL/Transform';
const FN_NS = 'http://www.w3.org/2005/xpath-functions';
const JS_NAMESPACES = new Set(['http://saxonica.com/ns/interactiveXSLT', 'http://saxonica.com/ns/globalJS']);

/** A reason shown to the user, German and English (picked when the message is made, not at load). */
export type Reason = readonly [de: string, en: string];

const READS_DOCS: Reason = ['liest Dokumente aus Dateien oder URLs', 'reads documents from files or URLs'];
const TOUCHES_FILES: Reason = ['greift auf Dateien oder URLs zu', 'accesses files or URLs'];
const READS_FILES: Reason = ['liest Dateien oder URLs', 'reads files or URLs'];
const READS_COLLECTIONS: Reason = ['liest Sammlungen von Dateien', 'reads collections of files'];
const LOADS_STYLESHEETS: Reason = ['lädt weitere Stylesheets aus Dateien oder URLs', 'loads further stylesheets from files or URLs'];

/** Functions a rule may not call, with the reason shown to the user. */
export const FORBIDDEN_FUNCTIONS: Readonly<Record<string, Reason>> = {
  doc: READS_DOCS,
  document: READS_DOCS,
  'doc-available': TOUCHES_FILES,
  'unparsed-text': READS_FILES,
  'unparsed-text-lines': READS_FILES,
  'unparsed-text-available': TOUCHES_FILES,
  collection: READS_COLLECTIONS,
  'uri-collection': READS_COLLECTIONS,
  'json-doc': ['liest JSON aus Dateien oder URLs', 'reads JSON from files or URLs'],
  transform: ['startet eine weitere Transformation', 'starts another transformation'],
  'load-xquery-module': ['lädt Module aus Dateien', 'loads modules from files'],
  'function-lookup': ['kann verbotene Funktionen über einen berechneten Namen aufrufen', 'can call forbidden functions by a computed name'],
};

/** XSLT instructions a rule may not use, with the reason shown to the user. */
export const FORBIDDEN_INSTRUCTIONS: Readonly<Record<string, Reason>> = {
  'result-document': ['schreibt weitere Ergebnisdokumente', 'writes further result documents'],
  'source-document': READS_DOCS,
  include: LOADS_STYLESHEETS,
  import: LOADS_STYLESHEETS,
  'import-schema': ['lädt Schemas aus Dateien oder URLs', 'loads schemas from files or URLs'],
  'use-package': ['lädt Pakete aus Dateien oder URLs', 'loads packages from files or URLs'],
  'merge-source': ['liest Dokumente aus Dateien oder URLs (for-each-source)', 'reads documents from files or URLs (for-each-source)'],
  evaluate: ['führt zur Laufzeit zusammengesetzte XPath-Ausdrücke aus', 'runs XPath expressions built at run time'],
};

/** One thing the static check refuses. */
export interface SandboxFinding {
  /** Stable code, e.g. sandbox.doc, sandbox.result-document, sandbox.javascript. */
  code: string;
  message: string;
  line?: number;
  column?: number;
}

/** Result of the static check: a malformed stylesheet or the findings (empty when the rule is allowed). */
export type StylesheetCheck =
  | { ok: true; findings: SandboxFinding[] }
  | { ok: false; error: TransformError };

/** Parses the stylesheet and lists everything the sandbox refuses. */
export function checkStylesheet(stylesheet: string): StylesheetCheck {
  const findings: SandboxFinding[] = [];
  const doctype = findDoctype(stylesheet);
  if (doctype) {
    findings.push({
      code: 'sandbox.doctype',
      message: m('Eine DOCTYPE-Deklaration ist in Regeln nicht erlaubt.', 'A DOCTYPE declaration is not allowed in rules.'),
      line: doctype.line,
      column: doctype.column,
    });
    return { ok: true, findings };
  }
  const parsed = parseXml(stylesheet);
  if (!parsed.ok) {
    return {
      ok: false,
      error: {
        kind: 'compile',
        code: parsed.error.code,
        message: parsed.error.message,
        line: parsed.error.location?.line,
        column: parsed.error.location?.column,
        where: 'stylesheet',
      },
    };
  }
  walk(parsed.doc.root, false, findings);
  return { ok: true, findings };
}

/** The first sandbox refusal or compile error of the static check, as a TransformError; undefined if allowed. */
export function sandboxError(stylesheet: string): TransformError | undefined {
  const c = checkStylesheet(stylesheet);
  if (!c.ok) return c.error;
  const f = c.findings[0];
  if (!f) return undefined;
  const n = c.findings.length - 1;
  const more = n > 0 ? m(` (und ${n} weitere Stelle(n))`, n === 1 ? ' (and 1 more place)' : ` (and ${n} more places)`) : '';
  return { kind: 'sandbox', code: f.code, message: f.message + more, line: f.line, column: f.column, where: 'stylesheet' };
}

/** All static sandbox findings as diagnostics, e.g. for a code view. */
export function sandboxDiagnostics(stylesheet: string, file?: string): Diagnostic[] {
  const c = checkStylesheet(stylesheet);
  if (!c.ok) return [];
  return c.findings.map((f) => ({
    severity: 'error' as const,
    code: f.code,
    message: f.message,
    location: { file, line: f.line, column: f.column },
  }));
}

function findDoctype(text: string): { line: number; column: number } | undefined {
  const blanked = text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => m.replace(/[^\n]/g, ' '));
  const k = blanked.search(/<!DOCTYPE/i);
  if (k < 0) return undefined;
  const before = text.slice(0, k);
  const line = before.split('\n').length;
  return { line, column: k - before.lastIndexOf('\n') };
}

function truthy(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  if (t === 'yes' || t === 'true' || t === '1') return true;
  if (t === 'no' || t === 'false' || t === '0') return false;
  return undefined;
}

function walk(el: XmlElement, expandTextIn: boolean, out: SandboxFinding[]): void {
  const at = { line: el.line, column: el.column };
  const isXsl = el.ns === XSL_NS;
  for (const uri of Object.values(el.nsDecls)) {
    if (JS_NAMESPACES.has(uri)) out.push(jsFinding(at));
  }
  if (JS_NAMESPACES.has(el.ns) && !Object.values(el.nsDecls).some((u) => JS_NAMESPACES.has(u))) out.push(jsFinding(at));

  if (isXsl) {
    const reason = FORBIDDEN_INSTRUCTIONS[el.local];
    if (reason) {
      const href = el.attrs.find((a) => a.ns === '' && a.local === 'href');
      const applies =
        el.local === 'result-document'
          ? href !== undefined && href.value.trim() !== ''
          : el.local === 'merge-source'
            ? el.attrs.some((a) => a.ns === '' && a.local === 'for-each-source')
            : true;
      if (applies) {
        out.push({ code: `sandbox.${el.local}`, message: m(`xsl:${el.local} ist in Regeln nicht erlaubt: ${reason[0]}.`, `xsl:${el.local} is not allowed in rules: it ${reason[1]}.`), ...at });
      }
    }
  }

  let expandText = expandTextIn;
  const et = isXsl
    ? el.attrs.find((a) => a.ns === '' && a.local === 'expand-text')
    : el.attrs.find((a) => a.ns === XSL_NS && a.local === 'expand-text');
  const etv = truthy(et?.value);
  if (etv !== undefined) expandText = etv;

  for (const a of el.attrs) {
    if (JS_NAMESPACES.has(a.ns)) out.push(jsFinding(at));
    if (isXsl && a.ns === '' && a.local.startsWith('_')) {
      out.push({
        code: 'sandbox.shadow-attribute',
        message: m(
          `Schattenattribute (${a.name}) sind in Regeln nicht erlaubt: sie setzen XPath-Ausdrücke aus Text zusammen.`,
          `Shadow attributes (${a.name}) are not allowed in rules: they build XPath expressions from text.`,
        ),
        ...at,
      });
      continue;
    }
    if (isXsl || a.ns === XSL_NS) scanXPath(a.value, el, at, out);
    else for (const e of avtExpressions(a.value)) scanXPath(e, el, at, out);
  }

  // Adjacent text and CDATA form one text node in the stylesheet tree (comments and PIs are dropped),
  // so a text value template may span them: join before scanning.
  let text = '';
  const flush = () => {
    if (expandText && text) for (const e of avtExpressions(text)) scanXPath(e, el, at, out);
    text = '';
  };
  for (const c of el.children) {
    if (c.type === 'element') {
      flush();
      walk(c, expandText, out);
    } else if (c.type === 'text') text += c.text;
  }
  flush();
}

function jsFinding(at: { line: number; column: number }): SandboxFinding {
  return {
    code: 'sandbox.javascript',
    message: m('Die SaxonJS-Namensräume für JavaScript (ixsl:, js:) sind in Regeln nicht erlaubt.', "SaxonJS's JavaScript namespaces (ixsl:, js:) are not allowed in rules."),
    ...at,
  };
}

const NAME_START = 'A-Za-z_\\u00C0-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_CHAR = NAME_START + '\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040';
const NCNAME = `[${NAME_START}][${NAME_CHAR}]*`;
/** A function call or named function reference: (Q{uri}|prefix:)?local followed by "(" or "#digits". */
const CALL = new RegExp(`(?<![${NAME_CHAR}:}$@])(?:Q\\{([^{}]*)\\}|(${NCNAME}):)?(${NCNAME})\\s*(\\(|#\\s*\\d)`, 'g');

function scanXPath(expr: string, el: XmlElement, at: { line: number; column: number }, out: SandboxFinding[]): void {
  const code = stripLiterals(expr);
  CALL.lastIndex = 0;
  for (let hit = CALL.exec(code); hit; hit = CALL.exec(code)) {
    const [, eqUri, prefix, local] = hit;
    let ns: string | undefined;
    if (eqUri !== undefined) ns = eqUri.trim();
    else if (prefix !== undefined) ns = lookupNamespace(el, prefix) ?? (prefix === 'fn' ? FN_NS : undefined);
    else ns = FN_NS;
    if (ns !== undefined && JS_NAMESPACES.has(ns)) {
      out.push(jsFinding(at));
    } else if (ns === FN_NS && Object.prototype.hasOwnProperty.call(FORBIDDEN_FUNCTIONS, local)) {
      const [de, en] = FORBIDDEN_FUNCTIONS[local];
      out.push({ code: `sandbox.${local}`, message: m(`${local}() ist in Regeln nicht erlaubt: ${de}.`, `${local}() is not allowed in rules: it ${en}.`), ...at });
    }
  }
}

/** Replaces XPath string literals and (: comments :) by a space, keeping everything else. */
export function stripLiterals(expr: string): string {
  let out = '';
  let i = 0;
  const n = expr.length;
  while (i < n) {
    const c = expr[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      for (; j < n; j++) {
        if (expr[j] === c) {
          if (expr[j + 1] === c) j++;
          else break;
        }
      }
      out += ' ';
      i = j + 1;
    } else if (c === '(' && expr[i + 1] === ':') {
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        if (expr[j] === '(' && expr[j + 1] === ':') {
          depth++;
          j += 2;
        } else if (expr[j] === ':' && expr[j + 1] === ')') {
          depth--;
          j += 2;
        } else j++;
      }
      out += ' ';
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The expressions inside an attribute or text value template ({{ and }} are literal braces). */
export function avtExpressions(value: string): string[] {
  const parts: string[] = [];
  const n = value.length;
  let i = 0;
  while (i < n) {
    const c = value[i];
    if (c === '{') {
      if (value[i + 1] === '{') {
        i += 2;
        continue;
      }
      let j = i + 1;
      let depth = 0;
      let quote = '';
      for (; j < n; j++) {
        const d = value[j];
        if (quote) {
          if (d === quote) quote = '';
        } else if (d === '"' || d === "'") quote = d;
        else if (d === '{') depth++;
        else if (d === '}') {
          if (depth === 0) break;
          depth--;
        }
      }
      parts.push(value.slice(i + 1, j));
      i = j + 1;
    } else i++;
  }
  return parts;
}
