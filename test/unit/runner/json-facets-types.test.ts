/**
 * JSON Schema facets the check used to get wrong or skip (json-facets.ts, schema/json/pattern.ts):
 * `enum` compares typed JSON values ("1" is not 1, 1 is 1.0), `multipleOf` is imported and checked with
 * decimal arithmetic (0.3 is a multiple of 0.1), and a `pattern` that does not compile is a warning —
 * once per field and check in the message check, and at the keyword in the importer's diagnostics.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setMessageLang } from '../../../src/core/i18n.ts';
import type { SchemaSet } from '../../../src/core/model/project.ts';
import { facetProblems, isMultipleOf, patternWarnings } from '../../../src/core/runner/json-facets.ts';
import { checkMessage, XsdValidation } from '../../../src/core/runner/validate.ts';
import { messageTree } from '../../../src/core/schema/index.ts';
import { importJsonSchema } from '../../../src/core/schema/json/index.ts';
import { jsonPatternError } from '../../../src/core/schema/json/pattern.ts';
import { jsonStep as st } from '../../../src/core/schema/json/paths.ts';

const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    // Mixed types and no `type`: any scalar passes the type check, so only the enum decides.
    code: { enum: [1, 'A', true, null] },
    stufe: { type: ['string', 'integer'], enum: [1, 2, 3] },
    // Written 2.50 in the schema text below: the same number as 2.5.
    satz: { type: 'number', enum: [2.5, 7] },
    kennzeichen: { type: ['string', 'boolean', 'integer'], enum: ['1', 'true'] },
    betrag: { type: 'number', multipleOf: 0.1 },
    stueck: { type: 'integer', multipleOf: 5 },
    fein: { type: 'number', multipleOf: 1e-8 },
    // Only multipleOf: the node is still a number.
    nurSchritt: { multipleOf: 0.25 },
    nullSchritt: { type: 'number', multipleOf: 0 },
    // Not a RegExp in any mode (unterminated class).
    kaputt: { type: 'string', pattern: '([a-z' },
    codes: { type: 'array', items: { type: 'string', pattern: '(?<n>x' } },
    // Valid only without the Unicode flag: no warning.
    kuerzel: { type: 'string', pattern: '^[A-Z\\-]+$' },
  },
};
const TEXT = JSON.stringify(SCHEMA, null, 2).replace('2.5,', '2.50,');
const set = { id: 'facet-types', name: 'Typen', kind: 'json-schema', files: [{ name: 't.schema.json', content: TEXT }] } as SchemaSet;
const msg = { schemaId: 'facet-types', root: { ns: '', local: 't.schema.json' } };
const v = new XsdValidation();
const checkText = (text: string) => checkMessage(v, [set], msg, text);
const check = (value: Record<string, unknown>) => checkText(JSON.stringify(value, null, 2));
const messages = (value: Record<string, unknown>) => check(value).issues.map((i) => i.message);
const P = (...steps: string[]) => '/' + [st('map'), ...steps].join('/');

afterEach(() => setMessageLang('de'));

describe('enum compares typed JSON values', () => {
  it('the tree keeps each entry’s JSON type', () => {
    const tree = messageTree([set], msg).tree!;
    expect(tree.find(P(st('*', 'code')))?.simple?.enumeration).toEqual([
      { value: '1', kind: 'number' },
      { value: 'A', kind: 'string' },
      { value: 'true', kind: 'boolean' },
      { value: 'null', kind: 'null' },
    ]);
  });

  it('the string "1" is not the number 1, and "true" is not true; the message says why', () => {
    const r = check({ code: '1', stufe: '2', kennzeichen: true });
    expect(r.status).toBe('invalid');
    expect(r.issues.map((i) => [i.severity, i.line, i.message])).toEqual([
      ['error', 2, '$.code: „1“ ist kein erlaubter Wert (erlaubt: 1, „A“, true, null) – der Wert ist eine Zeichenkette, im Schema steht die Zahl 1.'],
      ['error', 3, '$.stufe: „2“ ist kein erlaubter Wert (erlaubt: 1, 2, 3) – der Wert ist eine Zeichenkette, im Schema steht die Zahl 2.'],
      ['error', 4, '$.kennzeichen: true ist kein erlaubter Wert (erlaubt: „1“, „true“) – der Wert ist ein Wahrheitswert, im Schema steht die Zeichenkette „true“.'],
    ]);
    expect(messages({ code: 'true' })).toEqual(['$.code: „true“ ist kein erlaubter Wert (erlaubt: 1, „A“, true, null) – der Wert ist eine Zeichenkette, im Schema steht der Wahrheitswert true.']);
    expect(messages({ kennzeichen: 1 })).toHaveLength(1);
    // Without a same-text entry there is no hint.
    expect(messages({ stufe: 4 })).toEqual(['$.stufe: 4 ist kein erlaubter Wert (erlaubt: 1, 2, 3).']);
  });

  it('values of the entry’s type and value pass; numbers compare numerically (1 = 1.0, 2.50 = 2.5)', () => {
    for (const value of [1, 'A', true]) expect(check({ code: value }).issues).toEqual([]);
    expect(check({ stufe: 3, kennzeichen: '1' }).issues).toEqual([]);
    // Written as 1.0 and 2.5e0 in the message, 2.50 in the schema.
    const r = checkText('{\n  "code": 1.0,\n  "stufe": 2.0,\n  "satz": 2.5e0\n}');
    expect(r.issues).toEqual([]);
    expect(r.status).toBe('valid');
    expect(messages({ satz: 2.51 })).toEqual(['$.satz: 2.51 ist kein erlaubter Wert (erlaubt: 2.5, 7).']);
  });

  it('entries stored without a type (XSD, older trees) still compare as text', () => {
    const untyped = { builtin: 'string', enumeration: [{ value: 'true' }, { value: '1' }] };
    expect(facetProblems(untyped, true, '$')).toEqual([]);
    expect(facetProblems(untyped, 1, '$')).toEqual([]);
    expect(facetProblems(untyped, 'x', '$')).toEqual(['$: „x“ ist kein erlaubter Wert (erlaubt: „true“, „1“).']);
  });

  it('speaks English', () => {
    setMessageLang('en');
    expect(messages({ code: '1' })).toEqual(['$.code: "1" is not an allowed value (allowed: 1, "A", true, null) – the value is a string, the schema has the number 1.']);
  });
});

describe('multipleOf', () => {
  it('is imported as written when it is a number > 0; a node with only multipleOf is a number', () => {
    const tree = messageTree([set], msg).tree!;
    expect(tree.find(P(st('number', 'betrag')))?.simple?.multipleOf).toBe('0.1');
    expect(tree.find(P(st('number', 'fein')))?.simple?.multipleOf).toBe('1e-8');
    expect(tree.find(P(st('number', 'nurSchritt')))?.simple?.multipleOf).toBe('0.25');
    expect(tree.find(P(st('number', 'nullSchritt')))?.simple).not.toHaveProperty('multipleOf');
  });

  it('0.3 is a multiple of 0.1, 0.35 is not (decimal arithmetic, no float remainder)', () => {
    // 0.3 % 0.1 is 0.09999999999999998 in floating point: a naive check would reject it.
    expect(0.3 % 0.1).not.toBe(0);
    expect(check({ betrag: 0.3 }).issues).toEqual([]);
    expect(check({ betrag: 1.7, stueck: 15, fein: 0.00000003, nurSchritt: 2.75 }).issues).toEqual([]);
    const r = check({ betrag: 0.35, stueck: 7 });
    expect(r.status).toBe('invalid');
    expect(r.issues.map((i) => [i.severity, i.path, i.line, i.message])).toEqual([
      ['error', P(st('number', 'betrag')), 2, '$.betrag: 0.35 ist kein Vielfaches von 0.1.'],
      ['error', P(st('number', 'stueck')), 3, '$.stueck: 7 ist kein Vielfaches von 5.'],
    ]);
    expect(messages({ fein: 0.000000035, nurSchritt: 2.6 })).toEqual(['$.fein: 3.5e-8 ist kein Vielfaches von 1e-8.', '$.nurSchritt: 2.6 ist kein Vielfaches von 0.25.']);
  });

  it('isMultipleOf works on the decimal text, also with exponents and negative numbers', () => {
    expect(isMultipleOf(0.3, 0.1)).toBe(true);
    expect(isMultipleOf(0.35, 0.1)).toBe(false);
    expect(isMultipleOf(-0.6, 0.2)).toBe(true);
    expect(isMultipleOf(0, 0.7)).toBe(true);
    expect(isMultipleOf(1e21, 5)).toBe(true);
    expect(isMultipleOf(1e21, 3)).toBe(false);
    expect(isMultipleOf(1.5e-7, 5e-8)).toBe(true);
    // Exact, not tolerant: the float sum 0.1 + 0.2 is the decimal 0.30000000000000004.
    expect(isMultipleOf(0.1 + 0.2, 0.1)).toBe(false);
  });

  it('speaks English; applies to numbers only', () => {
    setMessageLang('en');
    expect(messages({ betrag: 0.35 })).toEqual(['$.betrag: 0.35 is not a multiple of 0.1.']);
    expect(facetProblems({ builtin: 'anySimpleType', multipleOf: '0.1' }, '0.35', '$')).toEqual([]);
  });
});

describe('a pattern that does not compile', () => {
  it('is one warning per field and check, naming field, pattern and the RegExp error', () => {
    const r = check({ kaputt: 'abc', codes: ['x', 'y', 'z'], kuerzel: 'A-B' });
    expect(r.issues.map((i) => [i.severity, i.path, i.message])).toEqual([
      ['warning', P(st('string', 'kaputt')), '$.kaputt: Das Muster ([a-z aus dem Schema ist kein gültiger regulärer Ausdruck (Unterminated character class); die Werte dieses Felds wurden nicht dagegen geprüft.'],
      ['warning', P(st('array', 'codes'), st('string')), `$.codes[*]: Das Muster (?<n>x aus dem Schema ist kein gültiger regulärer Ausdruck (${jsonPatternError('(?<n>x')}); die Werte dieses Felds wurden nicht dagegen geprüft.`],
    ]);
    expect(r.issues.every((i) => typeof i.line === 'number')).toBe(true);
    // Warnings only: the badge says "notes", not "errors" (status invalid, no error).
    expect(r.status).toBe('invalid');
    // The next check reports it again (once per check, not once ever).
    expect(check({ kaputt: 'def' }).issues).toHaveLength(1);
    // No string value of that field: nothing to say.
    expect(check({ kuerzel: 'A' }).issues).toEqual([]);
  });

  it('patternWarnings keeps to its seen set and to string values', () => {
    const s = { builtin: 'string', pattern: ['([a-z', '^ok$'] };
    const seen = new Set<string>();
    expect(patternWarnings(s, 'a', '/n', '$.a', seen)).toHaveLength(1);
    expect(patternWarnings(s, 'b', '/n', '$.a', seen)).toEqual([]);
    expect(patternWarnings(s, 'b', '/other', '$.b', seen)).toHaveLength(1);
    expect(patternWarnings(s, 7, '/third', '$.c', new Set())).toEqual([]);
  });

  it('speaks English', () => {
    setMessageLang('en');
    expect(messages({ kaputt: 'abc' })).toEqual(["$.kaputt: the schema's pattern ([a-z is not a valid regular expression (Unterminated character class); the values of this field were not checked against it."]);
  });

  it('is a located warning of the import, also in a member called "enum"; patterns inside data are not', () => {
    const text = JSON.stringify(
      {
        type: 'object',
        properties: {
          plz: { type: 'string', pattern: '^[0-9]{5}$' },
          kaputt: { type: 'string', pattern: '([a-z' },
          enum: { type: 'string', pattern: '*' },
          // A "pattern" in enum/default/examples values is data.
          daten: { type: 'object', default: { pattern: '(' }, examples: [{ pattern: '[' }] },
          pattern: { type: 'string' },
        },
      },
      null,
      2,
    );
    const r = importJsonSchema([{ name: 'p.schema.json', content: text }]);
    const lines = text.split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.location?.line, d.message])).toEqual([
      ['warning', 'json-schema.bad-pattern', lineOf('"([a-z"'), 'Das Muster „([a-z“ in #/properties/kaputt ist kein gültiger regulärer Ausdruck (Unterminated character class); Werte werden nicht dagegen geprüft.'],
      ['warning', 'json-schema.bad-pattern', lineOf('"*"'), `Das Muster „*“ in #/properties/enum ist kein gültiger regulärer Ausdruck (${jsonPatternError('*')}); Werte werden nicht dagegen geprüft.`],
    ]);
    // The tree still loads; the broken pattern just is not applied.
    expect(r.tree(r.roots[0])).toBeDefined();
    setMessageLang('en');
    expect(importJsonSchema([{ name: 'p.schema.json', content: text }]).diagnostics[0].message).toBe('The pattern "([a-z" in #/properties/kaputt is not a valid regular expression (Unterminated character class); values are not checked against it.');
  });
});

describe('const', () => {
  const CONST = {
    type: 'object',
    properties: {
      version: { const: '1.2' },
      stufe: { const: 3 },
      // A discriminator: each alternative fixes `art` to another value; either is allowed.
      antrag: {
        type: 'object',
        oneOf: [
          { properties: { art: { const: 'neu' }, neu: { type: 'string' } } },
          { properties: { art: { const: 'aenderung' }, bisher: { type: 'string' } } },
        ],
      },
    },
  };
  const cset = { id: 'const', name: 'Const', kind: 'json-schema', files: [{ name: 'c.schema.json', content: JSON.stringify(CONST, null, 2) }] } as SchemaSet;
  const cmsg = { schemaId: 'const', root: { ns: '', local: 'c.schema.json' } };
  const cmessages = (value: unknown) => checkMessage(v, [cset], cmsg, JSON.stringify(value, null, 2)).issues.map((i) => i.message);

  it('allows only its value, of its JSON type', () => {
    expect(cmessages({ version: '1.2', stufe: 3, antrag: { art: 'neu' } })).toEqual([]);
    expect(cmessages({ version: '1.3', stufe: '3' })).toEqual([
      '$.version: „1.3“ ist kein erlaubter Wert (erlaubt: „1.2“).',
      // The const's JSON type is the field's type.
      '$.stufe: Zahl erwartet, gefunden Zeichenkette.',
    ]);
    expect(cmessages({ stufe: 4 })).toEqual(['$.stufe: 4 ist kein erlaubter Wert (erlaubt: 3).']);
  });

  it('a member fixed differently in each alternative allows each of them, and nothing else', () => {
    expect(cmessages({ antrag: { art: 'aenderung' } })).toEqual([]);
    expect(cmessages({ antrag: { art: 'loeschung' } })).toEqual(['$.antrag.art: „loeschung“ ist kein erlaubter Wert (erlaubt: „neu“, „aenderung“).']);
    const tree = messageTree([cset], cmsg).tree!;
    const version = tree.find(P(st('string', 'version')));
    expect([version?.fixed, version?.simple?.enumeration]).toEqual(['1.2', [{ value: '1.2', kind: 'string' }]]);
  });
});
