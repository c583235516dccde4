/** Session state of the organisations view (never saved in the project): selection, marks, filter, last runs. */
import { create } from 'zustand';
import type { CsvImportResult } from '../../core/orgs/csv.ts';
import type { TestResult } from '../../core/runner/test-plan.ts';

export interface PlanRun {
  running: boolean;
  done: number;
  total: number;
  results: TestResult[];
  organisations: string[];
}

export interface OrgsSession {
  selectedId?: string;
  marked: string[];
  query: string;
  /** A parsed CSV file waiting for the user's confirmation. */
  csv?: { file: string; result: CsvImportResult };
  plan?: PlanRun;
  message?: string;
  set(patch: Partial<Omit<OrgsSession, 'set'>>): void;
}

export const useOrgsSession = create<OrgsSession>((set) => ({
  marked: [],
  query: '',
  set: (patch) => set(patch),
}));
