/**
 * Reading one schema file: skim it (fast path), or fall back to a full parse for exact diagnostics;
 * and materializing top-level components on demand.
 */
import type { Diagnostic } from '../../diagnostics.ts';
import { attr, childElements, parseXml, type XmlElement } from '../../xml/dom.ts';
import type { SchemaFile } from '../types.ts';
import { locate, XSD_NS, type SchemaDoc } from './model.ts';
import { scanXml } from './scan.ts';
import { skimSchema, type RawRef, type TopItem } from './skim.ts';
import { m } from '../../i18n.ts';

const keepDocs = (local: string) => local === 'documentation';
const REF_ATTRS = new Set(['type', 'ref', 'base', 'itemType', 'memberTypes', 'substitutionGroup']);

/** Reads a schema file; returns the document (if it is a schema) and diagnostics. */
export function readSchemaDoc(file: SchemaFile, index: number): { doc?: SchemaDoc; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const text = file.content;
  let root: XmlElement;
  let rootScope: Record<string, string>;
  let top: TopItem[];
  let refs: RawRef[];
  let leading = false;
  const skim = skimSchema(text);
  if (skim.ok) {
    ({ root, rootScope, top, refs } = skim);
    leading = skim.leadingWhitespace;
  } else {
    // Slow path: the exact scanner, then saxes for its precise message.
    const scan = scanXml(text, { keepTextIn: keepDocs });
    if (scan.ok) {
      root = scan.root;
      leading = scan.leadingWhitespace;
    } else {
      const parsed = parseXml(text, file.name);
      if (!parsed.ok) return { diagnostics: [parsed.error] };
      root = parsed.doc.root;
    }
    rootScope = {};
    top = childElements(root)
      .filter((c) => c.ns === XSD_NS && c.local !== 'annotation')
      .map((el) => ({ ns: el.ns, local: el.local, attrs: el.attrs, start: -1, scope: rootScope, el }));
    refs = [];
    collectRefs(root, refs);
  }
  if (leading) {
    diagnostics.push({
      severity: 'warning',
      code: 'xml.declaration-not-at-start',
      message: m('Vor der XML-Deklaration stehen Leerzeichen oder Leerzeilen; sie werden ignoriert.', 'Spaces or blank lines stand before the XML declaration; they are ignored.'),
      location: { file: file.name, line: 1, column: 1 },
    });
  }
  if (root.ns !== XSD_NS || root.local !== 'schema') {
    diagnostics.push({
      severity: 'error',
      code: 'xsd.not-a-schema',
      message: m(
        `Die Datei ist kein XML-Schema: Wurzelelement ist <${root.name}>${root.ns ? ` (${root.ns})` : ''}, erwartet xs:schema.`,
        `The file is not an XML schema: its root element is <${root.name}>${root.ns ? ` (${root.ns})` : ''}, expected xs:schema.`,
      ),
      location: { file: file.name, line: root.line, column: root.column },
    });
    return { diagnostics };
  }
  const doc: SchemaDoc = {
    file: file.name,
    index,
    text,
    root,
    rootScope,
    tns: attr(root, 'targetNamespace') ?? '',
    elementQualified: attr(root, 'elementFormDefault') === 'qualified',
    attributeQualified: attr(root, 'attributeFormDefault') === 'qualified',
    top,
    refs,
    directives: [],
  };
  return { doc, diagnostics };
}

/** The parsed element of a top-level component, parsing it on first use. */
export function itemElement(doc: SchemaDoc, item: TopItem): XmlElement {
  if (item.el) return item.el;
  const loc = locate(doc, item.start);
  const r = scanXml(doc.text, {
    keepTextIn: keepDocs,
    fragment: { from: item.start, parent: doc.root, scope: doc.rootScope, line: loc.line!, lineStart: item.start - loc.column! + 1 },
  });
  // The skim already proved the text well-formed; a stub keeps things going if the scanner disagrees.
  item.el = r.ok
    ? r.root
    : { type: 'element', ns: item.ns, local: item.local, prefix: '', name: item.local, attrs: item.attrs, nsDecls: {}, children: [], parent: doc.root, line: loc.line!, column: loc.column! };
  return item.el;
}

// QName-valued attributes of a parsed tree (slow path only), skipping annotations.
function collectRefs(el: XmlElement, out: RawRef[]): void {
  for (const c of childElements(el)) {
    if (c.ns !== XSD_NS) continue;
    if (c.local === 'annotation') continue;
    for (const a of c.attrs) {
      if (a.ns === '' && REF_ATTRS.has(a.local)) out.push({ owner: c.local, attr: a.local, value: a.value, pos: -1, el: c });
    }
    collectRefs(c, out);
  }
}
