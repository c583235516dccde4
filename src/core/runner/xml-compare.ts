/**
 * XML-aware comparison of an actual output with an expected one: insignificant whitespace, attribute
 * order and namespace prefixes are ignored; values at ignored paths are not compared.
 */
import { childElements, parseXml, type XmlElement } from '../xml/dom.ts';
import { m } from '../i18n.ts';

export interface XmlDifference {
  /** Path of the differing node, e.g. "/Gewerbemeldung[1]/Betrieb[1]/Name[1]". */
  path: string;
  message: string;
}

export type CompareResult = { equal: true } | { equal: false; differences: XmlDifference[] };

/** Compares two XML texts. `ignore` holds simple paths (local names, e.g. "Kopf/Erstellungszeitpunkt") whose values are skipped. */
export function compareXml(expected: string, actual: string, ignore: readonly string[] = []): CompareResult {
  const e = parseXml(expected, m('erwartet', 'expected'));
  const a = parseXml(actual, m('Ausgabe', 'output'));
  if (!e.ok) {
    const line = e.error.location?.line;
    return { equal: false, differences: [{ path: '/', message: m(`Erwartete Ausgabe ist nicht wohlgeformt: ${e.error.message} (Zeile ${line})`, `Expected output is not well-formed: ${e.error.message} (line ${line})`) }] };
  }
  if (!a.ok) {
    const line = a.error.location?.line;
    return { equal: false, differences: [{ path: '/', message: m(`Ausgabe ist nicht wohlgeformt: ${a.error.message} (Zeile ${line})`, `Output is not well-formed: ${a.error.message} (line ${line})`) }] };
  }
  const diffs: XmlDifference[] = [];
  compareEl(e.doc.root, a.doc.root, '', [], ignore, diffs);
  return diffs.length ? { equal: false, differences: diffs } : { equal: true };
}

function ignored(localPath: string[], ignore: readonly string[]): boolean {
  const p = localPath.join('/');
  return ignore.some((i) => p === i.replace(/^\/+/, '') || p.endsWith('/' + i.replace(/^\/+/, '')));
}

function ownText(el: XmlElement): string {
  return el.children
    .map((c) => (c.type === 'text' ? c.text : ''))
    .join('')
    .trim();
}

function compareEl(e: XmlElement, a: XmlElement, parent: string, localPath: string[], ignore: readonly string[], diffs: XmlDifference[]): void {
  if (diffs.length > 50) return;
  const here = `${parent}/${e.local}`;
  const lp = [...localPath, e.local];
  if (e.ns !== a.ns || e.local !== a.local) {
    diffs.push({ path: here, message: m(`Element {${a.ns}}${a.local} statt erwartet {${e.ns}}${e.local}`, `Element {${a.ns}}${a.local} where {${e.ns}}${e.local} is expected`) });
    return;
  }
  const skip = ignored(lp, ignore);
  const ea = new Map(e.attrs.map((x) => [`{${x.ns}}${x.local}`, x.value]));
  const aa = new Map(a.attrs.map((x) => [`{${x.ns}}${x.local}`, x.value]));
  for (const [k, v] of ea) {
    const attrIgnored = ignored([...lp, '@' + k.replace(/^\{\}/, '')], ignore) || skip;
    if (!aa.has(k)) diffs.push({ path: `${here}/@${k}`, message: m(`Attribut fehlt (erwartet "${v}")`, `Attribute missing (expected "${v}")`) });
    else if (aa.get(k) !== v && !attrIgnored) diffs.push({ path: `${here}/@${k}`, message: m(`"${aa.get(k)}" statt erwartet "${v}"`, `"${aa.get(k)}" where "${v}" is expected`) });
  }
  for (const k of aa.keys()) if (!ea.has(k)) diffs.push({ path: `${here}/@${k}`, message: m(`Unerwartetes Attribut "${aa.get(k)}"`, `Unexpected attribute "${aa.get(k)}"`) });
  const ec = childElements(e);
  const ac = childElements(a);
  if (!skip && ec.length === 0 && ac.length === 0) {
    const et = ownText(e);
    const at = ownText(a);
    if (et !== at) diffs.push({ path: here, message: m(`"${clip(at)}" statt erwartet "${clip(et)}"`, `"${clip(at)}" where "${clip(et)}" is expected`) });
  }
  const counts = new Map<string, number>();
  const n = Math.max(ec.length, ac.length);
  for (let i = 0; i < n; i++) {
    const x = ec[i];
    const y = ac[i];
    if (!x) {
      diffs.push({ path: `${here}/${y.local}`, message: m('Unerwartetes Element', 'Unexpected element') });
      continue;
    }
    const idx = (counts.get(x.local) ?? 0) + 1;
    counts.set(x.local, idx);
    if (!y) {
      diffs.push({ path: `${here}/${x.local}[${idx}]`, message: m('Element fehlt', 'Element missing') });
      continue;
    }
    compareEl(x, y, `${here}`, lp, ignore, diffs);
  }
}

function clip(s: string): string {
  return s.length > 80 ? s.slice(0, 77) + '…' : s;
}
