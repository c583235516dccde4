/**
 * The UI side of message checks: one lazily started Web Worker (validate.worker.ts), requests answered
 * in order. Schema sets are sent with a request only when the worker has not seen that version.
 */
import type { MessageType, SchemaSet } from '../../core/model/project.ts';
import type { MessageCheck } from '../../core/runner/validate.ts';
import { messageLang } from '../../core/i18n.ts';
import type { CheckRequest } from './validate.worker.ts';
import ValidateWorker from './validate.worker.ts?worker';

type Answer = { id: number; result?: MessageCheck; error?: string; missingSets?: boolean };

let worker: Worker | undefined;
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
    else job.reject(new Error(a.error ?? 'Prüfung fehlgeschlagen'));
  };
  w.onerror = (e) => {
    e.preventDefault();
    // A crashed worker (e.g. out of memory on a huge message) fails what waits; the next check starts a new one.
    worker = undefined;
    sent.clear();
    for (const [id, job] of waiting) {
      waiting.delete(id);
      job.reject(new Error(e.message || 'Der Prüf-Worker ist abgestürzt.'));
    }
    w.terminate();
  };
  return w;
}

/** Checks a message of a flow's source or target type in the worker (XSD, else the schema tree). */
export function checkInWorker(sets: readonly SchemaSet[], msg: MessageType | undefined, xml: string): Promise<MessageCheck> {
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
  return new Promise((resolve, reject) => {
    waiting.set(req.id, { req: { ...req, sets: undefined }, sets, resolve, reject });
    w.postMessage(req);
  });
}
