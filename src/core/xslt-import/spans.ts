/**
 * Where each element of a parsed document sits in its text, so a part the importer cannot model can
 * be kept exactly as written. The document is known to be well-formed (parseXml accepted it), so a
 * small scanner over tags suffices; elements are matched to the tree in document order.
 */
import type { XmlElement } from '../xml/dom.ts';

export interface ElementSpan {
  /** Offset of '<' of the start tag. */
  start: number;
  /** Offset just after the start tag's '>'. */
  startTagEnd: number;
  /** Offset just after the end tag (or of the empty-element tag). */
  end: number;
}

/** Start and end offsets of every element, in document order. */
function scanElements(text: string): ElementSpan[] {
  const out: ElementSpan[] = [];
  const open: ElementSpan[] = [];
  let i = 0;
  const n = text.length;
  const skipTo = (s: string, from: number) => {
    const j = text.indexOf(s, from);
    return j < 0 ? n : j + s.length;
  };
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) i = skipTo('-->', lt + 4);
    else if (text.startsWith('<![CDATA[', lt)) i = skipTo(']]>', lt + 9);
    else if (text.startsWith('<?', lt)) i = skipTo('?>', lt + 2);
    else if (text.startsWith('<!', lt)) {
      // DOCTYPE, possibly with an internal subset in brackets.
      let j = lt + 2;
      let depth = 0;
      for (; j < n; j++) {
        const c = text[j];
        if (c === '"' || c === "'") j = text.indexOf(c, j + 1);
        else if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      i = j + 1;
    } else if (text[lt + 1] === '/') {
      const gt = text.indexOf('>', lt);
      const el = open.pop();
      if (el) el.end = gt + 1;
      i = gt + 1;
    } else {
      let j = lt + 1;
      for (; j < n; j++) {
        const c = text[j];
        if (c === '"' || c === "'") j = text.indexOf(c, j + 1);
        else if (c === '>') break;
      }
      const span: ElementSpan = { start: lt, startTagEnd: j + 1, end: j + 1 };
      out.push(span);
      if (text[j - 1] !== '/') open.push(span);
      i = j + 1;
    }
  }
  return out;
}

/** Maps each element of the tree to its span in `text`. */
export function elementSpans(text: string, root: XmlElement): Map<XmlElement, ElementSpan> {
  const spans = scanElements(text);
  const map = new Map<XmlElement, ElementSpan>();
  let k = 0;
  const visit = (el: XmlElement) => {
    const s = spans[k++];
    if (s) map.set(el, s);
    for (const c of el.children) if (c.type === 'element') visit(c);
  };
  visit(root);
  return map;
}
