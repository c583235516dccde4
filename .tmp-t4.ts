import { readFileSync } from 'node:fs';
import { parseXml } from './src/core/xml/dom.ts';
const t = readFileSync('/work/shared/peers/kaoto-datamapper/xml/fhir-single.xsd','utf8');
const ts: number[]=[];
for (let i=0;i<10;i++){ const s=performance.now(); const r=parseXml(t); ts.push(performance.now()-s); }
console.log(ts.map(x=>x.toFixed(0)).join(' '));
