/**
 * Diagnostics for the live-preview bench (RW_BENCH_CPU=1, not part of the measured rows): where the CPU
 * goes while a worker compiles and runs a rule. Records a Chromium trace around one edit or baseline
 * run and sums, per thread, the CPU time (trace `tdur`) of its top-level tasks inside the worker's
 * longest task. On this 2-core machine the app's worker needs about the same CPU as the plain baseline
 * worker; the difference in wall time is other threads (UI thread, V8's background compiler and GC,
 * raster) taking CPU at the same time. Tracing itself slows the page: ratios of such a run are not valid.
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'cc', 'viz'];
/** RW_BENCH_CPU=timeline also records which display items Blink invalidated for paint, and why. */
const INVALIDATIONS = 'disabled-by-default-blink.invalidation';

/**
 * What V8's thread pool ran inside the window (GC helpers, raster), in ms by the name of the events
 * under its tasks: their wall time within the window.
 */
function poolWork(events: TraceEvent[], win: [number, number], thread: (e: TraceEvent) => string): Map<string, number> {
  const pool = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || !thread(e).startsWith('ThreadPool') || e.name === 'ThreadPool_RunTask') continue;
    const overlap = Math.min(e.ts + e.dur, win[1]) - Math.max(e.ts, win[0]);
    if (overlap > 0) pool.set(e.name, (pool.get(e.name) ?? 0) + overlap / 1000);
  }
  return pool;
}

/** Sums per "tag thread" over all recorded windows; print() averages them. */
export class CpuTrace {
  private sums = new Map<string, number>();
  private windows = new Map<string, number>();

  constructor(private cdp: CDPSession) {}

  /** Traces `what` and adds each thread's CPU inside the worker's longest task under `tag`. */
  async around<T>(tag: string, what: () => Promise<T>): Promise<T> {
    const events: TraceEvent[] = [];
    const onData = (d: { value: object[] }) => void events.push(...(d.value as TraceEvent[]));
    this.cdp.on('Tracing.dataCollected', onData);
    const complete = new Promise<void>((resolve) => this.cdp.once('Tracing.tracingComplete', () => resolve()));
    await this.cdp.send('Tracing.start', { traceConfig: { includedCategories: process.env.RW_BENCH_CPU === 'timeline' ? [...CATEGORIES, INVALIDATIONS] : CATEGORIES }, transferMode: 'ReportEvents' });
    try {
      return await what();
    } finally {
      await this.cdp.send('Tracing.end');
      await complete;
      this.cdp.off('Tracing.dataCollected', onData);
      this.add(tag, events);
    }
  }

