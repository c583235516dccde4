/**
 * A small rule depot for tests, on 127.0.0.1 and a free port: PUT /depot/<package>/<version> with the
 * token header stores the ZIP (201), the same bytes again are accepted (200), other bytes for a stored
 * version are a conflict (409), a wrong token is refused (401). /slow/… never answers (timeouts).
 * Answers CORS preflights, so the browser app (another origin) can push to it.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DepotRequest {
  method: string;
  url: string;
  token?: string;
  sha256Header?: string;
  bytes: number;
}

export interface TestDepot {
  url: string;
  origin: string;
  requests: DepotRequest[];
  stored: Map<string, Buffer>;
  close(): Promise<void>;
}

/** Starts the depot; `token` is the one it accepts. */
export async function startTestDepot(token = 'geheim', tokenHeader = 'x-depot-token'): Promise<TestDepot> {
  const requests: DepotRequest[] = [];
  const stored = new Map<string, Buffer>();
  const pending = new Set<ServerResponse>();
  const cors = (res: ServerResponse) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'PUT, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', `content-type, ${tokenHeader}, x-content-sha256`);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = req.url ?? '/';
      requests.push({ method: req.method ?? '', url, token: req.headers[tokenHeader] as string | undefined, sha256Header: req.headers['x-content-sha256'] as string | undefined, bytes: body.length });
      cors(res);
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      if (url.startsWith('/slow/')) {
        pending.add(res);
        return;
      }
      if (req.method !== 'PUT' || !url.startsWith('/depot/')) return void res.writeHead(404).end('nicht gefunden');
      if (req.headers[tokenHeader] !== token) return void res.writeHead(401).end('Token ungültig');
      const key = url.slice('/depot/'.length);
      const sha = createHash('sha256').update(body).digest('hex');
      if (req.headers['x-content-sha256'] && req.headers['x-content-sha256'] !== sha) return void res.writeHead(400).end('Prüfsumme passt nicht zum Inhalt');
      const had = stored.get(key);
      if (had && !had.equals(body)) return void res.writeHead(409).end(`Version ${key} ist schon vorhanden`);
      stored.set(key, body);
      res.writeHead(had ? 200 : 201).end(had ? 'unverändert' : 'angelegt');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/depot`,
    origin,
    requests,
    stored,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of pending) r.destroy();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
