import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('node:net');
  vi.resetModules();
});

/** A socket that never connects (a printer address nobody answers on). */
class SilentSocket extends EventEmitter {
  destroyed = false;
  destroy(): void {
    this.destroyed = true;
  }
}

describe('openTcpLink', () => {
  it('gives up after the connect timeout with the address in the message, and drops the socket', async () => {
    const socket = new SilentSocket();
    vi.doMock('node:net', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:net')>()), createConnection: () => socket }));
    const { openTcpLink } = await import('../../../native/link/tcp.js');
    const started = Date.now();
    await expect(openTcpLink({ host: '192.0.2.10', connectTimeoutMs: 80 })).rejects.toThrow(
      'Cannot connect to the printer at 192.0.2.10:9100: no answer within 80 ms',
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(socket.destroyed).toBe(true);
  });

  it('reports a DNS or network error as such', async () => {
    const socket = new SilentSocket();
    vi.doMock('node:net', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:net')>()), createConnection: () => socket }));
    const { openTcpLink } = await import('../../../native/link/tcp.js');
    const pending = openTcpLink({ host: 'printer.invalid', port: 9100 });
    socket.emit('error', Object.assign(new Error('getaddrinfo ENOTFOUND printer.invalid'), { code: 'ENOTFOUND' }));
    await expect(pending).rejects.toThrow('Cannot connect to the printer at printer.invalid:9100: getaddrinfo ENOTFOUND printer.invalid');
  });
});
