/**
 * POSNET frame checksum (POT-I-DEV-37 "Suma kontrolna"): CRC-16/CCITT in the XMODEM variant —
 * poly 0x1021, init 0x0000, no input/output reflection, xorout 0x0000 — over every byte between
 * STX and the '#' that precedes the checksum. Check values (tested):
 * "123456789" → 0x31C3, "trinit\tbm0\t" → 0x4825.
 */

const TABLE: Uint16Array = (() => {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let crc = n << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[n] = crc;
  }
  return table;
})();

export function crc16xmodem(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff]!;
  return crc;
}

/** The checksum as the frame carries it: four upper-case hex digits. */
export function crcHex(data: Uint8Array): string {
  return crc16xmodem(data).toString(16).toUpperCase().padStart(4, '0');
}
