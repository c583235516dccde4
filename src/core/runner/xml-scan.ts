/**
 * The one scanner of output XML text: start and end tags, text, CDATA and processing instructions by
 * offset, in document order, without building a tree. The inspector's "value in sample" and the trace
 * from an output position to its mapping both read the engine's output with it.
 *
 * Why not a full parser (saxes): the output is the engine's own serialisation, so it is well-formed, and
 * jumping from '<' to '<' with indexOf is several times faster on multi-MB outputs (this runs on the UI
 * thread). Malformed text never throws: the scan goes on leniently and the first problem is returned with
 * its offset, so a caller can refuse the text (sample values) or use what it found (trace).
 * Pure TypeScript, runs anywhere.
 */
import { m } from '../i18n.ts';

/** What the scan reports, as offsets into the text; handlers slice only what they need. */
export interface XmlScanHandler {
  /** A start tag from its '<' (`lt`) to just after its '>' (`end`); `empty` for `<x/>`. */
  open?(lt: number, end: number, empty: boolean): void;
  /** An end tag `</x>` that closes an open element. */
  close?(lt: number, end: number): void;
  /** Character data between markup, raw (entities unresolved): text[from, to). */
  text?(from: number, to: number): void;
  /** The content of a CDATA section: text[from, to). */
  cdata?(from: number, to: number): void;
  /** A processing instruction (the XML declaration too): its target and its trimmed data. */
  pi?(target: string, data: string, lt: number, end: number): void;
}

/** Why a text is not well-formed XML. */
export type XmlScanProblemCode = 'unterminated' | 'bad-tag' | 'stray-end-tag' | 'mismatched-end-tag' | 'unclosed-element';

/** The first problem a scan met: what and where. */
export interface XmlScanProblem {
  code: XmlScanProblemCode;
  /** Offset of the markup concerned. */
  offset: number;
  message: string;
}

/** Length of the tag name starting at `from` (up to whitespace, '/', '>' or the end). */
function nameLength(xml: string, from: number): number {
  let k = from;
  while (k < xml.length) {
    const c = xml.charCodeAt(k);
    if (c <= 32 || c === 47 || c === 62) break;
    k++;
  }
  return k - from;
}

/** Just after the end of the comment, CDATA section, instruction or declaration at `lt` (-1: unterminated). */
function markupEnd(xml: string, lt: number): number {
  let k: number;
  if (xml.startsWith('<!--', lt)) return (k = xml.indexOf('-->', lt + 4)) < 0 ? -1 : k + 3;
  if (xml.startsWith('<![CDATA[', lt)) return (k = xml.indexOf(']]>', lt + 9)) < 0 ? -1 : k + 3;
  if (xml[lt + 1] === '?') return (k = xml.indexOf('?>', lt + 2)) < 0 ? -1 : k + 2;
  // A declaration (<!DOCTYPE …>); '>' inside its internal subset [ … ] does not end it.
  const gt = xml.indexOf('>', lt);
  const bracket = xml.indexOf('[', lt);
  if (bracket >= 0 && bracket < gt) {
    const rb = xml.indexOf(']', bracket);
    k = rb < 0 ? -1 : xml.indexOf('>', rb);
  } else k = gt;
  return k < 0 ? -1 : k + 1;
}

/** True when the tag names at offsets a and b are equal (one pass, no slicing: it runs for every end tag). */
function sameName(xml: string, a: number, b: number): boolean {
  for (;;) {
    const x = xml.charCodeAt(a++);
    const y = xml.charCodeAt(b++);
    // A name ends at whitespace, '/', '>' or the end of the text (NaN fails every comparison).
    const endX = !(x > 32 && x !== 47 && x !== 62);
    const endY = !(y > 32 && y !== 47 && y !== 62);
    if (endX || endY) return endX && endY;
    if (x !== y) return false;
  }
}

