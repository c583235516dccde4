/**
 * Raw blocks: the parts of a stylesheet the mapping model cannot express, kept as written. A block is
 * the element's exact text; only what it needs to mean the same at its new place is added: namespace
 * declarations it uses from outside itself, inherited standard attributes (expand-text …), the local
 * variables it reads, and, when the compiled rule has another context item there, a for-each that
 * restores the original one.
 */
import { m } from '../i18n.ts';
import type { RawBlock } from '../model/project.ts';
import { lookupNamespace, type XmlElement } from '../xml/dom.ts';
import { contextShifted } from './convert.ts';
import { inherited, lineOf, note, scopeOf, XSL_NS, XS_NS, type Frame, type ImportCtx } from './context.ts';
import { writePath } from './paths.ts';
import { descendants, freeVariables, prefixesUsed } from './scan.ts';

const INHERITED = ['expand-text', 'xpath-default-namespace', 'default-collation', 'default-mode', 'default-validation'];

function escAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/** Prefixes excluded from the result where `el` stands (exclude-result-prefixes on it and its ancestors). */
function excludedAt(el: XmlElement): Set<string> {
  const out = new Set<string>();
  for (let e: XmlElement | undefined = el; e; e = e.parent) {
    const v = e.attrs.find((x) => x.local === 'exclude-result-prefixes' && (e!.ns === XSL_NS ? !x.ns : x.ns === XSL_NS))?.value;
    if (!v) continue;
    for (const p of v.split(/\s+/).filter(Boolean)) {
      if (p === '#all') {
        for (let s: XmlElement | undefined = el; s; s = s.parent) for (const k of Object.keys(s.nsDecls)) out.add(k);
      } else out.add(p === '#default' ? '' : p);
    }
  }
  return out;
}

/** The element's text with the declarations it needs from outside added to its start tag. */
export function standalone(ctx: ImportCtx, el: XmlElement): string {
  const span = ctx.spans.get(el);
  if (!span) throw new Error('Element ohne Position');
  const text = ctx.text.slice(span.start, span.end);
  const xsl = el.ns === XSL_NS;
  const adds: string[] = [];
  const declaredInside = new Set(Object.keys(el.nsDecls));
  const excluded = excludedAt(el);
  const newlyExcluded: string[] = [];
  for (const p of [...prefixesUsed(el)].sort()) {
    if (declaredInside.has(p)) continue;
    const uri = lookupNamespace(el.parent, p);
    if (uri === undefined || p === 'xml') continue;
    if (p === '' && uri === '') continue;
    // The compiler always declares these two.
    if ((p === 'xsl' && uri === XSL_NS) || (p === 'xs' && uri === XS_NS)) continue;
    adds.push(`${p ? `xmlns:${p}` : 'xmlns'}="${escAttr(uri)}"`);
    if (excluded.has(p)) newlyExcluded.push(p || '#default');
  }
  const hasLiteral = descendants(el).some((d) => d.ns !== XSL_NS);
  const own = (name: string) => el.attrs.some((x) => x.local === name && (xsl ? !x.ns : x.ns === XSL_NS));
  if (hasLiteral && newlyExcluded.length && !own('exclude-result-prefixes')) adds.push(`${xsl ? '' : 'xsl:'}exclude-result-prefixes="${newlyExcluded.join(' ')}"`);
  // Text value templates matter only where the block has text with braces.
  const braces = descendants(el).some((d) => d.children.some((c) => c.type === 'text' && /[{}]/.test(c.text)));
  for (const name of INHERITED) {
    if (name === 'expand-text' && !braces) continue;
    const v = inherited(el.parent, name);
    if (v !== undefined && !own(name)) adds.push(`${xsl ? '' : 'xsl:'}${name}="${escAttr(v)}"`);
  }
  if (!adds.length) return text;
  const tagEnd = span.startTagEnd - span.start;
  const cut = text[tagEnd - 2] === '/' ? tagEnd - 2 : tagEnd - 1;
  return `${text.slice(0, cut).replace(/\s+$/, '')} ${adds.join(' ')}${text.slice(cut)}`;
}

/**
 * Keeps a statement of the template body raw, placed in the current output element after the last
 * mapped child. Reports why.
 */
export function keepRaw(ctx: ImportCtx, node: XmlElement | { text: string; near: XmlElement }, f: Frame, reason: string): void {
  let body: string;
  let el: XmlElement;
  if ('type' in node) {
    el = node;
    body = standalone(ctx, node);
  } else {
    el = node.near;
    body = `<xsl:text>${node.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</xsl:text>`;
  }
  const scope = scopeOf(f, el);
  const lines: string[] = [];
  // Local variables the model dissolved (aliases, inlined values) are declared again for the block.
  const free = 'type' in node ? freeVariables(node) : new Set<string>();
  for (const name of [...free].sort()) {
    const l = f.locals.get(name);
    // The compiled rule declares $json itself (a JSON source's document).
    if (l?.kind === 'path' && l.global && name === 'json') continue;
    if (l?.kind === 'path') lines.push(`<xsl:variable name="${name}" select="${escAttr(writePath(ctx.source, l.path, f.mc))}"/>`);
    else if (l?.kind === 'expr') {
      if (l.focus && l.mc.join('\n') !== f.mc.join('\n')) {
        const line = lineOf(ctx, el);
        note(ctx, 'warning', 'xslt-import.raw-context', m(`Der Rohblock in Zeile ${line} liest $${name}, das hier in anderem Kontext stünde.`, `The raw block on line ${line} reads $${name}, which would have another context here.`), el);
      }
      lines.push(`<xsl:variable name="${name}" select="${escAttr(l.text)}"/>`);
    }
  }
  if (contextShifted(scope) && scope.cx !== undefined) {
    lines.push(`<xsl:for-each select="${escAttr(writePath(ctx.source, scope.cx, f.mc))}">`, body, '</xsl:for-each>');
  } else lines.push(body);
  const block: RawBlock = { xslt: lines.join('\n'), parent: f.level.path };
  if (f.level.last !== undefined) block.after = f.level.last;
  ctx.raw.push(block);
  noteKept(ctx, el, reason);
}

/** The report line of an element kept verbatim, with the reason it could not become a mapping. */
function noteKept(ctx: ImportCtx, el: XmlElement, reason: string): void {
  const line = lineOf(ctx, el);
  note(ctx, 'info', 'xslt-import.raw', m(`Zeile ${line}: <${el.name}> unverändert übernommen (${reason}).`, `Line ${line}: <${el.name}> kept unchanged (${reason}).`), el);
}

/** Keeps a top-level declaration raw. */
export function keepRawTop(ctx: ImportCtx, el: XmlElement, reason: string): void {
  ctx.raw.push({ xslt: standalone(ctx, el) });
  noteKept(ctx, el, reason);
}
