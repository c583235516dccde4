import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { importXsd } from './src/core/schema/xsd/index.ts';
import { parseXml, childElements, type XmlElement } from './src/core/xml/dom.ts';
function xsds(dir: string): string[] { return readdirSync(dir).flatMap((n) => { const p = join(dir, n); return statSync(p).isDirectory() ? xsds(p) : p.endsWith('.xsd') ? [p] : []; }); }
const dir = '/work/shared/domain/schemas/xdomea-3.0.0';
const res = importXsd(xsds(dir).map(f => ({ name: relative(dir, f), content: readFileSync(f, 'utf8') })));
const sdir = '/work/shared/domain/samples/xdomea-3.0.0';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const step = (ns: string, l: string) => ns ? `{${ns}}${l}` : l;
for (const f of readdirSync(sdir).filter(f => f.endsWith('.xml'))) {
  const doc = parseXml(readFileSync(join(sdir, f), 'utf8'));
  if (!doc.ok) { console.log('bad', f); continue; }
  const root = doc.doc.root;
  const tree = res.tree({ ns: root.ns, local: root.local });
  if (!tree) { console.log('no tree', f); continue; }
  const paths = new Set<string>();
  const walk = (el: XmlElement, p: string) => { paths.add(p); for (const a of el.attrs) { if (a.ns === XSI) continue; paths.add(p + '/@' + step(a.ns, a.local)); } for (const c of childElements(el)) walk(c, p + '/' + step(c.ns, c.local)); };
  walk(root, '/' + step(root.ns, root.local));
  const missing = [...paths].filter(p => !tree.find(p));
  console.log(f, paths.size, 'missing', missing.length, missing.slice(0, 5));
}
