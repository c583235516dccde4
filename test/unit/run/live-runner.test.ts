import { describe, expect, it } from 'vitest';
import type { TransformRequest, TransformResult, XsltEngine } from '../../../src/core/runner/engine.ts';
import { dimDelayMs, LiveRunner, runKey, showRun, type RunDone, type RunRequest, type RunState } from '../../../src/ui/run/live-runner.ts';

/** An engine whose runs finish when the test says so; records what it was asked. */
class FakeEngine implements XsltEngine {
  calls: { req: TransformRequest; finish(output: string): void }[] = [];
  transform(req: TransformRequest): Promise<TransformResult> {
    return new Promise((resolve) => {
      const call = { req, finish: (output: string) => resolve({ ok: true, output, timeMs: 5 }) };
      this.calls.push(call);
      req.signal?.addEventListener('abort', () => resolve({ ok: false, error: { kind: 'cancelled', code: 'runner.cancelled', message: 'x' }, timeMs: 1 }));
    });
  }
}

const req = (stylesheet: string, input = '<a/>'): RunRequest => ({ key: runKey(stylesheet, input, {}), stylesheet, input, params: {}, timeoutMs: 1000, requestedAt: performance.now() });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('live preview scheduling', () => {
  it('runs at once when idle, keeps only the latest request while busy, and never shows a superseded result', async () => {
    const engine = new FakeEngine();
    const states: RunState[] = [];
    const r = new LiveRunner(engine, (s) => states.push(s));
    r.request(req('A'));
    r.request(req('B'));
    r.request(req('C'));
    expect(engine.calls.map((c) => c.req.stylesheet)).toEqual(['A']);
    engine.calls[0].finish('<a>A</a>');
    await tick();
    // A's result is not shown as current: C starts at once, with A as the dimmed previous output.
    expect(engine.calls.map((c) => c.req.stylesheet)).toEqual(['A', 'C']);
    expect(states.map((s) => s.status)).toEqual(['running', 'running']);
    const running = states[1];
    expect(running.status === 'running' && running.previous?.status === 'ok' && running.previous.output).toBe('<a>A</a>');
    engine.calls[1].finish('<a>C</a>');
    await tick();
    const last = states.at(-1)!;
    expect(last.status).toBe('ok');
    expect(last.status === 'ok' && last.output).toBe('<a>C</a>');
  });

  it('does not re-run an unchanged request unless forced, and does not restart what is already running', async () => {
    const engine = new FakeEngine();
    const r = new LiveRunner(engine, () => {});
    r.request(req('A'));
    r.request(req('A'), true); // same key in flight: wait for it
    expect(engine.calls).toHaveLength(1);
    engine.calls[0].finish('<x/>');
    await tick();
    r.request(req('A'));
    expect(engine.calls).toHaveLength(1);
    r.request(req('A'), true);
    expect(engine.calls).toHaveLength(2);
  });

  it('cancels the running rule through its signal and drops the pending one', async () => {
    const engine = new FakeEngine();
    const states: RunState[] = [];
    const r = new LiveRunner(engine, (s) => states.push(s));
    r.request(req('A'));
    r.request(req('B'));
    r.cancel();
    await tick();
    expect(engine.calls[0].req.signal?.aborted).toBe(true);
    expect(engine.calls).toHaveLength(1);
    const last = states.at(-1)!;
    expect(last.status === 'error' && last.error.kind).toBe('cancelled');
    expect(r.busy).toBe(false);
  });

  it('keys runs by content, cheaply', () => {
    const big = 'x'.repeat(5_000_000);
    const t0 = performance.now();
    const k1 = runKey('s', big, { a: '1' });
    for (let i = 0; i < 100; i++) runKey('s', big, { a: '1' });
    expect(performance.now() - t0).toBeLessThan(200);
    expect(runKey('s', big, { a: '1' })).toBe(k1);
    expect(runKey('s', big, { a: '2' })).not.toBe(k1);
    expect(runKey('t', big, { a: '1' })).not.toBe(k1);
    expect(runKey('s', 'x'.repeat(5_000_000), { a: '1' })).toBe(k1); // equal text, another string object
  });

  it('dims the replaced output after about as long as the last run took: at least 300 ms, at most 1 s', () => {
    const done = (totalMs: number): RunDone => ({ status: 'ok', key: 'k', output: '<a/>', timeMs: totalMs, totalMs });
    expect(dimDelayMs(undefined)).toBe(300);
    expect(dimDelayMs(done(40))).toBe(300);
    // A 100 KB sample's live preview of ~350 ms on a slow machine: not dimmed while the next one of the same speed runs.
    expect(dimDelayMs(done(350))).toBe(525);
    expect(dimDelayMs(done(9000))).toBe(1000);
  });

  describe('how a finished run reaches the panel', () => {
    const ok = (output: string, key = output): RunDone => ({ status: 'ok', key, output, timeMs: 1, totalMs: 2 });
    /** showRun with recorders: editor texts, panel states, flushed renders, and frames the test runs by hand. */
    const setUp = (withEditor: boolean) => {
      const shown: string[] = [];
      const states: RunState[] = [];
      const flushed: RunState[] = [];
      const frames: (() => void)[] = [];
      const sink = { current: withEditor ? (t: string) => void shown.push(t) : null };
      const show = showRun(
        (s) => states.push(s),
        sink,
        (render) => {
          render();
          flushed.push(states[states.length - 1]);
        },
        (then) => void frames.push(then),
      );
      return { show, shown, states, flushed, frames };
    };

    it('puts the output into the editor at once and renders the panel after the frame, once', async () => {
      const t = setUp(true);
      t.show({ status: 'running', key: 'a' });
      expect(t.states.map((s) => s.status)).toEqual(['running']);
      t.show(ok('<a>1</a>'));
      expect(t.shown).toEqual(['<a>1</a>']);
      expect(t.states.map((s) => s.status)).toEqual(['running']); // the panel waits for the frame
      t.frames.shift()!();
      expect(t.states.map((s) => s.status)).toEqual(['running', 'ok']);
      await new Promise((r) => setTimeout(r, 150)); // the fallback timer does not render it twice
      expect(t.states).toHaveLength(2);
      expect(t.flushed).toEqual([]);
    });

    it('renders without a frame when none comes (hidden tab), and drops a deferred result a newer state superseded', async () => {
      const t = setUp(true);
      t.show(ok('<a>1</a>'));
      await new Promise((r) => setTimeout(r, 150));
      expect(t.states.map((s) => (s.status === 'ok' ? s.output : s.status))).toEqual(['<a>1</a>']);
      t.show(ok('<a>2</a>'));
      t.show({ status: 'running', key: 'b', previous: ok('<a>2</a>') });
      t.frames.forEach((f) => f());
      await new Promise((r) => setTimeout(r, 150));
      // The editor has the newest output; the panel stays "running" (it shows that output as the previous one).
      expect(t.shown).toEqual(['<a>1</a>', '<a>2</a>']);
      expect(t.states.map((s) => s.status)).toEqual(['ok', 'running']);
    });

    it('renders errors, and results without an output editor on screen, at once', () => {
      const t = setUp(false);
      t.show(ok('<a>1</a>'));
      const err: RunDone = { status: 'error', key: 'e', error: { kind: 'runtime', code: 'X', message: 'boom' }, timeMs: 1, totalMs: 1 };
      t.show(err);
      expect(t.flushed.map((s) => s.status)).toEqual(['ok', 'error']);
      expect(t.frames).toEqual([]);
      const u = setUp(true);
      u.show(err);
      expect(u.shown).toEqual([]);
      expect(u.flushed.map((s) => s.status)).toEqual(['error']);
    });
  });
});
