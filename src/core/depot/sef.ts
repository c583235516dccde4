/**
 * SEF (SaxonJS's compiled stylesheet format, JSON) for the rule depot, in Node and in the browser.
 *
 * The compiling is done by the same SaxonJS host the engine uses (saxon-host.cjs, `op: 'compile'`), in a
 * worker started by the engine's port factory (Node: nodeHostFactory, browser: browserHostFactory), so
 * there is no Node-only step such as the xslt3 CLI. What the host returns differs from
 * `xslt3 -export` in two points, both fixed here:
 * - it has no checksum ("Σ"), without which SaxonJS.transform({stylesheetText}) refuses the SEF
 *   ("No checksum found in SEF", SXJS0006): finalizeSef adds it, computed as SaxonJS verifies it;
 * - its "buildDateTime" is the time of compiling: finalizeSef sets it to the package's creation time,
 *   so the same rule gives the same bytes.
 * The module names and base URI inside are the engine's (https://regelwerk.invalid/regelwerk-rule.xsl),
 * where xslt3 writes the file path it read.
 */
import { toTransformError, type TransformError } from '../runner/engine.ts';
import { sandboxError } from '../runner/sandbox.ts';
import type { HostControlMessage, HostPort, HostPortFactory, HostResponse } from '../runner/worker-engine.ts';
import { m } from '../i18n.ts';

export type SefResult = { ok: true; sef: string; timeMs: number } | { ok: false; error: TransformError };

/** Compiles XSLT text to SEF JSON text, one stylesheet at a time. */
export interface SefCompiler {
  compile(stylesheet: string): Promise<SefResult>;
  dispose(): void;
}

export interface SefCompilerOptions {
  /** Limit per stylesheet in ms (default 60000); the worker is replaced when it is exceeded. */
  timeoutMs?: number;
  /** How long SaxonJS may take to load (default 60000). */
  startupTimeoutMs?: number;
}

