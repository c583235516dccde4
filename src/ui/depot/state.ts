/**
 * Session state of the depot view: the last built package, its verification, publishing settings.
 * The depot address and header name are remembered in localStorage; the token only in memory.
 */
import { create } from 'zustand';
import type { Changelog } from '../../core/depot/changelog.ts';
import type { Manifest } from '../../core/depot/manifest.ts';
import type { PublishResult } from '../../core/depot/publish.ts';
import type { VerifyReport } from '../../core/depot/verify.ts';
import { createSefCompiler, type SefCompiler } from '../../core/depot/sef.ts';
import { browserHostFactory } from '../engine/browser-engine.ts';

export interface BuiltPackage {
  bytes: Uint8Array;
  manifest: Manifest;
  sha256: string;
  fileName: string;
  projectId: string;
}

export interface DepotSession {
  version?: string;
  built?: BuiltPackage;
  buildErrors?: string[];
  busy?: 'build' | 'verify' | 'publish' | 'import';
  report?: VerifyReport;
  url: string;
  tokenHeader: string;
  token: string;
  timeoutS: number;
  publishResult?: PublishResult;
  changes?: { file: string; log?: Changelog; error?: string };
  imported?: { ok: boolean; message: string; details?: string[] };
  set(patch: Partial<Omit<DepotSession, 'set'>>): void;
}

function stored(key: string, fallback: string): string {
  try {
    return globalThis.localStorage?.getItem(key) ?? fallback;
  } catch {
    return fallback;
  }
}

export const useDepotSession = create<DepotSession>((set) => ({
  url: stored('regelwerk.depot.url', ''),
  tokenHeader: stored('regelwerk.depot.header', 'X-Depot-Token'),
  token: '',
  timeoutS: 30,
  set(patch) {
    try {
      if (patch.url !== undefined) localStorage.setItem('regelwerk.depot.url', patch.url);
      if (patch.tokenHeader !== undefined) localStorage.setItem('regelwerk.depot.header', patch.tokenHeader);
    } catch {
      /* private mode: settings just aren't remembered */
    }
    set(patch);
  },
}));

let sef: SefCompiler | undefined;

/** The browser's SEF compiler: its own SaxonJS worker, started on first use. */
export function getSefCompiler(): SefCompiler {
  sef ??= createSefCompiler(browserHostFactory());
  return sef;
}
