/**
 * The dialog's handle on its import worker: one request at a time, answers as promises, progress
 * as a callback, and cancel = terminate (a new worker is started for the next request).
 */
import { m, messageLang, type MessageLang } from '../../core/i18n.ts';
import type { FromWorker, ImportResult, LoadResult, RawFile, SchemaKind, ToWorker } from './protocol.ts';

type Request = ToWorker extends infer T ? (T extends unknown ? Omit<T, 'lang'> : never) : never;

export type Progress = Extract<FromWorker, { type: 'progress' }>;

/** The picked files as worker input (names with their folder path when picked as a folder). */
export function pickedFiles(files: readonly File[], folder: boolean): RawFile[] {
  return files.map((f) => {
    const rel = (f as File & { webkitRelativePath?: string }).webkitRelativePath;
    return { name: rel || f.name, blob: f, folder: folder || !!rel };
  });
}

/** A worker session. */
export class ImportClient {
  private worker?: Worker;
  private pending?: { resolve(v: FromWorker): void; reject(e: Error): void; want: FromWorker['type'] };
  onProgress?: (p: Progress) => void;

  private ensure(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
        const m = e.data;
        if (m.type === 'progress') return this.onProgress?.(m);
        const p = this.pending;
        this.pending = undefined;
        if (!p) return;
        if (m.type === 'failed') p.reject(new Error(m.message));
        else p.resolve(m);
      };
      this.worker.onerror = (e) => {
        const p = this.pending;
        this.pending = undefined;
        p?.reject(new Error(e.message || m('Import-Worker abgestürzt', 'The import worker crashed')));
        this.worker?.terminate();
        this.worker = undefined;
      };
    }
    return this.worker;
  }

  private request<T extends FromWorker>(msg: Request, want: T['type']): Promise<T> {
    const w = this.ensure();
    const lang: MessageLang = messageLang();
    return new Promise<T>((resolve, reject) => {
      this.pending = { resolve: resolve as (v: FromWorker) => void, reject, want };
      w.postMessage({ ...msg, lang } as ToWorker);
    });
  }

  /** Sends the files to be read, decoded and unpacked in the worker. */
  load(files: RawFile[]): Promise<LoadResult> {
    return this.request<LoadResult>({ type: 'load', files }, 'loaded');
  }

  /** Imports the loaded files as a kind, with a catalog. */
  import(kind: SchemaKind, catalog: Record<string, string>): Promise<ImportResult> {
    return this.request<ImportResult>({ type: 'import', kind, catalog }, 'imported');
  }

  /** The decoded contents of the files a kind reads (to store them in the project). */
  async contents(kind: SchemaKind): Promise<{ name: string; content: string }[]> {
    const r = await this.request<Extract<FromWorker, { type: 'contents' }>>({ type: 'contents', kind }, 'contents');
    return r.files;
  }

  /** Stops whatever runs; the loaded files are gone with the worker. */
  cancel(): void {
    this.worker?.terminate();
    this.worker = undefined;
    const p = this.pending;
    this.pending = undefined;
    p?.reject(new Error('abgebrochen'));
  }
}
