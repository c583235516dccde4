/**
 * libxml2's schema validity messages in German. libxml2 words its findings in English only; the app's
 * reviewers read German by default, so the messages a schema check of a message gives most often
 * (unexpected or missing elements, wrong values, facets, attributes, text where only elements may be)
 * are put into German by pattern. A message no pattern knows stays as libxml2 wrote it: it is still
 * correct, only English. In English mode nothing changes.
 */
import { messageLang } from '../i18n.ts';

type Rule = [RegExp, (...groups: string[]) => string];

const q = (s: string) => `„${s}“`;
/** "( a, b )" lists as libxml2 writes them: "a, b". */
const list = (s: string) => s.trim();

/** The part after the "Element 'x': " prefix. */
const DETAILS: Rule[] = [
  [/^This element is not expected\. Expected is \( (.+) \)\.$/, (e) => `Dieses Element ist hier nicht erwartet. Erwartet wird ${list(e)}.`],
  [/^This element is not expected\. Expected is one of \( (.+) \)\.$/, (e) => `Dieses Element ist hier nicht erwartet. Erwartet wird eines von: ${list(e)}.`],
  [/^This element is not expected\.$/, () => 'Dieses Element ist hier nicht erwartet.'],
  [/^Missing child element\(s\)\. Expected is \( (.+) \)\.$/, (e) => `Ein Kindelement fehlt: ${list(e)}.`],
  [/^Missing child element\(s\)\. Expected is one of \( (.+) \)\.$/, (e) => `Ein Kindelement fehlt, eines von: ${list(e)}.`],
  [/^'(.*)' is not a valid value of the atomic type '(.+)'\.$/s, (v, t) => `${q(v)} ist kein gültiger Wert des Typs ${t}.`],
  [/^'(.*)' is not a valid value of the local atomic type\.$/s, (v) => `${q(v)} ist kein gültiger Wert des Feldtyps.`],
  [/^'(.*)' is not a valid value of the list type '(.+)'\.$/s, (v, t) => `${q(v)} ist kein gültiger Wert des Listentyps ${t}.`],
  [/^'(.*)' is not a valid value of the union type '(.+)'\.$/s, (v, t) => `${q(v)} ist kein gültiger Wert des Vereinigungstyps ${t}.`],
  [/^\[facet 'pattern'\] The value '(.*)' is not accepted by the pattern '(.*)'\.$/s, (v, p) => `${q(v)} passt nicht zum Muster ${p}.`],
  [/^\[facet 'enumeration'\] The value '(.*)' is not an element of the set \{(.*)\}\.$/s, (v, set) => `${q(v)} ist kein erlaubter Wert (erlaubt: ${set}).`],
  [/^\[facet 'maxLength'\] The value has a length of '(\d+)'; this exceeds the allowed maximum length of '(\d+)'\.$/, (n, max) => `Der Wert ist ${n} Zeichen lang, erlaubt sind höchstens ${max}.`],
  [/^\[facet 'minLength'\] The value has a length of '(\d+)'; this underruns the allowed minimum length of '(\d+)'\.$/, (n, min) => `Der Wert ist ${n} Zeichen lang, verlangt sind mindestens ${min}.`],
  [/^\[facet 'length'\] The value has a length of '(\d+)'; this differs from the allowed length of '(\d+)'\.$/, (n, len) => `Der Wert ist ${n} Zeichen lang, verlangt sind genau ${len}.`],
  [/^\[facet 'minInclusive'\] The value '(.*)' is less than the minimum value allowed \('(.*)'\)\.$/, (v, min) => `${q(v)} ist kleiner als das Minimum ${min}.`],
  [/^\[facet 'maxInclusive'\] The value '(.*)' is greater than the maximum value allowed \('(.*)'\)\.$/, (v, max) => `${q(v)} ist größer als das Maximum ${max}.`],
  [/^\[facet 'minExclusive'\] The value '(.*)' must be greater than '(.*)'\.$/, (v, min) => `${q(v)} muss größer als ${min} sein.`],
  [/^\[facet 'maxExclusive'\] The value '(.*)' must be less than '(.*)'\.$/, (v, max) => `${q(v)} muss kleiner als ${max} sein.`],
  [/^\[facet 'totalDigits'\] The value '(.*)' has more digits than are allowed \('(\d+)'\)\.$/, (v, n) => `${q(v)} hat mehr als die erlaubten ${n} Ziffern.`],
  [/^\[facet 'fractionDigits'\] The value '(.*)' has more fractional digits than are allowed \('(\d+)'\)\.$/, (v, n) => `${q(v)} hat mehr als die erlaubten ${n} Nachkommastellen.`],
  [/^The attribute '(.+)' is required but missing\.$/, (a) => `Das Pflichtattribut ${a} fehlt.`],
  [/^The attribute '(.+)' is not allowed\.$/, (a) => `Das Attribut ${a} ist hier nicht erlaubt.`],
  [/^Character content other than whitespace is not allowed because the content type is 'element-only'\.$/, () => 'Text ist hier nicht erlaubt: das Element enthält nur Elemente.'],
  [/^Element content is not allowed, because the content type is a simple type definition\.$/, () => 'Kindelemente sind hier nicht erlaubt: das Element hat einen einfachen Inhalt.'],
  [/^Element content is not allowed, because the type definition is simple\.$/, () => 'Kindelemente sind hier nicht erlaubt: der Typ ist einfach.'],
  [/^The value '(.*)' does not match the fixed value constraint '(.*)'\.$/s, (v, f) => `${q(v)} weicht vom festen Wert ${q(f)} ab.`],
  [/^No matching global declaration available for the validation root\.$/, () => 'Das Schema deklariert dieses Wurzelelement nicht (keine globale Deklaration).'],
  [/^Duplicate key-sequence \[(.*)\] in (?:unique|key) identity-constraint '(.+)'\.$/, (k, c) => `Schlüssel [${k}] kommt doppelt vor (Eindeutigkeit ${c}).`],
];

const PREFIX = /^Element '([^']+)'(?:, attribute '([^']+)')?: ([\s\S]*)$/;

/** libxml2's message in the current message language (German by pattern; English as it is). */
export function libxmlMessage(message: string): string {
  if (messageLang() !== 'de') return message;
  const pre = PREFIX.exec(message);
  const detail = pre ? pre[3].trim() : message.trim();
  for (const [re, de] of DETAILS) {
    const hit = re.exec(detail);
    if (!hit) continue;
    const text = de(...hit.slice(1));
    if (!pre) return text;
    return `${pre[2] ? `Element ${pre[1]}, Attribut ${pre[2]}` : `Element ${pre[1]}`}: ${text}`;
  }
  return message;
}
