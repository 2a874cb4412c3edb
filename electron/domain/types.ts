/** The domain's own vocabulary: plain types, shared by its modules, owned by nobody outside. */

/** How an article is counted: pieces, or kilograms (weighed; quantities in grams = thousandths). */
export type Unit = 'pcs' | 'kg';

/**
 * A store's layout of restricted-circulation EAN-13 barcodes (prefix 20–29) printed by scales:
 * prefix (2 digits) + item code (`itemDigits`) + [price/measure verifier digit] + value + check
 * digit, 13 in all. The value is grams (`weight`) or cents (`price`).
 */
export interface WeightBarcodeLayout {
  prefix: string;
  itemDigits: number;
  kind: 'weight' | 'price';
  verifier: boolean;
}
