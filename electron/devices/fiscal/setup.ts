/**
 * The fiscal printer (Poland) of a connection (see connection.ts):
 *   none                                  no fiscal printer
 *   posnet:sim                            the POSNET simulator, over a socat PTY pair when socat is
 *                                         installed (real serial I/O), else in memory;
 *                                         posnet:sim?link=memory forces memory
 *   posnet:serial:/dev/ttyS1?baud=9600    a POSNET printer on a serial port (COM3 on Windows)
 */
import { memoryLinkPair, type ByteLink } from '../../../native/link/link.js';
import { openSerialLink } from '../../../native/link/serial.js';
import { PosnetFiscalDevice, type FiscalDevice, type PosnetDeviceOptions } from '../../../native/posnet/driver.js';
import { PosnetSimulator, type PosnetSimulatorOptions } from '../../../native/posnet/simulator.js';
import { hasSocat, openPtyPair, type PtyPair } from '../../../native/link/pty-pair.js';
import { parseConnection, type FiscalConnection } from '../connection.js';

export interface FiscalSetupConfig {
  connection: FiscalConnection | string;
  device?: PosnetDeviceOptions;
  simulator?: PosnetSimulatorOptions;
}

export interface FiscalSetup {
  device: FiscalDevice | null;
  /** Present when the printer is simulated: its receipts and counters, for a person or a test. */
  simulator: PosnetSimulator | null;
  close(): Promise<void>;
}

/** Accepts the setting's text, a parsed connection, or a connection with driver/simulator options. */
export async function setupFiscal(config: FiscalSetupConfig | FiscalConnection | string): Promise<FiscalSetup> {
  const full: FiscalSetupConfig = typeof config === 'string' || !('connection' in config) ? { connection: config } : config;
  const connection: FiscalConnection =
    typeof full.connection === 'string' ? (full.connection.trim() === '' ? { kind: 'none' } : parseConnection('fiscal', full.connection)) : full.connection;
  if (connection.kind === 'none') return { device: null, simulator: null, close: async () => undefined };
  if (connection.transport === 'serial') {
    const device = new PosnetFiscalDevice(`POSNET @ ${connection.path}`, () => openSerialLink({ path: connection.path, baudRate: connection.baudRate }), full.device);
    return { device, simulator: null, close: () => device.close() };
  }
  let pty: PtyPair | null = null;
  let simulatorLink: ByteLink;
  let device: PosnetFiscalDevice;
  // The simulator speaks over a PTY pair where socat exists (real serial I/O), else in memory.
  if ((connection.link ?? (hasSocat() ? 'pty' : 'memory')) !== 'memory') {
    pty = await openPtyPair();
    simulatorLink = await openSerialLink({ path: pty.b });
    const path = pty.a;
    device = new PosnetFiscalDevice(`POSNET (simulated) @ ${path}`, () => openSerialLink({ path }), full.device);
  } else {
    const [host, end] = memoryLinkPair();
    simulatorLink = end;
    device = new PosnetFiscalDevice('POSNET (simulated, in memory)', async () => host, full.device, false);
  }
  const simulator = new PosnetSimulator(simulatorLink, full.simulator);
  return {
    device,
    simulator,
    async close() {
      await device.close();
      await simulator.close();
      await pty?.close();
    },
  };
}
