import { describe, expect, it } from 'vitest';
import { computeTotals, rowSum } from '../../../electron/domain/totals.js';

describe('rowSum: quantity × unit price incl. VAT, to the cent, half up', () => {
  it.each([
    { quantityMilli: 1000, unitPriceMinor: 119, expected: 119 },
    { quantityMilli: 3000, unitPriceMinor: 399, expected: 1197 },
    { quantityMilli: 1250, unitPriceMinor: 179, expected: 224 }, // 2.2375 → 2.24
    { quantityMilli: 1234, unitPriceMinor: 1099, expected: 1356 }, // 13.56166 → 13.56
    { quantityMilli: 500, unitPriceMinor: 1, expected: 1 }, // 0.005 → 0.01 (half up)
    { quantityMilli: 333, unitPriceMinor: 1, expected: 0 },
    { quantityMilli: 1, unitPriceMinor: 99999, expected: 100 }, // 0.001 kg × 999.99
    { quantityMilli: -1000, unitPriceMinor: 250, expected: -250 },
    { quantityMilli: -500, unitPriceMinor: 1, expected: -1 }, // mirrored: round(-x) = -round(x)
  ])('$quantityMilli milli × $unitPriceMinor → $expected', ({ quantityMilli, unitPriceMinor, expected }) => {
    expect(rowSum({ quantityMilli, unitPriceMinor, vatRateBp: 2200 })).toBe(expected);
  });
});

describe('computeTotals', () => {
  it('sums rows and extracts VAT per rate from the gross (22 %, 9 %, 0 %)', () => {
    const t = computeTotals([
      { quantityMilli: 1000, unitPriceMinor: 1220, vatRateBp: 2200 },
      { quantityMilli: 2000, unitPriceMinor: 545, vatRateBp: 900 },
      { quantityMilli: 1000, unitPriceMinor: 1000, vatRateBp: 0 },
      { quantityMilli: 1000, unitPriceMinor: 122, vatRateBp: 2200 },
    ]);
    expect(t.rowSums).toEqual([1220, 1090, 1000, 122]);
    expect(t.totalMinor).toBe(3432);
    expect(t.vat).toEqual([
      { rateBp: 2200, grossMinor: 1342, netMinor: 1100, vatMinor: 242 },
      { rateBp: 900, grossMinor: 1090, netMinor: 1000, vatMinor: 90 },
      { rateBp: 0, grossMinor: 1000, netMinor: 1000, vatMinor: 0 },
    ]);
  });

  it('takes VAT from the rate group, so many small rows do not drift', () => {
    // 10 × 0.99 at 22 %: per-row VAT would be 10 × 0.18 = 1.80; on the group sum 9.90 it is 1.79.
    const rows = Array.from({ length: 10 }, () => ({ quantityMilli: 1000, unitPriceMinor: 99, vatRateBp: 2200 }));
    const t = computeTotals(rows);
    expect(t.totalMinor).toBe(990);
    expect(t.vat).toEqual([{ rateBp: 2200, grossMinor: 990, netMinor: 811, vatMinor: 179 }]);
  });

  it('an empty receipt totals zero with no VAT lines', () => {
    expect(computeTotals([])).toEqual({ rowSums: [], vat: [], totalMinor: 0 });
  });

  it('invariant: total = Σ rows = Σ (net + VAT) over rates, for many random receipts', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const rates = [0, 900, 2200, 2400];
    for (let i = 0; i < 500; i++) {
      const rows = Array.from({ length: 1 + rand(12) }, () => ({
        quantityMilli: 1 + rand(20_000),
        unitPriceMinor: rand(100_000),
        vatRateBp: rates[rand(rates.length)] ?? 0,
      }));
      const t = computeTotals(rows);
      expect(t.totalMinor).toBe(t.rowSums.reduce((a, b) => a + b, 0));
      expect(t.vat.reduce((a, v) => a + v.netMinor + v.vatMinor, 0)).toBe(t.totalMinor);
      for (const v of t.vat) expect(Number.isInteger(v.vatMinor)).toBe(true);
    }
  });
});
