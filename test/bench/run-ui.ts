/**
 * Live preview in Chromium, on the production build: a 100 KB sample message for flow A1, a mapping
 * edit by keyboard (Delete on a mapped target field, each time another one, so every edit gives a rule
 * text never compiled before), and the time from the keydown to the new output on screen: the output
 * editor (Monaco) has the new text and the animation frame that draws it has run. Baseline, in
 * the same page: SaxonJS's compile + transform of exactly the same rule texts (compiled by the same core
 * compiler in Node) on the same message, in a plain SaxonJS worker (saxon-worker.js, no engine around
 * it: each run parses the message, as SaxonJS's own transform does; the app's engine keeps the
 * unchanged sample parsed from one run to the next). Each edit's rule is another one (one mapping
 * fewer), so the row is the edit with the median of the per-edit ratios, each comparing one rule on
 * both sides. Also: the longest long task (PerformanceObserver 'longtask') on the UI thread during
 * the edits, against the 100 ms budget.
 * The app is built into a temporary directory, so a concurrent build of dist/ cannot disturb it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { compileProjectFlow } from '../../src/core/compiler/index.ts';
import { loadProject } from '../../src/core/model/load.ts';
import type { Project } from '../../src/core/model/project.ts';
import { AllocProfile, CpuTrace, JsProfile, LayerPaints } from './cpu-trace.ts';
import { median, medianPair, row, type BenchRow } from './types.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FLOW = 'a1-gewerberegister';
const GM = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
/** The target tree path of a Gewerbemeldung field given as 'Betrieb/Name'. */
const target = (p: string) => `/{${GM}}Gewerbemeldung/` + p.split('/').map((s) => `{${GM}}${s}`).join('/');
/**
 * Warm-up edits, not counted: SaxonJS's XSLT compiler is JIT-compiled by V8 while it runs, and in the
 * first compiles of a worker its time falls from ~250 to ~150 ms. Both the app's worker and the
 * baseline worker get the same number of warm-up compiles, so both are measured in steady state.
 */
const WARM_UP = ['Inhaber/Person/Vorname', 'Inhaber/Person/Familienname', 'Inhaber/Person/Staatsangehoerigkeit', 'Betrieb/Beschaeftigte/Vollzeit', 'Betrieb/Beschaeftigte/Teilzeit', 'Betrieb/Name'].map(target);
/** Target fields whose mapping the measured edits delete, one per edit. */
const EDITS = [
  'Kopfdaten/Vorgangsnummer',
  'Kopfdaten/Eingangsdatum',
  'Kopfdaten/Gemeindeschluessel',
  'Kopfdaten/Leistungsschluessel',
  'Kopfdaten/Meldungsart',
  'Betrieb/Rechtsform',
  'Betrieb/Beginn',
  'Betrieb/Betriebsanschrift/Strasse',
  'Betrieb/Betriebsanschrift/Hausnummer',
  'Betrieb/Betriebsanschrift/PLZ',
  'Betrieb/Betriebsanschrift/Ort',
  'Inhaber/Person/Anrede',
  'Inhaber/Person/Geburtsdatum',
  'Inhaber/Person/Wohnanschrift/StrasseHausnummer',
  'Inhaber/Person/Wohnanschrift/PlzOrt',
].map(target);
const ALL_EDITS = [...WARM_UP, ...EDITS];

/** Sample 01 with enough activity groups (each becomes an output element) to weigh ~`bytes`. */
export function bigSample(base: string, bytes: number): string {
  const parts: string[] = [];
  let size = base.length;
  for (let i = 3; size < bytes; i++) {
    const s = `    <instance_${i}>\n      <taetigkeitBeschreibung>Tätigkeit Nr. ${i}: Handel mit Waren aller Art, Reparatur &amp; Service</taetigkeitBeschreibung>\n      <haupttaetigkeit>false</haupttaetigkeit>\n    </instance_${i}>\n`;
    parts.push(s);
    size += s.length;
  }
  return base.replace('  </taetigkeiten>', parts.join('') + '  </taetigkeiten>');
}

