/**
 * A TCP listener that hands each accepted connection over as a ByteLink: the device side of a
 * network printer for the simulator and tests (127.0.0.1, port 0 = any free port).
 */
import { createServer, type Socket } from 'node:net';
import type { ByteLink } from './link.js';
import { socketLink } from './tcp.js';

export interface TcpListener {
  host: string;
  /** The port actually bound (useful with port 0). */
  port: number;
  /** Stops listening and drops every open connection. */
  close(): Promise<void>;
}

/** `onLink` gets each connection and a promise that settles when the peer has gone. */
export function listenTcp(opts: { host?: string; port?: number }, onLink: (link: ByteLink, closed: Promise<void>) => void): Promise<TcpListener> {
  const host = opts.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    void closed.then(() => sockets.delete(socket));
    onLink(socketLink(socket, `tcp-peer:${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`), closed);
  });
  return new Promise<TcpListener>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
      resolve({
        host,
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            sockets.clear();
            server.close(() => done());
          }),
      });
    });
  });
}
