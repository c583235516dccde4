/** The importer's XPath layer: parser, attribute value templates, and reading library templates back. */
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../../src/core/compiler/functions.ts';
import { matchFunction } from '../../../src/core/xslt-import/fn-patterns.ts';
import { parseAvt } from '../../../src/core/xslt-import/scan.ts';
import { canon } from '../../../src/core/xslt-import/xpath-ast.ts';
import { parseXPath } from '../../../src/core/xslt-import/xpath-parser.ts';

const c = (t: string) => {
  const r = parseXPath(t);
  if (!r.ok) throw new Error(`${r.message} @${r.offset}`);
  return canon(r.node);
};

describe('XPath parser', () => {
  it.each([
    ['/a/b', '/child::a/child::b'],
    ['a - b', '[child::a - child::b]'],
    ['a-b', 'child::a-b'],
    ['$vm-x(string(.))', '$vm-x(string(.))'],
    ['a * * div 2', '[[child::a * child::*:*] div #2]'],
    ["*[starts-with(local-name(), 'instance_')]/x", 'child::*:*[starts-with(local-name(),"instance_")]/child::x'],
    ["if (a) then 'x' else 'y'", 'if(child::a)then("x")else("y")'],
    ["map { 'a': 'b', 'c''d': '' }", 'map{"a":"b","c\'d":""}'],
    ['for $i in 1 to 3 return $i * 2', 'for $i:=[#1 to #3] : [$i * #2]'],
    ['(: Kommentar :) @id', 'attribute::id'],
    ['xdomea:FVDaten.SGOAblegen.0605', 'child::xdomea:FVDaten.SGOAblegen.0605'],
    ['Q{urn:x}a/p:*/*:b', 'child::Q{urn:x}a/child::p:*/child::*:b'],
    ['. instance of xs:string+', '[. instance of xs:string+]'],
    ["a => replace('x', 'y')", 'child::a=>replace#("x","y")'],
    ['function($a) { $a + 1 }', 'fn(a){[$a + #1]}'],
    ['..//text()', 'parent::node()//child::text()'],
  ])('%s', (text, expected) => expect(c(text)).toBe(expected));

  it('equal meaning, equal canonical form (spacing, comments)', () => {
    expect(c('concat( a ,\n\'b\' )')).toBe(c("concat(a,'b') (: egal :)"));
  });

  it.each([
    ["concat('a', )", 12],
    ["'offen", 0],
    ['a[1', 3],
    ['1 +', 3],
  ])('syntax error in %s at offset %d', (text, offset) => {
    const r = parseXPath(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.offset).toBe(offset);
  });
});

describe('attribute value templates', () => {
  it('splits literal text and expressions; doubled braces are literal; braces in string literals do not end an expression', () => {
    const parts = parseAvt("a{{b}}{concat('}', x)}c");
    expect(parts.map((p) => ('lit' in p ? p.lit : canon(p.node)))).toEqual(['a{b}', 'concat("}",child::x)', 'c']);
  });
  it('a lone closing brace is an error', () => {
    expect(() => parseAvt('a}b')).toThrow(/ohne/);
  });
});

describe('reading library functions back from their XPath', () => {
  // Every function at every arity it allows, with distinct placeholder arguments: the pattern must find it again.
  const cases = [...FUNCTIONS.values()].flatMap((fn) => {
    const max = fn.variadic ? fn.minArgs + 2 : fn.params.length;
    return Array.from({ length: max - fn.minArgs + 1 }, (_, k) => [fn.id, fn.minArgs + k] as const);
  });
  it.each(cases)('%s with %d arguments', (id, n) => {
    const args = Array.from({ length: n }, (_, i) => `/q/f${i}`);
    const r = parseXPath(FUNCTIONS.get(id)!.toXPath(args));
    if (!r.ok) throw new Error(r.message);
    const m = matchFunction(r.node);
    expect(m?.fn.id).toBe(id);
    expect(m?.args.map(canon)).toEqual(args.map((a) => c(a)));
  });

  it('the larger template wins: (normalize-space(x) = \'\') is empty(x), not equals', () => {
    const r = parseXPath("(normalize-space(/a) = '')");
    expect(r.ok && matchFunction(r.node)?.fn.id).toBe('empty');
  });
});
