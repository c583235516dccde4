/**
 * The test plan per organisation: one, several or all organisations, with their parameter values,
 * sharing one compiled stylesheet per flow; outputs compared against the test organisation's
 * expected outputs where the parameters do not reach, and against the organisation's own values where
 * the value is the parameter.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { compareForParams, localPathOf, paramUses } from '../../../src/core/orgs/expect.ts';
import type { TransformRequest, XsltEngine } from '../../../src/core/runner/engine.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { runProjectTests } from '../../../src/core/runner/test-plan.ts';
import { projectWithOrganisations, sampleProject } from './helpers.ts';

// Counts the generator's compilations (the compiler module is wrapped, not replaced).
const compileCalls = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../../src/core/compiler/index.ts', async (orig) => {
  const mod = await orig<typeof import('../../../src/core/compiler/index.ts')>();
  return {
    ...mod,
    compileProjectFlow: (...args: Parameters<typeof mod.compileProjectFlow>) => {
      compileCalls.n++;
      return mod.compileProjectFlow(...args);
    },
  };
});

const engine = createNodeEngine();
afterAll(() => engine.dispose());

const project = sampleProject();
const dms = project.flows.find((f) => f.id === 'dms-vorgang')!;
const flows = project.flows.filter((f) => f.tests.length);

describe('which outputs depend on parameters', () => {
  it('finds the target nodes of the DMS rule that read its parameters', () => {
    expect(localPathOf('/{urn:x}A/{urn:x}B#2/@c')).toBe('A/B/@c');
    expect(paramUses(dms)).toEqual([
      { localPath: 'FVDaten.SGOAblegen.0605/Kopf/Empfaenger/Institution/Name', params: ['empfaenger-institution'] },
      { localPath: 'FVDaten.SGOAblegen.0605/Kopf/Empfaenger/Organisationseinheit/Name', params: ['empfaenger-stelle'], direct: 'empfaenger-stelle' },
    ]);
  });

  it('an output with another organisation value passes only where that value is the organisation one', () => {
    const tc = dms.tests[0];
    const home = { 'empfaenger-stelle': 'Gewerbebehörde', 'empfaenger-institution': '' };
    const mine = { 'empfaenger-stelle': 'Amt X', 'empfaenger-institution': 'Stadt X' };
    const withX = tc.expected.replace('<xdomea:Name>Gewerbebehörde</xdomea:Name>', '<xdomea:Name>Amt X</xdomea:Name>').replace('Landeshauptstadt Dresden', 'Stadt X');
    expect(withX).not.toBe(tc.expected);
    expect(compareForParams(dms, tc.expected, withX, [], home, mine)).toEqual({ equal: true });
    // The unchanged expected output does not carry the organisation's office name: a difference, named.
    const r = compareForParams(dms, tc.expected, tc.expected, [], home, mine);
    expect(r.equal).toBe(false);
    expect(!r.equal && r.differences[0].message).toBe('"Gewerbebehörde" statt "Amt X" (Parameter empfaenger-stelle der Organisation)');
    // Equal parameters: a plain comparison, so an unexpected change elsewhere still fails.
    expect(compareForParams(dms, tc.expected, withX, [], home, home).equal).toBe(false);
  });
});

describe('runProjectTests with organisations', () => {
  it('runs every test case for one, several and all organisations, each with its parameter values', async () => {
    const one = await runProjectTests(project, flows, engine, { organisations: ['dresden'] });
    expect(one.map((r) => `${r.organisationId} ${r.flowId}/${r.testId} ${r.pass}`)).toEqual(
      flows.flatMap((f) => f.tests.map((t) => `dresden ${f.id}/${t.id} true`)),
    );
    const dresdenDms = one.find((r) => r.flowId === 'dms-vorgang')!;
    expect(dresdenDms.output).toContain('Ordnungsamt – Gewerbeangelegenheiten');

    const all = await runProjectTests(project, flows, engine, { organisations: project.organisations.map((o) => o.id) });
    expect(all).toHaveLength(project.organisations.length * 6);
    expect(all.filter((r) => !r.pass).map((r) => r.details)).toEqual([]);
    expect(new Set(all.map((r) => r.organisationId))).toEqual(new Set(['testorganisation', 'chemnitz', 'dresden', 'leipzig']));

    // Without organisations: each test once, for its own (the test) organisation.
    const plain = await runProjectTests(project, flows, engine);
    expect(plain.map((r) => r.organisationId)).toEqual(Array(6).fill('testorganisation'));
    expect(plain.every((r) => r.pass)).toBe(true);
  });

  it('fails an organisation whose value does not reach the output (here: an engine that drops parameters)', async () => {
    const dropping: XsltEngine = { transform: (req: TransformRequest) => engine.transform({ ...req, params: undefined }) };
    const r = await runProjectTests(project, [dms], dropping, { organisations: ['testorganisation', 'leipzig'] });
    // The test organisation's values are the defaults: its expected outputs still hold.
    expect(r.filter((x) => x.organisationId === 'testorganisation').every((x) => x.pass)).toBe(true);
    const leipzig = r.filter((x) => x.organisationId === 'leipzig');
    expect(leipzig.map((x) => x.pass)).toEqual([false, false, false]);
    expect(leipzig[0].details).toEqual([
      '/FVDaten.SGOAblegen.0605/Kopf/Empfaenger/Organisationseinheit/Name: "Gewerbebehörde" statt "Ordnungsamt – Gewerbebehörde" (Parameter empfaenger-stelle der Organisation)',
    ]);
  });

  it('compiles each flow once and sends the engine one stylesheet per flow, however many organisations', async () => {
    const many = projectWithOrganisations(50);
    const stylesheets = new Set<string>();
    let calls = 0;
    const counting: XsltEngine = {
      transform: (req: TransformRequest) => {
        calls++;
        stylesheets.add(req.stylesheet);
        return engine.transform(req);
      },
    };
    compileCalls.n = 0;
    const ids = many.organisations.map((o) => o.id);
    const results = await runProjectTests(many, many.flows.filter((f) => f.tests.length), counting, { organisations: ids });
    expect(compileCalls.n).toBe(2);
    expect(stylesheets.size).toBe(2);
    expect(calls).toBe(ids.length * 6);
    expect(results.filter((r) => !r.pass)).toEqual([]);
  });
});
