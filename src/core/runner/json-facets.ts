/**
 * Facet checks of one JSON value against the simple facts of its schema node (SimpleInfo, as the JSON
 * Schema importer stores them in schema/json/tree.ts): enumeration, pattern, minLength / maxLength /
 * length, the range facets and multipleOf. Used by checkJsonAgainstTree for JSON output and JSON samples.
 *
 * Semantics are JSON Schema's, since only JSON Schema and JSON samples make JSON trees: `enum` compares
 * JSON values with their types (the string "1" is not the number 1; numbers compare numerically, so 1
 * and 1.0 are equal) — entries stored without a type compare as text; `pattern` is an ECMA-262 regex
 * that matches anywhere in the string (unanchored, unlike an XSD pattern) and applies to strings only;
 * lengths count Unicode code points and apply to strings only; minimum / maximum / multipleOf apply to
 * numbers only. A pattern that does not compile is not applied; patternWarnings says so, once per field
 * and check (the caller keeps the `seen` set). Pure; never throws.
 */
import { m } from '../i18n.ts';
import { jsonPattern, jsonPatternError } from '../schema/json/pattern.ts';
import { scalarText } from '../schema/json/view.ts';
import type { EnumValue, SimpleInfo } from '../schema/types.ts';

const MAX_ENUM_SHOWN = 8;
const MAX_VALUE_SHOWN = 60;

const shown = (s: string) => (s.length > MAX_VALUE_SHOWN ? `${s.slice(0, MAX_VALUE_SHOWN)}…` : s);
const quoted = (s: string) => m(`„${shown(s)}“`, `"${shown(s)}"`);

type ScalarKind = 'string' | 'number' | 'boolean';
const A_KIND: Record<string, [string, string]> = { string: ['eine Zeichenkette', 'a string'], number: ['eine Zahl', 'a number'], boolean: ['ein Wahrheitswert', 'a boolean'], null: ['null', 'null'], object: ['ein Objekt', 'an object'], array: ['ein Array', 'an array'] };
const THE_KIND: Record<string, [string, string]> = { string: ['die Zeichenkette', 'the string'], number: ['die Zahl', 'the number'], boolean: ['der Wahrheitswert', 'the boolean'], null: ['', ''], object: ['das Objekt', 'the object'], array: ['das Array', 'the array'] };

/** True when a value equals an enumeration entry: typed when the entry has a kind, else by text. */
function enumMatches(e: EnumValue, value: string | number | boolean, kind: ScalarKind, text: string): boolean {
  if (!e.kind) return e.value === text;
  if (e.kind !== kind) return false;
  // Numerically: the entry's text is JSON.stringify of a number, so Number() gives that number back.
  return kind === 'number' ? Number(e.value) === value : e.value === text;
}

/** An entry or value as the reader knows it from JSON: strings quoted, numbers, booleans and null bare. */
const typedText = (text: string, kind: string | undefined) => (kind === undefined || kind === 'string' ? quoted(text) : shown(text));

function enumProblem(list: EnumValue[], value: string | number | boolean, where: string): string | undefined {
  const kind = typeof value as ScalarKind;
  const text = scalarText(value);
  if (list.some((e) => enumMatches(e, value, kind, text))) return undefined;
  const typed = list.some((e) => e.kind);
  const allowed = list.slice(0, MAX_ENUM_SHOWN).map((e) => typedText(e.value, typed ? (e.kind ?? 'string') : undefined)).join(', ') + (list.length > MAX_ENUM_SHOWN ? ', …' : '');
  const v = typedText(text, typed ? kind : undefined);
  // The same text with another JSON type ("1" where the schema has 1): say why it is not allowed.
  const twin = typed ? list.find((e) => e.kind && e.kind !== kind && e.value === text) : undefined;
  const the = (i: 0 | 1) => (twin ? `${THE_KIND[twin.kind!][i]} ${typedText(twin.value, twin.kind)}`.trimStart() : '');
  const hint = twin ? m(` – der Wert ist ${A_KIND[kind][0]}, im Schema steht ${the(0)}`, ` – the value is ${A_KIND[kind][1]}, the schema has ${the(1)}`) : '';
  return m(`${where}: ${v} ist kein erlaubter Wert (erlaubt: ${allowed})${hint}.`, `${where}: ${v} is not an allowed value (allowed: ${allowed})${hint}.`);
}

