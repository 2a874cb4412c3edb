/**
 * The fiscal printer from the `fiscalConnection` setting (Poland):
 *   '' or 'none'                          no fiscal printer
 *   'posnet:sim'                          the POSNET simulator, over a socat PTY pair when socat is
 *                                         installed (real serial I/O), else in memory;
 *                                         'posnet:sim?link=memory' forces memory
 *   'posnet:serial:/dev/ttyS1?baud=9600'  a POSNET printer on a serial port (COM3 on Windows)
 */
import { memoryLinkPair, type ByteLink } from '../../native/printer/link.js';
import { openSerialLink } from '../../native/printer/serial-link.js';
import { PosnetFiscalDevice, type FiscalDevice, type PosnetDeviceOptions } from '../../native/posnet/driver.js';
import { PosnetSimulator, type PosnetSimulatorOptions } from '../../native/posnet/simulator.js';
import { hasSocat, openPtyPair, type PtyPair } from '../../native/serial/pty-pair.js';

export type FiscalConnection = { kind: 'none' } | { kind: 'simulator'; link?: 'pty' | 'memory' } | { kind: 'serial'; path: string; baudRate: number };

const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

/** Parses the setting; throws an Error that says what is wrong and what would be right. */
export function parseFiscalConnection(text: string): FiscalConnection {
  const value = text.trim();
  if (value === '' || value === 'none') return { kind: 'none' };
  const m = /^([a-z]+):(.*)$/i.exec(value);
  if (!m) throw new Error(`Fiscal connection "${value}" is not understood: use "none", "posnet:sim" or "posnet:serial:/dev/ttyS1?baud=9600"`);
  const protocol = (m[1] ?? '').toLowerCase();
  if (protocol !== 'posnet') throw new Error(`Fiscal protocol "${protocol}" is not supported; supported: posnet`);
  const rest = m[2] ?? '';
  const [target = '', query] = rest.split('?', 2) as [string, string | undefined];
  const options = new URLSearchParams(query ?? '');
  if (target === 'sim') {
    const link = options.get('link');
    for (const key of options.keys()) if (key !== 'link') throw new Error(`Unknown option "${key}" in fiscal connection "${value}"`);
    if (link === null) return { kind: 'simulator' };
    if (link !== 'pty' && link !== 'memory') throw new Error(`Fiscal simulator link must be "pty" or "memory", not "${link}"`);
    return { kind: 'simulator', link };
  }
  if (target.startsWith('serial:')) {
    const path = target.slice('serial:'.length);
    if (path === '') throw new Error(`Fiscal connection "${value}" names no serial port: e.g. posnet:serial:/dev/ttyS1?baud=9600 or posnet:serial:COM3`);
    for (const key of options.keys()) if (key !== 'baud') throw new Error(`Unknown option "${key}" in fiscal connection "${value}" (only baud)`);
    const baudText = options.get('baud');
    const baudRate = baudText === null ? 9600 : Number(baudText);
    if (!BAUD_RATES.includes(baudRate)) throw new Error(`Baud rate "${baudText}" is not supported; use one of ${BAUD_RATES.join(', ')}`);
    return { kind: 'serial', path, baudRate };
  }
  throw new Error(`Fiscal connection "${value}": after "posnet:" write "sim" or "serial:<port>"`);
}

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
  const connection: FiscalConnection = typeof full.connection === 'string' ? parseFiscalConnection(full.connection) : full.connection;
  if (connection.kind === 'none') return { device: null, simulator: null, close: async () => undefined };
  if (connection.kind === 'serial') {
    const device = new PosnetFiscalDevice(`POSNET @ ${connection.path}`, () => openSerialLink({ path: connection.path, baudRate: connection.baudRate }), full.device);
    return { device, simulator: null, close: () => device.close() };
  }
  let pty: PtyPair | null = null;
  let simulatorLink: ByteLink;
  let device: PosnetFiscalDevice;
  if ((connection.link ?? (hasSocat() ? 'pty' : 'memory')) === 'pty') {
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
