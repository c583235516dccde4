/**
 * The eager reference check: every QName-valued attribute of every indexed document is looked up
 * once, so unknown types, elements, groups and prefixes are reported at import time (with file and
 * line) even though the trees themselves are only built lazily.
 */
import type { Severity } from '../../diagnostics.ts';
import { clark, type QName } from '../types.ts';
import { locate, XML_NS, type SchemaSet } from './model.ts';
import { isBuiltin, qnameAt, qnameIn } from './names.ts';
import { m } from '../../i18n.ts';

/** Attributes of the xml namespace that are known without xml.xsd. */
export const XML_ATTRIBUTES: Record<string, string> = { lang: 'language', space: 'NCName', base: 'anyURI', id: 'ID' };

type Target = 'element' | 'type' | 'attribute' | 'group' | 'attributeGroup';

const LABEL: Record<Target, string> = {
  element: 'Element',
  type: 'Typ',
  attribute: 'Attribut',
  group: 'Gruppe',
  attributeGroup: 'Attributgruppe',
};

const LABEL_EN: Record<Target, string> = {
  element: 'element',
  type: 'type',
  attribute: 'attribute',
  group: 'group',
  attributeGroup: 'attribute group',
};

function targetOf(owner: string, attr: string): Target {
  if (attr === 'ref') {
    if (owner === 'attribute') return 'attribute';
    if (owner === 'group') return 'group';
    if (owner === 'attributeGroup') return 'attributeGroup';
    return 'element';
  }
  return attr === 'substitutionGroup' ? 'element' : 'type';
}

/** Checks all references; returns the Clark names of elements referenced with ref="…". */
export function checkReferences(set: SchemaSet): Set<string> {
  const referenced = new Set<string>();
  const reported = new Set<string>();
  const exists = (t: Target, q: QName): boolean => {
    const key = clark(q);
    switch (t) {
      case 'element':
        return set.elements.has(key);
      case 'type':
        return isBuiltin(q) || set.types.has(key);
      case 'attribute':
        return set.attributes.has(key) || (q.ns === XML_NS && q.local in XML_ATTRIBUTES);
      case 'group':
        return set.groups.has(key);
      case 'attributeGroup':
        return set.attributeGroups.has(key);
    }
  };
  for (const ctx of set.contexts) {
    for (const ref of ctx.doc.refs) {
      const target = targetOf(ref.owner, ref.attr);
      const values = ref.attr === 'memberTypes' || ref.attr === 'substitutionGroup' ? ref.value.trim().split(/\s+/).filter(Boolean) : [ref.value];
      for (const v of values) {
        const q = ref.el ? qnameAt(ref.el, v, ctx) : qnameIn(ref.scope!, v, ctx);
        if (q && target === 'element' && ref.attr === 'ref') referenced.add(clark(q));
        if (q && exists(target, q)) continue;
        const location = ref.el ? { file: ctx.doc.file, line: ref.el.line, column: ref.el.column } : locate(ctx.doc, ref.pos);
        const key = `${location.file}:${location.line}:${location.column}:${v}`;
        if (reported.has(key)) continue;
        reported.add(key);
        if (!q) {
          set.diagnostics.push({
            severity: 'error',
            code: 'xsd.unknown-prefix',
            message: m(`Präfix in „${v}“ (${ref.attr}) ist nicht deklariert.`, `The prefix in "${v}" (${ref.attr}) is not declared.`),
            location,
          });
          continue;
        }
        // References into a namespace whose import could not be resolved were already warned about.
        const severity: Severity = set.missingNamespaces.has(q.ns) ? 'warning' : 'error';
        set.diagnostics.push({
          severity,
          code: `xsd.unknown-${target === 'attributeGroup' ? 'attribute-group' : target}`,
          message: m(
            `Unbekannte${target === 'element' || target === 'attribute' ? 's' : target === 'type' ? 'r' : ''} ${LABEL[target]} „${clark(q)}“ (${ref.attr}="${v}")${severity === 'warning' ? ' – der Namensraum wurde nicht mitgeliefert' : ''}.`,
            `Unknown ${LABEL_EN[target]} "${clark(q)}" (${ref.attr}="${v}")${severity === 'warning' ? ' – its namespace was not supplied' : ''}.`,
          ),
          location,
        });
      }
    }
  }
  return referenced;
}
