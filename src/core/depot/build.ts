/**
 * Builds a rule-depot package (ZIP) from a project: one generic rule per flow (XSLT + SEF), one rule
 * entry per flow and organisation (routing + parameter values), schemas, tests, organisations.json,
 * the project itself (so the package imports back), README.txt and manifest.json with the SHA-256 of
 * every file. Deterministic: the creation time comes from the project's release record of the version
 * (or the caller), entries are sorted and dated 1980-01-01, JSON is written in a fixed key order.
 */
import { compileProjectFlow, TOOL_VERSION } from '../compiler/index.ts';
import { formatDiagnostic } from '../diagnostics.ts';
import { saveProject } from '../model/load.ts';
import type { Flow, MessageType, Organisation, Project } from '../model/project.ts';
import { homeParams, resolveParams, resolveRouting, ruleFlows } from '../orgs/resolve.ts';
import { validateOrganisations } from '../orgs/validate.ts';
import { DEPOT_FORMAT, SEMVER, sha256Hex, type Manifest, type RuleEntry, type TestEntry } from './manifest.ts';
import { finalizeSef, type SefCompiler } from './sef.ts';
import { writeZip } from './zip.ts';
import { m } from '../i18n.ts';

/** Creation time of a version never recorded in the project (and none given): the ZIP epoch. */
export const FALLBACK_CREATED_AT = '1980-01-01T00:00:00.000Z';

export interface BuildOptions {
  version: string;
  /** ISO time; default: the project's release record of `version`, else FALLBACK_CREATED_AT. */
  createdAt?: string;
  sef: SefCompiler;
  onProgress?(step: string): void;
}

export type BuildResult =
  | { ok: true; bytes: Uint8Array; manifest: Manifest; sha256: string; createdAtSource: 'option' | 'release' | 'fallback' }
  | { ok: false; errors: string[] };

const enc = new TextEncoder();

/** The package id: the project's depot setting, else its id, made file-name safe. */
export function packageIdOf(project: Project): string {
  return safeSegment(project.depot?.packageId || project.id);
}

/** A path segment of [A-Za-z0-9._-] only ("_" for anything else, never "." or ".."). */
export function safeSegment(s: string): string {
  const v = s.replace(/[^A-Za-z0-9._-]/g, '_');
  return v === '' || v === '.' || v === '..' ? `_${v}` : v;
}

/** The file name of a depot package. */
export function packageFileName(project: Project, version: string): string {
  return `${packageIdOf(project)}-${version}.regeldepot.zip`;
}

