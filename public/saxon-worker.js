/*
 * Regelwerk: the classic Web Worker that runs SaxonJS in the browser.
 *
 * Why a plain static file (copied by Vite from public/, never bundled): SaxonJS may only be shipped
 * unmodified, and npm has only its Node build, which must be loaded with importScripts in a classic
 * worker. importScripts does not exist in module workers, and Vite's dev server serves TS workers as
 * module workers, so a TS worker would only work in production builds. A static file behaves the same
 * in dev and in any build, from any server and sub-path.
 *
 * Loads, relative to this file's own URL:
 *   vendor/SaxonJS2N.js  SaxonJS, verbatim (served/emitted by src/build/saxon-asset.ts)
 *   saxon-host.js        src/core/runner/saxon-host.cjs, the host shared with the Node engine
 * Protocol: see saxon-host.cjs; posts { type: 'ready', mode } once loaded, or { type: 'fatal', message }.
 */
/* eslint-disable no-var */
'use strict';

// What the Node build of SaxonJS expects from Node, shimmed. File and network access fail: a rule may
// not read or fetch anything (the host's sandbox refuses it before these are reached anyway).
var global = self;
var module = { exports: {} };
var exports = module.exports;

function refused(what) {
  return new Error('Im Browser nicht verfügbar: ' + what);
}

var shims = {
  fs: {
    readFileSync: function () {
      throw refused('Dateizugriff');
    },
    writeFileSync: function () {
      throw refused('Dateizugriff');
    },
    existsSync: function () {
      return false;
    },
    realpathSync: function () {
      throw refused('Dateizugriff');
    },
    mkdirSync: function () {
      throw refused('Dateizugriff');
    },
    promises: {
      readFile: function () {
        return Promise.reject(refused('Dateizugriff'));
      },
      writeFile: function () {
        return Promise.reject(refused('Dateizugriff'));
      },
      realpath: function () {
        return Promise.reject(refused('Dateizugriff'));
      },
    },
  },
  path: {
    sep: '/',
    join: function () {
      return Array.prototype.slice.call(arguments).join('/').replace(/\/+/g, '/');
    },
    resolve: function () {
      return Array.prototype.slice.call(arguments).join('/').replace(/\/+/g, '/');
    },
    dirname: function (p) {
      var i = String(p).lastIndexOf('/');
      return i > 0 ? String(p).slice(0, i) : '/';
    },
    basename: function (p) {
      return String(p).slice(String(p).lastIndexOf('/') + 1);
    },
    normalize: function (p) {
      return String(p);
    },
    isAbsolute: function (p) {
      return String(p).charAt(0) === '/';
    },
  },
  url: {
    URL: self.URL,
    fileURLToPath: function (u) {
      return new URL(String(u)).pathname;
    },
    pathToFileURL: function (p) {
      return new URL('file://' + p);
    },
  },
  util: { TextEncoder: self.TextEncoder, TextDecoder: self.TextDecoder },
  stream: { Stream: function () {} },
  axios: {
    get: function () {
      return Promise.reject(refused('Netzwerkzugriff'));
    },
    post: function () {
      return Promise.reject(refused('Netzwerkzugriff'));
    },
    request: function () {
      return Promise.reject(refused('Netzwerkzugriff'));
    },
  },
};

function require(name) {
  var key = String(name).replace(/^node:/, '');
  if (Object.prototype.hasOwnProperty.call(shims, key)) return shims[key];
  throw new Error('Cannot find module ' + name);
}

var host = null;
try {
  importScripts(new URL('vendor/SaxonJS2N.js', self.location.href).href);
  var SaxonJS = module.exports;
  module = { exports: {} };
  exports = module.exports;
  importScripts(new URL('saxon-host.js', self.location.href).href);
  host = module.exports(SaxonJS);
} catch (e) {
  self.postMessage({ type: 'fatal', message: String((e && e.message) || e) });
}

if (host) {
  // Defence in depth: nothing here needs the network or storage once the scripts are loaded.
  ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'indexedDB', 'caches'].forEach(function (name) {
    try {
      Object.defineProperty(self, name, { value: undefined, configurable: false, writable: false });
    } catch (_) {
      /* not configurable in this browser: the host's sandbox still refuses access */
    }
  });
  self.onmessage = function (e) {
    var res;
    try {
      res = host.handle(e.data);
    } catch (err) {
      res = { id: e.data && e.data.id, ok: false, phase: 'run', error: { name: 'Error', code: '', message: String((err && err.message) || err) } };
    }
    self.postMessage(res);
  };
  self.postMessage({ type: 'ready', mode: host.mode });
}
