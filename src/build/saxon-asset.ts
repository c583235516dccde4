/**
 * Vite plugin: ships SaxonJS as an unmodified static file (Saxonica's licence allows redistribution
 * only without modification, so it is never bundled, minified or rewritten).
 *
 * Serves in dev, and emits verbatim into the build output:
 *   vendor/SaxonJS2N.js   node_modules/saxon-js/SaxonJS2N.js, byte for byte
 *   vendor/LICENSE.txt    node_modules/saxon-js/LICENSE.txt (Saxonica's licence), byte for byte
 *   saxon-host.js         src/core/runner/saxon-host.cjs (ours: compile/run/sandbox, shared with Node)
 * public/saxon-worker.js (a classic Web Worker, copied by Vite as a public file) loads both with
 * importScripts relative to its own URL, so the app works from any static server and sub-path.
 * Paths are resolved from the project root (config.root), not from this file, so the plugin works the
 * same whether vite.config.ts imports it directly or Vite bundles it with the config.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** Files the plugin provides: output path (relative to base) → absolute source path. */
export function saxonAssetFiles(root: string): Record<string, string> {
  const require = createRequire(join(root, 'package.json'));
  const saxon = require.resolve('saxon-js');
  return {
    'vendor/SaxonJS2N.js': saxon,
    'vendor/LICENSE.txt': join(dirname(saxon), 'LICENSE.txt'),
    'saxon-host.js': resolve(root, 'src/core/runner/saxon-host.cjs'),
  };
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface SaxonAssetOptions {
  /** Project root holding node_modules/saxon-js and src/core/runner; default: Vite's root. */
  projectRoot?: string;
}

/** The plugin; add it to `plugins` in vite.config.ts. */
export function saxonAsset(options: SaxonAssetOptions = {}): Plugin {
  let files: Record<string, string> = {};
  return {
    name: 'regelwerk:saxon-asset',
    configResolved(config) {
      files = saxonAssetFiles(options.projectRoot ?? config.root);
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split(/[?#]/)[0]);
        // Match the tail so any base / sub-path works (the worker resolves these relative to itself).
        const key = Object.keys(files).find((k) => path === '/' + k || path.endsWith('/' + k));
        if (!key) return next();
        let body: Buffer;
        try {
          body = readFileSync(files[key]);
        } catch (e) {
          res.statusCode = 500;
          res.end(`saxon-asset: cannot read ${files[key]}: ${(e as Error).message}`);
          return;
        }
        res.statusCode = 200;
        res.setHeader('Content-Type', TYPES[key.slice(key.lastIndexOf('.'))] ?? 'application/octet-stream');
        res.setHeader('Content-Length', String(body.length));
        res.setHeader('Cache-Control', 'no-cache');
        res.end(body);
      });
    },
    generateBundle() {
      for (const [fileName, src] of Object.entries(files)) {
        // A Buffer source is written byte for byte; Vite does not transform emitted assets.
        this.emitFile({ type: 'asset', fileName, source: readFileSync(src) });
      }
    },
  };
}
