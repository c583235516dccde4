import type { MessageCheck } from '../../core/runner/validate.ts';

/**
 * Turns an uploaded file into text the way an XML parser would: byte-order mark first, then the
 * encoding named in the XML declaration (ISO-8859-1 and windows-1252 exports are common), else UTF-8.
 * Also the well-formedness check of JSON samples.
 */

/** Decodes XML bytes; unknown encodings fall back to UTF-8 (bad bytes become U+FFFD, never an exception). */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = String.fromCharCode(...bytes.subarray(0, 200));
  const m = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  let label = m ? m[1].toLowerCase() : 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    label = 'utf-8';
    return new TextDecoder(label).decode(bytes);
  }
}

/** Well-formedness of a JSON sample (FIT-Connect data), with the line and column of a syntax error. */
export function checkJson(text: string): MessageCheck {
  const t0 = performance.now();
  const at = jsonErrorAt(text);
  if (!at) return { status: 'valid', issues: [], timeMs: performance.now() - t0, against: 'none', note: 'JSON' };
  const before = text.slice(0, at.offset);
  const line = before.split('\n').length;
  const column = at.offset - before.lastIndexOf('\n');
  return { status: 'malformed', issues: [{ severity: 'error', message: `Kein gültiges JSON: ${at.message}`, line, column }], timeMs: performance.now() - t0, against: 'none' };
}

/** Where JSON text stops being valid (JSON.parse does not say where in every engine), or undefined. */
export function jsonErrorAt(s: string): { offset: number; message: string } | undefined {
  let i = 0;
  class Stop extends Error {}
  const fail = (message: string): never => {
    throw Object.assign(new Stop(message), { offset: i });
  };
  const ws = () => {
    while (i < s.length && ' \t\n\r\uFEFF'.includes(s[i])) i++;
  };
  const lit = (w: string) => (s.startsWith(w, i) ? void (i += w.length) : fail(`„${w}“ erwartet`));
  const str = () => {
    i++;
    while (i < s.length && s[i] !== '"') {
      if (s[i] === '\\') i++;
      else if (s.charCodeAt(i) < 0x20) fail('Steuerzeichen im Text');
      i++;
    }
    if (i >= s.length) fail('Text ohne schließendes "');
    i++;
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') return void i++;
      for (;;) {
        ws();
        if (s[i] !== '"') fail('Name in "…" erwartet');
        str();
        ws();
        if (s[i] !== ':') fail('„:“ erwartet');
        i++;
        value();
        ws();
        if (s[i] === ',') i++;
        else if (s[i] === '}') return void i++;
        else fail('„,“ oder „}“ erwartet');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (s[i] === ',') i++;
        else if (s[i] === ']') return void i++;
        else fail('„,“ oder „]“ erwartet');
      }
    }
    if (c === '"') return str();
    if (c === 't') return lit('true');
    if (c === 'f') return lit('false');
    if (c === 'n') return lit('null');
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i, i + 400));
    if (!m || !m[0]) fail(i >= s.length ? 'Unerwartetes Ende' : `Unerwartetes Zeichen „${c}“`);
    i += m![0].length;
  };
  try {
    value();
    ws();
    if (i < s.length) fail('Text nach dem Ende des JSON-Werts');
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return { offset: (e as Stop & { offset: number }).offset, message: e.message };
    throw e;
  }
}
