/**
 * The ZVT number formats: packed BCD (two digits a byte, high nibble first), the 6-byte BCD amount
 * in minor units, and the LLVAR / LLLVAR length prefixes (each length digit as 0xF0 | digit).
 */

/** Digits → packed BCD of exactly `bytes` bytes, left-padded with zeros. */
export function encodeBcd(digits: string | number, bytes: number): Uint8Array {
  const text = typeof digits === 'number' ? String(digits) : digits;
  if (!/^\d*$/.test(text)) throw new RangeError(`BCD value must be decimal digits: '${text}'`);
  if (text.length > bytes * 2) throw new RangeError(`BCD value '${text}' does not fit in ${bytes} byte(s)`);
  const padded = text.padStart(bytes * 2, '0');
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) out[i] = (Number(padded[2 * i]) << 4) | Number(padded[2 * i + 1]);
  return out;
}

/**
 * Packed BCD → its digits, leading zeros kept. A nibble above 9 is returned as its hex letter
 * (A–F), so a malformed field is visible rather than silently wrong; see `isDecimal`.
 */
export function decodeBcd(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += (byte >> 4).toString(16).toUpperCase() + (byte & 0x0f).toString(16).toUpperCase();
  return out;
}

export function isDecimal(text: string): boolean {
  return /^\d+$/.test(text);
}

export const MAX_AMOUNT_MINOR = 999_999_999_999;

/** BMP 04: amount in minor units (cents) as 6 bytes BCD (12 digits). */
export function encodeAmount(amountMinor: number): Uint8Array {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0 || amountMinor > MAX_AMOUNT_MINOR) {
    throw new RangeError(`ZVT amount must be a whole number of minor units between 0 and ${MAX_AMOUNT_MINOR}: ${amountMinor}`);
  }
  return encodeBcd(String(amountMinor), 6);
}

/** 6 bytes BCD → minor units; null when the field holds something other than digits. */
export function decodeAmount(bytes: Uint8Array): number | null {
  const digits = decodeBcd(bytes);
  return isDecimal(digits) ? Number(digits) : null;
}

/** The LLVAR (2) / LLLVAR (3) length prefix: each decimal digit as 0xF0 | digit. */
export function encodeVarLength(length: number, digits: 2 | 3): Uint8Array {
  const max = digits === 2 ? 99 : 999;
  if (!Number.isInteger(length) || length < 0 || length > max) throw new RangeError(`variable field length ${length} exceeds ${max}`);
  const text = String(length).padStart(digits, '0');
  return Uint8Array.from([...text].map((d) => 0xf0 | Number(d)));
}

/** Reads a LLVAR / LLLVAR prefix; null when a byte is not 0xF0–0xF9. */
export function decodeVarLength(bytes: Uint8Array): number | null {
  let value = 0;
  for (const byte of bytes) {
    if (byte >> 4 !== 0x0f || (byte & 0x0f) > 9) return null;
    value = value * 10 + (byte & 0x0f);
  }
  return value;
}

/**
 * BMP 22 (PAN / EF_ID) content: BCD digits, 'E' for a masked digit, 'F' padding an odd count.
 * Decoded with '*' for masked digits; the padding is dropped.
 */
export function decodePan(bytes: Uint8Array): string {
  return decodeBcd(bytes)
    .replace(/F+$/, '')
    .replace(/E/g, '*');
}

export function encodePan(pan: string): Uint8Array {
  if (!/^[\d*]+$/.test(pan)) throw new RangeError(`PAN must be digits with '*' for masked ones: '${pan}'`);
  const nibbles = pan.replace(/\*/g, 'E') + (pan.length % 2 ? 'F' : '');
  const out = new Uint8Array(nibbles.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(nibbles.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** "10 02 06 00" — for logs and test messages. */
export function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}
