import { describe, expect, it } from 'vitest';
import { priceForCustomer, type PriceFormula } from '../../../electron/domain/pricing.js';

const formula = (discountBp: number, priceListCode: string | null): PriceFormula => ({ discountBp, priceListCode });

describe("priceForCustomer: the customer's price formula re-prices a row", () => {
  it.each([
    { what: 'anonymous customer: base price, no discount', base: 1999, list: null, f: null, price: 1999, bp: 0 },
    { what: 'no formula ignores a list price', base: 1999, list: 1799, f: null, price: 1999, bp: 0 },
    { what: 'discount only', base: 1999, list: null, f: formula(1000, null), price: 1999, bp: 1000 },
    { what: 'discount only ignores a list price', base: 1999, list: 1799, f: formula(1000, null), price: 1999, bp: 1000 },
    { what: 'list has the article', base: 1999, list: 1799, f: formula(0, 'WHOLESALE'), price: 1799, bp: 0 },
    { what: 'list price and discount', base: 1999, list: 1799, f: formula(1250, 'WHOLESALE'), price: 1799, bp: 1250 },
    { what: 'list lacks the article: base', base: 1999, list: null, f: formula(500, 'WHOLESALE'), price: 1999, bp: 500 },
    { what: 'a list price of 0 is a price', base: 1999, list: 0, f: formula(0, 'PROMO'), price: 0, bp: 0 },
    { what: 'full discount', base: 1999, list: null, f: formula(10_000, null), price: 1999, bp: 10_000 },
  ])('$what', ({ base, list, f, price, bp }) => {
    expect(priceForCustomer(base, list, f)).toEqual({ unitPriceMinor: price, discountBp: bp });
  });

  it('refuses a discount outside 0..100 %', () => {
    for (const bp of [-1, 10_001, 1.5]) expect(() => priceForCustomer(100, null, formula(bp, null))).toThrow(RangeError);
  });
});
