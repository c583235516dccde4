/**
 * An XsltEngine that runs SaxonJS in workers (Node worker threads or browser Web Workers) through a
 * small port abstraction, so queueing, time limit, cancellation, caching and error mapping are written
 * once for both adapters.
 *
 * Two warm workers by default: a compiler, which turns stylesheet text into SEF (JSON), and a runner,
 * which only ever runs compiled SEF. Keeping SaxonJS's XSLT compiler (itself a large stylesheet run by
 * SaxonJS's interpreter) out of the runner keeps the runner's JIT state lean: measured ~10% faster
 * runs on a 1 MB message than a worker that also compiles. Compiled SEF is cached here by stylesheet
 * text (LRU) and in the runner by key, so an unchanged rule is compiled once. The runner also keeps
 * the last input it parsed (inputKey), so a run of a changed rule on an unchanged sample (a live
 * preview) neither sends nor parses the sample again.
 * Requests run one at a time in arrival order; one time limit covers compile and run; a request that
 * runs past it or is cancelled gets the busy worker terminated and replaced.
 * No DOM and no Node APIs here: the adapters (saxon-node.ts, ui/engine/browser-engine.ts) supply ports.
 */
import { parseXml } from '../xml/dom.ts';
import { m, messageLang, type MessageLang } from '../i18n.ts';
import {
  checkParams,
  DEFAULT_TIMEOUT_MS,
  toTransformError,
  type HostPhase,
  type RawSaxonError,
  type TransformError,
  type TransformRequest,
  type TransformResult,
  type XsltEngine,
} from './engine.ts';
import { sandboxError } from './sandbox.ts';

// ---------------------------------------------------------------------------------------------
// Host protocol (implemented by saxon-host.cjs)

/** A request the worker host understands. */
export type HostRequest =
  /** Compile stylesheet text to SEF JSON. */
  | { op: 'compile'; id: number; stylesheet: string }
  /**
   * Run. With sefKey: the SEF cached under that key (sef carries its JSON when the runner may not
   * have it). Without: compile `stylesheet` in this worker (cached by text) and run it.
   * With inputKey: the host keeps the parsed input under that key for the next run, and `input` may be
   * left out when it still has it.
   */
  | { op: 'run'; id: number; sefKey?: number; sef?: string; stylesheet?: string; input?: string; inputKey?: number; params?: Record<string, string> };

/** An access the host's run-time sandbox refused. */
export interface SandboxViolation {
  what: string;
  uri: string;
}

/** What the worker host answers. */
export type HostResponse =
  | { id: number; ok: true; output?: string; sef?: string; messages?: string[]; violations?: SandboxViolation[]; compileMs?: number; runMs?: number; cached?: boolean; inputKept?: boolean }
  | {
      id: number;
      ok: false;
      missingSef?: boolean;
      missingInput?: boolean;
      phase: HostPhase;
      error: RawSaxonError;
      messages?: string[];
      violations?: SandboxViolation[];
      compileMs?: number;
      runMs?: number;
      inputKept?: boolean;
    };

/** Messages a host worker sends besides responses. */
export type HostControlMessage = { type: 'ready'; mode?: string } | { type: 'fatal'; message: string };

/** Callbacks the engine gives a port. */
export interface HostPortHandlers {
  message(msg: HostResponse | HostControlMessage): void;
  /** The worker died or could not start (e.g. out of memory, script failed to load). */
  crash(err: { message: string; code?: string }): void;
}

/** One running worker, as the engine sees it. */
export interface HostPort {
  post(req: HostRequest): void;
  terminate(): void;
  /** true while a request runs, false when idle (Node: ref/unref, so idle workers don't keep the process alive). */
  setActive?(active: boolean): void;
}

/** Starts a new worker; `role` is 'compiler' or 'runner' (for names and diagnostics). */
export type HostPortFactory = (handlers: HostPortHandlers, role: WorkerRole) => HostPort;

export type WorkerRole = 'compiler' | 'runner';

export interface WorkerEngineOptions {
  /** Default time limit per request in ms (a request's timeoutMs wins). Default 10000. */
  timeoutMs?: number;
  /** How long a new worker may take to load SaxonJS. Default 60000. */
  startupTimeoutMs?: number;
  /** Start the workers now rather than at the first request. Default true. */
  eager?: boolean;
  /**
   * Compile in a second worker (see the module comment). Default true; false runs everything in one
   * worker (one SaxonJS instance less in memory, ~10% slower runs).
   */
  separateCompiler?: boolean;
  /**
   * Run the static sandbox check (sandbox.ts) before each new stylesheet. Default true. Only tests that
   * exercise the run-time layer alone turn it off; the run-time layer in the host stays on regardless.
   */
  staticSandboxCheck?: boolean;
}

