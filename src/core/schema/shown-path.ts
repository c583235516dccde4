/**
 * A tree path as people read it: local names only, JSON members by their keys. Used in messages and
 * lists; the Clark path ("/{urn:x}a/{urn:x}b/@c") stays the identity in the model and in locations.
 */
import { parseJsonStep } from './json/paths.ts';
import { parseClark, splitPath } from './types.ts';

/** "/{u}Gewerbemeldung/{u}Kopfdaten/@version" → "Gewerbemeldung/Kopfdaten/@version"; JSON steps → their keys ("betrieb/name"). */
export function shownPath(path: string): string {
  const out: string[] = [];
  for (const step of splitPath(path)) {
    const json = parseJsonStep(step);
    if (json) {
      // A member shows as its key, an array with [*] for its items; keyless objects (the root, array items) add nothing.
      if (json.kind === 'array') out.push(`${json.key ?? ''}[*]`);
      else if (json.key !== undefined) out.push(json.key);
      continue;
    }
    out.push(step.startsWith('@') ? '@' + parseClark(step.slice(1)).local : parseClark(step).local);
  }
  return out.join('/').replace(/\/\[\*\]/g, '[*]');
}
