/**
 * The XSLT engine interface and pure helpers shared by the Node and browser adapters.
 * No DOM and no Node APIs here: this module runs unchanged in Node, a Web Worker and the browser.
 */
import { m } from '../i18n.ts';

/** One transformation: XSLT 3.0 text applied to XML text. */
export interface TransformRequest {
  /** XSLT 3.0 stylesheet text. */
  stylesheet: string;
  /** XML input text. */
  input: string;
  /** Stylesheet parameters, passed as xs:string; names without namespace. */
  params?: Record<string, string>;
  /** Run-time limit in ms, default 10000. The worker running the rule is killed when it is exceeded. */
  timeoutMs?: number;
  /** Cancels the request: a queued request is dropped, a running one's worker is killed and replaced. */
  signal?: AbortSignal;
}

export type TransformErrorKind = 'input' | 'compile' | 'runtime' | 'timeout' | 'sandbox' | 'cancelled' | 'internal';

export type TransformError = {
  kind: TransformErrorKind;
  /** E.g. XTDE0640, XPST0003, FORG0001, or Q{uri}local for user error codes, or ours: sandbox.doc, runner.timeout. */
  code?: string;
  message: string;
  line?: number;
  column?: number;
  /** Which text `line` refers to. */
  where?: 'stylesheet' | 'input';
};

export type TransformResult =
  | { ok: true; output: string; timeMs: number; messages?: string[] }
  | { ok: false; error: TransformError; timeMs: number; messages?: string[] };

/** Anything that can run an XSLT rule. */
export interface XsltEngine {
  transform(req: TransformRequest): Promise<TransformResult>;
  dispose?(): void;
}

export const DEFAULT_TIMEOUT_MS = 10000;

/** Base URI the host gives the stylesheet; it shows up in SaxonJS messages and locations. */
export const RULE_URI = 'https://regelwerk.invalid/regelwerk-rule.xsl';
/** Base URI the host gives the input document. */
export const INPUT_URI = 'https://regelwerk.invalid/regelwerk-input.xml';
/** Error code the host's run-time sandbox raises. */
export const HOST_SANDBOX_CODE = 'Q{urn:regelwerk:sandbox}DENIED';

const ERR_NS_PREFIX = 'Q{http://www.w3.org/2005/xqt-errors}';

/** An error as it crosses the worker boundary (plain data, see saxon-host.cjs). */
export interface RawSaxonError {
  name?: string;
  code?: string;
  message: string;
  /** Line in xsltModule where SaxonJS raised the error (may be a module of SaxonJS's own compiler). */
  xsltLineNr?: number;
  xsltModule?: string;
  /** Extra value; for static errors SaxonJS puts " on line N in /uri" here. */
  errorObject?: string;
}

/** Which step of a run failed: compiling the stylesheet, parsing the input, or running. */
export type HostPhase = 'compile' | 'input' | 'run';

/** Strips the standard error namespace: Q{http://www.w3.org/2005/xqt-errors}XPST0003 → XPST0003. */
export function normalizeErrorCode(code: string | undefined): string | undefined {
  if (code === undefined || code === null) return undefined;
  const c = String(code).trim();
  if (!c) return undefined;
  if (c.startsWith(ERR_NS_PREFIX)) return c.slice(ERR_NS_PREFIX.length);
  if (c.startsWith('err:')) return c.slice(4);
  return c;
}

