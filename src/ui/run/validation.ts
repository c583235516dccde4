/**
 * The UI side of message checks: one lazily started Web Worker (validate.worker.ts), requests answered
 * in order. Schema sets are sent with a request only when the worker has not seen that version.
 * A check that takes longer than its time limit (a schema pattern that backtracks without end, a huge
 * message) stops the worker: what waits fails with a clear message, the next check starts a new worker.
 */
import type { MessageType, SchemaSet } from '../../core/model/project.ts';
import type { MessageCheck } from '../../core/runner/validate.ts';
import { m, messageLang } from '../../core/i18n.ts';
import type { CheckRequest } from './validate.worker.ts';
import ValidateWorker from './validate.worker.ts?worker';

type Answer = { id: number; result?: MessageCheck; error?: string; missingSets?: boolean };

let worker: Worker | undefined;
/** Default time limit of one check: the run's default time limit. */
const CHECK_TIMEOUT_MS = 10_000;
let nextId = 1;
let nextSetsId = 1;
const setsIds = new WeakMap<readonly SchemaSet[], number>();
const sent = new Set<number>();
const waiting = new Map<number, { req: CheckRequest; sets: readonly SchemaSet[]; resolve(r: MessageCheck): void; reject(e: Error): void }>();

function start(): Worker {
  const w = new ValidateWorker();
  w.onmessage = (e: MessageEvent<Answer>) => {
    const a = e.data;
    const job = waiting.get(a.id);
    if (!job) return;
    if (a.missingSets) {
      // The worker dropped that version: send it along this time.
      w.postMessage({ ...job.req, sets: job.sets });
      return;
    }
    waiting.delete(a.id);
    if (a.result) job.resolve(a.result);
    else job.reject(new Error(a.error ?? m('Prüfung fehlgeschlagen', 'Check failed')));
  };
  w.onerror = (e) => {
    e.preventDefault();
    // A crashed worker (e.g. out of memory on a huge message) fails what waits; the next check starts a new one.
    stop(w, e.message || m('Der Prüf-Worker ist abgestürzt.', 'The check worker crashed.'));
  };
  return w;
}

/** Ends the worker: everything waiting fails with `message`. */
function stop(w: Worker, message: string): void {
  if (worker === w) worker = undefined;
  sent.clear();
  for (const [id, job] of waiting) {
    waiting.delete(id);
    job.reject(new Error(message));
  }
  w.terminate();
}

/** Checks a message of a flow's source or target type in the worker (XSD, else the schema tree), within `timeoutMs`. */
export function checkInWorker(sets: readonly SchemaSet[], msg: MessageType | undefined, xml: string, timeoutMs = CHECK_TIMEOUT_MS): Promise<MessageCheck> {
  worker ??= start();
  let setsId = setsIds.get(sets);
  if (setsId === undefined) {
    setsId = nextSetsId++;
    setsIds.set(sets, setsId);
  }
  const req: CheckRequest = { id: nextId++, setsId, msg, xml, lang: messageLang() };
  if (!sent.has(setsId)) {
    sent.add(setsId);
    req.sets = sets as SchemaSet[];
  }
  const w = worker;
  return new Promise<MessageCheck>((resolve, reject) => {
    // Counted from the request: checks queued behind a slow one share its fate, and are asked again with the next output.
    const timer = setTimeout(() => {
      if (!waiting.has(req.id)) return;
      const sec = (timeoutMs / 1000).toLocaleString(messageLang());
      stop(w, m(`Prüfung nach ${sec} s abgebrochen (Zeitlimit). Ein Muster im Schema oder eine sehr große Nachricht?`, `Check stopped after ${sec} s (time limit). A pattern in the schema, or a very large message?`));
    }, timeoutMs);
    const done = () => clearTimeout(timer);
    waiting.set(req.id, { req: { ...req, sets: undefined }, sets, resolve: (r) => (done(), resolve(r)), reject: (e) => (done(), reject(e)) });
    w.postMessage(req);
  });
}
