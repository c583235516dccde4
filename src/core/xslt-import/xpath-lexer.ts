/**
 * Tokens of XPath 3.1 with their source offsets, for the importer's parser. Names keep '-' and '.'
 * (XPath's NCName rule: `vm-anrede` is one name, `a - b` a subtraction); whether a name is an
 * operator (`div`, `and`) or a `*` a wildcard is the parser's decision, by position.
 */
import { m } from '../i18n.ts';

export type TokKind = 'name' | 'wild' | 'eqname' | 'num' | 'str' | 'var' | 'op' | 'eof';

export interface Tok {
  kind: TokKind;
  /** name: the QName as written; wild: "p:*" or "*:local"; eqname: "Q{uri}local"; str: the value; num/op: as written. */
  text: string;
  start: number;
  end: number;
}

/** A syntax error at an offset of the expression. */
export class XPathSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const OPS = ['!=', '<=', '>=', '<<', '>>', '||', '//', '::', ':=', '=>', '..', '.', '=', '<', '>', '|', '/', '@', ',', '(', ')', '[', ']', '{', '}', '?', '*', '+', '-', '!', '#', ':', ';'];

function isNameStart(c: string): boolean {
  return /[A-Za-z_]/.test(c) || c.charCodeAt(0) > 0x7f;
}
function isNameChar(c: string): boolean {
  return /[\w.\-]/.test(c) || c.charCodeAt(0) > 0x7f;
}

/**
 * A lazy token stream: tokens are scanned only as far as the parser asks, so an expression inside an
 * attribute value template can end at its `}` without the literal text after it being scanned.
 */
export class Lexer {
  private readonly buf: Tok[] = [];
  private pos: number;
  constructor(
    readonly text: string,
    from = 0,
  ) {
    this.pos = from;
  }

  /** The k-th token ahead without consuming it. */
  peek(k = 0): Tok {
    while (this.buf.length <= k) {
      const t = scan(this.text, this.pos);
      this.buf.push(t);
      this.pos = t.end;
      if (t.kind === 'eof') break;
    }
    return this.buf[Math.min(k, this.buf.length - 1)];
  }

  next(): Tok {
    const t = this.peek();
    if (t.kind !== 'eof') this.buf.shift();
    return t;
  }
}

/** All tokens of a text (for tests and simple scans). */
export function tokenize(text: string, from = 0): Tok[] {
  const lx = new Lexer(text, from);
  const out: Tok[] = [];
  for (;;) {
    const t = lx.next();
    out.push(t);
    if (t.kind === 'eof') return out;
  }
}

/** Scans one token starting at offset i (whitespace and comments skipped first). */
function scan(text: string, i: number): Tok {
  const n = text.length;
  const ncname = (p: number): number => {
    if (p >= n || !isNameStart(text[p])) return p;
    let q = p + 1;
    while (q < n && isNameChar(text[q])) q++;
    return q;
  };
  for (;;) {
    while (i < n && /\s/.test(text[i])) i++;
    if (i >= n) return { kind: 'eof', text: '', start: n, end: n };
    const c = text[i];
    if (c === '(' && text[i + 1] === ':') {
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        if (text[j] === '(' && text[j + 1] === ':') {
          depth++;
          j += 2;
        } else if (text[j] === ':' && text[j + 1] === ')') {
          depth--;
          j += 2;
        } else j++;
      }
      if (depth > 0) throw new XPathSyntaxError(m('Kommentar (: … :) nicht geschlossen', 'comment (: … :) not closed'), i);
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= n) throw new XPathSyntaxError(m('Zeichenkette nicht geschlossen', 'string not closed'), i);
        if (text[j] === c) {
          if (text[j + 1] === c) {
            value += c;
            j += 2;
            continue;
          }
          break;
        }
        value += text[j++];
      }
      return { kind: 'str', text: value, start: i, end: j + 1 };
    }
    if (/\d/.test(c) || (c === '.' && /\d/.test(text[i + 1] ?? ''))) {
      const m = /^(\d*\.?\d*)([eE][+-]?\d+)?/.exec(text.slice(i))!;
      return { kind: 'num', text: m[0], start: i, end: i + m[0].length };
    }
    if (c === 'Q' && text[i + 1] === '{') {
      const close = text.indexOf('}', i);
      if (close < 0) throw new XPathSyntaxError(m('Q{…} nicht geschlossen', 'Q{…} not closed'), i);
      let j = close + 1;
      if (text[j] === '*') j++;
      else j = ncname(j);
      return { kind: 'eqname', text: text.slice(i, j), start: i, end: j };
    }
    if (c === '$') {
      let j = i + 1;
      while (j < n && /\s/.test(text[j])) j++;
      const e1 = ncname(j);
      if (e1 === j) throw new XPathSyntaxError(m('Variablenname erwartet', 'variable name expected'), i);
      let e = e1;
      if (text[e1] === ':' && isNameStart(text[e1 + 1] ?? '')) e = ncname(e1 + 1);
      return { kind: 'var', text: text.slice(j, e), start: i, end: e };
    }
    if (c === '*' && text[i + 1] === ':' && isNameStart(text[i + 2] ?? '')) {
      const e = ncname(i + 2);
      return { kind: 'wild', text: text.slice(i, e), start: i, end: e };
    }
    if (isNameStart(c)) {
      const e1 = ncname(i);
      if (text[e1] === ':' && text[e1 + 1] === '*') {
        return { kind: 'wild', text: text.slice(i, e1 + 2), start: i, end: e1 + 2 };
      }
      let e = e1;
      if (text[e1] === ':' && isNameStart(text[e1 + 1] ?? '')) e = ncname(e1 + 1);
      return { kind: 'name', text: text.slice(i, e), start: i, end: e };
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (!op) throw new XPathSyntaxError(m(`Unerwartetes Zeichen "${c}"`, `unexpected character "${c}"`), i);
    return { kind: 'op', text: op, start: i, end: i + op.length };
  }
}
