/**
 * Moving APDUs over a ByteLink, the same for the ECR and the simulated terminal.
 *
 * serial: each APDU in a DLE STX … DLE ETX CRC frame; every frame received is answered at once with
 *   ACK (06), or NAK (15) when damaged; every frame sent waits for the peer's ACK, is sent again
 *   after a NAK (up to `retries` times) and fails with ZvtTimeoutError when no ACK comes in
 *   `ackTimeoutMs`. A frame that got no ACK is *not* sent again: the terminal may have read it, and
 *   a repeated authorization must never be risked.
 * tcp: the bare APDU (ZVT over TCP/IP, port 20007): no framing, CRC or ACK bytes.
 *
 * APDU-level acknowledgements (80 00 00) are the caller's business, not the transport's.
 */
import type { ByteLink } from '../link/link.js';
import { ApduSplitter } from './apdu.js';
import { ACK, NAK, FrameReader, encodeFrame, type FrameEvent } from './frame.js';
import { ZvtLinkError, ZvtTimeoutError } from './errors.js';

export type ZvtTransportKind = 'serial' | 'tcp';

export const DEFAULT_ZVT_TCP_PORT = 20007;

export interface TransportHandlers {
  /** A complete, undamaged APDU. */
  onApdu(apdu: Uint8Array): void;
  /** A damaged frame (already NAKed). */
  onBadFrame?(reason: string): void;
}

export interface TransportOptions {
  ackTimeoutMs: number;
  retries: number;
  /**
   * Serial only: called for every undamaged frame before it is acknowledged; returning true makes
   * the transport answer NAK and drop it (fault injection in the simulator).
   */
  rejectFrame?: (apdu: Uint8Array) => boolean;
  log?: (message: string) => void;
}

export interface SendOptions {
  /** Serial only: the first attempt goes out with a damaged CRC (fault injection). */
  corruptFirst?: boolean;
}

export interface LineStats {
  framesIn: number;
  badFramesIn: number;
  acksIn: number;
  naksIn: number;
  naksOut: number;
  apdusOut: number;
  resends: number;
}

export interface ZvtTransport {
  readonly kind: ZvtTransportKind;
  readonly description: string;
  /** Sends one APDU; APDUs go out one after the other, in call order. */
  send(apdu: Uint8Array, options?: SendOptions): Promise<void>;
  stats(): LineStats;
  /** Stops listening (the link stays open). */
  detach(): void;
}

