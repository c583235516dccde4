/**
 * A recursive-descent parser for XPath 3.1 (the grammar of the W3C recommendation, precedence from
 * `,` down to postfix expressions). It builds the spanned tree of xpath-ast.ts; it does not check
 * static types or whether functions exist.
 */
import { m } from '../i18n.ts';
import type { NodeTest, XNode } from './xpath-ast.ts';
import { Lexer, XPathSyntaxError, type Tok } from './xpath-lexer.ts';

export { XPathSyntaxError } from './xpath-lexer.ts';

export type ParseResult = { ok: true; node: XNode } | { ok: false; message: string; offset: number };

/** Parses a whole XPath expression. Never throws. */
export function parseXPath(text: string): ParseResult {
  try {
    const p = new Parser(new Lexer(text));
    const node = p.expr();
    const t = p.lx.peek();
    if (t.kind !== 'eof') throw new XPathSyntaxError(m(`Unerwartet: "${t.text}"`, `unexpected: "${t.text}"`), t.start);
    return { ok: true, node };
  } catch (e) {
    if (e instanceof XPathSyntaxError) return { ok: false, message: e.message, offset: e.offset };
    throw e;
  }
}

/** Parses an expression that starts at `from` and ends before an unmatched `}` (attribute value templates). Throws XPathSyntaxError. */
export function parseEnclosed(text: string, from: number): { node: XNode; end: number } {
  const p = new Parser(new Lexer(text, from));
  const node = p.expr();
  const t = p.lx.peek();
  if (t.kind !== 'op' || t.text !== '}') throw new XPathSyntaxError(m('"}" erwartet', '"}" expected'), t.start);
  return { node, end: t.end };
}

const KIND_TESTS = new Set([
  'node',
  'text',
  'comment',
  'processing-instruction',
  'element',
  'attribute',
  'document-node',
  'schema-element',
  'schema-attribute',
  'namespace-node',
]);
const RESERVED_FN = new Set([...KIND_TESTS, 'if', 'switch', 'typeswitch', 'item', 'empty-sequence', 'function', 'map', 'array']);
const AXES = new Set([
  'child',
  'descendant',
  'attribute',
  'self',
  'descendant-or-self',
  'following-sibling',
  'following',
  'namespace',
  'parent',
  'ancestor',
  'preceding-sibling',
  'preceding',
  'ancestor-or-self',
]);
const GENERAL = new Set(['=', '!=', '<', '<=', '>', '>=']);
const VALUE = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);
const NODECMP = new Set(['is', '<<', '>>']);

class Parser {
  constructor(readonly lx: Lexer) {}

  private isOp(text: string, k = 0): boolean {
    const t = this.lx.peek(k);
    return t.kind === 'op' && t.text === text;
  }
  private isName(text: string, k = 0): boolean {
    const t = this.lx.peek(k);
    return t.kind === 'name' && t.text === text;
  }
  private expect(text: string): Tok {
    const t = this.lx.next();
    if (t.kind !== 'op' || t.text !== text) throw new XPathSyntaxError(m(`"${text}" erwartet, gefunden "${t.text || 'Ende'}"`, `"${text}" expected, found "${t.text || 'end'}"`), t.start);
    return t;
  }
  private expectName(text?: string): Tok {
    const t = this.lx.next();
    if (t.kind !== 'name' || (text !== undefined && t.text !== text)) throw new XPathSyntaxError(m(`${text ? `"${text}"` : 'Name'} erwartet`, `${text ? `"${text}"` : 'name'} expected`), t.start);
    return t;
  }

  expr(): XNode {
    const first = this.single();
    if (!this.isOp(',')) return first;
    const items = [first];
    while (this.isOp(',')) {
      this.lx.next();
      items.push(this.single());
    }
    return { t: 'seq', items, s: first.s, e: items[items.length - 1].e };
  }

  private single(): XNode {
    const t = this.lx.peek();
    if (t.kind === 'name') {
      const nx = this.lx.peek(1);
      if ((t.text === 'for' || t.text === 'let' || t.text === 'some' || t.text === 'every') && nx.kind === 'var') return this.flwor();
      if (t.text === 'if' && nx.kind === 'op' && nx.text === '(') {
        this.lx.next();
        this.expect('(');
        const c = this.expr();
        this.expect(')');
        this.expectName('then');
        const a = this.single();
        this.expectName('else');
        const b = this.single();
        return { t: 'if', c, a, b, s: t.start, e: b.e };
      }
    }
    return this.or();
  }

