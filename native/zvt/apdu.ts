/**
 * ZVT APDU: `CLASS INSTR LEN DATA` (the spec's CCRC/APRC for ECR→PT commands, same layout both
 * ways). LEN is one byte for 0–254 data bytes; for more, `FF` followed by the length as two bytes,
 * little-endian (so a data length of exactly 255 also takes the extended form).
 */
import { hex } from './bcd.js';

export interface Apdu {
  cls: number;
  ins: number;
  data: Uint8Array;
}

export const MAX_APDU_DATA = 0xffff;

export function encodeApdu(cls: number, ins: number, data: Uint8Array | readonly number[] = []): Uint8Array {
  const body = data instanceof Uint8Array ? data : Uint8Array.from(data);
  if (body.length > MAX_APDU_DATA) throw new RangeError(`APDU data too long: ${body.length} bytes`);
  const header = body.length <= 254 ? [cls, ins, body.length] : [cls, ins, 0xff, body.length & 0xff, body.length >> 8];
  const out = new Uint8Array(header.length + body.length);
  out.set(header, 0);
  out.set(body, header.length);
  return out;
}

/** How many bytes the APDU at the start of `bytes` needs in all; null until its header is complete. */
export function apduLength(bytes: Uint8Array): number | null {
  if (bytes.length < 3) return null;
  if (bytes[2] !== 0xff) return 3 + bytes[2]!;
  if (bytes.length < 5) return null;
  return 5 + (bytes[3]! | (bytes[4]! << 8));
}

/** One complete APDU; throws when the length field disagrees with the bytes. */
export function decodeApdu(bytes: Uint8Array): Apdu {
  const total = apduLength(bytes);
  if (total === null) throw new Error(`APDU too short: ${hex(bytes)}`);
  if (total !== bytes.length) throw new Error(`APDU length field says ${total} bytes, got ${bytes.length}: ${hex(bytes.subarray(0, 8))}…`);
  const offset = bytes[2] === 0xff ? 5 : 3;
  return { cls: bytes[0]!, ins: bytes[1]!, data: bytes.slice(offset) };
}

/** "06 01" */
export function apduName(apdu: Pick<Apdu, 'cls' | 'ins'>): string {
  return hex(Uint8Array.of(apdu.cls, apdu.ins));
}

/**
 * Cuts a TCP byte stream into APDUs (ZVT over TCP has no framing: the length field is all).
 */
export class ApduSplitter {
  private buffer = new Uint8Array(0);

  push(chunk: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer, 0);
    joined.set(chunk, this.buffer.length);
    const out: Uint8Array[] = [];
    let offset = 0;
    for (;;) {
      const rest = joined.subarray(offset);
      const total = apduLength(rest);
      if (total === null || rest.length < total) break;
      out.push(rest.slice(0, total));
      offset += total;
    }
    this.buffer = joined.slice(offset);
    return out;
  }

  pending(): number {
    return this.buffer.length;
  }
}