interface Pending {
  id: number;
  stylesheet: string;
  resolve: (r: SefResult) => void;
  started: number;
  timer?: ReturnType<typeof setTimeout>;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** A SEF compiler over a host port factory (one worker, started on first use). */
export function createSefCompiler(factory: HostPortFactory, options: SefCompilerOptions = {}): SefCompiler {
  const timeoutMs = options.timeoutMs ?? 60000;
  const startupMs = options.startupTimeoutMs ?? 60000;
  let port: HostPort | null = null;
  let ready = false;
  let gen = 0;
  let nextId = 1;
  let startupTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  const queue: Pending[] = [];
  let current: Pending | null = null;

  const finish = (job: Pending, r: SefResult) => {
    clearTimeout(job.timer);
    if (current === job) current = null;
    port?.setActive?.(false);
    job.resolve(r);
    pump();
  };
  const fail = (job: Pending, code: string, message: string, kind: TransformError['kind'] = 'internal') => finish(job, { ok: false, error: { kind, code, message } });

  const kill = () => {
    gen++;
    clearTimeout(startupTimer);
    try {
      port?.terminate();
    } catch {
      /* already gone */
    }
    port = null;
    ready = false;
  };

  const spawn = () => {
    const g = ++gen;
    ready = false;
    try {
      port = startPort(g);
    } catch (e) {
      port = null;
      crash(m(`Der SaxonJS-Worker konnte nicht gestartet werden: ${(e as Error)?.message ?? e}`, `The SaxonJS worker could not be started: ${(e as Error)?.message ?? e}`));
      return;
    }
    port.setActive?.(false);
    startupTimer = setTimeout(() => {
      if (g === gen && !ready) crash(m(`SaxonJS wurde nicht innerhalb von ${startupMs} ms geladen.`, `SaxonJS did not load within ${startupMs} ms.`));
    }, startupMs);
  };

  const startPort = (g: number): HostPort =>
    factory(
      {
        message: (msg: HostResponse | HostControlMessage) => {
          if (g !== gen) return;
          if ('type' in msg) {
            if (msg.type === 'ready') {
              clearTimeout(startupTimer);
              ready = msg.mode === 'sef';
              if (!ready) {
                kill();
                for (const j of [...(current ? [current] : []), ...queue.splice(0)]) fail(j, 'depot.no-sef', m('Diese SaxonJS-Version kann keine SEF-Dateien erzeugen.', 'This SaxonJS version cannot produce SEF files.'));
                return;
              }
              pump();
            } else crash(msg.message);
            return;
          }
          const job = current;
          if (!job || msg.id !== job.id) return;
          if (msg.ok && typeof msg.sef === 'string') finish(job, { ok: true, sef: msg.sef, timeMs: now() - job.started });
          else if (!msg.ok) finish(job, { ok: false, error: toTransformError(msg.error, 'compile') });
          else fail(job, 'depot.no-sef', m('Der SaxonJS-Worker hat keine SEF geliefert.', 'The SaxonJS worker returned no SEF.'));
        },
        crash: (err) => {
          if (g === gen) crash(err.message);
        },
      },
      'compiler',
    );

  const crash = (message: string) => {
    kill();
    const waiting = [...(current ? [current] : []), ...queue.splice(0)];
    current = null;
    for (const j of waiting) fail(j, 'runner.worker-crashed', m(`Der SaxonJS-Worker ist ausgefallen: ${message}`, `The SaxonJS worker failed: ${message}`));
  };

  const pump = () => {
    if (disposed || current) return;
    const job = queue.shift();
    if (!job) return;
    current = job;
    if (!port) spawn();
    if (!ready || !port) {
      // Put it back in front; 'ready' calls pump() again.
      current = null;
      queue.unshift(job);
      return;
    }
    job.started = now();
    job.timer = setTimeout(() => {
      kill();
      fail(job, 'runner.timeout', m(`Übersetzen nach SEF dauerte länger als ${timeoutMs} ms und wurde abgebrochen.`, `Compiling to SEF took longer than ${timeoutMs} ms and was stopped.`), 'timeout');
    }, timeoutMs);
    port.setActive?.(true);
    port.post({ op: 'compile', id: job.id, stylesheet: job.stylesheet });
  };

  return {
    compile(stylesheet: string): Promise<SefResult> {
      if (disposed) return Promise.resolve({ ok: false, error: { kind: 'internal', code: 'runner.disposed', message: disposedMessage() } });
      // The same static sandbox check the engine makes before it compiles.
      const refused = sandboxError(stylesheet);
      if (refused) return Promise.resolve({ ok: false, error: refused });
      return new Promise((resolve) => {
        queue.push({ id: nextId++, stylesheet, resolve, started: 0 });
        pump();
      });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      const waiting = [...(current ? [current] : []), ...queue.splice(0)];
      kill();
      for (const j of waiting) {
        clearTimeout(j.timer);
        j.resolve({ ok: false, error: { kind: 'internal', code: 'runner.disposed', message: disposedMessage() } });
      }
    },
  };
}

const disposedMessage = (): string => m('Der SEF-Übersetzer wurde beendet.', 'The SEF compiler was shut down.');

type SefNode = { N?: unknown; C?: SefNode[]; [k: string]: unknown };

const SIGMA = String.fromCharCode(931);

/**
 * The SEF checksum ("Σ") as SaxonJS 2 verifies it on loading: an XOR over shifted character sums of
 * every node's name and properties (except N, C, ELAB, PUSH, parentNode, a catch node's test, Σ).
 */
export function sefChecksum(root: SefNode): string {
  let h = 0;
  let s = 0;
  // Mirrors SaxonJS's arithmetic exactly, including int32 wrap-around of << and the final add.
  const e = (z: unknown, k: number): number => {
    const str = z as string;
    k <<= 8;
    const len = typeof str === 'string' ? str.length : 0;
    for (let x = 0; x < len; x++) k = (k << 1) + str.charCodeAt(x);
    return k;
  };
  const b = (z: unknown, k: unknown, x: number): number => e(z, x) ^ e(k, x);
  const visit = (z: SefNode) => {
    h ^= b(z.N, 'http://ns.saxonica.com/xslt/export', s++);
    for (const key in z) {
      if (!Object.prototype.hasOwnProperty.call(z, key)) continue;
      if (key === 'N' || key === 'C' || key === 'ELAB' || key === 'PUSH' || key === 'parentNode' || (z.N === 'catch' && key === 'test') || key === SIGMA) continue;
      h ^= b(key, '', s);
      h ^= e(z[key], s);
    }
    if (Array.isArray(z.C)) z.C.forEach(visit);
    h ^= 1;
  };
  visit(root);
  return (h < 0 ? 4294967295 + h + 1 : h).toString(16);
}

/** Makes host SEF loadable by SaxonJS.transform and reproducible: fixed buildDateTime, checksum added. */
export function finalizeSef(sefJson: string, buildDateTime: string): string {
  const root = JSON.parse(sefJson) as SefNode;
  if ('buildDateTime' in root) root.buildDateTime = buildDateTime;
  delete root[SIGMA];
  root[SIGMA] = sefChecksum(root);
  return JSON.stringify(root);
}

/** Checks a SEF file: JSON, a package node, a checksum that matches. Returns a message (core language) or undefined. */
export function checkSef(sefJson: string): string | undefined {
  let root: SefNode;
  try {
    root = JSON.parse(sefJson) as SefNode;
  } catch (e) {
    return m(`SEF ist kein gültiges JSON (${(e as Error).message}).`, `The SEF is not valid JSON (${(e as Error).message}).`);
  }
  if (!root || typeof root !== 'object' || root.N !== 'package') {
    return m('SEF hat nicht das Format eines SaxonJS-Pakets (N = "package" fehlt).', 'The SEF is not a SaxonJS package (N = "package" is missing).');
  }
  const stored = root[SIGMA];
  if (typeof stored !== 'string') return m('SEF ohne Prüfsumme (Σ): SaxonJS würde sie nicht laden.', 'The SEF has no checksum (Σ): SaxonJS would not load it.');
  const actual = sefChecksum(root);
  return stored === actual ? undefined : m(`SEF-Prüfsumme stimmt nicht (gespeichert ${stored}, berechnet ${actual}).`, `SEF checksum does not match (stored ${stored}, computed ${actual}).`);
}
