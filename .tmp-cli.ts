import { readFileSync } from 'node:fs';
import { schemaCommand } from './src/cli/commands/schema.ts';
const io = { out: (s: string) => console.log(s), err: (s: string) => console.error('ERR ' + s), readFile: (p: string) => readFileSync(p, 'utf8') };
const t0 = performance.now();
const code = await schemaCommand(process.argv.slice(2), io);
console.error('exit', code, (performance.now() - t0).toFixed(0), 'ms');
