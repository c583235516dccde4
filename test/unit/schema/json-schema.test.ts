/** The JSON Schema importer: FIM/FIT-Connect-like schemas, refs across files, combinators, bad input. */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics.ts';
import { importSchemaSet } from '../../../src/core/schema/index.ts';
import { importJsonSchema } from '../../../src/core/schema/json/index.ts';
import { FN, jsonStep, keyPredicate, labelOf, parseJsonStep } from '../../../src/core/schema/json/paths.ts';
import { splitPath, type SchemaImportResult, type SchemaNode, type SchemaTree } from '../../../src/core/schema/types.ts';
import { SHARED } from './helpers.ts';

const SaxonJS = createRequire(import.meta.url)('saxon-js');

const file = (name: string, v: unknown) => ({ name, content: typeof v === 'string' ? v : JSON.stringify(v, null, 2) });
const s = (kind: Parameters<typeof jsonStep>[0], key?: string) => jsonStep(kind, key);

function tree(r: SchemaImportResult, root: string): SchemaTree {
  const t = r.tree({ ns: '', local: root });
  if (!t) throw new Error(`no tree ${root}; roots ${r.roots.map((x) => x.local).join(', ')}`);
  return t;
}

/** Children as "key [min..max] builtin-or-type" lines. */
function kids(t: SchemaTree, n: SchemaNode): string[] {
  return t.children(n).map((c) => `${c.name.local} [${c.minOccurs}..${c.maxOccurs ?? '*'}] ${c.simple?.builtin ?? c.typeName?.local ?? ''}`.trim());
}

function byKey(t: SchemaTree, n: SchemaNode, ...keys: string[]): SchemaNode {
  let cur = n;
  for (const k of keys) {
    const next = t.children(cur).find((c) => c.name.local === k);
    if (!next) throw new Error(`no ${k} under ${cur.path}: ${kids(t, cur).join(', ')}`);
    cur = next;
  }
  return cur;
}

// A FIT-Connect-like FIM schema (2020-12): groups G…, fields F…, a code list as oneOf/const.
const FIM = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://schema.fitko.de/fim/s00000092_1.3.schema.json',
  title: 'Gewerbeanmeldung',
  type: 'object',
  properties: {
    G17003529: { $ref: '#/$defs/G17003529' },
    G60000086: { type: 'array', items: { $ref: '#/$defs/G60000086' }, minItems: 1, maxItems: 3 },
    F60000230: { $ref: '#/$defs/F60000230' },
  },
  required: ['G17003529', 'G60000086'],
  $defs: {
    G17003529: {
      title: 'Angaben zur Person',
      type: 'object',
      properties: { F60000227: { $ref: '#/$defs/F60000227' }, F60000228: { $ref: '#/$defs/F60000228' }, F60000229: { $ref: '#/$defs/F60000229' } },
      required: ['F60000227'],
    },
    G60000086: {
      title: 'Anschrift Inland Straßenanschrift',
      type: 'object',
      properties: { F60000243: { $ref: '#/$defs/F60000243' }, F60000246: { $ref: '#/$defs/F60000246' } },
      required: ['F60000243'],
    },
    F60000227: { title: 'Familienname', description: 'Der Familienname der Person.', type: 'string', minLength: 1, maxLength: 120 },
    F60000228: { title: 'Geburtsdatum', type: 'string', format: 'date' },
    F60000229: {
      title: 'Geschlecht',
      type: 'string',
      oneOf: [
        { const: 'm', title: 'männlich' },
        { const: 'w', title: 'weiblich' },
        { const: 'd', title: 'divers' },
      ],
    },
    F60000230: { title: 'Anzahl Beschäftigte', type: 'integer', minimum: 0 },
    F60000243: { title: 'Straße', type: 'string', maxLength: 55 },
    F60000246: { title: 'Postleitzahl', type: 'string', pattern: '^[0-9]{5}$' },
  },
};

