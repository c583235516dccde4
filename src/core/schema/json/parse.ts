/**
 * JSON files with source positions on demand. Values come from JSON.parse (fast, also on 50 MB);
 * only when a position is needed (a diagnostic, a node's source line) is the file parsed a second
 * time with jsonc-parser, which keeps offsets.
 */
import { findNodeAtLocation, parse as parseJsonc, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Diagnostic, SourceLocation } from '../../diagnostics.ts';
import { m } from '../../i18n.ts';

/** A parsed JSON file. */
export interface JsonFile {
  name: string;
  text: string;
  value: unknown;
  /** Offsets of line starts, built lazily. */
  lines?: number[];
  tree?: Node | null;
}

/** Above this size, node source lines are not computed (the offset tree would cost too much memory). */
const LOCATE_LIMIT = 8 * 1024 * 1024;

function lineStarts(f: JsonFile): number[] {
  if (!f.lines) {
    const out = [0];
    const t = f.text;
    for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) out.push(i + 1);
    f.lines = out;
  }
  return f.lines;
}

/** 1-based line and column of an offset. */
export function position(f: JsonFile, offset: number): { line: number; column: number } {
  const ls = lineStarts(f);
  let lo = 0;
  let hi = ls.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ls[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - ls[lo] + 1 };
}

/** Where the value at a JSON path is (file only when it cannot be found or the file is huge). */
export function locate(f: JsonFile, path: readonly (string | number)[], force = false): SourceLocation {
  if (f.tree === undefined) f.tree = f.text.length <= LOCATE_LIMIT || force ? (parseTree(f.text) ?? null) : null;
  const node = f.tree ? findNodeAtLocation(f.tree, path as (string | number)[]) : undefined;
  if (!node) return { file: f.name };
  // A member's value: point at its key, where a reader looks.
  const at = node.parent?.type === 'property' ? node.parent.offset : node.offset;
  return { file: f.name, ...position(f, at) };
}

/** Parses a JSON text; a syntax error gives one located diagnostic. Never throws. */
export function readJson(name: string, text: string): { file?: JsonFile; diagnostic?: Diagnostic } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim()) {
    return { diagnostic: { severity: 'error', code: 'json.empty', message: m('Die Datei ist leer.', 'The file is empty.'), location: { file: name, line: 1, column: 1 } } };
  }
  try {
    return { file: { name, text: body, value: JSON.parse(body) } };
  } catch (e) {
    const errors: ParseError[] = [];
    parseJsonc(body, errors, { allowTrailingComma: false, disallowComments: true });
    const f: JsonFile = { name, text: body, value: undefined };
    const first = errors[0];
    const where = first ? position(f, first.offset) : { line: 1, column: 1 };
    const what = first ? describeError(printParseErrorCode(first.error)) : (e as Error).message;
    const hint = body.trimStart().startsWith('<') ? m(' Die Datei sieht wie XML aus.', ' The file looks like XML.') : '';
    return {
      diagnostic: { severity: 'error', code: 'json.syntax', message: m(`Kein gültiges JSON: ${what}.${hint}`, `Not valid JSON: ${what}.${hint}`), location: { file: name, ...where } },
    };
  }
}

function describeError(code: string): string {
  const de: Record<string, string> = {
    InvalidSymbol: 'unerwartetes Zeichen',
    InvalidNumberFormat: 'ungültige Zahl',
    PropertyNameExpected: 'Schlüssel erwartet',
    ValueExpected: 'Wert erwartet',
    ColonExpected: '„:“ erwartet',
    CommaExpected: '„,“ erwartet',
    CloseBraceExpected: '„}“ erwartet',
    CloseBracketExpected: '„]“ erwartet',
    EndOfFileExpected: 'Dateiende erwartet',
    InvalidCommentToken: 'Kommentare sind in JSON nicht erlaubt',
    UnexpectedEndOfString: 'Zeichenkette nicht abgeschlossen',
    InvalidEscapeCharacter: 'ungültige Escape-Sequenz',
    InvalidCharacter: 'ungültiges Zeichen',
  };
  const en: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'key expected',
    ValueExpected: 'value expected',
    ColonExpected: '":" expected',
    CommaExpected: '"," expected',
    CloseBraceExpected: '"}" expected',
    CloseBracketExpected: '"]" expected',
    EndOfFileExpected: 'end of file expected',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfString: 'string not closed',
    InvalidEscapeCharacter: 'invalid escape sequence',
    InvalidCharacter: 'invalid character',
  };
  return m(de[code] ?? code, en[code] ?? code);
}
