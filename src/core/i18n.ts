/**
 * The language of messages made by the core (diagnostics, validation findings, CSV and depot errors),
 * German by default, English selectable. Pure: no DOM, runs in Node, workers and the browser.
 *
 * Why module state and not a parameter: messages are made deep inside pure functions (a CSV row check,
 * an XSD resolver, a ZIP reader); threading a `lang` argument through every call would touch every
 * signature for a setting that changes only when the user switches the UI language. Each JavaScript
 * realm has its own copy, so the UI sets it on the page (`src/ui/state/session.ts`), a worker sets it
 * from the language sent with each request, and the CLI sets it once from LANG/LC_ALL.
 */

/** A message language. */
export type MessageLang = 'de' | 'en';

let current: MessageLang = 'de';

/** Sets the language of core messages made from now on in this realm (page, worker, process). */
export function setMessageLang(lang: MessageLang): void {
  current = lang === 'en' ? 'en' : 'de';
}

/** The language core messages are made in now. */
export function messageLang(): MessageLang {
  return current;
}

/** Picks the German or English text of a message for the current language: `m(`Zeile ${n}`, `line ${n}`)`. */
export function m(de: string, en: string): string {
  return current === 'en' ? en : de;
}
