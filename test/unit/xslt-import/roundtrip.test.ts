/**
 * Property: XSLT this compiler wrote re-imports into the mapping it came from. For random mappings over
 * the sample project's trees and over small inferred trees: compile → import → compile gives the same
 * bytes; importing into the flow the XSLT came from gives the identical mapping; importing into an
 * empty flow gives the same mapping up to what the XSLT does not carry (rule order and notes, a
 * parameter's type, which of "no default" and "default ''" a parameter has, the default of a value
 * map no lookup uses, namespace prefixes no rule uses).
 */
import { describe, expect, it } from 'vitest';
import { compileProjectFlow } from '../../../src/core/compiler/index.ts';
import { formatDiagnostic } from '../../../src/core/diagnostics.ts';
import { emptyMapping, type Flow, type Mapping, type Project } from '../../../src/core/model/project.ts';
import { messageTree } from '../../../src/core/schema/index.ts';
import { importXslt } from '../../../src/core/xslt-import/index.ts';
import { flowOf, jsonProject, sampleProject, smallProject, SMALL_NS } from './fixtures.ts';
import { genMapping } from './gen.ts';

/** Seeds per flow; a failure prints the seed (re-run one with ROUNDTRIP_SEED=n). */
const RUNS = Number(process.env.ROUNDTRIP_RUNS ?? 60);
const ONLY = process.env.ROUNDTRIP_SEED ? Number(process.env.ROUNDTRIP_SEED) : undefined;

/** What survives an import into an empty flow. */
function portable(m: Mapping): unknown {
  const json = JSON.stringify([m.rules, m.variables]);
  return {
    rules: [...m.rules].map(({ note: _n, ...r }) => r).sort((a, b) => a.id.localeCompare(b.id)),
    parameters: m.parameters.map((p) => ({ ...p, type: 'string', default: p.default || undefined })),
    valueMaps: m.valueMaps.map((v) => (json.includes(`"kind":"lookup","map":${JSON.stringify(v.id)}`) ? v : { ...v, default: undefined })),
    variables: m.variables,
    raw: m.raw ?? [],
    options: m.options,
  };
}

function firstDiff(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return `Zeile ${i + 1}:\n- ${x[i]}\n+ ${y[i]}`;
  return '';
}

type Templates = 'inline' | 'structures';

function check(project: Project, base: Flow, seed: number, namespaces: Record<string, string>, maxRules: number, templates: Templates): void {
  const source = messageTree(project.schemas, base.source).tree;
  const target = messageTree(project.schemas, base.target).tree!;
  const mapping = genMapping(seed, { source, target, namespaces, maxRules });
  if (templates === 'structures') mapping.options = { templates };
  const flow: Flow = { ...base, mapping };
  const c1 = compileProjectFlow(project, flow);
  expect(c1.xslt, `seed ${seed}`).not.toBe('');

  const fresh = importXslt(c1.xslt, { project, flow: { ...base, mapping: emptyMapping() } });
  expect(fresh.ok, `seed ${seed}: ${fresh.report.map(formatDiagnostic).join('\n')}`).toBe(true);
  // Nothing to warn about, and raw only what was raw.
  expect(fresh.report.filter((d) => d.severity !== 'info').map(formatDiagnostic), `seed ${seed}`).toEqual([]);
  expect(fresh.stats.raw, `seed ${seed}`).toBe(mapping.raw?.length ?? 0);
  const c2 = compileProjectFlow(project, { ...base, mapping: fresh.mapping });
  expect(c2.xslt === c1.xslt, `seed ${seed}: compile → import → compile ändert die Bytes\n${firstDiff(c1.xslt, c2.xslt)}`).toBe(true);
  expect(portable(fresh.mapping), `seed ${seed}`).toEqual(portable(mapping));

  const same = importXslt(c1.xslt, { project, flow });
  expect(same.mapping, `seed ${seed}`).toEqual(mapping);
}

const sample = sampleProject();
const small = smallProject();
const seeds = ONLY !== undefined ? [ONLY] : Array.from({ length: RUNS }, (_, i) => i + 1);

describe.each(['inline', 'structures'] as const)('XSLT import round trip (property), templates %s', (templates) => {
  it.each(['a1-gewerberegister', 'dms-vorgang'])('random mappings over the sample flow %s', (id) => {
    const base = flowOf(sample, id);
    for (const seed of seeds) check(sample, base, seed, base.mapping.namespaces, 30, templates);
  });

  it('random mappings over small inferred trees (namespaces, attributes, repeating groups)', () => {
    const base = flowOf(small, 'klein');
    for (const seed of seeds) check(small, base, 1000 + seed, SMALL_NS, 25, templates);
  });

  it('the sample project mappings themselves', () => {
    for (const plain of sample.flows.filter((x) => x.target)) {
      const f: Flow = templates === 'inline' ? plain : { ...plain, mapping: { ...plain.mapping, options: { templates } } };
      const c1 = compileProjectFlow(sample, f);
      const same = importXslt(c1.xslt, { project: sample, flow: f });
      expect(same.mapping).toEqual(f.mapping);
      const fresh = importXslt(c1.xslt, { project: sample, flow: { ...f, mapping: emptyMapping() } });
      expect(compileProjectFlow(sample, { ...f, mapping: fresh.mapping }).xslt).toBe(c1.xslt);
      expect(portable(fresh.mapping)).toEqual(portable(f.mapping));
    }
  });
});

const json = jsonProject();

describe.each(['inline', 'structures'] as const)('XSLT import round trip of JSON rules (property), templates %s', (templates) => {
  it.each(['json-xml', 'xml-json', 'json-json'])('random mappings over the JSON flow %s', (id) => {
    const base = flowOf(json, id);
    for (const seed of seeds) check(json, base, 2000 + seed, SMALL_NS, 25, templates);
  });
});
