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
  | { k: 'variable'; name: string; select: string };
