/** Shared fixtures for the run/validate/test-plan tests: the sample project and its files. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadProject } from '../../../src/core/model/load.ts';
import type { Project } from '../../../src/core/model/project.ts';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const PROJECT_FILE = join(ROOT, 'samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json');

/** The sample project, loaded and validated like the app does. */
export function sampleProject(): Project {
  const r = loadProject(readFileSync(PROJECT_FILE, 'utf8'), 'sample');
  if (!r.ok) throw new Error('sample project does not load');
  return r.project;
}

/** Orders with customers (outer loop) and their items (inner loop), for the XPath loop-item tests; the e2e tests open the same file. */
export function xpathLoopsProject(): Project {
  const r = loadProject(readFileSync(join(ROOT, 'test/fixtures/xpath-loops.regelwerk.json'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.project;
}

/** A handwritten expected output of the sample project. */
export function expected(flow: 'a1-gewerberegister' | 'dms-vorgang', n: '01-einzelunternehmen' | '02-gmbh' | '03-ug-ohne-anlagen'): string {
  return readFileSync(join(ROOT, `test/fixtures/handwritten/expected/${flow}--gewerbeanmeldung-${n}.xml`), 'utf8');
}
