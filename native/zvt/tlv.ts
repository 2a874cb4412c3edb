/**
 * The TLV container of BMP 06 (BER-style, not LLLVAR): tag of one or more bytes (first byte with
 * low five bits 1F → more tag bytes follow while bit 8 is set), length `<80` in one byte, `81 nn`
 * or `82 nn nn` (big-endian). A tag whose first byte has bit 6 (0x20) set is constructed: its value
 * is again a list of TLVs. The till only reads the print texts (`25` → `07` lines, `1F07` receipt
 * type) and the display texts of an intermediate status (`24` → `07`); the rest is skipped.
 */

export interface Tlv {
  /** The tag bytes as one number: 0x07, 0x25, 0x1F07. */
  tag: number;
  value: Uint8Array;
  /** For constructed tags, the parsed contents (null when they did not parse). */
  children: Tlv[] | null;
}

/** BER length at `offset`: the value length and how many bytes the length took; null if malformed. */
export function readTlvLength(bytes: Uint8Array, offset: number): { length: number; size: number } | null {
  const first = bytes[offset];
  if (first === undefined) return null;
  if (first < 0x80) return { length: first, size: 1 };
  const count = first & 0x7f;
  if (count === 0 || count > 2) return null;
  let length = 0;
  for (let i = 1; i <= count; i++) {
    const b = bytes[offset + i];
    if (b === undefined) return null;
    length = (length << 8) | b;
  }
  return { length, size: 1 + count };
}

export function parseTlv(bytes: Uint8Array): Tlv[] | null {
  const out: Tlv[] = [];
  let i = 0;
  while (i < bytes.length) {
    const start = i;
    let tag = bytes[i++]!;
    if ((tag & 0x1f) === 0x1f) {
      let next: number | undefined;
      do {
        next = bytes[i++];
        if (next === undefined) return null;
        tag = tag * 256 + next;
      } while (next & 0x80);
    }
    const len = readTlvLength(bytes, i);
    if (!len) return null;
    i += len.size;
    if (i + len.length > bytes.length) return null;
    const value = bytes.slice(i, i + len.length);
    i += len.length;
    const constructed = (bytes[start]! & 0x20) !== 0;
    out.push({ tag, value, children: constructed ? parseTlv(value) : null });
  }
  return out;
}

/** Depth-first walk over every TLV. */
export function* walkTlv(list: Tlv[]): Generator<Tlv> {
  for (const tlv of list) {
    yield tlv;
    if (tlv.children) yield* walkTlv(tlv.children);
  }
}

export function encodeTlvLength(length: number): number[] {
  if (length < 0x80) return [length];
  if (length <= 0xff) return [0x81, length];
  if (length <= 0xffff) return [0x82, length >> 8, length & 0xff];
  throw new RangeError(`TLV value too long: ${length}`);
}

function tagBytes(tag: number): number[] {
  const out: number[] = [];
  let t = tag;
  do {
    out.unshift(t & 0xff);
    t = Math.floor(t / 256);
  } while (t > 0);
  return out;
}

export function encodeTlv(tag: number, value: Uint8Array | readonly number[]): Uint8Array {
  const body = value instanceof Uint8Array ? [...value] : [...value];
  return Uint8Array.from([...tagBytes(tag), ...encodeTlvLength(body.length), ...body]);
}

export function concatBytes(parts: ReadonlyArray<Uint8Array | readonly number[]>): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part instanceof Uint8Array ? part : Uint8Array.from(part), offset);
    offset += part.length;
  }
  return out;
}
