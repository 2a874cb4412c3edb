import { EscPosPrinter, type ChunkResult, type PrintResult, type PrinterStatus } from '../../../native/printer/escpos-printer.js';
import { memoryLinkPair, type ByteLink } from '../../../native/link/link.js';
import { openSerialLink } from '../../../native/link/serial.js';
import { PrinterSimulator } from '../../../native/printer/simulator.js';
import { startTcpPrinterSimulator, type TcpPrinterSimulator } from '../../../native/printer/tcp-simulator.js';
import { DEFAULT_PROFILE_ID, PRINTER_PROFILES, type PrinterProfile } from '../../../native/printer/profiles.js';
import { readPbmFile, type MonoBitmap } from '../../../native/printer/pbm.js';
import type { DecodedDocument } from '../../../native/printer/escpos-decode.js';
import { openTcpLink } from '../../../native/link/tcp.js';
import { hasSocat, openPtyPair, type PtyPair } from '../../../native/link/pty-pair.js';
import type { PrinterConnection } from '../connection.js';
import type { PrinterPort } from './port.js';

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
  config: PrinterConnection,
  onSimulatedDocument: (doc: DecodedDocument) => void = () => undefined,
): Promise<PrinterSetup> {
  if (config.kind === 'none') {
    return { port: null, profile: printerProfile(undefined), simulator: null, close: async () => undefined };
  }
  const profile = printerProfile(config.profileId);
  if (config.transport === 'serial') {
    const { path } = config;
    const port = new ReconnectingPrinter(`${profile.name} @ ${path}`, () =>
      openSerialLink({
        path,
        baudRate: config.baudRate,
        ...(config.parity ? { parity: config.parity } : {}),
        ...(config.flowControl ? { flowControl: config.flowControl } : {}),
      }),
    );
    return { port, profile, simulator: null, close: () => port.close() };
  }
  if (config.transport === 'tcp') {
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