const ON_LINE = /\bon line (\d+)(?: in \/?([^\s{]+))?/;
const AT_LINE_COL = /\bat line (\d+) column (\d+)/;
/** SaxonJS shortens module URIs (e.g. "regelwerk-rule.xsl", "regelwerk.invalid/regelwerk-rule.xsl"). */
const isRuleModule = (m: string | undefined): boolean => !!m && m.endsWith('regelwerk-rule.xsl');
const RULE_REF = /\s*(?:on line \d+ )?in \/?(?:https?:\/\/?)?(?:regelwerk\.invalid\/)?regelwerk-rule\.xsl/g;

/** Removes our synthetic base URIs from a SaxonJS message; line numbers are reported separately. */
function cleanMessage(message: string): string {
  return message
    .replace(RULE_REF, '')
    .replace(/(?:https?:\/\/?)?(?:regelwerk\.invalid\/)?regelwerk-input\.xml/g, m('Eingabe', 'input'))
    .replace(/https:\/\/regelwerk\.invalid\/(output\/)?/g, '')
    .trim();
}

/**
 * Turns a SaxonJS error (an XError or its plain-data copy) into a TransformError.
 * SaxonJS puts the code in `code` (often as Q{http://www.w3.org/2005/xqt-errors}XXXX0000); run-time errors
 * carry xsltLineNr/xsltModule (the line in our stylesheet when xsltModule is our rule URI); static errors
 * say "... on line N in /uri ..." in the message or in errorObject; XML parse errors say
 * "... at line N column M" with a 0-based line.
 */
export function toTransformError(raw: RawSaxonError | unknown, phase: HostPhase): TransformError {
  const r = asRaw(raw);
  const code = normalizeErrorCode(r.code);
  if (r.name === 'RangeError' || /Maximum call stack size exceeded/.test(r.message)) {
    return {
      kind: 'runtime',
      code: 'runner.stack-overflow',
      message: m(
        'Stapelüberlauf: die Regel ruft sich zu tief rekursiv auf (endlose Rekursion?).',
        'Stack overflow: the rule calls itself too deeply (endless recursion?).',
      ),
    };
  }
  if (code === HOST_SANDBOX_CODE) {
    // The host words this in German (it takes no language); the main thread translates it.
    const msg = cleanMessage(r.message);
    return { kind: 'sandbox', code: 'sandbox.runtime', message: m(msg, msg.replace('Zugriff verweigert (Sandbox)', 'Access denied (sandbox)')) };
  }
  if (/saxonica\.com\/ns\/(globalJS|interactiveXSLT)/.test(r.message)) {
    return {
      kind: 'sandbox',
      code: 'sandbox.javascript',
      message: m('JavaScript-Aufrufe (ixsl:/js:-Funktionen) sind in Regeln nicht erlaubt.', 'JavaScript calls (ixsl:/js: functions) are not allowed in rules.'),
    };
  }
  const kind: TransformErrorKind = phase === 'compile' ? 'compile' : phase === 'input' ? 'input' : 'runtime';
  const err: TransformError = { kind, message: cleanMessage(r.message) || m('Unbekannter Fehler', 'Unknown error') };
  if (code) err.code = code;
  if (phase === 'input') {
    const m = AT_LINE_COL.exec(r.message);
    if (m) {
      err.line = Number(m[1]) + 1;
      err.column = Number(m[2]);
    }
    err.where = 'input';
    return err;
  }
  if (isRuleModule(r.xsltModule) && typeof r.xsltLineNr === 'number' && Number.isFinite(r.xsltLineNr)) {
    err.line = r.xsltLineNr;
  } else {
    const m = ON_LINE.exec(r.message) ?? (r.errorObject ? ON_LINE.exec(r.errorObject) : null);
    if (m && (!m[2] || isRuleModule(m[2].replace(/[:.,;]+$/, '')))) err.line = Number(m[1]);
    else if (phase === 'compile') {
      const at = AT_LINE_COL.exec(r.message);
      if (at) {
        err.line = Number(at[1]) + 1;
        err.column = Number(at[2]);
      }
    }
  }
  if (err.line !== undefined) err.where = 'stylesheet';
  return err;
}

function asRaw(e: unknown): RawSaxonError {
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    const raw: RawSaxonError = {
      name: typeof o.name === 'string' ? o.name : e instanceof RangeError ? 'RangeError' : undefined,
      code: o.code === undefined || o.code === null ? undefined : String(o.code),
      message: typeof o.message === 'string' ? o.message : String(e),
    };
    if (e instanceof RangeError) raw.name = 'RangeError';
    if (o.xsltLineNr !== undefined && o.xsltLineNr !== null) raw.xsltLineNr = Number(o.xsltLineNr);
    if (typeof o.xsltModule === 'string') raw.xsltModule = o.xsltModule;
    if (o.errorObject !== undefined && o.errorObject !== null) raw.errorObject = String(o.errorObject);
    return raw;
  }
  return { message: String(e) };
}

const NCNAME = /^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*$/;

