/**
 * ByteLink over TCP: network receipt printers listen on port 9100 ("raw" / JetDirect) and speak
 * ESC/POS both ways on the socket, DLE EOT replies included.
 *
 * The link is one connection. When the printer closes it or the network drops it, writes reject
 * and the owner (the printer port in electron/devices) opens a new link on next use, the same
 * way a serial printer is reopened after it was unplugged.
 */
import { Socket, createConnection } from 'node:net';
import type { ByteLink } from './link.js';

export interface TcpLinkOptions {
  host: string;
  /** Default 9100. */
  port?: number;
  /** Give up connecting after this long (default 3000 ms): an absent printer must not stall the till. */
  connectTimeoutMs?: number;
  /** TCP keep-alive probe delay (default 10 s), so a printer that vanished is noticed while idle. */
  keepAliveMs?: number;
}

export const DEFAULT_TCP_PORT = 9100;

/** Connects to host:port; rejects with a readable message on refusal, timeout or bad address. */
export function openTcpLink(opts: TcpLinkOptions): Promise<ByteLink> {
  const port = opts.port ?? DEFAULT_TCP_PORT;
  const timeoutMs = opts.connectTimeoutMs ?? 3000;
  const where = `${opts.host}:${port}`;
  return new Promise<ByteLink>((resolve, reject) => {
    let settled = false;
    const socket = createConnection({ host: opts.host, port });
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      reject(new Error(`Cannot connect to the printer at ${where}: ${message}`));
    };
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
    socket.once('error', (err: NodeJS.ErrnoException) => fail(err.code === 'ECONNREFUSED' ? 'connection refused (is it on, and is the port right?)' : err.message));
    socket.once('connect', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.setKeepAlive(true, opts.keepAliveMs ?? 10_000);
      resolve(socketLink(socket, `tcp:${where}`));
    });
  });
}

/**
 * Wraps a connected socket (client or server side) as a ByteLink. One permanent reader fans out
 * to listeners; bytes arriving while nobody listens are dropped (a late reply must not be taken
 * for the answer to the next query).
 */
export function socketLink(socket: Socket, description: string): ByteLink {
  const listeners = new Set<(chunk: Uint8Array) => void>();
  let broken: string | null = null;
  // Small writes (a 3-byte status query) go out at once instead of waiting for Nagle.
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (const listener of [...listeners]) listener(bytes);
  });
  // Without an 'error' listener a reset connection would crash the process; writes report it.
  socket.on('error', (err) => {
    broken ??= err.message;
  });
  socket.on('close', () => {
    broken ??= 'connection closed';
  });
  socket.on('end', () => {
    broken ??= 'closed by the printer';
    socket.end();
  });

  return {
    description,
    write(data: Uint8Array): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        if (broken !== null || socket.destroyed) {
          reject(new Error(`${description}: ${broken ?? 'connection closed'}`));
          return;
        }
        socket.write(Buffer.from(data), (err) => (err ? reject(new Error(`Write to ${description} failed: ${err.message}`)) : resolve()));
      });
    },
    onData(listener: (chunk: Uint8Array) => void): () => void {
      const wrapped = (chunk: Uint8Array): void => listener(chunk);
      listeners.add(wrapped);
      return () => {
        listeners.delete(wrapped);
      };
    },
    close(): Promise<void> {
      listeners.clear();
      broken ??= 'closed';
      return new Promise<void>((resolve) => {
        if (socket.destroyed) {
          resolve();
          return;
        }
        socket.once('close', () => resolve());
        socket.end();
        // A peer that never finishes the close handshake must not hold the till up.
        setTimeout(() => socket.destroy(), 500).unref();
      });
    },
  };
}
