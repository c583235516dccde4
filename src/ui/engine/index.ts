/** The app's XSLT engine: one BrowserSaxonEngine, created (and its worker started) on first use. */
import { BrowserSaxonEngine } from './browser-engine.ts';

let engine: BrowserSaxonEngine | undefined;

/** The shared engine; starts loading SaxonJS in its worker on the first call. */
export function getEngine(): BrowserSaxonEngine {
  engine ??= new BrowserSaxonEngine();
  return engine;
}

/** Starts loading SaxonJS in the background (e.g. when a flow is opened), so the first run is fast. */
export function warmUpEngine(): Promise<boolean> {
  return getEngine().warmUp();
}

export { BrowserSaxonEngine, defaultWorkerUrl } from './browser-engine.ts';