/** Scans `xml` in document order, calling the handler; returns the first problem, if any. */
export function scanXml(xml: string, h: XmlScanHandler): XmlScanProblem | undefined {
  const n = xml.length;
  let problem: XmlScanProblem | undefined;
  const fail = (code: XmlScanProblemCode, offset: number) => {
    problem ??= { code, offset, message: problemMessage(code, xml, offset) };
  };
  // Start offsets of the open elements, to check end-tag names.
  const open: number[] = [];
  // Next known position of each quote character (-1: none left): found with indexOf only when passed,
  // so finding a tag's end over all the tags costs one pass over the text per quote character.
  let dq = -2;
  let sq = -2;
  /** End of the tag starting at `lt`: the first '>' outside a quoted attribute value (-1: none). */
  const tagEnd = (lt: number): number => {
    let gt = xml.indexOf('>', lt);
    let p = lt;
    while (gt >= 0) {
      if (dq !== -1 && dq < p) dq = xml.indexOf('"', p);
      if (sq !== -1 && sq < p) sq = xml.indexOf("'", p);
      const q = dq < 0 ? sq : sq < 0 ? dq : Math.min(dq, sq);
      if (q < 0 || q > gt) return gt;
      const close = xml.indexOf(xml[q], q + 1);
      if (close < 0) return -1;
      p = close + 1;
      if (close > gt) gt = xml.indexOf('>', p);
    }
    return -1;
  };
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    if (lt > i) h.text?.(i, lt);
    const c = xml[lt + 1];
    if (c === '!' || c === '?') {
      const k = markupEnd(xml, lt);
      if (k < 0) {
        fail('unterminated', lt);
        break;
      }
      if (xml.startsWith('<![CDATA[', lt)) h.cdata?.(lt + 9, k - 3);
      else if (c === '?' && h.pi) {
        const pm = /^(\S+)\s*([\s\S]*)$/.exec(xml.slice(lt + 2, k - 2));
        if (pm) h.pi(pm[1], pm[2].trim(), lt, k);
      }
      i = k;
      continue;
    }
    if (c === undefined || c === '<' || c <= ' ') {
      // A lone '<' in text (not well-formed): taken as text.
      fail('bad-tag', lt);
      h.text?.(lt, lt + 1);
      i = lt + 1;
      continue;
    }
    const gt = tagEnd(lt);
    if (gt < 0) {
      fail('unterminated', lt);
      if (c !== '/') h.open?.(lt, n, false);
      break;
    }
    i = gt + 1;
    if (c === '/') {
      const start = open.pop();
      if (start === undefined) {
        fail('stray-end-tag', lt);
        continue;
      }
      if (!sameName(xml, start + 1, lt + 2)) fail('mismatched-end-tag', lt);
      h.close?.(lt, i);
      continue;
    }
    const empty = xml[gt - 1] === '/';
    if (!empty) open.push(lt);
    h.open?.(lt, i, empty);
  }
  if (open.length) fail('unclosed-element', open[open.length - 1]);
  return problem;
}

/** Line and column (1-based) of an offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    start = k + 1;
  }
  return { line, column: offset - start + 1 };
}

/** The located message of a problem, in the current message language. */
function problemMessage(code: XmlScanProblemCode, xml: string, offset: number): string {
  const { line, column } = lineColumn(xml, offset);
  const at = m(`Zeile ${line}, Spalte ${column}`, `line ${line}, column ${column}`);
  const name = xml.slice(offset, offset + 40).split(/[\s>]/)[0];
  switch (code) {
    case 'unterminated':
      return m(`Nicht abgeschlossenes Markup „${name}“ (${at}).`, `Unterminated markup "${name}" (${at}).`);
    case 'bad-tag':
      return m(`„<“ ohne Elementnamen (${at}).`, `"<" without an element name (${at}).`);
    case 'stray-end-tag':
      return m(`Endtag „${name}>“ ohne offenes Element (${at}).`, `End tag "${name}>" without an open element (${at}).`);
    case 'mismatched-end-tag':
      return m(`Endtag „${name}>“ passt nicht zum offenen Element (${at}).`, `End tag "${name}>" does not match the open element (${at}).`);
    case 'unclosed-element':
      return m(`Element „${name}“ wird nicht geschlossen (${at}).`, `Element "${name}" is never closed (${at}).`);
  }
}

/** The qualified name of the tag starting at `lt` (`<p:x …>` → "p:x", `</p:x>` → "p:x"). */
export function xmlTagName(xml: string, lt: number): string {
  const from = xml[lt + 1] === '/' ? lt + 2 : lt + 1;
  return xml.slice(from, from + nameLength(xml, from));
}

/** One attribute of a start tag: its name, raw value (entities unresolved) and the offsets of `name="value"`. */
export interface XmlAttribute {
  name: string;
  value: string;
  start: number;
  end: number;
}

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of the start tag xml[lt, end) (as given to `open`), in document order. */
export function xmlAttributes(xml: string, lt: number, end: number): XmlAttribute[] {
  const from = lt + 1 + nameLength(xml, lt + 1);
  const tag = xml.slice(from, end);
  const out: XmlAttribute[] = [];
  ATTR.lastIndex = 0;
  for (let a = ATTR.exec(tag); a; a = ATTR.exec(tag)) out.push({ name: a[1], value: a[2] ?? a[3] ?? '', start: from + a.index, end: from + a.index + a[0].length });
  return out;
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Resolves the predefined and character entities of XML text (unknown ones stay as written). */
export function decodeXmlText(t: string): string {
  if (!t.includes('&')) return t;
  return t.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
    if (e[0] !== '#') return ENTITY[e] ?? whole;
    const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}
