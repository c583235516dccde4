/** Short readable text for expressions and paths, shown in the inspector and in link tooltips. */
import { FUNCTIONS } from '../../core/compiler/functions.ts';
import type { Expr } from '../../core/model/expr.ts';
import { parseClark, splitPath } from '../../core/schema/types.ts';

/** "/{u}a/{u}b/@c" → "a/b/@c" (local names only). */
export function shortPath(path: string, keep = 3): string {
  const steps = splitPath(path).map((s) => (s.startsWith('@') ? '@' + parseClark(s.slice(1)).local : parseClark(s).local));
  return (steps.length > keep ? '…/' : '') + steps.slice(-keep).join('/');
}

/** A one-line description of an expression. */
export function describeExpr(e: Expr | undefined, lang: 'de' | 'en' = 'de'): string {
  if (!e) return '–';
  switch (e.kind) {
    case 'source':
      return shortPath(e.path);
    case 'const':
      return JSON.stringify(e.value);
    case 'param':
    case 'var':
      return `$${e.name}`;
    case 'call': {
      const f = FUNCTIONS.get(e.fn);
      return `${f ? f.label[lang] : e.fn}(${e.args.map((a) => describeExpr(a, lang)).join(', ')})`;
    }
    case 'lookup':
      return `${e.map}[${describeExpr(e.arg, lang)}]`;
    case 'xpath':
      return `XPath: ${e.text}`;
  }
}
