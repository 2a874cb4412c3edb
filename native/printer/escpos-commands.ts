/**
 * Lengths of ESC/POS commands, so a decoder can step over them without misreading their
 * parameters as text. Covers what the till sends plus the common commands a printer sees from
 * other software; an unknown ESC/GS/FS x is taken as two bytes (best effort, like escpos-tools).
 */

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;

const u16 = (lo: number, hi: number): number => lo + hi * 256;

/** Parameter count for fixed-length `ESC x` commands (bytes after ESC x). */
const ESC_FIXED: Readonly<Record<number, number>> = {
  0x40: 0, // @ init
  0x74: 1, // t code table
  0x45: 1, // E bold
  0x47: 1, // G double strike
  0x2d: 1, // - underline
  0x61: 1, // a align
  0x21: 1, // ! print mode
  0x64: 1, // d feed lines
  0x65: 1, // e reverse feed
  0x4a: 1, // J feed dots
  0x52: 1, // R international charset
  0x4d: 1, // M font
  0x32: 0, // 2 default line spacing
  0x33: 1, // 3 line spacing
  0x20: 1, // SP right spacing
  0x24: 2, // $ absolute position
  0x5c: 2, // \ relative position
  0x55: 1, // U unidirectional
  0x56: 1, // V rotate
  0x7b: 1, // { upside down
  0x72: 1, // r colour
  0x70: 3, // p drawer kick m t1 t2
  0x69: 0, // i legacy full cut
  0x6d: 0, // m legacy partial cut
  0x3d: 1, // = peripheral select
  0x4c: 0, // L page mode
  0x53: 0, // S standard mode
  0x63: 2, // c 3/4/5 n: paper sensors / panel buttons
};

const GS_FIXED: Readonly<Record<number, number>> = {
  0x21: 1, // ! size
  0x42: 1, // B reverse
  0x48: 1, // H HRI position
  0x66: 1, // f HRI font
  0x68: 1, // h barcode height
  0x77: 1, // w barcode width
  0x61: 1, // a auto status back
  0x72: 1, // r transmit status
  0x49: 1, // I printer ID
  0x4c: 2, // L left margin
  0x57: 2, // W print area width
  0x50: 2, // P motion units
  0x24: 2, // $ absolute vertical position
  0x5c: 2, // \ relative vertical position
  0x2f: 1, // / print downloaded image
  0x62: 1, // b smoothing
};

const FS_FIXED: Readonly<Record<number, number>> = {
  0x2e: 0, // . cancel Kanji
  0x26: 0, // & Kanji on
  0x21: 1, // ! Kanji print mode
  0x2d: 1, // - Kanji underline
  0x43: 1, // C Kanji code system
  0x57: 1, // W Kanji quadruple
  0x70: 2, // p print NV image
};

/**
 * Length in bytes of the command starting at `buf[i]` (which is ESC, GS, FS or DLE), or null
 * when the buffer ends before the command does (wait for more bytes).
 */
export function commandLength(buf: Uint8Array, i: number): number | null {
  const at = (k: number): number | undefined => buf[i + k];
  const lead = at(0);
  const op = at(1);
  if (op === undefined) return null;
  const fixed = (table: Readonly<Record<number, number>>): number => 2 + (table[op] ?? 0);
  const ready = (len: number): number | null => (i + len <= buf.length ? len : null);

  switch (lead) {
    case ESC: {
      if (op === 0x2a) {
        // ESC * m nL nH d…: 8-dot modes have one byte per column, 24-dot modes three.
        const m = at(2), nL = at(3), nH = at(4);
        if (m === undefined || nL === undefined || nH === undefined) return null;
        return ready(5 + u16(nL, nH) * (m === 32 || m === 33 ? 3 : 1));
      }
      if (op === 0x44) {
        // ESC D n1…nk NUL: tab stops.
        const end = buf.indexOf(0, i + 2);
        return end < 0 ? null : end - i + 1;
      }
      return ready(fixed(ESC_FIXED));
    }
    case GS: {
      if (op === 0x56) {
        // GS V m [n]: function A (m = 0,1,48,49) has no n; B/C/D (65,66,97,98,103,104) have one.
        const m = at(2);
        if (m === undefined) return null;
        return ready([65, 66, 97, 98, 103, 104].includes(m) ? 4 : 3);
      }
      if (op === 0x28) {
        // GS ( fn pL pH data…
        const pL = at(3), pH = at(4);
        if (pL === undefined || pH === undefined) return null;
        return ready(5 + u16(pL, pH));
      }
      if (op === 0x38) {
        // GS 8 L p1 p2 p3 p4 data…
        const p = [at(3), at(4), at(5), at(6)];
        if (p.some((x) => x === undefined)) return null;
        const [p1, p2, p3, p4] = p as number[];
        return ready(7 + p1! + p2! * 0x100 + p3! * 0x10000 + p4! * 0x1000000);
      }
      if (op === 0x76) {
        // GS v 0 m xL xH yL yH data…
        const xL = at(4), xH = at(5), yL = at(6), yH = at(7);
        if (xL === undefined || xH === undefined || yL === undefined || yH === undefined) return null;
        return ready(8 + u16(xL, xH) * u16(yL, yH));
      }
      if (op === 0x6b) {
        // GS k m …: m 0–6 data ends with NUL; m 65–79 has a length byte.
        const m = at(2);
        if (m === undefined) return null;
        if (m <= 6) {
          const end = buf.indexOf(0, i + 3);
          return end < 0 ? null : end - i + 1;
        }
        const n = at(3);
        return n === undefined ? null : ready(4 + n);
      }
      return ready(fixed(GS_FIXED));
    }
    case FS: {
      if (op === 0x28) {
        const pL = at(3), pH = at(4);
        if (pL === undefined || pH === undefined) return null;
        return ready(5 + u16(pL, pH));
      }
      return ready(fixed(FS_FIXED));
    }
    case DLE: {
      if (op === 0x04 || op === 0x05) return ready(3); // EOT n, ENQ n
      if (op === 0x14) {
        // DC4 fn …: fn 8 (clear buffer) is 10 bytes, the others (1 pulse, 2 power off) 5.
        const fn = at(2);
        if (fn === undefined) return null;
        return ready(fn === 8 ? 10 : 5);
      }
      return 1; // a lone DLE is not a command
    }
    default:
      return 1;
  }
}

const NAMES: Readonly<Record<number, string>> = { [ESC]: 'ESC', [GS]: 'GS', [FS]: 'FS', [DLE]: 'DLE' };

/** Human-readable form like 'ESC t 51', 'GS V 66 0', 'DLE EOT 1' for tests and logs. */
export function commandName(cmd: Uint8Array): string {
  const lead = NAMES[cmd[0] ?? 0] ?? 'BYTE';
  const op = cmd[1];
  if (op === undefined) return lead;
  if (cmd[0] === DLE && op === 0x04) return `DLE EOT ${cmd[2] ?? ''}`.trim();
  if (cmd[0] === DLE && op === 0x14) return `DLE DC4 ${[...cmd.subarray(2)].join(' ')}`;
  const opText = op >= 0x21 && op <= 0x7e ? String.fromCharCode(op) : `0x${op.toString(16).padStart(2, '0')}`;
  // Long data blocks (images, barcodes) are summarised, not listed.
  const params = cmd.length <= 8 ? [...cmd.subarray(2)].map(String) : [`<${cmd.length - 2} bytes>`];
  return [lead, opText, ...params].join(' ');
}
