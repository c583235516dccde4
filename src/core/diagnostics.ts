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

/** Formats a diagnostic as one line: "file:line:col: error: message [code]". */
export function formatDiagnostic(d: Diagnostic): string {
  const loc = d.location;
  const where = loc
    ? [loc.file, loc.line, loc.line !== undefined ? loc.column : undefined].filter((x) => x !== undefined).join(':')
    : '';
  const pathPart = loc?.path ? ` (${loc.path})` : '';
  return `${where ? where + ': ' : ''}${d.severity}: ${d.message}${pathPart} [${d.code}]`;
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}
