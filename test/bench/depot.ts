/**
 * Per-organisation rules at the scale of Saxony (420 municipalities), sample project "gewerbeanmeldung":
 * - orgs-test-plan-420: the test plan for 420 organisations × all flows in one run (one compiled
 *   stylesheet per flow) against 420 runs of one organisation's test plan each (which compile the flows
 *   every time). Same engine, same tests (6 per organisation), same comparisons; target ≤ 1.0.
 * - depot-build-420: building the depot package for 420 organisations (840 rule entries, the two rules
 *   compiled to SEF once) against building it for one organisation; target ≤ 1.5.
 */
import { buildDepotPackage } from '../../src/core/depot/build.ts';
import { createSefCompiler } from '../../src/core/depot/sef.ts';
import type { Project } from '../../src/core/model/project.ts';
import { createNodeEngine, nodeHostFactory } from '../../src/core/runner/saxon-node.ts';
import { runProjectTests } from '../../src/core/runner/test-plan.ts';
import { sampleProject, syntheticOrganisations } from '../unit/orgs/helpers.ts';
import { row, type BenchRow } from './types.ts';

const N = 420;

/** Benchmarks the shared test plan and the depot build for 420 organisations. */
export async function benchDepot(): Promise<BenchRow[]> {
  const base = sampleProject();
  const project: Project = { ...base, organisations: [base.organisations[0], ...syntheticOrganisations(N - 1)] };
  const flows = project.flows.filter((f) => f.tests.length);
  const ids = project.organisations.map((o) => o.id);
  const engine = createNodeEngine();
  const sef = createSefCompiler(nodeHostFactory());
  const rows: BenchRow[] = [];
  try {
    await engine.warmUp();
    await runProjectTests(project, flows, engine, { organisations: ids.slice(0, 10) });

    const shared = async () => {
      const r = await runProjectTests(project, flows, engine, { organisations: ids });
      if (r.length !== N * 6 || r.some((x) => !x.pass)) throw new Error(`shared test plan: ${r.filter((x) => !x.pass).length} of ${r.length} failed`);
    };
    const oneByOne = async () => {
      for (const id of ids) {
        const r = await runProjectTests(project, flows, engine, { organisations: [id] });
        if (r.length !== 6 || r.some((x) => !x.pass)) throw new Error(`test plan of ${id} failed`);
      }
    };
    // Order A B B A, best of two per side: load from other processes on the 2 cores hits both alike.
    const timed = async (f: () => Promise<void>) => {
      const t0 = performance.now();
      await f();
      return performance.now() - t0;
    };
    const s1 = await timed(shared);
    const b1 = await timed(oneByOne);
    const b2 = await timed(oneByOne);
    const s2 = await timed(shared);
    rows.push(row('orgs-test-plan-420', Math.min(s1, s2), Math.min(b1, b2), 1.0, `${N} organisations × ${flows.length} flows × 3 tests: one run vs ${N} single-organisation runs`));

    const one: Project = { ...project, organisations: project.organisations.slice(0, 1) };
    const build = async (p: Project) => {
      const r = await buildDepotPackage(p, { version: '1.0.0', sef });
      if (!r.ok) throw new Error(r.errors.join('\n'));
      return r;
    };
    await build(one);
    const b: number[] = [];
    const s: number[] = [];
    for (let round = 0; round < 2; round++) {
      let t0 = performance.now();
      await build(one);
      b.push(performance.now() - t0);
      t0 = performance.now();
      const r = await build(project);
      s.push(performance.now() - t0);
      if (r.manifest.rules.length !== N * 2) throw new Error('wrong rule count');
    }
    rows.push(row('depot-build-420', Math.min(...s), Math.min(...b), 1.5, `package for ${N} organisations (${N * 2} rule entries) vs for 1; SEF compiled once per flow either way`));
  } finally {
    engine.dispose();
    sef.dispose();
  }
  return rows;
}
