/** The smallest edit turning one text into another, for updating a large editor model in place. */
/**
 * The differing middle of two texts (common prefix and suffix cut off), as offsets into `a` and the
 * text replacing them; undefined when a full replacement is safer (CR line ends, where an offset could
 * fall between CR and LF).
 */
export function changedRange(a: string, b: string): { start: number; end: number; text: string } | undefined {
  if (a.includes('\r') || b.includes('\r')) return undefined;
  const min = Math.min(a.length, b.length);
  let start = 0;
  while (start < min && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let ea = a.length;
  let eb = b.length;
  while (ea > start && eb > start && a.charCodeAt(ea - 1) === b.charCodeAt(eb - 1)) {
    ea--;
    eb--;
  }
  // Never split a surrogate pair.
  if (start > 0 && isLow(a.charCodeAt(start))) start--;
  if (ea < a.length && isLow(a.charCodeAt(ea))) {
    ea++;
    eb++;
  }
  return { start, end: ea, text: b.slice(start, eb) };
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
