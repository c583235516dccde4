import { readFileSync } from 'node:fs';
import { importXsd } from './src/core/schema/xsd/index.ts';
const content = readFileSync('/work/shared/peers/kaoto-datamapper/xml/fhir-single.xsd', 'utf8');
for (let i = 0; i < 8; i++) {
  const t0 = performance.now();
  const res = importXsd([{ name: 'fhir-single.xsd', content }]);
  const t1 = performance.now();
  const tree = res.tree(res.roots[0])!;
  let n = 0;
  for (const c of tree.children(tree.root)) { n++; for (const d of tree.children(c)) n++; }
  const t2 = performance.now();
  console.log('import', (t1 - t0).toFixed(0), 'tree2', (t2 - t1).toFixed(0));
}
