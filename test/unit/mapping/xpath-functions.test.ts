/**
 * The XPath function list the editor completes from: every entry and every arity it claims exists in
 * SaxonJS (the engine the rule runs on), one arity more does not (concat aside), and the list covers
 * the string, date and sequence functions analysts use most.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { XPATH_FUNCTIONS, xpathSignature } from '../../../src/core/mapping/xpath-functions.ts';

const SaxonJS = createRequire(import.meta.url)('saxon-js');
const FN = 'http://www.w3.org/2005/xpath-functions';
const exists = (name: string, arity: number): boolean => SaxonJS.XPath.evaluate(`exists(function-lookup(QName('${FN}', '${name}'), ${arity}))`, []);

describe('XPath function list', () => {
  it('lists only functions and arities SaxonJS has', () => {
    const missing: string[] = [];
    for (const f of XPATH_FUNCTIONS.values()) {
      for (const n of f.arities) if (!exists(f.name, n)) missing.push(`${f.name}#${n}`);
      // Arities next to the listed ones that SaxonJS has would mean the entry is incomplete.
      for (let n = Math.max(0, f.minArgs - 1); n <= Math.min(f.maxArgs, 6) + 1; n++) {
        if (!f.arities.includes(n) && f.maxArgs !== Infinity && exists(f.name, n)) missing.push(`${f.name}#${n} exists but is not listed`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('covers the everyday functions, each with both languages of help', () => {
    for (const n of ['concat', 'string-join', 'substring', 'upper-case', 'normalize-space', 'replace', 'tokenize', 'format-date', 'format-number', 'current-date', 'exists', 'empty', 'count', 'sum', 'distinct-values', 'current-group']) {
      expect(XPATH_FUNCTIONS.has(n), n).toBe(true);
    }
    expect(XPATH_FUNCTIONS.size).toBeGreaterThan(140);
    for (const f of XPATH_FUNCTIONS.values()) expect(f.doc.de && f.doc.en, f.name).toBeTruthy();
    // Functions that read files or the network are left out: the rule runs in a sandbox.
    for (const n of ['doc', 'unparsed-text', 'collection', 'json-doc', 'environment-variable']) expect(XPATH_FUNCTIONS.has(n), n).toBe(false);
  });

  it('writes signatures the way the specification does', () => {
    expect(xpathSignature(XPATH_FUNCTIONS.get('substring')!)).toBe('substring($value as xs:string?, $start as xs:double[, $length as xs:double]) as xs:string');
    expect(xpathSignature(XPATH_FUNCTIONS.get('concat')!)).toBe('concat($value1 as xs:anyAtomicType?, $value2 as xs:anyAtomicType?, …) as xs:string');
    expect(xpathSignature(XPATH_FUNCTIONS.get('format-date')!)).toBe('format-date($value as xs:date?, $picture as xs:string[, $language as xs:string?, $calendar as xs:string?, $place as xs:string?]) as xs:string?');
    expect(XPATH_FUNCTIONS.get('format-date')!.arities).toEqual([2, 5]);
    expect(xpathSignature(XPATH_FUNCTIONS.get('error')!)).toBe('error([$code as xs:QName?[, $description as xs:string[, $object as item()*]]]) as none');
    expect(xpathSignature(XPATH_FUNCTIONS.get('current-date')!)).toBe('current-date() as xs:date');
    expect(XPATH_FUNCTIONS.get('fold-left')!.params.map((p) => p.name)).toEqual(['input', 'zero', 'action']);
  });
});
