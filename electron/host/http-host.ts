import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../dispatch/dispatch.js';
import type { EventBus } from '../app/event-bus.js';

export interface HttpHostOptions {
  dispatch: Dispatch;
  events: EventBus;
  /** The built renderer (renderer/dist). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Random secret; every API call must carry it in the x-pos-token header. */
  token: string;
}

export interface HttpHost {
  port: number;
  /** The address to open, token included (in the hash, so it never reaches a server log). */
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `application/json`, optionally with parameters (`; charset=utf-8`), and nothing else. */
export function isJsonContentType(header: string | undefined): boolean {
  return (header ?? '').split(';', 1)[0]!.trim().toLowerCase() === 'application/json';
}

/** A path's percent-encoding decoded, or null when it is broken (`/%`, `/%E0`): the client's error, not ours. */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Browser mode: the same contract as Electron IPC, over loopback HTTP. Only 127.0.0.1 listens;
 * the Host and Origin checks stop DNS-rebinding and cross-site pages, and the token stops other
 * local users' programs. The custom token header also forces a CORS preflight we never answer.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  let port = options.port;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const streams = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 421, 'wrong host');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return send(res, 403, 'cross-origin request refused');
    // Origin-form only ("/path"): "//host/x" would otherwise parse as another host's address.
    if (!(req.url ?? '').startsWith('/')) return send(res, 400, 'bad request path');
    let url: URL;
    try {
      url = new URL(`http://127.0.0.1${req.url}`);
    } catch {
      return send(res, 400, 'bad request path');
    }

    if (url.pathname.startsWith('/api/')) {
      const events = req.method === 'GET' && url.pathname === '/api/events';
      // The header only: a token in a URL ends up in history and logs. EventSource cannot set
      // headers, so the event stream (which only reads) alone also takes it as ?token=.
      const header = req.headers['x-pos-token'];
      const token = typeof header === 'string' ? header : events ? (url.searchParams.get('token') ?? '') : '';
      if (!sameSecret(token, options.token)) return send(res, 401, 'missing or wrong token');
      if (req.method === 'POST' && url.pathname.startsWith('/api/invoke/')) return invoke(req, res, url);
      if (events) return stream(req, res);
      // The page asks this once on load, so an out-of-date link is told at once.
      if (req.method === 'GET' && url.pathname === '/api/session') return send(res, 204, '');
      return send(res, 404, 'not found');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    return serveStatic(res, url.pathname);
  }

  async function invoke(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!isJsonContentType(req.headers['content-type'])) return send(res, 415, 'JSON only');
    const channel = decodePath(url.pathname.slice('/api/invoke/'.length));
    if (channel === null) return send(res, 400, 'bad percent-encoding in the path');
    const body = await readBody(req);
    if (body === null) return send(res, 413, 'request too large');
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return send(res, 400, JSON.stringify({ ok: false, error: { code: 'invalid_input', message: 'body is not JSON' } }), TYPES['.json']);
    }
    const wire = await options.dispatch(channel, input);
    send(res, 200, JSON.stringify(wire), TYPES['.json']);
  }

  function stream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = options.events.subscribe((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const decoded = decodePath(pathname === '/' ? '/index.html' : pathname);
    if (decoded === null) return send(res, 400, 'bad percent-encoding in the path');
    const relative = normalize(decoded).replace(/^([/\\])+/, '');
    const file = join(options.staticDir, relative);
    if (!file.startsWith(options.staticDir + sep)) return send(res, 404, 'not found');
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      return send(res, 404, 'not found');
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
    res.end(content);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/#token=${options.token}`,
    async close() {
      for (const res of streams) res.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A browser keeps idle keep-alive connections open; they must not hold up a shutdown.
      server.closeAllConnections();
      await closed;
    },
  };
}
