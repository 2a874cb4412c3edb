import { describe, expect, it } from 'vitest';
import {
  CODE_ID_OFFSET,
  MORE_OFFSET,
  codeText,
  createHidPosDecoder,
  decodeReports,
  encodeReports,
  parseHidReport,
  parseScannedData,
} from '../../../native/scanner/hid-pos.js';

const bytes = (text: string) => [...Buffer.from(text, 'utf8')];

/**
 * One report as node-hid delivers it, written out by hand: report ID, then a 63-byte payload
 * with `at` placing bytes at payload offsets (0 = the length byte).
 */
function report(at: Record<number, number[]>, { id = 0x02, size = 63 }: { id?: number; size?: number } = {}): Uint8Array {
  const payload = new Uint8Array(size);
  for (const [offset, values] of Object.entries(at)) payload.set(values, Number(offset));
  return Uint8Array.of(id, ...payload);
}

// Honeywell Voyager (VID 0x0C2E), EAN-13 with AIM ]E0, Honeywell code ID 'd' (0x64) at byte 60.
const honeywellEan13 = report({ 0: [13], 1: bytes(']E0'), 4: bytes('5901234123457'), [CODE_ID_OFFSET]: [0x64] });
// Zebra DS2208 (VID 0x05E0), Code 128 with AIM ]C0 and the scanner's CR suffix.
const zebraCode128 = report({ 0: [8], 1: bytes(']C0'), 4: bytes('ABC-123\r') });
// Firmware that puts one byte before the AIM ID: ']' at offset 2, data from 5.
const shiftedAim = report({ 0: [8], 1: [0x00], 2: bytes(']E4'), 5: bytes('96385074') });
// A scanner without AIM IDs: zero symbology bytes, data from 4.
const noAim = report({ 0: [6], 4: bytes('123456') });

describe('HID POS scanned data report (usage page 0x8C)', () => {
  it.each([
    { name: 'Honeywell EAN-13', input: honeywellEan13, code: '5901234123457', aim: ']E0', codeId: 0x64 },
    { name: 'Zebra Code 128, trailing CR stripped', input: zebraCode128, code: 'ABC-123', aim: ']C0', codeId: 0 },
    { name: 'AIM ID at offset 2', input: shiftedAim, code: '96385074', aim: ']E4', codeId: 0 },
    { name: 'no AIM ID', input: noAim, code: '123456', aim: null, codeId: 0 },
    // The length byte is what counts: bytes after it (stale buffer content) are not part of the code.
    { name: 'stale bytes after the length', input: report({ 0: [4], 1: bytes(']A0'), 4: bytes('ABCDxyz') }), code: 'ABCD', aim: ']A0', codeId: 0 },
  ])('$name', ({ input, code, aim, codeId }) => {
    expect(decodeReports([input])).toEqual([{ code, aim, codeId }]);
  });

  it('joins a code spread over several reports (byte 62 set on all but the last)', () => {
    // A QR code of 120 characters from a Honeywell 1950g: 56 + 56 + 8 bytes.
    const text = Array.from({ length: 120 }, (_, i) => String.fromCharCode(65 + (i % 26))).join('');
    const reports = [
      report({ 0: [56], 1: bytes(']Q1'), 4: bytes(text.slice(0, 56)), [CODE_ID_OFFSET]: [0x73], [MORE_OFFSET]: [1] }),
      report({ 0: [56], 1: bytes(']Q1'), 4: bytes(text.slice(56, 112)), [CODE_ID_OFFSET]: [0x73], [MORE_OFFSET]: [1] }),
      report({ 0: [9], 1: bytes(']Q1'), 4: bytes(`${text.slice(112)}\r`), [CODE_ID_OFFSET]: [0x73] }),
    ];
    const decoder = createHidPosDecoder();
    expect(decoder.push(reports[0]!)).toBeNull();
    expect(decoder.push(reports[1]!)).toBeNull();
    expect(decoder.push(reports[2]!)).toEqual({ code: text, aim: ']Q1', codeId: 0x73 });
    // The decoder starts over: the next scan is a code of its own.
    expect(decoder.push(honeywellEan13)?.code).toBe('5901234123457');
  });

  it('keeps a UTF-8 character split across two reports whole', () => {
    const text = `${'x'.repeat(55)}Ä-märk`; // 'Ä' is 2 bytes: its first byte is the 56th of report 1
    const utf8 = Buffer.from(text, 'utf8');
    const reports = [
      report({ 0: [56], 1: bytes(']Q1'), 4: [...utf8.subarray(0, 56)], [MORE_OFFSET]: [1] }),
      report({ 0: [utf8.length - 56], 1: bytes(']Q1'), 4: [...utf8.subarray(56)] }),
    ];
    expect(decodeReports(reports).map((s) => s.code)).toEqual([text]);
  });

  it('reads a Honeywell multi-report answer as hidapi hands it over (report ID first)', () => {
    // Shape of a REVINF answer: [2, 56, ']', 'X', '0', 'Product Name: …', …, more].
    const first = report({ 0: [56], 1: bytes(']X0'), 4: bytes('Product Name: Voyager 1470g'.padEnd(56, ' ')), [MORE_OFFSET]: [1] });
    const last = report({ 0: [12], 1: bytes(']X0'), 4: bytes('Rev: 1.2.3\r\n') });
    const [scan] = decodeReports([first, last]);
    expect(scan?.code.startsWith('Product Name: Voyager 1470g')).toBe(true);
    expect(scan?.code.endsWith('Rev: 1.2.3')).toBe(true);
    expect(scan?.aim).toBe(']X0');
  });

  it('ignores other reports, truncated reports and codes that come out empty', () => {
    expect(parseHidReport(report({ 0: [6], 4: bytes('123456') }, { id: 0x01 }))).toBeNull();
    expect(parseHidReport(Uint8Array.of(0x02, 3, 0x5d))).toBeNull();
    expect(parseScannedData(Uint8Array.of(2, 0x5d, 0x45, 0x30, 0x31, 0x32))).toEqual({ aim: ']E0', data: Uint8Array.of(0x31, 0x32), more: false, codeId: 0 });
    // A length beyond the bytes received is cut at what arrived (and never reaches the trailer).
    expect(parseScannedData(report({ 0: [200], 1: bytes(']E0'), 4: bytes('42') }).subarray(1))?.data.length).toBe(MORE_OFFSET - 4);
    expect(decodeReports([report({ 0: [1], 1: bytes(']E0'), 4: [0x0d] })])).toEqual([]);
  });

  it('strips only the trailing CR/LF', () => {
    expect(codeText(Uint8Array.from(bytes('A\rB\r\n')))).toBe('A\rB');
  });

  it('round-trips through the encoder, also long, shifted and AIM-less codes', () => {
    const long = '0123456789'.repeat(20); // 200 characters: 4 reports
    const reports = encodeReports(long, { aim: ']Q1', codeId: 0x73 });
    expect(reports).toHaveLength(4);
    expect(reports.every((r) => r.length === 64 && r[0] === 0x02)).toBe(true);
    expect(reports.map((r) => r[1 + MORE_OFFSET])).toEqual([1, 1, 1, 0]);
    expect(decodeReports(reports)).toEqual([{ code: long, aim: ']Q1', codeId: 0x73 }]);
    expect(decodeReports(encodeReports(long, { shifted: true, suffixCr: true }))).toEqual([{ code: long, aim: ']E0', codeId: 0 }]);
    expect(decodeReports(encodeReports('4006381333931', { aim: null }))).toEqual([{ code: '4006381333931', aim: null, codeId: 0 }]);
  });
});
