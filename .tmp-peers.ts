import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { importXsd } from './src/core/schema/xsd/index.ts';
import { clark } from './src/core/schema/types.ts';
import { formatDiagnostic } from './src/core/diagnostics.ts';
const dir = '/work/shared/peers/kaoto-datamapper/xml';
function closure(entry: string): string[] {
  const out = [entry]; 
  for (let i = 0; i < out.length; i++) {
    const t = readFileSync(out[i], 'utf8');
    for (const m of t.matchAll(/schemaLocation="([^"]+)"/g)) { const p = join(dirname(out[i]), m[1]); if (existsSync(p) && !out.includes(p)) out.push(p); }
  }
  return out;
}
const entries = [...readdirSync(dir).filter(f => f.endsWith(".xsd") && (f > "account-ns2" || f.startsWith("Cross") || f.startsWith("Lazy"))).map(f => join(dir, f)), join(dir, '2nd-include-crash/root.xsd')];
for (const e of entries) {
  const files = closure(e).map(f => ({ name: relative(dir, f), content: readFileSync(f, 'utf8') }));
  const t0 = performance.now();
  const res = importXsd(files);
  let n = 0;
  for (const r of res.roots) { const t = res.tree(r)!; const walk = (x: any, d: number) => { n++; if (d < 2 && !x.recursive) for (const c of t.children(x)) walk(c, d + 1); }; walk(t.root, 0); }
  console.log(`${relative(dir, e)}: files ${files.length} roots ${res.roots.length} nodes ${n} ${(performance.now()-t0).toFixed(0)}ms`);
  for (const d of res.diagnostics.slice(0, 4)) console.log('   ' + formatDiagnostic(d));
}
