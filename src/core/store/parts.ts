/**
 * How the IndexedDB store splits a project into parts and puts it back together (see dexie-store.ts):
 * the systems, the organisations, each schema set, and per flow its rule part (everything but samples
 * and tests), its samples and its tests, each as JSON text; the head holds the project's own fields.
 */
import type { Flow, Project } from '../model/project.ts';

/** Part keys of a stored project, in project order. */
export interface PartRefs {
  systems: string;
  organisations: string;
  schemas: string[];
  flows: { rule: string; samples: string; tests: string }[];
}

/** Every part key a stored version refers to. */
export function refKeys(r: PartRefs): string[] {
  return [r.systems, r.organisations, ...r.schemas, ...r.flows.flatMap((f) => [f.rule, f.samples, f.tests])];
}

/** A flow without its samples and tests: the part that changes with every mapping edit. */
export function rulePart(f: Flow): Omit<Flow, 'samples' | 'tests'> {
  const { samples: _s, tests: _t, ...rest } = f;
  return rest;
}

/** The project's own fields, without the parts. */
export function headOf(p: Project): Omit<Project, 'systems' | 'organisations' | 'schemas' | 'flows'> {
  const { systems: _a, organisations: _b, schemas: _c, flows: _d, ...rest } = p;
  return rest;
}

/** `{...}` text with more members appended. */
function withMembers(objectText: string, members: [string, string][]): string {
  const inner = objectText.trim().slice(1, -1).trim();
  return `{${[inner, ...members.map(([k, v]) => `${JSON.stringify(k)}:${v}`)].filter(Boolean).join(',')}}`;
}

/** The project's JSON text from its head and parts (part texts by key). */
export function assemble(head: string, r: PartRefs, text: (key: string) => string): string {
  const flows = r.flows.map((f) => withMembers(text(f.rule), [['samples', text(f.samples)], ['tests', text(f.tests)]]));
  return withMembers(head, [
    ['systems', text(r.systems)],
    ['organisations', text(r.organisations)],
    ['schemas', `[${r.schemas.map(text).join(',')}]`],
    ['flows', `[${flows.join(',')}]`],
  ]);
}