/** Checks stylesheet parameter names (xs:string parameters without namespace). */
export function checkParams(params: Record<string, string> | undefined): TransformError | undefined {
  if (!params) return undefined;
  for (const [name, value] of Object.entries(params)) {
    if (!NCNAME.test(name)) {
      return { kind: 'input', code: 'runner.invalid-param', message: m(`Ungültiger Parametername: "${name}"`, `Invalid parameter name: "${name}"`) };
    }
    if (typeof value !== 'string') {
      return { kind: 'input', code: 'runner.invalid-param', message: m(`Parameter "${name}" muss ein Text sein.`, `Parameter "${name}" must be a string.`) };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Pretty printing

type PNode =
  | { t: 'el'; open: string; close: string; selfClosing: boolean; children: PNode[]; start: number; end: number; preserve: boolean }
  | { t: 'text'; raw: string }
  | { t: 'cdata'; raw: string }
  | { t: 'other'; raw: string };

/**
 * Re-indents well-formed XML with 2 spaces. Tags are kept exactly as written (attributes, namespace
 * declarations, quoting); text, CDATA, comments and processing instructions are kept; whitespace-only
 * text between elements is replaced by the new indentation. Elements with mixed content (text next to
 * child elements) or xml:space="preserve" are copied verbatim. Malformed input is returned unchanged.
 */
export function prettyPrintXml(xml: string): string {
  try {
    const top = parseForPrint(xml);
    const lines: string[] = [];
    for (const n of top) {
      if (n.t === 'text') {
        if (n.raw.trim()) lines.push(n.raw.trim());
        continue;
      }
      printNode(n, 0, lines, xml);
    }
    return lines.join('\n') + (xml.endsWith('\n') ? '\n' : '');
  } catch {
    return xml;
  }
}

function printNode(n: PNode, depth: number, lines: string[], src: string): void {
  const ind = '  '.repeat(depth);
  if (n.t !== 'el') {
    lines.push(ind + n.raw);
    return;
  }
  if (n.selfClosing) {
    lines.push(ind + n.open);
    return;
  }
  if (n.children.length === 0) {
    lines.push(ind + n.open + n.close);
    return;
  }
  const hasStructure = n.children.some((c) => c.t === 'el' || c.t === 'other');
  const hasText = n.children.some((c) => c.t === 'cdata' || (c.t === 'text' && c.raw.trim() !== ''));
  if (n.preserve || (hasStructure && hasText)) {
    lines.push(ind + src.slice(n.start, n.end));
    return;
  }
  if (!hasStructure) {
    lines.push(ind + n.open + n.children.map((c) => (c.t === 'el' ? '' : c.raw)).join('') + n.close);
    return;
  }
  lines.push(ind + n.open);
  for (const c of n.children) {
    if (c.t === 'text') continue; // whitespace only here
    printNode(c, depth + 1, lines, src);
  }
  lines.push(ind + n.close);
}

const XML_SPACE = /\sxml:space\s*=\s*(["'])\s*(preserve|default)\s*\1/;

function parseForPrint(src: string): PNode[] {
  const root: PNode[] = [];
  const stack: Array<Extract<PNode, { t: 'el' }>> = [];
  const add = (n: PNode) => (stack.length ? stack[stack.length - 1].children : root).push(n);
  let i = 0;
  const len = src.length;
  const need = (s: string, from: number): number => {
    const k = src.indexOf(s, from);
    if (k < 0) throw new Error('unterminated ' + s);
    return k;
  };
  while (i < len) {
    if (src[i] !== '<') {
      const k = src.indexOf('<', i);
      const end = k < 0 ? len : k;
      add({ t: 'text', raw: src.slice(i, end) });
      i = end;
      continue;
    }
    if (src.startsWith('<!--', i)) {
      const k = need('-->', i + 4) + 3;
      add({ t: 'other', raw: src.slice(i, k) });
      i = k;
    } else if (src.startsWith('<![CDATA[', i)) {
      const k = need(']]>', i + 9) + 3;
      add({ t: 'cdata', raw: src.slice(i, k) });
      i = k;
    } else if (src.startsWith('<?', i)) {
      const k = need('?>', i + 2) + 2;
      add({ t: 'other', raw: src.slice(i, k) });
      i = k;
    } else if (src.startsWith('<!', i)) {
      // DOCTYPE, possibly with an internal subset in [...]
      let j = i + 2;
      let depth = 0;
      let quote = '';
      for (; j < len; j++) {
        const ch = src[j];
        if (quote) {
          if (ch === quote) quote = '';
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '[') depth++;
        else if (ch === ']') depth--;
        else if (ch === '>' && depth <= 0) break;
      }
      if (j >= len) throw new Error('unterminated <!');
      add({ t: 'other', raw: src.slice(i, j + 1) });
      i = j + 1;
    } else if (src[i + 1] === '/') {
      const k = need('>', i) + 1;
      const el = stack.pop();
      if (!el) throw new Error('unexpected end tag');
      el.close = src.slice(i, k);
      el.end = k;
      i = k;
    } else {
      let j = i + 1;
      let quote = '';
      for (; j < len; j++) {
        const ch = src[j];
        if (quote) {
          if (ch === quote) quote = '';
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '>') break;
      }
      if (j >= len) throw new Error('unterminated tag');
      const open = src.slice(i, j + 1);
      const selfClosing = src[j - 1] === '/';
      const parent = stack[stack.length - 1];
      const sp = XML_SPACE.exec(open);
      const preserve = sp ? sp[2] === 'preserve' : parent ? parent.preserve : false;
      const el: Extract<PNode, { t: 'el' }> = { t: 'el', open, close: '', selfClosing, children: [], start: i, end: j + 1, preserve };
      add(el);
      if (!selfClosing) stack.push(el);
      i = j + 1;
    }
  }
  if (stack.length) throw new Error('unclosed element');
  return root;
}
