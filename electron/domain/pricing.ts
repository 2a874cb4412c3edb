/**
 * A customer's price formula (Directo "hinnavalem"): picking a customer re-prices the receipt's rows
 * by it. It may name a price list and carries a discount in basis points.
 */
export interface PriceFormula {
  discountBp: number;
  priceListCode: string | null;
}

/**
 * The customer's price for an article: the price list's price when the formula names a list and
 * the list has the article (listPriceMinor !== null), else the article's base price. A list price
 * passed without a formula naming a list is ignored. discount = the formula's discount (0 with no
 * formula); it applies on top of a list price too — the row sum applies it (totals.ts).
 * Throws RangeError on a discount outside 0..10000 bp, so a bad formula never reaches a row.
 */
export function priceForCustomer(
  basePriceMinor: number,
  listPriceMinor: number | null,
  formula: PriceFormula | null,
): { unitPriceMinor: number; discountBp: number } {
  const discountBp = formula?.discountBp ?? 0;
  if (!Number.isInteger(discountBp) || discountBp < 0 || discountBp > 10_000) {
    throw new RangeError(`discountBp must be 0..10000: ${discountBp}`);
  }
  const fromList = formula?.priceListCode != null && listPriceMinor !== null;
  return { unitPriceMinor: fromList ? listPriceMinor : basePriceMinor, discountBp };
}