  private add(tag: string, events: TraceEvent[]): void {
    const names = new Map<string, string>();
    for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
    const thread = (e: TraceEvent) => names.get(`${e.pid}:${e.tid}`) ?? '?';
    const top = events.filter((e) => e.ph === 'X' && e.dur && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'ThreadPool_RunTask'));
    let win: [number, number] | undefined;
    for (const e of top) if (thread(e).startsWith('DedicatedWorker') && (!win || e.dur! > win[1] - win[0])) win = [e.ts, e.ts + e.dur!];
    if (!win) return;
    if (process.env.RW_BENCH_CPU === 'timeline') this.timeline(tag, events, win, thread);
    this.windows.set(tag, (this.windows.get(tag) ?? 0) + 1);
    this.sums.set(`${tag} (worker task, wall)`, (this.sums.get(`${tag} (worker task, wall)`) ?? 0) + (win[1] - win[0]) / 1000);
    for (const e of top) {
      const overlap = Math.min(e.ts + e.dur!, win[1]) - Math.max(e.ts, win[0]);
      if (overlap <= 0 || e.tdur === undefined) continue;
      const k = `${tag} ${thread(e)}`;
      this.sums.set(k, (this.sums.get(k) ?? 0) + ((overlap / e.dur!) * e.tdur) / 1000);
    }
    // The worker's own garbage collections inside the window (young generation, full).
    for (const e of events) {
      if (e.ph !== 'X' || !e.dur || (e.name !== 'MinorGC' && e.name !== 'MajorGC') || !thread(e).startsWith('DedicatedWorker') || e.ts < win[0] || e.ts > win[1]) continue;
      const k = `${tag}   worker ${e.name}`;
      this.sums.set(k, (this.sums.get(k) ?? 0) + e.dur / 1000);
    }
    for (const [name, ms] of poolWork(events, win, thread)) {
      const k = `${tag}   pool: ${name}`;
      this.sums.set(k, (this.sums.get(k) ?? 0) + ms);
    }
  }

  /**
   * RW_BENCH_CPU=timeline: the UI thread's and the compositor's tasks up to the end of the worker's
   * task, each with its start (ms after the worker task began), CPU and the events it ran (function
   * calls, layout, paint …); the display items invalidated for paint; then the raster tiles per layer
   * (layer ids as RW_BENCH_LAYERS prints them) and what the thread pool did meanwhile (GC helpers, raster).
   */
  private timeline(tag: string, events: TraceEvent[], win: [number, number], thread: (e: TraceEvent) => string): void {
    const at = (ts: number) => ((ts - win[0]) / 1000).toFixed(1).padStart(7);
    const lines: string[] = [];
    for (const e of events) {
      if (e.ph !== 'X' || !e.dur || e.ts > win[1] + 40000) continue;
      const th = thread(e);
      if (e.name !== 'ThreadControllerImpl::RunTask' || !/CrRendererMain|Compositor|DedicatedWorker/.test(th)) continue;
      if (th.startsWith('DedicatedWorker') && e.dur < 5000) continue;
      const inner = events.filter((c) => c.ph === 'X' && c.pid === e.pid && c.tid === e.tid && c.ts >= e.ts && c.ts < e.ts + e.dur! && c !== e && c.dur && c.dur > 300 && c.name !== 'ThreadControllerImpl::RunTask');
      lines.push(`${at(e.ts)} ${th.padEnd(22)} ${((e.tdur ?? 0) / 1000).toFixed(1).padStart(6)} ms  ${inner.map((c) => `${c.name} ${(c.dur! / 1000).toFixed(1)}`).join(', ').slice(0, 160)}`);
    }
    console.log(`--- ${tag}: worker task ${((win[1] - win[0]) / 1000).toFixed(0)} ms`);
    for (const l of lines) console.log(l);
    const pool = poolWork(events, win, thread);
    const byLayer = new Map<string, [number, number]>();
    for (const e of events) {
      if (e.name !== 'RasterTask' || e.ts > win[1] + 100000 || e.ts < win[0] - 30000) continue;
      const id = `${(e.args as { tileData?: { layerId: number } }).tileData?.layerId ?? -1}${e.ts < win[1] ? ' (during)' : ' (after)'}`;
      const [n, ms] = byLayer.get(id) ?? [0, 0];
      byLayer.set(id, [n + 1, ms + (e.dur ?? 0) / 1000]);
    }
    // The display items the edit invalidated for paint (the element, and why), most frequent first.
    const inval = new Map<string, number>();
    for (const e of events) {
      if (e.name !== 'InvalidateDisplayItemClient' || e.ts > win[1] + 40000 || e.ts < win[0] - 30000) continue;
      const a = e.args as { client?: string; reason?: string } | undefined;
      const k = `${e.ts < win[1] ? 'D ' : 'A '}${a?.client ?? '?'} (${a?.reason ?? '?'})`.slice(0, 140);
      inval.set(k, (inval.get(k) ?? 0) + 1);
    }
    if (inval.size) console.log('  invalidated:', [...inval].sort((a, b) => b[1] - a[1]).filter(([k]) => k.startsWith('D')).slice(0, 40).map(([k, n]) => `${n}× ${k}`).join('\n      '));
    console.log('  raster by layer:', [...byLayer].sort((a, b) => b[1][1] - a[1][1]).map(([k, [n, ms]]) => `${k}: ${n} tiles ${ms.toFixed(1)} ms`).join(', '));
    console.log('  pool:', [...pool].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
  }

  /** The averages per tag and thread, largest first. */
  print(): void {
    const rows = [...this.sums].map(([k, v]) => [k, v / (this.windows.get(k.split(' ')[0]) ?? 1)] as const).filter(([, v]) => v >= 0.5);
    console.log('CPU per thread inside the worker task (ms per edit / baseline run):');
    for (const [k, v] of rows.sort((a, b) => b[1] - a[1])) console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/**
 * Diagnostics for the live-preview bench (RW_BENCH_PROFILE=1): the UI thread's JavaScript profile
 * (V8's sampler, 0.1 ms) around each measured edit, summed as self time per function and averaged per
 * edit. The bench builds the app unminified then, so the names are the source's. Like the trace, the
 * profiler slows the page: ratios of such a run are not valid.
 */
export class JsProfile {
  private self = new Map<string, number>();
  private entries = new Map<string, number>();
  private inclusive = new Map<string, number>();
  private components = new Map<string, number>();
  private within = new Map<string, Map<string, number>>();
  private edits = 0;

  constructor(private cdp: CDPSession) {}

  async around<T>(what: () => Promise<T>): Promise<T> {
    await this.cdp.send('Profiler.enable');
    await this.cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await this.cdp.send('Profiler.start');
    try {
      return await what();
    } finally {
      const { profile } = await this.cdp.send('Profiler.stop');
      this.edits++;
      const byId = new Map<number, ProfileNode>((profile.nodes as ProfileNode[]).map((n) => [n.id, n]));
      const parent = new Map<number, number>();
      for (const n of profile.nodes as (ProfileNode & { children?: number[] })[]) for (const c of n.children ?? []) parent.set(c, n.id);
      const name = (cf: ProfileNode['callFrame']) => `${cf.functionName || '(anonymous)'} ${cf.url.split('/').pop()}:${cf.lineNumber + 1}`;
      profile.samples?.forEach((id, k) => {
        const cf = byId.get(id)!.callFrame;
        if (cf.functionName === '(idle)' || cf.functionName === '(program)') return;
        const key = name(cf);
        const ms = (profile.timeDeltas?.[k + 1] ?? 0) / 1000;
        this.self.set(key, (this.self.get(key) ?? 0) + ms);
        // The entry point (the frame right below the root) this sample ran under.
        let top = id;
        while (parent.has(top) && byId.get(parent.get(top)!)!.callFrame.functionName !== '(root)') top = parent.get(top)!;
        const entry = name(byId.get(top)!.callFrame);
        // Inclusive time: every function on the sample's stack (once per sample).
        const onStack = new Set<string>();
        for (let c: number | undefined = id; c !== undefined; c = parent.get(c)) onStack.add(name(byId.get(c)!.callFrame));
        for (const f of onStack) this.inclusive.set(f, (this.inclusive.get(f) ?? 0) + ms);
        this.entries.set(entry, (this.entries.get(entry) ?? 0) + ms);
        const sub = this.within.get(entry) ?? new Map<string, number>();
        sub.set(key, (sub.get(key) ?? 0) + ms);
        this.within.set(entry, sub);
        // The React component (a capitalised function) the sample ran in, else React's commit or other.
        let c: number | undefined = id;
        let comp = 'other';
        while (c !== undefined) {
          const fn = byId.get(c)!.callFrame.functionName;
          if (/^[A-Z][A-Za-z]+$/.test(fn) && fn !== 'Promise') {
            comp = fn;
            break;
          }
          if (fn === 'commitRoot' || fn === 'commitRootImpl') {
            comp = '(commit)';
            break;
          }
          if (fn === 'performWorkOnRoot' || fn === 'workLoopSync' || fn === 'workLoopConcurrentByScheduler') {
            comp = '(reconcile)';
            break;
          }
          c = parent.get(c);
        }
        this.components.set(comp, (this.components.get(comp) ?? 0) + ms);
      });
    }
  }

  /** The 40 functions with the most self time, ms per edit. */
  print(): void {
    console.log('UI-thread JavaScript self time per edit (ms):');
    const per = (v: number) => (v / Math.max(1, this.edits)).toFixed(2).padStart(6);
    for (const [k, v] of [...this.self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${per(v)}  ${k}`);
    console.log('…inclusive (the function and its callees), the 40 largest below the entry points:');
    for (const [k, v] of [...this.inclusive].filter(([k]) => !this.entries.has(k) && !k.startsWith('(root)')).sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${per(v)}  ${k}`);
    console.log('…by React component (render incl. callees), commit, reconcile:');
    for (const [k, v] of [...this.components].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${per(v)}  ${k}`);
    console.log('…by entry point (inclusive), with the most self time under each:');
    for (const [k, v] of [...this.entries].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
      console.log(`  ${per(v)}  ${k}`);
      for (const [f, w] of [...this.within.get(k)!].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`          ${per(w)}  ${f}`);
    }
  }
}

interface LayerInfo {
  layerId: string;
  backendNodeId?: number;
  width: number;
  height: number;
  paintCount: number;
  drawsContent: boolean;
}

/**
 * Diagnostics (RW_BENCH_LAYERS=1): the page's compositor layers with the element each belongs to and
 * how often it was painted during the measured edits. A layer repainted on every edit that shows
 * nothing the edit changed (the designer's palette and inspector, the canvas's dot grid) is work the
 * raster threads do while the rule compiles.
 */
export class LayerPaints {
  private layers: LayerInfo[] = [];
  private before = new Map<string, number>();

  private constructor(private cdp: CDPSession) {
    cdp.on('LayerTree.layerTreeDidChange', (e: { layers?: LayerInfo[] }) => void (e.layers && (this.layers = e.layers)));
  }

  static async start(cdp: CDPSession): Promise<LayerPaints> {
    const l = new LayerPaints(cdp);
    await cdp.send('DOM.enable');
    await cdp.send('DOM.getDocument', { depth: -1 });
    await cdp.send('LayerTree.enable');
    return l;
  }

  /** Paint counts from now on. */
  mark(): void {
    this.before = new Map(this.layers.map((l) => [l.layerId, l.paintCount]));
  }

  async print(): Promise<void> {
    console.log('Layers (paints since mark, size, element):');
    for (const l of this.layers) {
      let desc = '';
      if (l.backendNodeId) {
        const r = (await this.cdp.send('DOM.describeNode', { backendNodeId: l.backendNodeId }).catch(() => undefined)) as { node: { nodeName: string; attributes?: string[] } } | undefined;
        desc = r ? `${r.node.nodeName} ${(r.node.attributes ?? []).join(' ').slice(0, 80)}` : '?';
      }
      const n = l.paintCount - (this.before.get(l.layerId) ?? 0);
      console.log(`  ${l.layerId.padStart(4)} ${String(n).padStart(5)} ${l.drawsContent ? 'draws' : '     '} ${l.width}x${l.height} ${desc}`);
    }
  }
}

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

/**
 * Diagnostics (RW_BENCH_ALLOC=1): what the UI thread allocates during the measured edits (V8's
 * sampling heap profiler, garbage included), per function: the garbage collector's work on the UI
 * thread comes from there.
 */
export class AllocProfile {
  constructor(private cdp: CDPSession) {}

  async start(): Promise<void> {
    await this.cdp.send('HeapProfiler.enable');
    await this.cdp.send('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  }

  /** Stops and prints KB per edit: by function (self), and by caller chain (inclusive). */
  async print(edits: number): Promise<void> {
    const { profile } = (await this.cdp.send('HeapProfiler.stopSampling')) as unknown as { profile: { head: HeapNode } };
    const self = new Map<string, number>();
    const incl = new Map<string, number>();
    const walk = (n: HeapNode, stack: string[]): number => {
      const k = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
      self.set(k, (self.get(k) ?? 0) + n.selfSize);
      let total = n.selfSize;
      for (const c of n.children) total += walk(c, [...stack, k]);
      if (!stack.includes(k)) incl.set(k, (incl.get(k) ?? 0) + total);
      return total;
    };
    walk(profile.head, []);
    const kb = (v: number) => (v / 1024 / Math.max(1, edits)).toFixed(0).padStart(7);
    console.log('UI-thread allocation per edit (KB, sampled, garbage included), by function:');
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${kb(v)}  ${k}`);
    console.log('…inclusive:');
    for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${kb(v)}  ${k}`);
  }
}
