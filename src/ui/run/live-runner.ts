/**
 * Runs the open flow's rule for the output panel and the live preview: latest request wins. At most one
 * run is in flight; a request arriving meanwhile waits as the one pending run (replacing an older pending
 * one), so a burst of edits costs one extra run, not one per edit, and a running rule is never killed
 * just because the mapping changed (killing costs a worker restart). Cancel kills it on purpose.
 * Plain TypeScript (no React): the hook in useRun.ts renders its states.
 */
import { prettyPrintXml, type TransformError, type XsltEngine } from '../../core/runner/engine.ts';

export interface RunRequest {
  /** Identifies what is run (rule text, input, parameters); equal keys give equal output. */
  key: string;
  stylesheet: string;
  input: string;
  params: Record<string, string>;
  timeoutMs: number;
  /** When the change that asked for this run happened (performance.now()). */
  requestedAt: number;
}

export type RunDone =
  | { status: 'ok'; key: string; output: string; timeMs: number; totalMs: number; messages?: string[] }
  | { status: 'error'; key: string; error: TransformError; timeMs: number; totalMs: number; messages?: string[] };

export type RunState =
  | { status: 'idle' }
  | { status: 'running'; key: string; previous?: RunDone }
  | RunDone;

/**
 * How long a run may go on before the output it replaces is dimmed as outdated: about as long as the last
 * run took (1.5×), at least 300 ms and at most 1 s. A live preview of its usual speed never flickers, nor
 * does it repaint the whole output while the next one compiles (on a slow machine every run of a 100 KB
 * sample took longer than a fixed 300 ms); a run that is slower than usual is dimmed within a second.
 * "Running" is shown at once either way.
 */
export function dimDelayMs(previous: RunDone | undefined): number {
  return Math.min(1000, Math.max(300, Math.round((previous?.totalMs ?? 0) * 1.5)));
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** The scheduler behind the output panel. */
export class LiveRunner {
  private inFlight: { req: RunRequest; ctl: AbortController } | undefined;
  private pending: RunRequest | undefined;
  private last: RunDone | undefined;
  private disposed = false;

  constructor(
    private readonly engine: XsltEngine,
    private readonly onState: (s: RunState) => void,
  ) {}

  /** Asks for a run. `force` re-runs even when the last result has the same key. */
  request(req: RunRequest, force = false): void {
    if (this.disposed) return;
    if (this.inFlight) {
      if (this.inFlight.req.key === req.key) {
        this.pending = undefined; // what is running is already what is wanted
        return;
      }
      this.pending = req;
      return;
    }
    if (!force && this.last?.key === req.key) return;
    this.start(req);
  }

  /** Cancels the running rule (its worker is replaced) and drops the pending request. */
  cancel(): void {
    this.pending = undefined;
    this.inFlight?.ctl.abort();
  }

  /** True while a rule runs. */
  get busy(): boolean {
    return !!this.inFlight;
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  private start(req: RunRequest): void {
    const ctl = new AbortController();
    this.inFlight = { req, ctl };
    this.onState({ status: 'running', key: req.key, previous: this.last });
    void this.engine
      .transform({ stylesheet: req.stylesheet, input: req.input, params: req.params, timeoutMs: req.timeoutMs, signal: ctl.signal })
      .then((r) => {
        if (this.inFlight?.ctl !== ctl) return;
        this.inFlight = undefined;
        const totalMs = now() - req.requestedAt;
        const messages = r.messages?.length ? r.messages : undefined;
        const done: RunDone = r.ok
          ? { status: 'ok', key: req.key, output: prettyPrintXml(r.output), timeMs: r.timeMs, totalMs, messages }
          : { status: 'error', key: req.key, error: r.error, timeMs: r.timeMs, totalMs, messages };
        this.last = done;
        if (this.disposed) return;
        const next = this.pending;
        this.pending = undefined;
        // A result the user has already edited past is not shown as current: the next run starts at
        // once and keeps it only as the dimmed previous output.
        if (next && next.key !== req.key) this.start(next);
        else this.onState(done);
      });
  }
}

/**
 * How the runner's states reach the panel. "Running" is an ordinary update. A finished run's output goes
 * straight into the output editor when it is on screen, in the task that received it, and the rest of
 * the panel (timing, status, schema check, value in sample) renders right after the frame that draws it:
 * rendering the panel first put 10-30 ms of React work between a live preview's result and the screen.
 * Without the editor (another tab open) the result renders at once (`flush`: React's flushSync): as a
 * normal update React would render it in a later task, and apply it to the editor only after a paint.
 * A state that arrives meanwhile supersedes the deferred one. Results arrive from the engine's promise,
 * never during a render.
 */
export function showRun(
  setState: (s: RunState) => void,
  sink: { current: ((text: string) => void) | null },
  flush: (render: () => void) => void,
  frame: (then: () => void) => void = (then) => requestAnimationFrame(then),
): (s: RunState) => void {
  let seq = 0;
  return (s) => {
    const mine = ++seq;
    if (s.status === 'running') return setState(s);
    const editor = sink.current;
    if (s.status !== 'ok' || !editor) return flush(() => setState(s));
    editor(s.output);
    const apply = () => {
      if (mine !== seq) return;
      seq++;
      setState(s);
    };
    // After the frame; the timer stands in where no frame comes (a hidden tab).
    frame(apply);
    setTimeout(apply, 100);
  };
}

const texts: { text: string; id: number }[] = [];
let nextTextId = 1;

/**
 * A small id per distinct text, so keys stay cheap for multi-MB inputs: comparing a string with itself
 * (the usual case: the same sample, the same compiled rule) costs nothing, unlike hashing it.
 */
function textId(text: string): number {
  const hit = texts.find((t) => t.text === text);
  if (hit) return hit.id;
  const id = nextTextId++;
  texts.unshift({ text, id });
  if (texts.length > 16) texts.pop();
  return id;
}

/** The key of a run: equal keys mean equal rule text, input and parameters. */
export function runKey(stylesheet: string, input: string, params: Record<string, string>): string {
  return `${textId(stylesheet)}:${textId(input)}:${JSON.stringify(params)}`;
}
