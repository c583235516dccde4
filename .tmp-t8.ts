import { readFileSync } from 'node:fs';
import { skimSchema } from './src/core/schema/xsd/skim.ts';
const t = readFileSync('/work/shared/peers/kaoto-datamapper/xml/fhir-single.xsd','utf8');
const ts: number[]=[];
let r: any;
for (let i=0;i<20;i++){ const s=performance.now(); r=skimSchema(t); ts.push(performance.now()-s); }
console.log(ts.map(x=>x.toFixed(0)).join(' '), r.ok, r.top.length, r.refs.length, r.root.line, r.root.column);
