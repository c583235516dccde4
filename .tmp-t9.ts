import { readFileSync } from 'node:fs';
const t = readFileSync('/work/shared/peers/kaoto-datamapper/xml/fhir-single.xsd','utf8');
const A = /([^<]*)<(?:(\/)?([^\s/>!?]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/)?>|!--[\s\S]*?-->|!\[CDATA\[[\s\S]*?\]\]>|\?[\s\S]*?\?>|!DOCTYPE(?:[^[>]*\[[\s\S]*?\])?[^>]*>)/y;
const B = /<(?:(\/)?([^\s/>!?]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/)?>|!--[\s\S]*?-->|!\[CDATA\[[\s\S]*?\]\]>|\?[\s\S]*?\?>|!DOCTYPE(?:[^[>]*\[[\s\S]*?\])?[^>]*>)/g;
const C = /<(?:(\/)?([^\s/>!?]+)((?:[^>"']+|"[^"]*"|'[^']*')*?)(\/)?>|!--[\s\S]*?-->|!\[CDATA\[[\s\S]*?\]\]>|\?[\s\S]*?\?>|!DOCTYPE(?:[^[>]*\[[\s\S]*?\])?[^>]*>)/g;
const D = /<(?:(\/)?([^\s/>!?]+)((?:\s+[^\s=>\/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/)?>|!--[\s\S]*?-->|!\[CDATA\[[\s\S]*?\]\]>|\?[\s\S]*?\?>|!DOCTYPE(?:[^[>]*\[[\s\S]*?\])?[^>]*>)/g;
for (const [k, re] of Object.entries({A,B,C,D})) {
  const ts: number[]=[]; let n=0;
  for (let i=0;i<6;i++){ const s=performance.now(); re.lastIndex=0; let m; n=0; let last=0; while((m=re.exec(t))) { n++; if (k!=='A' && t.indexOf('<', last) !== m.index) throw new Error('gap'); last = re.lastIndex; } ts.push(performance.now()-s); }
  console.log(k, n, ts.map(x=>x.toFixed(0)).join(' '));
}
