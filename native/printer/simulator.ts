/**
 * The device side of an ESC/POS printer over any ByteLink: answers DLE EOT like real firmware and
 * "prints" by decoding what it receives. Used by unit tests (memory link), integration tests
 * (PTY pair) and by a person watching a virtual port (simulator-cli.ts).
 */
import { EscPosStreamDecoder, type DecodedDocument } from './escpos-decode.js';
import type { ByteLink } from '../link/link.js';
import { DEFAULT_PROFILE_ID, PRINTER_PROFILES, codeTableMap, type PrinterProfile } from './profiles.js';

export type SimulatedCondition = 'ok' | 'offline' | 'paper_out' | 'cover_open' | 'error';

/** Reply bytes for DLE EOT 1..4 per condition (fixed bits 0x12 plus the meaningful bits). */
const REPLIES: Readonly<Record<SimulatedCondition, readonly [number, number, number, number]>> = {
  ok: [0x12, 0x12, 0x12, 0x12],
  offline: [0x1a, 0x12, 0x12, 0x12], // bit3 offline, no cause given
  paper_out: [0x1a, 0x32, 0x12, 0x7e], // n2 bit5 stopped by paper end; n4 near end + end
  cover_open: [0x1a, 0x16, 0x12, 0x12], // n2 bit2 cover open
  error: [0x1a, 0x52, 0x1a, 0x12], // n2 bit6 error; n3 bit3 autocutter
};
const NEAR_END_BITS = 0x0c;

const DLE = 0x10;
const EOT = 0x04;


/** Per connection: how many bytes of a DLE EOT n have been seen (0, 1 = DLE, 2 = DLE EOT). */
interface Connection {
  link: ByteLink;
  realtime: number;
  unsubscribe: () => void;
}

export class PrinterSimulator {
  private condition: SimulatedCondition = 'ok';
  private silent = false;
  private nearEnd = false;
  private readonly received: number[] = [];
  private readonly printed: DecodedDocument[] = [];
  private readonly listeners = new Set<(doc: DecodedDocument) => void>();
  private readonly decoder: EscPosStreamDecoder;
  private readonly connections = new Set<Connection>();

  /**
   * `link` is the first connection (a serial port, one end of a pair); more can be attached (a
   * network printer takes a new TCP connection after each reconnect). One paper, one state.
   */
  constructor(
    link: ByteLink | null,
    opts: { profile?: PrinterProfile } = {},
  ) {
    const profile = opts.profile ?? PRINTER_PROFILES[DEFAULT_PROFILE_ID];
    if (!profile) throw new Error(`Default printer profile ${DEFAULT_PROFILE_ID} is missing`);
    this.decoder = new EscPosStreamDecoder(codeTableMap(profile));
    if (link) this.attach(link);
  }

  /** Serves one more connection; returns a function that detaches it (without closing it). */
  attach(link: ByteLink): () => void {
    const connection: Connection = { link, realtime: 0, unsubscribe: () => undefined };
    connection.unsubscribe = link.onData((chunk) => this.receive(connection, chunk));
    this.connections.add(connection);
    return () => {
      connection.unsubscribe();
      this.connections.delete(connection);
    };
  }

  /** While not 'ok' the printer answers status queries but drops data, like a printer that is offline. */
  setCondition(condition: SimulatedCondition): void {
    this.condition = condition;
  }

  /** Silent: answers nothing and prints nothing, like an unplugged cable. */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  /** Roll paper near its end: still prints, DLE EOT 4 reports it. */
  setPaperNearEnd(nearEnd: boolean): void {
    this.nearEnd = nearEnd;
  }

  /** Every byte received (also while offline), except DLE EOT status queries. */
  receivedBytes(): Uint8Array {
    return Uint8Array.from(this.received);
  }

  /** Documents printed and cut so far. */
  documents(): DecodedDocument[] {
    return [...this.printed];
  }

  /** How often the drawer was kicked (ESC p / DLE DC4 1) while the printer was ready. */
  drawerKicks(): number {
    return this.decoder.drawerKicks;
  }

  /** What has printed since the last cut (a receipt cut off mid-way), or null. */
  pending(): DecodedDocument | null {
    return this.decoder.peek();
  }

  onDocument(listener: (doc: DecodedDocument) => void): () => void {
    const wrapped = (doc: DecodedDocument): void => listener(doc);
    this.listeners.add(wrapped);
    return () => {
      this.listeners.delete(wrapped);
    };
  }

  async close(): Promise<void> {
    const connections = [...this.connections];
    this.connections.clear();
    this.listeners.clear();
    for (const c of connections) c.unsubscribe();
    await Promise.all(connections.map((c) => c.link.close().catch(() => undefined)));
  }

  private reply(n: number): number | null {
    const replies = REPLIES[this.condition];
    if (n < 1 || n > 4) return null; // firmware ignores other n
    const byte = replies[n - 1]!;
    return n === 4 && this.nearEnd ? byte | NEAR_END_BITS : byte;
  }

  private receive(connection: Connection, chunk: Uint8Array): void {
    if (this.silent) return;
    const data: number[] = [];
    // Real-time commands are recognised on arrival, before the print buffer, even mid-command
    // (that is how the firmware behaves, and why the encoder never emits a stray 10 04).
    for (const b of chunk) {
      if (connection.realtime === 2) {
        connection.realtime = 0;
        const answer = this.reply(b);
        if (answer !== null) void connection.link.write(Uint8Array.of(answer)).catch(() => undefined);
        continue;
      }
      if (connection.realtime === 1) {
        if (b === EOT) {
          connection.realtime = 2;
          continue;
        }
        data.push(DLE); // not a status query after all: the DLE is data
        connection.realtime = 0;
      }
      if (b === DLE) {
        connection.realtime = 1;
        continue;
      }
      data.push(b);
    }
    if (data.length === 0) return;
    for (const b of data) this.received.push(b);
    if (this.condition !== 'ok') return;
    for (const doc of this.decoder.push(Uint8Array.from(data))) {
      this.printed.push(doc);
      for (const listener of [...this.listeners]) listener(doc);
    }
  }
}
