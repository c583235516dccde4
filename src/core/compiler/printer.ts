/**
 * Deterministic XSLT printer: same IR → same bytes. Records which lines each mapping rule produced,
 * so the code view can highlight a rule's lines and map a clicked line back to its rule.
 */
import type { Ir, TemplateDef } from './ir.ts';

export interface RuleSpan {
  ruleId: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
}

/** Escapes text for an XML attribute value in double quotes. */
export function escAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** Escapes XML text content. */
export function escText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes a literal for an attribute value template (braces doubled). */
export function escAvtLiteral(s: string): string {
  return escAttr(s).replace(/\{/g, '{{').replace(/\}/g, '}}');
}

/** Name of the processing instruction a trace compile writes before each mapped output element. */
export const TRACE_PI = 'regelwerk-rule';

export class Printer {
  readonly lines: string[] = [];
  readonly spans: RuleSpan[] = [];

  /** With `trace`, each mapped element is preceded by a processing instruction naming its rules. */
  constructor(private readonly trace = false) {}

  /** Prints the named templates of structures mode, one after another at the stylesheet's top level. */
  templates(defs: TemplateDef[]): void {
    for (const t of defs) {
      this.line(0, '');
      this.line(1, `<!-- Zielstruktur ${t.where.replace(/--/g, '- -')} -->`);
      this.line(1, `<xsl:template name="${t.name}">`);
      for (const prm of t.params) this.line(2, `<xsl:param name="${prm}"/>`);
      this.print(t.body, 2, t.parentRule);
      this.line(1, '</xsl:template>');
    }
  }

  line(indent: number, text: string): void {
    this.lines.push('  '.repeat(indent) + text);
  }

  /** Prints IR nodes at an indentation level; `parentRule` is the rule of the enclosing block. */
  print(nodes: Ir[], indent: number, parentRule?: string): void {
    for (const n of nodes) this.node(n, indent, parentRule);
  }

  private node(n: Ir, indent: number, parentRule?: string): void {
    const start = this.lines.length + 1;
    // A comment ties each rule's block to its id, for reviewers and for the import back to a mapping.
    const own = 'ruleId' in n && n.ruleId && n.ruleId !== parentRule ? [n.ruleId] : [];
    const attrRules = n.k === 'element' ? n.attrs.filter((a) => a.ruleId).map((a) => a.ruleId as string) : [];
    const ids = [...own, ...attrRules];
    if (ids.length) this.line(indent, `<!-- ${ids.length === 1 ? 'Regel' : 'Regeln'} ${ids.join(', ').replace(/--/g, '- -')} -->`);
    if (this.trace && n.k === 'element' && (n.ruleId || attrRules.length)) {
      const text = [n.ruleId ?? '-', ...n.attrs.filter((a) => a.ruleId).map((a) => `@${a.name}=${a.ruleId}`)].join(' ');
      this.line(indent, `<xsl:processing-instruction name="${TRACE_PI}">${text}</xsl:processing-instruction>`);
    }
    const inner = ('ruleId' in n && n.ruleId) || parentRule;
    switch (n.k) {
      case 'comment':
        this.line(indent, `<!-- ${n.text.replace(/--/g, '- -')} -->`);
        break;
      case 'variable':
        this.line(indent, `<xsl:variable name="${n.name}" select="${escAttr(n.select)}"/>`);
        break;
      case 'call':
        if (!n.params.length) this.line(indent, `<xsl:call-template name="${n.name}"/>`);
        else {
          this.line(indent, `<xsl:call-template name="${n.name}">`);
          for (const prm of n.params) this.line(indent + 1, `<xsl:with-param name="${prm}" select="$${prm}"/>`);
          this.line(indent, `</xsl:call-template>`);
        }
        break;
      case 'raw': {
        // The first line at this indentation, the others exactly as written (whitespace may matter in xsl:text).
        const [first, ...rest] = n.text.split('\n');
        this.line(indent, first);
        this.lines.push(...rest);
        break;
      }
      case 'text':
        this.line(indent, `<xsl:text>${escText(n.text)}</xsl:text>`);
        break;
      case 'value-of':
        this.line(indent, `<xsl:value-of select="${escAttr(n.select)}"/>`);
        break;
      case 'attribute':
        this.line(indent, `<xsl:attribute name="${n.name}" select="${escAttr(n.select)}"/>`);
        break;
      case 'if':
        this.line(indent, `<xsl:if test="${escAttr(n.test)}">`);
        this.print(n.children, indent + 1, inner);
        this.line(indent, `</xsl:if>`);
        break;
      case 'for-each':
        if (n.groupBy !== undefined) this.line(indent, `<xsl:for-each-group select="${escAttr(n.select)}" group-by="${escAttr(n.groupBy)}">`);
        else this.line(indent, `<xsl:for-each select="${escAttr(n.select)}">`);
        for (const s of n.sorts) {
          const extra = (s.order !== 'ascending' ? ` order="${s.order}"` : '') + (s.dataType !== 'text' ? ` data-type="${s.dataType}"` : '');
          this.line(indent + 1, `<xsl:sort select="${escAttr(s.select)}"${extra}/>`);
        }
        this.print(n.children, indent + 1, inner);
        this.line(indent, n.groupBy !== undefined ? `</xsl:for-each-group>` : `</xsl:for-each>`);
        break;
      case 'element': {
        // Literal attributes sit on the element's start tag; that line is their span.
        for (const a of n.attrs) if (a.ruleId) this.spans.push({ ruleId: a.ruleId, startLine: this.lines.length + 1, endLine: this.lines.length + 1 });
        const attrs = n.attrs.map((a) => ` ${a.name}="${a.value}"`).join('');
        const only = n.children.length === 1 ? n.children[0] : undefined;
        if (n.children.length === 0) this.line(indent, `<${n.name}${attrs}/>`);
        else if (only && only.k === 'text' && (!only.ruleId || only.ruleId === n.ruleId) && !/^\s|\s$/.test(only.text) && only.text !== '')
          this.line(indent, `<${n.name}${attrs}>${escText(only.text)}</${n.name}>`);
        else if (only && only.k === 'value-of' && (!only.ruleId || only.ruleId === n.ruleId))
          this.line(indent, `<${n.name}${attrs}><xsl:value-of select="${escAttr(only.select)}"/></${n.name}>`);
        else {
          this.line(indent, `<${n.name}${attrs}>`);
          this.print(n.children, indent + 1, inner);
          this.line(indent, `</${n.name}>`);
        }
        break;
      }
    }
    if ('ruleId' in n && n.ruleId) this.spans.push({ ruleId: n.ruleId, startLine: start, endLine: this.lines.length });
  }
}
