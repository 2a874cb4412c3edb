import { describe, expect, it } from 'vitest';
import { roundCash } from '../../../electron/domain/rounding.js';

describe('roundCash: Estonian 5-cent cash rounding', () => {
  it.each([
    { amount: 1220, expected: 1220 }, // 0 stays
    { amount: 1221, expected: 1220 }, // 1, 2 → down to 0
    { amount: 1222, expected: 1220 },
    { amount: 1223, expected: 1225 }, // 3, 4 → up to 5
    { amount: 1224, expected: 1225 },
    { amount: 1225, expected: 1225 }, // 5 stays
    { amount: 1226, expected: 1225 }, // 6, 7 → down to 5
    { amount: 1227, expected: 1225 },
    { amount: 1228, expected: 1230 }, // 8, 9 → up to 10
    { amount: 1229, expected: 1230 },
    { amount: 3076, expected: 3075 }, // €30.76 → €30.75
    { amount: 1299, expected: 1300 }, // carries into the euros
    { amount: 0, expected: 0 },
    { amount: 1, expected: 0 },
    { amount: 2, expected: 0 },
    { amount: 3, expected: 5 },
  ])('$amount → $expected', ({ amount, expected }) => {
    expect(roundCash(amount, '0.05')).toBe(expected);
  });

  it.each([
    { amount: -1221, expected: -1220 },
    { amount: -1222, expected: -1220 },
    { amount: -1223, expected: -1225 },
    { amount: -1224, expected: -1225 },
    { amount: -1226, expected: -1225 },
    { amount: -1227, expected: -1225 },
    { amount: -1228, expected: -1230 },
    { amount: -1229, expected: -1230 },
    { amount: -3076, expected: -3075 },
  ])('refunds round the same way: $amount → $expected', ({ amount, expected }) => {
    expect(roundCash(amount, '0.05')).toBe(expected);
    expect(roundCash(-amount, '0.05')).toBe(-expected);
  });

  it('a 1–2 cent refund rounds to 0, not -0', () => {
    expect(Object.is(roundCash(-1, '0.05'), 0)).toBe(true);
    expect(Object.is(roundCash(-2, '0.05'), 0)).toBe(true);
  });

  it("'none' returns the amount unchanged", () => {
    for (const amount of [0, 1, 1222, 1223, -1227, 3076]) expect(roundCash(amount, 'none')).toBe(amount);
  });

  it('stays within the safe range at its edges', () => {
    expect(roundCash(Number.MAX_SAFE_INTEGER, '0.05')).toBe(Number.MAX_SAFE_INTEGER - 1);
    expect(roundCash(Number.MIN_SAFE_INTEGER, '0.05')).toBe(Number.MIN_SAFE_INTEGER + 1);
  });

  it('throws RangeError on amounts that are not whole safe cents, and on an unknown rule', () => {
    for (const bad of [1.5, Number.NaN, Infinity, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => roundCash(bad, '0.05')).toThrow(RangeError);
      expect(() => roundCash(bad, 'none')).toThrow(RangeError);
    }
    expect(() => roundCash(100, '0.10' as never)).toThrow(RangeError);
  });
});
