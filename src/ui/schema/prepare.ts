/**
 * The worker's pure steps: decode bytes (honouring an XML encoding declaration and BOMs), unpack
 * ZIP archives (fflate), pick the files a schema kind reads, guess the kind, and list what the
 * importer could not resolve (catalog candidates). No DOM: runs in the worker and in Node.
 */
import { unzipSync } from 'fflate';
import type { Diagnostic } from '../../core/diagnostics.ts';
import { extensionOf } from '../../core/schema/kind.ts';
import { m } from '../../core/i18n.ts';
import { MAX_FILE_BYTES, type SchemaKind } from './protocol.ts';

export { extensionOf, guessKind } from '../../core/schema/kind.ts';

/** A file read into memory. */
export interface ReadFile {
  name: string;
  bytes: Uint8Array;
  folder?: boolean;
}

/** A decoded file the worker keeps; `archive` files are filtered by extension per kind. */
export interface StoredFile {
  name: string;
  content: string;
  size: number;
  archive: boolean;
}

const KNOWN = /\.(xsd|json|xml)$/i;
const ZIP = /\.zip$/i;

/** Decodes bytes: BOM first, then an XML declaration's encoding, else UTF-8. */
export function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const enc = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1];
  let label = 'utf-8';
  if (enc) {
    try {
      new TextDecoder(enc);
      label = enc;
    } catch {
      label = 'utf-8';
    }
  }
  const text = new TextDecoder(label).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function tooLarge(name: string, size: number): Diagnostic {
  return {
    severity: 'error',
    code: 'schema.file-too-large',
    message: m(
      `Datei zu groß (${(size / 1024 / 1024).toFixed(1)} MB, höchstens ${MAX_FILE_BYTES / 1024 / 1024} MB je Datei); sie wird nicht gelesen.`,
      `File too large (${(size / 1024 / 1024).toFixed(1)} MB, at most ${MAX_FILE_BYTES / 1024 / 1024} MB per file); it is not read.`,
    ),
    location: { file: name, line: 1 },
  };
}

/** Decodes and unpacks picked files; `progress` is called per file. */
export function prepare(
  raw: ReadFile[],
  progress: (phase: 'decode' | 'unzip', done: number, total: number, file: string) => void,
): { files: StoredFile[]; skipped: { name: string; reason: string }[]; diagnostics: Diagnostic[] } {
  const files: StoredFile[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const diagnostics: Diagnostic[] = [];
  raw.forEach((f, i) => {
    progress('decode', i, raw.length, f.name);
    const bytes = f.bytes;
    if (ZIP.test(f.name) || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
      const prefix = f.name.replace(/\.zip$/i, '');
      try {
        let n = 0;
        const entries = unzipSync(bytes, {
          filter: (e) => {
            progress('unzip', n++, 0, e.name);
            if (e.name.endsWith('/') || !KNOWN.test(e.name) || /(^|\/)(__MACOSX|\.)/.test(e.name)) {
              if (!e.name.endsWith('/')) skipped.push({ name: `${f.name}/${e.name}`, reason: otherKind() });
              return false;
            }
            if (e.originalSize > MAX_FILE_BYTES) {
              diagnostics.push(tooLarge(`${prefix}/${e.name}`, e.originalSize));
              return false;
            }
            return true;
          },
        });
        for (const [name, data] of Object.entries(entries)) files.push({ name: `${prefix}/${name}`, content: decode(data), size: data.length, archive: true });
      } catch (e) {
        const why = (e as Error).message;
        diagnostics.push({ severity: 'error', code: 'schema.bad-zip', message: m(`ZIP-Archiv nicht lesbar: ${why}`, `ZIP archive cannot be read: ${why}`), location: { file: f.name } });
      }
      return;
    }
    if (bytes.length > MAX_FILE_BYTES) {
      diagnostics.push(tooLarge(f.name, bytes.length));
      return;
    }
    // Files from a folder carry their relative path; those of other kinds are filtered per kind.
    // Other file types (Schematron, PDF, genericode .gc …) are never read, picked or not.
    if (!KNOWN.test(f.name)) {
      skipped.push({ name: f.name, reason: otherKind() });
      return;
    }
    files.push({ name: f.name, content: decode(bytes), size: bytes.length, archive: !!f.folder });
  });
  progress('decode', raw.length, raw.length, '');
  // Archives often share one top folder: drop it, so names match schemaLocations.
  const common = commonFolder(files.map((f) => f.name));
  if (common) for (const f of files) f.name = f.name.slice(common.length);
  return { files, skipped, diagnostics };
}

const otherKind = (): string => m('andere Dateiart', 'other file type');

function commonFolder(names: string[]): string {
  if (names.length < 2 && !(names[0]?.includes('/') ?? false)) return '';
  let prefix = names[0]?.slice(0, names[0].lastIndexOf('/') + 1) ?? '';
  for (const n of names) while (prefix && !n.startsWith(prefix)) prefix = prefix.slice(0, prefix.slice(0, -1).lastIndexOf('/') + 1);
  return prefix;
}

/** The files a kind reads: picked files always, archive/folder files by extension. */
export function filesFor(kind: SchemaKind, files: StoredFile[]): StoredFile[] {
  const ext = extensionOf(kind);
  return files.filter((f) => !f.archive || ext.test(f.name));
}

/** Locations, namespaces and $ref URIs the importer could not resolve, read from its diagnostics. */
export function unresolvedOf(ds: readonly Diagnostic[]): string[] {
  const out = new Set<string>();
  for (const d of ds) {
    // German messages quote „so“, English ones "so".
    const quoted = [...d.message.matchAll(/„([^“]+)“|"([^"]+)"/g)].map((q) => q[1] ?? q[2]);
    if (d.code === 'xsd.unresolved-import') {
      // „namespace“ and, when given, „schemaLocation“: the location is the more specific key.
      const key = quoted[1] ?? quoted[0];
      if (key && key !== '(kein Namensraum)' && key !== '(no namespace)') out.add(key);
    } else if (d.code.startsWith('xsd.unresolved-')) {
      if (quoted[0]) out.add(quoted[0]);
    } else if (d.code === 'json-schema.unresolved-ref' && quoted[1]) out.add(quoted[1]);
  }
  return [...out];
}
