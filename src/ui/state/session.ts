/**
 * Session state: what is selected and open, never saved in the project (Excalidraw's appState split).
 */
import { create } from 'zustand';
import type { Lang } from '../i18n.ts';
import { setMessageLang } from '../../core/i18n.ts';

export type RightTab = 'xslt' | 'output' | 'tests';

export interface SessionState {
  lang: Lang;
  /** 'design' (landscape + mapper) or the id of an EXTRA_VIEWS entry. */
  view: string;
  selectedFlowId?: string;
  selectedRuleId?: string;
  /** Source path picked by keyboard (or click) and waiting for a target. */
  pickedSource?: string;
  /** Target path selected in the mapper. */
  selectedTarget?: string;
  rightTab: RightTab;
  sampleId?: string;
  /**
   * Target-tree paths where the last run's output failed the target schema (libxml2 validation), set by
   * the output panel; the mapper marks them like its warnings. Empty/undefined when valid or not checked.
   */
  validationTargets?: string[];
  set(patch: Partial<Omit<SessionState, 'set'>>): void;
}

function initialLang(): Lang {
  try {
    const v = globalThis.localStorage?.getItem('regelwerk.lang');
    return v === 'en' ? 'en' : 'de';
  } catch {
    return 'de';
  }
}

export const useSession = create<SessionState>((set) => ({
  lang: initialLang(),
  view: 'design',
  rightTab: 'xslt',
  set(patch) {
    if (patch.lang) {
      try {
        globalThis.localStorage?.setItem('regelwerk.lang', patch.lang);
      } catch {
        /* private mode: language just isn't remembered */
      }
    }
    set(patch);
  },
}));

// Messages made by the core on this page (validation, CSV import, depot, project load) follow the UI
// language; workers get it with each request.
setMessageLang(useSession.getState().lang);
useSession.subscribe((s) => setMessageLang(s.lang));
