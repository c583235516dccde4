import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { importXsd } from './src/core/schema/xsd/index.ts';
import { clark } from './src/core/schema/types.ts';
import { formatDiagnostic } from './src/core/diagnostics.ts';
function xsds(dir: string): string[] { return readdirSync(dir).flatMap((n) => { const p = join(dir, n); return statSync(p).isDirectory() ? xsds(p) : p.endsWith('.xsd') ? [p] : []; }); }
function load(dir: string, first?: string) { let fs = xsds(dir); if (first) fs = [join(dir, first), ...fs.filter(f => !f.endsWith(first))]; return fs.map(f => ({ name: relative(dir, f), content: readFileSync(f, 'utf8') })); }
const which = process.argv[2];
const sets: Record<string, () => any[]> = {
  fhir: () => [{ name: 'fhir-single.xsd', content: readFileSync('/work/shared/peers/kaoto-datamapper/xml/fhir-single.xsd', 'utf8') }],
  xdomea: () => load('/work/shared/domain/schemas/xdomea-3.0.0', 'xdomea_3.0.0/xdomea.xsd'),
  xbau: () => load('/work/shared/domain/schemas/xbau-2.6', 'xbau-nachrichten-baugenehmigung.xsd'),
};
const files = sets[which]();
const t0 = performance.now();
const res = importXsd(files);
const t1 = performance.now();
const tree = res.tree(res.roots[0])!;
let n = 0;
for (const c of tree.children(tree.root)) { n++; for (const d of tree.children(c)) n++; }
const t2 = performance.now();
console.log(which, 'import', (t1 - t0).toFixed(0), 'ms; tree2', (t2 - t1).toFixed(0), 'ms; nodes', n, 'roots', res.roots.length);
console.log(res.roots.slice(0, 8).map(clark).join('\n'));
console.log(res.diagnostics.length, 'diagnostics');
for (const d of res.diagnostics.slice(0, 15)) console.log(formatDiagnostic(d));
function dump(node: any, depth: number, ind = '') { if (depth < 0) return; console.log(ind + node.path.split('/').pop() + ` [${node.minOccurs}..${node.maxOccurs ?? '*'}]` + (node.typeName ? ' : ' + node.typeName.local : '') + (node.simple ? ' =' + node.simple.builtin : '') + (node.recursive ? ' REC' : '') + (node.choice ? ' ' + node.choice.split('#').pop() : '')); for (const c of tree.children(node)) dump(c, depth - 1, ind + '  '); }
if (process.argv[3]) dump(tree.root, Number(process.argv[3]));
