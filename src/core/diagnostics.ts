import { m } from './i18n.ts';

/** Where something is, as precisely as we know it. Lines and columns are 1-based. */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
  /** A path in the project model, e.g. "flows[0].mapping.rules[3]" or a schema tree path. */
  path?: string;
}

export type Severity = 'error' | 'warning' | 'info';

/** A user-facing finding. Core operations return these instead of throwing for user errors. */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. "xsd.unresolved-import". */
  code: string;
  message: string;
  location?: SourceLocation;
}

/**
 * Formats a diagnostic as one line: "file:line:col: error: message [code]". The severity word stays
 * English in every language: this is the compiler-style line editors and scripts parse (CLI output).
 */
export function formatDiagnostic(d: Diagnostic): string {
  return line(d, d.severity);
}

function line(d: Diagnostic, severity: string, withPath = true): string {
  const loc = d.location;
  const where = loc
    ? [loc.file, loc.line, loc.line !== undefined ? loc.column : undefined].filter((x) => x !== undefined).join(':')
    : '';
  const pathPart = loc?.path && withPath ? ` (${loc.path})` : '';
  return `${where ? where + ': ' : ''}${severity}: ${d.message}${pathPart} [${d.code}]`;
}

const SEVERITY: Record<Severity, readonly [de: string, en: string]> = { error: ['Fehler', 'error'], warning: ['Warnung', 'warning'], info: ['Hinweis', 'note'] };

/**
 * The same line for people (findings lists in the app): the severity word in the message language, and
 * without a schema tree path (a Clark path is unreadable; the list offers to show the field instead).
 */
export function formatFinding(d: Diagnostic): string {
  return line(d, m(...SEVERITY[d.severity]), !d.location?.path?.startsWith('/'));
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}
