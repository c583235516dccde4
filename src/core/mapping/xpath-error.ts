/**
 * Where in a hand-written XPath an engine error is. SaxonJS reports static errors without a position
 * ("Unknown function …", "expected ")", found <eof>"), so the place is found again from what the message
 * names; when nothing fits, the whole expression is marked. Pure, for the editor's error marker.
 */

/** A range of the expression text: [start, end) offsets, never empty for a non-empty text. */
export interface TextRange {
  start: number;
  end: number;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const OPERAND_END = /[\p{L}\p{N}_)\]'"$.*]/u;

function find(text: string, re: RegExp, group = 0): TextRange | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  const start = m.index + (group ? m[0].indexOf(m[group]) : 0);
  return { start, end: start + m[group].length };
}

/** The first occurrence of `token` where an operand must start (after an operator, an opening bracket or a comma). */
function tokenWhereOperandExpected(text: string, token: string): TextRange | undefined {
  for (let i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
    const prev = text.slice(0, i).trimEnd();
    if (!prev.length || !OPERAND_END.test(prev[prev.length - 1])) return { start: i, end: i + token.length };
  }
  return undefined;
}

/** The first closing bracket without an opening one, or the opening quote of an unterminated string. */
function unbalanced(text: string, what: 'closer' | 'quote'): TextRange | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const k = text.indexOf(c, i + 1);
      if (k < 0) return what === 'quote' ? { start: i, end: text.length } : undefined;
      i = k;
    } else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') {
      if (--depth < 0 && what === 'closer') return { start: i, end: i + 1 };
    }
  }
  return undefined;
}

/** The range of `text` the engine's `message` is about. */
export function locateXPathError(text: string, message: string): TextRange {
  const all: TextRange = { start: 0, end: Math.max(text.length, 1) };
  const end: TextRange = { start: Math.max(0, text.trimEnd().length - 1), end: Math.max(text.trimEnd().length, 1) };
  let m: RegExpExecArray | null;
  let r: TextRange | undefined;
  if ((m = /Unknown function (?:Q\{[^}]*\})?([\w.-]+)\(\)/.exec(message)) || (m = /arity \d+ for function ([\w.-]+)\(\)/.exec(message))) {
    r = find(text, new RegExp(`(?:[\\w.-]+:)?${esc(m[1])}(?=\\s*\\()`));
  } else if ((m = /No binding for variable (?:Q\{[^}]*\})?([\w.-]+)/.exec(message))) {
    r = find(text, new RegExp(`\\$\\s*${esc(m[1])}(?![\\w.-])`));
  } else if ((m = /No namespace binding for prefix '([^']+)'/.exec(message))) {
    r = find(text, new RegExp(`(?<![\\w.-])(${esc(m[1])}):`), 1);
  } else if (/Unmatched quote/.test(message)) {
    r = unbalanced(text, 'quote');
  } else if ((m = /Found (\S+) beyond end of expression/.exec(message))) {
    r = unbalanced(text, 'closer') ?? tokenWhereOperandExpected(text, m[1]);
  } else if ((m = /Unexpected token (\S+) at start of expression/.exec(message))) {
    r = tokenWhereOperandExpected(text, m[1]) ?? end;
  } else if ((m = /found (?:name |<numeric-literal> \()?"([^"]+)"/.exec(message))) {
    // The parser stopped at this token: the first one standing where an operator was due.
    const tok = m[1];
    for (let i = text.indexOf(tok); i >= 0 && !r; i = text.indexOf(tok, i + 1)) {
      const prev = text.slice(0, i);
      if (/\s$/.test(prev) && OPERAND_END.test(prev.trimEnd().slice(-1))) r = { start: i, end: i + tok.length };
    }
  } else if ((m = /found (\S+)$/.exec(message))) {
    // `found )` is the checker's own closing parenthesis, `<eof>` the end: the text ended too early.
    r = m[1] === ')' || m[1] === '<eof>' ? end : find(text, new RegExp(esc(m[1])));
  } else if (/@ must be followed/.test(message)) {
    r = find(text, /@(?![\p{L}_*])/u);
  }
  return r && r.end > r.start ? r : all;
}
