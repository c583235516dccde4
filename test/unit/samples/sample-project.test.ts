/**
 * The sample project samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json: it is up to date with its
 * builder, its mappings compile without errors, deterministically, into XSLT whose output equals the
 * hand-written reference outputs, and that output is valid against the target schemas.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProject, PROJECT_FILE } from '../../../samples/gewerbeanmeldung/build-project.ts';
import { compileProjectFlow } from '../../../src/core/compiler/index.ts';
import { formatDiagnostic } from '../../../src/core/diagnostics.ts';
import { loadProject, saveProject } from '../../../src/core/model/load.ts';
import type { Flow } from '../../../src/core/model/project.ts';
import { compareXml } from '../../../src/core/runner/xml-compare.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const SCHEMAS = join(ROOT, 'samples/gewerbeanmeldung/schemas');
/** The schema each flow's output must be valid against. */
const TARGET_XSD: Record<string, string> = {
  'a1-gewerberegister': join(SCHEMAS, 'gewerberegister-import.xsd'),
  'dms-vorgang': join(SCHEMAS, 'xdomea-3.0.0/xdomea_3.0.0/xdomea.xsd'),
};

const SaxonJS = createRequire(import.meta.url)('saxon-js');

function run(xslt: string, xml: string): string {
  return SaxonJS.XPath.evaluate(
    "transform(map{'stylesheet-text': $xsl, 'source-node': parse-xml($xml), 'delivery-format': 'serialized'})?output",
    [],
    { params: { xsl: xslt, xml } },
  );
}

const HAS_XMLLINT = !spawnSync('xmllint', ['--version']).error;
if (!HAS_XMLLINT) console.warn('xmllint ist nicht im PATH: die Schema-Validierung der Ausgaben wird übersprungen (Paket libxml2-utils).');

const fileText = readFileSync(PROJECT_FILE, 'utf8');
const project = buildProject();
const mappingFlows = project.flows.filter((f) => f.target);

const tmp = mkdtempSync(join(tmpdir(), 'regelwerk-sample-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const outputs = new Map<string, string>();
/** The output of the compiled flow for one test case's sample (compiled and run once). */
function output(flow: Flow, testId: string): string {
  const key = `${flow.id}/${testId}`;
  let out = outputs.get(key);
  if (out === undefined) {
    const tc = flow.tests.find((t) => t.id === testId)!;
    const sample = flow.samples.find((s) => s.id === tc.sampleId);
    if (!sample) throw new Error(`Beispielnachricht ${tc.sampleId} fehlt`);
    out = run(compile(flow), sample.content) as string;
    outputs.set(key, out);
  }
  return out;
}

function compile(flow: Flow): string {
  const c = compileProjectFlow(project, flow);
  const errors = c.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map(formatDiagnostic)).toEqual([]);
  expect(c.xslt).not.toBe('');
  return c.xslt;
}

describe('sample project gewerbeanmeldung', () => {
  it('the committed project file loads and equals what the builder produces', () => {
    const r = loadProject(fileText, PROJECT_FILE);
    if (!r.ok) throw new Error(r.errors.map(formatDiagnostic).join('\n'));
    expect(r.project).toEqual(project);
    // Byte for byte: re-run `npx tsx samples/gewerbeanmeldung/build-project.ts` after changing the builder or its inputs.
    expect(saveProject(project) === fileText, 'gewerbeanmeldung.regelwerk.json ist nicht aktuell: Builder erneut ausführen').toBe(true);
  });

  it('has the two mapping flows, each with three samples and tests', () => {
    expect(mappingFlows.map((f) => f.id)).toEqual(['a1-gewerberegister', 'dms-vorgang']);
    for (const f of mappingFlows) {
      expect(f.samples.map((s) => s.id)).toEqual(['msg-01', 'msg-02', 'msg-03']);
      expect(f.tests.map((t) => t.sampleId)).toEqual(['msg-01', 'msg-02', 'msg-03']);
      expect(f.mapping.rules.map((r) => r.id)).toEqual(f.mapping.rules.map((_, i) => `r${i + 1}`));
    }
  });

  describe.each(mappingFlows.map((f) => [f.id, f] as const))('flow %s', (id, flow) => {
    it('compiles deterministically and without errors', () => {
      const a = compile(flow);
      const b = compileProjectFlow(structuredClone(project), structuredClone(flow)).xslt;
      expect(b).toBe(a);
    });

    it.each(flow.tests.map((t) => [t.name, t] as const))('test case "%s": output equals the expected output', (_name, tc) => {
      const cmp = compareXml(tc.expected, output(flow, tc.id), tc.ignore);
      expect(cmp.equal ? [] : cmp.differences).toEqual([]);
    });

    it.skipIf(!HAS_XMLLINT).each(flow.tests.map((t) => [t.name, t] as const))(
      `test case "%s": output is valid against ${relative(ROOT, TARGET_XSD[id])} (xmllint${HAS_XMLLINT ? '' : ' fehlt im PATH: übersprungen'})`,
      (_name, tc) => {
        const file = join(tmp, `${id}--${tc.id}.xml`);
        writeFileSync(file, output(flow, tc.id));
        const v = spawnSync('xmllint', ['--noout', '--schema', TARGET_XSD[id], file], { encoding: 'utf8' });
        expect(v.status, v.stderr).toBe(0);
      },
    );
  });
});
