/**
 * Test results of this session (not saved in the project): per test case, and the last complete run
 * for the report. Runs go through the core test-plan runner with the app's engine, one test at a time,
 * with progress and a stop button.
 */
import { create } from 'zustand';
import { compileProjectFlow } from '../../core/compiler/index.ts';
import type { Flow, Project } from '../../core/model/project.ts';
import { runProjectTests, type TestResult } from '../../core/runner/test-plan.ts';
import { getEngine } from '../engine/index.ts';
import { useRunSettings } from './settings.ts';

/** A finished run, what the report is built from. */
export interface FinishedRun {
  project: Project;
  results: TestResult[];
  rules: Record<string, string>;
  at: Date;
}

export interface TestStore {
  /** Latest result per `${flowId}/${testId}`. */
  results: Record<string, TestResult>;
  running: boolean;
  done: number;
  total: number;
  last?: FinishedRun;
  run(project: Project, flows: readonly Flow[]): Promise<TestResult[]>;
  stop(): void;
}

/** The key of a test case in `results`. */
export const testKey = (flowId: string, testId: string) => `${flowId}/${testId}`;

let ctl: AbortController | undefined;

export const useTests = create<TestStore>((set, get) => ({
  results: {},
  running: false,
  done: 0,
  total: 0,
  async run(project, flows) {
    if (get().running) return [];
    ctl = new AbortController();
    const total = flows.reduce((n, f) => n + f.tests.length, 0);
    set({ running: true, done: 0, total });
    try {
      const timeoutMs = Math.round(useRunSettings.getState().timeoutSec * 1000);
      const results = await runProjectTests(project, flows, getEngine(), {
        signal: ctl.signal,
        timeoutMs,
        onResult: (r, done) => set((s) => ({ done, results: { ...s.results, [testKey(r.flowId, r.testId)]: r } })),
      });
      if (results.length === total) {
        const rules = Object.fromEntries(flows.map((f) => [f.id, compileProjectFlow(project, f).xslt]));
        set({ last: { project, results, rules, at: new Date() } });
      }
      return results;
    } finally {
      ctl = undefined;
      set({ running: false });
    }
  },
  stop() {
    ctl?.abort();
  },
}));
