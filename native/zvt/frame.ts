/**
 * ZVT serial transport (ZVT 13.x, the ECR interface):
 *
 *   DLE STX <APDU, every 0x10 doubled> DLE ETX CRC_lo CRC_hi
 *
 * The CRC (crc.ts) covers the un-stuffed APDU plus ETX; the two CRC bytes themselves are sent as
 * they are (not doubled), as ecrterm does. Every frame is answered by a single byte: ACK (06) or
 * NAK (15). `FrameReader` turns the incoming byte stream into ACK / NAK / frame / broken-frame
 * events; the same reader serves the ECR and the simulated terminal.
 */
import { crc16kermit } from './crc.js';

export const DLE = 0x10;
export const STX = 0x02;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;

const ETX_ONLY = Uint8Array.of(ETX);

export function frameCrc(apdu: Uint8Array): number {
  return crc16kermit(ETX_ONLY, crc16kermit(apdu));
}

/** Wraps one APDU in a serial frame. */
export function encodeFrame(apdu: Uint8Array): Uint8Array {
  const out: number[] = [DLE, STX];
  for (const byte of apdu) {
    out.push(byte);
    if (byte === DLE) out.push(DLE);
  }
  const crc = frameCrc(apdu);
  out.push(DLE, ETX, crc & 0xff, crc >> 8);
  return Uint8Array.from(out);
}

export type FrameEvent =
  | { type: 'ack' }
  | { type: 'nak' }
  | { type: 'frame'; apdu: Uint8Array }
  | { type: 'bad'; reason: string; apdu: Uint8Array | null };

type State = 'idle' | 'dle' | 'data' | 'dataDle' | 'crc1' | 'crc2';

export interface FrameReaderOptions {
  /** A frame longer than this is dropped as broken. Default 64 KiB + header. */
  maxFrameBytes?: number;
  /**
   * A frame that stops arriving for this long is broken (the spec's inter-character timeout T1;
   * ecrterm uses 0.2 s at 9600 Bd). Checked when the next bytes arrive and by `flush()`.
   * Default 500 ms.
   */
  interByteTimeoutMs?: number;
  now?: () => number;
}

export class FrameReader {
  private state: State = 'idle';
  private buffer: number[] = [];
  private crcLow = 0;
  private lastByteAt = 0;
  private dropped = 0;
  private readonly maxFrameBytes: number;
  private readonly interByteTimeoutMs: number;
  private readonly now: () => number;

  constructor(options: FrameReaderOptions = {}) {
    this.maxFrameBytes = options.maxFrameBytes ?? 0x10000 + 8;
    this.interByteTimeoutMs = options.interByteTimeoutMs ?? 500;
    this.now = options.now ?? Date.now;
  }

  push(chunk: Uint8Array): FrameEvent[] {
    const events: FrameEvent[] = [];
    const now = this.now();
    if (this.state !== 'idle' && this.state !== 'dle' && now - this.lastByteAt > this.interByteTimeoutMs) {
      events.push(this.broken(`frame stopped after ${this.buffer.length} byte(s)`));
    }
    if (chunk.length > 0) this.lastByteAt = now;
    for (const byte of chunk) {
      switch (this.state) {
        case 'idle':
          if (byte === ACK) events.push({ type: 'ack' });
          else if (byte === NAK) events.push({ type: 'nak' });
          else if (byte === DLE) this.state = 'dle';
          else this.dropped += 1;
          break;
        case 'dle':
          if (byte === STX) {
            this.buffer = [];
            this.state = 'data';
          } else if (byte !== DLE) {
            this.dropped += 2;
            this.state = 'idle';
          } else {
            this.dropped += 1;
          }
          break;
        case 'data':
          if (byte === DLE) {
            this.state = 'dataDle';
          } else {
            this.buffer.push(byte);
            if (this.buffer.length > this.maxFrameBytes) events.push(this.broken(`frame longer than ${this.maxFrameBytes} bytes`));
          }
          break;
        case 'dataDle':
          if (byte === DLE) {
            this.buffer.push(DLE);
            this.state = 'data';
          } else if (byte === ETX) {
            this.state = 'crc1';
          } else if (byte === STX) {
            // The sender started over: what came before was a fragment.
            this.dropped += this.buffer.length + 2;
            this.buffer = [];
            this.state = 'data';
          } else {
            events.push(this.broken(`DLE followed by 0x${byte.toString(16).padStart(2, '0')} inside a frame`));
          }
          break;
        case 'crc1':
          this.crcLow = byte;
          this.state = 'crc2';
          break;
        case 'crc2': {
          const apdu = Uint8Array.from(this.buffer);
          const received = this.crcLow | (byte << 8);
          const expected = frameCrc(apdu);
          this.buffer = [];
          this.state = 'idle';
          if (received === expected) events.push({ type: 'frame', apdu });
          else events.push({ type: 'bad', reason: `CRC ${received.toString(16).padStart(4, '0')} does not match ${expected.toString(16).padStart(4, '0')}`, apdu });
          break;
        }
      }
    }
    return events;
  }

  /** A frame has started and not ended yet. */
  midFrame(): boolean {
    return this.state !== 'idle' && this.state !== 'dle';
  }

  /** How long until a stalled frame counts as broken (for a timer); 0 when not mid-frame. */
  get stallTimeoutMs(): number {
    return this.midFrame() ? this.interByteTimeoutMs : 0;
  }

  /** Reports a frame that stopped arriving (no byte for the inter-byte timeout) as broken. */
  flush(): FrameEvent[] {
    if (!this.midFrame() || this.now() - this.lastByteAt < this.interByteTimeoutMs) return [];
    return [this.broken(`frame stopped after ${this.buffer.length} byte(s)`)];
  }

  /** Bytes outside frames (line noise, fragments) dropped so far. */
  garbageBytes(): number {
    return this.dropped;
  }

  private broken(reason: string): FrameEvent {
    const apdu = Uint8Array.from(this.buffer);
    this.buffer = [];
    this.state = 'idle';
    return { type: 'bad', reason, apdu };
  }
}
