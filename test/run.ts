/**
 * `npm test`: type check, unit/integration tests in Node, production build, end-to-end tests in
 * Chromium. Ends with one line "N passed, N failed" over all of them; exit 1 on any failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const bin = (name: string) => join(root, 'node_modules/.bin', name);

function step(label: string, cmd: string, args: string[]): boolean {
  console.log(`\n=== ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  return r.status === 0;
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTotalTests: number;
}

function counts(file: string): VitestJson | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
}

const only = process.argv[2]; // "unit" or "e2e" to run one part
let ok = true;
if (!only) ok = step('Typprüfung (tsc --noEmit)', bin('tsc'), ['--noEmit']) && ok;
if (!only || only === 'unit') {
  ok = step('Unit- und Integrationstests (vitest, Node)', bin('vitest'), ['run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${join(out, 'unit.json')}`]) && ok;
}
if (!only || only === 'e2e') {
  const built = step('Produktions-Build (vite build)', bin('vite'), ['build', '--logLevel', 'warn']);
  ok = built && ok;
  if (built) {
    ok = step('End-to-End-Tests (Chromium)', bin('vitest'), ['run', '--project', 'e2e', '--reporter=default', '--reporter=json', `--outputFile.json=${join(out, 'e2e.json')}`]) && ok;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const f of ['unit.json', 'e2e.json']) {
  const c = counts(join(out, f));
  if (!c) continue;
  passed += c.numPassedTests;
  failed += c.numFailedTests;
  skipped += c.numPendingTests;
}
if (!ok && failed === 0) failed = 1; // a step failed outside the test runner (types, build)
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
