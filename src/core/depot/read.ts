/**
 * Reading a depot package back: unpack safely (zip.ts), parse manifest.json, check every file against
 * its SHA-256, and (for import) load the project it was built from. Anything wrong refuses the whole
 * package with the reason; the caller gets nothing to write.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { loadProject } from '../model/load.ts';
import type { Project } from '../model/project.ts';
import { parseManifest, sha256Hex, type Manifest } from './manifest.ts';
import { readZip, type ZipLimits } from './zip.ts';
import { m } from '../i18n.ts';

export interface UnpackedPackage {
  manifest: Manifest;
  files: Map<string, Uint8Array>;
}

export type Refusal = { ok: false; code: string; message: string };

const dec = new TextDecoder('utf-8', { fatal: false });

/** Text of a package file (UTF-8). */
export function fileText(pkg: UnpackedPackage, path: string): string | undefined {
  const b = pkg.files.get(path);
  return b ? dec.decode(b) : undefined;
}

/** Unpacks and parses the manifest; no checksums yet. */
export function unpackDepotPackage(bytes: Uint8Array, limits?: ZipLimits): ({ ok: true } & UnpackedPackage) | Refusal {
  const z = readZip(bytes, limits);
  if (!z.ok) return z;
  const mf = z.files.get('manifest.json');
  if (!mf) return { ok: false, code: 'depot.no-manifest', message: m('Das Archiv enthält keine manifest.json: kein Regeldepot-Paket.', 'The archive has no manifest.json: not a rule-depot package.') };
  const parsed = parseManifest(dec.decode(mf));
  if (!parsed.ok) return { ok: false, code: 'depot.bad-manifest', message: parsed.message };
  return { ok: true, manifest: parsed.manifest, files: z.files };
}

export interface ChecksumResult {
  path: string;
  ok: boolean;
  message?: string;
}

/** Every listed file against its SHA-256 and size; files in the archive but not in the manifest fail too. */
export async function checkChecksums(pkg: UnpackedPackage): Promise<ChecksumResult[]> {
  const out: ChecksumResult[] = [];
  const listed = new Set<string>();
  for (const f of pkg.manifest.files) {
    listed.add(f.path);
    const data = pkg.files.get(f.path);
    if (!data) {
      out.push({ path: f.path, ok: false, message: m('fehlt im Archiv', 'missing from the archive') });
      continue;
    }
    const sha = await sha256Hex(data);
    const [want, got] = [f.sha256.slice(0, 12), sha.slice(0, 12)];
    if (sha !== f.sha256) out.push({ path: f.path, ok: false, message: m(`SHA-256 stimmt nicht (Manifest ${want}…, Datei ${got}…)`, `SHA-256 does not match (manifest ${want}…, file ${got}…)`) });
    else if (data.length !== f.size) out.push({ path: f.path, ok: false, message: m(`Größe ${data.length} statt ${f.size} Bytes`, `size ${data.length} instead of ${f.size} bytes`) });
    else out.push({ path: f.path, ok: true });
  }
  for (const path of [...pkg.files.keys()].sort()) {
    if (path !== 'manifest.json' && !listed.has(path)) out.push({ path, ok: false, message: m('steht nicht im Manifest', 'not listed in the manifest') });
  }
  // Rules and tests may only point at files the manifest lists (and hence checks).
  for (const r of pkg.manifest.rules) {
    for (const f of r.files) {
      const entry = pkg.manifest.files.find((x) => x.path === f.path);
      if (!entry) out.push({ path: f.path, ok: false, message: m(`Regel ${r.id} verweist auf eine Datei, die nicht im Manifest steht`, `rule ${r.id} refers to a file not listed in the manifest`) });
      else if (entry.sha256 !== f.sha256) out.push({ path: f.path, ok: false, message: m(`Regel ${r.id}: SHA-256 weicht von der Dateiliste ab`, `rule ${r.id}: SHA-256 differs from the file list`) });
    }
  }
  for (const t of pkg.manifest.tests) {
    for (const p of [t.input, t.expected]) {
      if (!listed.has(p)) out.push({ path: p, ok: false, message: m(`Test ${t.id} verweist auf eine Datei, die nicht im Manifest steht`, `test ${t.id} refers to a file not listed in the manifest`) });
    }
  }
  return out;
}

export type ImportResult = { ok: true; project: Project; manifest: Manifest; projectText: string } | (Refusal & { errors?: Diagnostic[] });

/** Reads a package for import into Regelwerk: safe unpacking, all checksums, then the project inside. */
export async function importDepotPackage(bytes: Uint8Array, name = m('Paket', 'package'), limits?: ZipLimits): Promise<ImportResult> {
  const pkg = unpackDepotPackage(bytes, limits);
  if (!pkg.ok) return pkg;
  const bad = (await checkChecksums(pkg)).filter((c) => !c.ok);
  if (bad.length) {
    return {
      ok: false,
      code: 'depot.checksum',
      message: checksumRefusal(bad),
    };
  }
  const text = fileText(pkg, 'project.regelwerk.json');
  if (text === undefined) {
    return { ok: false, code: 'depot.no-project', message: m('Das Paket enthält kein project.regelwerk.json und lässt sich nicht als Projekt öffnen.', 'The package has no project.regelwerk.json and cannot be opened as a project.') };
  }
  const r = loadProject(text, `${name}: project.regelwerk.json`);
  if (!r.ok) return { ok: false, code: 'depot.bad-project', message: m('Das Projekt im Paket ist ungültig.', 'The project in the package is invalid.'), errors: r.errors };
  return { ok: true, project: r.project, manifest: pkg.manifest, projectText: text };
}

function checksumRefusal(bad: readonly ChecksumResult[]): string {
  const list = bad
    .slice(0, 5)
    .map((b) => `${b.path}: ${b.message}`)
    .join('; ');
  const more = bad.length - 5;
  return m(
    `Prüfsummen stimmen nicht: ${list}${more > 0 ? ` (und ${more} weitere)` : ''}. Abgelehnt, nichts übernommen.`,
    `Checksums do not match: ${list}${more > 0 ? ` (and ${more} more)` : ''}. Refused, nothing taken over.`,
  );
}
