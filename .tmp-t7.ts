import { readFileSync } from 'node:fs';
const t = readFileSync('/work/shared/peers/kaoto-datamapper/xml/fhir-single.xsd','utf8');
const TOKEN = /<(?:(\/)?([^\s/>!?]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/)?>|!--[\s\S]*?-->|!\[CDATA\[[\s\S]*?\]\]>|\?[\s\S]*?\?>|!DOCTYPE(?:[^[>]*\[[\s\S]*?\])?[^>]*>)/g;
const REFATTR = /\s(type|ref|base|itemType|memberTypes|substitutionGroup)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
function skim(t: string) {
  TOKEN.lastIndex = 0; let m; let depth = 0; let n = 0; let refs = 0; const names: string[] = [];
  while ((m = TOKEN.exec(t))) {
    if (m[2] === undefined) continue;
    if (m[1]) { const top = names.pop(); if (top !== m[2]) throw new Error('mismatch'); depth--; continue; }
    n++;
    const a = m[3];
    if (a.length > 4) { REFATTR.lastIndex = 0; let r; while ((r = REFATTR.exec(a))) refs++; }
    if (!m[4]) { names.push(m[2]); depth++; }
  }
  return [n, refs];
}
const ts: number[]=[];
for (let i=0;i<6;i++){ const s=performance.now(); const r=skim(t); ts.push(performance.now()-s); if(i==0) console.log(r); }
console.log(ts.map(x=>x.toFixed(0)).join(' '));
