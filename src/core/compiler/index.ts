/** Compiling a flow of a project: resolves its message trees, then runs the compiler. */
import type { Diagnostic } from '../diagnostics.ts';
import type { Flow, Project } from '../model/project.ts';
import { messageTree } from '../schema/index.ts';
import { compileFlow, type CompileResult } from './compile.ts';
import type { XPathErrors } from './xpath-check.ts';
import { m } from '../i18n.ts';

export { compileFlow, TOOL_VERSION, type CompileResult } from './compile.ts';
export { TRACE_PI } from './printer.ts';
export { checkXPaths, variableOwner, xpathErrorKey, xpathPlaceKeys, xpathTexts, type XPathErrors } from './xpath-check.ts';

/** Compiles one flow; when the target tree can't be built, xslt is empty and diagnostics say why. */
export function compileProjectFlow(project: Project, flow: Flow, options: { trace?: boolean; xpathErrors?: XPathErrors } = {}): CompileResult {
  const src = messageTree(project.schemas, flow.source);
  const tgt = messageTree(project.schemas, flow.target);
  const pre: Diagnostic[] = [...tag(src.diagnostics, m('Quelle', 'Source')), ...tag(tgt.diagnostics, m('Ziel', 'Target'))];
  if (!tgt.tree) return { xslt: '', diagnostics: pre, spans: [] };
  const r = compileFlow({ project, flow, source: src.tree, target: tgt.tree, trace: options.trace, xpathErrors: options.xpathErrors });
  return { ...r, diagnostics: [...pre.filter((d) => d.severity === 'error'), ...r.diagnostics] };
}

function tag(ds: Diagnostic[], side: string): Diagnostic[] {
  return ds.map((d) => ({ ...d, message: `${side}: ${d.message}` }));
}
