/** Depot test helpers: a shared SEF compiler, building the sample package, re-packing with changes. */
import { unzipSync, zipSync } from 'fflate';
import { buildDepotPackage, type BuildResult } from '../../../src/core/depot/build.ts';
import { sha256Hex, type Manifest } from '../../../src/core/depot/manifest.ts';
import { createSefCompiler, type SefCompiler } from '../../../src/core/depot/sef.ts';
import type { Project } from '../../../src/core/model/project.ts';
import { nodeHostFactory } from '../../../src/core/runner/saxon-node.ts';
import { sampleProject } from '../orgs/helpers.ts';

let compiler: SefCompiler | undefined;

/** One SEF compiler per test file (dispose in afterAll). */
export function sefCompiler(): SefCompiler {
  compiler ??= createSefCompiler(nodeHostFactory());
  return compiler;
}

export function disposeSefCompiler(): void {
  compiler?.dispose();
  compiler = undefined;
}

/** Builds a package of `project` (default: the sample); throws on build errors. */
export async function build(version = '1.0.0', project: Project = sampleProject(), createdAt?: string): Promise<Extract<BuildResult, { ok: true }>> {
  const r = await buildDepotPackage(project, { version, sef: sefCompiler(), createdAt });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** The files of a ZIP (fflate, no checks). */
export function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

/** Re-packs with fflate as-is (any names, for crafting bad packages). */
export function rezip(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files);
}

/** Changes files of a package; with `fixManifest`, the manifest's checksums follow the change (a consistent but altered package). */
export async function alter(bytes: Uint8Array, change: Record<string, string>, fixManifest = false): Promise<Uint8Array> {
  const files = unzip(bytes);
  for (const [path, text] of Object.entries(change)) files[path] = enc.encode(text);
  if (fixManifest) {
    const m = JSON.parse(dec.decode(files['manifest.json'])) as Manifest;
    for (const f of m.files) {
      if (change[f.path] === undefined) continue;
      f.sha256 = await sha256Hex(files[f.path]);
      f.size = files[f.path].length;
      for (const r of m.rules) for (const rf of r.files) if (rf.path === f.path) rf.sha256 = f.sha256;
    }
    files['manifest.json'] = enc.encode(JSON.stringify(m, null, 2));
  }
  return rezip(files);
}

/** A text file of a package. */
export function textOf(bytes: Uint8Array, path: string): string {
  const f = unzip(bytes)[path];
  if (!f) throw new Error(`${path} not in package`);
  return dec.decode(f);
}
