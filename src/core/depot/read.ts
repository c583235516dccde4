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
  const m = z.files.get('manifest.json');
  if (!m) return { ok: false, code: 'depot.no-manifest', message: 'Das Archiv enthält keine manifest.json: kein Regeldepot-Paket.' };
  const parsed = parseManifest(dec.decode(m));
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
      out.push({ path: f.path, ok: false, message: 'fehlt im Archiv' });
      continue;
    }
    const sha = await sha256Hex(data);
    if (sha !== f.sha256) out.push({ path: f.path, ok: false, message: `SHA-256 stimmt nicht (Manifest ${f.sha256.slice(0, 12)}…, Datei ${sha.slice(0, 12)}…)` });
    else if (data.length !== f.size) out.push({ path: f.path, ok: false, message: `Größe ${data.length} statt ${f.size} Bytes` });
    else out.push({ path: f.path, ok: true });
  }
  for (const path of [...pkg.files.keys()].sort()) {
    if (path !== 'manifest.json' && !listed.has(path)) out.push({ path, ok: false, message: 'steht nicht im Manifest' });
  }
  // Rules and tests may only point at files the manifest lists (and hence checks).
  for (const r of pkg.manifest.rules) {
    for (const f of r.files) {
      const entry = pkg.manifest.files.find((x) => x.path === f.path);
      if (!entry) out.push({ path: f.path, ok: false, message: `Regel ${r.id} verweist auf eine Datei, die nicht im Manifest steht` });
      else if (entry.sha256 !== f.sha256) out.push({ path: f.path, ok: false, message: `Regel ${r.id}: SHA-256 weicht von der Dateiliste ab` });
    }
  }
  for (const t of pkg.manifest.tests) {
    for (const p of [t.input, t.expected]) if (!listed.has(p)) out.push({ path: p, ok: false, message: `Test ${t.id} verweist auf eine Datei, die nicht im Manifest steht` });
  }
  return out;
}

export type ImportResult = { ok: true; project: Project; manifest: Manifest; projectText: string } | (Refusal & { errors?: Diagnostic[] });

/** Reads a package for import into Regelwerk: safe unpacking, all checksums, then the project inside. */
export async function importDepotPackage(bytes: Uint8Array, name = 'Paket', limits?: ZipLimits): Promise<ImportResult> {
  const pkg = unpackDepotPackage(bytes, limits);
  if (!pkg.ok) return pkg;
  const bad = (await checkChecksums(pkg)).filter((c) => !c.ok);
  if (bad.length) {
    return {
      ok: false,
      code: 'depot.checksum',
      message: `Prüfsummen stimmen nicht: ${bad
        .slice(0, 5)
        .map((b) => `${b.path}: ${b.message}`)
        .join('; ')}${bad.length > 5 ? ` (und ${bad.length - 5} weitere)` : ''}. Abgelehnt, nichts übernommen.`,
    };
  }
  const text = fileText(pkg, 'project.regelwerk.json');
  if (text === undefined) return { ok: false, code: 'depot.no-project', message: 'Das Paket enthält kein project.regelwerk.json und lässt sich nicht als Projekt öffnen.' };
  const r = loadProject(text, `${name}: project.regelwerk.json`);
  if (!r.ok) return { ok: false, code: 'depot.bad-project', message: 'Das Projekt im Paket ist ungültig.', errors: r.errors };
  return { ok: true, project: r.project, manifest: pkg.manifest, projectText: text };
}
