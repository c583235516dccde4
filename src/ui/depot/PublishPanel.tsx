/** Publishing the built package to a depot (HTTP PUT with a token header); the one network access of the app. */
import { publishPackage, type PublishErrorKind } from '../../core/depot/publish.ts';
import { useDepotSession } from './state.ts';
import { useDepotT } from './texts.ts';

const KIND_TEXT: Record<PublishErrorKind, 'errRefused' | 'errConflict' | 'errTimeout' | 'errNetwork' | 'errHttp' | 'errConfig'> = {
  refused: 'errRefused',
  conflict: 'errConflict',
  timeout: 'errTimeout',
  network: 'errNetwork',
  http: 'errHttp',
  config: 'errConfig',
};

export function PublishPanel() {
  const t = useDepotT();
  const s = useDepotSession();
  const built = s.built;
  const publish = async () => {
    if (!built) return;
    s.set({ busy: 'publish', publishResult: undefined });
    const r = await publishPackage(
      { url: s.url, tokenHeader: s.tokenHeader, token: s.token, timeoutMs: Math.max(1, s.timeoutS) * 1000 },
      { bytes: built.bytes, packageId: built.manifest.packageId, version: built.manifest.version, sha256: built.sha256 },
    );
    s.set({ busy: undefined, publishResult: r });
  };
  const r = s.publishResult;
  return (
    <section className="depot-card" aria-labelledby="depot-publish-title">
      <h3 id="depot-publish-title">{t('publishTitle')}</h3>
      <p className="muted small">{t('publishIntro')}</p>
      <div className="depot-fields">
        <label className="depot-field wide">
          <span>{t('url')}</span>
          <input type="url" value={s.url} placeholder={t('urlHint')} onChange={(e) => s.set({ url: e.target.value })} data-testid="depot-url" />
        </label>
        <label className="depot-field">
          <span>{t('tokenHeader')}</span>
          <input value={s.tokenHeader} onChange={(e) => s.set({ tokenHeader: e.target.value })} data-testid="depot-header" />
        </label>
        <label className="depot-field">
          <span>{t('token')}</span>
          <input type="password" autoComplete="off" value={s.token} onChange={(e) => s.set({ token: e.target.value })} data-testid="depot-token" />
        </label>
        <label className="depot-field narrow">
          <span>{t('timeout')}</span>
          <input type="number" min={1} max={600} value={s.timeoutS} onChange={(e) => s.set({ timeoutS: Number(e.target.value) || 30 })} data-testid="depot-timeout" />
        </label>
        <button className="primary" onClick={() => void publish()} disabled={!built || !!s.busy || !s.url} data-testid="depot-publish">
          {s.busy === 'publish' ? t('publishing') : t('publish')}
        </button>
      </div>
      {r && (
        <p role={r.ok ? 'status' : 'alert'} className={r.ok ? 'depot-ok' : 'run-error'} data-testid="depot-publish-result" data-kind={r.ok ? 'ok' : r.kind}>
          {r.ok ? `✔ ${r.message}` : `${t(KIND_TEXT[r.kind])}: ${r.message}`}
        </p>
      )}
    </section>
  );
}
