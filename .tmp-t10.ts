import { readFileSync } from 'node:fs';
import { rootScope } from './src/core/schema/xsd/scan.ts';
const t = readFileSync('/work/shared/peers/kaoto-datamapper/xml/fhir-single.xsd','utf8');
const TOKEN =
  /([^<]*)<(?:(\/)?([^\s/>!?]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/)?>|!--[\s\S]*?-->|!\[CDATA\[[\s\S]*?\]\]>|\?[\s\S]*?\?>|!DOCTYPE(?:[^[>]*\[[\s\S]*?\])?[^>]*>)/y;
function splitName(name: string): [string, string] {
  const c = name.indexOf(':');
  return c === -1 ? ['', name] : [name.slice(0, c), name.slice(c + 1)];
}
function v(level: number) {
  TOKEN.lastIndex = 0; let m; const names: string[] = []; let n = 0; let pos = 0;
  let scope = rootScope(); scope = Object.create(scope); scope['xs'] = 'http://www.w3.org/2001/XMLSchema';
  while (pos < t.length && (m = TOKEN.exec(t))) {
    pos = TOKEN.lastIndex;
    const q = m[3];
    if (level >= 1) { const ts = m.index + m[1].length; n += ts; }
    if (q === undefined) continue;
    if (m[2]) { if (names.pop() !== q) throw 1; continue; }
    if (level >= 2) { const [p, l] = splitName(q); n += l.length; if (level >= 3) { n += scope[p].length; } }
    if (!m[5]) names.push(q);
  }
  return n;
}
for (const lvl of [0,1,2,3]) { const ts: number[]=[]; for (let i=0;i<6;i++){ const s=performance.now(); v(lvl); ts.push(performance.now()-s); } console.log(lvl, ts.map(x=>x.toFixed(0)).join(' ')); }
