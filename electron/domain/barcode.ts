import type { Unit, WeightBarcodeLayout } from './types.js';
import { D } from './money.js';
import { rowSum } from './totals.js';

/**
 * Barcodes as a till reads them: the GS1 check digit of every GTIN, and the restricted-circulation
 * EAN-13 labels (prefixes 20–29) that shop scales print with a weight or a price inside
 * (GS1 General Specifications). Pure: no I/O, never throws on what a scanner or a person may type.
 */

const DIGITS = /^\d+$/;

/**
 * GS1 mod-10 check digit of `data` (the digits before the check digit): weights 3, 1, 3, … from
 * the right, check = (10 − sum mod 10) mod 10 (GS1 General Specifications §7.9.1). Counting from
 * the right is what makes one function serve GTIN-8, -12, -13 and -14 alike.
 */
export function gs1CheckDigit(data: string): number {
  if (!DIGITS.test(data)) throw new RangeError(`not a digit string: ${JSON.stringify(data)}`);
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const digit = data.charCodeAt(data.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** The lengths a GTIN comes in: EAN-8, UPC-A, EAN-13, GTIN-14. */
export const GTIN_LENGTHS: readonly number[] = [8, 12, 13, 14];

/** True for a GTIN-8/12/13/14 (digits only) whose last digit is its GS1 check digit. */
export function isValidGtin(code: string): boolean {
  if (!DIGITS.test(code) || !GTIN_LENGTHS.includes(code.length)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

// Price/measure verifier digit (GS1 General Specifications §7.9.2–7.9.4). Each position of the
// value has a weighting factor; the factor's "product" of a digit is looked up, not multiplied:
//   2-: 2 × d, then the tens digit subtracted from the units digit (mod 10)
//   3 : units digit of 3 × d
//   5+: 5 × d, then the tens digit added to the units digit
//   5-: 5 × d, then the tens digit subtracted from the units digit (mod 10)
const TWO_MINUS = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7] as const;
const THREE = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7] as const;
const FIVE_PLUS = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9] as const;
const FIVE_MINUS = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1] as const;
type Products = readonly number[];

const productSum = (value: string, factors: readonly Products[]): number =>
  factors.reduce((sum, table, i) => sum + (table[value.charCodeAt(i) - 48] ?? 0), 0);

/**
 * The verifier digit of a 4- or 5-digit price or measure, or null for any other length: GS1
 * defines none for longer values, so a layout asking for one there can never be trusted.
 * - 4 digits (§7.9.3): factors 2-, 2-, 3, 5-; the digit is the units digit of 3 × the sum.
 *   2875 → 4 + 5 + 1 + 3 = 13, 3 × 13 = 39 → 9.
 * - 5 digits (§7.9.4): factors 5+, 2-, 5-, 5+, 2-; the sum is taken from the next multiple of
 *   ten, and the digit is the one whose 5- product equals that difference.
 *   14685 → 5 + 8 + 7 + 4 + 9 = 33, 40 − 33 = 7, and 5-(6) = 7 → 6.
 */
export function priceVerifierDigit(value: string): number | null {
  if (!DIGITS.test(value)) return null;
  if (value.length === 4) return (productSum(value, [TWO_MINUS, TWO_MINUS, THREE, FIVE_MINUS]) * 3) % 10;
  if (value.length === 5) {
    const target = (10 - (productSum(value, [FIVE_PLUS, TWO_MINUS, FIVE_MINUS, FIVE_PLUS, TWO_MINUS]) % 10)) % 10;
    return FIVE_MINUS.indexOf(target as (typeof FIVE_MINUS)[number]);
  }
  return null;
}

/** The value widths GS1 defines a price/measure verifier digit for. */
const VERIFIED_WIDTHS: readonly number[] = [4, 5];

export type ScaleLabel = { itemCode: string; kind: 'weight' | 'price'; value: number };
export type ScaleLabelError = { error: 'check_digit' | 'verifier' };

