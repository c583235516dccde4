import type { MessageCheck } from '../../core/runner/validate.ts';
import { checkJsonWellFormed } from '../../core/runner/validate-json.ts';

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

/** Well-formedness of a JSON sample (FIT-Connect data), with the line and column of a syntax error (core's JSON check). */
export function checkJson(text: string): MessageCheck {
  const r = checkJsonWellFormed(text);
  return r.status === 'valid' ? { ...r, against: 'none', note: 'JSON' } : { ...r, against: 'none' };
}