describe('JSON paths (json-to-xml vocabulary)', () => {
  it('writes member steps with a key predicate and reads them back', () => {
    expect(s('string', 'F60000227')).toBe(`{${FN}}string[@key='F60000227']`);
    expect(parseJsonStep(s('map', "it's"))).toEqual({ kind: 'map', key: "it's" });
    for (const key of ['a/b', '{x}', "o'{/}'", 'plain', '']) expect(parseJsonStep(s('string', key))?.key).toBe(key);
    // Keys that would break path splitting are written without raw '/', '{', '}'.
    expect(keyPredicate('a/b{c}')).toBe("[@key=('a' || codepoints-to-string(47) || 'b' || codepoints-to-string(123) || 'c' || codepoints-to-string(125))]");
    expect(splitPath(`/${s('map')}/${s('string', 'a/b')}`)).toHaveLength(2);
  });

  it('paths are XPath over json-to-xml() output (checked with SaxonJS)', () => {
    const r = importJsonSchema([file('fim.schema.json', FIM)]);
    const t = tree(r, 'fim.schema.json');
    const strasse = byKey(t, t.root, 'G60000086', 'F60000243');
    const geschlecht = byKey(t, t.root, 'G17003529', 'F60000229');
    const json = JSON.stringify({ G17003529: { F60000227: 'Muster', F60000229: 'w' }, G60000086: [{ F60000243: 'Hauptstr. 1' }, { F60000243: 'Nebenweg 2' }] });
    const xpath = (path: string) => splitPath(path).map((st) => st.replace(`{${FN}}`, 'fn:')).join('/');
    const evalAll = (path: string) => SaxonJS.XPath.evaluate(`json-to-xml($j)/${xpath(path)} ! string()`, null, { params: { j: json }, namespaceContext: { fn: FN }, resultForm: 'array' });
    expect(evalAll(strasse.path)).toEqual(['Hauptstr. 1', 'Nebenweg 2']);
    expect(evalAll(geschlecht.path)).toEqual(['w']);
  });
});

describe('FIT-Connect-like FIM JSON Schema (2020-12)', () => {
  const r = importJsonSchema([file('fim.schema.json', FIM)]);
  const t = tree(r, 'fim.schema.json');

  it('imports without findings; the file is the first root, object definitions follow', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.roots.map((q) => q.local)).toEqual(['fim.schema.json', 'fim.schema.json#/$defs/G17003529', 'fim.schema.json#/$defs/G60000086']);
    expect(t.root.path).toBe(`/${s('map')}`);
    expect(labelOf(t.root)).toBe('Gewerbeanmeldung');
  });

  it('shows groups and fields by FIM id with their titles, cardinalities and types', () => {
    expect(kids(t, t.root)).toEqual(['G17003529 [1..1] G17003529', 'G60000086 [1..3] G60000086', 'F60000230 [0..1] integer']);
    const person = byKey(t, t.root, 'G17003529');
    expect(labelOf(person)).toBe('Angaben zur Person');
    expect(kids(t, person)).toEqual(['F60000227 [1..1] string', 'F60000228 [0..1] date', 'F60000229 [0..1] string']);
    const name = byKey(t, person, 'F60000227');
    expect(name.path).toBe(`/${s('map')}/${s('map', 'G17003529')}/${s('string', 'F60000227')}`);
    expect(name.simple).toEqual({ builtin: 'string', minLength: 1, maxLength: 120 });
    expect(name.documentation).toBe('Der Familienname der Person.');
    expect(labelOf(name)).toBe('Familienname');
    expect(byKey(t, t.root, 'F60000230').simple).toEqual({ builtin: 'integer', minInclusive: '0' });
  });

  it('turns a repeating group (array of objects) into one repeating node for its items', () => {
    const anschrift = byKey(t, t.root, 'G60000086');
    expect(anschrift.path).toBe(`/${s('map')}/${s('array', 'G60000086')}/${s('map')}`);
    expect([anschrift.minOccurs, anschrift.maxOccurs]).toEqual([1, 3]);
    expect(byKey(t, anschrift, 'F60000246').simple?.pattern).toEqual(['^[0-9]{5}$']);
    // find() works through the collapsed step; the array element alone is no node.
    expect(t.find(byKey(t, anschrift, 'F60000243').path)?.name.local).toBe('F60000243');
    expect(t.find(`/${s('map')}/${s('array', 'G60000086')}`)).toBeUndefined();
  });

  it('shows a oneOf of consts as a code list with the titles as documentation', () => {
    expect(byKey(t, t.root, 'G17003529', 'F60000229').simple?.enumeration).toEqual([
      { value: 'm', documentation: 'männlich', kind: 'string' },
      { value: 'w', documentation: 'weiblich', kind: 'string' },
      { value: 'd', documentation: 'divers', kind: 'string' },
    ]);
  });

  it('is reachable through importSchemaSet with kind json-schema', () => {
    const res = importSchemaSet({ id: 'fim', name: 'FIM', kind: 'json-schema', files: [file('fim.schema.json', FIM)] });
    expect(res.roots[0]).toEqual({ ns: '', local: 'fim.schema.json' });
    expect(res.tree(res.roots[0])?.root.path).toBe(`/${s('map')}`);
  });
});

