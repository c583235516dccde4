/** xs:annotation/xs:documentation as help text. */
import { childElements, textContent, type XmlElement } from '../../xml/dom.ts';
import { XSD_NS } from './model.ts';

/** The documentation of a schema component: its xs:documentation texts, tidied, or undefined. */
export function documentation(el: XmlElement): string | undefined {
  let out: string | undefined;
  for (const ann of el.children) {
    if (ann.type !== 'element' || ann.local !== 'annotation' || ann.ns !== XSD_NS) continue;
    for (const d of childElements(ann)) {
      if (d.local !== 'documentation' || d.ns !== XSD_NS) continue;
      // Schema authors indent documentation with the markup; keep line breaks, drop the indentation.
      const text = textContent(d)
        .split(/\r?\n/)
        .map((l) => l.trim())
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
      if (text) out = out ? `${out}\n\n${text}` : text;
    }
  }
  return out;
}
