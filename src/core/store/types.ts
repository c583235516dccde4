/** Persistence interface: the app stores projects through this, so the core never depends on a database. */
import type { Project } from '../model/project.ts';

export interface ProjectSummary {
  id: string;
  name: string;
  updatedAt: number;
}

export interface ProjectStore {
  list(): Promise<ProjectSummary[]>;
  get(id: string): Promise<Project | undefined>;
  put(project: Project): Promise<void>;
  /**
   * Like put, but every write is issued before it returns (for the moment the page is left, when a
   * write that first waits for anything is lost). Optional: without it, put is used.
   */
  putNow?(project: Project): Promise<void>;
  remove(id: string): Promise<void>;
  getLastOpened(): Promise<string | undefined>;
  setLastOpened(id: string): Promise<void>;
}
