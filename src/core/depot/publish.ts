/**
 * Publishing a package to a rule depot over HTTP: PUT of the ZIP to the configured address with the
 * token in a header. The only network access of Regelwerk, and only when the user asks for it.
 * Errors come back as a kind (refused, conflict, timeout, network, http, config) with a message in the
 * core's message language.
 */
import { m } from '../i18n.ts';

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
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(m(`Protokoll ${u.protocol} wird nicht unterstützt`, `protocol ${u.protocol} is not supported`));
  } catch (e) {
    const why = (e as Error).message;
    return { ok: false, kind: 'config', url: target.url, message: m(`Depot-Adresse "${target.url}" ist ungültig: ${why}.`, `Depot address "${target.url}" is invalid: ${why}.`) };
  }
  const header = (target.tokenHeader ?? DEFAULT_TOKEN_HEADER).trim();
  if (!HEADER_NAME.test(header)) return { ok: false, kind: 'config', url, message: m(`"${header}" ist kein gültiger HTTP-Headername.`, `"${header}" is not a valid HTTP header name.`) };
  if (!target.token) return { ok: false, kind: 'config', url, message: m('Kein Token angegeben.', 'No token given.') };
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
    const s = Math.round(timeoutMs / 1000);
    if (timedOut) return { ok: false, kind: 'timeout', url, message: m(`Das Depot hat nicht innerhalb von ${s} s geantwortet (${url}).`, `The depot did not answer within ${s} s (${url}).`) };
    const why = (e as Error).message;
    return {
      ok: false,
      kind: 'network',
      url,
      message: m(
        `Das Depot ist nicht erreichbar (${url}): ${why}. Adresse, Netz und CORS-Freigabe des Depots prüfen.`,
        `The depot cannot be reached (${url}): ${why}. Check the address, the network and the depot's CORS settings.`,
      ),
    };
  }
  let body = '';
  try {
    body = (await res.text()).trim().slice(0, 300);
  } catch {
    /* a body that can't be read doesn't change the verdict */
  } finally {
    clearTimeout(timer);
  }
  const detail = body ? m(` Antwort: ${body}`, ` Response: ${body}`) : '';
  const { packageId: id, version } = pkg;
  const status = res.status;
  if (res.ok) return { ok: true, status, url, message: m(`Veröffentlicht: ${id} ${version} (HTTP ${status}).`, `Published: ${id} ${version} (HTTP ${status}).`) };
  if (status === 401 || status === 403) {
    const message = m(
      `Das Depot verweigert die Annahme (HTTP ${status}): Token ungültig oder ohne Schreibrecht.${detail}`,
      `The depot refuses the package (HTTP ${status}): the token is invalid or has no write permission.${detail}`,
    );
    return { ok: false, kind: 'refused', status, url, message };
  }
  if (status === 409) {
    const message = m(
      `HTTP 409: ${id} ${version} liegt im Depot schon, mit anderem Inhalt. Bitte eine neue Version vergeben.${detail}`,
      `HTTP 409: the depot already holds ${id} ${version} with different content. Please choose a new version.${detail}`,
    );
    return { ok: false, kind: 'conflict', status, url, message };
  }
  return { ok: false, kind: 'http', status, url, message: m(`Das Depot antwortet mit HTTP ${status} ${res.statusText}.${detail}`, `The depot answers with HTTP ${status} ${res.statusText}.${detail}`) };
}
