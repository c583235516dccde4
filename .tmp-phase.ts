import { readFileSync } from 'node:fs';
import { loadSchemaSet } from './src/core/schema/xsd/load.ts';
import { checkReferences } from './src/core/schema/xsd/check.ts';
import { Resolver } from './src/core/schema/xsd/resolve.ts';
import { orderRoots } from './src/core/schema/xsd/roots.ts';
import { skimSchema } from './src/core/schema/xsd/skim.ts';
const content = readFileSync('/work/shared/peers/kaoto-datamapper/xml/fhir-single.xsd', 'utf8');
for (let i = 0; i < 8; i++) {
  const t0 = performance.now();
  skimSchema(content);
  const ta = performance.now();
  const set = loadSchemaSet([{ name: 'fhir-single.xsd', content }]);
  const t1 = performance.now();
  const ref = checkReferences(set);
  const t2 = performance.now();
  const r = new Resolver(set);
  const roots = orderRoots(r, ref);
  const t3 = performance.now();
  console.log('skim', (ta-t0).toFixed(0), 'load', (t1 - t0).toFixed(0), 'check', (t2 - t1).toFixed(0), 'roots', (t3 - t2).toFixed(0), roots.length);
}
