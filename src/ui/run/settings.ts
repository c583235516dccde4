/** Run settings of this browser (not part of a project): time limit, live preview, organisation. */
import { create } from 'zustand';
import { DEFAULT_TIMEOUT_MS } from '../../core/runner/engine.ts';

export interface RunSettings {
  /** Time limit of a run in seconds. */
  timeoutSec: number;
  live: boolean;
  /** Organisation whose parameters a run uses ('' = parameter defaults, undefined = the test organisation). */
  organisationId?: string;
  set(patch: Partial<Omit<RunSettings, 'set'>>): void;
}

const KEY = 'regelwerk.run';

function stored(): Partial<RunSettings> {
  try {
    const v = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '{}') as Partial<RunSettings>;
    const out: Partial<RunSettings> = {};
    if (typeof v.timeoutSec === 'number' && v.timeoutSec >= 1 && v.timeoutSec <= 600) out.timeoutSec = v.timeoutSec;
    if (typeof v.live === 'boolean') out.live = v.live;
    return out;
  } catch {
    return {};
  }
}

export const useRunSettings = create<RunSettings>((set, get) => ({
  timeoutSec: DEFAULT_TIMEOUT_MS / 1000,
  live: true,
  ...stored(),
  set(patch) {
    set(patch);
    const { timeoutSec, live } = get();
    try {
      globalThis.localStorage?.setItem(KEY, JSON.stringify({ timeoutSec, live }));
    } catch {
      /* private mode: settings just aren't remembered */
    }
  },
}));
