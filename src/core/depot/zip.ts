/**
 * ZIP for depot packages. Writing: fflate, with sorted entries and one fixed timestamp, so equal
 * contents give equal bytes. Reading: a small reader of our own that checks everything before and while
 * it inflates: paths that leave the package (../, absolute, drive letters, backslashes), duplicate
 * names, encryption, ZIP64, and the unpacked size (declared and actual) against a budget derived from
 * the archive size, so a zip bomb is refused after at most one small chunk beyond the budget.
 */
import { Inflate, zipSync } from 'fflate';
import { m } from '../i18n.ts';

/** DOS timestamps are local wall-clock time: a date built from local parts gives the same bytes in every time zone. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** Writes a ZIP with entries sorted by path, deflated, all dated 1980-01-01 00:00. */
export function writeZip(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const paths = [...files.keys()].sort();
  const data: Record<string, [Uint8Array, { level: 6; mtime: Date }]> = {};
  for (const p of paths) {
    const problem = pathProblem(p);
    if (problem) throw new Error(m(`Ungültiger Pfad im Paket: ${problem}`, `Invalid path in the package: ${problem}`));
    data[p] = [files.get(p)!, { level: 6, mtime: FIXED_MTIME }];
  }
  return zipSync(data);
}

export interface ZipLimits {
  /** Unpacked bytes allowed per archive byte (default 100: XML and JSON compress ~5–20×). */
  maxRatio?: number;
  /** Unpacked bytes always allowed, whatever the archive size (default 8 MiB). */
  minBudget?: number;
  /** Hard ceiling on unpacked bytes (default 512 MiB). */
  maxTotal?: number;
  /** Most entries (default 20000). */
  maxEntries?: number;
}

export type ZipReadResult = { ok: true; files: Map<string, Uint8Array> } | { ok: false; code: string; message: string };

/** Why a path may not be in a package, or undefined when it is fine. */
export function pathProblem(path: string): string | undefined {
  if (!path) return m('leerer Name', 'empty name');
  if (path.includes('\\')) return m(`"${path}" enthält "\\"`, `"${path}" contains "\\"`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(path)) return m(`"${path}" enthält Steuerzeichen`, `"${path}" contains control characters`);
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return m(`"${path}" ist ein absoluter Pfad`, `"${path}" is an absolute path`);
  const segs = path.replace(/\/$/, '').split('/');
  if (segs.some((s) => s === '..')) return m(`"${path}" verlässt das Paket (..)`, `"${path}" leaves the package (..)`);
  if (segs.some((s) => s === '' || s === '.')) return m(`"${path}" hat einen leeren Pfadteil`, `"${path}" has an empty path segment`);
  return undefined;
}

const CHUNK = 16 * 1024;

