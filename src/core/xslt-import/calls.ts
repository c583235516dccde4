/**
 * xsl:call-template as the importer inlines it: the called template's body stands in for the call.
 * A call may pass parameters only on to parameters of the same name (`<xsl:with-param name="loop1"
 * select="$loop1"/>`, as the compiler's structures mode writes them): then the body reads the same
 * values the caller has, and inlining it keeps the meaning. Anything else is kept raw by the caller.
 */
import { m } from '../i18n.ts';
import { childElements, type XmlElement, type XmlNode } from '../xml/dom.ts';
import { a, isXsl, RawFallback, type Frame, type ImportCtx, type Template } from './context.ts';
import type { Local } from './convert.ts';

/** The template a call names, its body without the parameter declarations, and the caller's locals it sees. Throws RawFallback. */
export function calledTemplate(ctx: ImportCtx, el: XmlElement, f: Frame): { t: Template; body: XmlNode[]; locals: Map<string, Local> } {
  for (const at of el.attrs) if (at.ns || at.local !== 'name') throw new RawFallback(m(`call-template mit @${at.name}`, `call-template with @${at.name}`));
  const name = a(el, 'name');
  const t = ctx.templates.find((x) => x.name === name);
  if (!t) throw new RawFallback(m(`Vorlage ${name} fehlt`, `template ${name} missing`));
  if (ctx.inlining.includes(t.el)) throw new RawFallback(m('rekursive Vorlage', 'recursive template'));
  const passed = new Set<string>();
  for (const w of childElements(el)) {
    const pn = a(w, 'name') ?? '';
    const plain = isXsl(w, 'with-param') && !w.children.some((c) => c.type === 'element' || (c.type === 'text' && c.text.trim()));
    if (!plain || w.attrs.some((x) => x.ns || !['name', 'select'].includes(x.local)) || (a(w, 'select') ?? '').trim() !== `$${pn}`) throw new RawFallback(m('call-template mit Parametern', 'call-template with parameters'));
    passed.add(pn);
  }
  const declared = new Set<string>();
  for (const p of childElements(t.el).filter((c) => isXsl(c, 'param'))) {
    const pn = a(p, 'name') ?? '';
    if (!passed.has(pn) || p.attrs.some((x) => x.ns || x.local !== 'name') || p.children.some((c) => c.type === 'element' || (c.type === 'text' && c.text.trim()))) throw new RawFallback(m('Vorlage mit Parametern', 'template with parameters'));
    declared.add(pn);
  }
  if ([...passed].some((pn) => !declared.has(pn))) throw new RawFallback(m('call-template mit Parametern', 'call-template with parameters'));
  // Only what is passed is visible in the template; a JSON document alias is global.
  const locals = new Map([...f.locals].filter(([k, v]) => passed.has(k) || (v.kind === 'path' && v.global)));
  return { t, body: t.el.children.filter((c) => !isXsl(c, 'param')), locals };
}
