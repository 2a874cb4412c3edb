import { describe, expect, it } from 'vitest';
import type { WeightBarcodeLayout } from '../../../electron/contract/api.js';
import {
  encodeWeightBarcode,
  gs1CheckDigit,
  isValidGtin,
  parseWeightBarcode,
  priceLabelRow,
  priceVerifierDigit,
} from '../../../electron/domain/barcode.js';

const layout = (prefix: string, itemDigits: number, kind: 'weight' | 'price', verifier = false): WeightBarcodeLayout => ({
  prefix,
  itemDigits,
  kind,
  verifier,
});
/** The till's defaults (ports.ts): 23 = PLU + grams, 24 = PLU + cents. */
const DEFAULTS = [layout('23', 5, 'weight'), layout('24', 5, 'price')];

describe('gs1CheckDigit: mod 10, weights 3,1,3,… from the right', () => {
  // Each worked by hand: e.g. 9638507 → 9·3+6+3·3+8+5·3+0+7·3 = 86 → 4.
  it.each([
    { data: '590123412345', check: 7 }, // GS1's EAN-13 worked example
    { data: '400638133393', check: 1 }, // a printed EAN-13
    { data: '03600029145', check: 2 }, // UPC-A, GS1's worked example
    { data: '9638507', check: 4 }, // EAN-8
    { data: '9501234', check: 6 }, // EAN-8
    { data: '0001234560001', check: 2 }, // GTIN-14
    { data: '230130101250', check: 0 }, // a scale label: 1.250 kg of PLU 01301
  ])('$data → $check', ({ data, check }) => {
    expect(gs1CheckDigit(data)).toBe(check);
  });

  it('refuses anything but digits (a caller bug, not a scan)', () => {
    for (const bad of ['', '12a4', ' 123', '-1', '１２']) expect(() => gs1CheckDigit(bad)).toThrow(RangeError);
  });
});

describe('isValidGtin: EAN-8, UPC-A, EAN-13 and GTIN-14', () => {
  it.each([
    { code: '5901234123457', valid: true },
    { code: '4006381333931', valid: true },
    { code: '036000291452', valid: true },
    { code: '036000241457', valid: true },
    { code: '96385074', valid: true },
    { code: '00012345600012', valid: true },
    { code: '4740010012018', valid: true }, // the demo catalogue's apple juice
    { code: '4006381333932', valid: false }, // its last digit wrong
    { code: '5901234123475', valid: false }, // two digits swapped
    { code: '96385075', valid: false },
    { code: '00012345600013', valid: false },
    { code: '590123412345', valid: false }, // 12 digits, but not a UPC-A
    { code: '1301', valid: false }, // an article code is not a GTIN
    { code: '123456789', valid: false }, // no GTIN has 9 digits
    { code: '590123412345 ', valid: false },
    { code: '59012341234a', valid: false },
    { code: '', valid: false },
  ])('$code → $valid', ({ code, valid }) => {
    expect(isValidGtin(code)).toBe(valid);
  });
});

describe('priceVerifierDigit: GS1 General Specifications §7.9.3–7.9.4', () => {
  it.each([
    // 4 digits, factors 2-, 2-, 3, 5-; digit = units of 3 × sum.
    { value: '2875', digit: 9 }, // GS1's example: 4 + 5 + 1 + 3 = 13, 39 → 9
    { value: '0125', digit: 3 }, // 0 + 2 + 6 + 3 = 11, 33 → 3
    { value: '1000', digit: 6 }, // 2, 6 → 6
    { value: '0000', digit: 0 },
    // 5 digits, factors 5+, 2-, 5-, 5+, 2-; 10-complement of the sum, read back through 5-.
    { value: '14685', digit: 6 }, // GS1's example: 5 + 8 + 7 + 4 + 9 = 33, 40 − 33 = 7 = 5-(6)
    { value: '01250', digit: 7 }, // 0 + 2 + 9 + 7 + 0 = 18, 20 − 18 = 2 = 5-(7)
    { value: '00000', digit: 0 },
  ])('$value → $digit', ({ value, digit }) => {
    expect(priceVerifierDigit(value)).toBe(digit);
  });

  it('exists only for 4- and 5-digit values', () => {
    for (const value of ['', '123', '123456', '12a4']) expect(priceVerifierDigit(value)).toBeNull();
  });
});

