/**
 * The schema import worker: the dialog's heavy lifting (decoding, unzipping, importing) happens
 * here, so the page never freezes, whatever the size of the upload. One worker per dialog; it keeps
 * the decoded files for re-imports (another kind, an edited catalog).
 */
import { importSchemaSetUncached } from '../../core/schema/index.ts';
import { setMessageLang } from '../../core/i18n.ts';
import { filesFor, guessKind, prepare, unresolvedOf, type ReadFile, type StoredFile } from './prepare.ts';
import type { FromWorker, RawFile, ToWorker } from './protocol.ts';

let stored: StoredFile[] = [];

const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);

// Reads the picked files here, not in the page: a 50 MB read then costs the page nothing.
async function readAll(files: RawFile[]): Promise<ReadFile[]> {
  const total = files.reduce((n, f) => n + f.blob.size, 0);
  let done = 0;
  const out: ReadFile[] = [];
  for (const f of files) {
    post({ type: 'progress', phase: 'read', done, total, file: f.name });
    out.push({ name: f.name, bytes: new Uint8Array(await f.blob.arrayBuffer()), folder: f.folder });
    done += f.blob.size;
  }
  post({ type: 'progress', phase: 'read', done, total });
  return out;
}

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  setMessageLang(msg.lang);
  try {
    if (msg.type === 'load') {
      let last = 0;
      const read = await readAll(msg.files);
      const r = prepare(read, (phase, done, total, file) => {
        // At most ~20 progress messages a second: enough for a smooth bar.
        const now = performance.now();
        if (now - last < 50 && done < total) return;
        last = now;
        post({ type: 'progress', phase, done, total, file });
      });
      stored = r.files;
      post({ type: 'loaded', files: stored.map((f) => ({ name: f.name, size: f.size })), skipped: r.skipped, guess: guessKind(stored), diagnostics: r.diagnostics });
    } else if (msg.type === 'import') {
      const files = filesFor(msg.kind, stored);
      post({ type: 'progress', phase: 'import', done: 0, total: files.length });
      const t0 = performance.now();
      const result = importSchemaSetUncached({ id: 'import', name: 'import', kind: msg.kind, files: files.map(({ name, content }) => ({ name, content })), catalog: msg.catalog });
      post({
        type: 'imported',
        kind: msg.kind,
        roots: result.roots,
        diagnostics: result.diagnostics,
        unresolved: unresolvedOf(result.diagnostics),
        used: files.map((f) => f.name),
        ms: performance.now() - t0,
      });
    } else if (msg.type === 'contents') {
      post({ type: 'contents', files: filesFor(msg.kind, stored).map(({ name, content }) => ({ name, content })) });
    }
  } catch (err) {
    post({ type: 'failed', message: String((err as Error)?.message ?? err) });
  }
};
