/*
 * Regelwerk's SaxonJS host: compiles XSLT 3.0 text to SEF once (cached by content), runs it on XML text
 * with xs:string stylesheet parameters, and enforces the run-time half of the rule sandbox.
 *
 * Plain JavaScript without imports, so the very same file runs in a Node worker thread (require) and in
 * the browser's classic Web Worker (importScripts). It is not bundled or transpiled anywhere.
 * It only uses members of the SaxonJS API object; the SaxonJS file itself is never modified.
 *
 * Protocol: handle(request) -> response, synchronous (SaxonJS runs synchronously here); the types are
 * HostRequest / HostResponse in worker-engine.ts.
 *   { op: 'compile', id, stylesheet }          -> { id, ok: true, sef: <SEF JSON text> } | { id, ok: false, phase: 'compile', error }
 *   { op: 'run', id, sefKey, sef?, input, params } runs SEF cached under sefKey (parsed from `sef` when
 *                                                 given); answers { missingSef: true } if it has neither
 *   { op: 'run', id, stylesheet, input, params }   compiles here (cached by text) and runs
 *   either run may carry inputKey: the input parsed under that key is kept (the last one only) and
 *   reused when a later run names the same key; `input` may then be left out. Without the document and
 *   without `input`, the answer is { missingInput: true }.
 *   run answers { id, ok: true, output, messages } | { id, ok: false, phase: 'compile' | 'input' | 'run', error }
 * RawSaxonError = { name, code, message, xsltLineNr, xsltModule, errorObject } (all plain strings/numbers)
 *
 * How the compile works: exactly what SaxonJS's own fn:transform(map{'stylesheet-text': ...}) does
 * internally (and what the xslt3 CLI does for -export): run the built-in XSLT compiler (an SEF resource)
 * in mode 'compile-complete' over the stylesheet document, convert the resulting SEF tree with
 * XPath.sefToJSON, then run that with internalTransform. Keeping the SEF object lets us compile once
 * and run many times. If this SaxonJS build lacks any of those members, we fall back to
 * fn:transform with 'stylesheet-text' (compiles on every call, slower, same results).
 *
 * Keeping the parsed input (inputKey) spares a live preview the parse of its unchanged sample on every
 * edit (about half of a run of a 100 KB sample in the browser). SaxonJS keeps some run state on the
 * source document, so the kept document is only reused where that state cannot leak from one run into
 * the next: key indexes (on the document node) are dropped before each reuse; a run that computed an
 * accumulator (values on every node) or whose stylesheet strips whitespace (SaxonJS removes the text
 * nodes in place) does not leave its document for the next run. (SaxonJS also turns CDATA sections
 * into text nodes in place, which changes nothing a stylesheet can see.)
 */
