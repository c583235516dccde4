/**
 * Schema tree view speed (issue 3), in Chromium. The real TreeView and rows.ts are bundled (esbuild)
 * into a page that hosts them like the mapper does (scroll position in parent state), with the FHIR
 * schema (3.8 MB, 7,366 element declarations) imported in the page beforehand — the measurements
 * start "after import", when the tree object exists:
 * - first paint as the mapper opens it (root and its children expanded), and first paint with
 *   10,000+ rows expanded: from the tree to painted rows (visibleRows, React render, layout, paint),
 *   against painting the same visible rows as plain divs with React (no tree logic). The issue's
 *   absolute budget is 200 ms; the note says whether it is met.
 * - scrolling through those 10,000+ rows top to bottom (a viewport per frame, a fast fling): the
 *   95th-percentile frame, and the longest main-thread long task (PerformanceObserver 'longtask'),
 *   each against the same scroll over a plain virtualised list of the same rows, runs alternating.
 *   The budget is "no long task over 50 ms"; the note says whether it is met, with the
 *   machine's load average (on a shared 2-core machine other processes cause long tasks too).
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { median, row, type BenchRow } from './types.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FHIR = join(ROOT, '../shared/peers/kaoto-datamapper/xml/fhir-single.xsd');
const RUNS = 7;

// The page's side: host components and measuring functions on window.bench.
const ENTRY = `
import { createElement as h, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { TreeView, ROW_H } from './src/ui/mapper/TreeView.tsx';
import { visibleRows } from './src/ui/mapper/rows.ts';
import { importXsd } from './src/core/schema/xsd/index.ts';

const HEIGHT = 600;
const none = new Set();
const noop = () => {};

function TreeHost({ tree, expanded }) {
  const [top, setTop] = useState(0);
  // Like the mapper: rows are derived once per expansion, not per scroll.
  const rows = useMemo(() => visibleRows(tree, expanded), [tree, expanded]);
  return h(TreeView, { side: 'source', label: 'Bench', rows, tree, mapped: none, scrollTop: top, height: HEIGHT, onScroll: setTop, onToggle: noop, onActivate: noop, onPick: noop });
}

// The baseline: the same virtualised window of rows, as plain divs, without any tree logic.
function PlainHost({ texts }) {
  const [top, setTop] = useState(0);
  const first = Math.max(0, Math.floor(top / ROW_H) - 8);
  const last = Math.min(texts.length, Math.ceil((top + HEIGHT) / ROW_H) + 8);
  const kids = [];
  for (let i = first; i < last; i++) kids.push(h('div', { key: i, className: 'tree-row', style: { top: i * ROW_H, height: ROW_H } }, texts[i]));
  return h('div', { className: 'tree tree-source', style: { height: HEIGHT }, onScroll: (e) => setTop(e.target.scrollTop) }, h('div', { style: { height: texts.length * ROW_H, position: 'relative' } }, kids));
}

const paint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
const frame = () => new Promise((r) => requestAnimationFrame(r));
let root, tree, host = document.getElementById('root');
const longtasks = [];
new PerformanceObserver((l) => l.getEntries().forEach((e) => longtasks.push(e.duration))).observe({ type: 'longtask' });

function expandedFor(minRows) {
  const open = new Set([tree.root.path]);
  let level = [tree.root];
  let count = 1 + tree.children(tree.root).length;
  while (count < minRows && level.length) {
    const next = [];
    for (const n of level) for (const c of tree.children(n)) if (c.hasChildren && !c.recursive) next.push(c);
    for (const n of next) {
      if (count >= minRows) break;
      open.add(n.path);
      count += tree.children(n).length;
    }
    level = next;
  }
  return open;
}

window.bench = {
  load(text) {
    const r = importXsd([{ name: 'fhir-single.xsd', content: text }]);
    tree = r.tree(r.roots.find((q) => q.local === 'Patient') ?? r.roots[0]);
    return tree.root.name.local;
  },
  expanded(minRows) { return [...expandedFor(minRows)]; },
  async firstPaint(openPaths) {
    const expanded = new Set(openPaths);
    root?.unmount(); host.textContent = ''; await paint();
    const t0 = performance.now();
    root = createRoot(host);
    flushSync(() => root.render(h(TreeHost, { tree, expanded })));
    await paint();
    const ms = performance.now() - t0;
    return { ms, rows: visibleRows(tree, expanded).length, painted: host.querySelectorAll('[role=treeitem]').length };
  },
  async plainPaint(count) {
    const texts = Array.from({ length: count }, (_, i) => 'Zeile ' + i);
    root?.unmount(); host.textContent = ''; await paint();
    const t0 = performance.now();
    root = createRoot(host);
    flushSync(() => root.render(h(PlainHost, { texts })));
    await paint();
    return performance.now() - t0;
  },
  // Scrolls the mounted list to the end, a viewport per frame; returns the longest frame and long tasks.
  async scroll() {
    const el = host.querySelector('.tree');
    el.scrollTop = 0; await paint(); await paint();
    longtasks.length = 0;
    let prev = performance.now();
    const all = [];
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
      el.scrollTop += HEIGHT;
      await frame();
      const now = performance.now();
      all.push(now - prev);
      prev = now;
    }
    await paint();
    all.sort((a, b) => a - b);
    return { p95: all[Math.floor(all.length * 0.95)], frames: all.length, longest: Math.max(0, ...longtasks), longCount: longtasks.filter((d) => d > 50).length };
  },
  // Checks that the long-task observer works here: a deliberate 120 ms block must be seen.
  // (A task started by the test driver itself is not reported: the block runs in a timer task.)
  async probe() {
    longtasks.length = 0;
    await new Promise((r) => setTimeout(() => { const end = performance.now() + 120; while (performance.now() < end) {} r(0); }, 0));
    await new Promise((r) => setTimeout(r, 100));
    return Math.max(0, ...longtasks);
  },
};
`;

async function bundle(): Promise<{ js: string; css: string }> {
  const out = await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'tsx', sourcefile: 'tree-bench.tsx' },
    bundle: true,
    write: false,
    format: 'iife',
    outdir: '/virtual',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const js = out.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const css = out.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  return { js, css: readFileSync(join(ROOT, 'src/ui/styles.css'), 'utf8') + css };
}

async function medianOf(n: number, f: () => Promise<number>): Promise<number> {
  await f(); // warm-up: JIT and React's first mount
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push(await f());
  return median(xs);
}

async function firstPaintRow(page: Page, id: string, open: string[], what: string): Promise<BenchRow> {
  let rows = 0;
  let painted = 0;
  const subject = await medianOf(RUNS, async () => {
    const r = await page.evaluate((o) => (window as unknown as { bench: { firstPaint(o: string[]): Promise<{ ms: number; rows: number; painted: number }> } }).bench.firstPaint(o), open);
    rows = r.rows;
    painted = r.painted;
    return r.ms;
  });
  const baseline = await medianOf(RUNS, () => page.evaluate((n) => (window as unknown as { bench: { plainPaint(n: number): Promise<number> } }).bench.plainPaint(n), rows));
  const met = subject <= 200 ? 'met' : 'NOT met';
  return row(id, subject, baseline, 3, `${what}: ${rows} rows (${painted} painted) in ${subject.toFixed(1)} ms vs ${baseline.toFixed(1)} ms for plain rows; budget 200 ms ${met}`);
}

/** Runs the tree view benchmarks in Chromium. */
export async function benchTree(): Promise<BenchRow[]> {
  const { js, css } = await bundle();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.setContent('<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body><div id="root" style="width:600px"></div></body></html>');
    await page.addStyleTag({ content: css });
    await page.addScriptTag({ content: js });
    type B = { bench: { load(t: string): string; expanded(n: number): string[]; probe(): Promise<number> } };
    const rootName = await page.evaluate((t) => (window as unknown as B).bench.load(t), readFileSync(FHIR, 'utf8'));
    const onOpen = await page.evaluate(() => (window as unknown as B).bench.expanded(2));
    const big = await page.evaluate(() => (window as unknown as B).bench.expanded(10_000));
    const out: BenchRow[] = [];
    out.push(await firstPaintRow(page, 'tree.first-paint.fhir-open', onOpen, `FHIR ${rootName}, root expanded`));
    out.push(await firstPaintRow(page, 'tree.first-paint.fhir-10k-rows', big, `FHIR ${rootName}, 10,000+ rows expanded`));

    const probe = await page.evaluate(() => (window as unknown as B).bench.probe());
    if (probe < 100) throw new Error(`long-task observer does not report (probe saw ${probe} ms)`);
    type Scroll = { p95: number; longest: number; longCount: number; frames: number };
    const scroll = async (mount: () => Promise<unknown>): Promise<Scroll> => {
      await mount();
      return page.evaluate(() => (window as unknown as { bench: { scroll(): Promise<Scroll> } }).bench.scroll());
    };
    const mountTree = () => page.evaluate((o) => (window as unknown as { bench: { firstPaint(o: string[]): Promise<{ rows: number }> } }).bench.firstPaint(o), big);
    const rowsOf10k = (await mountTree()).rows;
    const mountPlain = () => page.evaluate((n) => (window as unknown as { bench: { plainPaint(n: number): Promise<number> } }).bench.plainPaint(n), rowsOf10k);
    const tree: Scroll[] = [];
    const plain: Scroll[] = [];
    // Alternating runs, so load from elsewhere on the machine hits both sides alike.
    for (let i = 0; i < 3; i++) {
      tree.push(await scroll(mountTree));
      plain.push(await scroll(mountPlain));
    }
    const load = loadavg()[0].toFixed(1);
    const med = (xs: Scroll[], k: keyof Scroll) => median(xs.map((x) => x[k]));
    out.push(
      row(
        'tree.scroll.10k-rows.p95-frame',
        med(tree, 'p95'),
        med(plain, 'p95'),
        1.5,
        `${rowsOf10k} rows, ${tree[0].frames} frames a viewport (600 px) apart: 95th percentile frame ${med(tree, 'p95').toFixed(1)} ms vs ${med(plain, 'p95').toFixed(1)} ms for plain rows (load average ${load})`,
      ),
    );
    out.push(
      row(
        'tree.scroll.10k-rows.longest-task',
        med(tree, 'longest'),
        Math.max(1, med(plain, 'longest')),
        2,
        `longest long task per run (median of 3): ${med(tree, 'longest').toFixed(0)} ms tree vs ${med(plain, 'longest').toFixed(0)} ms plain; budget 50 ms ${med(tree, 'longest') <= 50 ? 'met' : 'NOT met'}; tasks over 50 ms: ${tree.reduce((n, x) => n + x.longCount, 0)} tree / ${plain.reduce((n, x) => n + x.longCount, 0)} plain; load average ${load} on ${cpus().length} cores; observer probe saw ${probe.toFixed(0)} ms`,
      ),
    );
    return out;
  } finally {
    await browser.close();
  }
}