interface Slot {
  role: WorkerRole;
  port: HostPort | null;
  ready: boolean;
  gen: number;
  startupTimer?: ReturnType<typeof setTimeout>;
  mode?: string;
  waiters: Array<(ok: boolean) => void>;
}

interface Job {
  id: number;
  req: TransformRequest;
  resolve: (r: TransformResult) => void;
  /** When its first message was posted (0 = not yet). */
  startedAt: number;
  timer?: ReturnType<typeof setTimeout>;
  onAbort?: () => void;
  /** The worker currently busy with this job, if any. */
  busy?: Slot;
  /** The inputKey its run was posted with. */
  inputKey?: number;
}

interface SefEntry {
  key: number;
  sef: string;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const STATIC_CACHE_SIZE = 32;
const SEF_CACHE_SIZE = 16;
/**
 * Inputs up to this length (characters) are kept parsed in the runner for the next run on the same
 * input (a live preview's sample). A parsed document takes several times its text's size in memory.
 */
const KEEP_INPUT_MAX_CHARS = 4_000_000;

/** XsltEngine over worker ports: queue, time limit, cancellation, static sandbox check, SEF cache, error mapping. */
export class WorkerXsltEngine implements XsltEngine {
  private readonly runner: Slot = newSlot('runner');
  private readonly compiler: Slot | null;
  private queue: Job[] = [];
  private current: Job | null = null;
  private nextId = 1;
  private nextSefKey = 1;
  private disposed = false;
  /** Static check per stylesheet, with the language its finding's message is in (see staticCheck). */
  private readonly staticCache = new Map<string, { lang: MessageLang; err: TransformError | null }>();
  private readonly sefCache = new Map<string, SefEntry>();
  /** SEF keys the current runner has been sent. */
  private runnerKnows = new Set<number>();
  /** The last input run with a key, and that key; the key of the input the runner keeps parsed. */
  private keyedInput: { text: string; key: number } | undefined;
  private nextInputKey = 1;
  private runnerInput: number | undefined;
  private readonly timeoutMs: number;
  private readonly startupTimeoutMs: number;
  private readonly staticSandboxCheck: boolean;

  constructor(
    private readonly factory: HostPortFactory,
    options: WorkerEngineOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.startupTimeoutMs = options.startupTimeoutMs ?? 60000;
    this.staticSandboxCheck = options.staticSandboxCheck ?? true;
    this.compiler = options.separateCompiler ?? true ? newSlot('compiler') : null;
    if (options.eager ?? true) {
      this.spawn(this.runner);
      if (this.compiler) this.spawn(this.compiler);
    }
  }

  /** Mode the runner's host reported: 'sef' (compiled SEF, cached) or 'xpath' (fn:transform fallback). */
  get hostMode(): string | undefined {
    return this.runner.mode;
  }

  /** Resolves true when the workers have loaded SaxonJS (starts them if needed), false if they could not. */
  async warmUp(): Promise<boolean> {
    const slots = this.compiler ? [this.runner, this.compiler] : [this.runner];
    const oks = await Promise.all(slots.map((s) => this.whenReady(s)));
    return oks.every(Boolean);
  }

