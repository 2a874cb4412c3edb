/**
 * ESC/POS symbols and images: QR code (GS ( k), CODE128 (GS k 73), raster bit image (GS v 0) and
 * the drawer kick (ESC p). Pure byte builders; the receipt encoder decides where they go.
 */
import { cropWidth, type MonoBitmap } from './pbm.js';

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;

/** ESC p 0 25 250: pulse drawer pin 2 ON 50 ms, OFF 500 ms (Epson ESC/POS command reference). */
export function drawerKick(pin: 2 | 5 = 2, onMs = 50, offMs = 500): Uint8Array {
  const t1 = Math.max(1, Math.min(255, Math.round(onMs / 2)));
  const t2 = Math.max(1, Math.min(255, Math.round(offMs / 2)));
  return Uint8Array.of(ESC, 0x70, pin === 2 ? 0 : 1, t1, t2);
}

export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';
const QR_LEVEL: Readonly<Record<QrErrorLevel, number>> = { L: 48, M: 49, Q: 50, H: 51 };
/** Symbol storage limit of GS ( k fn 80 (the printer's own limit is 7089 numeric characters). */
export const QR_MAX_BYTES = 7089;

/** GS ( k pL pH cn fn [params]: one function of the 2D-code command (cn 49 = QR). */
function qrFunction(fn: number, params: readonly number[]): number[] {
  const len = params.length + 2;
  return [GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, fn, ...params];
}

/**
 * A QR code, model 2, module `size` dots (1..16), error correction (default M), stored then
 * printed: select model (fn 65), module size (fn 67), error level (fn 69), store data (fn 80),
 * print (fn 81). `data` is sent as UTF-8; control characters are dropped (a stray `10 04` in the
 * data would be taken as a status request).
 */
export function qrCode(data: string, opts: { size?: number; level?: QrErrorLevel } = {}): Uint8Array {
  const bytes = [...Buffer.from(data.replace(/\p{Cc}/gu, ''), 'utf8')];
  if (bytes.length === 0) throw new Error('QR code data is empty');
  if (bytes.length > QR_MAX_BYTES) throw new Error(`QR code data is ${bytes.length} bytes; at most ${QR_MAX_BYTES}`);
  const size = Math.max(1, Math.min(16, Math.round(opts.size ?? 6)));
  return Uint8Array.from([
    ...qrFunction(65, [50, 0]), // model 2
    ...qrFunction(67, [size]),
    ...qrFunction(69, [QR_LEVEL[opts.level ?? 'M']]),
    ...qrFunction(80, [0x30, ...bytes]),
    ...qrFunction(81, [0x30]),
  ]);
}

/**
 * CODE128 (GS k 73 n {B data), with height `heightDots`, module width `moduleWidth` (2..6) and
 * the human-readable text printed below. Code set B covers ASCII 32..126; '{' is escaped as '{{'.
 */
export function code128(data: string, opts: { heightDots?: number; moduleWidth?: number } = {}): Uint8Array {
  if (data.length === 0) throw new Error('CODE128 data is empty');
  if (!/^[\x20-\x7e]+$/.test(data)) throw new Error(`CODE128 (set B) takes printable ASCII only, got '${data}'`);
  const payload = [0x7b, 0x42, ...[...data.replace(/\{/g, '{{')].map((c) => c.charCodeAt(0))];
  if (payload.length > 255) throw new Error(`CODE128 data is too long (${data.length} characters)`);
  const height = Math.max(1, Math.min(255, Math.round(opts.heightDots ?? 80)));
  const module = Math.max(2, Math.min(6, Math.round(opts.moduleWidth ?? 2)));
  return Uint8Array.from([
    GS, 0x68, height, // GS h: bar height
    GS, 0x77, module, // GS w: module width
    GS, 0x48, 2, // GS H: HRI characters below
    GS, 0x6b, 73, payload.length, ...payload,
  ]);
}

/**
 * Real-time commands are recognised in the middle of image data (Epson warns about DLE EOT inside
 * bit images): a `10 04 n`, `10 05 n` or `10 14 …` in the pixels would be answered or executed
 * by the printer and the image bytes would be out of step. Such a 0x10 byte (one black dot) is
 * made 0x00: one dot of the logo turns white, which nobody sees.
 */
export function defuseRealtime(data: Uint8Array): Uint8Array {
  const out = data.slice();
  for (let i = 0; i + 1 < out.length; i++) {
    if (out[i] === DLE && (out[i + 1] === 0x04 || out[i + 1] === 0x05 || out[i + 1] === 0x14)) out[i] = 0x00;
  }
  return out;
}

/** Rows per GS v 0 command: small bands keep each command well inside every printer's buffer. */
const BAND_ROWS = 128;

/**
 * A raster bit image (GS v 0, normal density), cropped to `maxWidthDots`, in bands of at most
 * 128 rows. Alignment comes from ESC a (set by the caller).
 */
export function rasterImage(bitmap: MonoBitmap, maxWidthDots = 512): Uint8Array {
  const image = cropWidth(bitmap, Math.max(8, maxWidthDots));
  const out: number[] = [];
  for (let y0 = 0; y0 < image.height; y0 += BAND_ROWS) {
    const rows = Math.min(BAND_ROWS, image.height - y0);
    const x = image.rowBytes;
    out.push(GS, 0x76, 0x30, 0, x & 0xff, x >> 8, rows & 0xff, rows >> 8);
    out.push(...defuseRealtime(image.data.subarray(y0 * x, (y0 + rows) * x)));
  }
  return Uint8Array.from(out);
}
