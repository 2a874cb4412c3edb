/**
 * A document as chunks of ESC/POS bytes: each chunk starts and ends in the default style, so the
 * print worker can confirm them one by one and resume at any of them.
 */
import { commandLength, DLE, ESC, FS, GS } from './escpos-commands.js';
import { code128, qrCode, rasterImage } from './escpos-graphics.js';
import type { MonoBitmap } from './pbm.js';
import { imageWidthDots, type PrinterProfile } from './profiles.js';
import { encodeText } from './text.js';

const LF = 0x0a;

/** GS V 66 0: feed to the cutter position, then partial cut (leaves a hinge; no paper stuck above the blade). */
export const FEED_AND_PARTIAL_CUT: readonly number[] = [GS, 0x56, 0x42, 0x00];

/** One piece of a document that the worker sends and confirms on its own. */
export interface PrintChunk {
  /** 'header', 'row 3', 'vat', 'total', 'payments', 'footer', 'qr', 'cut', 'drawer'… for logs and tests. */
  name: string;
  bytes: Uint8Array;
}

export function concatChunks(chunks: readonly PrintChunk[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.bytes.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c.bytes, at);
    at += c.bytes.length;
  }
  return out;
}

/**
 * NUL bytes enough to finish any command of `chunk` that the printer may have received only in
 * part (the till died, or the line dropped, mid-write). A printer left inside a command would
 * take the next bytes as that command's data (a picture, a code) and swallow the "continued"
 * line; outside a command it ignores NUL. Completing a command this way prints at most what the
 * command would have printed anyway (white dots of a picture, the kick that was on its way).
 */
export function commandCompletion(chunk: PrintChunk): Uint8Array {
  const bytes = chunk.bytes;
  let longest = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b === ESC || b === GS || b === FS || b === DLE ? commandLength(bytes, i) : null;
    if (len === null) i++;
    else {
      longest = Math.max(longest, len);
      i += len;
    }
  }
  return new Uint8Array(Math.max(0, longest - 1));
}

export class ChunkWriter {
  private readonly done: PrintChunk[] = [];
  private name = '';
  private current: number[] = [];
  constructor(private readonly encoding: string) {}
  /** Starts a new chunk; an empty previous one is dropped. */
  begin(name: string): this {
    this.end();
    this.name = name;
    return this;
  }
  raw(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.current.push(bytes[i]!);
    return this;
  }
  /** `text` must already be printable and fit the line. */
  line(text: string): this {
    return this.raw(encodeText(text, this.encoding)).raw([LF]);
  }
  align(where: 'left' | 'center'): this {
    return this.raw([ESC, 0x61, where === 'center' ? 1 : 0]);
  }
  bold(on: boolean): this {
    return this.raw([ESC, 0x45, on ? 1 : 0]);
  }
  /** GS ! n: width and height multipliers 1 or 2. */
  size(widthTimes: 1 | 2, heightTimes: 1 | 2): this {
    return this.raw([GS, 0x21, ((widthTimes - 1) << 4) | (heightTimes - 1)]);
  }
  chunks(): PrintChunk[] {
    this.end();
    return this.done;
  }
  private end(): void {
    if (this.current.length > 0) this.done.push({ name: this.name, bytes: Uint8Array.from(this.current) });
    this.current = [];
  }
}

/** The number symbol under a receipt or a test page: centred QR (or CODE128 on profiles without 2D codes). */
export function writeSymbol(out: ChunkWriter, data: string, profile: PrinterProfile): void {
  const ascii = data.replace(/[^\x20-\x7e]/g, '').trim();
  out.line('').align('center');
  if ((profile.symbol ?? 'qr') === 'code128' && ascii.length > 0) out.raw(code128(ascii, { moduleWidth: profile.columns <= 32 ? 2 : 3 }));
  else out.raw(qrCode(data, { size: profile.columns <= 32 ? 5 : 6, level: 'M' }));
  out.raw([LF]).align('left');
}

export function writeLogo(out: ChunkWriter, logo: MonoBitmap, profile: PrinterProfile): void {
  out.align('center').raw(rasterImage(logo, imageWidthDots(profile))).align('left');
}

/** ESC d 2 leaves a margin under the last line; GS V 66 0 then feeds to the blade and cuts. */
export function writeCut(out: ChunkWriter): void {
  out.begin('cut').raw([ESC, 0x64, 2]).raw(FEED_AND_PARTIAL_CUT);
}

