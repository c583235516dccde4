/**
 * Compiler speed (issue 4): our compile of a 1,000-link mapping vs SaxonJS compiling the XSLT we
 * produce; and the generated A1 rule, written inline and with a template per structure, vs the
 * hand-written one on 1 MB and 10 MB messages (same engine, all precompiled to SEF with xslt3).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileFlow } from '../../src/core/compiler/compile.ts';
import { compileProjectFlow } from '../../src/core/compiler/index.ts';
import { loadProject } from '../../src/core/model/load.ts';
import { emptyMapping, type Flow, type MappingRule } from '../../src/core/model/project.ts';
import { inferFromXml } from '../../src/core/schema/instance.ts';
import { row, time, type BenchRow } from './types.ts';

const require = createRequire(import.meta.url);
const SaxonJS = require('saxon-js');
const ROOT = resolve(import.meta.dirname, '../..');

function compileWithSaxon(xslt: string): void {
  // fn:transform compiles the stylesheet text; the input is trivial so compile time dominates.
  SaxonJS.XPath.evaluate("transform(map{'stylesheet-text': $xsl, 'source-node': parse-xml('<x/>'), 'delivery-format': 'serialized', 'cache': false()})?output", [], {
    params: { xsl: xslt },
  });
}

async function thousandLinks(): Promise<BenchRow> {
  const n = 1000;
  const fields = Array.from({ length: n }, (_, i) => `<f${i}>v${i}</f${i}>`).join('');
  const src = inferFromXml([{ name: 's.xml', content: `<antrag><daten>${fields}</daten></antrag>` }]);
  const tgt = inferFromXml([{ name: 't.xml', content: `<t:ziel xmlns:t="urn:t"><t:block>${Array.from({ length: n }, (_, i) => `<t:g${i}>x</t:g${i}>`).join('')}</t:block></t:ziel>` }]);
  const rules: MappingRule[] = Array.from({ length: n }, (_, i) => ({
    id: `r${i + 1}`,
    target: `/{urn:t}ziel/{urn:t}block/{urn:t}g${i}`,
    value: i % 3 === 0 ? { kind: 'call', fn: 'upper-case', args: [{ kind: 'source', path: `/antrag/daten/f${i}` }] } : { kind: 'source', path: `/antrag/daten/f${i}` },
  }));
  const flow: Flow = { id: 'f', scenarioCode: 'B', title: 'Bench', from: { systemId: 'a' }, to: { systemId: 'b' }, mapping: { ...emptyMapping(), rules, namespaces: { t: 'urn:t' } }, samples: [], tests: [] };
  // Fresh trees each run so we measure cold tree expansion too, as after opening a project.
  const ours = await time(() => {
    const s = inferFromXml([{ name: 's.xml', content: `<antrag><daten>${fields}</daten></antrag>` }]);
    const t = inferFromXml([{ name: 't.xml', content: `<t:ziel xmlns:t="urn:t"><t:block>${Array.from({ length: n }, (_, i) => `<t:g${i}>x</t:g${i}>`).join('')}</t:block></t:ziel>` }]);
    return compileFlow({ project: { id: 'p', name: 'P' }, flow, source: s.tree(s.roots[0]), target: t.tree(t.roots[0])! });
  }, 7, 2);
  const xslt = compileFlow({ project: { id: 'p', name: 'P' }, flow, source: src.tree(src.roots[0]), target: tgt.tree(tgt.roots[0])! }).xslt;
  const saxon = await time(() => compileWithSaxon(xslt), 5, 1);
  return row('compile-1000-links', ours, saxon, 0.2, 'our compile (incl. tree inference) vs SaxonJS compiling the generated XSLT');
}

/** An Amt24 message grown to about `bytes` by repeating activity and attachment instances. */
function bigMessage(bytes: number): string {
  const base = readFileSync(join(ROOT, 'samples/gewerbeanmeldung/messages/gewerbeanmeldung-02-gmbh.xml'), 'utf8');
  const m = /<taetigkeiten>([\s\S]*?)<\/taetigkeiten>/.exec(base);
  if (!m) throw new Error('sample without taetigkeiten');
  const inst = /<instance_1>([\s\S]*?)<\/instance_1>/.exec(m[1])![1];
  const parts: string[] = [];
  let size = base.length;
  for (let i = 1; size < bytes; i++) {
    const s = `<instance_${i}>${inst}</instance_${i}>`;
    parts.push(s);
    size += s.length;
  }
  return base.replace(m[0], `<taetigkeiten>${parts.join('')}</taetigkeiten>`);
}

function exportSef(xslPath: string, dir: string, name: string): string {
  const sef = join(dir, `${name}.sef.json`);
  execFileSync(join(ROOT, 'node_modules/.bin/xslt3'), [`-xsl:${xslPath}`, `-export:${sef}`, '-nogo'], { stdio: 'pipe' });
  return sef;
}

async function generatedVsHandwritten(): Promise<BenchRow[]> {
  const r = loadProject(readFileSync(join(ROOT, 'samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json'), 'utf8'));
  if (!r.ok) throw new Error('sample project does not load');
  const flow = r.project.flows.find((f) => f.id === 'a1-gewerberegister')!;
  const dir = mkdtempSync(join(tmpdir(), 'rw-bench-'));
  writeFileSync(join(dir, 'generated.xsl'), compileProjectFlow(r.project, flow).xslt);
  const genSef = exportSef(join(dir, 'generated.xsl'), dir, 'generated');
  const structures = { ...flow, mapping: { ...flow.mapping, options: { templates: 'structures' as const } } };
  writeFileSync(join(dir, 'structures.xsl'), compileProjectFlow(r.project, structures).xslt);
  const strSef = exportSef(join(dir, 'structures.xsl'), dir, 'structures');
  const handSef = exportSef(join(ROOT, 'test/fixtures/handwritten/a1-gewerberegister.xsl'), dir, 'handwritten');
  const out: BenchRow[] = [];
  for (const [label, size, runs] of [
    ['1mb', 1_000_000, 21],
    ['10mb', 10_000_000, 7],
  ] as const) {
    const xml = bigMessage(size);
    const run = (sef: string) => () => SaxonJS.transform({ stylesheetFileName: sef, sourceText: xml, destination: 'serialized' }, 'sync');
    // Interleave to spread machine noise evenly over both.
    const gen: number[] = [];
    const str: number[] = [];
    const hand: number[] = [];
    run(genSef)();
    run(strSef)();
    run(handSef)();
    for (let i = 0; i < runs; i++) {
      gen.push(await time(run(genSef), 1, 0));
      str.push(await time(run(strSef), 1, 0));
      hand.push(await time(run(handSef), 1, 0));
    }
    // The minimum of interleaved runs: the intrinsic cost of each rule, least disturbed by GC and other load.
    out.push(row(`generated-vs-handwritten-${label}`, Math.min(...gen), Math.min(...hand), 1.05, 'A1 rule: generated vs hand-written XSLT, SaxonJS, SEF, min of interleaved runs'));
    out.push(row(`structures-vs-handwritten-${label}`, Math.min(...str), Math.min(...hand), 1.05, 'A1 rule with a template per structure vs hand-written XSLT, SaxonJS, SEF, min of interleaved runs'));
  }
  return out;
}

/** All compiler rows. */
export async function benchCompiler(): Promise<BenchRow[]> {
  return [await thousandLinks(), ...(await generatedVsHandwritten())];
}
