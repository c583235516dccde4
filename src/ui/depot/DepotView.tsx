/**
 * The rule-depot view: build a package (recording the version's creation time), download, verify in
 * the browser, publish to a depot, compare with an earlier package, import a package back.
 */
import { useEffect } from 'react';
import { buildDepotPackage, packageFileName, packageIdOf } from '../../core/depot/build.ts';
import { SEMVER } from '../../core/depot/manifest.ts';
import { verifyDepotPackage } from '../../core/depot/verify.ts';
import { getEngine } from '../engine/index.ts';
import { useDoc } from '../state/doc.ts';
import { useSession } from '../state/session.ts';
import { ChangesPanel, ImportPanel } from './Panels.tsx';
import { PublishPanel } from './PublishPanel.tsx';
import { getSefCompiler, useDepotSession } from './state.ts';
import { useDepotT } from './texts.ts';
import './depot.css';

function nextVersion(last: string | undefined): string {
  const m = last ? /^(\d+)\.(\d+)\.(\d+)/.exec(last) : null;
  return m ? `${m[1]}.${m[2]}.${Number(m[3]) + 1}` : '1.0.0';
}

/** Saves bytes as a file through the browser's download. */
export function downloadBytes(name: string, bytes: Uint8Array): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function DepotView() {
  const t = useDepotT();
  const project = useDoc((s) => s.project);
  const dispatch = useDoc((s) => s.dispatch);
  const s = useDepotSession();
  const lang = useSession((x) => x.lang);
  const projectId = project?.id;
  useEffect(() => {
    // Results belong to the project they were made for: another project starts clean.
    const cur = useDepotSession.getState();
    if (cur.built && cur.built.projectId !== projectId) cur.set({ built: undefined, report: undefined, publishResult: undefined, changes: undefined, buildErrors: undefined, version: undefined });
  }, [projectId]);
  if (!project) return null;
  const releases = project.depot?.releases ?? [];
  const version = s.version ?? nextVersion(releases[releases.length - 1]?.version);
  const validVersion = SEMVER.test(version);
  const release = releases.find((r) => r.version === version);
  const built = s.built?.projectId === project.id ? s.built : undefined;

  const build = async () => {
    if (!validVersion) return;
    // Keep the version in the field: recording the release would otherwise move the suggestion on.
    s.set({ version, busy: 'build', buildErrors: undefined, report: undefined, publishResult: undefined, changes: undefined });
    if (!release) dispatch({ type: 'depot.release', version, createdAt: new Date().toISOString() });
    const current = useDoc.getState().project ?? project;
    const r = await buildDepotPackage(current, { version, sef: getSefCompiler() });
    if (r.ok) s.set({ busy: undefined, built: { bytes: r.bytes, manifest: r.manifest, sha256: r.sha256, fileName: packageFileName(current, version), projectId: current.id } });
    else s.set({ busy: undefined, built: undefined, buildErrors: r.errors });
  };

  const verify = async () => {
    if (!built) return;
    s.set({ busy: 'verify', report: undefined });
    const report = await verifyDepotPackage(built.bytes, { engine: getEngine(), sef: getSefCompiler() });
    s.set({ busy: undefined, report });
  };

  const failedChecks = s.report?.checks.filter((c) => !c.ok) ?? [];
  return (
    <div className="depot-view" data-testid="depot-view">
      <header>
        <h2>{t('title')}</h2>
        <p className="muted">{t('intro')}</p>
      </header>
      <section className="depot-card" aria-labelledby="depot-build-title">
        <h3 id="depot-build-title">{t('buildTitle')}</h3>
        <div className="depot-fields">
          <label className="depot-field">
            <span>{t('packageId')}</span>
            <input
              key={project.id}
              defaultValue={project.depot?.packageId ?? ''}
              placeholder={packageIdOf(project)}
              onBlur={(e) => {
                const v = e.target.value.trim() || undefined;
                if (v !== project.depot?.packageId) dispatch({ type: 'depot.packageId', packageId: v });
              }}
              data-testid="depot-package-id"
            />
          </label>
          <label className="depot-field">
            <span>{t('version')}</span>
            <input value={version} onChange={(e) => s.set({ version: e.target.value.trim() })} aria-invalid={!validVersion} aria-describedby="depot-version-hint" data-testid="depot-version" />
            <span id="depot-version-hint" className={validVersion ? 'muted small' : 'depot-error small'} role={validVersion ? undefined : 'alert'}>
              {validVersion ? (release ? t('released', { v: version, d: new Date(release.createdAt).toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE') }) : t('newRelease')) : t('badVersion')}
            </span>
          </label>
          <button className="primary" onClick={() => void build()} disabled={!validVersion || !!s.busy} data-testid="depot-build">
            {s.busy === 'build' ? t('building') : t('build')}
          </button>
        </div>
        {s.buildErrors && (
          <div className="run-error" role="alert" data-testid="depot-build-errors">
            <strong>{t('buildFailed')}</strong>
            <ul>
              {s.buildErrors.slice(0, 30).map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          </div>
        )}
        {built && (
          <div className="depot-built" data-testid="depot-built">
            <p>
              <strong data-testid="depot-summary">
                {t('built', { file: built.fileName, rules: String(built.manifest.rules.length), tests: String(built.manifest.tests.length), files: String(built.manifest.files.length + 1), size: (built.bytes.length / 1024).toFixed(0) })}
              </strong>
              <br />
              <span className="small">
                {t('sha')}: <code data-testid="depot-sha">{built.sha256}</code>
              </span>
            </p>
            <div className="depot-buttons">
              <button onClick={() => downloadBytes(built.fileName, built.bytes)} data-testid="depot-download">
                {t('download')}
              </button>
              <button onClick={() => void verify()} disabled={!!s.busy} data-testid="depot-verify">
                {s.busy === 'verify' ? t('verifying') : t('verify')}
              </button>
              {s.report && (
                <span role="status" className={s.report.failed ? 'depot-error' : 'depot-ok'} data-testid="depot-verify-summary">
                  {s.report.failed ? '✘' : '✔'} {s.report.passed} passed, {s.report.failed} failed
                </span>
              )}
            </div>
            {failedChecks.length > 0 && (
              <ul className="depot-failed">
                {failedChecks.map((c, i) => (
                  <li key={i}>
                    {c.subject}: {c.message}
                  </li>
                ))}
              </ul>
            )}
            <RulesTable />
          </div>
        )}
      </section>
      <PublishPanel />
      <ChangesPanel />
      <ImportPanel />
    </div>
  );
}

function RulesTable() {
  const t = useDepotT();
  const built = useDepotSession((s) => s.built);
  if (!built) return null;
  const rules = built.manifest.rules;
  return (
    <details className="depot-rules">
      <summary>
        {t('rules')} ({rules.length})
      </summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('rule')}</th>
            <th scope="col">{t('routing')}</th>
            <th scope="col">{t('params')}</th>
          </tr>
        </thead>
        <tbody>
          {rules.slice(0, 200).map((r) => (
            <tr key={r.id}>
              <td className="mono">{r.id}</td>
              <td>
                {r.routing.senderSystem} → {r.routing.targetSystem}
                {r.routing.adapter ? ` (${r.routing.adapter.kind ?? r.routing.adapter.id})` : ''}
                {r.routing.organisation?.office ? `, ${r.routing.organisation.office.name}` : ''}
              </td>
              <td>
                {r.parameters.map((p) => (
                  <code key={p.name} className="depot-param">
                    ${p.name}="{p.value}"
                  </code>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rules.length > 200 && <p className="muted">{t('moreRules', { n: String(rules.length - 200) })}</p>}
    </details>
  );
}
