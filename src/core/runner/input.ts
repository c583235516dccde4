/**
 * What the engine gets as input. Engines read XML; a JSON message (FIT-Connect data) is wrapped in one
 * element whose text the compiled rule reads with json-to-xml(). Callers use prepareInput for every run.
 */

/** The element that carries a JSON message into the XSLT engine. */
export const JSON_WRAPPER = 'regelwerk-json';

/** True when the text is a JSON document rather than XML. */
export function isJsonText(text: string): boolean {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  return t.startsWith('{') || t.startsWith('[');
}

/** Turns a sample message into engine input: XML as is, JSON wrapped. */
export function prepareInput(text: string): string {
  if (!isJsonText(text)) return text;
  const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<${JSON_WRAPPER}>${esc}</${JSON_WRAPPER}>`;
}
