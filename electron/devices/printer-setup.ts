import { EscPosPrinter, type PrintResult, type PrinterStatus } from '../../native/printer/escpos-printer.js';
import { memoryLinkPair, type ByteLink } from '../../native/printer/link.js';
import { openSerialLink } from '../../native/printer/serial-link.js';
import { PrinterSimulator } from '../../native/printer/simulator.js';
import { DEFAULT_PROFILE_ID, PRINTER_PROFILES, type PrinterProfile } from '../../native/printer/profiles.js';
import type { DecodedDocument } from '../../native/printer/escpos-decode.js';
import { hasSocat, openPtyPair, type PtyPair } from '../../native/serial/pty-pair.js';
import type { PrinterPort } from './printer-port.js';

export type PrinterConfig =
  /** `link`: 'pty' (real serial I/O over socat, the default where socat exists) or 'memory'. */
  | { kind: 'simulator'; profileId?: string; link?: 'pty' | 'memory' }
  | { kind: 'serial'; path: string; baudRate?: number; profileId?: string }
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

/**
 * A printer on a serial port that may come and go (unplugged cable, USB adapter re-enumerated):
 * the port is opened when needed and reopened after the device stops answering, so the till
 * never has to restart to get its printer back.
 */
class SerialPrinter implements PrinterPort {
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
    if (typeof driver === 'string') return { condition: 'unavailable', paperNearEnd: false };
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
    const port = new SerialPrinter(`${profile.name} @ ${config.path}`, () =>
      openSerialLink({ path: config.path, baudRate: config.baudRate ?? 9600 }),
    );
    return { port, profile, simulator: null, close: () => port.close() };
  }
  // Simulated: over a socat PTY pair when socat is there (real serial I/O end to end), else in memory.
  let pty: PtyPair | null = null;
  let simulatorLink: ByteLink;
  let port: PrinterPort;
  if ((config.link ?? (hasSocat() ? 'pty' : 'memory')) === 'pty') {
    pty = await openPtyPair();
    simulatorLink = await openSerialLink({ path: pty.b });
    const path = pty.a;
    port = new SerialPrinter(`${profile.name} (simulated) @ ${path}`, () => openSerialLink({ path }));
  } else {
    const [host, device] = memoryLinkPair();
    simulatorLink = device;
    port = new SerialPrinter(`${profile.name} (simulated, in memory)`, async () => host, false);
  }
  const simulator = new PrinterSimulator(simulatorLink, { profile });
  simulator.onDocument(onSimulatedDocument);
  return {
    port,
    profile,
    simulator,
    async close() {
      await port.close();
      await simulator.close();
      await pty?.close();
    },
  };
}