export function createTransport(link: ByteLink, kind: ZvtTransportKind, handlers: TransportHandlers, options: TransportOptions): ZvtTransport {
  return kind === 'tcp' ? new TcpTransport(link, handlers, options) : new SerialTransport(link, handlers, options);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

abstract class BaseTransport implements ZvtTransport {
  abstract readonly kind: ZvtTransportKind;
  protected queue: Promise<void> = Promise.resolve();
  protected readonly counters: LineStats = { framesIn: 0, badFramesIn: 0, acksIn: 0, naksIn: 0, naksOut: 0, apdusOut: 0, resends: 0 };
  private readonly unsubscribe: () => void;

  constructor(
    protected readonly link: ByteLink,
    protected readonly handlers: TransportHandlers,
    protected readonly options: TransportOptions,
  ) {
    this.unsubscribe = link.onData((chunk) => this.receive(chunk));
  }

  get description(): string {
    return this.link.description;
  }

  send(apdu: Uint8Array, options: SendOptions = {}): Promise<void> {
    const run = (): Promise<void> => this.transmit(apdu, options);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  stats(): LineStats {
    return { ...this.counters };
  }

  detach(): void {
    this.unsubscribe();
  }

  protected async write(bytes: Uint8Array): Promise<void> {
    try {
      await this.link.write(bytes);
    } catch (err) {
      throw new ZvtLinkError(`${this.link.description}: ${message(err)}`);
    }
  }

  protected abstract transmit(apdu: Uint8Array, options: SendOptions): Promise<void>;
  protected abstract receive(chunk: Uint8Array): void;
}

class TcpTransport extends BaseTransport {
  readonly kind = 'tcp' as const;
  private readonly splitter = new ApduSplitter();

  protected async transmit(apdu: Uint8Array): Promise<void> {
    await this.write(apdu);
    this.counters.apdusOut += 1;
  }

  protected receive(chunk: Uint8Array): void {
    for (const apdu of this.splitter.push(chunk)) {
      this.counters.framesIn += 1;
      this.handlers.onApdu(apdu);
    }
  }
}

type AckAnswer = 'ack' | 'nak' | 'timeout' | 'closed';

class SerialTransport extends BaseTransport {
  readonly kind = 'serial' as const;
  private readonly reader = new FrameReader();
  private ackWaiter: ((answer: Exclude<AckAnswer, 'timeout'>) => void) | null = null;
  private detached = false;

  protected async transmit(apdu: Uint8Array, options: SendOptions): Promise<void> {
    if (this.detached) throw new ZvtLinkError(`${this.link.description} is closed`);
    const frame = encodeFrame(apdu);
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      let bytes = frame;
      if (attempt === 0 && options.corruptFirst) {
        bytes = frame.slice();
        bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x5a;
      }
      if (attempt > 0) this.counters.resends += 1;
      const answer = this.expectAck();
      try {
        await this.write(bytes);
      } catch (err) {
        answer.cancel();
        throw err;
      }
      const result = await answer.promise;
      if (result === 'ack') {
        this.counters.apdusOut += 1;
        return;
      }
      if (result === 'timeout') throw new ZvtTimeoutError(`${this.link.description}: no ACK within ${this.options.ackTimeoutMs} ms`);
      if (result === 'closed') throw new ZvtLinkError(`${this.link.description} is closed`);
      this.options.log?.(`zvt: NAK for frame (attempt ${attempt + 1})`);
    }
    throw new ZvtLinkError(`${this.link.description}: frame refused with NAK ${this.options.retries + 1} times`);
  }

  private expectAck(): { promise: Promise<AckAnswer>; cancel(): void } {
    let timer: NodeJS.Timeout | null = null;
    let settle: (answer: AckAnswer) => void = () => undefined;
    const promise = new Promise<AckAnswer>((resolve) => {
      settle = (answer) => {
        if (timer) clearTimeout(timer);
        timer = null;
        if (this.ackWaiter === waiter) this.ackWaiter = null;
        resolve(answer);
      };
    });
    const waiter = (answer: Exclude<AckAnswer, 'timeout'>): void => settle(answer);
    this.ackWaiter = waiter;
    timer = setTimeout(() => settle('timeout'), this.options.ackTimeoutMs);
    return { promise, cancel: () => settle('timeout') };
  }

  private stallTimer: NodeJS.Timeout | null = null;

  protected receive(chunk: Uint8Array): void {
    this.handle(this.reader.push(chunk));
    // A frame cut off mid-way (a lost DLE ETX) would otherwise wait for the next bytes: NAK it after T1.
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = null;
    if (this.reader.midFrame()) {
      this.stallTimer = setTimeout(() => {
        this.stallTimer = null;
        this.handle(this.reader.flush());
      }, this.reader.stallTimeoutMs + 5);
      this.stallTimer.unref?.();
    }
  }

  override detach(): void {
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = null;
    this.detached = true;
    this.ackWaiter?.('closed');
    super.detach();
  }

  private handle(events: FrameEvent[]): void {
    for (const event of events) {
      switch (event.type) {
        case 'ack':
          this.counters.acksIn += 1;
          this.ackWaiter?.('ack');
          break;
        case 'nak':
          this.counters.naksIn += 1;
          this.ackWaiter?.('nak');
          break;
        case 'frame':
          this.counters.framesIn += 1;
          if (this.options.rejectFrame?.(event.apdu)) {
            this.counters.naksOut += 1;
            void this.link.write(Uint8Array.of(NAK)).catch(() => undefined);
            break;
          }
          // ACK goes out before anything the APDU makes us send (and never waits in the queue).
          void this.link.write(Uint8Array.of(ACK)).catch(() => undefined);
          this.handlers.onApdu(event.apdu);
          break;
        case 'bad':
          this.counters.badFramesIn += 1;
          this.counters.naksOut += 1;
          this.options.log?.(`zvt: damaged frame (${event.reason}), NAK`);
          void this.link.write(Uint8Array.of(NAK)).catch(() => undefined);
          this.handlers.onBadFrame?.(event.reason);
          break;
      }
    }
  }
}