  private flwor(): XNode {
    const kw = this.lx.next();
    const clauses: { name: string; expr: XNode }[] = [];
    const sep = kw.text === 'let' ? ':=' : 'in';
    for (;;) {
      const v = this.lx.next();
      if (v.kind !== 'var') throw new XPathSyntaxError(m('Variable erwartet', 'variable expected'), v.start);
      if (sep === ':=') this.expect(':=');
      else this.expectName('in');
      clauses.push({ name: v.text, expr: this.single() });
      if (!this.isOp(',')) break;
      this.lx.next();
    }
    this.expectName(kw.text === 'some' || kw.text === 'every' ? 'satisfies' : 'return');
    const body = this.single();
    return { t: 'flwor', kind: kw.text, clauses, body, s: kw.start, e: body.e };
  }

  private binary(next: () => XNode, ops: (t: Tok) => boolean, once = false): XNode {
    let l = next();
    while (ops(this.lx.peek())) {
      const op = this.lx.next().text;
      const r = next();
      l = { t: 'bin', op, l, r, s: l.s, e: r.e };
      if (once) break;
    }
    return l;
  }

  private or = (): XNode => this.binary(this.and, (t) => t.kind === 'name' && t.text === 'or');
  private and = (): XNode => this.binary(this.comparison, (t) => t.kind === 'name' && t.text === 'and');
  private comparison = (): XNode =>
    this.binary(this.concat, (t) => (t.kind === 'op' && (GENERAL.has(t.text) || NODECMP.has(t.text))) || (t.kind === 'name' && (VALUE.has(t.text) || t.text === 'is')), true);
  private concat = (): XNode => this.binary(this.range, (t) => t.kind === 'op' && t.text === '||');
  private range = (): XNode => this.binary(this.additive, (t) => t.kind === 'name' && t.text === 'to', true);
  private additive = (): XNode => this.binary(this.multiplicative, (t) => t.kind === 'op' && (t.text === '+' || t.text === '-'));
  private multiplicative = (): XNode =>
    this.binary(this.union, (t) => (t.kind === 'op' && t.text === '*') || (t.kind === 'name' && (t.text === 'div' || t.text === 'idiv' || t.text === 'mod')));
  private union = (): XNode => this.binary(this.intersect, (t) => (t.kind === 'op' && t.text === '|') || (t.kind === 'name' && t.text === 'union'));
  private intersect = (): XNode => this.binary(this.instanceOf, (t) => t.kind === 'name' && (t.text === 'intersect' || t.text === 'except'));

  private instanceOf = (): XNode => this.typeOp(this.treat, 'instance', 'of');
  private treat = (): XNode => this.typeOp(this.castable, 'treat', 'as');
  private castable = (): XNode => this.typeOp(this.cast, 'castable', 'as');
  private cast = (): XNode => this.typeOp(this.arrow, 'cast', 'as');

  private typeOp(next: () => XNode, w1: string, w2: string): XNode {
    const expr = next();
    if (!(this.isName(w1) && this.isName(w2, 1))) return expr;
    this.lx.next();
    this.lx.next();
    const { text, end } = this.sequenceType();
    return { t: 'type', op: `${w1} ${w2}`, expr, type: text, s: expr.s, e: end };
  }

  /** Reads a sequence type loosely: a name with balanced parentheses and an occurrence indicator. */
  private sequenceType(): { text: string; end: number } {
    const first = this.lx.next();
    if (first.kind !== 'name' && first.kind !== 'eqname') throw new XPathSyntaxError(m('Typ erwartet', 'type expected'), first.start);
    let end = first.end;
    if (this.isOp('(')) {
      let depth = 0;
      do {
        const t = this.lx.next();
        if (t.kind === 'eof') throw new XPathSyntaxError(m('")" erwartet', '")" expected'), t.start);
        if (t.kind === 'op' && t.text === '(') depth++;
        if (t.kind === 'op' && t.text === ')') depth--;
        end = t.end;
      } while (depth > 0);
      if (this.isName('as')) {
        this.lx.next();
        end = this.sequenceType().end;
      }
    }
    const occ = this.lx.peek();
    if (occ.kind === 'op' && (occ.text === '?' || occ.text === '*' || occ.text === '+') && occ.start === end) {
      this.lx.next();
      end = occ.end;
    }
    return { text: this.lx.text.slice(first.start, end), end };
  }

