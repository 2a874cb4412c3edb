import type { Unit } from './types.js';

/**
 * What a tired cashier may have typed or scanned by mistake. None of it is forbidden — a shop may
 * really sell 2 000 screws — but the till asks before taking it.
 */

/** A piece is a piece: a per-piece article takes whole quantities only (thousandths in steps of 1000). */
export function quantityFitsUnit(unit: Unit, quantityMilli: number): boolean {
  return Number.isSafeInteger(quantityMilli) && (unit !== 'pcs' || quantityMilli % 1000 === 0);
}

export interface QuantityLimits {
  /** Pieces on one row above which the till asks. */
  maxPcs: number;
  /** Thousandths of a kg on one row above which the till asks. */
  maxKgMilli: number;
}

/** Ten units: below this, more than the stock on hand is just an uncounted shelf. */
const STOCK_SLACK_MILLI = 10_000;

export type Implausible = { reason: 'limit'; limitMilli: number } | { reason: 'stock'; stockMilli: number };

/**
 * Does a row quantity look like a slip? Above the per-row limit of its unit, or far above the
 * stock on hand — more than twice the stock and more than ten units over it (a stock that is not
 * kept, null, never asks). Sizes are compared as magnitudes, so a return is judged like a sale.
 */
export function implausibleQuantity(
  unit: Unit,
  quantityMilli: number,
  stockMilli: number | null,
  limits: QuantityLimits,
): Implausible | null {
  const size = Math.abs(quantityMilli);
  const limitMilli = unit === 'pcs' ? limits.maxPcs * 1000 : limits.maxKgMilli;
  if (size > limitMilli) return { reason: 'limit', limitMilli };
  if (stockMilli !== null) {
    const stock = Math.max(0, stockMilli);
    if (size > stock + Math.max(stock, STOCK_SLACK_MILLI)) return { reason: 'stock', stockMilli };
  }
  return null;
}

/**
 * Is the cash handed over more than anyone pays with? Above the amount due plus the largest
 * banknote in use, it is most likely a typing slip (5000 for 50.00).
 */
export function implausibleCash(tenderedMinor: number, dueMinor: number, largestBanknoteMinor: number): { limitMinor: number } | null {
  const limitMinor = Math.max(0, dueMinor) + largestBanknoteMinor;
  return largestBanknoteMinor > 0 && tenderedMinor > limitMinor ? { limitMinor } : null;
}
