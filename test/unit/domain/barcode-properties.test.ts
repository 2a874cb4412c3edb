import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WeightBarcodeLayout } from '../../../electron/contract/api.js';
import {
  encodeWeightBarcode,
  gs1CheckDigit,
  isValidGtin,
  parseWeightBarcode,
  priceLabelRow,
  valueDigits,
} from '../../../electron/domain/barcode.js';
import { rowSum } from '../../../electron/domain/totals.js';

const digits = (min: number, max = min) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
const withCheck = (data: string) => `${data}${gs1CheckDigit(data)}`;

/** Changes the digit at `at` to another digit (`by` 1..9 steps further round the dial). */
const changeDigit = (code: string, at: number, by: number) =>
  `${code.slice(0, at)}${(Number(code[at]) + by) % 10}${code.slice(at + 1)}`;

/** Every layout shape the settings accept that GS1 can verify. */
const layouts = fc
  .record({
    prefix: fc.integer({ min: 20, max: 29 }).map(String),
    itemDigits: fc.integer({ min: 3, max: 6 }),
    kind: fc.constantFrom<'weight' | 'price'>('weight', 'price'),
    verifier: fc.boolean(),
  })
  .filter((l) => WeightBarcodeLayout.safeParse(l).success && (!l.verifier || valueDigits(l) <= 5));

describe('GS1 check digits (properties)', () => {
  it('data + computed check digit is a valid GTIN, for every GTIN length', () => {
    fc.assert(
      fc.property(fc.constantFrom(7, 11, 12, 13).chain(digits), (data) => {
        expect(isValidGtin(withCheck(data))).toBe(true);
      }),
    );
  });

  it('any single changed digit is detected (12 random digits + check)', () => {
    fc.assert(
      fc.property(digits(12), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), (data, at, by) => {
        expect(isValidGtin(changeDigit(withCheck(data), at, by))).toBe(false);
      }),
    );
  });
});

describe('scale labels (properties)', () => {
  it('encode → parse gives back the item code, kind and value, for every layout shape', () => {
    const shapes = layouts.chain((layout) =>
      fc.record({
        layout: fc.constant(layout),
        itemCode: digits(layout.itemDigits),
        value: fc.integer({ min: 0, max: 10 ** valueDigits(layout) - 1 }),
      }),
    );
    fc.assert(
      fc.property(shapes, ({ layout, itemCode, value }) => {
        const code = encodeWeightBarcode(layout, itemCode, value);
        expect(code).toMatch(/^\d{13}$/);
        expect(isValidGtin(code)).toBe(true);
        expect(parseWeightBarcode(code, [layout])).toEqual({ itemCode, kind: layout.kind, value });
      }),
    );
  });

  it('each of the shapes the brief names is covered: item 4, 5, 6 digits, with and without verifier', () => {
    for (const [itemDigits, verifier] of [[4, false], [5, false], [6, false], [4, true], [5, true]] as const) {
      const layout = { prefix: '28', itemDigits, kind: 'price' as const, verifier };
      const code = encodeWeightBarcode(layout, '9'.repeat(itemDigits), 1234);
      expect(parseWeightBarcode(code, [layout])).toEqual({ itemCode: '9'.repeat(itemDigits), kind: 'price', value: 1234 });
    }
  });

  it('a misread value digit behind a right EAN check digit is caught by the verifier', () => {
    const verified = layouts.filter((l) => l.verifier);
    const cases = verified.chain((layout) =>
      fc.record({
        layout: fc.constant(layout),
        value: fc.integer({ min: 0, max: 10 ** valueDigits(layout) - 1 }),
        at: fc.integer({ min: 0, max: valueDigits(layout) - 1 }),
        by: fc.integer({ min: 1, max: 9 }),
      }),
    );
    fc.assert(
      fc.property(cases, ({ layout, value, at, by }) => {
        const code = encodeWeightBarcode(layout, '0'.repeat(layout.itemDigits), value);
        const data = changeDigit(code.slice(0, 12), 12 - valueDigits(layout) + at, by);
        expect(parseWeightBarcode(withCheck(data), [layout])).toEqual({ error: 'verifier' });
      }),
    );
  });

  it('never throws, whatever is typed or scanned', () => {
    const input = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), digits(0, 16), digits(11, 14).map((d) => `2${d}`));
    fc.assert(
      fc.property(input, fc.array(layouts, { maxLength: 4 }), (code, ls) => {
        const out = parseWeightBarcode(code, ls);
        if (out !== null && !('error' in out)) {
          expect(Number.isSafeInteger(out.value) && out.value >= 0).toBe(true);
          expect(code).toContain(out.itemCode);
        }
        expect(typeof isValidGtin(code)).toBe('boolean');
      }),
    );
  });

  it('a price label row always sums to the label price', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999 }),
        fc.constantFrom<'kg' | 'pcs'>('kg', 'pcs'),
        fc.integer({ min: 0, max: 100_000 }),
        (label, unit, price) => {
          const row = priceLabelRow(label, unit, price);
          expect(rowSum({ ...row, vatRateBp: 2200, discountBp: 0 })).toBe(label);
          expect(row.quantityMilli).toBeGreaterThan(0);
        },
      ),
    );
  });
});
