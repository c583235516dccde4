/** Shared by the i18n tests: every test starts and ends with the default (German) message language. */
import { afterEach, beforeEach } from 'vitest';
import { setMessageLang } from '../../../src/core/i18n.ts';

/** Resets the core's message language to German around each test of the calling file. */
export function resetLangEachTest(): void {
  beforeEach(() => setMessageLang('de'));
  afterEach(() => setMessageLang('de'));
}
