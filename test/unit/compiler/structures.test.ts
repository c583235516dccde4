/**
 * Structures mode ("Eine Vorlage je Struktur"): the compiler writes a named template per complex
 * target structure. The rule's output must not change: the sample flows and random generated mappings
 * give the same output in both modes, with SaxonJS and with Saxon-HE for Java; the trace still maps
 * output elements to rules; loop items of outer loops reach a template as parameters.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileProjectFlow } from '../../../src/core/compiler/index.ts';
import { applyOp } from '../../../src/core/model/ops.ts';
import type { Expr } from '../../../src/core/model/expr.ts';
import type { Flow, Mapping, Project } from '../../../src/core/model/project.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { compareXml } from '../../../src/core/runner/xml-compare.ts';
import { messageTree } from '../../../src/core/schema/index.ts';
import { stripTrace, traceMarks } from '../../../src/ui/run/trace.ts';
import { prepareInput } from '../../../src/core/runner/input.ts';
import { flowOf, jsonProject, sampleProject, smallProject, SMALL_NS } from '../xslt-import/fixtures.ts';
import { genMapping } from '../xslt-import/gen.ts';

const engine = createNodeEngine();
const tmp = mkdtempSync(join(tmpdir(), 'regelwerk-structures-'));
afterAll(() => {
  engine.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const JAR = process.env.SAXON_JAR ?? '/usr/share/java/Saxon-HE.jar';
const noJava = spawnSync('java', ['-version']).error ? 'java fehlt' : !existsSync(JAR) ? `${JAR} fehlt` : '';

const sample = sampleProject();
const small = smallProject();
const json = jsonProject();
const GM = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';

/** The flow with its mapping in the given template mode. */
function inMode(flow: Flow, templates: 'inline' | 'structures'): Flow {
  const { options: _o, ...rest } = flow.mapping;
  const mapping: Mapping = templates === 'inline' ? rest : { ...rest, options: { templates } };
  return { ...flow, mapping };
}

function compileBoth(project: Project, flow: Flow, trace = false): { inline: string; structures: string } {
  const inline = compileProjectFlow(project, inMode(flow, 'inline'), { trace });
  const structures = compileProjectFlow(project, inMode(flow, 'structures'), { trace });
  expect(structures.diagnostics).toEqual(inline.diagnostics);
  return { inline: inline.xslt, structures: structures.xslt };
}

async function run(xslt: string, input: string): Promise<string> {
  const r = await engine.transform({ stylesheet: xslt, input, timeoutMs: 60_000 });
  if (!r.ok) throw new Error(`${r.error.message} (Zeile ${r.error.line})`);
  return r.output;
}

/** Undoes Saxon-HE Java's attribute wrapping and final newline (as the two-engines test does). */
function normaliseSaxonHe(out: string): string {
  return out.replace(/"\n +([A-Za-z_][\w:.-]*=")/g, '" $1').replace(/\n$/, '');
}

/**
 * The generator's function calls are random in their argument types (upper-case of a number …), so
 * most would stop the run; for running, each call but concat is replaced by its first argument.
 */
function runnable(m: Mapping): Mapping {
  const fix = (e: Expr): Expr => {
    if (e.kind === 'lookup') return { ...e, arg: fix(e.arg) };
    if (e.kind !== 'call') return e;
    if (e.fn === 'concat') return { ...e, args: e.args.map(fix) };
    return e.args[0] ? fix(e.args[0]) : { kind: 'const', value: 'x' };
  };
  return {
    ...m,
    variables: m.variables.map((v) => ({ ...v, value: fix(v.value) })),
    rules: m.rules.map((r) => (r.value ? { ...r, value: fix(r.value) } : r)),
  };
}

const sampleFlows = sample.flows.filter((f) => f.target && f.samples.length);

