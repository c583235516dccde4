/**
 * One compile per flow version for every view that shows it: the shell (mapper diagnostics, XSLT tab,
 * live preview) and the status badges on the canvas and in the flow list. Flows are immutable (an edit
 * makes a new flow object), so results are cached per flow object and reused while the schemas, the
 * project's id and name (they are in the rule's header) and the flow's XPath errors are the same.
 *
 * XPath errors: hand-written XPath texts are checked by SaxonJS in the shared engine's worker (a static
 * error there must not make the badge say "compiles" while the mapper shows the error). The results are
 * kept here per flow id, so the shell and the badges compile with the very same error map (and share
 * the cache entry). Errors are per place (rule, part, text: xpathErrorKey), so a text broken in one place
 * and valid in another is marked only where it is broken. A check runs per flow version and per version of
 * the schema sets the flow reads (a re-imported schema can add or remove a loop or make the source JSON,
 * which changes what an expression may use). A new version keeps the errors of its places that are still
 * there until its own check (debounced, only unknown static contexts reach the engine) says otherwise.
 *
 * Message language: diagnostics are made in the language the UI had when compiling (src/core/i18n.ts),
 * so a compile, a check result and an engine verdict count only in the language they were made in; after
 * a language switch they are made again (the badges' cachedCompile reads no message and takes any).
 */
import { create } from 'zustand';
import { checkXPaths, compileProjectFlow, xpathPlaceKeys, type CompileResult, type XPathErrors } from '../../core/compiler/index.ts';
import { m, messageLang, type MessageLang } from '../../core/i18n.ts';
import type { Flow, Project, SchemaSet } from '../../core/model/project.ts';
import type { XsltEngine } from '../../core/runner/engine.ts';
import { getEngine } from '../engine/index.ts';
import { useDoc } from './doc.ts';

const NONE: XPathErrors = new Map();

