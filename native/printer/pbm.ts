/**
 * 1-bit images for the printer: a parser for Netpbm bitmaps (PBM, binary P4 and plain P1) and
 * the monochrome bitmap type the raster command (GS v 0) prints.
 *
 * The packed layout is the one both PBM P4 and GS v 0 use: rows top to bottom, each row
 * ceil(width / 8) bytes, most significant bit = leftmost pixel, 1 = black, padding bits 0.
 */
import { readFileSync } from 'node:fs';

export interface MonoBitmap {
  width: number;
  height: number;
  /** ceil(width / 8). */
  rowBytes: number;
  /** rowBytes × height bytes, 1 = black. */
  data: Uint8Array;
}

const isSpace = (b: number): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c;

/** Reads header tokens of a Netpbm file, skipping whitespace and `#` comments. */
class HeaderReader {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  private skip(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (isSpace(c)) this.pos++;
      else if (c === 0x23) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  token(what: string): string {
    this.skip();
    const start = this.pos;
    while (this.pos < this.bytes.length && !isSpace(this.bytes[this.pos]!) && this.bytes[this.pos] !== 0x23) this.pos++;
    if (this.pos === start) throw new Error(`PBM: missing ${what}`);
    return String.fromCharCode(...this.bytes.subarray(start, this.pos));
  }

  dimension(what: string): number {
    const text = this.token(what);
    if (!/^\d+$/.test(text)) throw new Error(`PBM: ${what} '${text}' is not a number`);
    const n = Number(text);
    if (n < 1 || n > 65535) throw new Error(`PBM: ${what} ${n} is out of range 1..65535`);
    return n;
  }

  /** Plain P1 pixels: '0'/'1' digits, whitespace and comments between them are allowed (but not needed). */
  plainBit(): number {
    this.skip();
    const c = this.bytes[this.pos];
    if (c === 0x30 || c === 0x31) {
      this.pos++;
      return c - 0x30;
    }
    throw new Error('PBM: plain (P1) pixel data ends early or holds something other than 0/1');
  }
}

/** Parses a PBM file (P4 binary or P1 plain). Throws with a clear message on anything else. */
export function parsePbm(bytes: Uint8Array): MonoBitmap {
  const header = new HeaderReader(bytes);
  const magic = header.token('magic number');
  if (magic !== 'P4' && magic !== 'P1') {
    throw new Error(`PBM: expected a 1-bit bitmap (P4 or P1), found '${magic.slice(0, 8)}'${magic === 'P5' || magic === 'P6' ? ' (greyscale/colour: convert to 1 bit first)' : ''}`);
  }
  const width = header.dimension('width');
  const height = header.dimension('height');
  const rowBytes = Math.ceil(width / 8);
  const data = new Uint8Array(rowBytes * height);
  if (magic === 'P4') {
    // Exactly one whitespace byte separates the header from the raster.
    const start = header.pos + 1;
    if (!isSpace(bytes[header.pos] ?? 0)) throw new Error('PBM: no whitespace after the height');
    const need = rowBytes * height;
    if (bytes.length - start < need) throw new Error(`PBM: raster is ${bytes.length - start} bytes, ${width}x${height} needs ${need}`);
    data.set(bytes.subarray(start, start + need));
  } else {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) if (header.plainBit()) data[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  // Padding bits are "don't care" in PBM; printed they would be a black stripe at the right edge.
  const pad = rowBytes * 8 - width;
  if (pad > 0) {
    const mask = (0xff << pad) & 0xff;
    for (let y = 0; y < height; y++) data[y * rowBytes + rowBytes - 1]! &= mask;
  }
  return { width, height, rowBytes, data };
}

export function readPbmFile(path: string): MonoBitmap {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new Error(`Cannot read the logo ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return parsePbm(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    throw new Error(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Serialises as binary PBM (P4), e.g. to write a generated logo. */
export function encodePbm(bitmap: MonoBitmap): Uint8Array {
  const header = new TextEncoder().encode(`P4\n${bitmap.width} ${bitmap.height}\n`);
  const out = new Uint8Array(header.length + bitmap.data.length);
  out.set(header);
  out.set(bitmap.data, header.length);
  return out;
}

export function pixel(bitmap: MonoBitmap, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return false;
  return (bitmap.data[y * bitmap.rowBytes + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
}

/** The left `width` columns of `bitmap` (a logo wider than the paper is cut, not wrapped). */
export function cropWidth(bitmap: MonoBitmap, width: number): MonoBitmap {
  if (width >= bitmap.width) return bitmap;
  const rowBytes = Math.ceil(width / 8);
  const data = new Uint8Array(rowBytes * bitmap.height);
  for (let y = 0; y < bitmap.height; y++) data.set(bitmap.data.subarray(y * bitmap.rowBytes, y * bitmap.rowBytes + rowBytes), y * rowBytes);
  const pad = rowBytes * 8 - width;
  if (pad > 0) for (let y = 0; y < bitmap.height; y++) data[y * rowBytes + rowBytes - 1]! &= (0xff << pad) & 0xff;
  return { width, height: bitmap.height, rowBytes, data };
}
