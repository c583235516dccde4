/**
 * The engine of the output panel (manual runs and the live preview): its own SaxonJS worker that
 * compiles and runs in one place. After a mapping edit every run needs a fresh compile, and handing the
 * compiled stylesheet from a compiler worker to a runner worker (serialise, copy, parse) costs about as
 * much again as the run itself on a 100 KB sample. Being separate from the shared engine (tests, XPath
 * checks) also means a preview never waits behind a test run, and cancelling it replaces only this worker.
 */
import { BrowserSaxonEngine } from '../engine/index.ts';

let engine: BrowserSaxonEngine | undefined;

/** The preview engine, started on first use. */
export function previewEngine(): BrowserSaxonEngine {
  engine ??= new BrowserSaxonEngine({ separateCompiler: false });
  return engine;
}
