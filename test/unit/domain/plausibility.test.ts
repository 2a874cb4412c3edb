import { describe, expect, it } from 'vitest';
import { implausibleCash, implausibleQuantity, quantityFitsUnit } from '../../../electron/domain/plausibility.js';
import { policyPrice } from '../../../electron/domain/zero-price.js';

const LIMITS = { maxPcs: 999, maxKgMilli: 99_999 };

describe('what a tired cashier may have typed', () => {
  it.each([
    ['pcs', 1000, true],
    ['pcs', 25_000, true],
    ['pcs', 1500, false],
    ['pcs', 1, false],
    ['pcs', -2000, true],
    ['kg', 1250, true],
    ['kg', 1, true],
    ['kg', 1.5, false],
  ] as const)('a %s article takes %d thousandths: %s', (unit, q, fits) => {
    expect(quantityFitsUnit(unit, q)).toBe(fits);
  });

  it.each([
    ['pcs', 999_000, null, null],
    ['pcs', 1_000_000, null, { reason: 'limit', limitMilli: 999_000 }],
    ['kg', 99_999, null, null],
    ['kg', 100_000, null, { reason: 'limit', limitMilli: 99_999 }],
    // Far above the stock: more than twice it and more than ten units over it.
    ['pcs', 12_000, 2_000, null],
    ['pcs', 13_000, 2_000, { reason: 'stock', stockMilli: 2_000 }],
    ['pcs', 100_000, 50_000, null],
    ['pcs', 101_000, 50_000, { reason: 'stock', stockMilli: 50_000 }],
    ['pcs', 11_000, 0, { reason: 'stock', stockMilli: 0 }],
    ['pcs', 11_000, -3_000, { reason: 'stock', stockMilli: -3_000 }],
    ['pcs', 500_000, null, null],
    ['pcs', -13_000, 2_000, { reason: 'stock', stockMilli: 2_000 }],
  ] as const)('%s %d with stock %s: %j', (unit, q, stock, expected) => {
    expect(implausibleQuantity(unit, q, stock, LIMITS)).toEqual(expected);
  });

  it('cash above the amount due plus the largest banknote is asked about; a shop that set no banknote is never asked', () => {
    expect(implausibleCash(21_234, 1_234, 20_000)).toBeNull();
    expect(implausibleCash(21_235, 1_234, 20_000)).toEqual({ limitMinor: 21_234 });
    expect(implausibleCash(500_000, 1_234, 20_000)).toEqual({ limitMinor: 21_234 });
    expect(implausibleCash(500_000, 1_234, 0)).toBeNull();
  });

  it('a row discounted by 100 % sells for nothing as surely as a price of 0', () => {
    expect(policyPrice({ unitPriceMinor: 500, discountBp: 10_000 })).toBe(0);
    expect(policyPrice({ unitPriceMinor: 500, discountBp: 9_999 })).toBe(500);
    expect(policyPrice({ unitPriceMinor: 0, discountBp: 0 })).toBe(0);
  });
});
