/** Field-level validation messages of the organisation editor. */
import type { OrgIssue } from '../../core/orgs/validate.ts';

/** Issues of one field (exact key or under it). */
export function fieldIssues(issues: readonly OrgIssue[], field: string): OrgIssue[] {
  return issues.filter((i) => i.field === field || i.field.startsWith(field + '.'));
}

/** Error text under an input, referenced by aria-describedby. */
export function FieldError({ id, issues }: { id: string; issues: OrgIssue[] }) {
  const errs = issues.filter((i) => i.severity === 'error');
  if (!errs.length) return null;
  return (
    <span id={id} className="orgs-field-error" role="alert">
      {errs.map((i) => i.message).join(' ')}
    </span>
  );
}