'use strict';
(function (root) {
  var RULE_URI = 'https://regelwerk.invalid/regelwerk-rule.xsl';
  var INPUT_URI = 'https://regelwerk.invalid/regelwerk-input.xml';
  var OUTPUT_BASE = 'https://regelwerk.invalid/output/';
  var SANDBOX_CODE = 'Q{urn:regelwerk:sandbox}DENIED';
  var JS_NAMESPACES = ['http://saxonica.com/ns/interactiveXSLT', 'http://saxonica.com/ns/globalJS'];
  var CACHE_SIZE = 16;

  function now() {
    return typeof performance !== 'undefined' && performance.now ? performance.now() : Date.now();
  }

  function addParentPointers(node) {
    if (node.C) {
      for (var i = 0; i < node.C.length; i++) {
        node.C[i].parentNode = node;
        addParentPointers(node.C[i]);
      }
    }
  }

  function rawError(e) {
    if (e === null || typeof e !== 'object') return { name: 'Error', code: '', message: String(e) };
    var raw = {
      name: e instanceof RangeError ? 'RangeError' : String(e.name || (e.constructor && e.constructor.name) || 'Error'),
      code: e.code === undefined || e.code === null ? '' : String(e.code),
      message: String(e.message || e),
    };
    if (typeof e.xsltLineNr === 'number' || typeof e.xsltLineNr === 'string') raw.xsltLineNr = Number(e.xsltLineNr);
    if (e.xsltModule) raw.xsltModule = String(e.xsltModule);
    if (e.errorObject !== undefined && e.errorObject !== null) {
      try {
        raw.errorObject = String(e.errorObject);
      } catch (_) {
        /* ignore */
      }
    }
    return raw;
  }

  function createSaxonHost(SaxonJS, options) {
    options = options || {};
    var current = null; // { violations: [], messages: [] } while a request runs

    function deny(what, uri) {
      var u = uri === undefined || uri === null ? '' : String(uri);
      if (current) current.violations.push({ what: what, uri: u });
      throw new SaxonJS.XError('Zugriff verweigert (Sandbox): ' + what + (u ? ' ' + u : ''), SANDBOX_CODE);
    }

    // --- Run-time sandbox, layer 1: the platform object is SaxonJS's only door to files and the network.
    // Every doc(), document(), unparsed-text(), json-doc(), xsl:include, xsl:source-document and
    // result-document write goes through readFile / resourcePromise / makeHttpRequest / writeFile*.
    var base = SaxonJS.getPlatform();
    var sandboxed = Object.assign({}, base, {
      init: function () {},
      readFile: function (uri) {
        deny('read', uri);
      },
      resourcePromise: function (o) {
        var uri = o && (o.location || o.file);
        try {
          deny('read', uri);
        } catch (e) {
          return Promise.reject(e);
        }
      },
      makeHttpRequest: function (req) {
        deny('http', req && req.href);
      },
      writeFileSync: function (uri) {
        deny('write', uri);
      },
      writeFileAsync: function (uri) {
        try {
          deny('write', uri);
        } catch (e) {
          return Promise.reject(e);
        }
      },
      // Stack dumps SaxonJS prints on xsl:message terminate="yes" etc.: keep them out of the console.
      saxonPrint: function () {},
      getDefaultDeliverMessage: function () {
        return function (m) {
          if (current) current.messages.push(String(m));
        };
      },
    });
    SaxonJS.setPlatform(sandboxed);
    var platform = sandboxed;

    // --- Run-time sandbox, layer 2: SaxonJS can call arbitrary JavaScript through the ixsl: and js:
    // function namespaces (ixsl:eval is `new Function`). Rename the namespace constants SaxonJS
    // dispatches on, so these functions become unknown functions, even when reached dynamically
    // (function-lookup, xsl:evaluate). The static check refuses them earlier with a located message.
    try {
      var nsConst = SaxonJS.internals && SaxonJS.internals.NsConst;
      if (nsConst) {
        Object.keys(nsConst).forEach(function (k) {
          if (JS_NAMESPACES.indexOf(nsConst[k]) >= 0) nsConst[k] = 'urn:regelwerk:disabled:' + nsConst[k];
        });
      }
    } catch (_) {
      /* best effort: the static layer still refuses these namespaces */
    }

    var canCompile =
      options.mode !== 'xpath' &&
      typeof SaxonJS.internalTransform === 'function' &&
      typeof SaxonJS.checkOptions === 'function' &&
      typeof platform.resource === 'function' &&
      SaxonJS.XPath &&
      typeof SaxonJS.XPath.sefToJSON === 'function' &&
      typeof SaxonJS.XdmMap === 'function';
    var compiler = null;
    var cache = new Map(); // stylesheet text -> SEF object (LRU by re-insertion)
    var byKey = new Map(); // engine's SEF key -> SEF object (LRU)
    var kept = null; // { key, doc }: the input parsed under the engine's inputKey (see the header)

    function lruGet(map, key) {
      var hit = map.get(key);
      if (hit) {
        map.delete(key);
        map.set(key, hit);
      }
      return hit;
    }

    function lruSet(map, key, value) {
      map.set(key, value);
      if (map.size > CACHE_SIZE) map.delete(map.keys().next().value);
    }

    function compile(stylesheet) {
      var hit = lruGet(cache, stylesheet);
      if (hit) return { sef: hit, cached: true };
      var sef = compileToSef(stylesheet);
      addParentPointers(sef);
      lruSet(cache, stylesheet, sef);
      return { sef: sef, cached: false };
    }

    /** Runs SaxonJS's built-in XSLT compiler over the stylesheet text; returns the SEF tree (no parent pointers). */
    function compileToSef(stylesheet) {
      if (!compiler) {
        compiler = platform.resource('compiler');
        addParentPointers(compiler);
      }
      var doc = platform.parseXmlFromString(stylesheet, true);
      doc._saxonBaseUri = doc._saxonDocUri = RULE_URI;
      var opts = {
        stylesheetParams: new SaxonJS.XdmMap(),
        tunnelParams: { 'Q{}compiler.options': new SaxonJS.XdmMap() },
        functionParams: {},
        isDynamicStylesheet: true,
        destination: 'application',
        initialMode: 'compile-complete',
        templateParams: {
          'Q{}options': { noXPath: false, 'enable-assertions': false, allowSyntaxExtensions: false, relocatable: false },
        },
        stylesheetInternal: compiler,
        outputProperties: {},
      };
      opts.stylesheetParams.inSituPut(SaxonJS.XS.QName.fromParts('', '', 'staticParameters'), [new SaxonJS.XdmMap()]);
      var checked = SaxonJS.checkOptions(opts);
      SaxonJS.internalTransform(compiler, doc, checked);
      var sefDoc = checked.principalResult;
      if (Array.isArray(sefDoc)) sefDoc = sefDoc[0];
      return SaxonJS.XPath.sefToJSON(sefDoc.firstChild);
    }

    function compileOnly(req) {
      var t0 = now();
      try {
        var sef = compileToSef(req.stylesheet);
        var json = JSON.stringify(sef, function (k, v) {
          return k === 'parentNode' ? undefined : v;
        });
        return { ok: true, sef: json, compileMs: now() - t0 };
      } catch (e) {
        return { ok: false, phase: 'compile', error: rawError(e), compileMs: now() - t0 };
      }
    }

    /** The compiled stylesheet for a run request: by key (from the engine's compiler) or by text. */
    function compiledFor(req) {
      if (req.sefKey === undefined || req.sefKey === null) return compile(req.stylesheet);
      var hit = lruGet(byKey, req.sefKey);
      if (hit) return { sef: hit, cached: true };
      if (typeof req.sef !== 'string') return null;
      var sef = JSON.parse(req.sef);
      addParentPointers(sef);
      lruSet(byKey, req.sefKey, sef);
      return { sef: sef, cached: false };
    }

    /** Whether a compiled stylesheet strips whitespace from its source (xsl:strip-space: SEF 'strip' / 'strip.all'). */
    function strips(sef) {
      var c = sef.C || [];
      for (var i = 0; i < c.length; i++) if (c[i].N === 'strip' || c[i].N === 'strip.all') return true;
      return false;
    }

    // Parameters are xs:string (SaxonJS would turn plain JS strings into xs:untypedAtomic).
    function stringParams(params) {
      var out = new SaxonJS.XdmMap();
      if (params) {
        Object.keys(params).forEach(function (name) {
          out.inSituPut(SaxonJS.XS.QName.fromParts('', '', name), [SaxonJS.XS.string.fromString(String(params[name]))]);
        });
      }
      return out;
    }

    function runCompiled(req, state) {
      var t0 = now();
      var compiled;
      try {
        compiled = compiledFor(req);
      } catch (e) {
        return { ok: false, phase: 'compile', error: rawError(e), compileMs: now() - t0 };
      }
      if (!compiled) return { ok: false, missingSef: true, phase: 'run', error: { name: 'Error', code: '', message: 'SEF not cached' } };
      var t1 = now();
      var doc;
      var keyed = req.inputKey !== undefined && req.inputKey !== null;
      if (keyed && kept && kept.key === req.inputKey) {
        doc = kept.doc;
        delete doc._saxonIndexes;
        delete doc._saxonIndexesBC;
      } else if (typeof req.input !== 'string') {
        return { ok: false, missingInput: true, phase: 'input', error: { name: 'Error', code: '', message: 'input not kept' } };
      } else {
        kept = null;
        try {
          doc = platform.parseXmlFromString(req.input);
        } catch (e) {
          return { ok: false, phase: 'input', error: rawError(e), compileMs: t1 - t0, cached: compiled.cached };
        }
        doc._saxonBaseUri = doc._saxonDocUri = INPUT_URI;
      }
      // The document stays for the next run only if this run can leave nothing in it (see the header).
      kept = keyed && !strips(compiled.sef) ? { key: req.inputKey, doc: doc } : null;
      var principal;
      var opts = SaxonJS.checkOptions({
        destination: 'serialized',
        stylesheetParams: stringParams(req.params),
        baseOutputURI: OUTPUT_BASE,
        deliverMessage: function (m) {
          state.messages.push(String(m));
        },
        // Secondary result documents are refused; xsl:result-document without href (the principal
        // result, e.g. to choose output properties at run time) is delivered as the output.
        deliverResultDocument: function (uri) {
          var u = String(uri);
          if (u === 'testURI') return { destination: 'serialized', save: function () {} };
          if (u !== OUTPUT_BASE) deny('xsl:result-document', u);
          return {
            destination: 'serialized',
            save: function (_u, result) {
              principal = result;
            },
          };
        },
        collectionFinder: function (uri) {
          deny('collection', uri === undefined ? '(default)' : uri);
        },
      });
      try {
        SaxonJS.internalTransform(compiled.sef, doc, opts);
      } catch (e) {
        return { ok: false, phase: 'run', error: rawError(e), compileMs: t1 - t0, runMs: now() - t1, cached: compiled.cached };
      } finally {
        if (kept && kept.doc._saxonAccumulators) kept = null;
      }
      // xsl:result-document to the principal output leaves only an XML declaration in principalResult.
      var out = principal !== undefined ? principal : opts.principalResult;
      return { ok: true, output: out === undefined || out === null ? '' : String(out), compileMs: t1 - t0, runMs: now() - t1, cached: compiled.cached };
    }

    // Fallback: compile and run through XPath fn:transform on every call.
    var TRANSFORM_XPATH =
      "transform(map{'stylesheet-text': $xsl, 'stylesheet-base-uri': '" + RULE_URI + "', 'source-node': $doc," +
      " 'delivery-format': 'serialized', 'base-output-uri': '" + OUTPUT_BASE + "'," +
      " 'stylesheet-params': map:merge(for $i in 1 to count($names) return map{QName('', $names[$i]): xs:string($values[$i])})})";

    function runXPath(req) {
      var t0 = now();
      var doc;
      try {
        doc = platform.parseXmlFromString(req.input);
      } catch (e) {
        return { ok: false, phase: 'input', error: rawError(e) };
      }
      doc._saxonBaseUri = doc._saxonDocUri = INPUT_URI;
      var names = Object.keys(req.params || {});
      var values = names.map(function (n) {
        return String(req.params[n]);
      });
      var result;
      try {
        result = SaxonJS.XPath.evaluate(TRANSFORM_XPATH, [], {
          params: { xsl: req.stylesheet, doc: doc, names: names, values: values },
          resultForm: 'xdm',
        });
      } catch (e) {
        var raw = rawError(e);
        // fn:transform reports static errors of the stylesheet with the same codes; tell them apart by location.
        var phase = /^(Q\{[^}]*\})?(XTSE|XPST|FODC0002|SXXP)/.test(raw.code) ? 'compile' : 'run';
        return { ok: false, phase: phase, error: raw, runMs: now() - t0 };
      }
      var out = '';
      var extra = [];
      var map = Array.isArray(result) ? result[0] : result;
      if (map && typeof map.forAllPairs === 'function') {
        map.forAllPairs(function (pair) {
          var key = String(pair.k);
          if (key === 'output' || key === OUTPUT_BASE) out = pair.v.map(String).join('');
          else extra.push(key);
        });
      }
      if (extra.length) {
        try {
          deny('xsl:result-document', extra[0]);
        } catch (e) {
          return { ok: false, phase: 'run', error: rawError(e), runMs: now() - t0 };
        }
      }
      return { ok: true, output: out, compileMs: 0, runMs: now() - t0, cached: false };
    }

    function handle(req) {
      var state = { violations: [], messages: [] };
      current = state;
      var res;
      try {
        if (req.op === 'compile') res = canCompile ? compileOnly(req) : { ok: false, phase: 'compile', error: { name: 'Error', code: '', message: 'SEF-Kompilierung ist in dieser SaxonJS-Version nicht verfügbar' } };
        else res = canCompile ? runCompiled(req, state) : runXPath(req);
      } catch (e) {
        res = { ok: false, phase: 'run', error: rawError(e) };
      } finally {
        current = null;
      }
      res.id = req.id;
      if (req.op === 'run' && req.inputKey !== undefined && req.inputKey !== null) res.inputKept = !!kept && kept.key === req.inputKey;
      res.messages = state.messages;
      res.violations = state.violations;
      // A refused access may have been swallowed (e.g. by doc-available() or xsl:try): still refuse the run.
      if (res.ok && state.violations.length) {
        res = {
          id: req.id,
          ok: false,
          phase: 'run',
          error: { name: 'XError', code: SANDBOX_CODE, message: 'Zugriff verweigert (Sandbox)' },
          messages: state.messages,
          violations: state.violations,
          inputKept: res.inputKept,
        };
      }
      return res;
    }

    return { handle: handle, mode: canCompile ? 'sef' : 'xpath' };
  }

  createSaxonHost.RULE_URI = RULE_URI;
  createSaxonHost.INPUT_URI = INPUT_URI;
  createSaxonHost.SANDBOX_CODE = SANDBOX_CODE;
  if (typeof module === 'object' && module && module.exports) module.exports = createSaxonHost;
  root.createRegelwerkSaxonHost = createSaxonHost;
})(typeof self !== 'undefined' ? self : globalThis);
