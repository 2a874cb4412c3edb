/** The ZVT adapter hands the use cases the terminal's receipts one by one, each with its copy. */
import { describe, expect, it } from 'vitest';
import { slipsOf } from '../../../electron/devices/terminal/zvt.js';

describe('slipsOf', () => {
  it('keeps the receipts apart and says whose each is (administration is the shop’s)', () => {
    expect(
      slipsOf({
        printLines: ['C1', 'C2', 'M1', 'A1', 'U1'],
        receipts: [
          { type: 'customer', lines: ['C1', 'C2'] },
          { type: 'merchant', lines: ['M1'] },
          { type: 'administration', lines: ['A1'] },
          { type: 'unknown', lines: ['U1'] },
          { type: 'customer', lines: [] },
        ],
      }),
    ).toEqual([
      { copy: 'customer', lines: ['C1', 'C2'] },
      { copy: 'merchant', lines: ['M1'] },
      { copy: 'merchant', lines: ['A1'] },
      { copy: 'unknown', lines: ['U1'] },
    ]);
  });

  it('lines a driver did not cut into receipts are one slip of unknown copy; no lines, no slip', () => {
    expect(slipsOf({ printLines: ['L1', 'L2'] })).toEqual([{ copy: 'unknown', lines: ['L1', 'L2'] }]);
    expect(slipsOf({ printLines: [] })).toEqual([]);
  });
});
