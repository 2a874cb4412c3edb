import { describe, expect, it } from 'vitest';
import {
  conditionOf,
  decodeErrorCause,
  decodeOfflineCause,
  decodePaperSensor,
  decodePrinterStatus,
  decodeStatusReply,
  describeState,
  isPrinting,
  isStatusByte,
  printerState,
} from '../../../native/printer/status.js';

/** Condition from an n=1 byte and (optional) n=2 byte, as the driver computes it. */
function condition(n1: number, n2?: number): string {
  const printer = decodePrinterStatus(n1);
  if (!printer) return 'not a status byte';
  return conditionOf(printer, n2 === undefined ? null : decodeOfflineCause(n2));
}

describe('DLE EOT replies', () => {
  it.each([
    [0x12, undefined, 'ok'],
    [0x16, undefined, 'ok'], // drawer pin high does not stop printing
    [0x1a, undefined, 'offline'],
    [0x1a, 0x12, 'offline'],
    [0x1a, 0x32, 'paper_out'],
    [0x1a, 0x16, 'cover_open'],
    [0x1a, 0x36, 'paper_out'], // cover open while the roll is out: paper is the fix
    [0x1a, 0x52, 'error'],
  ])('n1=%i n2=%s → %s', (n1, n2, expected) => {
    expect(condition(n1, n2)).toBe(expected);
  });

  it('reads paper near end and paper end from n=4', () => {
    expect(decodePaperSensor(0x7e)).toEqual({ nearEnd: true, paperEnd: true });
    expect(decodePaperSensor(0x1e)).toEqual({ nearEnd: true, paperEnd: false });
    expect(decodePaperSensor(0x12)).toEqual({ nearEnd: false, paperEnd: false });
  });

  it('reads the error cause from n=3', () => {
    expect(decodeErrorCause(0x1a)).toMatchObject({ autocutter: true, unrecoverable: false });
    expect(decodeErrorCause(0x32)).toMatchObject({ autocutter: false, unrecoverable: true });
  });

  it('reads the offline bit and the feed button from n=1', () => {
    expect(decodePrinterStatus(0x1a)).toMatchObject({ offline: true, feedButtonPressed: false });
    expect(decodePrinterStatus(0x52)).toMatchObject({ offline: false, feedButtonPressed: true });
  });

  it.each([
    [0x00, 'NUL'],
    [0x11, 'XON'],
    [0x13, 'XOFF'],
    [0x13 | 0x80, 'bit 7 set'],
    [0x02, 'bit 4 clear'],
    [0x10, 'bit 1 clear'],
    [0xff, 'all bits'],
    [0x112, 'not a byte'],
  ])('rejects %i (%s) as a status reply', (byte) => {
    expect(isStatusByte(byte)).toBe(false);
    expect(decodePrinterStatus(byte)).toBeNull();
    expect(decodeOfflineCause(byte)).toBeNull();
    expect(decodePaperSensor(byte)).toBeNull();
    expect(decodeStatusReply(1, byte)).toBeNull();
    expect(condition(byte)).toBe('not a status byte');
  });

  it('dispatches on n', () => {
    expect(decodeStatusReply(2, 0x32)).toEqual({ n: 2, status: { coverOpen: false, feedingByButton: false, paperEnd: true, error: false } });
    expect(decodeStatusReply(4, 0x7e)).toEqual({ n: 4, status: { nearEnd: true, paperEnd: true } });
  });
});

describe('printer state with the paper-near-end warning', () => {
  it('is paper_near_end only while ready (DLE EOT 4 bits 2+3), else the condition', () => {
    expect(decodePaperSensor(0x1e)).toEqual({ nearEnd: true, paperEnd: false });
    expect(printerState({ condition: 'ok', paperNearEnd: true })).toBe('paper_near_end');
    expect(printerState({ condition: 'ok', paperNearEnd: false })).toBe('ok');
    expect(printerState({ condition: 'paper_out', paperNearEnd: true })).toBe('paper_out');
    expect(isPrinting('paper_near_end')).toBe(true);
    expect(isPrinting('cover_open')).toBe(false);
    expect(describeState('paper_near_end')).toMatch(/near end/);
  });
});