  private arrow = (): XNode => {
    let base = this.unary();
    while (this.isOp('=>')) {
      this.lx.next();
      const t = this.lx.peek();
      let fn: XNode;
      if (t.kind === 'name' || t.kind === 'eqname') {
        this.lx.next();
        fn = { t: 'fnref', name: t.text, arity: '', s: t.start, e: t.end };
      } else if (t.kind === 'var') {
        this.lx.next();
        fn = { t: 'var', name: t.text, s: t.start, e: t.end };
      } else fn = this.paren();
      const { args, end } = this.argList();
      base = { t: 'arrow', base, fn, args, s: base.s, e: end };
    }
    return base;
  };

  private unary = (): XNode => {
    const t = this.lx.peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+')) {
      this.lx.next();
      const operand = this.unary();
      return { t: 'unary', op: t.text, operand, s: t.start, e: operand.e };
    }
    return this.simpleMap();
  };

  private simpleMap = (): XNode => this.binary(this.path, (t) => t.kind === 'op' && t.text === '!');

  private path = (): XNode => {
    const t = this.lx.peek();
    if (t.kind === 'op' && (t.text === '/' || t.text === '//')) {
      this.lx.next();
      if (t.text === '/' && !this.startsStep()) return { t: 'path', root: '/', steps: [], seps: [], s: t.start, e: t.end };
      return this.relative(t.text as '/' | '//', t.start);
    }
    return this.relative('', t.start);
  };

  /** True when the next token can begin a step (used after a leading '/'). */
  private startsStep(): boolean {
    const t = this.lx.peek();
    if (t.kind === 'name' || t.kind === 'wild' || t.kind === 'eqname' || t.kind === 'var' || t.kind === 'str' || t.kind === 'num') return true;
    return t.kind === 'op' && ['*', '@', '.', '..', '(', '[', '?'].includes(t.text);
  }

  private relative(root: '' | '/' | '//', start: number): XNode {
    const steps = [this.step()];
    const seps: string[] = [];
    while (this.isOp('/') || this.isOp('//')) {
      seps.push(this.lx.next().text);
      steps.push(this.step());
    }
    if (root === '' && steps.length === 1 && steps[0].t !== 'step') return steps[0];
    return { t: 'path', root, steps, seps, s: start, e: steps[steps.length - 1].e };
  }

  private step(): XNode {
    const t = this.lx.peek();
    const nx = this.lx.peek(1);
    if (t.kind === 'op' && t.text === '..') {
      this.lx.next();
      return this.preds({ t: 'step', axis: 'parent', abbrev: true, test: { kind: 'kind', name: 'node', raw: 'node()' }, preds: [], s: t.start, e: t.end });
    }
    if (t.kind === 'op' && t.text === '@') {
      this.lx.next();
      const test = this.nodeTest();
      return this.preds({ t: 'step', axis: 'attribute', abbrev: true, test: test.test, preds: [], s: t.start, e: test.end });
    }
    if (t.kind === 'name' && nx.kind === 'op' && nx.text === '::' && AXES.has(t.text)) {
      this.lx.next();
      this.lx.next();
      const test = this.nodeTest();
      return this.preds({ t: 'step', axis: t.text, abbrev: false, test: test.test, preds: [], s: t.start, e: test.end });
    }
    if (this.startsNameStep(t, nx)) {
      const test = this.nodeTest();
      const axis = test.test.kind === 'kind' && (test.test.name === 'attribute' || test.test.name === 'schema-attribute') ? 'attribute' : 'child';
      return this.preds({ t: 'step', axis, abbrev: true, test: test.test, preds: [], s: t.start, e: test.end });
    }
    return this.postfix();
  }

  /** A name, wildcard or kind test that is an abbreviated child step (not a call, function reference or constructor). */
  private startsNameStep(t: Tok, nx: Tok): boolean {
    if (t.kind === 'wild' || (t.kind === 'op' && t.text === '*')) return true;
    if (t.kind !== 'name' && t.kind !== 'eqname') return false;
    const nxOp = nx.kind === 'op' ? nx.text : '';
    if (nxOp === '(') return t.kind === 'name' && KIND_TESTS.has(t.text);
    if (nxOp === '#') return false;
    if (nxOp === '{' && t.kind === 'name' && (t.text === 'map' || t.text === 'array')) return false;
    return true;
  }

  private preds(step: XNode & { t: 'step' }): XNode {
    while (this.isOp('[')) {
      this.lx.next();
      step.preds.push(this.expr());
      step.e = this.expect(']').end;
    }
    return step;
  }

  private nodeTest(): { test: NodeTest; end: number } {
    const t = this.lx.next();
    if (t.kind === 'op' && t.text === '*') return { test: { kind: 'name', prefix: '*', local: '*' }, end: t.end };
    if (t.kind === 'wild') {
      const [prefix, local] = t.text.split(':');
      return { test: { kind: 'name', prefix, local }, end: t.end };
    }
    if (t.kind === 'eqname') {
      const close = t.text.indexOf('}');
      return { test: { kind: 'name', prefix: '', uri: t.text.slice(2, close), local: t.text.slice(close + 1) }, end: t.end };
    }
    if (t.kind === 'name') {
      if (KIND_TESTS.has(t.text) && this.isOp('(')) {
        let depth = 0;
        let end = t.end;
        do {
          const x = this.lx.next();
          if (x.kind === 'eof') throw new XPathSyntaxError(m('")" erwartet', '")" expected'), x.start);
          if (x.kind === 'op' && x.text === '(') depth++;
          if (x.kind === 'op' && x.text === ')') depth--;
          end = x.end;
        } while (depth > 0);
        return { test: { kind: 'kind', name: t.text, raw: this.lx.text.slice(t.start, end) }, end };
      }
      const i = t.text.indexOf(':');
      return { test: i < 0 ? { kind: 'name', prefix: '', local: t.text } : { kind: 'name', prefix: t.text.slice(0, i), local: t.text.slice(i + 1) }, end: t.end };
    }
    throw new XPathSyntaxError(m(`Knotentest erwartet, gefunden "${t.text || 'Ende'}"`, `node test expected, found "${t.text || 'end'}"`), t.start);
  }

  private postfix(): XNode {
    let base = this.primary();
    for (;;) {
      if (this.isOp('[')) {
        this.lx.next();
        const pred = this.expr();
        const end = this.expect(']').end;
        if (base.t === 'filter') {
          base.preds.push(pred);
          base.e = end;
        } else base = { t: 'filter', base, preds: [pred], s: base.s, e: end };
      } else if (this.isOp('(')) {
        const { args, end } = this.argList();
        base = { t: 'dyncall', base, args, s: base.s, e: end };
      } else if (this.isOp('?') && this.lookupKeyFollows()) {
        this.lx.next();
        const { key, end } = this.lookupKey();
        base = { t: 'lookup', base, key, s: base.s, e: end };
      } else return base;
    }
  }

  private lookupKeyFollows(): boolean {
    const nx = this.lx.peek(1);
    return nx.kind === 'name' || nx.kind === 'num' || (nx.kind === 'op' && (nx.text === '(' || nx.text === '*'));
  }

  private lookupKey(): { key: string | XNode; end: number } {
    const t = this.lx.peek();
    if (t.kind === 'op' && t.text === '(') {
      const p = this.paren();
      return { key: p, end: p.e };
    }
    this.lx.next();
    return { key: t.text, end: t.end };
  }

  private argList(): { args: (XNode | null)[]; end: number } {
    this.expect('(');
    const args: (XNode | null)[] = [];
    if (this.isOp(')')) return { args, end: this.lx.next().end };
    for (;;) {
      if (this.isOp('?') && (this.isOp(',', 1) || this.isOp(')', 1))) {
        this.lx.next();
        args.push(null);
      } else args.push(this.single());
      if (this.isOp(',')) {
        this.lx.next();
        continue;
      }
      return { args, end: this.expect(')').end };
    }
  }

  private paren(): XNode {
    const open = this.expect('(');
    if (this.isOp(')')) return { t: 'paren', s: open.start, e: this.lx.next().end };
    const expr = this.expr();
    return { t: 'paren', expr, s: open.start, e: this.expect(')').end };
  }

  private primary(): XNode {
    const t = this.lx.peek();
    switch (t.kind) {
      case 'num':
        this.lx.next();
        return { t: 'num', raw: t.text, s: t.start, e: t.end };
      case 'str':
        this.lx.next();
        return { t: 'str', value: t.text, s: t.start, e: t.end };
      case 'var':
        this.lx.next();
        return { t: 'var', name: t.text, s: t.start, e: t.end };
      case 'op':
        if (t.text === '(') return this.paren();
        if (t.text === '.') {
          this.lx.next();
          return { t: 'ctx', s: t.start, e: t.end };
        }
        if (t.text === '[') {
          this.lx.next();
          const items: XNode[] = [];
          if (!this.isOp(']')) {
            items.push(this.single());
            while (this.isOp(',')) {
              this.lx.next();
              items.push(this.single());
            }
          }
          return { t: 'array', items, curly: false, s: t.start, e: this.expect(']').end };
        }
        if (t.text === '?') {
          this.lx.next();
          const { key, end } = this.lookupKey();
          return { t: 'lookup', key, s: t.start, e: end };
        }
        break;
      case 'name':
      case 'eqname': {
        const nx = this.lx.peek(1);
        if (t.kind === 'name' && (t.text === 'map' || t.text === 'array') && nx.kind === 'op' && nx.text === '{') {
          this.lx.next();
          this.lx.next();
          if (t.text === 'array') {
            const items = this.isOp('}') ? [] : [this.expr()];
            return { t: 'array', items, curly: true, s: t.start, e: this.expect('}').end };
          }
          const entries: [XNode, XNode][] = [];
          if (!this.isOp('}')) {
            for (;;) {
              const k = this.single();
              this.expect(':');
              entries.push([k, this.single()]);
              if (!this.isOp(',')) break;
              this.lx.next();
            }
          }
          return { t: 'map', entries, s: t.start, e: this.expect('}').end };
        }
        if (t.kind === 'name' && t.text === 'function' && nx.kind === 'op' && nx.text === '(') return this.inline();
        if (nx.kind === 'op' && nx.text === '#') {
          this.lx.next();
          this.lx.next();
          const n = this.lx.next();
          if (n.kind !== 'num') throw new XPathSyntaxError(m('Stelligkeit erwartet', 'arity expected'), n.start);
          return { t: 'fnref', name: t.text, arity: n.text, s: t.start, e: n.end };
        }
        if (nx.kind === 'op' && nx.text === '(' && !(t.kind === 'name' && RESERVED_FN.has(t.text))) {
          this.lx.next();
          const { args, end } = this.argList();
          return { t: 'call', name: t.text, args, s: t.start, e: end };
        }
        break;
      }
      default:
        break;
    }
    throw new XPathSyntaxError(m(`Unerwartet: "${t.text || 'Ende des Ausdrucks'}"`, `unexpected: "${t.text || 'end of the expression'}"`), t.start);
  }

  private inline(): XNode {
    const kw = this.lx.next();
    this.expect('(');
    const params: string[] = [];
    while (!this.isOp(')')) {
      const v = this.lx.next();
      if (v.kind !== 'var') throw new XPathSyntaxError(m('Parameter erwartet', 'parameter expected'), v.start);
      params.push(v.text);
      if (this.isName('as')) {
        this.lx.next();
        this.sequenceType();
      }
      if (this.isOp(',')) this.lx.next();
    }
    this.expect(')');
    if (this.isName('as')) {
      this.lx.next();
      this.sequenceType();
    }
    this.expect('{');
    const body: XNode = this.isOp('}') ? { t: 'paren', s: this.lx.peek().start, e: this.lx.peek().start } : this.expr();
    return { t: 'inline', params, body, s: kw.start, e: this.expect('}').end };
  }
}