/** Reads a ZIP; refuses (with code and reason) anything unsafe, and returns nothing of it. */
export function readZip(bytes: Uint8Array, limits: ZipLimits = {}): ZipReadResult {
  const fail = (code: string, message: string): ZipReadResult => ({ ok: false, code, message });
  const maxEntries = limits.maxEntries ?? 20000;
  const budget = Math.min(limits.maxTotal ?? 512 * 1024 * 1024, Math.max(limits.minBudget ?? 8 * 1024 * 1024, (limits.maxRatio ?? 100) * bytes.length));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);

  // End of central directory: 22 bytes + up to 65535 bytes of comment, at the very end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (u32(i) === 0x06054b50 && i + 22 + u16(i + 20) === bytes.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return fail('depot.not-zip', m('Die Datei ist kein ZIP-Archiv (kein Inhaltsverzeichnis am Ende gefunden).', 'The file is not a ZIP archive (no central directory found at its end).'));
  const count = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdOffset = u32(eocd + 16);
  const zip64 = () => m('ZIP64-Archive werden nicht unterstützt.', 'ZIP64 archives are not supported.');
  const damagedDir = (i: number) => m(`ZIP-Inhaltsverzeichnis beschädigt (Eintrag ${i + 1}).`, `ZIP central directory damaged (entry ${i + 1}).`);
  if (count === 0xffff || cdOffset === 0xffffffff) return fail('depot.zip64', zip64());
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== count) return fail('depot.multi-disk', m('Mehrteilige ZIP-Archive werden nicht unterstützt.', 'Multi-part ZIP archives are not supported.'));
  if (count > maxEntries) return fail('depot.too-many-entries', m(`Das Archiv hat ${count} Einträge (höchstens ${maxEntries}).`, `The archive has ${count} entries (at most ${maxEntries}).`));
  if (cdOffset + cdSize > eocd) return fail('depot.corrupt', m('Das ZIP-Inhaltsverzeichnis liegt außerhalb der Datei.', 'The ZIP central directory lies outside the file.'));

  interface Entry {
    name: string;
    method: number;
    crc: number;
    csize: number;
    usize: number;
    offset: number;
  }
  const entries: Entry[] = [];
  const names = new Set<string>();
  let declared = 0;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let i = 0, p = cdOffset; i < count; i++) {
    if (p + 46 > eocd || u32(p) !== 0x02014b50) return fail('depot.corrupt', damagedDir(i));
    const flags = u16(p + 8);
    const e: Entry = { name: '', method: u16(p + 10), crc: u32(p + 16), csize: u32(p + 20), usize: u32(p + 24), offset: u32(p + 42) };
    const nlen = u16(p + 28);
    const xlen = u16(p + 30);
    const clen = u16(p + 32);
    if (p + 46 + nlen > eocd) return fail('depot.corrupt', damagedDir(i));
    e.name = decoder.decode(bytes.subarray(p + 46, p + 46 + nlen));
    p += 46 + nlen + xlen + clen;
    const bad = pathProblem(e.name);
    if (bad) return fail('depot.unsafe-path', m(`Unsicherer Pfad im Paket: ${bad}. Es wurde nichts entpackt.`, `Unsafe path in the package: ${bad}. Nothing was unpacked.`));
    if (flags & 1) return fail('depot.encrypted', m(`"${e.name}" ist verschlüsselt; das wird nicht unterstützt.`, `"${e.name}" is encrypted; that is not supported.`));
    if (e.method !== 0 && e.method !== 8) {
      return fail('depot.method', m(`"${e.name}" ist mit Verfahren ${e.method} gepackt (unterstützt: 0, 8).`, `"${e.name}" is packed with method ${e.method} (supported: 0, 8).`));
    }
    if (e.csize === 0xffffffff || e.usize === 0xffffffff || e.offset === 0xffffffff) return fail('depot.zip64', zip64());
    if (names.has(e.name)) return fail('depot.duplicate-entry', m(`"${e.name}" steht zweimal im Archiv.`, `"${e.name}" occurs twice in the archive.`));
    names.add(e.name);
    declared += e.usize;
    entries.push(e);
  }
  if (declared > budget) {
    return fail(
      'depot.zip-bomb',
      m(
        `Das Paket würde ${mb(declared)} entpacken, bei ${kb(bytes.length)} Archivgröße (Faktor ${Math.round(declared / Math.max(1, bytes.length))}); erlaubt sind ${mb(budget)}. Abgelehnt, nichts entpackt.`,
        `The package would unpack to ${mb(declared)} from an archive of ${kb(bytes.length)} (factor ${Math.round(declared / Math.max(1, bytes.length))}); ${mb(budget)} are allowed. Refused, nothing unpacked.`,
      ),
    );
  }

  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const e of entries) {
    const h = e.offset;
    if (h + 30 > bytes.length || u32(h) !== 0x04034b50) return fail('depot.corrupt', m(`Lokaler Kopf von "${e.name}" fehlt oder ist beschädigt.`, `The local header of "${e.name}" is missing or damaged.`));
    const start = h + 30 + u16(h + 26) + u16(h + 28);
    if (start + e.csize > bytes.length) return fail('depot.corrupt', m(`"${e.name}" reicht über das Dateiende hinaus.`, `"${e.name}" runs past the end of the file.`));
    const packed = bytes.subarray(start, start + e.csize);
    if (e.name.endsWith('/')) continue;
    let data: Uint8Array;
    if (e.method === 0) {
      data = packed;
    } else {
      const parts: Uint8Array[] = [];
      let size = 0;
      let over = false;
      const inf = new Inflate((chunk) => {
        size += chunk.length;
        if (size > e.usize || total + size > budget) over = true;
        else parts.push(chunk);
      });
      try {
        for (let o = 0; o < packed.length && !over; o += CHUNK) inf.push(packed.subarray(o, Math.min(packed.length, o + CHUNK)), o + CHUNK >= packed.length);
      } catch (err) {
        return fail('depot.corrupt', m(`"${e.name}" lässt sich nicht entpacken: ${(err as Error).message}.`, `"${e.name}" cannot be unpacked: ${(err as Error).message}.`));
      }
      if (over) {
        return fail(
          'depot.zip-bomb',
          m(
            `"${e.name}" entpackt zu mehr als angegeben (${kb(e.usize)}) oder über die erlaubten ${mb(budget)}. Abgelehnt, nichts entpackt.`,
            `"${e.name}" unpacks to more than declared (${kb(e.usize)}) or beyond the allowed ${mb(budget)}. Refused, nothing unpacked.`,
          ),
        );
      }
      data = concat(parts, size);
    }
    if (data.length !== e.usize) return fail('depot.corrupt', m(`"${e.name}" hat ${data.length} statt ${e.usize} Bytes.`, `"${e.name}" has ${data.length} instead of ${e.usize} bytes.`));
    if (crc32(data) !== e.crc) return fail('depot.corrupt', m(`"${e.name}" ist beschädigt (CRC-32 stimmt nicht).`, `"${e.name}" is damaged (CRC-32 does not match).`));
    total += data.length;
    files.set(e.name, data);
  }
  return { ok: true, files };
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

let CRC_TABLE: Uint32Array | undefined;

/** CRC-32 (ZIP's checksum). */
export function crc32(data: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function kb(n: number): string {
  return `${(n / 1024).toFixed(1)} KiB`;
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
