/**
 * Facet checks of one JSON value against the simple facts of its schema node (SimpleInfo, as the JSON
 * Schema importer stores them in schema/json/tree.ts): enumeration, pattern, minLength / maxLength /
 * length, and the range facets. Used by checkJsonAgainstTree for JSON output and JSON samples.
 *
 * Semantics are JSON Schema's, since only JSON Schema and JSON samples make JSON trees: `enum` compares
 * the value's JSON text (strings as they are), `pattern` is an ECMA-262 regex that matches anywhere in
 * the string (unanchored, unlike an XSD pattern) and applies to strings only, lengths count Unicode code
 * points and apply to strings only, minimum / maximum apply to numbers only. A pattern that does not
 * compile is skipped (no finding): the schema's author can't be helped from the output panel, and a
 * made-up finding on every message would hide the real ones. Pure; never throws.
 */
import { m } from '../i18n.ts';
import { scalarText } from '../schema/json/view.ts';
import type { SimpleInfo } from '../schema/types.ts';

const MAX_ENUM_SHOWN = 8;
const MAX_VALUE_SHOWN = 60;
const MAX_CACHED = 500;
/** Compiled patterns by source; null = the pattern does not compile. */
const cache = new Map<string, RegExp | null>();

/**
 * A JSON Schema pattern as a RegExp, or undefined when it does not compile. Unicode mode first (as JSON
 * Schema asks); patterns written for the older, lenient syntax (`[a-z\-]`, which Unicode mode refuses)
 * are tried without it. Unanchored: `test` finds a match anywhere, as JSON Schema's `pattern` does.
 */
export function jsonPattern(source: string): RegExp | undefined {
  let re = cache.get(source);
  if (re === undefined) {
    re = tryRegExp(source, 'u') ?? tryRegExp(source, '') ?? null;
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(source, re);
  }
  return re ?? undefined;
}

function tryRegExp(source: string, flags: string): RegExp | undefined {
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}

const shown = (s: string) => (s.length > MAX_VALUE_SHOWN ? `${s.slice(0, MAX_VALUE_SHOWN)}…` : s);

/** What is wrong with a scalar JSON value (string, number, boolean) against the facets; `where` starts each message. */
export function facetProblems(s: SimpleInfo, value: unknown, where: string): string[] {
  const out: string[] = [];
  if (value === null || typeof value === 'object') return out;
  if (s.enumeration?.length) {
    const text = scalarText(value);
    if (!s.enumeration.some((e) => e.value === text)) {
      const list = s.enumeration.slice(0, MAX_ENUM_SHOWN).map((e) => shown(e.value));
      const more = s.enumeration.length > MAX_ENUM_SHOWN ? ', …' : '';
      out.push(
        m(
          `${where}: „${shown(text)}“ ist kein erlaubter Wert (erlaubt: ${list.map((x) => `„${x}“`).join(', ')}${more}).`,
          `${where}: "${shown(text)}" is not an allowed value (allowed: ${list.map((x) => `"${x}"`).join(', ')}${more}).`,
        ),
      );
    }
  }
  if (typeof value === 'string') {
    for (const p of s.pattern ?? []) {
      const re = jsonPattern(p);
      if (re && !re.test(value)) out.push(m(`${where}: „${shown(value)}“ passt nicht zum Muster ${p}.`, `${where}: "${shown(value)}" does not match the pattern ${p}.`));
    }
    const n = [...value].length; // code points, as JSON Schema counts
    if (s.length !== undefined && n !== s.length) out.push(m(`${where}: genau ${s.length} Zeichen erwartet, gefunden ${n}.`, `${where}: exactly ${s.length} characters expected, found ${n}.`));
    if (s.minLength !== undefined && n < s.minLength) out.push(m(`${where}: mindestens ${s.minLength} Zeichen erwartet, gefunden ${n}.`, `${where}: at least ${s.minLength} characters expected, found ${n}.`));
    if (s.maxLength !== undefined && n > s.maxLength) out.push(m(`${where}: höchstens ${s.maxLength} Zeichen erlaubt, gefunden ${n}.`, `${where}: at most ${s.maxLength} characters allowed, found ${n}.`));
  }
  if (typeof value === 'number') {
    const bound = (x: string | undefined) => (x !== undefined && x.trim() !== '' && Number.isFinite(Number(x)) ? Number(x) : undefined);
    const minI = bound(s.minInclusive);
    const minE = bound(s.minExclusive);
    const maxI = bound(s.maxInclusive);
    const maxE = bound(s.maxExclusive);
    const v = String(value);
    if (minI !== undefined && value < minI) out.push(m(`${where}: ${v} ist kleiner als das Minimum ${s.minInclusive}.`, `${where}: ${v} is less than the minimum ${s.minInclusive}.`));
    if (minE !== undefined && value <= minE) out.push(m(`${where}: ${v} muss größer als ${s.minExclusive} sein.`, `${where}: ${v} must be greater than ${s.minExclusive}.`));
    if (maxI !== undefined && value > maxI) out.push(m(`${where}: ${v} ist größer als das Maximum ${s.maxInclusive}.`, `${where}: ${v} is greater than the maximum ${s.maxInclusive}.`));
    if (maxE !== undefined && value >= maxE) out.push(m(`${where}: ${v} muss kleiner als ${s.maxExclusive} sein.`, `${where}: ${v} must be less than ${s.maxExclusive}.`));
  }
  return out;
}