interface Entry {
  /** The language the result's messages are in. */
  lang: MessageLang;
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

function hit(p: Project, flow: Flow, xpathErrors: XPathErrors, anyLang = false): CompileResult | undefined {
  const c = compiles.get(flow);
  return c && (anyLang || c.lang === messageLang()) && c.schemas === p.schemas && c.projectId === p.id && c.projectName === p.name && sameErrors(c.xpathErrors, xpathErrors) ? c.result : undefined;
}

/** The flow's compile with its known XPath errors, from the cache when this flow version was compiled already. */
export function compiledFlow(p: Project, flow: Flow, xpathErrors: XPathErrors = xpathErrorsOf(flow, p.schemas)): CompileResult {
  const cached = hit(p, flow, xpathErrors);
  if (cached) return cached;
  let result: CompileResult;
  try {
    result = compileProjectFlow(p, flow, { xpathErrors });
  } catch (e) {
    // A compiler crash is shown as a finding (and the flow as a draft), never as a broken app.
    result = { xslt: '', spans: [], diagnostics: [{ severity: 'error', code: 'compiler.crash', message: m('Interner Fehler des Übersetzers: ', 'Internal compiler error: ') + String((e as Error)?.message ?? e) }] };
  }
  compiles.set(flow, { lang: messageLang(), schemas: p.schemas, projectId: p.id, projectName: p.name, xpathErrors, result });
  return result;
}

/**
 * The cached compile of this flow version, or undefined when it has not been compiled yet (never compiles).
 * Its messages may be in the language the UI had before: for what does not depend on it (badges: counts, XSLT).
 */
export function cachedCompile(p: Project, flow: Flow): CompileResult | undefined {
  return hit(p, flow, xpathErrorsOf(flow, p.schemas), true);
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

type Schemas = readonly SchemaSet[] | undefined;

const places = new WeakMap<Flow, string[]>();
/** Latest known errors per flow id: what a new version shows (for its places still there) until its own check. */
const known = new Map<string, XPathErrors>();
/** The exact result per flow version, with the schema sets the check read and the language of its messages (undo back to a checked version needs no new check). */
const checked = new WeakMap<Flow, { sets: readonly (SchemaSet | undefined)[]; lang: MessageLang; errors: XPathErrors }>();
/**
 * SaxonJS verdict per check stylesheet (checkXPaths' cache), per message language (a verdict can be our
 * own text, e.g. the sandbox's refusal): each static context reaches the engine once per language.
 */
const verdicts: Record<MessageLang, Map<string, string | null>> = { de: new Map(), en: new Map() };
/** Verdicts kept (oldest dropped first): typing in an XPath field makes a new text per pause. */
const MAX_VERDICTS = 2000;
/** Per flow version: the schema sets its last scheduled check reads (a re-import makes new set objects), and in which language. */
const scheduled = new WeakMap<Flow, { sets: readonly (SchemaSet | undefined)[]; lang: MessageLang }>();
/** The newest version of each flow (and its schemas) waiting for its check; an older one's result is not shown for it. */
const latest = new Map<string, { flow: Flow; schemas: Schemas; sets: readonly (SchemaSet | undefined)[] }>();
let timer: ReturnType<typeof setTimeout> | undefined;
let running: Promise<void> = Promise.resolve();
let engine: () => XsltEngine = getEngine;

/** Typing in an XPath field should not check every key stroke. */
const CHECK_DELAY_MS = 300;

function placesOf(flow: Flow): string[] {
  let t = places.get(flow);
  if (!t) {
    t = xpathPlaceKeys(flow);
    places.set(flow, t);
  }
  return t;
}

/** The schema sets a flow's check reads: those of its source and target message (the check's static context depends on nothing else of the schemas). */
function setsOf(flow: Flow, schemas: Schemas): (SchemaSet | undefined)[] {
  return [flow.source, flow.target].map((m) => (m && schemas ? schemas.find((s) => s.id === m.schemaId) : undefined));
}

function sameSets(a: readonly (SchemaSet | undefined)[] | undefined, b: readonly (SchemaSet | undefined)[]): boolean {
  return !!a && a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * The known XPath errors of a flow version (xpathErrorKey → message), and a check of it with `schemas`
 * (default: the open project's) scheduled in the background. Returns the same map object as long as the
 * errors are the same, so compiles stay cached.
 */
export function xpathErrorsOf(flow: Flow, schemas: Schemas = useDoc.getState().project?.schemas): XPathErrors {
  const ks = placesOf(flow);
  if (!ks.length) return NONE;
  const sets = setsOf(flow, schemas);
  const done = checked.get(flow);
  if (done && sameSets(done.sets, sets) && done.lang === messageLang()) return done.errors;
  scheduleCheck(flow, schemas, sets);
  const cur = known.get(flow.id) ?? NONE;
  if (!cur.size) return NONE;
  let stale = false;
  for (const k of cur.keys()) if (!ks.includes(k)) stale = true;
  if (!stale) return cur;
  // A broken text that was edited away (or whose rule is gone) no longer counts, even before the new version is checked.
  const next = new Map([...cur].filter(([k]) => ks.includes(k)));
  const kept = next.size ? next : NONE;
  known.set(flow.id, kept);
  return kept;
}

/** The XPath errors of the flow, re-read when a check finishes or the project's schemas change. */
export function useXPathErrors(flow: Flow | undefined): XPathErrors {
  useXPathChecks((s) => s.version);
  const schemas = useDoc((s) => s.project?.schemas);
  return flow ? xpathErrorsOf(flow, schemas) : NONE;
}

function scheduleCheck(flow: Flow, schemas: Schemas, sets: readonly (SchemaSet | undefined)[]): void {
  const lang = messageLang();
  const was = scheduled.get(flow);
  if (was && sameSets(was.sets, sets) && was.lang === lang) return;
  scheduled.set(flow, { sets, lang });
  latest.set(flow.id, { flow, schemas, sets });
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void flushXPathChecks(), CHECK_DELAY_MS);
}

/** Runs the scheduled checks now; resolves when all checks so far are done (tests; the app just waits). */
export function flushXPathChecks(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const todo = [...latest.values()];
  latest.clear();
  running = running.then(async () => {
    for (const { flow: f, schemas, sets } of todo) {
      let found: Map<string, string>;
      // The language the engine's and our messages are made in during this check.
      const lang = messageLang();
      const cache = verdicts[lang];
      try {
        // The schemas make the static context exact: a JSON source's $json, loops the trees imply.
        found = await checkXPaths(f, engine(), cache, schemas);
        for (const k of cache.keys()) {
          if (cache.size <= MAX_VERDICTS) break;
          cache.delete(k);
        }
      } catch {
        continue; // no engine (e.g. it failed to start): the expressions stay unchecked, the run reports them
      }
      const cur = known.get(f.id) ?? NONE;
      // The same map object as before when nothing changed, so compiles stay cached.
      const errors = sameErrors(cur, found) ? cur : found.size ? found : NONE;
      checked.set(f, { sets, lang, errors });
      // A newer version of the flow, or of its schemas, is waiting for its own check: it keeps showing the old errors.
      if (latest.has(f.id) || errors === cur) continue;
      known.set(f.id, errors);
      useXPathChecks.setState((s) => ({ version: s.version + 1 }));
    }
  });
  return running;
}

/** Uses another engine for the XPath checks (tests in Node; the app uses the shared browser engine). */
export function setXPathCheckEngine(e: () => XsltEngine): void {
  engine = e;
}