describe('parseWeightBarcode: the layouts of a shop', () => {
  const verified = [layout('20', 5, 'price', true), layout('21', 4, 'weight', true)];
  it.each([
    { what: 'weight label: 1.250 kg of PLU 01301', code: '2301301012500', layouts: DEFAULTS, out: { itemCode: '01301', kind: 'weight', value: 1250 } },
    { what: 'price label: 3.58 for PLU 01301', code: '2401301003581', layouts: DEFAULTS, out: { itemCode: '01301', kind: 'price', value: 358 } },
    { what: 'wrong check digit on a matching prefix', code: '2301301012501', layouts: DEFAULTS, out: { error: 'check_digit' } },
    { what: 'a normal GTIN is not a label', code: '4740010012018', layouts: DEFAULTS, out: null },
    { what: 'a prefix no layout has', code: '2201301012503', layouts: DEFAULTS, out: null },
    { what: 'no layouts at all', code: '2301301012500', layouts: [], out: null },
    { what: 'too short', code: '230130101250', layouts: DEFAULTS, out: null },
    { what: 'too long', code: '23013010125000', layouts: DEFAULTS, out: null },
    { what: 'not digits', code: '23013010125x0', layouts: DEFAULTS, out: null },
    { what: 'UPC-A reads as 0 + 12 digits: never a 2x prefix', code: '230130101250', layouts: DEFAULTS, out: null },
    { what: '4-digit price with its verifier 9', code: '2012345928756', layouts: verified, out: { itemCode: '12345', kind: 'price', value: 2875 } },
    { what: '4-digit price, verifier wrong (EAN check right)', code: '2012345828759', layouts: verified, out: { error: 'verifier' } },
    { what: '5-digit weight with its verifier 6', code: '2112346146859', layouts: verified, out: { itemCode: '1234', kind: 'weight', value: 14685 } },
    { what: 'the first layout with the prefix decides', code: '2301301012500', layouts: [layout('23', 6, 'price'), ...DEFAULTS], out: { itemCode: '013010', kind: 'price', value: 1250 } },
    { what: 'a verifier on a 6-digit value is not GS1: skipped', code: '2012301012504', layouts: [layout('20', 3, 'price', true)], out: null },
  ])('$what', ({ code, layouts, out }) => {
    expect(parseWeightBarcode(code, layouts)).toEqual(out);
  });
});

describe('encodeWeightBarcode: what a scale prints', () => {
  it('prints the labels the parser reads', () => {
    expect(encodeWeightBarcode(layout('23', 5, 'weight'), '01301', 1250)).toBe('2301301012500');
    expect(encodeWeightBarcode(layout('20', 5, 'price', true), '12345', 2875)).toBe('2012345928756');
  });

  it('refuses what does not fit the layout', () => {
    expect(() => encodeWeightBarcode(layout('23', 5, 'weight'), '1301', 1)).toThrow(RangeError);
    expect(() => encodeWeightBarcode(layout('23', 5, 'weight'), '01301', 100_000)).toThrow(RangeError);
    expect(() => encodeWeightBarcode(layout('23', 5, 'weight'), '01301', -1)).toThrow(RangeError);
    expect(() => encodeWeightBarcode(layout('20', 3, 'price', true), '123', 1)).toThrow(RangeError);
  });
});

describe('priceLabelRow: the row sum is always the label price', () => {
  it.each([
    { what: 'kg: weight derived, article price kept', label: 358, unit: 'kg', price: 179, row: { quantityMilli: 2000, unitPriceMinor: 179 } },
    // 224 / 179 = 1.2513… → 1.251 kg; 1.251 × 1.79 = 2.23929 → 2.24
    { what: 'kg: derived weight rounds to the gram', label: 224, unit: 'kg', price: 179, row: { quantityMilli: 1251, unitPriceMinor: 179 } },
    // 1001 / 2500 = 0.4004 → 0.400 kg, but 0.400 × 25.00 = 10.00, not 10.01
    { what: 'kg: a derived sum that misses → one unit at the label price', label: 1001, unit: 'kg', price: 2500, row: { quantityMilli: 1000, unitPriceMinor: 1001 } },
    { what: 'kg article without a price', label: 500, unit: 'kg', price: 0, row: { quantityMilli: 1000, unitPriceMinor: 500 } },
    { what: 'pcs article: one piece at the label price', label: 500, unit: 'pcs', price: 299, row: { quantityMilli: 1000, unitPriceMinor: 500 } },
    { what: 'a 0.00 label: one unit at 0 (the zero-price policy decides)', label: 0, unit: 'kg', price: 179, row: { quantityMilli: 1000, unitPriceMinor: 0 } },
    { what: 'kg: a label below half a gram’s worth → one unit', label: 1, unit: 'kg', price: 5000, row: { quantityMilli: 1000, unitPriceMinor: 1 } },
  ] as const)('$what', ({ label, unit, price, row }) => {
    expect(priceLabelRow(label, unit, price)).toEqual(row);
  });
});
