/**
 * `npm run bench`: speed as ratios against a baseline measured in the same run. Prints a table and
 * writes bench-results.json ([{ id, subject, baseline, ratio, target }], times in ms).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchRow } from './types.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const suites: { name: string; file: string; fn: string }[] = [
  { name: 'schema', file: './schema.ts', fn: 'benchSchema' },
  { name: 'tree', file: './tree.ts', fn: 'benchTree' },
  { name: 'compiler', file: './compiler.ts', fn: 'benchCompiler' },
  { name: 'runner', file: './runner.ts', fn: 'benchRunner' },
  { name: 'run-ui', file: './run-ui.ts', fn: 'benchRunUi' },
  { name: 'depot', file: './depot.ts', fn: 'benchDepot' },
  { name: 'landscape', file: './landscape.ts', fn: 'benchLandscape' },
  { name: 'xslt-import', file: './xslt-import.ts', fn: 'benchXsltImport' },
];

const only = process.argv.slice(2);
const rows: BenchRow[] = [];
let failedSuites = 0;
for (const s of suites) {
  if (only.length && !only.includes(s.name)) continue;
  if (!existsSync(join(import.meta.dirname, s.file))) continue;
  process.stderr.write(`bench ${s.name} …\n`);
  try {
    const mod = (await import(s.file)) as Record<string, () => Promise<BenchRow[]>>;
    rows.push(...(await mod[s.fn]()));
  } catch (e) {
    failedSuites++;
    process.stderr.write(`bench ${s.name} failed: ${(e as Error).stack ?? e}\n`);
  }
}

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`${pad('id', 36)} ${pad('subject ms', 11)} ${pad('baseline ms', 12)} ${pad('ratio', 7)} ${pad('target', 7)} met`);
for (const r of rows) {
  console.log(`${pad(r.id, 36)} ${pad(String(r.subject), 11)} ${pad(String(r.baseline), 12)} ${pad(String(r.ratio), 7)} ${pad('≤ ' + r.target, 7)} ${r.ratio <= r.target ? 'yes' : 'NO'}`);
}
// What each row compared (the JSON keeps the fixed format).
const notes = rows.filter((r) => r.note);
if (notes.length) console.log('\n' + notes.map((r) => `${r.id}: ${r.note}`).join('\n'));
writeFileSync(join(ROOT, 'bench-results.json'), JSON.stringify(rows.map(({ id, subject, baseline, ratio, target }) => ({ id, subject, baseline, ratio, target })), null, 2) + '\n');
console.log(`\n${rows.filter((r) => r.ratio <= r.target).length} of ${rows.length} targets met; written bench-results.json`);
process.exit(failedSuites ? 1 : 0);