/** A finite number's shortest decimal text (what JavaScript prints) as an integer × 10^exp, e.g. 0.35 → 35 × 10^-2. */
function decimal(x: number): { digits: bigint; exp: number } {
  const [mantissa, e = '0'] = String(x).toLowerCase().split('e');
  const [int, frac = ''] = mantissa.split('.');
  return { digits: BigInt(int + frac), exp: Number(e) - frac.length };
}

/**
 * True when `value` is an integer multiple of `step` (> 0). Decimal arithmetic, no tolerance: both numbers
 * are taken as the decimal text JavaScript prints for them (0.1 is "0.1", not the binary 0.1000000000000000055…),
 * scaled to a common power of ten and divided as BigInts. So 0.3 is a multiple of 0.1 (3 × 0.1) and 0.35
 * is not, exactly as a reader of the decimal JSON text expects, where a float remainder would say neither.
 */
export function isMultipleOf(value: number, step: number): boolean {
  const a = decimal(value);
  const b = decimal(step);
  if (b.digits === 0n) return true;
  const exp = Math.min(a.exp, b.exp);
  return (a.digits * 10n ** BigInt(a.exp - exp)) % (b.digits * 10n ** BigInt(b.exp - exp)) === 0n;
}

/** What is wrong with a scalar JSON value (string, number, boolean) against the facets; `where` starts each message. */
export function facetProblems(s: SimpleInfo, value: unknown, where: string): string[] {
  const out: string[] = [];
  if (value === null || typeof value === 'object') return out;
  if (s.enumeration?.length && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
    const p = enumProblem(s.enumeration, value, where);
    if (p) out.push(p);
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
    const step = bound(s.multipleOf);
    const v = String(value);
    if (minI !== undefined && value < minI) out.push(m(`${where}: ${v} ist kleiner als das Minimum ${s.minInclusive}.`, `${where}: ${v} is less than the minimum ${s.minInclusive}.`));
    if (minE !== undefined && value <= minE) out.push(m(`${where}: ${v} muss größer als ${s.minExclusive} sein.`, `${where}: ${v} must be greater than ${s.minExclusive}.`));
    if (maxI !== undefined && value > maxI) out.push(m(`${where}: ${v} ist größer als das Maximum ${s.maxInclusive}.`, `${where}: ${v} is greater than the maximum ${s.maxInclusive}.`));
    if (maxE !== undefined && value >= maxE) out.push(m(`${where}: ${v} muss kleiner als ${s.maxExclusive} sein.`, `${where}: ${v} must be less than ${s.maxExclusive}.`));
    // A number too large for JSON.parse is Infinity: no multiple of anything, and not the author's number.
    if (step !== undefined && step > 0 && Number.isFinite(value) && !isMultipleOf(value, step)) {
      out.push(m(`${where}: ${v} ist kein Vielfaches von ${s.multipleOf}.`, `${where}: ${v} is not a multiple of ${s.multipleOf}.`));
    }
  }
  return out;
}

/**
 * Warnings for the patterns that could not be used on a string value: which field (`field`), which
 * pattern and the RegExp error. Each (node, pattern) at most once per `seen` set: the caller keeps one
 * set per check, so 1,000 values of a field give one warning. `node` identifies the field (its tree path).
 */
export function patternWarnings(s: SimpleInfo, value: unknown, node: string, field: string, seen: Set<string>): string[] {
  const out: string[] = [];
  if (typeof value !== 'string') return out;
  for (const p of s.pattern ?? []) {
    const why = jsonPatternError(p);
    const key = `${node}\n${p}`;
    if (why === undefined || seen.has(key)) continue;
    seen.add(key);
    out.push(
      m(
        `${field}: Das Muster ${p} aus dem Schema ist kein gültiger regulärer Ausdruck (${why}); die Werte dieses Felds wurden nicht dagegen geprüft.`,
        `${field}: the schema's pattern ${p} is not a valid regular expression (${why}); the values of this field were not checked against it.`,
      ),
    );
  }
  return out;
}
