/**
 * The printable test report of a test-plan run: one self-contained HTML page (no scripts, no external
 * resources) with the summary, the rules tested (version and checksum of the compiled XSLT, so a
 * reviewer can tell exactly which rule text was accepted) and every test with its result and details.
 */
import type { Project } from '../model/project.ts';
import type { TestResult } from './test-plan.ts';
import { m, messageLang } from '../i18n.ts';

export interface ReportInput {
  project: Project;
  results: readonly TestResult[];
  /** Compiled XSLT per flow id, for the rule checksums. */
  rules: Readonly<Record<string, string>>;
  /** When the tests ran (passed in so the report is reproducible). */
  generatedAt: Date;
  toolVersion?: string;
}

/** A short, stable checksum of a rule text (two FNV-1a 32-bit hashes; identifies, does not secure). */
export function ruleChecksum(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Builds the report as an HTML document string. */
export function buildTestReport(input: ReportInput): string {
  const { project, results } = input;
  const passed = results.filter((r) => r.pass).length;
  const failed = results.length - passed;
  const flowIds = [...new Set(results.map((r) => r.flowId))];
  const flows = flowIds.map((id) => project.flows.find((f) => f.id === id)).filter((f) => f !== undefined);
  const orgName = (id: string | undefined) => (id ? (project.organisations.find((o) => o.id === id)?.name ?? id) : '—');

  const ruleRows = flows
    .map((f) => {
      const rs = results.filter((r) => r.flowId === f.id);
      const ok = rs.filter((r) => r.pass).length;
      const xslt = input.rules[f.id];
      return `<tr><td>${esc(f.scenarioCode)}</td><td>${esc(f.title)}<br><code>${esc(f.id)}</code></td><td>${esc(f.version ?? m('ohne Version', 'no version'))}</td><td><code>${xslt ? ruleChecksum(xslt) : '—'}</code></td><td class="${ok === rs.length ? 'pass' : 'fail'}">${ok} / ${rs.length}</td></tr>`;
    })
    .join('\n');

  const sections = flows
    .map((f) => {
      const rows = results
        .filter((r) => r.flowId === f.id)
        .map((r, i) => {
          const tc = f.tests.find((t) => t.id === r.testId);
          const sample = tc ? (f.samples.find((s) => s.id === tc.sampleId)?.name ?? tc.sampleId) : '—';
          const ignore = tc?.ignore.length ? `<div class="muted">${m('Ignoriert', 'Ignored')}: ${tc.ignore.map((x) => `<code>${esc(x)}</code>`).join(', ')}</div>` : '';
          const details = r.details.length ? `<ul>${r.details.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>` : '';
          return `<tr class="${r.pass ? 'pass' : 'fail'}"><td>${i + 1}</td><td>${esc(r.name)}<br><code>${esc(r.testId)}</code>${ignore}</td><td>${esc(sample)}</td><td>${esc(orgName(tc?.organisationId))}</td><td class="result">${r.pass ? m('✔ bestanden', '✔ passed') : m('✘ fehlgeschlagen', '✘ failed')}</td><td class="num">${r.timeMs.toFixed(0)} ms</td><td>${details}</td></tr>`;
        })
        .join('\n');
      return `<section>
<h2>${esc(f.scenarioCode)} ${esc(f.title)}</h2>
<table>
${m(
  '<thead><tr><th>Nr.</th><th>Testfall</th><th>Eingangsnachricht</th><th>Organisation</th><th>Ergebnis</th><th>Zeit</th><th>Abweichungen</th></tr></thead>',
  '<thead><tr><th>No.</th><th>Test case</th><th>Input message</th><th>Organisation</th><th>Result</th><th>Time</th><th>Differences</th></tr></thead>',
)}
<tbody>
${rows}
</tbody>
</table>
</section>`;
    })
    .join('\n');

  return `<!doctype html>
<html lang="${messageLang()}">
<head>
<meta charset="utf-8">
<title>${m('Testbericht', 'Test report')} ${esc(project.name)}</title>
<style>
body { font-family: system-ui, 'Segoe UI', Arial, sans-serif; font-size: 13px; color: #1d2330; margin: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 20px 0 6px; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8px; }
th, td { border: 1px solid #c5ccd8; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
code { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 11px; }
.pass .result, td.pass { color: #1e7a38; font-weight: 600; }
.fail .result, td.fail { color: #b3261e; font-weight: 600; }
.summary { font-size: 15px; margin: 10px 0; }
.muted { color: #5a6272; }
.num { text-align: right; white-space: nowrap; }
ul { margin: 0; padding-left: 16px; }
@media print { body { margin: 0; } section, tr { page-break-inside: avoid; } }
</style>
</head>
<body>
<h1>${m('Testbericht', 'Test report')}: ${esc(project.name)}</h1>
<p class="muted">${m(
    `Erstellt am ${esc(stamp(input.generatedAt))} mit Regelwerk ${esc(input.toolVersion ?? '')} · Projekt`,
    `Created on ${esc(stamp(input.generatedAt))} with Regelwerk ${esc(input.toolVersion ?? '')} · project`,
  )} <code>${esc(project.id)}</code></p>
<p class="summary" data-summary="${passed}/${results.length}"><strong>${m(`${passed} bestanden, ${failed} fehlgeschlagen`, `${passed} passed, ${failed} failed`)}</strong> (${m(`${results.length} Testfälle`, `${results.length} test cases`)})</p>
<h2>${m('Geprüfte Regeln', 'Rules tested')}</h2>
<table>
${m(
  '<thead><tr><th>Szenario</th><th>Fluss</th><th>Regelversion</th><th>Prüfsumme der Regel</th><th>Bestanden</th></tr></thead>',
  '<thead><tr><th>Scenario</th><th>Flow</th><th>Rule version</th><th>Rule checksum</th><th>Passed</th></tr></thead>',
)}
<tbody>
${ruleRows}
</tbody>
</table>
${sections}
</body>
</html>
`;
}
