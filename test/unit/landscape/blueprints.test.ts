/** Blueprints: every template is a valid, loadable project with the scenarios of the domain notes; CLI list/new. */
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import type { CliIo } from '../../../src/cli/io.ts';
import { listBlueprints, projectFromBlueprint } from '../../../src/core/landscape/blueprints.ts';
import { flowsOnCycles, validateLandscape } from '../../../src/core/landscape/validate.ts';
import { loadProject, saveProject } from '../../../src/core/model/load.ts';

function capture(): CliIo & { stdout: string; stderr: string; written: Record<string, string> } {
  const io = {
    stdout: '',
    stderr: '',
    written: {} as Record<string, string>,
    out: (s: string) => void (io.stdout += s + '\n'),
    err: (s: string) => void (io.stderr += s + '\n'),
    readFile: (p: string) => {
      if (p in io.written) return io.written[p];
      throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    },
    writeFile: (p: string, c: string) => void (io.written[p] = c),
    mkdir() {},
  };
  return io;
}

const scenarioCodes = (id: string) => [...new Set(projectFromBlueprint(id)!.flows.map((f) => f.scenarioCode))].sort();

describe('blueprints', () => {
  it('have the scenarios of the domain notes', () => {
    expect(listBlueprints().map((b) => b.id)).toEqual(['gewerbe', 'gewerbe-pflichtempfaenger', 'zahlungen', 'gesundheitsamt']);
    expect(scenarioCodes('gewerbe')).toEqual(['A1', 'A10', 'A2', 'A3', 'A4', 'A5', 'A6']);
    expect(scenarioCodes('zahlungen')).toEqual(['A1', 'A2', 'A3', 'Q', 'VD']);
    expect(scenarioCodes('gesundheitsamt')).toEqual(['A1', 'A2', 'A3', 'A4']);
    const a10 = projectFromBlueprint('gewerbe')!.flows.filter((f) => f.scenarioCode === 'A10' && f.to.systemId !== 'integrationsdienst');
    const p = projectFromBlueprint('gewerbe')!;
    expect(a10.every((f) => p.systems.find((s) => s.id === f.to.systemId)?.kind === 'mandatory-recipient')).toBe(true);
    expect(a10.length).toBeGreaterThanOrEqual(4);
  });

  for (const b of listBlueprints()) {
    it(`${b.id}: loads back unchanged, no dangling flows and no errors`, () => {
      const p = projectFromBlueprint(b.id, { projectId: 'x1' })!;
      expect(p.id).toBe('x1');
      expect(p.systems).toHaveLength(b.systems);
      expect(p.flows).toHaveLength(b.flows);
      const r = loadProject(saveProject(p));
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.project).toEqual(p);
      const report = validateLandscape(p);
      expect(report.dangling.size).toBe(0);
      expect(report.all.filter((i) => i.severity === 'error')).toEqual([]);
      // Every flow still lacks its message types: the canvas shows that as the next step.
      expect(report.all.filter((i) => i.code === 'flow.no-message-type')).toHaveLength(b.flows);
      expect(p.flows.every((f) => f.from.adapterId && f.to.adapterId && f.stage && f.direction)).toBe(true);
      if (b.acyclic) expect(flowsOnCycles(p.flows)).toEqual([]);
    });
  }

  it('projects from one blueprint share no objects', () => {
    const a = projectFromBlueprint('zahlungen')!;
    const b = projectFromBlueprint('zahlungen')!;
    a.systems[0].adapters[0].settings.x = 'y';
    expect(b.systems[0].adapters[0].settings.x).toBeUndefined();
    expect(projectFromBlueprint('gibtsnicht')).toBeUndefined();
  });
});

describe('regelwerk blueprints / new', () => {
  it('lists the blueprints, one tab-separated line each', async () => {
    const io = capture();
    expect(await main(['blueprints'], io)).toBe(0);
    const lines = io.stdout.trim().split('\n');
    expect(lines).toHaveLength(listBlueprints().length);
    expect(lines[0].split('\t')[0]).toBe('gewerbe');
    const json = capture();
    expect(await main(['blueprints', '--json'], json)).toBe(0);
    expect(JSON.parse(json.stdout).map((b: { id: string }) => b.id)).toContain('gesundheitsamt');
  });

  it('writes a project from a blueprint that the flows command can read', async () => {
    const io = capture();
    expect(await main(['new', '--blueprint', 'gesundheitsamt', '--out', 'ga.regelwerk.json', '--name', 'Gesundheitsamt Test'], io)).toBe(0);
    const r = loadProject(io.written['ga.regelwerk.json']);
    expect(r.ok && r.project.name).toBe('Gesundheitsamt Test');
    expect(await main(['flows', 'ga.regelwerk.json'], io)).toBe(0);
    expect(io.stdout).toContain('a1-todesbescheinigung\tA1\tTodesbescheinigung an das Gesundheitsamt\tIntegrationsdienst / Datendrehscheibe\tGesundheitsamt (Octoware)');
  });

  it('fails with a message on an unknown blueprint or missing options', async () => {
    const a = capture();
    expect(await main(['new', '--blueprint', 'gibtsnicht', '--out', 'x.json'], a)).toBe(1);
    expect(a.stderr).toContain('Vorlage "gibtsnicht" gibt es nicht. Vorhanden: gewerbe');
    expect(a.written).toEqual({});
    const b = capture();
    expect(await main(['new', '--blueprint', 'gewerbe'], b)).toBe(2);
    expect(b.stderr).toContain('Option --out DATEI fehlt');
    const c = capture();
    expect(await main(['new', '--out'], c)).toBe(2);
    expect(c.stderr).toContain('--out braucht einen Wert');
    const d = capture();
    expect(await main(['blueprints', 'extra'], d)).toBe(2);
  });
});
