import { EscPosPrinter, type ChunkResult, type PrintResult, type PrinterStatus } from '../../native/printer/escpos-printer.js';
import { memoryLinkPair, type ByteLink } from '../../native/printer/link.js';
import { openSerialLink, type SerialFlowControl, type SerialParity } from '../../native/printer/serial-link.js';
import { PrinterSimulator } from '../../native/printer/simulator.js';
import { startTcpPrinterSimulator, type TcpPrinterSimulator } from '../../native/printer/tcp-simulator.js';
import { DEFAULT_PROFILE_ID, PRINTER_PROFILES, type PrinterProfile } from '../../native/printer/profiles.js';
import { readPbmFile, type MonoBitmap } from '../../native/printer/pbm.js';
import type { DecodedDocument } from '../../native/printer/escpos-decode.js';
import { DEFAULT_TCP_PORT, openTcpLink } from '../../native/net/tcp-link.js';
import { hasSocat, openPtyPair, type PtyPair } from '../../native/serial/pty-pair.js';
import type { PrinterPort } from './printer-port.js';

export type PrinterConfig =
  /** `link`: 'pty' (real serial I/O over socat, the default where socat exists), 'memory', or 'tcp' (loopback). */
  | { kind: 'simulator'; profileId?: string; link?: 'pty' | 'memory' | 'tcp' }
  | { kind: 'serial'; path: string; baudRate?: number; parity?: SerialParity; flowControl?: SerialFlowControl; profileId?: string }
  /** A network printer (raw TCP, usually port 9100). */
  | { kind: 'tcp'; host: string; port: number; profileId?: string }
  | { kind: 'none' };

export interface PrinterSetup {
  port: PrinterPort | null;
  profile: PrinterProfile;
  /** Present when the printer is simulated: what it printed, for a person or a test to read. */
  simulator: PrinterSimulator | null;
  close(): Promise<void>;
}

export function printerProfile(id: string | undefined): PrinterProfile {
  const profile = PRINTER_PROFILES[id ?? DEFAULT_PROFILE_ID];
  if (!profile) throw new Error(`unknown printer profile "${id}"; known: ${Object.keys(PRINTER_PROFILES).join(', ')}`);
  return profile;
}

const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400];
const PARITIES: readonly SerialParity[] = ['none', 'even', 'odd'];
const FLOWS: readonly SerialFlowControl[] = ['none', 'rtscts', 'xonxoff'];
const EXAMPLES = "use 'sim', 'none', 'escpos:serial:/dev/ttyUSB0?baud=19200&parity=none&flow=none&profile=epson-wpc1257' or 'escpos:tcp:192.168.1.50:9100?profile=epson-wpc1257'";

function parseQuery(query: string, allowed: readonly string[], what: string): Map<string, string> {
  const out = new Map<string, string>();
  if (query === '') return out;
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const value = decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1)).trim();
    if (!allowed.includes(key)) throw new Error(`printer connection: unknown option "${key}" for ${what}; allowed: ${allowed.join(', ')}`);
    if (value === '') throw new Error(`printer connection: option "${key}" needs a value`);
    if (out.has(key)) throw new Error(`printer connection: option "${key}" is given twice`);
    out.set(key, value);
  }
  return out;
}

