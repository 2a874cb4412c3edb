/**
 * A simulated network printer: PrinterSimulator behind a TCP listener, so the till's TCP link is
 * tested end to end (connect, status queries, reconnect) without hardware.
 */
import { listenTcp } from '../link/tcp-server.js';
import type { PrinterProfile } from './profiles.js';
import { PrinterSimulator } from './simulator.js';

export interface TcpPrinterSimulator {
  simulator: PrinterSimulator;
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startTcpPrinterSimulator(opts: { host?: string; port?: number; profile?: PrinterProfile } = {}): Promise<TcpPrinterSimulator> {
  const simulator = new PrinterSimulator(null, opts.profile ? { profile: opts.profile } : {});
  const listener = await listenTcp({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 }, (link, closed) => {
    const detach = simulator.attach(link);
    void closed.then(detach);
  });
  return {
    simulator,
    host: listener.host,
    port: listener.port,
    async close() {
      await listener.close();
      await simulator.close();
    },
  };
}