describe('draft-07, references across files, combinators', () => {
  it('resolves definitions across files by relative path, $id and file name; file roots referenced by others come later', () => {
    const common = { $schema: 'http://json-schema.org/draft-07/schema#', $id: 'http://example.com/common.json', definitions: { Adresse: { type: 'object', properties: { ort: { type: 'string' } }, required: ['ort'] } } };
    const person = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { wohnsitz: { $ref: 'http://example.com/common.json#/definitions/Adresse' }, post: { $ref: '../shared/common.schema.json#/definitions/Adresse' } } };
    const antrag = { type: 'object', properties: { antragsteller: { $ref: 'person.schema.json' } } };
    const r = importJsonSchema([file('person.schema.json', person), file('shared/common.schema.json', common), file('antrag.schema.json', antrag)]);
    expect(r.diagnostics).toEqual([]);
    expect(r.roots.map((q) => q.local)).toEqual(['antrag.schema.json', 'person.schema.json', 'shared/common.schema.json#/definitions/Adresse']);
    const t = tree(r, 'antrag.schema.json');
    expect(kids(t, byKey(t, t.root, 'antragsteller'))).toEqual(['wohnsitz [0..1] Adresse', 'post [0..1] Adresse']);
    expect(kids(t, byKey(t, t.root, 'antragsteller', 'post'))).toEqual(['ort [1..1] string']);
  });

  it('merges allOf, marks oneOf/anyOf members as optional alternatives, folds if/then/else', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      definitions: { Basis: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
      allOf: [{ $ref: '#/definitions/Basis' }, { properties: { betrag: { type: 'number', exclusiveMinimum: 0 } }, required: ['betrag'] }],
      oneOf: [{ properties: { iban: { type: 'string' } }, required: ['iban'] }, { properties: { kassenzeichen: { type: 'string' } } }],
      if: { properties: { art: { const: 'firma' } } },
      then: { properties: { handelsregister: { type: 'string' } } },
      properties: { art: { enum: ['person', 'firma'] }, notiz: { type: ['string', 'null'], default: '' } },
    };
    const r = importJsonSchema([file('zahlung.json', schema)]);
    expect(r.diagnostics).toEqual([]);
    const t = tree(r, 'zahlung.json');
    // allOf parts (the "base") first, then own members, then alternatives.
    expect(kids(t, t.root)).toEqual(['id [1..1] string', 'betrag [1..1] decimal', 'art [0..1] string', 'notiz [0..1] string', 'iban [0..1] string', 'kassenzeichen [0..1] string', 'handelsregister [0..1] string']);
    const [iban, kz] = [byKey(t, t.root, 'iban'), byKey(t, t.root, 'kassenzeichen')];
    expect(iban.choice).toBeDefined();
    expect(iban.choice).toBe(kz.choice);
    expect(byKey(t, t.root, 'betrag').simple?.minExclusive).toBe('0');
    expect(byKey(t, t.root, 'art').simple?.enumeration).toEqual([{ value: 'person', kind: 'string' }, { value: 'firma', kind: 'string' }]);
    const notiz = byKey(t, t.root, 'notiz');
    expect([notiz.nillable, notiz.default]).toEqual([true, '']);
    expect(parseJsonStep(splitPath(notiz.path).pop()!)?.kind).toBe('string');
  });

  it('gives members of unknown or mixed type the step * and arrays of arrays unkeyed item steps', () => {
    const r = importJsonSchema([file('x.json', { type: 'object', properties: { frei: {}, zahlOderText: { type: ['number', 'string'] }, matrix: { type: 'array', items: { type: 'array', items: { type: 'number' } } } } })]);
    const t = tree(r, 'x.json');
    expect(splitPath(byKey(t, t.root, 'frei').path).pop()).toBe(s('*', 'frei'));
    expect(splitPath(byKey(t, t.root, 'zahlOderText').path).pop()).toBe(s('*', 'zahlOderText'));
    const matrix = byKey(t, t.root, 'matrix');
    expect(matrix.path.endsWith(`${s('array', 'matrix')}/${s('array')}`)).toBe(true);
    expect(kids(t, matrix)).toEqual(['[] [0..*] decimal']);
  });

  it('expands recursive definitions lazily and flags them', () => {
    const r = importJsonSchema([file('tree.json', { $defs: { Knoten: { type: 'object', properties: { name: { type: 'string' }, kinder: { type: 'array', items: { $ref: '#/$defs/Knoten' } } } } }, $ref: '#/$defs/Knoten' })]);
    const t = tree(r, 'tree.json');
    const kinder = byKey(t, t.root, 'kinder');
    expect(kinder.recursive).toBe(true);
    // Still expandable on demand, a level at a time.
    expect(kids(t, byKey(t, kinder, 'kinder', 'kinder'))).toEqual(['name [0..1] string', 'kinder [0..*] Knoten']);
  });
});

