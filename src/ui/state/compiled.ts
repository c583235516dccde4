/**
 * One compile per flow version for every view that shows it: the shell (mapper diagnostics, XSLT tab,
 * live preview) and the status badges on the canvas and in the flow list. Flows are immutable (an edit
 * makes a new flow object), so results are cached per flow object and reused while the schemas, the
 * project's id and name (they are in the rule's header) and the flow's XPath errors are the same.
 *
 * XPath errors: hand-written XPath texts are checked by SaxonJS in the shared engine's worker (a static
 * error there must not make the badge say "compiles" while the mapper shows the error). The results are
 * kept here per flow id, so the shell and the badges compile with the very same error map (and share
 * the cache entry). A new flow version keeps the errors of its texts that are still there until its own
 * check (debounced, only unknown texts reach the engine) says otherwise.
 */
import { create } from 'zustand';
import { checkXPaths, compileProjectFlow, xpathTexts, type CompileResult } from '../../core/compiler/index.ts';
import { m } from '../../core/i18n.ts';
import type { Flow, Project } from '../../core/model/project.ts';
import type { XsltEngine } from '../../core/runner/engine.ts';
import { getEngine } from '../engine/index.ts';
import { useDoc } from './doc.ts';

type XPathErrors = ReadonlyMap<string, string>;

const NONE: XPathErrors = new Map();

interface Entry {
  schemas: Project['schemas'];
  projectId: string;
  projectName: string;
  xpathErrors: XPathErrors;
  result: CompileResult;
}

const compiles = new WeakMap<Flow, Entry>();

function sameErrors(a: XPathErrors, b: XPathErrors): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function hit(p: Project, flow: Flow, xpathErrors: XPathErrors): CompileResult | undefined {
  const c = compiles.get(flow);
  return c && c.schemas === p.schemas && c.projectId === p.id && c.projectName === p.name && sameErrors(c.xpathErrors, xpathErrors) ? c.result : undefined;
}

/** The flow's compile with its known XPath errors, from the cache when this flow version was compiled already. */
export function compiledFlow(p: Project, flow: Flow, xpathErrors: XPathErrors = xpathErrorsOf(flow)): CompileResult {
  const cached = hit(p, flow, xpathErrors);
  if (cached) return cached;
  let result: CompileResult;
  try {
    result = compileProjectFlow(p, flow, { xpathErrors });
  } catch (e) {
    // A compiler crash is shown as a finding (and the flow as a draft), never as a broken app.
    result = { xslt: '', spans: [], diagnostics: [{ severity: 'error', code: 'compiler.crash', message: m('Interner Fehler des Übersetzers: ', 'Internal compiler error: ') + String((e as Error)?.message ?? e) }] };
  }
  compiles.set(flow, { schemas: p.schemas, projectId: p.id, projectName: p.name, xpathErrors, result });
  return result;
}

/** The cached compile of this flow version, or undefined when it has not been compiled yet (never compiles). */
export function cachedCompile(p: Project, flow: Flow): CompileResult | undefined {
  return hit(p, flow, xpathErrorsOf(flow));
}

/** Number of error findings of a compile (a rule with errors is a draft). */
export function errorCount(r: CompileResult): number {
  let n = 0;
  for (const d of r.diagnostics) if (d.severity === 'error') n++;
  return n;
}

// --- XPath checks -------------------------------------------------------------------------------

/** Bumped whenever a check changes a flow's known XPath errors; views that show them subscribe. */
export const useXPathChecks = create<{ version: number }>(() => ({ version: 0 }));

const texts = new WeakMap<Flow, string[]>();
/** Latest known errors per flow id. */
const known = new Map<string, XPathErrors>();
/** SaxonJS verdict per expression in its static context (checkXPaths' cache): each text reaches the engine once. */
const verdicts = new Map<string, string | null>();
const scheduled = new WeakSet<Flow>();
/** The newest version of each flow waiting for its check; an older version's result is not applied. */
const latest = new Map<string, Flow>();
let timer: ReturnType<typeof setTimeout> | undefined;
let running: Promise<void> = Promise.resolve();
let engine: () => XsltEngine = getEngine;

/** Typing in an XPath field should not check every key stroke. */
const CHECK_DELAY_MS = 300;

function textsOf(flow: Flow): string[] {
  let t = texts.get(flow);
  if (!t) {
    t = xpathTexts(flow);
    texts.set(flow, t);
  }
  return t;
}

/**
 * The known XPath errors of a flow version (text → message), and a check of it scheduled in the
 * background. Returns the same map object as long as the errors are the same, so compiles stay cached.
 */
export function xpathErrorsOf(flow: Flow): XPathErrors {
  const ts = textsOf(flow);
  if (!ts.length) return NONE;
  scheduleCheck(flow);
  const cur = known.get(flow.id) ?? NONE;
  if (!cur.size) return NONE;
  let stale = false;
  for (const k of cur.keys()) if (!ts.includes(k)) stale = true;
  if (!stale) return cur;
  // A broken text that was edited away no longer counts, even before the new version is checked.
  const next = new Map([...cur].filter(([k]) => ts.includes(k)));
  const kept = next.size ? next : NONE;
  known.set(flow.id, kept);
  return kept;
}

/** The XPath errors of the flow, re-read when a check finishes. */
export function useXPathErrors(flow: Flow | undefined): XPathErrors {
  useXPathChecks((s) => s.version);
  return flow ? xpathErrorsOf(flow) : NONE;
}

function scheduleCheck(flow: Flow): void {
  if (scheduled.has(flow)) return;
  scheduled.add(flow);
  latest.set(flow.id, flow);
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void flushXPathChecks(), CHECK_DELAY_MS);
}

/** Runs the scheduled checks now; resolves when all checks so far are done (tests; the app just waits). */
export function flushXPathChecks(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const flows = [...latest.values()];
  latest.clear();
  running = running.then(async () => {
    for (const f of flows) {
      let found: Map<string, string>;
      try {
        // The schemas make the static context exact: a JSON source's $json, loops the trees imply.
        found = await checkXPaths(f, engine(), verdicts, useDoc.getState().project?.schemas);
      } catch {
        continue; // no engine (e.g. it failed to start): the expressions stay unchecked, the run reports them
      }
      // A newer version of the flow is waiting for its own check.
      if (latest.has(f.id) && latest.get(f.id) !== f) continue;
      const cur = known.get(f.id) ?? NONE;
      if (!sameErrors(cur, found)) {
        known.set(f.id, found.size ? found : NONE);
        useXPathChecks.setState((s) => ({ version: s.version + 1 }));
      }
    }
  });
  return running;
}

/** Uses another engine for the XPath checks (tests in Node; the app uses the shared browser engine). */
export function setXPathCheckEngine(e: () => XsltEngine): void {
  engine = e;
}
