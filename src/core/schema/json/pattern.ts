/**
 * JSON Schema `pattern` as a JavaScript RegExp, and the patterns of a schema file that cannot be used.
 * Shared by the importer (a warning per broken pattern, located in the schema file) and the facet check
 * of JSON messages (runner/json-facets.ts), which compiles each pattern once through the cache here.
 */
import type { Diagnostic } from '../../diagnostics.ts';
import { m } from '../../i18n.ts';
import { locate, type JsonFile } from './parse.ts';

const MAX_CACHED = 500;
const MAX_DIAGNOSTICS = 50;
/** A pattern's RegExp, or why it does not compile (the RegExp error without the Unicode flag). */
const cache = new Map<string, RegExp | { error: string }>();

function compile(source: string): RegExp | { error: string } {
  let hit = cache.get(source);
  if (hit === undefined) {
    hit = tryRegExp(source, 'u');
    // Patterns written for the older, lenient syntax (`[a-z\-]`, refused in Unicode mode) work without it.
    if (!(hit instanceof RegExp)) hit = tryRegExp(source, '');
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(source, hit);
  }
  return hit;
}

function tryRegExp(source: string, flags: string): RegExp | { error: string } {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    // V8 says "Invalid regular expression: /<source>/<flags>: <reason>"; the pattern is shown anyway.
    const msg = e instanceof Error ? e.message : String(e);
    const prefix = `Invalid regular expression: /${source}/${flags}: `;
    return { error: msg.startsWith(prefix) ? msg.slice(prefix.length) : msg };
  }
}

/**
 * A JSON Schema pattern as a RegExp, or undefined when it does not compile. Unicode mode first (as JSON
 * Schema asks), then without it. Unanchored: `test` finds a match anywhere, as JSON Schema's `pattern` does.
 */
export function jsonPattern(source: string): RegExp | undefined {
  const re = compile(source);
  return re instanceof RegExp ? re : undefined;
}

/** Why a JSON Schema pattern cannot be used (the RegExp error), or undefined when it compiles. */
export function jsonPatternError(source: string): string | undefined {
  const re = compile(source);
  return re instanceof RegExp ? undefined : re.error;
}

// Keywords whose values are data, not schemas: a "pattern" key inside them is not a pattern.
const DATA = new Set(['enum', 'const', 'default', 'examples', 'example']);
// Keywords whose values map names to schemas: their keys are names (a member may be called "enum").
const NAMES = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** A JSON pointer for a path in a file (`#/properties/plz`). */
function pointer(path: readonly (string | number)[]): string {
  return '#' + path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Warnings for the `pattern`s of a schema file that do not compile, located at the keyword (at most 50). */
export function patternDiagnostics(f: JsonFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Iterative: schemas can be deeply nested.
  // Entries link to their parent: the path is built only for a broken pattern, not for every value.
  type Entry = { value: unknown; key?: string | number; up?: Entry; names?: boolean };
  const pathOf = (e: Entry) => {
    const path: (string | number)[] = [];
    for (let x: Entry | undefined = e; x?.key !== undefined; x = x.up) path.unshift(x.key);
    return path;
  };
  const stack: Entry[] = [{ value: f.value }];
  while (stack.length && out.length < MAX_DIAGNOSTICS) {
    const entry = stack.pop()!;
    const { value, names } = entry;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, up: entry });
      continue;
    }
    const o = value as Record<string, unknown>;
    if (!names && typeof o.pattern === 'string') {
      const why = jsonPatternError(o.pattern);
      if (why !== undefined) {
        const path = pathOf(entry);
        const at = pointer(path);
        out.push({
          severity: 'warning',
          code: 'json-schema.bad-pattern',
          message: m(
            `Das Muster „${o.pattern}“ in ${at} ist kein gültiger regulärer Ausdruck (${why}); Werte werden nicht dagegen geprüft.`,
            `The pattern "${o.pattern}" in ${at} is not a valid regular expression (${why}); values are not checked against it.`,
          ),
          location: locate(f, [...path, 'pattern'], true),
        });
      }
    }
    const keys = Object.keys(o);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i];
      const v = o[k];
      // Only objects and arrays can hold a pattern.
      if (v === null || typeof v !== 'object') continue;
      if (names) stack.push({ value: v, key: k, up: entry });
      else if (!DATA.has(k)) stack.push({ value: v, key: k, up: entry, names: NAMES.has(k) });
    }
  }
  return out;
}