describe('bad input gives located diagnostics, never a crash', () => {
  const codes = (r: SchemaImportResult) => r.diagnostics.map((d) => [d.code, d.location?.file, d.location?.line]);

  it('reports a syntax error with line and column', () => {
    const r = importJsonSchema([file('kaputt.json', '{\n  "type": "object",\n  "properties": {\n    "a": { "type": "string" },\n  }\n}')]);
    expect(codes(r)).toEqual([['json.syntax', 'kaputt.json', 5]]);
    expect(r.roots).toEqual([]);
  });

  it('reports XML given as JSON Schema, an empty file, and a JSON instance that is no schema', () => {
    const r = importJsonSchema([file('a.json', '<xs:schema/>'), file('b.json', '  '), file('c.json', { F60000227: 'Muster' })]);
    expect(codes(r)).toEqual([
      ['json.syntax', 'a.json', 1],
      ['json.empty', 'b.json', 1],
      ['json-schema.not-a-schema', 'c.json', 1],
    ]);
    expect(r.diagnostics[0].message).toContain('XML');
  });

  it('reports an unresolved reference to a missing file (warning, nothing fetched) and an unknown target (error), with lines', () => {
    const text = JSON.stringify({ type: 'object', properties: { a: { $ref: 'https://schema.fitko.de/fim/fehlt.json#/$defs/X' }, b: { $ref: '#/$defs/Fehlt' } } }, null, 2);
    const r = importJsonSchema([file('haupt.json', text)]);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'haupt.json:5:7: warning: Verweis „https://schema.fitko.de/fim/fehlt.json#/$defs/X“ nicht aufgelöst: keine passende Datei „https://schema.fitko.de/fim/fehlt.json“ im Schema-Satz (es wird nichts nachgeladen). [json-schema.unresolved-ref]',
      'haupt.json:8:7: error: Verweisziel „#/$defs/Fehlt“ gibt es nicht. [json-schema.unknown-ref-target]',
    ]);
    const t = tree(r, 'haupt.json');
    expect(byKey(t, t.root, 'a').documentation).toContain('nicht aufgelöst');
  });

  it('resolves a missing reference through the catalog', () => {
    const r = importJsonSchema([file('haupt.json', { type: 'object', properties: { a: { $ref: 'https://x.example/typen.json#/$defs/T' } } }), file('lokal/typen-v2.json', { $defs: { T: { type: 'string' } } })], {
      catalog: { 'https://x.example/typen.json': 'lokal/typen-v2.json' },
    });
    expect(r.diagnostics).toEqual([]);
    expect(kids(tree(r, 'haupt.json'), tree(r, 'haupt.json').root)).toEqual(['a [0..1] string']);
  });

  it('reports a reference chain that loops without structure', () => {
    const r = importJsonSchema([file('loop.json', { $defs: { A: { $ref: '#/$defs/B' }, B: { $ref: '#/$defs/A' } }, type: 'object', properties: { x: { $ref: '#/$defs/A' } } })]);
    expect(r.diagnostics.map((d) => d.code)).toContain('json-schema.circular-ref');
    const t = tree(r, 'loop.json');
    expect(byKey(t, t.root, 'x').hasChildren).toBe(false);
  });
});

