/**
 * The SaxonJS worker of the production build (dist/), in Chromium, served from a sub-path by a plain
 * static file server: SaxonJS shipped byte for byte with its licence, the classic worker loading it
 * relative to itself, compile + run through the host protocol, the run-time sandbox, and no network.
 * (Queueing, time limits and error mapping are the same worker-engine.ts the Node unit tests cover.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
/** The build to test: the one the harness serves (RW_DIST, else dist/). */
const DIST = resolve(ROOT, process.env.RW_DIST ?? 'dist');
const SUB = '/deep/sub/path/';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.txt': 'text/plain', '.json': 'application/json' };

const XSL = (body: string, top = '') =>
  `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n${top}<xsl:template match="/">\n${body}\n</xsl:template>\n</xsl:stylesheet>\n`;

let server: Server;
let base: string;
let browser: Browser;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ fehlt: erst "vite build" ausführen.');
  server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    if (path === SUB + 'blank.html') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>blank</title>');
      return;
    }
    if (!path.startsWith(SUB)) {
      res.writeHead(404).end();
      return;
    }
    const file = normalize(join(DIST, path.slice(SUB.length) || 'index.html'));
    if (!file.startsWith(DIST) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SUB}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(base + 'blank.html');
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

/** Starts the worker in the page and sends it host requests; returns the answers. */
async function inWorker(reqs: unknown[]): Promise<unknown[]> {
  return page.evaluate(async (reqs) => {
    const w = new Worker(new URL('saxon-worker.js', location.href));
    const next = () => new Promise<unknown>((res, rej) => {
      w.onmessage = (e) => res(e.data);
      w.onerror = (e) => rej(new Error(e.message));
    });
    const out: unknown[] = [await next()];
    for (const r of reqs) {
      const p = next();
      w.postMessage(r);
      out.push(await p);
    }
    w.terminate();
    return out;
  }, reqs);
}

describe('SaxonJS worker of the production build in Chromium', () => {
  it('ships SaxonJS and its licence byte for byte, next to the worker and host', () => {
    const saxonDir = join(ROOT, 'node_modules/saxon-js');
    expect(readFileSync(join(DIST, 'vendor/SaxonJS2N.js')).equals(readFileSync(join(saxonDir, 'SaxonJS2N.js')))).toBe(true);
    expect(readFileSync(join(DIST, 'vendor/LICENSE.txt')).equals(readFileSync(join(saxonDir, 'LICENSE.txt')))).toBe(true);
    expect(readFileSync(join(DIST, 'saxon-host.js'), 'utf8')).toBe(readFileSync(join(ROOT, 'src/core/runner/saxon-host.cjs'), 'utf8'));
    expect(existsSync(join(DIST, 'saxon-worker.js'))).toBe(true);
  });

  it('loads SaxonJS from a sub-path, compiles to SEF in one worker and runs it in another', async () => {
    const stylesheet = XSL('<out p="{$p}"><xsl:copy-of select="/a/b"/></out>', '<xsl:param name="p"/>\n');
    const [ready, compiled] = (await inWorker([{ op: 'compile', id: 1, stylesheet }])) as [{ type: string; mode: string }, { ok: boolean; sef: string }];
    expect(ready).toEqual({ type: 'ready', mode: 'sef' });
    expect(compiled.ok).toBe(true);
    const [, run, again] = (await inWorker([
      { op: 'run', id: 2, sefKey: 1, sef: compiled.sef, input: '<a><b>1</b></a>', params: { p: 'x' } },
      { op: 'run', id: 3, sefKey: 1, input: '<a><b>2</b></a>', params: { p: 'y' } },
    ])) as Array<{ ok: boolean; output: string }>;
    expect(run.output).toBe('<?xml version="1.0" encoding="UTF-8"?><out p="x"><b>1</b></out>');
    expect(again.output).toBe('<?xml version="1.0" encoding="UTF-8"?><out p="y"><b>2</b></out>');
  });

  it('refuses file and URL access at run time without touching the network', async () => {
    const before = requests.length;
    const target = base + 'index.html';
    const answers = (await inWorker([
      { op: 'run', id: 1, stylesheet: XSL(`<out><xsl:value-of select="doc('${target}')"/></out>`), input: '<a/>' },
      { op: 'run', id: 2, stylesheet: XSL(`<out><xsl:value-of select="unparsed-text('${target}')"/></out>`), input: '<a/>' },
      { op: 'run', id: 3, stylesheet: XSL(`<out><xsl:value-of select="doc-available('${target}')"/></out>`), input: '<a/>' },
      { op: 'run', id: 4, stylesheet: XSL('<xsl:result-document href="x.xml"><x/></xsl:result-document><out/>'), input: '<a/>' },
      { op: 'run', id: 5, stylesheet: XSL(`<out><xsl:value-of select="function-lookup(QName('http://saxonica.com/ns/' || 'interactiveXSLT', 'eval'), 1)('6*7')"/></out>`), input: '<a/>' },
    ])) as Array<{ ok: boolean; violations?: unknown[]; output?: string }>;
    for (const a of answers.slice(1, 5)) {
      expect(a.ok).toBe(false);
      expect(a.violations?.length).toBeGreaterThan(0);
    }
    expect(answers[5].ok).toBe(false); // ixsl: switched off
    const fetched = requests.slice(before).filter((u) => !/saxon-worker\.js|saxon-host\.js|SaxonJS2N\.js/.test(u));
    expect(fetched).toEqual([]);
  });

  it('leaves the worker without network or storage APIs', async () => {
    const count = page.workers().length;
    await page.evaluate(async () => {
      const w = new Worker(new URL('saxon-worker.js', location.href));
      (globalThis as unknown as { keep: Worker }).keep = w;
      await new Promise((r) => (w.onmessage = r));
    });
    const worker = page.workers()[count] ?? page.workers().at(-1)!;
    const types = await worker.evaluate(() => [typeof fetch, typeof XMLHttpRequest, typeof WebSocket, typeof importScripts, typeof indexedDB]);
    expect(types).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
  });

  it('only ever talked to its own server', () => {
    expect(requests.filter((u) => !u.startsWith(base))).toEqual([]);
  });
});