describe('structures mode: one named template per complex target structure', () => {
  it('writes templates for the a1 structures, called from the main template, and says so in the header', () => {
    const a1 = flowOf(sample, 'a1-gewerberegister');
    const { inline, structures } = compileBoth(sample, a1);
    expect(inline).not.toContain('xsl:call-template');
    expect(inline).not.toContain('Aufbau:');
    expect(structures).toContain('Aufbau: eine benannte Vorlage je Zielstruktur');
    for (const name of ['Kopfdaten', 'Betrieb', 'Betriebsanschrift', 'Taetigkeiten', 'Person', 'Anlagen', 'Anlage']) {
      expect(structures).toContain(`<xsl:template name="${name}">`);
      expect(structures).toContain(`<xsl:call-template name="${name}"/>`);
    }
    // A mere wrapper of one templated structure stays inline.
    expect(structures).not.toContain('name="Inhaber"');
    // The loop stays at the call site; the template is its body, its rule comments as before.
    expect(structures).toMatch(/<!-- Regel r32 -->\n\s*<xsl:for-each [^\n]*>\n\s*<xsl:call-template name="Anlage"\/>/);
    // The structure's path as the rule writes its elements: unprefixed, in the stylesheet's default namespace.
    expect(structures).toMatch(/<!-- Zielstruktur Gewerbemeldung\/Anlagen\/Anlage -->\n\s*<xsl:template name="Anlage">\n\s*<Anlage>\n\s*<!-- Regel r33 -->/);
    // A loop body with fewer rules stays inline: a call per item costs time and a two-field body reads well as it is.
    expect(structures).not.toContain('name="Taetigkeit"');
    expect(structures).toMatch(/<xsl:for-each [^\n]*>\n\s*<!-- Regel r18 -->\n\s*<Taetigkeit /);
    // Same mapping → same bytes.
    expect(compileProjectFlow(sample, inMode(a1, 'structures')).xslt).toBe(structures);
  });

  it('records rule spans inside templates, so the code view highlights them', () => {
    const a1 = flowOf(sample, 'a1-gewerberegister');
    const c = compileProjectFlow(sample, inMode(a1, 'structures'));
    const lines = c.xslt.split('\n');
    const name = a1.mapping.rules.find((r) => r.target === `/{${GM}}Gewerbemeldung/{${GM}}Betrieb/{${GM}}Name`)!;
    const span = c.spans.find((s) => s.ruleId === name.id)!;
    expect(lines.slice(span.startLine - 1, span.endLine).join('\n')).toContain('<Name>');
    const tpl = lines.findIndex((l) => l.includes('<xsl:template name="Betrieb">'));
    expect(span.startLine).toBeGreaterThan(tpl);
  });

  it.each(sampleFlows.map((f) => [f.id, f] as const))('%s: the same output in both modes on every sample (SaxonJS)', async (_id, flow) => {
    const { inline, structures } = compileBoth(sample, flow);
    expect(structures).toContain('<xsl:call-template');
    for (const s of flow.samples) {
      const a = await run(inline, s.content);
      const b = await run(structures, s.content);
      expect(compareXml(a, b), s.name).toEqual({ equal: true });
      expect(b, s.name).toBe(a);
    }
  }, 120_000);

  it.skipIf(!!noJava)(`Saxon-HE for Java gives the structures rule's output the same as SaxonJS the inline rule's${noJava ? ` (übersprungen: ${noJava})` : ''}`, async () => {
    for (const flow of sampleFlows) {
      const { inline, structures } = compileBoth(sample, flow);
      const dir = join(tmp, flow.id);
      mkdirSync(join(dir, 'in'), { recursive: true });
      mkdirSync(join(dir, 'out'), { recursive: true });
      writeFileSync(join(dir, 'rule.xsl'), structures);
      for (const s of flow.samples) writeFileSync(join(dir, 'in', `${s.id}.xml`), s.content);
      const r = spawnSync('java', ['-cp', JAR, 'net.sf.saxon.Transform', `-s:${join(dir, 'in')}`, `-xsl:${join(dir, 'rule.xsl')}`, `-o:${join(dir, 'out')}`], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      for (const s of flow.samples) {
        const js = await run(inline, s.content);
        const java = normaliseSaxonHe(readFileSync(join(dir, 'out', `${s.id}.xml`), 'utf8'));
        expect(compareXml(js, java), `${flow.id} × ${s.name}`).toEqual({ equal: true });
        expect(java, `${flow.id} × ${s.name}`).toBe(js);
      }
    }
  }, 180_000);

  it('the trace maps the same output elements to the same rules in both modes', async () => {
    const a1 = flowOf(sample, 'a1-gewerberegister');
    const { inline, structures } = compileBoth(sample, a1, true);
    expect(structures).toContain('<xsl:processing-instruction name="regelwerk-rule">');
    const input = a1.samples[0].content;
    const a = await run(inline, input);
    const b = await run(structures, input);
    expect(traceMarks(b)).toEqual(traceMarks(a));
    expect(traceMarks(b).size).toBeGreaterThan(20);
    expect(stripTrace(b)).toBe(stripTrace(a));
  });

  it('passes the item of an outer loop to a template that reads it in an inner loop', async () => {
    const base = flowOf(small, 'klein');
    const T = `/{${SMALL_NS.t}}Nachricht`;
    const P = '/serviceportal-fields/posten/instance_*';
    const flow: Flow = {
      ...base,
      mapping: {
        ...base.mapping,
        rules: [
          { id: 'r1', target: `${T}/{${SMALL_NS.t}}Posten`, forEach: { source: P } },
          { id: 'r2', target: `${T}/{${SMALL_NS.t}}Posten/@nr`, value: { kind: 'xpath', text: 'position()' } },
          { id: 'r3', target: `${T}/{${SMALL_NS.t}}Posten/{${SMALL_NS.t}}Text`, value: { kind: 'source', path: `${P}/text` } },
          { id: 'r4', target: `${T}/{${SMALL_NS.t}}Posten/{${SMALL_NS.t}}Tag`, forEach: { source: `${P}/tags/tag` }, value: { kind: 'call', fn: 'concat', args: [{ kind: 'source', path: `${P}/text` }, { kind: 'const', value: ':' }, { kind: 'source', path: `${P}/tags/tag` }] } },
        ],
      },
    };
    const { inline, structures } = compileBoth(small, flow);
    expect(structures).toContain('<xsl:with-param name="loop1" select="$loop1"/>');
    expect(structures).toMatch(/<xsl:template name="Posten">\n\s*<xsl:param name="loop1"\/>/);
    const input = flow.samples[0].content;
    const out = await run(structures, input);
    expect(out).toBe(await run(inline, input));
    expect(out).toContain('Zwei:c');
    expect(out).toMatch(/nr="2"/);
  });

  it('random generated mappings, XML and JSON, give the same output in both modes (SaxonJS)', async () => {
    let compared = 0;
    for (const [project, id, ns, offset] of [
      [sample, 'a1-gewerberegister', undefined, 0],
      [sample, 'dms-vorgang', undefined, 0],
      [small, 'klein', SMALL_NS, 1000],
      [json, 'json-xml', SMALL_NS, 2000],
      [json, 'xml-json', SMALL_NS, 2000],
      [json, 'json-json', SMALL_NS, 2000],
    ] as const) {
      const base = flowOf(project, id);
      const source = messageTree(project.schemas, base.source).tree;
      const target = messageTree(project.schemas, base.target).tree!;
      for (let seed = 1; seed <= 12; seed++) {
        // Raw blocks of the generator are fragments meant for the round trip, not for running.
        const { raw: _raw, ...mapping } = genMapping(offset + seed, { source, target, namespaces: ns ?? base.mapping.namespaces, maxRules: 25 });
        const flow: Flow = { ...base, mapping: runnable(mapping) };
        const { inline, structures } = compileBoth(project, flow);
        if (!structures.includes('<xsl:call-template')) continue;
        const input = prepareInput(base.samples[0].content);
        const a = await engine.transform({ stylesheet: inline, input, timeoutMs: 60_000 });
        const b = await engine.transform({ stylesheet: structures, input, timeoutMs: 60_000 });
        expect(b.ok, `${id} seed ${seed}: ${b.ok ? '' : b.error.message}`).toBe(a.ok);
        if (a.ok && b.ok) {
          // Byte identity (same serializer); a root under a false condition gives empty output in both.
          expect(b.output, `${id} seed ${seed}`).toBe(a.output);
          if (a.output) compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(30);
  }, 300_000);
});

describe('the templates option in the model', () => {
  it('is absent by default, set by one op and removed again when set back to inline', () => {
    const before = JSON.stringify(sample);
    const on = applyOp(sample, { type: 'mapping.setTemplates', flowId: 'a1-gewerberegister', templates: 'structures' });
    expect(flowOf(on, 'a1-gewerberegister').mapping.options).toEqual({ templates: 'structures' });
    expect(flowOf(on, 'dms-vorgang')).toBe(flowOf(sample, 'dms-vorgang'));
    const off = applyOp(on, { type: 'mapping.setTemplates', flowId: 'a1-gewerberegister', templates: 'inline' });
    expect(JSON.stringify(off)).toBe(before);
    expect(compileProjectFlow(off, flowOf(off, 'a1-gewerberegister')).xslt).toBe(compileProjectFlow(sample, flowOf(sample, 'a1-gewerberegister')).xslt);
  });
});
