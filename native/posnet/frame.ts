/**
 * POSNET framing (POT-I-DEV-37 "Budowa ramki protokołu"):
 *
 *   STX <command> TAB { <2-char id><value> TAB } [@<4-digit token> TAB] '#' <CRC16 as 4 hex> ETX
 *
 * Replies: `STX cmd TAB [@token TAB] {params} #CRC ETX` (OK), `STX cmd TAB ?nnnn #CRC ETX` (command
 * refused with error nnnn) and, for a frame the device could not take apart,
 * `STX ERR TAB [@token TAB] ?errno TAB [cm<cmd> TAB [fd<field> TAB]] #CRC ETX`.
 *
 * The same encoder and decoder serve both sides (driver and simulator). Text is carried in the
 * device's code page — Windows-1250 by default, the factory setting of POSNET online printers
 * (their I/O configuration report prints "Strona kodowa WINDOWS 1250"); the CRC covers those bytes.
 */
import iconv from 'iconv-lite';
import { crcHex } from './crc.js';

export const STX = 0x02;
export const ETX = 0x03;
export const TAB = 0x09;
export const DEFAULT_ENCODING = 'windows-1250';

/** Frame-level error numbers (spec chapter "Błędy ramki"). */
export const FRAME_ERRORS = {
  unknownCommand: 1,
  missingField: 2,
  conversion: 3,
  badToken: 4,
  badCrc: 5,
  badField: 6,
  badLength: 10,
  bufferOverrun: 11,
  immediateForbidden: 12,
  tokenNotFound: 13,
  queueFull: 14,
  syntax: 15,
} as const;

export type Param = readonly [id: string, value: string];

export interface Frame {
  /** The mnemonic without the async '!' prefix: `trinit`, `scnt`, `ERR`. */
  command: string;
  /** Sent with '!' (immediate mode: only sprn/sdev and a few others). */
  async: boolean;
  /** Four decimal digits, echoed by the device in its reply. */
  token: string | null;
  /** Parameters in the order they appear. */
  params: Param[];
  /** `?nnnn` in a reply (or the frame error number in an ERR frame); null when OK. */
  error: number | null;
}

export interface FrameInput {
  command: string;
  params?: ReadonlyArray<readonly [string, string | number | boolean]>;
  token?: string | number | null;
  async?: boolean;
  error?: number | null;
}

export type DecodeResult =
  | { ok: true; frame: Frame }
  | { ok: false; reason: 'crc' | 'syntax'; error: number; message: string; command: string | null; token: string | null };

const PARAM_ID = /^[a-z0-9]{2}$/i;
const COMMAND = /^[a-z][a-z0-9]*$/i;
const HEX4 = /^[0-9a-f]{4}$/i;

function checkedEncoding(encoding: string): string {
  if (!iconv.encodingExists(encoding)) throw new Error(`Unknown POSNET code page '${encoding}'`);
  return encoding;
}

function formatValue(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`POSNET numeric parameter must be a whole number: ${value}`);
    return String(value);
  }
  return value;
}

export function formatToken(token: string | number): string {
  const text = typeof token === 'number' ? String(token).padStart(4, '0') : token;
  if (!/^\d{4}$/.test(text)) throw new RangeError(`POSNET token must be 4 decimal digits: ${token}`);
  return text;
}

/**
 * Encodes one frame. Parameters keep the order given (the device accepts any order; a fixed
 * order makes golden tests and hex dumps readable). Values must not contain TAB, STX, ETX or other
 * control characters except LF (multi-line fields); an unmappable character becomes '?'.
 */
export function encodeFrame(input: FrameInput, encoding = DEFAULT_ENCODING): Uint8Array {
  if (!COMMAND.test(input.command)) throw new Error(`Bad POSNET command mnemonic '${input.command}'`);
  let text = `${input.async ? '!' : ''}${input.command}\t`;
  if (input.token !== undefined && input.token !== null) text += `@${formatToken(input.token)}\t`;
  const isFrameError = input.command === 'ERR';
  if (input.error !== undefined && input.error !== null) {
    // A refused command: `cmd TAB ?nnnn #CRC` — no TAB before '#'; an ERR frame keeps its TABs.
    text += `?${input.error}${isFrameError ? '\t' : ''}`;
  }
  for (const [id, raw] of input.params ?? []) {
    if (!PARAM_ID.test(id)) throw new Error(`Bad POSNET parameter id '${id}' in ${input.command}`);
    const value = formatValue(raw);
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x09\x0b-\x1f]/.test(value)) throw new Error(`POSNET parameter ${input.command}.${id} contains a control character`);
    text += `${id}${value}\t`;
  }
  const summed = new Uint8Array(iconv.encode(text, checkedEncoding(encoding)));
  const crc = new TextEncoder().encode(`#${crcHex(summed)}`);
  const out = new Uint8Array(summed.length + crc.length + 2);
  out[0] = STX;
  out.set(summed, 1);
  out.set(crc, 1 + summed.length);
  out[out.length - 1] = ETX;
  return out;
}

/**
 * Decodes one complete frame (STX … ETX, as the splitter hands them out). Tolerant where real
 * devices differ from the letter of the spec: an ERR frame's error may come as `?nnnn` or `ernnnn`,
 * and its checksum with or without the '#'.
 */
