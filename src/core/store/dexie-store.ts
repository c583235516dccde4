/**
 * IndexedDB persistence with dexie. Projects are stored as validated JSON text, so a record that
 * somehow became corrupt is reported on open instead of breaking the app.
 */
import Dexie, { type Table } from 'dexie';
import { loadProject, saveProject } from '../model/load.ts';
import type { Project } from '../model/project.ts';
import type { ProjectStore, ProjectSummary } from './types.ts';

interface ProjectRow {
  id: string;
  name: string;
  updatedAt: number;
  json: string;
}

interface MetaRow {
  key: string;
  value: string;
}

class RegelwerkDb extends Dexie {
  projects!: Table<ProjectRow, string>;
  meta!: Table<MetaRow, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ projects: 'id, updatedAt', meta: 'key' });
  }
}

export class ProjectLoadError extends Error {}

/** Creates the IndexedDB-backed store (database name overridable for tests). */
export function createDexieStore(dbName = 'regelwerk'): ProjectStore {
  const db = new RegelwerkDb(dbName);
  return {
    async list(): Promise<ProjectSummary[]> {
      const rows = await db.projects.orderBy('updatedAt').reverse().toArray();
      return rows.map(({ id, name, updatedAt }) => ({ id, name, updatedAt }));
    },
    async get(id) {
      const row = await db.projects.get(id);
      if (!row) return undefined;
      const r = loadProject(row.json, `IndexedDB:${id}`);
      if (!r.ok) throw new ProjectLoadError(r.errors.map((e) => e.message).join('; '));
      return r.project;
    },
    async put(project: Project) {
      await db.projects.put({ id: project.id, name: project.name, updatedAt: Date.now(), json: saveProject(project) });
    },
    async remove(id) {
      await db.projects.delete(id);
    },
    async getLastOpened() {
      return (await db.meta.get('lastOpened'))?.value;
    },
    async setLastOpened(id) {
      await db.meta.put({ key: 'lastOpened', value: id });
    },
  };
}
