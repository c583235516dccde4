/** The skim-summary shortcut must agree with the full content model on real schemas. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SchemaFile } from '../../../src/core/schema/types.ts';
import { loadSchemaSet } from '../../../src/core/schema/xsd/load.ts';
import { elementTypeFacts, typeFacts } from '../../../src/core/schema/xsd/quick.ts';
import { Resolver } from '../../../src/core/schema/xsd/resolve.ts';
import { loadDir, SHARED } from './helpers.ts';

const SETS: Array<[string, () => SchemaFile[]]> = [
  ['xdomea', () => loadDir(join(SHARED, 'domain/schemas/xdomea-3.0.0'))],
  ['xbau', () => loadDir(join(SHARED, 'domain/schemas/xbau-2.6'))],
  ['fhir', () => [{ name: 'fhir.xsd', content: readFileSync(join(SHARED, 'peers/kaoto-datamapper/xml/fhir-single.xsd'), 'utf8') }]],
  ['camel', () => [{ name: 'camel.xsd', content: readFileSync(join(SHARED, 'peers/kaoto-datamapper/xml/camel-spring.xsd'), 'utf8') }]],
];

describe.each(SETS)('summaries of %s', (_name, files) => {
  const input = files();

  it('give the same type facts as the parsed content', () => {
    const quick = new Resolver(loadSchemaSet(input));
    const full = new Resolver(loadSchemaSet(input));
    for (const comp of full.set.types.values()) full.el(comp); // parse everything: no summaries used
    let compared = 0;
    for (const [key, comp] of quick.set.types) {
      const q = typeFacts(quick, { kind: 'named', comp, name: comp.name });
      const fc = full.set.types.get(key)!;
      const f = full.content({ kind: 'named', comp: fc, name: fc.name })!;
      expect({ key, hasChildren: q?.hasChildren, mixed: q?.mixed, abstract: q?.abstract, documentation: q?.documentation }).toEqual({
        key,
        hasChildren: f.hasChildren,
        mixed: f.mixed,
        abstract: f.abstract,
        documentation: f.documentation,
      });
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('give the same base names and first child for global elements', () => {
    const quick = new Resolver(loadSchemaSet(input));
    const full = new Resolver(loadSchemaSet(input));
    for (const comp of full.set.elements.values()) full.el(comp);
    for (const comp of full.set.types.values()) full.el(comp);
    for (const [key, comp] of quick.set.elements) {
      expect({ key, ...elementTypeFacts(quick, comp) }).toEqual({ key, ...elementTypeFacts(full, full.set.elements.get(key)!) });
    }
  });
});