/** Builds the package; errors (invalid version, organisations, rules that don't compile) are listed. */
export async function buildDepotPackage(project: Project, opts: BuildOptions): Promise<BuildResult> {
  const errors: string[] = [];
  if (!SEMVER.test(opts.version)) {
    return { ok: false, errors: [m(`Version "${opts.version}" ist keine semantische Version (X.Y.Z).`, `Version "${opts.version}" is not a semantic version (X.Y.Z).`)] };
  }
  const release = project.depot?.releases.find((r) => r.version === opts.version)?.createdAt;
  const createdRaw = opts.createdAt ?? release ?? FALLBACK_CREATED_AT;
  const created = new Date(createdRaw);
  if (Number.isNaN(created.getTime())) {
    return { ok: false, errors: [m(`Erstellungszeit "${createdRaw}" ist kein gültiger Zeitpunkt.`, `Creation time "${createdRaw}" is not a valid point in time.`)] };
  }
  const createdAt = created.toISOString();

  for (const i of validateOrganisations(project)) if (i.severity === 'error') errors.push(`Organisation ${i.orgId}: ${i.message}`);
  const flows = ruleFlows(project);
  if (!flows.length) errors.push(m('Das Projekt hat keine Regel (keinen Fluss mit Zielnachricht).', 'The project has no rule (no flow with a target message).'));

  const files = new Map<string, Uint8Array>();
  const text = (path: string, s: string) => files.set(path, enc.encode(s));
  const flowFile = uniqueNames(flows.map((f) => f.id));
  const compiled = new Map<string, { xsl: string; sef: string }>();
  let engineName = 'SaxonJS';
  for (const flow of flows) {
    opts.onProgress?.(m(`Übersetze ${flow.id}`, `Compiling ${flow.id}`));
    const c = compileProjectFlow(project, flow);
    const errs = c.diagnostics.filter((d) => d.severity === 'error');
    if (errs.length || !c.xslt) {
      errors.push(...(errs.length ? errs.map((d) => `${flow.id}: ${formatDiagnostic(d)}`) : [`${flow.id}: ${m('Regel lässt sich nicht übersetzen.', 'The rule cannot be compiled.')}`]));
      continue;
    }
    const s = await opts.sef.compile(c.xslt);
    if (!s.ok) {
      const why = `${s.error.code ?? s.error.kind}: ${s.error.message}${s.error.line ? m(` (Zeile ${s.error.line})`, ` (line ${s.error.line})`) : ''}`;
      errors.push(`${flow.id}: ${m(`SEF-Übersetzung fehlgeschlagen: ${why}`, `compiling to SEF failed: ${why}`)}`);
      continue;
    }
    const sef = finalizeSef(s.sef, createdAt);
    engineName = (JSON.parse(sef) as { saxonVersion?: string }).saxonVersion ?? engineName;
    compiled.set(flow.id, { xsl: c.xslt, sef });
  }
  if (errors.length) return { ok: false, errors };

  for (const flow of flows) {
    const c = compiled.get(flow.id)!;
    text(`rules/${flowFile.get(flow.id)}.xsl`, c.xsl);
    text(`rules/${flowFile.get(flow.id)}.sef.json`, c.sef);
  }

  // Schemas the rules read or write.
  const usedSchemas = project.schemas.filter((s) => flows.some((f) => f.source?.schemaId === s.id || f.target?.schemaId === s.id));
  const schemaDir = uniqueNames(usedSchemas.map((s) => s.id));
  const schemaEntries = usedSchemas.map((s) => {
    const names = s.files.map((f) => `schemas/${schemaDir.get(s.id)}/${f.name.split('/').map(safeSegment).join('/')}`);
    s.files.forEach((f, i) => text(names[i], f.content));
    return { id: s.id, name: s.name, kind: s.kind, files: names };
  });

  // Tests: inputs once per sample, expected outputs per test case.
  const tests: TestEntry[] = [];
  for (const flow of flows) {
    const dir = `tests/${flowFile.get(flow.id)}`;
    const sampleName = uniqueNames(flow.samples.map((s) => s.id));
    const testName = uniqueNames(flow.tests.map((t) => t.id));
    for (const tc of flow.tests) {
      const sample = flow.samples.find((s) => s.id === tc.sampleId);
      if (!sample) continue;
      const input = `${dir}/input/${sampleName.get(sample.id)}.xml`;
      const expected = `${dir}/expected/${testName.get(tc.id)}.xml`;
      text(input, sample.content);
      text(expected, tc.expected);
      const entry: TestEntry = { id: `${flow.id}/${tc.id}`, flow: flow.id, name: tc.name, parameters: homeParams(project, flow, tc.organisationId), input, expected, ignore: [...tc.ignore] };
      if (tc.organisationId) entry.organisation = tc.organisationId;
      tests.push(entry);
    }
  }

  text('organisations.json', JSON.stringify(project.organisations, null, 2) + '\n');
  text('project.regelwerk.json', saveProject(project));

  const packageId = packageIdOf(project);
  const orgs: (Organisation | undefined)[] = project.organisations.length ? project.organisations : [undefined];
  text('README.txt', readme(project, packageId, opts.version, createdAt, flows.length, orgs.filter(Boolean).length, engineName));

  const fileList = await Promise.all([...files.keys()].sort().map(async (path) => ({ path, sha256: await sha256Hex(files.get(path)!), size: files.get(path)!.length })));
  const shaOf = new Map(fileList.map((f) => [f.path, f.sha256]));
  const rules: RuleEntry[] = [];
  for (const flow of flows) {
    const ruleFiles = [`rules/${flowFile.get(flow.id)}.xsl`, `rules/${flowFile.get(flow.id)}.sef.json`].map((path) => ({ path, sha256: shaOf.get(path)! }));
    const testIds = tests.filter((t) => t.flow === flow.id).map((t) => t.id);
    for (const org of orgs) rules.push(ruleEntry(project, flow, org, ruleFiles, testIds));
  }

  const manifest: Manifest = {
    format: DEPOT_FORMAT,
    packageId,
    version: opts.version,
    createdAt,
    tool: { name: 'Regelwerk', version: TOOL_VERSION, engine: engineName },
    project: { id: project.id, name: project.name },
    rules,
    tests,
    schemas: schemaEntries,
    files: fileList,
  };
  files.set('manifest.json', enc.encode(JSON.stringify(manifest, null, 2) + '\n'));
  const bytes = writeZip(files);
  return { ok: true, bytes, manifest, sha256: await sha256Hex(bytes), createdAtSource: opts.createdAt ? 'option' : release ? 'release' : 'fallback' };
}

