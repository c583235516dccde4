/** Shared fixtures: the sample project and generated municipalities (as many as Saxony has, ~420). */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadProject } from '../../../src/core/model/load.ts';
import type { Organisation, Project } from '../../../src/core/model/project.ts';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const SAMPLE_FILE = join(ROOT, 'samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json');

/** The sample project as loaded from its file. */
export function sampleProject(): Project {
  const r = loadProject(readFileSync(SAMPLE_FILE, 'utf8'), SAMPLE_FILE);
  if (!r.ok) throw new Error('sample project does not load');
  return r.project;
}

/** `n` municipalities with distinct AGS, a trade office, routing and their own parameter values. */
export function syntheticOrganisations(n: number): Organisation[] {
  return Array.from({ length: n }, (_, i): Organisation => {
    const ags = `14${String(100000 + i).slice(-6)}`;
    return {
      id: `gemeinde-${i + 1}`,
      name: `Gemeinde ${i + 1}`,
      kind: 'municipality',
      ags,
      authorityId: `ags:${ags}`,
      offices: [{ id: 'gewerbeamt', name: `Gewerbeamt Gemeinde ${i + 1}` }],
      responsible: { '99050012104000': 'gewerbeamt' },
      flows: [
        { flowId: 'a1-gewerberegister', targetSystemId: 'gewerbefachverfahren', adapterId: 'file', params: {} },
        { flowId: 'dms-vorgang', targetSystemId: 'dms', adapterId: 'xta', params: { 'empfaenger-stelle': `Gewerbeamt Gemeinde ${i + 1}`, 'empfaenger-institution': `Gemeinde ${i + 1}` } },
      ],
    };
  });
}

/** The sample project with `n` generated municipalities added. */
export function projectWithOrganisations(n: number): Project {
  const p = sampleProject();
  return { ...p, organisations: [...p.organisations, ...syntheticOrganisations(n)] };
}
