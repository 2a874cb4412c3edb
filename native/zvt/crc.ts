/**
 * ZVT serial frame checksum (ZVT 13.x): CRC-16/KERMIT — CCITT polynomial 0x1021 processed
 * reflected (0x8408), init 0x0000, no final XOR — over the *un-stuffed* APDU bytes plus the ETX
 * that closes the frame. Sent low byte first. Check value: "123456789" → 0x2189.
 */

const TABLE: Uint16Array = (() => {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let crc = n;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
    table[n] = crc;
  }
  return table;
})();

/** CRC-16/KERMIT of `data` (optionally continuing from `crc`). */
export function crc16kermit(data: Uint8Array, crc = 0): number {
  let value = crc & 0xffff;
  for (const byte of data) value = (value >>> 8) ^ TABLE[(value ^ byte) & 0xff]!;
  return value;
}
