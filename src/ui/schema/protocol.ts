/**
 * Messages between the schema import dialog and its Web Worker. Files travel as File handles: the
 * worker reads their bytes itself, so not even a 50 MB read touches the page's thread. It decodes,
 * unpacks ZIPs, keeps the files and imports them on request, so a catalog edit or another kind
 * re-imports without sending the files again.
 */
import type { Diagnostic } from '../../core/diagnostics.ts';
import type { SchemaSet } from '../../core/model/project.ts';
import type { QName } from '../../core/schema/types.ts';
import type { MessageLang } from '../../core/i18n.ts';

export type SchemaKind = SchemaSet['kind'];

/** A picked file: name (with folder path) and the File itself (cloning a File copies no bytes). */
export interface RawFile {
  name: string;
  blob: Blob;
  /** Picked as part of a folder: then, like ZIP entries, only files of the chosen kind are read. */
  folder?: boolean;
}

/** Every request carries the UI's language: the worker words its diagnostics in it. */
export type ToWorker = (
  | { type: 'load'; files: RawFile[] }
  | { type: 'import'; kind: SchemaKind; catalog: Record<string, string> }
  | { type: 'contents'; kind: SchemaKind }
) & { lang: MessageLang };

/** What a load found: the usable files, and files left out (other extension, too large). */
export interface LoadResult {
  type: 'loaded';
  files: { name: string; size: number }[];
  skipped: { name: string; reason: string }[];
  /** The kind the contents suggest. */
  guess: SchemaKind;
  diagnostics: Diagnostic[];
}

export interface ImportResult {
  type: 'imported';
  kind: SchemaKind;
  roots: QName[];
  diagnostics: Diagnostic[];
  /** schemaLocations, namespaces or $ref URIs that no file matched (catalog candidates). */
  unresolved: string[];
  /** Names of the files the import used. */
  used: string[];
  ms: number;
}

export type FromWorker =
  | { type: 'progress'; phase: 'read' | 'decode' | 'unzip' | 'import'; done: number; total: number; file?: string }
  | LoadResult
  | ImportResult
  | { type: 'contents'; files: { name: string; content: string }[] }
  | { type: 'failed'; message: string };

/** Files larger than this are not read (a diagnostic says so). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
