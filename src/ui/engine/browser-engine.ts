/**
 * Browser adapter: runs SaxonJS in classic Web Workers from public/saxon-worker.js (which loads the
 * unmodified SaxonJS file and the shared host, see src/build/saxon-asset.ts): a compiler and a runner
 * (see worker-engine.ts), kept warm; requests queued with ids; a request past its time limit or
 * cancelled gets the busy worker terminated and replaced.
 */
import type { HostRequest } from '../../core/runner/worker-engine.ts';
import { WorkerXsltEngine, type HostPortFactory, type WorkerEngineOptions } from '../../core/runner/worker-engine.ts';

export interface BrowserEngineOptions extends WorkerEngineOptions {
  /** URL of saxon-worker.js; default: next to the app, i.e. `${BASE_URL}saxon-worker.js` resolved against the page. */
  workerUrl?: string | URL;
}

/** Where the worker script is: the app's base (relative bases like './' resolve against the page). */
export function defaultWorkerUrl(): URL {
  const base = import.meta.env?.BASE_URL ?? './';
  const page = typeof document !== 'undefined' ? document.baseURI : globalThis.location.href;
  return new URL(`${base.endsWith('/') ? base : base + '/'}saxon-worker.js`, page);
}

/** A port factory that starts the classic SaxonJS Web Worker. */
export function browserHostFactory(workerUrl: string | URL = defaultWorkerUrl()): HostPortFactory {
  return (handlers, role) => {
    const worker = new Worker(workerUrl, { name: `regelwerk-saxon-${role}` }); // classic: importScripts needs it
    worker.onmessage = (e: MessageEvent) => handlers.message(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      handlers.crash({ message: e.message || 'Fehler im SaxonJS-Worker (Skript nicht gefunden?)' });
    };
    worker.onmessageerror = () => handlers.crash({ message: 'Nachricht vom SaxonJS-Worker nicht lesbar' });
    return {
      post: (req: HostRequest) => worker.postMessage(req),
      terminate: () => worker.terminate(),
    };
  };
}

/** The SaxonJS engine for the browser. */
export class BrowserSaxonEngine extends WorkerXsltEngine {
  constructor(options: BrowserEngineOptions = {}) {
    super(browserHostFactory(options.workerUrl), options);
  }
}
