/**
 * Which global elements come first in `roots`. Heuristic, kept simple on purpose:
 *  0. message roots: not referenced anywhere, and XÖV-like — the element's type derives from a type
 *     whose local name starts with "Nachricht" (XBau: Nachricht.G2G), or its first child element is
 *     named "nachrichtenkopf…" or "Kopf" (xdomea);
 *  1. other elements not referenced by any declaration (nor in a substitution group);
 *  2. referenced elements and substitution-group members;
 *  3. abstract elements (they cannot be instantiated).
 * Within a tier: given file order, then document order.
 */
import { clark, type QName } from '../types.ts';
import type { Comp } from './model.ts';
import { itemAttr } from './names.ts';
import { elementTypeFacts } from './quick.ts';
import type { Resolver } from './resolve.ts';

const MESSAGE_TYPE = /^nachricht/i;
const HEADER = /^(nachrichtenkopf|kopf)\b/i;

/** True when a global element looks like an XÖV message root. */
export function isMessageRoot(r: Resolver, comp: Comp): boolean {
  const { names, first } = elementTypeFacts(r, comp);
  return names.some((n) => MESSAGE_TYPE.test(n.local)) || (first !== undefined && HEADER.test(first));
}

/** Orders the global elements: message roots first (see the module comment). */
export function orderRoots(r: Resolver, referenced: Set<string>): QName[] {
  const tiers: Array<{ comp: Comp; tier: number }> = [];
  for (const comp of r.set.elements.values()) {
    let tier: number;
    if (itemAttr(comp.item, 'abstract') === 'true') tier = 3;
    else if (referenced.has(clark(comp.name)) || itemAttr(comp.item, 'substitutionGroup')) tier = 2;
    else tier = isMessageRoot(r, comp) ? 0 : 1;
    tiers.push({ comp, tier });
  }
  tiers.sort((a, b) => a.tier - b.tier || a.comp.order - b.comp.order);
  return tiers.map((t) => t.comp.name);
}
