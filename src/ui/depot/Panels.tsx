/** "What changed" against an earlier package, and importing a package back as a project. */
import { FileButton } from '../shell/FileButton.tsx';
import { changelog } from '../../core/depot/changelog.ts';
import { importDepotPackage, unpackDepotPackage } from '../../core/depot/read.ts';
import { formatFinding } from '../../core/diagnostics.ts';
import { openProjectFile } from '../state/doc.ts';
import { useDepotSession } from './state.ts';
import { useDepotT } from './texts.ts';

async function readBytes(f: File): Promise<Uint8Array> {
  return new Uint8Array(await f.arrayBuffer());
}

export function ChangesPanel() {
  const t = useDepotT();
  const { built, changes, set } = useDepotSession();
  const pick = async (f: File) => {
    if (!built) return;
    const old = unpackDepotPackage(await readBytes(f));
    set({ changes: old.ok ? { file: f.name, log: changelog(old.manifest, built.manifest) } : { file: f.name, error: old.message } });
  };
  const log = changes?.log;
  return (
    <section className="depot-card" aria-labelledby="depot-changes-title">
      <h3 id="depot-changes-title">{t('changesTitle')}</h3>
      <p className="muted small">{built ? t('changesIntro') : t('needBuild')}</p>
      <FileButton accept=".zip,application/zip" testId="depot-changes-file" disabled={!built} onFile={(f) => pick(f)}>
        {t('pickOld')}
      </FileButton>
      {changes?.error && (
        <p className="run-error" role="alert">
          {t('refused')}: {changes.error}
        </p>
      )}
      {log && (
        <div className="depot-changes" data-testid="depot-changes" role="region" aria-label={t('changesTitle')}>
          <p>
            <strong>
              {log.from.packageId} {log.from.version} → {log.to.packageId} {log.to.version}
            </strong>
          </p>
          <h4>
            {t('added')} ({log.added.length})
          </h4>
          <ul data-testid="depot-added">
            {log.added.map((id) => (
              <li key={id} className="mono">
                + {id}
              </li>
            ))}
          </ul>
          <h4>
            {t('removed')} ({log.removed.length})
          </h4>
          <ul data-testid="depot-removed">
            {log.removed.map((id) => (
              <li key={id} className="mono">
                − {id}
              </li>
            ))}
          </ul>
          <h4>
            {t('changed')} ({log.changed.length})
          </h4>
          <ul data-testid="depot-changed">
            {log.changed.map((c) => (
              <li key={c.id}>
                <span className="mono">{c.id}</span>
                <ul>
                  {c.changes.map((x, i) => (
                    <li key={i}>{x}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          <p className="muted">{t('unchanged', { n: String(log.unchanged) })}</p>
        </div>
      )}
    </section>
  );
}

export function ImportPanel() {
  const t = useDepotT();
  const { imported, busy, set } = useDepotSession();
  const open = async (f: File) => {
    set({ busy: 'import', imported: undefined });
    const r = await importDepotPackage(await readBytes(f), f.name);
    if (!r.ok) {
      set({ busy: undefined, imported: { ok: false, message: r.message, details: r.errors?.map(formatFinding) } });
      return;
    }
    const opened = await openProjectFile(f.name, r.projectText);
    set({ busy: undefined, imported: opened ? { ok: true, message: t('imported', { name: r.project.name, file: f.name }) } : { ok: false, message: t('refused') } });
  };
  return (
    <section className="depot-card" aria-labelledby="depot-import-title">
      <h3 id="depot-import-title">{t('importTitle')}</h3>
      <p className="muted small">{t('importIntro')}</p>
      <FileButton accept=".zip,application/zip" testId="depot-import-file" disabled={!!busy} onFile={(f) => open(f)}>
        {t('pickImport')}
      </FileButton>
      {imported && (
        <div role={imported.ok ? 'status' : 'alert'} className={imported.ok ? 'depot-ok' : 'run-error'} data-testid="depot-import-result">
          {imported.ok ? `✔ ${imported.message}` : `${t('refused')}: ${imported.message} ${t('nothingStored')}`}
          {imported.details && (
            <ul>
              {imported.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