function messageRef(m: MessageType | undefined): { namespace: string; root: string } | undefined {
  return m ? { namespace: m.root.ns, root: m.root.local } : undefined;
}

function ruleEntry(project: Project, flow: Flow, org: Organisation | undefined, files: RuleEntry['files'], tests: string[]): RuleEntry {
  const values = resolveParams(flow, org);
  const source = messageRef(flow.source);
  return {
    id: org ? `${flow.id}@${org.id}` : flow.id,
    flow: flow.id,
    scenarioCode: flow.scenarioCode,
    title: flow.title,
    ...(source ? { source } : {}),
    target: messageRef(flow.target)!,
    routing: resolveRouting(project, flow, org),
    parameters: flow.mapping.parameters.map((p) => {
      const v: RuleEntry['parameters'][number] = { name: p.name, type: p.type, value: values[p.name] ?? '' };
      if (p.default !== undefined) v.default = p.default;
      if (p.documentation) v.documentation = p.documentation;
      return v;
    }),
    files,
    tests,
  };
}

/** Safe, distinct file names for ids (ids that sanitise alike get -2, -3 …). */
function uniqueNames(ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    const base = safeSegment(id);
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}-${i}`;
    used.add(name.toLowerCase());
    out.set(id, name);
  }
  return out;
}

// Package content, not a message: always German, so a package's bytes (and SHA-256) do not depend on
// the UI language of whoever built it.
function readme(project: Project, packageId: string, version: string, createdAt: string, flowCount: number, orgCount: number, engine: string): string {
  return [
    `Regeldepot-Paket ${packageId} ${version}`,
    `Erstellt ${createdAt} mit Regelwerk ${TOOL_VERSION} aus dem Projekt "${project.name}" (${project.id}).`,
    '',
    `Regeln: ${flowCount} generische Regel(n)${orgCount ? ` für ${orgCount} Organisation(en)` : ''}.`,
    '',
    'Inhalt',
    '  manifest.json           Paket-ID, Version, Regeln mit Routing und Parametern, SHA-256 jeder Datei',
    '  rules/*.xsl             die generischen Regeln (XSLT 3.0); Organisationswerte kommen als xsl:param',
    `  rules/*.sef.json        dieselben Regeln übersetzt für ${engine} (SaxonJS.transform({stylesheetText}))`,
    '  schemas/                Quell- und Zielschemas der Regeln',
    '  tests/                  Testnachrichten (input/) und erwartete Ausgaben (expected/)',
    '  organisations.json      Organisationen mit Stellen, Routing und Parameterwerten',
    '  project.regelwerk.json  das Regelwerk-Projekt, aus dem das Paket gebaut wurde (zum Wiedereinlesen)',
    '',
    'Prüfen: regelwerk verify <paket.zip>  (Prüfsummen, Übersetzen jeder Regel, jeder Test)',
    '',
  ].join('\n');
}
