/**
 * Web Worker for message checks (libxml2-wasm XSD validation, the structure check against inferred
 * trees, well-formedness): a 1 MB message takes 100–200 ms in Chromium, and compiling a schema set like
 * xdomea longer, so none of it runs on the UI thread. Schema sets are sent once per version (by id).
 *
 * The checking code is imported dynamically: libxml2-wasm instantiates its WebAssembly in a top-level
 * await, and a module worker whose evaluation is still suspended there drops messages posted to it
 * (no listener yet). So the listener is installed first, synchronously, and requests are handled in order.
 */
import type { MessageType, SchemaSet } from '../../core/model/project.ts';

export interface CheckRequest {
  id: number;
  setsId: number;
  /** Present when the worker may not have this version of the schema sets yet. */
  sets?: SchemaSet[];
  msg?: MessageType;
  xml: string;
  lang?: 'de' | 'en'; // the page's core message language (src/core/i18n.ts): findings are worded in it
}

type Checker = typeof import('../../core/runner/validate.ts');

let checker: Promise<{ mod: Checker; validation: InstanceType<Checker['XsdValidation']> }> | undefined;
const known = new Map<number, SchemaSet[]>();
let queue: Promise<void> = Promise.resolve();

async function handle(req: CheckRequest): Promise<void> {
  const { id, setsId, sets, msg, xml } = req;
  if (sets) {
    known.set(setsId, sets);
    // Keep the few latest versions only.
    for (const k of [...known.keys()]) if (known.size > 3 && k !== setsId) known.delete(k);
  }
  const have = known.get(setsId);
  if (!have) {
    self.postMessage({ id, missingSets: true });
    return;
  }
  try {
    checker ??= import('../../core/runner/validate.ts').then((mod) => ({ mod, validation: new mod.XsdValidation() }));
    const { mod, validation } = await checker;
    mod.setMessageLang(req.lang ?? 'de');
    self.postMessage({ id, result: mod.checkMessage(validation, have, msg, xml) });
  } catch (err) {
    self.postMessage({ id, error: String((err as Error)?.message ?? err) });
  }
}

self.onmessage = (e: MessageEvent<CheckRequest>) => {
  queue = queue.then(() => handle(e.data));
};
