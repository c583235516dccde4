/** Checks a flow's hand-written XPath expressions with SaxonJS in the worker, re-checking only changed texts. */
import { useEffect, useState } from 'react';
import { checkXPaths, xpathTexts } from '../../core/compiler/index.ts';
import type { Flow } from '../../core/model/project.ts';
import { getEngine } from '../engine/index.ts';

const cache = new Map<string, string | null>();
const EMPTY: ReadonlyMap<string, string> = new Map();

/** Broken XPath texts of the flow → message; empty while checking or when all are fine. */
export function useXPathCheck(flow: Flow | undefined): ReadonlyMap<string, string> {
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(EMPTY);
  const key = flow ? JSON.stringify([xpathTexts(flow), flow.mapping.namespaces, flow.mapping.parameters.map((p) => p.name), flow.mapping.variables.map((v) => v.name)]) : '';
  useEffect(() => {
    if (!flow || !xpathTexts(flow).length) {
      setErrors(EMPTY);
      return;
    }
    let live = true;
    // Debounced so typing in an XPath field does not compile on every key.
    const timer = setTimeout(() => {
      void checkXPaths(flow, getEngine(), cache).then((m) => live && setErrors(m.size ? m : EMPTY));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return errors;
}
