/** The compiler's intermediate representation: XSLT instructions as plain data, one node per construct. */
export type Ir =
  | { k: 'element'; name: string; attrs: { name: string; value: string; ruleId?: string }[]; children: Ir[]; ruleId?: string }
  | { k: 'text'; text: string; ruleId?: string }
  | { k: 'value-of'; select: string; ruleId?: string }
  | { k: 'attribute'; name: string; select: string; ruleId?: string }
  | { k: 'if'; test: string; children: Ir[]; ruleId?: string }
  | { k: 'for-each'; select: string; groupBy?: string; sorts: { select: string; order: string; dataType: string }[]; children: Ir[]; ruleId?: string }
  | { k: 'comment'; text: string }
  /** XSLT kept verbatim by the XSLT import (a raw block), printed as written. */
  | { k: 'raw'; text: string }
  | { k: 'variable'; name: string; select: string }
  /** A call of a named template (structures mode); each param is passed on under its own name. */
  | { k: 'call'; name: string; params: string[] };

/** A named template for one target structure (structures mode), printed after the main template. */
export interface TemplateDef {
  name: string;
  /** The structure's target path, shown to reviewers above the template. */
  where: string;
  /** Loop variables of the caller the body reads (declared as xsl:param, passed by xsl:with-param). */
  params: string[];
  body: Ir[];
  /** The rule whose comment the call site already printed (an if / for-each of the same rule wraps the call). */
  parentRule?: string;
}