/** Installs window.__rw: keydown time, longest long task while measuring, done(sameText) → ms to a new output. */
const PROBE = `(() => {
  const rw = { t0: 0, runStart: 0, tasks: [], windows: [], runWindows: [] };
  window.__rw = rw;
  window.addEventListener('keydown', () => { rw.t0 = performance.now(); rw.runStart = 0; }, true);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) rw.tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  // When the rule starts running (the output panel shows "Läuft…").
  new MutationObserver(() => {
    if (!rw.runStart && document.querySelector('[data-testid="run-running"]')) rw.runStart = performance.now();
  }).observe(document.body, { childList: true, subtree: true });
  const rev = () => Number(document.querySelector('[data-testid="output-editor"]')?.getAttribute('data-rev') ?? 0);
  // A manual run of an unchanged rule gives the same text, which the editor keeps (no new revision).
  rw.done = (sameText) => new Promise((resolve) => {
    const rev0 = rev();
    const obs = new MutationObserver(() => check());
    let seen = false;
    let ran = false;
    const check = () => {
      ran ||= !!document.querySelector('[data-testid="run-running"]');
      // The editor has the new output (a text from outside: its revision went up; the old output stays
      // in it while the rule runs); a manual run of the same rule: the panel went from running to done …
      if (seen || (sameText ? !ran || !document.querySelector('[data-testid="output-text"]') : rev() <= rev0)) return;
      seen = true;
      obs.disconnect();
      // … and the frame that draws it has run: Monaco renders its lines in an animation frame.
      requestAnimationFrame(() => {
        const t1 = performance.now();
        rw.windows.push([rw.t0, t1]);
        rw.runWindows.push([rw.runStart || rw.t0, t1]);
        resolve(t1 - rw.t0);
      });
    };
    obs.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-rev'] });
    check();
  });
  // Longest long task overlapping the given windows (entries arrive late, so match by time).
  rw.longest = (which) => Math.max(0, ...rw.tasks.filter(([s, d]) => rw[which].some(([a, b]) => s < b && s + d > a)).map(([, d]) => d));
})()`;

/**
 * RW_BENCH_PHASES=1 only (it hooks the page's workers, so plain runs measure the app untouched): when a
 * SaxonJS worker was asked to run, when its answer was dispatched to the page, and the compile and
 * transform times the worker itself measured.
 */
const PHASES_PROBE = `(() => {
  const rw = window.__rw;
  rw.phases = [];
  const post = Worker.prototype.postMessage;
  const watched = new WeakSet();
  Worker.prototype.postMessage = function (msg, ...rest) {
    if (msg && msg.op === 'run') {
      this.__posted = performance.now();
      if (!watched.has(this)) {
        watched.add(this);
        this.addEventListener('message', (e) => {
          const d = e.data;
          if (d && typeof d.compileMs === 'number') rw.phases.push({ base: !!this.__base, t0: rw.t0, post: this.__posted, arrive: e.timeStamp, handled: performance.now(), compileMs: d.compileMs, runMs: d.runMs || 0 });
        });
      }
    }
    return post.call(this, msg, ...rest);
  };
})()`;

/** In the page: window.__base(rule) compiles and runs a rule text on the input in a plain SaxonJS worker, returns ms. */
const BASELINE_SETUP = `async ({ input, warm }) => {
  const worker = new Worker(new URL('saxon-worker.js', location.href));
  worker.__base = true;
  let id = 0;
  const call = (msg) => new Promise((res) => {
    worker.onmessage = (e) => { if (!(e.data && e.data.type)) res(e.data); };
    worker.postMessage({ ...msg, id: ++id });
  });
  await call({ op: 'run', stylesheet: warm, input });
  window.__base = async (stylesheet) => {
    const t0 = performance.now();
    const r = await call({ op: 'run', stylesheet, input });
    if (!r.ok) throw new Error('baseline run failed');
    return performance.now() - t0;
  };
}`;

