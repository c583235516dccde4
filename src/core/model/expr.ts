/**
 * Structured mapping expressions. Built by the UI as data and never re-parsed from strings,
 * so the lines the mapper draws always come from the model itself.
 */
import { z } from 'zod';

/** A value expression: what a target node gets. */
export type Expr =
  /** A source field. `path` is an absolute source-tree path; the compiler makes it relative to loop contexts. */
  | { kind: 'source'; path: string }
  /** A constant, typed so the compiler can write it as a number or boolean where needed. */
  | { kind: 'const'; value: string; type?: 'string' | 'number' | 'boolean' }
  /** A rule parameter (declared in Mapping.parameters), configured per organisation. */
  | { kind: 'param'; name: string }
  /** A variable declared in Mapping.variables, computed once per message. */
  | { kind: 'var'; name: string }
  /** A function from the function library applied to argument expressions. */
  | { kind: 'call'; fn: string; args: Expr[] }
  /** A value-map (lookup table) applied to an argument. */
  | { kind: 'lookup'; map: string; arg: Expr }
  /** The escape hatch: an XPath expression written by hand, evaluated in the current context. */
  | { kind: 'xpath'; text: string };

export const ExprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('source'), path: z.string().min(1) }),
    z.object({ kind: z.literal('const'), value: z.string(), type: z.enum(['string', 'number', 'boolean']).optional() }),
    z.object({ kind: z.literal('param'), name: z.string().min(1) }),
    z.object({ kind: z.literal('var'), name: z.string().min(1) }),
    z.object({ kind: z.literal('call'), fn: z.string().min(1), args: z.array(ExprSchema) }),
    z.object({ kind: z.literal('lookup'), map: z.string().min(1), arg: ExprSchema }),
    z.object({ kind: z.literal('xpath'), text: z.string() }),
  ]),
);

/** Every source path an expression reads (for drawing links and finding dangling ones). */
export function sourcePaths(e: Expr | undefined, out: string[] = []): string[] {
  if (!e) return out;
  switch (e.kind) {
    case 'source':
      out.push(e.path);
      break;
    case 'call':
      for (const a of e.args) sourcePaths(a, out);
      break;
    case 'lookup':
      sourcePaths(e.arg, out);
      break;
    case 'const':
    case 'param':
    case 'var':
    case 'xpath':
      break;
  }
  return out;
}
