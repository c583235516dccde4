/**
 * Publishing a package to a rule depot over HTTP: PUT of the ZIP to the configured address with the
 * token in a header. The only network access of Regelwerk, and only when the user asks for it.
 * Errors come back as a kind (refused, conflict, timeout, network, http, config) with a German message.
 */

export interface DepotTarget {
  /** Base address, e.g. https://depot.example/regeln; {package} and {version} are replaced when present, else /<package>/<version> is appended. */
  url: string;
  /** Header that carries the token (default X-Depot-Token). */
  tokenHeader?: string;
  token?: string;
  /** Default 30000 ms. */
  timeoutMs?: number;
}

export interface PublishPackage {
  bytes: Uint8Array;
  packageId: string;
  version: string;
  sha256: string;
}

export type PublishErrorKind = 'config' | 'refused' | 'conflict' | 'timeout' | 'network' | 'http';

export type PublishResult =
  | { ok: true; status: number; url: string; message: string }
  | { ok: false; kind: PublishErrorKind; status?: number; url: string; message: string };

export const DEFAULT_TOKEN_HEADER = 'X-Depot-Token';

/** The address a package is PUT to. */
export function publishUrl(base: string, packageId: string, version: string): string {
  const b = base.trim();
  if (b.includes('{package}') || b.includes('{version}')) {
    return b.replace(/\{package\}/g, encodeURIComponent(packageId)).replace(/\{version\}/g, encodeURIComponent(version));
  }
  return `${b.replace(/\/+$/, '')}/${encodeURIComponent(packageId)}/${encodeURIComponent(version)}`;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** PUTs the package; never throws. */
export async function publishPackage(target: DepotTarget, pkg: PublishPackage, fetchImpl: typeof fetch = globalThis.fetch): Promise<PublishResult> {
  let url: string;
  try {
    url = publishUrl(target.url, pkg.packageId, pkg.version);
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`Protokoll ${u.protocol} wird nicht unterstützt`);
  } catch (e) {
    return { ok: false, kind: 'config', url: target.url, message: `Depot-Adresse "${target.url}" ist ungültig: ${(e as Error).message}.` };
  }
  const header = (target.tokenHeader ?? DEFAULT_TOKEN_HEADER).trim();
  if (!HEADER_NAME.test(header)) return { ok: false, kind: 'config', url, message: `"${header}" ist kein gültiger HTTP-Headername.` };
  if (!target.token) return { ok: false, kind: 'config', url, message: 'Kein Token angegeben.' };
  const timeoutMs = target.timeoutMs ?? 30000;
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, timeoutMs);
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/zip', [header]: target.token, 'X-Content-SHA256': pkg.sha256 },
      body: pkg.bytes as Uint8Array<ArrayBuffer>,
      signal: ctl.signal,
    });
  } catch (e) {
    clearTimeout(timer);
    if (timedOut) return { ok: false, kind: 'timeout', url, message: `Das Depot hat nicht innerhalb von ${Math.round(timeoutMs / 1000)} s geantwortet (${url}).` };
    return { ok: false, kind: 'network', url, message: `Das Depot ist nicht erreichbar (${url}): ${(e as Error).message}. Adresse, Netz und CORS-Freigabe des Depots prüfen.` };
  }
  let body = '';
  try {
    body = (await res.text()).trim().slice(0, 300);
  } catch {
    /* a body that can't be read doesn't change the verdict */
  } finally {
    clearTimeout(timer);
  }
  const detail = body ? ` Antwort: ${body}` : '';
  if (res.ok) return { ok: true, status: res.status, url, message: `Veröffentlicht: ${pkg.packageId} ${pkg.version} (HTTP ${res.status}).` };
  if (res.status === 401 || res.status === 403) return { ok: false, kind: 'refused', status: res.status, url, message: `Das Depot verweigert die Annahme (HTTP ${res.status}): Token ungültig oder ohne Schreibrecht.${detail}` };
  if (res.status === 409) return { ok: false, kind: 'conflict', status: res.status, url, message: `HTTP 409: ${pkg.packageId} ${pkg.version} liegt im Depot schon, mit anderem Inhalt. Bitte eine neue Version vergeben.${detail}` };
  return { ok: false, kind: 'http', status: res.status, url, message: `Das Depot antwortet mit HTTP ${res.status} ${res.statusText}.${detail}` };
}
