/**
 * The device side of an ESC/POS printer over any ByteLink: answers DLE EOT like real firmware and
 * "prints" by decoding what it receives. Used by unit tests (memory link), integration tests
 * (PTY pair) and by a person watching a virtual port (simulator-cli.ts).
 */
import { EscPosStreamDecoder, type DecodedDocument, type TapeEvent } from './escpos-decode.js';
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


/** A fault that sets in after some more data has been printed (see `faultAfter`). */
interface ScheduledFault {
  condition: Exclude<SimulatedCondition, 'ok'>;
  /** Data bytes still to print before it sets in. */
  remaining: number;
  /** Clears by itself after this many DLE EOT 1 queries answered with it; null = stays. */
  clearAfterQueries: number | null;
}

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
  private dataBytes = 0;
  private readonly printed: DecodedDocument[] = [];
  private readonly listeners = new Set<(doc: DecodedDocument) => void>();
  private readonly decoder: EscPosStreamDecoder;
  private readonly connections = new Set<Connection>();
  private readonly receiveListeners = new Set<(dataBytes: number) => void>();
  private scheduled: ScheduledFault | null = null;
  /** Queries still to answer with the current fault before it clears itself; null = until setCondition('ok'). */
  private faultQueriesLeft: number | null = null;

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
    this.scheduled = null;
    this.faultQueriesLeft = null;
  }

  /**
   * A fault that follows data, as on a real roll running out: the next `afterBytes` data bytes
   * (and the rest of a command they end inside) still print, because the printer took them
   * while it was ready; then `condition` sets in, the rest is dropped and the next status query
   * reports it. The till cannot tell whether the part it sent last reached the paper: this is
   * how tests see a section that printed although the printer answered with a fault.
   * With `clearAfterQueries` the fault clears by itself after that many DLE EOT 1 answers (a
   * clerk changing the roll), so a printer in another process needs no hand.
   */
  faultAfter(condition: Exclude<SimulatedCondition, 'ok'>, afterBytes: number, opts: { clearAfterQueries?: number } = {}): void {
    this.scheduled = { condition, remaining: Math.max(1, Math.floor(afterBytes)), clearAfterQueries: opts.clearAfterQueries ?? null };
  }

  /** Everything printed so far in order, cuts and drawer kicks included (see TapeEvent). */
  tape(): TapeEvent[] {
    return [...this.decoder.tape];
  }

  /** Called after each arrival of data with the count of data bytes received so far (status queries not counted). */
  onReceive(listener: (dataBytes: number) => void): () => void {
    this.receiveListeners.add(listener);
    return () => {
      this.receiveListeners.delete(listener);
    };
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
    this.receiveListeners.clear();
    for (const c of connections) c.unsubscribe();
    await Promise.all(connections.map((c) => c.link.close().catch(() => undefined)));
  }

  private reply(n: number): number | null {
    if (n < 1 || n > 4) return null; // firmware ignores other n
    if (n === 1 && this.condition !== 'ok' && this.faultQueriesLeft !== null) {
      // The roll is changed once the till has seen the fault that many times (with its cause).
      if (this.faultQueriesLeft <= 0) {
        this.condition = 'ok';
        this.faultQueriesLeft = null;
      } else this.faultQueriesLeft -= 1;
    }
    const byte = REPLIES[this.condition][n - 1]!;
    return n === 4 && this.nearEnd ? byte | NEAR_END_BITS : byte;
  }

  private receive(connection: Connection, chunk: Uint8Array): void {
    if (this.silent) return;
    let data: number[] = [];
    let count = 0;
    // Data before a status query is printed before the query is answered, so the answer tells
    // what the printer was after taking it (a fault that data ran into included).
    const take = (): void => {
      if (data.length > 0) this.take(data);
      count += data.length;
      data = [];
    };
    // Real-time commands are recognised on arrival, before the print buffer, even mid-command
    // (that is how the firmware behaves, and why the encoder never emits a stray 10 04).
    for (const b of chunk) {
      if (connection.realtime === 2) {
        connection.realtime = 0;
        take();
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
    take();
    if (count > 0) {
      this.dataBytes += count;
      for (const listener of [...this.receiveListeners]) listener(this.dataBytes);
    }
  }

  /** Data that arrived: recorded, and printed while the printer is ready (up to a scheduled fault). */
  private take(data: readonly number[]): void {
    for (const b of data) this.received.push(b);
    let from = 0;
    const fault = this.scheduled;
    if (fault && this.condition === 'ok') {
      // What the printer takes before the fault, then byte by byte up to the end of the command in progress.
      const before = Math.min(fault.remaining, data.length);
      this.print(data.slice(0, before));
      fault.remaining -= before;
      from = before;
      while (fault.remaining === 0 && !this.decoder.atCommandBoundary() && from < data.length) this.print(data.slice(from, ++from));
      if (fault.remaining === 0 && this.decoder.atCommandBoundary()) {
        this.scheduled = null;
        this.condition = fault.condition;
        this.faultQueriesLeft = fault.clearAfterQueries;
      }
    }
    if (from < data.length && this.condition === 'ok') this.print(data.slice(from));
  }

  private print(data: readonly number[]): void {
    if (data.length === 0) return;
    for (const doc of this.decoder.push(Uint8Array.from(data))) {
      this.printed.push(doc);
      for (const listener of [...this.listeners]) listener(doc);
    }
  }
}