/** Digits the value takes in a layout: 13 − prefix (2) − item − verifier − check digit (1). */
export const valueDigits = (l: WeightBarcodeLayout): number => 10 - l.itemDigits - (l.verifier ? 1 : 0);

/**
 * Reads a scale label: `prefix` + item code + [verifier] + value + check digit. `value` is grams
 * (`weight`) or cents (`price`). Null when the code is not 13 digits or no layout's prefix fits
 * (it is some other barcode); an error when a layout fits but a digit says it was misread.
 * A UPC-A (12 digits) is read as the EAN-13 with a leading 0, so it never matches a 2x prefix.
 * The first layout with the code's prefix decides; a verifier layout with a value of other than
 * 4 or 5 digits is skipped (GS1 has no verifier for it).
 */
export function parseWeightBarcode(
  code: string,
  layouts: readonly WeightBarcodeLayout[],
): ScaleLabel | ScaleLabelError | null {
  const ean = /^\d{12}$/.test(code) ? `0${code}` : code;
  if (!/^\d{13}$/.test(ean)) return null;
  const layout = layouts.find((l) => ean.startsWith(l.prefix) && (!l.verifier || VERIFIED_WIDTHS.includes(valueDigits(l))));
  if (!layout) return null;
  if (!isValidGtin(ean)) return { error: 'check_digit' };
  const itemEnd = 2 + layout.itemDigits;
  const value = ean.slice(12 - valueDigits(layout), 12);
  if (layout.verifier && priceVerifierDigit(value) !== Number(ean[itemEnd])) return { error: 'verifier' };
  return { itemCode: ean.slice(2, itemEnd), kind: layout.kind, value: Number(value) };
}

/** The label a scale would print: the inverse of parseWeightBarcode (tests and demo data use it). */
export function encodeWeightBarcode(layout: WeightBarcodeLayout, itemCode: string, value: number): string {
  const width = valueDigits(layout);
  const digits = String(value);
  if (!/^\d+$/.test(itemCode) || itemCode.length !== layout.itemDigits) throw new RangeError(`item code must be ${layout.itemDigits} digits`);
  if (!Number.isSafeInteger(value) || value < 0 || digits.length > width) throw new RangeError(`value must fit ${width} digits`);
  const padded = digits.padStart(width, '0');
  const verifier = layout.verifier ? String(priceVerifierDigit(padded) ?? '') : '';
  if (layout.verifier && verifier === '') throw new RangeError('GS1 defines a verifier digit only for 4- or 5-digit values');
  const data = `${layout.prefix}${itemCode}${verifier}${padded}`;
  return `${data}${gs1CheckDigit(data)}`;
}

/**
 * The row a price label becomes. The label's price is what the customer pays, so the row sum
 * (computeTotals: quantity × unit price, half-up) must equal it exactly:
 * - kg article with a price: the weight is derived, quantity = label ÷ unit price to 3 decimals
 *   (half-up), and kept with the article's unit price when that sum hits the label to the cent —
 *   always the case below 10.00 per kg, since the quantity is then off by < 0.5 cent;
 * - otherwise (pcs, no price, or an expensive kg article whose derived sum misses): one unit at
 *   the label price, which is exact by construction.
 */
export function priceLabelRow(
  labelMinor: number,
  unit: Unit,
  articlePriceMinor: number,
): { quantityMilli: number; unitPriceMinor: number } {
  const oneUnit = { quantityMilli: 1000, unitPriceMinor: labelMinor };
  if (unit !== 'kg' || articlePriceMinor <= 0 || labelMinor <= 0) return oneUnit;
  const quantityMilli = new D(labelMinor).times(1000).dividedBy(articlePriceMinor).toDecimalPlaces(0).toNumber();
  if (quantityMilli <= 0 || quantityMilli > 1_000_000_000) return oneUnit;
  const derived = { quantityMilli, unitPriceMinor: articlePriceMinor };
  return rowSum({ ...derived, vatRateBp: 0, discountBp: 0 }) === labelMinor ? derived : oneUnit;
}
