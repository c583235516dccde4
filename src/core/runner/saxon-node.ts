/**
 * Node adapter: runs SaxonJS (the npm package, unmodified) in worker threads (a compiler and a runner,
 * see worker-engine.ts), so a runaway rule can be killed after its time limit. Each worker loads
 * saxon-host.cjs, the same host file the browser worker uses, which compiles stylesheets to SEF and
 * enforces the run-time sandbox.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { m } from '../i18n.ts';
import {
  WorkerXsltEngine,
  type HostControlMessage,
  type HostPort,
  type HostPortFactory,
  type HostRequest,
  type HostResponse,
  type WorkerEngineOptions,
} from './worker-engine.ts';

export interface NodeEngineOptions extends WorkerEngineOptions {
  /**
   * Stack size of the worker thread in MB. SaxonJS recurses on the JavaScript stack: with Node's default
   * (~4 MB) a recursive template fails at a depth of ~1000-5000; 64 MB allows ~20000 and lets an endless
   * recursion run ~1.5-4 s before it overflows (reported as runner.stack-overflow). Default 64.
   */
  stackSizeMb?: number;
  /** Heap limit of the worker in MB (a rule that exhausts it fails with runner.out-of-memory). Default: Node's. */
  maxOldGenerationSizeMb?: number;
  /** Host mode, for tests: 'xpath' forces the fn:transform fallback (compiles on every call). */
  hostMode?: 'sef' | 'xpath';
}

const require = createRequire(import.meta.url);

/** Code the worker thread runs (CommonJS, eval'd: no file to resolve or transpile). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let host;
try {
  const SaxonJS = require(workerData.saxonPath);
  host = require(workerData.hostPath)(SaxonJS, { mode: workerData.hostMode });
} catch (e) {
  parentPort.postMessage({ type: 'fatal', message: String(e && e.stack || e) });
}
if (host) {
  parentPort.on('message', (req) => parentPort.postMessage(host.handle(req)));
  parentPort.postMessage({ type: 'ready', mode: host.mode });
}
`;

/** A port factory that starts SaxonJS in a Node worker thread. */
export function nodeHostFactory(options: NodeEngineOptions = {}): HostPortFactory {
  const saxonPath = require.resolve('saxon-js');
  const hostPath = fileURLToPath(new URL('./saxon-host.cjs', import.meta.url));
  return (handlers) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { saxonPath, hostPath, hostMode: options.hostMode },
      resourceLimits: {
        stackSizeMb: options.stackSizeMb ?? 64,
        ...(options.maxOldGenerationSizeMb ? { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb } : {}),
      },
    });
    let exited = false;
    worker.on('message', (msg: HostResponse | HostControlMessage) => handlers.message(msg));
    worker.on('error', (err: Error & { code?: string }) => {
      exited = true;
      handlers.crash({ message: err.message, code: err.code });
    });
    worker.on('exit', (code) => {
      if (!exited) {
        exited = true;
        handlers.crash({ message: m(`Worker beendet (Code ${code})`, `worker exited (code ${code})`) });
      }
    });
    const port: HostPort = {
      post: (req: HostRequest) => worker.postMessage(req),
      terminate: () => {
        exited = true;
        void worker.terminate();
      },
      setActive: (active) => (active ? worker.ref() : worker.unref()),
    };
    return port;
  };
}

/** The SaxonJS engine for Node (CLI, tests, bench): one warm worker thread, requests queued. */
export class NodeSaxonEngine extends WorkerXsltEngine {
  constructor(options: NodeEngineOptions = {}) {
    super(nodeHostFactory(options), options);
  }
}

/** Creates a Node SaxonJS engine; call dispose() when done (an idle worker does not keep Node alive). */
export function createNodeEngine(options: NodeEngineOptions = {}): NodeSaxonEngine {
  return new NodeSaxonEngine(options);
}
