import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A loopback proxy in front of hledger-web that misbehaves on the next PUTs, one fault per PUT,
 * the way networks and gateways do. "after" faults forward the PUT first: the ledger has committed
 * the entry and the till is told something else (or nothing).
 */
export type ProxyFault =
  | 'pass'
  | '500-before' // answer 500 without forwarding
  | '502-after' // forward, then answer 502
  | '503-retry-after' // answer 503 with Retry-After in seconds, without forwarding
  | '429-retry-date' // answer 429 with Retry-After as an HTTP date, without forwarding
  | 'drop-before' // close the connection without forwarding
  | 'drop-after' // forward, then close the connection without an answer
  | 'garbage-body' // forward, then answer the ledger's status with a garbage body
  | '409-after' // forward, then answer 409
  | '409-before' // answer 409 without forwarding
  | 'delay-after'; // forward, then hold the answer longer than the till waits

export type LedgerProxy = {
  baseUrl: string;
  /** Faults for the next PUTs, in order; GETs always pass. */
  inject: (...faults: ProxyFault[]) => void;
  /** PUTs that reached hledger-web. */
  forwarded: () => number;
  /** PUTs the proxy received. */
  received: () => number;
  close: () => Promise<void>;
};

export async function startLedgerProxy(target: string, holdMs = 3_000): Promise<LedgerProxy> {
  const upstream = new URL(target);
  const faults: ProxyFault[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let forwarded = 0;
  let received = 0;

  const forward = (req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const out = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string' && k !== 'content-length' && k !== 'transfer-encoding') headers[k] = v;
            resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
          });
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const send = (res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer | string): void => {
    res.writeHead(status, headers);
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
    const isPut = req.method === 'PUT';
    if (isPut) received++;
    const fault: ProxyFault = isPut ? (faults.shift() ?? 'pass') : 'pass';
    const pass = async (): Promise<Awaited<ReturnType<typeof forward>>> => {
      const answer = await forward(req, body);
      if (isPut) forwarded++;
      return answer;
    };
    switch (fault) {
      case '500-before':
        return send(res, 500, {}, 'internal error');
      case '503-retry-after':
        return send(res, 503, { 'retry-after': '1' }, 'busy');
      case '429-retry-date':
        return send(res, 429, { 'retry-after': new Date(Date.now() + 1_000).toUTCString() }, 'slow down');
      case '409-before':
        return send(res, 409, {}, 'conflict');
      case 'drop-before':
        req.socket.destroy();
        return;
      case '502-after':
        await pass();
        return send(res, 502, {}, 'bad gateway');
      case 'drop-after':
        await pass();
        req.socket.destroy();
        return;
      case 'garbage-body': {
        const answer = await pass();
        return send(res, answer.status, { 'content-type': 'application/json' }, '\u0000{not json<<');
      }
      case '409-after':
        await pass();
        return send(res, 409, {}, 'already there');
      case 'delay-after': {
        const answer = await pass();
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) send(res, answer.status, answer.headers, answer.body);
        }, holdMs);
        timers.add(timer);
        return;
      }
      case 'pass': {
        const answer = await pass();
        return send(res, answer.status, answer.headers, answer.body);
      }
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((err: unknown) => {
        if (!res.headersSent) send(res, 502, {}, String(err));
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    inject: (...more) => faults.push(...more),
    forwarded: () => forwarded,
    received: () => received,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
