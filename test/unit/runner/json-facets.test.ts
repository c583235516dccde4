/**
 * Facet checks of JSON messages against a JSON Schema tree (json-facets.ts through checkMessage):
 * enumeration, pattern (unanchored, as JSON Schema has it; an invalid pattern is a warning, see
 * json-facets-types.test.ts), minLength /
 * maxLength (code points), minimum / maximum / exclusive bounds (draft 2020-12 and draft-04 style).
 * Each finding is located (line, column, tree path) and worded in German and English; values that
 * keep to the facets give no finding.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setMessageLang } from '../../../src/core/i18n.ts';
import type { SchemaSet } from '../../../src/core/model/project.ts';
import { facetProblems } from '../../../src/core/runner/json-facets.ts';
import { jsonPattern } from '../../../src/core/schema/json/pattern.ts';
import { checkMessage, XsdValidation } from '../../../src/core/runner/validate.ts';
import { messageTree } from '../../../src/core/schema/index.ts';
import { jsonStep as st } from '../../../src/core/schema/json/paths.ts';

const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    rechtsform: { type: 'string', enum: ['GmbH', 'UG', 'Einzelunternehmen'] },
    stufe: { type: 'integer', enum: [1, 2, 3] },
    plz: { type: 'string', pattern: '^[0-9]{5}$' },
    // Unanchored: "contains three digits".
    kennung: { type: 'string', pattern: '[0-9]{3}' },
    // Not a valid regex in any mode: not applied (a warning), never thrown.
    kaputt: { type: 'string', pattern: '([a-z' },
    // Valid only without Unicode mode (identity escape of '-').
    kuerzel: { type: 'string', pattern: '^[A-Z\\-]+$' },
    name: { type: 'string', minLength: 2, maxLength: 5 },
    anzahl: { type: 'integer', minimum: 1, maximum: 10 },
    anteil: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    alt: { type: 'number', minimum: 0, exclusiveMinimum: true },
    tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
  },
};
const set = { id: 'js', name: 'Facetten', kind: 'json-schema', files: [{ name: 'f.schema.json', content: JSON.stringify(SCHEMA) }] } as SchemaSet;
const msg = { schemaId: 'js', root: { ns: '', local: 'f.schema.json' } };
const v = new XsdValidation();
const check = (value: Record<string, unknown>) => checkMessage(v, [set], msg, JSON.stringify(value, null, 2));
const P = (...steps: string[]) => '/' + [st('map'), ...steps].join('/');

afterEach(() => setMessageLang('de'));

describe('facets of JSON values', () => {
  it('the tree has the facets as the importer stores them (pattern unanchored, as written)', () => {
    const tree = messageTree([set], msg).tree!;
    expect(tree.find(P(st('string', 'kennung')))?.simple?.pattern).toEqual(['[0-9]{3}']);
    expect(tree.find(P(st('number', 'anteil')))?.simple).toMatchObject({ minExclusive: '0', maxExclusive: '1' });
    expect(tree.find(P(st('number', 'alt')))?.simple).toMatchObject({ minExclusive: '0' });
  });

  it('values that keep to every facet give no finding', () => {
    const r = check({ rechtsform: 'GmbH', stufe: 2, plz: '01099', kennung: 'ab123cd', kuerzel: 'A-B', name: 'Böhm', anzahl: 10, anteil: 0.5, alt: 0.1, tags: ['a', 'b'] });
    expect(r.issues).toEqual([]);
    expect(r.status).toBe('valid');
    expect(r.note).toMatch(/Aufzählung, const, Muster, Länge, Bereich, Vielfaches/);
  });

  it('enumeration: a string and a number outside the list, located at the member', () => {
    const r = check({ rechtsform: 'AG', stufe: 4 });
    expect(r.status).toBe('invalid');
    expect(r.issues).toEqual([
      { severity: 'error', line: 2, column: 3, path: P(st('string', 'rechtsform')), message: '$.rechtsform: „AG“ ist kein erlaubter Wert (erlaubt: „GmbH“, „UG“, „Einzelunternehmen“).' },
      { severity: 'error', line: 3, column: 3, path: P(st('number', 'stufe')), message: '$.stufe: 4 ist kein erlaubter Wert (erlaubt: 1, 2, 3).' },
    ]);
  });

  it('enumeration of array items: the item is located', () => {
    const r = checkMessage(v, [set], msg, '{\n  "tags": [\n    "a",\n    "c"\n  ]\n}');
    expect(r.issues).toEqual([{ severity: 'error', line: 4, column: 5, path: P(st('array', 'tags'), st('string')), message: '$.tags[1]: „c“ ist kein erlaubter Wert (erlaubt: „a“, „b“).' }]);
  });

  it('pattern: anchored where the schema anchors, unanchored where it does not', () => {
    const r = check({ plz: '1099', kennung: 'ab12cd' });
    expect(r.issues.map((i) => [i.path, i.line, i.message])).toEqual([
      [P(st('string', 'plz')), 2, '$.plz: „1099“ passt nicht zum Muster ^[0-9]{5}$.'],
      [P(st('string', 'kennung')), 3, '$.kennung: „ab12cd“ passt nicht zum Muster [0-9]{3}.'],
    ]);
    // A longer value matching the pattern somewhere is fine (JSON Schema does not anchor).
    expect(check({ kennung: 'x9999x' }).issues).toEqual([]);
    expect(check({ plz: '010990' }).issues).toHaveLength(1);
  });

  it('a pattern that does not compile is not applied (only a warning); one that needs the lenient syntax works', () => {
    expect(jsonPattern('([a-z')).toBeUndefined();
    expect(() => check({ kaputt: 'whatever' })).not.toThrow();
    expect(check({ kaputt: 'whatever' }).issues.map((i) => i.severity)).toEqual(['warning']);
    expect(check({ kuerzel: 'a-b' }).issues.map((i) => i.message)).toEqual(['$.kuerzel: „a-b“ passt nicht zum Muster ^[A-Z\\-]+$.']);
  });

  it('minLength / maxLength count code points', () => {
    expect(check({ name: 'A' }).issues.map((i) => i.message)).toEqual(['$.name: mindestens 2 Zeichen erwartet, gefunden 1.']);
    expect(check({ name: 'Abcdef' }).issues.map((i) => i.message)).toEqual(['$.name: höchstens 5 Zeichen erlaubt, gefunden 6.']);
    // Two emoji are two characters (four UTF-16 units).
    expect(check({ name: '😀😀' }).issues).toEqual([]);
  });

  it('minimum / maximum and exclusive bounds, also draft-04 style', () => {
    const r = check({ anzahl: 0, anteil: 1, alt: 0 });
    expect(r.issues.map((i) => [i.path, i.message])).toEqual([
      [P(st('number', 'anzahl')), '$.anzahl: 0 ist kleiner als das Minimum 1.'],
      [P(st('number', 'anteil')), '$.anteil: 1 muss kleiner als 1 sein.'],
      [P(st('number', 'alt')), '$.alt: 0 muss größer als 0 sein.'],
    ]);
    expect(check({ anzahl: 11, anteil: 0 }).issues.map((i) => i.message)).toEqual(['$.anzahl: 11 ist größer als das Maximum 10.', '$.anteil: 0 muss größer als 0 sein.']);
    expect(check({ anzahl: 1, anteil: 0.999 }).issues).toEqual([]);
  });

  it('speaks English when the message language is English', () => {
    setMessageLang('en');
    expect(check({ rechtsform: 'AG', plz: 'x', name: 'A', anzahl: 0 }).issues.map((i) => i.message)).toEqual([
      '$.rechtsform: "AG" is not an allowed value (allowed: "GmbH", "UG", "Einzelunternehmen").',
      '$.plz: "x" does not match the pattern ^[0-9]{5}$.',
      '$.name: at least 2 characters expected, found 1.',
      '$.anzahl: 0 is less than the minimum 1.',
    ]);
  });

  it('facets apply only to the JSON types they are for; null and objects are left to the type check', () => {
    const s = { builtin: 'anySimpleType', pattern: ['^a$'], minLength: 3, minInclusive: '5' };
    expect(facetProblems(s, 7, '$')).toEqual([]);
    expect(facetProblems(s, 'abc', '$')).toHaveLength(1);
    expect(facetProblems(s, 3, '$')).toHaveLength(1);
    expect(facetProblems(s, null, '$')).toEqual([]);
    expect(facetProblems({ builtin: 'string', enumeration: [{ value: 'true' }] }, true, '$')).toEqual([]);
    // A long value is shortened in the message.
    expect(facetProblems({ builtin: 'string', enumeration: [{ value: 'a' }] }, 'x'.repeat(200), '$')[0].length).toBeLessThan(120);
  });
});