  transform(req: TransformRequest): Promise<TransformResult> {
    const t0 = now();
    const fail = (error: TransformError): Promise<TransformResult> => Promise.resolve({ ok: false, error, timeMs: now() - t0 });
    if (this.disposed) return fail({ kind: 'internal', code: 'runner.disposed', message: m('Die XSLT-Engine wurde bereits beendet.', 'The XSLT engine has already been shut down.') });
    if (req.signal?.aborted) return fail(cancelled());
    if (typeof req.stylesheet !== 'string' || typeof req.input !== 'string') {
      return fail({ kind: 'internal', code: 'runner.bad-request', message: m('Stylesheet und Eingabe müssen Text sein.', 'Stylesheet and input must be text.') });
    }
    const paramError = checkParams(req.params);
    if (paramError) return fail(paramError);
    const staticError = this.staticCheck(req.stylesheet);
    if (staticError) return fail(staticError);

    return new Promise<TransformResult>((resolve) => {
      const job: Job = { id: this.nextId++, req, resolve, startedAt: 0 };
      if (req.signal) {
        job.onAbort = () => this.cancelJob(job);
        req.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.pump();
    });
  }

  /** Cancels every queued and running request (they resolve with kind 'cancelled'). */
  cancel(): void {
    for (const job of [...this.queue]) this.cancelJob(job);
    if (this.current) this.cancelJob(this.current);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const pending = [...(this.current ? [this.current] : []), ...this.queue];
    this.queue = [];
    for (const slot of this.slots()) {
      this.kill(slot);
      for (const w of slot.waiters.splice(0)) w(false);
    }
    for (const job of pending) {
      this.finish(job, { ok: false, error: { kind: 'internal', code: 'runner.disposed', message: m('Die XSLT-Engine wurde beendet.', 'The XSLT engine was shut down.') }, timeMs: 0 });
    }
  }

  // --- static check ------------------------------------------------------------------------

  private staticCheck(stylesheet: string): TransformError | undefined {
    const lang = messageLang();
    const hit = lruGet(this.staticCache, stylesheet);
    // A finding is a message: after a language switch it is made again (a clean verdict holds in any language).
    if (hit !== undefined && (hit.err === null || hit.lang === lang)) return hit.err ?? undefined;
    let err: TransformError | null;
    if (this.staticSandboxCheck) err = sandboxError(stylesheet) ?? null;
    else {
      // Still report a malformed stylesheet with saxes' exact position.
      const parsed = parseXml(stylesheet);
      err = parsed.ok
        ? null
        : {
            kind: 'compile',
            code: parsed.error.code,
            message: parsed.error.message,
            line: parsed.error.location?.line,
            column: parsed.error.location?.column,
            where: 'stylesheet',
          };
    }
    lruSet(this.staticCache, stylesheet, { lang, err }, STATIC_CACHE_SIZE);
    return err ?? undefined;
  }

  // --- workers -----------------------------------------------------------------------------

  private slots(): Slot[] {
    return this.compiler ? [this.runner, this.compiler] : [this.runner];
  }

  private whenReady(slot: Slot): Promise<boolean> {
    if (this.disposed) return Promise.resolve(false);
    if (slot.ready) return Promise.resolve(true);
    if (!slot.port) this.spawn(slot);
    if (slot.ready) return Promise.resolve(true);
    if (!slot.port) return Promise.resolve(false);
    return new Promise((resolve) => slot.waiters.push(resolve));
  }

  private spawn(slot: Slot): void {
    if (this.disposed) return;
    const gen = ++slot.gen;
    slot.ready = false;
    if (slot === this.runner) {
      this.runnerKnows = new Set();
      this.runnerInput = undefined;
    }
    const handlers: HostPortHandlers = {
      message: (msg) => {
        if (gen === slot.gen) this.onMessage(slot, msg);
      },
      crash: (err) => {
        if (gen === slot.gen) this.onCrash(slot, err);
      },
    };
    try {
      slot.port = this.factory(handlers, slot.role);
    } catch (e) {
      slot.port = null;
      this.onCrash(slot, { message: m(`Der XSLT-Worker konnte nicht gestartet werden: ${(e as Error)?.message ?? e}`, `The XSLT worker could not be started: ${(e as Error)?.message ?? e}`) });
      return;
    }
    slot.port.setActive?.(false);
    clearTimeout(slot.startupTimer);
    slot.startupTimer = setTimeout(() => {
      if (gen === slot.gen && !slot.ready) this.onCrash(slot, { message: m(`SaxonJS wurde nicht innerhalb von ${this.startupTimeoutMs} ms geladen.`, `SaxonJS did not load within ${this.startupTimeoutMs} ms.`) });
    }, this.startupTimeoutMs);
  }

  private kill(slot: Slot): void {
    slot.gen++;
    clearTimeout(slot.startupTimer);
    if (slot.port) {
      try {
        slot.port.terminate();
      } catch {
        /* already gone */
      }
    }
    slot.port = null;
    slot.ready = false;
    slot.mode = undefined;
  }

  /** Kills a worker that was busy with a job and starts a fresh one in its place. */
  private replace(slot: Slot): void {
    this.kill(slot);
    this.spawn(slot);
  }

  // --- scheduling --------------------------------------------------------------------------

  private pump(): void {
    if (this.disposed) return;
    if (!this.current) {
      const next = this.queue.shift();
      if (!next) return;
      this.current = next;
    }
    if (!this.current.busy) this.advance(this.current);
  }

  /** Posts the job's next step (compile or run) if the worker it needs is ready; otherwise waits for it. */
  private advance(job: Job): void {
    const { stylesheet, input, params } = job.req;
    let slot: Slot;
    let msg: HostRequest;
    // A host without SEF compilation (fn:transform fallback) compiles and runs in the runner.
    const compiler = this.compiler && !(this.compiler.ready && this.compiler.mode === 'xpath') ? this.compiler : null;
    const entry = compiler ? lruGet(this.sefCache, stylesheet) : undefined;
    if (!compiler) {
      slot = this.runner;
      msg = { op: 'run', id: job.id, stylesheet, input, params };
    } else if (!entry) {
      slot = compiler;
      msg = { op: 'compile', id: job.id, stylesheet };
    } else {
      slot = this.runner;
      msg = { op: 'run', id: job.id, sefKey: entry.key, sef: this.runnerKnows.has(entry.key) ? undefined : entry.sef, input, params };
    }
    if (!slot.port) this.spawn(slot);
    if (!slot.ready || !slot.port) return; // onMessage('ready') calls pump() again
    if (msg.op === 'run' && msg.sefKey !== undefined) this.runnerKnows.add(msg.sefKey);
    job.inputKey = undefined;
    if (msg.op === 'run' && slot.mode === 'sef' && input.length <= KEEP_INPUT_MAX_CHARS) {
      if (this.keyedInput?.text !== input) this.keyedInput = { text: input, key: this.nextInputKey++ };
      msg.inputKey = job.inputKey = this.keyedInput.key;
      if (this.runnerInput === msg.inputKey) delete msg.input; // parsed in the runner already
    }
    if (!job.startedAt) {
      job.startedAt = now();
      const limit = job.req.timeoutMs ?? this.timeoutMs;
      job.timer = setTimeout(() => this.onTimeout(job, limit), limit);
    }
    job.busy = slot;
    slot.port.setActive?.(true);
    slot.port.post(msg);
  }

  private onMessage(slot: Slot, msg: HostResponse | HostControlMessage): void {
    if ('type' in msg) {
      if (msg.type === 'ready') {
        clearTimeout(slot.startupTimer);
        slot.ready = true;
        slot.mode = msg.mode;
        for (const w of slot.waiters.splice(0)) w(true);
        this.pump();
      } else if (msg.type === 'fatal') {
        this.onCrash(slot, { message: msg.message });
      }
      return;
    }
    const job = this.current;
    if (!job || msg.id !== job.id || job.busy !== slot) return; // late answer for a timed-out or cancelled job
    job.busy = undefined;
    slot.port?.setActive?.(false);
    if (slot === this.runner) this.runnerInput = msg.inputKept ? job.inputKey : undefined;
    if (!msg.ok && msg.missingInput) {
      this.advance(job); // the runner no longer keeps it: send the text this time
      return;
    }
    if (slot === this.compiler && msg.ok && typeof msg.sef === 'string' && !msg.violations?.length) {
      lruSet(this.sefCache, job.req.stylesheet, { key: this.nextSefKey++, sef: msg.sef }, SEF_CACHE_SIZE);
      this.advance(job);
      return;
    }
    if (!msg.ok && msg.missingSef) {
      // The runner evicted or never had this SEF: send it along this time.
      const entry = lruGet(this.sefCache, job.req.stylesheet);
      if (entry) this.runnerKnows.delete(entry.key);
      else this.sefCache.delete(job.req.stylesheet);
      this.advance(job);
      return;
    }
    this.finish(job, this.toResult(msg, job));
  }

  private onCrash(slot: Slot, err: { message: string; code?: string }): void {
    const wasReady = slot.ready;
    this.kill(slot);
    const job = this.current;
    if (job && job.busy === slot) {
      const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory/i.test(err.message);
      this.finish(job, {
        ok: false,
        error: oom
          ? { kind: 'runtime', code: 'runner.out-of-memory', message: m('Der Speicher reichte für diese Transformation nicht aus; die Regel wurde abgebrochen.', 'This transformation ran out of memory; the rule was stopped.') }
          : { kind: 'internal', code: 'runner.worker-crashed', message: m(`Der XSLT-Worker ist abgestürzt: ${err.message}`, `The XSLT worker crashed: ${err.message}`) },
        timeMs: now() - job.startedAt,
      });
    }
    if (!wasReady) {
      // The worker could not even start: fail what waits instead of retrying in a loop.
      for (const w of slot.waiters.splice(0)) w(false);
      const waiting = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
      for (const j of waiting) {
        this.finish(j, {
          ok: false,
          error: { kind: 'internal', code: 'runner.worker-failed', message: m(`SaxonJS konnte nicht geladen werden: ${err.message}`, `SaxonJS could not be loaded: ${err.message}`) },
          timeMs: 0,
        });
      }
      return;
    }
    this.spawn(slot);
  }

  private onTimeout(job: Job, limit: number): void {
    if (this.current !== job) return;
    if (job.busy) this.replace(job.busy);
    this.finish(job, {
      ok: false,
      error: {
        kind: 'timeout',
        code: 'runner.timeout',
        message: m(
          `Zeitlimit von ${limit} ms überschritten: die Regel wurde abgebrochen (Endlosschleife oder endlose Rekursion?).`,
          `Time limit of ${limit} ms exceeded: the rule was stopped (endless loop or endless recursion?).`,
        ),
      },
      timeMs: now() - job.startedAt,
    });
  }

  private cancelJob(job: Job): void {
    const i = this.queue.indexOf(job);
    if (i >= 0) {
      this.queue.splice(i, 1);
      this.finish(job, { ok: false, error: cancelled(), timeMs: 0 });
      return;
    }
    if (this.current === job) {
      if (job.busy) this.replace(job.busy);
      this.finish(job, { ok: false, error: cancelled(), timeMs: job.startedAt ? now() - job.startedAt : 0 });
    }
  }

  private finish(job: Job, result: TransformResult): void {
    clearTimeout(job.timer);
    if (job.onAbort) job.req.signal?.removeEventListener('abort', job.onAbort);
    if (job.busy) {
      job.busy.port?.setActive?.(false);
      job.busy = undefined;
    }
    if (this.current === job) this.current = null;
    job.resolve(result);
    queueMicrotask(() => this.pump());
  }

  private toResult(msg: HostResponse, job: Job): TransformResult {
    const timeMs = now() - job.startedAt;
    const messages = msg.messages && msg.messages.length ? msg.messages : undefined;
    const v = msg.violations?.[0];
    if (v) {
      const error: TransformError = {
        kind: 'sandbox',
        code: `sandbox.${v.what.replace(/^xsl:/, '')}`,
        message: m(
          `Zugriff verweigert: die Regel wollte ${describeAccess(v.what)}${v.uri ? ` (${v.uri})` : ''}; Regeln dürfen keine Dateien oder URLs lesen oder schreiben.`,
          `Access denied: the rule tried to ${describeAccess(v.what)}${v.uri ? ` (${v.uri})` : ''}; rules may not read or write files or URLs.`,
        ),
      };
      return { ok: false, error, timeMs, ...(messages ? { messages } : {}) };
    }
    if (msg.ok) return { ok: true, output: msg.output ?? '', timeMs, ...(messages ? { messages } : {}) };
    let error = toTransformError(msg.error, msg.phase);
    if (msg.phase === 'input') {
      const parsed = parseXml(job.req.input);
      if (!parsed.ok) {
        error = {
          ...error,
          message: parsed.error.message,
          line: parsed.error.location?.line ?? error.line,
          column: parsed.error.location?.column ?? error.column,
          where: 'input',
        };
      }
    }
    return { ok: false, error, timeMs, ...(messages ? { messages } : {}) };
  }
}

function newSlot(role: WorkerRole): Slot {
  return { role, port: null, ready: false, gen: 0, waiters: [] };
}

function lruGet<V>(map: Map<string, V>, key: string): V | undefined {
  const v = map.get(key);
  if (v !== undefined) {
    map.delete(key);
    map.set(key, v);
  }
  return v;
}

function lruSet<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as string);
}

function describeAccess(what: string): string {
  switch (what) {
    case 'read':
      return m('eine Datei oder URL lesen', 'read a file or URL');
    case 'write':
      return m('eine Datei schreiben', 'write a file');
    case 'http':
      return m('eine HTTP-Anfrage senden', 'send an HTTP request');
    case 'collection':
      return m('eine Sammlung (collection) lesen', 'read a collection');
    case 'xsl:result-document':
      return m('ein weiteres Ergebnisdokument schreiben', 'write another result document');
    default:
      return what;
  }
}

function cancelled(): TransformError {
  return { kind: 'cancelled', code: 'runner.cancelled', message: m('Die Transformation wurde abgebrochen.', 'The transformation was cancelled.') };
}
