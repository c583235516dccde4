/**
 * Benchmark of the XSD importer against `xmllint --noout --schema <entry> <trivial instance>` on the
 * same schema set: FHIR (one 3.8 MB file) and XBau 2.6 (40+ files, entry baugenehmigung).
 *
 * Our measurement reads the files, imports them and builds the tree of the first root with its
 * first two levels (what the mapper shows on opening). Each side is the median of RUNS runs in ms;
 * our side runs once more before measuring so the JIT is warm (xmllint is native code). The cold
 * first run is reported too, in `cold`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importXsd } from '../../src/core/schema/xsd/index.ts';

const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared');
const RUNS = 5;
const TARGET = 2;

interface Case {
  id: string;
  entry: string;
  /** All files of the set, entry first. */
  files: () => string[];
}

const XBAU = join(SHARED, 'domain/schemas/xbau-2.6');
const CASES: Case[] = [
  {
    id: 'schema.import.fhir-single',
    entry: join(SHARED, 'peers/kaoto-datamapper/xml/fhir-single.xsd'),
    files: () => [join(SHARED, 'peers/kaoto-datamapper/xml/fhir-single.xsd')],
  },
  {
    id: 'schema.import.xbau-2.6-baugenehmigung',
    entry: join(XBAU, 'xbau-nachrichten-baugenehmigung.xsd'),
    files: () => {
      const entry = 'xbau-nachrichten-baugenehmigung.xsd';
      return [entry, ...readdirSync(XBAU).filter((f) => f.endsWith('.xsd') && f !== entry).sort()].map((f) => join(XBAU, f));
    },
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Read, import, build the first root's tree with two levels; returns the elapsed ms.
function ours(paths: string[]): number {
  const t0 = performance.now();
  const files = paths.map((p) => ({ name: p, content: readFileSync(p, 'utf8') }));
  const result = importXsd(files);
  const tree = result.roots.length ? result.tree(result.roots[0]) : undefined;
  if (!tree) throw new Error(`no tree for ${paths[0]}`);
  for (const child of tree.children(tree.root)) tree.children(child);
  return performance.now() - t0;
}

function xmllint(entry: string, instance: string): number {
  const t0 = performance.now();
  const r = spawnSync('xmllint', ['--noout', '--schema', entry, instance], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.error) throw new Error(`xmllint is not available: ${r.error.message}`);
  return ms;
}

/** Runs the schema-import benchmarks; subject and baseline are medians in ms. */
export async function benchSchema(): Promise<Array<{ id: string; subject: number; baseline: number; ratio: number; target: number; cold: number }>> {
  const dir = mkdtempSync(join(tmpdir(), 'regelwerk-bench-'));
  const instance = join(dir, 'trivial.xml');
  writeFileSync(instance, '<?xml version="1.0"?>\n<trivial/>\n');
  try {
    const out = [];
    for (const c of CASES) {
      const paths = c.files();
      const cold = ours(paths);
      const subject = median(Array.from({ length: RUNS }, () => ours(paths)));
      const baseline = median(Array.from({ length: RUNS }, () => xmllint(c.entry, instance)));
      out.push({ id: c.id, subject: round(subject), baseline: round(baseline), ratio: round(subject / baseline), target: TARGET, cold: round(cold) });
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