/** Benchmarks the live preview against SaxonJS compile + transform; ratio target 1.2, long tasks ≤ 100 ms. */
export async function benchRunUi(): Promise<BenchRow[]> {
  const loaded = loadProject(readFileSync(join(ROOT, 'samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json'), 'utf8'), 'bench');
  if (!loaded.ok) throw new Error('sample project does not load');
  const project: Project = { ...loaded.project, id: 'bench-live-preview', name: 'Bench Live-Vorschau' };
  const flow = project.flows.find((f) => f.id === FLOW)!;
  const input = bigSample(flow.samples[0].content, 100_000);
  const sample = { id: 'msg-100kb', name: 'sample-100kb.xml', content: input };
  project.flows = project.flows.map((f) => (f.id === FLOW ? { ...f, samples: [...f.samples, sample] } : f));

  // The rule texts after each edit, as the app's compiler makes them.
  const states: string[] = [];
  let current = project.flows.find((f) => f.id === FLOW)!;
  for (const t of ALL_EDITS) {
    if (!current.mapping.rules.some((r) => r.target === t)) throw new Error(`no rule maps ${t}`);
    current = { ...current, mapping: { ...current.mapping, rules: current.mapping.rules.filter((r) => r.target !== t) } };
    states.push(compileProjectFlow(project, current).xslt);
  }

  const dir = mkdtempSync(join(tmpdir(), 'rw-bench-ui-'));
  const outDir = join(dir, 'dist');
  await build({ root: ROOT, logLevel: 'error', build: { outDir, emptyOutDir: true, minify: process.env.RW_BENCH_PROFILE ? false : undefined } });
  const projectFile = join(dir, 'bench.regelwerk.json');
  writeFileSync(projectFile, JSON.stringify(project));
  const server = await preview({ root: ROOT, logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', open: false } });
  const url = server.resolvedUrls!.local[0];
  const context = await chromium.launchPersistentContext(mkdtempSync(join(dir, 'profile-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1600, height: 1000 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());

    await page.goto(url);
    // First the app's own start (it opens the sample project), then ours.
    await page.locator(`[data-flow="${FLOW}"]`).first().waitFor({ timeout: 60_000 });
    await page.getByTestId('open-file').setInputFiles(projectFile);
    await page.waitForFunction(() => (document.querySelector('[data-testid="project-select"]') as HTMLSelectElement | null)?.value === 'bench-live-preview', null, { timeout: 60_000 });
    await page.locator(`[data-flow="${FLOW}"]`).first().click();
    await page.locator('#tab-output').click();
    const options = await page.getByTestId('sample-select').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    if (!options.includes('msg-100kb')) throw new Error(`100 KB sample not in the app: ${options.join(', ')} (project ${await page.getByTestId('project-select').inputValue()})`);
    await page.getByTestId('sample-select').selectOption('msg-100kb');
    const last = /.*(Tätigkeit Nr\. \d+)/s.exec(input)![1];
    await page.waitForFunction((l) => (document.querySelector('[data-testid="output-text"]')?.textContent ?? '').includes(l), last, { timeout: 120_000 });

    // In-page probes: time from keydown to a new output, and long tasks in that window. (Plain script
    // text: tsx would wrap named functions in helpers the page does not have.)
    await page.evaluate(PROBE);
    if (process.env.RW_BENCH_PHASES) await page.evaluate(PHASES_PROBE);
    // RW_BENCH_CPU=1: where the CPU goes during the measured edits (diagnostics; tracing skews the ratio).
    const cpu = process.env.RW_BENCH_CPU ? new CpuTrace(await context.newCDPSession(page)) : undefined;
    // RW_BENCH_PROFILE=1: which functions the UI thread spends the edits in (unminified build).
    const prof = process.env.RW_BENCH_PROFILE ? new JsProfile(await context.newCDPSession(page)) : undefined;
    const traced = <T>(i: number, tag: string, what: () => Promise<T>): Promise<T> => {
      if (i < WARM_UP.length) return what();
      if (cpu) return cpu.around(tag, what);
      return prof && tag === 'edit' ? prof.around(what) : what();
    };
    // A plain SaxonJS worker for the baseline, warmed like the app's engine; edits and baseline runs
    // alternate so that load on the machine hits both alike.
    const warm = compileProjectFlow(project, flow).xslt.replace('<xsl:template', '<xsl:variable name="warm" select="1"/><xsl:template');
    await page.evaluate(`(${BASELINE_SETUP})(${JSON.stringify({ input, warm })})`);
    const subject: number[] = [];
    const base: number[] = [];
    // Subject and baseline alternate in order (edit first, then baseline first), so a drift in the
    // machine's speed during the loop weighs on both alike.
    const edit = async (i: number): Promise<number> => {
      const rowSel = `.tree-target [data-path="${ALL_EDITS[i]}"]`;
      // The tree is virtualised: scroll from the top until the row exists; a re-render (output
      // arriving) may unmount it between finding and clicking, then look again.
      for (let attempt = 0; ; attempt++) {
        await page.locator('.tree-target').evaluate((el) => void (el.scrollTop = 0));
        for (let k = 0; k < 100 && !(await page.locator(rowSel).count()); k++) await page.locator('.tree-target').evaluate((el) => void (el.scrollTop += el.clientHeight / 2));
        try {
          await page.locator(rowSel).scrollIntoViewIfNeeded({ timeout: 5000 });
          await page.locator(rowSel).click({ timeout: 5000 });
          break;
        } catch (e) {
          if (attempt === 3) throw e;
        }
      }
      // The output before the edit, kept in the page: reading the 100 KB text out through Playwright
      // made ~1 MB of garbage in the page per edit, which the app's next garbage collection (in the
      // measured window) then had to deal with.
      await page.evaluate(`void (window.__rw.prev = document.querySelector('[data-testid="output-text"]')?.textContent ?? '')`);
      // Let the click's own effects settle so they are not counted.
      await page.waitForTimeout(300);
      const done = page.evaluate(`window.__rw.done(false)`) as Promise<number>;
      // An edit that does not change the output would never resolve: fail clearly instead of hanging.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const tooLong = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`edit ${ALL_EDITS[i]} did not change the output within 30 s`)), 30_000)));
      const ms = await traced(i, 'edit', async () => {
        await page.locator(rowSel).press('Delete');
        return Promise.race([done, tooLong]);
      }).finally(() => clearTimeout(timer));
      await page.waitForTimeout(500); // the schema check of the new output runs in its worker meanwhile
      // What the editor got was the new output, and the panel shows it as current.
      const changed = await page.evaluate(`(() => { const t = document.querySelector('[data-testid="output-text"]')?.textContent; return !!t && t !== window.__rw.prev; })()`);
      if (!changed) throw new Error(`edit ${ALL_EDITS[i]}: the panel does not show a new output`);
      return ms;
    };
    const baseline = async (i: number): Promise<number> => {
      const ms = await traced(i, 'baseline', () => page.evaluate(`window.__base(${JSON.stringify(states[i])})`) as Promise<number>);
      await page.waitForTimeout(300);
      return ms;
    };
    // RW_BENCH_LAYERS=1 / RW_BENCH_ALLOC=1: repainted layers and UI-thread allocation over the measured edits.
    const layers = process.env.RW_BENCH_LAYERS ? await LayerPaints.start(await context.newCDPSession(page)) : undefined;
    const alloc = process.env.RW_BENCH_ALLOC ? new AllocProfile(await context.newCDPSession(page)) : undefined;
    for (let i = 0; i < ALL_EDITS.length; i++) {
      if (i === WARM_UP.length) {
        layers?.mark();
        await alloc?.start();
      }
      let s: number;
      let b: number;
      if (i % 2 === 0) {
        s = await edit(i);
        b = await baseline(i);
      } else {
        b = await baseline(i);
        s = await edit(i);
      }
      if (i < WARM_UP.length) continue;
      subject.push(s);
      base.push(b);
    }
    await layers?.print();
    await alloc?.print(EDITS.length);
    // Manual runs of the same rule (▶), without an edit.
    for (let i = 0; i < 3; i++) {
      const done = page.evaluate(`window.__rw.done(true)`) as Promise<number>;
      await page.evaluate(`window.__rw.t0 = performance.now(); window.__rw.runStart = 0`);
      await page.getByTestId('run').click();
      await done;
      await page.waitForTimeout(300);
    }
    await page.waitForTimeout(1000); // long-task entries are delivered late
    const duringRun = (await page.evaluate(`window.__rw.longest('runWindows')`)) as number;
    const withEdit = (await page.evaluate(`window.__rw.longest('windows')`)) as number;
    if (process.env.RW_BENCH_DEBUG) console.log('TASKS', JSON.stringify(await page.evaluate('window.__rw')));
    cpu?.print();
    prof?.print();
    if (process.env.RW_BENCH_PHASES) printPhases((await page.evaluate('window.__rw.phases')) as Phase[], (await page.evaluate('window.__rw.windows')) as [number, number][]);
    if (process.env.RW_BENCH_DEBUG) console.log('PAIRS', JSON.stringify(subject.map((x, i) => [Math.round(x), Math.round(base[i])])));
    // Every edit deletes another mapping, so every pair times another, smaller rule (compiles fall from
    // ~150 to ~100 ms over the edits): the ratio is the median of the per-edit ratios, each comparing
    // the same rule, given as the pair that has it. The ratio of the two medians is in the note.
    const mid = medianPair(subject, base);
    const note = `A1, ${(input.length / 1024).toFixed(0)} KB sample; edit (Delete on a mapped field) to new output drawn in the app's output editor vs SaxonJS compile+transform (message parse included) of the same rule in a plain worker; ${EDITS.length} edits after ${WARM_UP.length} warm-up edits (both workers), order alternating; the edit with the median ratio (per edit: same rule on both sides); medians of all edits ${Math.round(median(subject))} / ${Math.round(median(base))} ms = ${(median(subject) / median(base)).toFixed(3)}`;
    return [
      row('live-preview-100kb', mid.subject, mid.baseline, 1.2, note),
      row('run-longtask-max', duringRun, 100, 1, `longest UI-thread long task while a rule runs (from "running" to output shown; ${EDITS.length} live previews, 3 manual runs) vs the 100 ms budget; 0 = none over 50 ms. Including the edit's own handling: ${Math.round(withEdit)} ms`),
    ];
  } finally {
    await context.close();
    await server.close();
  }
}

interface Phase {
  base: boolean;
  t0: number;
  post: number;
  arrive: number;
  handled: number;
  compileMs: number;
  runMs: number;
}

/**
 * RW_BENCH_PHASES=1: per measured edit, where the time from keydown to output on screen went: until the
 * run was posted to the worker, the worker's compile and transform (as the worker measured them), the
 * rest of the way there and back (message passing, and a worker that shares the CPU), the page's
 * handling of the answer, and the wait for the frame. The baseline's compile and transform beside it.
 */
function printPhases(phases: Phase[], windows: [number, number][]): void {
  // The measured edits' windows (the warm-up edits come first, the manual runs after).
  const edits = windows.slice(WARM_UP.length, ALL_EDITS.length);
  const base = phases.filter((p) => p.base).slice(-EDITS.length);
  const rows: number[][] = [];
  edits.forEach(([t0, end], i) => {
    const p = phases.filter((x) => !x.base && x.t0 === t0).pop();
    const b = base[i];
    if (p && b) rows.push([p.post - p.t0, p.compileMs, p.runMs, p.arrive - p.post - p.compileMs - p.runMs, p.handled - p.arrive, end - p.handled, end - p.t0, b.compileMs, b.runMs, b.arrive - b.post - b.compileMs - b.runMs]);
  });
  const line = (xs: number[]) => xs.map((x, k) => (k === 7 ? '| ' : '') + String(Math.round(x)).padStart(5)).join(' ');
  console.log(' post  comp   run  msg+ handl frame total |  b.comp b.run  msg+   (ms; msg+: message passing and waiting)');
  for (const r of rows) console.log(line(r));
  if (rows.length) console.log(line(rows[0].map((_, k) => median(rows.map((r) => r[k])))) + '   medians');
}