describe('the peer fixtures (Kaoto DataMapper json/)', () => {
  const dir = join(SHARED, 'peers/kaoto-datamapper/json');
  const files = [...readdirSync(dir).filter((f) => f.endsWith('.json')), 'nested/Product.schema.json'].map((n) => file(n, readFileSync(join(dir, n), 'utf8')));

  it('imports all of them together without findings', () => {
    const r = importJsonSchema(files);
    expect(r.diagnostics).toEqual([]);
    expect(r.roots.length).toBeGreaterThanOrEqual(8);
  });

  it('resolves Order → Customer → CommonTypes across files and nested folders', () => {
    const r = importJsonSchema(files);
    const order = tree(r, 'Order.schema.json');
    expect(kids(order, order.root)).toEqual(['orderId [1..1] string', 'customer [1..1] Customer', 'items [0..*]', 'totalAmount [0..1] Money']);
    expect(kids(order, byKey(order, order.root, 'customer', 'contact'))).toEqual(['email [0..1] string', 'phone [0..1] string']);
    const product = tree(r, 'nested/Product.schema.json');
    expect(kids(product, byKey(product, product.root, 'price'))).toEqual(['amount [1..1] decimal', 'currency [1..1] string']);
    const cart = tree(r, 'Cart.schema.json');
    expect(cart.root.path).toBe(`/${s('array')}`);
    expect(kids(cart, t0(cart))).toEqual(['Title [1..1] string', 'Note [0..1] string', 'Quantity [1..1] integer', 'Price [1..1] decimal']);
  });

  it('keeps the 750 KB recursive Camel DSL schema lazy and fast', () => {
    const t0 = performance.now();
    const r = importJsonSchema(files.filter((f) => f.name === 'camelYamlDsl.json'));
    const t = tree(r, 'camelYamlDsl.json');
    let count = 0;
    let recursive = 0;
    const walk = (n: SchemaNode, d: number) => {
      count++;
      if (n.recursive) recursive++;
      if (d < 4 && !n.recursive) for (const c of t.children(n)) walk(c, d + 1);
    };
    walk(t.root, 0);
    expect(count).toBeGreaterThan(1000);
    expect(recursive).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

function t0(t: SchemaTree): SchemaNode {
  return t.children(t.root)[0];
}