export function decodeFrame(raw: Uint8Array, encoding = DEFAULT_ENCODING): DecodeResult {
  const fail = (reason: 'crc' | 'syntax', error: number, message: string, command: string | null = null, token: string | null = null): DecodeResult => ({
    ok: false,
    reason,
    error,
    message,
    command,
    token,
  });
  if (raw.length < 2 || raw[0] !== STX || raw[raw.length - 1] !== ETX) return fail('syntax', FRAME_ERRORS.syntax, 'not an STX…ETX frame');
  const body = raw.subarray(1, raw.length - 1);
  const ascii = (bytes: Uint8Array): string => String.fromCharCode(...bytes);
  let summed: Uint8Array;
  let crcText: string;
  if (body.length >= 5 && body[body.length - 5] === 0x23 && HEX4.test(ascii(body.subarray(body.length - 4)))) {
    summed = body.subarray(0, body.length - 5);
    crcText = ascii(body.subarray(body.length - 4));
  } else if (body.length >= 5 && body[body.length - 5] === TAB && HEX4.test(ascii(body.subarray(body.length - 4)))) {
    summed = body.subarray(0, body.length - 4); // spec's ERR layout: `… TAB CRC16 ETX`
    crcText = ascii(body.subarray(body.length - 4));
  } else {
    return fail('syntax', FRAME_ERRORS.syntax, 'no checksum before ETX');
  }
  const text = iconv.decode(Buffer.from(summed), checkedEncoding(encoding));
  const pieces = text.split('\t');
  const head = pieces[0] ?? '';
  const async = head.startsWith('!');
  const command = async ? head.slice(1) : head;
  const tokenPiece = pieces.find((p) => /^@\d{4}$/.test(p));
  const token = tokenPiece ? tokenPiece.slice(1) : null;
  if (crcHex(summed) !== crcText.toUpperCase()) {
    return fail('crc', FRAME_ERRORS.badCrc, `checksum ${crcText} does not match ${crcHex(summed)}`, COMMAND.test(command) ? command : null, token);
  }
  if (!COMMAND.test(command)) return fail('syntax', FRAME_ERRORS.unknownCommand, `bad command mnemonic '${head}'`);
  const frame: Frame = { command, async, token, params: [], error: null };
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i] ?? '';
    if (piece === '') continue; // the TAB that ends the last field
    if (/^@\d{4}$/.test(piece)) continue;
    const err = /^\?(\d+)$/.exec(piece);
    if (err) {
      frame.error = Number(err[1]);
      continue;
    }
    if (piece.length < 2 || !PARAM_ID.test(piece.slice(0, 2))) {
      return fail('syntax', FRAME_ERRORS.badField, `bad parameter '${piece}'`, command, token);
    }
    frame.params.push([piece.slice(0, 2), piece.slice(2)]);
  }
  if (command === 'ERR' && frame.error === null) {
    const er = frame.params.find(([id]) => id === 'er');
    if (er && /^\d+$/.test(er[1])) frame.error = Number(er[1]);
  }
  return { ok: true, frame };
}

/** The spec's BOOL: true is 1, t, T, Y or y (false: 0, n, N). */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^[1tTyY]$/.test(value);
}

/** The first value of a parameter, or undefined. */
export function param(frame: Frame, id: string): string | undefined {
  return frame.params.find(([p]) => p === id)?.[1];
}

/**
 * Cuts a byte stream into frames. Bytes outside STX…ETX are line noise and dropped (counted);
 * an STX inside a frame starts over (the earlier start was noise or a truncated frame); a frame
 * longer than `maxFrameBytes` is dropped. Whether a frame is *valid* is decodeFrame's business.
 */
export class FrameSplitter {
  private current: number[] | null = null;
  private dropped = 0;

  constructor(private readonly maxFrameBytes = 64 * 1024) {}

  push(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    for (const byte of chunk) {
      if (byte === STX) {
        if (this.current) this.dropped += this.current.length;
        this.current = [STX];
        continue;
      }
      if (!this.current) {
        this.dropped += 1;
        continue;
      }
      this.current.push(byte);
      if (byte === ETX) {
        frames.push(Uint8Array.from(this.current));
        this.current = null;
      } else if (this.current.length > this.maxFrameBytes) {
        this.dropped += this.current.length;
        this.current = null;
      }
    }
    return frames;
  }

  /** Bytes thrown away as noise so far. */
  garbageBytes(): number {
    return this.dropped;
  }

  reset(): void {
    this.current = null;
  }
}

/** `[STX]trinit[TAB]bm0[TAB]#4825[ETX]` — how the spec writes frames; for logs and test messages. */
export function describeFrame(raw: Uint8Array, encoding = DEFAULT_ENCODING): string {
  const names: Record<number, string> = { [STX]: '[STX]', [ETX]: '[ETX]', [TAB]: '[TAB]', 0x0a: '[LF]' };
  let out = '';
  let run: number[] = [];
  const flush = (): void => {
    if (run.length) out += iconv.decode(Buffer.from(run), checkedEncoding(encoding));
    run = [];
  };
  for (const byte of raw) {
    const name = names[byte];
    if (name !== undefined || byte < 0x20) {
      flush();
      out += name ?? `[${byte.toString(16).padStart(2, '0')}]`;
    } else {
      run.push(byte);
    }
  }
  flush();
  return out;
}
