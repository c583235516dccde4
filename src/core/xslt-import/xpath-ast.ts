/**
 * The syntax tree of an XPath 3.1 expression as the importer needs it: every node knows its source
 * span (s, e), so unrecognised parts can be kept as the text the author wrote.
 */

export type NodeTest =
  /** prefix '' = unprefixed; local '*' = any; prefix '*' = any namespace; uri set for Q{uri}local. */
  | { kind: 'name'; prefix: string; local: string; uri?: string }
  /** node(), text(), element(…) …, kept as written. */
  | { kind: 'kind'; name: string; raw: string };

interface Span {
  s: number;
  e: number;
}

export type XNode = Span &
  (
    | { t: 'num'; raw: string }
    | { t: 'str'; value: string }
    | { t: 'var'; name: string }
    | { t: 'ctx' }
    | { t: 'paren'; expr?: XNode }
    /** A static function call; a null argument is a `?` placeholder (partial application). */
    | { t: 'call'; name: string; args: (XNode | null)[] }
    | { t: 'fnref'; name: string; arity: string }
    | { t: 'inline'; params: string[]; body: XNode }
    | { t: 'map'; entries: [XNode, XNode][] }
    | { t: 'array'; items: XNode[]; curly: boolean }
    | { t: 'unary'; op: string; operand: XNode }
    | { t: 'bin'; op: string; l: XNode; r: XNode }
    | { t: 'seq'; items: XNode[] }
    | { t: 'if'; c: XNode; a: XNode; b: XNode }
    | { t: 'flwor'; kind: string; clauses: { name: string; expr: XNode }[]; body: XNode }
    | { t: 'type'; op: string; expr: XNode; type: string }
    | { t: 'arrow'; base: XNode; fn: XNode; args: (XNode | null)[] }
    /** root '' = relative; seps[i] is the separator before steps[i + 1]. */
    | { t: 'path'; root: '' | '/' | '//'; steps: XNode[]; seps: string[] }
    | { t: 'step'; axis: string; abbrev: boolean; test: NodeTest; preds: XNode[] }
    | { t: 'filter'; base: XNode; preds: XNode[] }
    | { t: 'dyncall'; base: XNode; args: (XNode | null)[] }
    | { t: 'lookup'; base?: XNode; key: string | XNode }
  );

export type NodeOf<T extends XNode['t']> = Extract<XNode, { t: T }>;

/** The direct children of a node, with whether each is evaluated with a new focus (predicate, step, `!` right side, inline function). */
export function children(n: XNode): { node: XNode; newFocus: boolean }[] {
  const same = (x: XNode | null | undefined) => (x ? [{ node: x, newFocus: false }] : []);
  switch (n.t) {
    case 'num':
    case 'str':
    case 'var':
    case 'ctx':
    case 'fnref':
      return [];
    case 'paren':
      return same(n.expr);
    case 'call':
      return n.args.flatMap(same);
    case 'inline':
      return [{ node: n.body, newFocus: true }];
    case 'map':
      return n.entries.flatMap(([k, v]) => [...same(k), ...same(v)]);
    case 'array':
      return n.items.flatMap(same);
    case 'unary':
      return same(n.operand);
    case 'bin':
      return [...same(n.l), { node: n.r, newFocus: n.op === '!' }];
    case 'seq':
      return n.items.flatMap(same);
    case 'if':
      return [...same(n.c), ...same(n.a), ...same(n.b)];
    case 'flwor':
      return [...n.clauses.flatMap((c) => same(c.expr)), ...same(n.body)];
    case 'type':
      return same(n.expr);
    case 'arrow':
      return [...same(n.base), ...same(n.fn), ...n.args.flatMap(same)];
    case 'path':
      // The first step is evaluated with the outer focus only in a relative path.
      return n.steps.map((st, i) => ({ node: st, newFocus: i > 0 || n.root !== '' }));
    case 'step':
      return n.preds.map((p) => ({ node: p, newFocus: true }));
    case 'filter':
      return [...same(n.base), ...n.preds.map((p) => ({ node: p, newFocus: true }))];
    case 'dyncall':
      return [...same(n.base), ...n.args.flatMap(same)];
    case 'lookup':
      return [...same(n.base), ...(typeof n.key === 'string' ? [] : [{ node: n.key, newFocus: false }])];
  }
}

/** A canonical text of a node, independent of spacing and comments: equal meaning → equal text. */
export function canon(n: XNode | null | undefined): string {
  if (!n) return '?';
  switch (n.t) {
    case 'num':
      return `#${n.raw}`;
    case 'str':
      return JSON.stringify(n.value);
    case 'var':
      return `$${n.name}`;
    case 'ctx':
      return '.';
    case 'paren':
      return `(${canon(n.expr)})`;
    case 'call':
      return `${n.name}(${n.args.map(canon).join(',')})`;
    case 'fnref':
      return `${n.name}#${n.arity}`;
    case 'inline':
      return `fn(${n.params.join(',')}){${canon(n.body)}}`;
    case 'map':
      return `map{${n.entries.map(([k, v]) => `${canon(k)}:${canon(v)}`).join(',')}}`;
    case 'array':
      return `${n.curly ? 'array{' : '['}${n.items.map(canon).join(',')}${n.curly ? '}' : ']'}`;
    case 'unary':
      return `${n.op}${canon(n.operand)}`;
    case 'bin':
      return `[${canon(n.l)} ${n.op} ${canon(n.r)}]`;
    case 'seq':
      return n.items.map(canon).join(',');
    case 'if':
      return `if(${canon(n.c)})then(${canon(n.a)})else(${canon(n.b)})`;
    case 'flwor':
      return `${n.kind} ${n.clauses.map((c) => `$${c.name}:=${canon(c.expr)}`).join(',')} : ${canon(n.body)}`;
    case 'type':
      return `[${canon(n.expr)} ${n.op} ${n.type}]`;
    case 'arrow':
      return `${canon(n.base)}=>${canon(n.fn)}(${n.args.map(canon).join(',')})`;
    case 'path':
      return n.root + n.steps.map((st, i) => (i ? n.seps[i - 1] : '') + canon(st)).join('');
    case 'step': {
      const test = n.test.kind === 'kind' ? n.test.raw.replace(/\s+/g, '') : `${n.test.uri !== undefined ? `Q{${n.test.uri}}` : n.test.prefix ? n.test.prefix + ':' : ''}${n.test.local}`;
      return `${n.axis}::${test}${n.preds.map((p) => `[${canon(p)}]`).join('')}`;
    }
    case 'filter':
      return `${canon(n.base)}${n.preds.map((p) => `[${canon(p)}]`).join('')}`;
    case 'dyncall':
      return `${canon(n.base)}(${n.args.map(canon).join(',')})`;
    case 'lookup':
      return `${n.base ? canon(n.base) : ''}?${typeof n.key === 'string' ? n.key : canon(n.key)}`;
  }
}
