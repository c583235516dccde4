/** Small helpers of the import dialog: default names, unique ids, sizes, root labels. */
import type { QName } from '../../core/schema/types.ts';

/**
 * A readable default name for an upload: the folder or ZIP name; for loose files the name part
 * most of them start with ("xbau-…" → "xbau"), else the first file's base name.
 */
export function defaultName(picked: readonly { name: string }[]): string {
  const first = picked[0]?.name ?? 'Schema';
  const strip = (s: string) => s.replace(/\.(zip|xsd|json|xml)$/i, '').replace(/\.schema$/i, '');
  if (first.includes('/')) return first.slice(0, first.indexOf('/')) || 'Schema';
  if (picked.length === 1 || /\.zip$/i.test(first)) return strip(first) || 'Schema';
  const counts = new Map<string, number>();
  for (const p of picked) {
    const token = /^[A-Za-z0-9]+/.exec(p.name)?.[0];
    if (token) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  const [best, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  return n >= 2 ? best : strip(first) || 'Schema';
}

/** An id derived from a name, unique among `taken`. */
export function uniqueId(name: string, taken: readonly string[]): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'schema';
  let id = base;
  for (let i = 2; taken.includes(id); i++) id = `${base}-${i}`;
  return id;
}

/** "3,8 MB" / "12 KB". */
export function formatBytes(n: number, lang: 'de' | 'en'): string {
  const f = (x: number) => x.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 });
  return n >= 1024 * 1024 ? `${f(n / 1024 / 1024)} MB` : `${f(Math.max(1, n / 1024))} KB`;
}

/** How a root shows in the picker: local name, namespace in braces. */
export function rootLabel(q: QName): string {
  return q.ns ? `${q.local}  {${q.ns}}` : q.local;
}
