import { describe, expect, it } from 'vitest';
import { computeTotals, listSum, rowSum } from '../../../electron/domain/totals.js';

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
    const row = { quantityMilli, unitPriceMinor, vatRateBp: 2200, discountBp: 0 };
    expect(rowSum(row)).toBe(expected);
    expect(listSum(row)).toBe(expected);
  });

  it('a credit row that rounds to nothing is 0, not -0', () => {
    expect(Object.is(rowSum({ quantityMilli: -333, unitPriceMinor: 1, vatRateBp: 2200, discountBp: 0 }), 0)).toBe(true);
  });
});

describe('rowSum with a discount: one exact expression, rounded half up once', () => {
  it.each([
    { q: 1000, price: 1000, bp: 1000, list: 1000, sum: 900 }, // 10 %
    { q: 1000, price: 1999, bp: 1250, list: 1999, sum: 1749 }, // 12.5 %: 17.49125
    { q: 1250, price: 179, bp: 1000, list: 224, sum: 201 }, // 1.25 kg: 2.2375 × 0.9 = 2.01375
    { q: 1234, price: 1099, bp: 1500, list: 1356, sum: 1153 }, // 1.234 kg: 13.56166 × 0.85 = 11.527411
    { q: 1000, price: 105, bp: 5000, list: 105, sum: 53 }, // 0.525 → 0.53 (half up)
    { q: 1000, price: 1, bp: 5000, list: 1, sum: 1 }, // 0.005 → 0.01
    { q: 500, price: 1, bp: 5000, list: 1, sum: 0 }, // 0.0025 → 0 (rounding the list sum first would give 0.01)
    { q: 3000, price: 399, bp: 10_000, list: 1197, sum: 0 }, // 100 %
    { q: 3000, price: 399, bp: 0, list: 1197, sum: 1197 },
    { q: -1000, price: 105, bp: 5000, list: -105, sum: -53 }, // credit note: mirrored
    { q: -1250, price: 179, bp: 1000, list: -224, sum: -201 },
  ])('$q milli × $price at $bp bp → list $list, sum $sum', ({ q, price, bp, list, sum }) => {
    const row = { quantityMilli: q, unitPriceMinor: price, vatRateBp: 2200, discountBp: bp };
    expect(listSum(row)).toBe(list);
    expect(rowSum(row)).toBe(sum);
  });

  it('refuses a discount outside 0..100 % and non-whole inputs', () => {
    const row = { quantityMilli: 1000, unitPriceMinor: 100, vatRateBp: 2200, discountBp: 0 };
    for (const discountBp of [-1, 10_001, 12.5, Number.NaN]) {
      expect(() => rowSum({ ...row, discountBp })).toThrow(RangeError);
      expect(() => listSum({ ...row, discountBp })).toThrow(RangeError);
    }
    expect(() => rowSum({ ...row, quantityMilli: 1.5 })).toThrow(RangeError);
    expect(() => rowSum({ ...row, unitPriceMinor: 0.5 })).toThrow(RangeError);
  });
});

describe('computeTotals', () => {
  it('sums rows and extracts VAT per rate from the gross (22 %, 9 %, 0 %)', () => {
    const t = computeTotals([
      { quantityMilli: 1000, unitPriceMinor: 1220, vatRateBp: 2200, discountBp: 0 },
      { quantityMilli: 2000, unitPriceMinor: 545, vatRateBp: 900, discountBp: 0 },
      { quantityMilli: 1000, unitPriceMinor: 1000, vatRateBp: 0, discountBp: 0 },
      { quantityMilli: 1000, unitPriceMinor: 122, vatRateBp: 2200, discountBp: 0 },
    ]);
    expect(t.rowSums).toEqual([1220, 1090, 1000, 122]);
    expect(t.discountSums).toEqual([0, 0, 0, 0]);
    expect(t.totalMinor).toBe(3432);
    expect(t.vat).toEqual([
      { rateBp: 2200, grossMinor: 1342, netMinor: 1100, vatMinor: 242 },
      { rateBp: 900, grossMinor: 1090, netMinor: 1000, vatMinor: 90 },
      { rateBp: 0, grossMinor: 1000, netMinor: 1000, vatMinor: 0 },
    ]);
  });

  it('discounted rows: the discount is list sum − row sum, VAT comes from the discounted gross', () => {
    const t = computeTotals([
      { quantityMilli: 1000, unitPriceMinor: 1220, vatRateBp: 2200, discountBp: 1000 },
      { quantityMilli: 1250, unitPriceMinor: 179, vatRateBp: 900, discountBp: 1000 },
      { quantityMilli: -1000, unitPriceMinor: 105, vatRateBp: 2200, discountBp: 5000 },
    ]);
    expect(t.rowSums).toEqual([1098, 201, -53]);
    expect(t.discountSums).toEqual([122, 23, -52]);
    expect(t.totalMinor).toBe(1246);
    expect(t.vat).toEqual([
      { rateBp: 2200, grossMinor: 1045, netMinor: 857, vatMinor: 188 },
      { rateBp: 900, grossMinor: 201, netMinor: 184, vatMinor: 17 },
    ]);
  });

  it('a credit note mirrors its receipt (0 − x: a zero stays 0, never -0)', () => {
    const rows = [
      { quantityMilli: 1250, unitPriceMinor: 179, vatRateBp: 2200, discountBp: 1000 },
      { quantityMilli: 3000, unitPriceMinor: 399, vatRateBp: 900, discountBp: 0 },
    ];
    const sale = computeTotals(rows);
    const credit = computeTotals(rows.map((r) => ({ ...r, quantityMilli: -r.quantityMilli })));
    expect(credit.rowSums).toEqual(sale.rowSums.map((s) => 0 - s));
    expect(credit.discountSums).toEqual(sale.discountSums.map((s) => 0 - s));
    expect(credit.totalMinor).toBe(0 - sale.totalMinor);
    expect(credit.vat).toEqual(
      sale.vat.map((v) => ({ rateBp: v.rateBp, grossMinor: 0 - v.grossMinor, netMinor: 0 - v.netMinor, vatMinor: 0 - v.vatMinor })),
    );
  });

  it('takes VAT from the rate group, so many small rows do not drift', () => {
    // 10 × 0.99 at 22 %: per-row VAT would be 10 × 0.18 = 1.80; on the group sum 9.90 it is 1.79.
    const rows = Array.from({ length: 10 }, () => ({
      quantityMilli: 1000,
      unitPriceMinor: 99,
      vatRateBp: 2200,
      discountBp: 0,
    }));
    const t = computeTotals(rows);
    expect(t.totalMinor).toBe(990);
    expect(t.vat).toEqual([{ rateBp: 2200, grossMinor: 990, netMinor: 811, vatMinor: 179 }]);
  });

  it('an empty receipt totals zero with no VAT lines', () => {
    expect(computeTotals([])).toEqual({ rowSums: [], discountSums: [], vat: [], totalMinor: 0 });
  });
});
