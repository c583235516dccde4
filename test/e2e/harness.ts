/**
 * End-to-end harness: serves the production build (dist/) with Vite's preview server on a free
 * loopback port and drives Debian's Chromium through playwright-core. No browser is downloaded.
 */
import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface App {
  url: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests that left the app's own origin (must stay empty: no network, no telemetry). */
  foreignRequests: string[];
  /** Console errors and uncaught page errors. */
  pageErrors: string[];
  close(): Promise<void>;
}

let server: PreviewServer | undefined;

/** Starts (once) the preview server for dist/ (or $RW_DIST). */
export async function serve(): Promise<string> {
  // RW_DIST lets several people test their own build side by side (vite build --outDir X).
  const outDir = resolve(ROOT, process.env.RW_DIST ?? 'dist');
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`${outDir} fehlt: erst "vite build" ausführen (npm test tut das).`);
  if (!server) {
    server = await preview({ root: ROOT, logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false } });
  }
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('Preview-Server ohne URL');
  return url;
}

export async function stopServer(): Promise<void> {
  await server?.close();
  server = undefined;
}

/** Launches Chromium with a fresh profile and opens the app. */
export async function openApp(opts: { userDataDir?: string } = {}): Promise<App> {
  const url = await serve();
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'regelwerk-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args,
    viewport: { width: 1600, height: 1000 },
    acceptDownloads: true,
  });
  const browser = context.browser() as Browser;
  const page = context.pages()[0] ?? (await context.newPage());
  const origin = new URL(url).origin;
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreignRequests.push(u);
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(url);
  return {
    url,
    browser,
    context,
    page,
    foreignRequests,
    pageErrors,
    async close() {
      await context.close();
    },
  };
}

/** The fresh profile dir used, so a test can reopen the same browser profile after closing. */
export function profileDir(): string {
  return mkdtempSync(join(tmpdir(), 'regelwerk-e2e-'));
}

/** CSS selector of a mapper tree row by its schema path. */
export const treeRow = (side: 'source' | 'target', path: string) => `.tree-${side} [data-path="${path}"]`;

/** Scrolls a (virtualised) mapper tree until the row is rendered, as a user scrolls to find a field. */
export async function reveal(app: App, side: 'source' | 'target', path: string): Promise<void> {
  const tree = app.page.locator(`.tree-${side}`);
  await tree.evaluate((el) => (el.scrollTop = 0));
  for (let i = 0; i < 200; i++) {
    const loc = app.page.locator(treeRow(side, path));
    if ((await loc.count()) > 0) return loc.scrollIntoViewIfNeeded({ timeout: 5000 }).catch(() => undefined);
    await tree.evaluate((el) => (el.scrollTop += el.clientHeight / 2));
  }
  throw new Error(`row ${path} not found in the ${side} tree`);
}

/**
 * Reveals a tree row and acts on it (click, focus …). A re-render between finding and acting (output
 * arriving, rows reloading) may unmount a virtualised row; then it is revealed again instead of waiting 30 s.
 */
export async function onRow(app: App, side: 'source' | 'target', path: string, act: (loc: import('playwright-core').Locator) => Promise<void>): Promise<void> {
  let last: unknown;
  for (let attempt = 0; attempt < 4; attempt++) {
    await reveal(app, side, path);
    try {
      return await act(app.page.locator(treeRow(side, path)));
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

/** The fresh output text on screen now ('' while a run is in progress or before the first output). */
export async function outputNow(page: Page): Promise<string> {
  const out = page.getByTestId('output-text');
  return (await out.count()) ? ((await out.textContent()) ?? '') : '';
}

/** The output badge's check status ('valid', 'invalid', 'malformed' …), waiting up to a minute for the badge. */
export function validationStatus(page: Page): Promise<string | null> {
  return page.getByTestId('validation').getAttribute('data-status', { timeout: 60_000 });
}

/** A one-line Monaco editor's text, from its rendered lines (wrapped lines joined in visual order). */
export function monacoLine(box: import('playwright-core').Locator): Promise<string> {
  return box.evaluate((el) =>
    [...el.querySelectorAll('.view-line')]
      .sort((a, b) => parseFloat((a as HTMLElement).style.top) - parseFloat((b as HTMLElement).style.top))
      .map((l) => l.textContent ?? '')
      .join('')
      .replace(/\u00a0/g, ' '),
  );
}

/** Clicks Run and returns the output text once the output panel shows one. */
export async function runAndRead(app: App): Promise<string> {
  await app.page.getByTestId('run').click();
  const out = app.page.getByTestId('output-text');
  await out.waitFor({ state: 'attached', timeout: 60_000 });
  return (await out.textContent()) ?? '';
}

/**
 * Opens a project file through "Datei öffnen…", as a user does, once the app has opened its first
 * project; resolves when the project chooser shows `projectId`.
 */
export async function openProjectFile(app: App, file: string, projectId: string): Promise<void> {
  await app.page.locator('[data-flow]').first().waitFor({ timeout: 30_000 });
  await app.page.getByTestId('open-file').setInputFiles(file);
  await app.page.waitForFunction((id) => document.querySelector<HTMLSelectElement>('[data-testid="project-select"]')?.value === id, projectId, { timeout: 30_000 });
}

/** Opens a project file and in it the flow `flowId`, with the output tab when `output` is set. */
export async function openFlowOf(app: App, file: string, projectId: string, flowId: string, output = false): Promise<void> {
  await openProjectFile(app, file, projectId);
  await app.page.locator(`[data-flow="${flowId}"]`).click();
  if (output) await app.page.locator('#tab-output').click();
}
