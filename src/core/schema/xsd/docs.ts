/** xs:annotation/xs:documentation as help text. */
import { childElements, textContent, type XmlElement } from '../../xml/dom.ts';
import { XSD_NS } from './model.ts';
import { decodeEntities } from './skim.ts';

// Schema authors indent documentation with the markup; keep line breaks, drop the indentation.
function tidy(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function join(parts: string[]): string | undefined {
  const texts = parts.map(tidy).filter(Boolean);
  return texts.length ? texts.join('\n\n') : undefined;
}

/** The documentation of a schema component: its xs:documentation texts, tidied, or undefined. */
export function documentation(el: XmlElement): string | undefined {
  const parts: string[] = [];
  for (const ann of el.children) {
    if (ann.type !== 'element' || ann.local !== 'annotation' || ann.ns !== XSD_NS) continue;
    for (const d of childElements(ann)) if (d.local === 'documentation' && d.ns === XSD_NS) parts.push(textContent(d));
  }
  return join(parts);
}

/** The same from raw text ranges (the content of documentation elements), without parsing. */
export function documentationFromText(text: string, ranges: Array<[number, number]>): string | undefined {
  return join(
    ranges.map(([from, to]) => {
      const raw = text.slice(from, to);
      if (raw.indexOf('<') === -1) return decodeEntities(raw);
      // CDATA keeps its text; comments, PIs and markup (e.g. XHTML) go.
      let out = '';
      for (const part of raw.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)) {
        out += part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeEntities(part.replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<[^>]*>/g, ''));
      }
      return out;
    }),
  );
}