function profileOption(options: Map<string, string>): { profileId?: string } {
  const id = options.get('profile');
  if (id === undefined) return {};
  if (!Object.hasOwn(PRINTER_PROFILES, id)) {
    throw new Error(`printer connection: unknown printer profile "${id}"; known: ${Object.keys(PRINTER_PROFILES).join(', ')}`);
  }
  return { profileId: id };
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * The printer connection string of the settings screen (and POS_PRINTER) as a config:
 *   `sim` / `simulator` [`?profile=…`], `none`,
 *   `escpos:serial:/dev/ttyUSB0?baud=19200&parity=none&flow=none&profile=epson-wpc1257` (also COM3),
 *   `escpos:tcp:192.168.1.50:9100?profile=…` (port 9100 when left out; IPv6 as [addr]:port).
 * Throws an Error that says what is wrong and what would be right.
 */
export function parsePrinterConnection(text: string): PrinterConfig {
  const raw = text.trim();
  if (raw === '') throw new Error(`printer connection is empty; ${EXAMPLES}`);
  const q = raw.indexOf('?');
  const head = q < 0 ? raw : raw.slice(0, q);
  const query = q < 0 ? '' : raw.slice(q + 1);
  const lower = head.toLowerCase();

  if (lower === 'none') {
    if (query) throw new Error('printer connection: "none" takes no options');
    return { kind: 'none' };
  }
  if (lower === 'sim' || lower === 'simulator') {
    return { kind: 'simulator', ...profileOption(parseQuery(query, ['profile'], 'the simulator')) };
  }
  if (lower.startsWith('escpos:serial:')) {
    const path = head.slice('escpos:serial:'.length).trim();
    if (path === '') throw new Error(`printer connection: serial port path is missing; ${EXAMPLES}`);
    const options = parseQuery(query, ['baud', 'parity', 'flow', 'profile'], 'a serial printer');
    const config: Extract<PrinterConfig, { kind: 'serial' }> = { kind: 'serial', path, ...profileOption(options) };
    const baud = options.get('baud');
    if (baud !== undefined) {
      const n = Number(baud);
      if (!/^\d+$/.test(baud) || !BAUD_RATES.includes(n)) throw new Error(`printer connection: baud "${baud}" is not one of ${BAUD_RATES.join(', ')}`);
      config.baudRate = n;
    }
    const parity = options.get('parity')?.toLowerCase();
    if (parity !== undefined) {
      if (!(PARITIES as readonly string[]).includes(parity)) throw new Error(`printer connection: parity "${parity}" must be one of ${PARITIES.join(', ')}`);
      config.parity = parity as SerialParity;
    }
    const flow = options.get('flow')?.toLowerCase();
    if (flow !== undefined) {
      if (!(FLOWS as readonly string[]).includes(flow)) throw new Error(`printer connection: flow "${flow}" must be one of ${FLOWS.join(', ')}`);
      config.flowControl = flow as SerialFlowControl;
    }
    return config;
  }
  if (lower.startsWith('escpos:tcp:')) {
    const address = head.slice('escpos:tcp:'.length).trim();
    const options = parseQuery(query, ['profile'], 'a network printer');
    let host: string;
    let portText: string | undefined;
    const v6 = /^\[([0-9A-Fa-f:.]+)\](?::(.*))?$/.exec(address);
    if (v6) {
      host = v6[1]!;
      portText = v6[2];
    } else {
      const parts = address.split(':');
      if (parts.length > 2) throw new Error(`printer connection: write an IPv6 address in brackets, e.g. escpos:tcp:[fe80::1]:9100`);
      host = parts[0] ?? '';
      portText = parts[1];
    }
    if (host === '') throw new Error(`printer connection: printer address is missing; ${EXAMPLES}`);
    if (!v6 && !HOST.test(host)) throw new Error(`printer connection: "${host}" is not a host name or IP address`);
    let port = DEFAULT_TCP_PORT;
    if (portText !== undefined) {
      port = Number(portText);
      if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw new Error(`printer connection: port "${portText}" must be 1..65535`);
    }
    return { kind: 'tcp', host, port, ...profileOption(options) };
  }
  throw new Error(`printer connection "${raw.length > 60 ? `${raw.slice(0, 60)}…` : raw}" is not understood; ${EXAMPLES}`);
}

/** The connection string for a config (the inverse of `parsePrinterConnection`). */
export function formatPrinterConnection(config: PrinterConfig): string {
  const profile = (id: string | undefined): string[] => (id ? [`profile=${id}`] : []);
  const withQuery = (head: string, params: string[]): string => (params.length ? `${head}?${params.join('&')}` : head);
  switch (config.kind) {
    case 'none':
      return 'none';
    case 'simulator':
      return withQuery('sim', profile(config.profileId));
    case 'serial':
      return withQuery(`escpos:serial:${config.path}`, [
        ...(config.baudRate ? [`baud=${config.baudRate}`] : []),
        ...(config.parity ? [`parity=${config.parity}`] : []),
        ...(config.flowControl ? [`flow=${config.flowControl}`] : []),
        ...profile(config.profileId),
      ]);
    case 'tcp':
      return withQuery(`escpos:tcp:${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`, profile(config.profileId));
  }
}

/**
 * The shop logo for receipts (assets/logo.pbm), or null with the reason when it cannot be used:
 * a missing or broken logo must never stop a receipt from printing.
 */
export function loadReceiptLogo(file: string): { logo: MonoBitmap | null; error?: string } {
  try {
    return { logo: readPbmFile(file) };
  } catch (err) {
    return { logo: null, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * A printer on a link that may come and go (unplugged cable, USB adapter re-enumerated, printer
 * switched off or the network gone): the link is opened when needed and reopened after the
 * device stops answering, so the till never has to restart to get its printer back.
 */
class ReconnectingPrinter implements PrinterPort {
  private link: ByteLink | null = null;
  private driver: EscPosPrinter | null = null;

  constructor(
    readonly name: string,
    private readonly open: () => Promise<ByteLink>,
    /** False for an in-memory link: there is no port to reopen, closing it would lose the printer. */
    private readonly reopenable = true,
  ) {}

  private async connect(): Promise<EscPosPrinter | string> {
    if (this.driver) return this.driver;
    try {
      this.link = await this.open();
      this.driver = new EscPosPrinter(this.link);
      return this.driver;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  private async reset(force = false): Promise<void> {
    if (!this.reopenable && !force) return;
    const link = this.link;
    this.link = null;
    this.driver = null;
    await link?.close().catch(() => undefined);
  }

  async status(): Promise<PrinterStatus> {
    const driver = await this.connect();
    if (typeof driver === 'string') return { condition: 'unavailable', paperNearEnd: false, detail: driver };
    const status = await driver.status();
    if (status.condition === 'unavailable') await this.reset();
    return status;
  }

  async print(bytes: Uint8Array): Promise<PrintResult> {
    const driver = await this.connect();
    if (typeof driver === 'string') return { ok: false, condition: 'unavailable', message: driver };
    const result = await driver.print(bytes);
    if (!result.ok && result.condition === 'unavailable') await this.reset();
    return result;
  }

  async printChunk(bytes: Uint8Array): Promise<ChunkResult> {
    const driver = await this.connect();
    if (typeof driver === 'string') return { ok: false, condition: 'unavailable', message: driver };
    const result = await driver.printChunk(bytes);
    if (!result.ok && result.condition === 'unavailable') await this.reset();
    return result;
  }

  async close(): Promise<void> {
    await this.reset(true);
  }
}

export async function setupPrinter(
  config: PrinterConfig,
  onSimulatedDocument: (doc: DecodedDocument) => void = () => undefined,
): Promise<PrinterSetup> {
  if (config.kind === 'none') {
    return { port: null, profile: printerProfile(undefined), simulator: null, close: async () => undefined };
  }
  const profile = printerProfile(config.profileId);
  if (config.kind === 'serial') {
    const { path } = config;
    const port = new ReconnectingPrinter(`${profile.name} @ ${path}`, () =>
      openSerialLink({
        path,
        baudRate: config.baudRate ?? 9600,
        ...(config.parity ? { parity: config.parity } : {}),
        ...(config.flowControl ? { flowControl: config.flowControl } : {}),
      }),
    );
    return { port, profile, simulator: null, close: () => port.close() };
  }
  if (config.kind === 'tcp') {
    const { host, port: tcpPort } = config;
    const where = host.includes(':') ? `[${host}]:${tcpPort}` : `${host}:${tcpPort}`;
    const port = new ReconnectingPrinter(`${profile.name} @ tcp ${where}`, () => openTcpLink({ host, port: tcpPort }));
    return { port, profile, simulator: null, close: () => port.close() };
  }
  // Simulated: over a socat PTY pair when socat is there (real serial I/O end to end), else in
  // memory; or behind a loopback TCP listener like a network printer.
  let pty: PtyPair | null = null;
  let tcp: TcpPrinterSimulator | null = null;
  let simulator: PrinterSimulator;
  let port: PrinterPort;
  const link = config.link ?? (hasSocat() ? 'pty' : 'memory');
  if (link === 'tcp') {
    const server = await startTcpPrinterSimulator({ profile });
    tcp = server;
    simulator = server.simulator;
    port = new ReconnectingPrinter(`${profile.name} (simulated) @ tcp ${server.host}:${server.port}`, () => openTcpLink({ host: server.host, port: server.port }));
  } else if (link === 'pty') {
    pty = await openPtyPair();
    simulator = new PrinterSimulator(await openSerialLink({ path: pty.b }), { profile });
    const path = pty.a;
    port = new ReconnectingPrinter(`${profile.name} (simulated) @ ${path}`, () => openSerialLink({ path }));
  } else {
    const [host, device] = memoryLinkPair();
    simulator = new PrinterSimulator(device, { profile });
    port = new ReconnectingPrinter(`${profile.name} (simulated, in memory)`, async () => host, false);
  }
  simulator.onDocument(onSimulatedDocument);
  return {
    port,
    profile,
    simulator,
    async close() {
      await port.close();
      await simulator.close();
      await tcp?.close();
      await pty?.close();
    },
  };
}
