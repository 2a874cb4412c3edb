import { D, sumMinor, toMinor } from './money.js';
import type { Payment } from './payment.js';
import { roundCash, type CashRounding } from './rounding.js';

/**
 * Returns: a credit note takes back goods of one confirmed receipt, row by row, at the prices,
 * discounts and VAT rates they were sold for. Across every credit note of a receipt no more of a
 * row comes back than was sold; weighed articles to the gram (quantities are thousandths).
 */

/** A row of the original sale, and how much of it confirmed credit notes took back already. */
export interface SoldRow {
  rowId: string;
  /** Sold, more than zero. */
  soldMilli: number;
  /** Returned by confirmed credit notes so far, as a positive amount. */
  returnedMilli: number;
  /** The sold row's frozen sum, and what confirmed credit notes gave back of it (positive). */
  soldSumMinor?: number;
  returnedSumMinor?: number;
}

/** What may still come back of a sold row (never below zero). */
export function leftToReturn(row: SoldRow): number {
  return Math.max(0, row.soldMilli - row.returnedMilli);
}

/**
 * The sum of a return that takes back everything left of a row that earlier credit notes returned
 * in part: what is left of the sold row's sum (negative), not quantity × price — each part is
 * rounded to the cent on its own, and three returns of one piece each must not give back more
 * than the three pieces cost together. Null: the return's sum is quantity × price as usual (a
 * whole row returned at once mirrors its sale exactly).
 */
export function lastReturnSum(row: SoldRow, quantityMilli: number): number | null {
  if (row.returnedMilli <= 0 || row.soldSumMinor === undefined || -quantityMilli !== leftToReturn(row) || quantityMilli >= 0) return null;
  return sumMinor([0, -row.soldSumMinor, row.returnedSumMinor ?? 0]);
}

/** The rows a new credit note starts with: everything left of each row, negative. */
export function creditQuantities(rows: readonly SoldRow[]): { rowId: string; quantityMilli: number }[] {
  return rows.flatMap((row) => {
    const left = leftToReturn(row);
    return left > 0 ? [{ rowId: row.rowId, quantityMilli: -left }] : [];
  });
}

export type ReturnRefusal = 'positive_quantity' | 'above_left';

/**
 * A credit note row's quantity: less than zero (money and goods go back) and at most what is left
 * of its sold row. Null when it may be.
 */
export function returnRefusal(quantityMilli: number, leftMilli: number): ReturnRefusal | null {
  if (!Number.isSafeInteger(quantityMilli) || quantityMilli >= 0) return 'positive_quantity';
  return -quantityMilli > leftMilli ? 'above_left' : null;
}

/**
 * Cash paid out on a credit note towards the exact `dueMinor` (< 0: the shop owes the customer).
 * The 5-cent rounding applies to the cash refund whatever the sale was paid with, mirrored:
 * owing 12.23 pays out 12.25, owing 12.22 pays out 12.20 (roundCash(-x) = -roundCash(x)), so a
 * whole sale rounded by +0.02 is credited with −0.02. `paidOutMinor` is what leaves the drawer,
 * as a positive amount; the screen pre-fills the rounded refund. Paying out less is a part refund
 * (exact, never rounded: the rest goes another way); more than the rounded refund is refused.
 */
export type RefundOutcome = { ok: true; payment: Payment } | { ok: false; reason: 'nothing_owed' | 'invalid_amount' | 'exceeds_refund' };

export function refundCash(dueMinor: number, paidOutMinor: number, rule: CashRounding): RefundOutcome {
  if (!Number.isSafeInteger(dueMinor)) throw new RangeError(`amount due is not whole cents: ${dueMinor}`);
  if (dueMinor >= 0) return { ok: false, reason: 'nothing_owed' };
  if (!Number.isSafeInteger(paidOutMinor) || paidOutMinor < 0) return { ok: false, reason: 'invalid_amount' };
  const rounded = roundCash(dueMinor, rule);
  if (paidOutMinor === -rounded) {
    return { ok: true, payment: { method: 'cash', amountMinor: rounded, tenderedMinor: rounded, changeMinor: 0, roundingMinor: rounded - dueMinor } };
  }
  if (paidOutMinor === 0) return { ok: false, reason: 'invalid_amount' };
  if (paidOutMinor > -dueMinor) return { ok: false, reason: 'exceeds_refund' };
  return { ok: true, payment: { method: 'cash', amountMinor: -paidOutMinor, tenderedMinor: -paidOutMinor, changeMinor: 0, roundingMinor: 0 } };
}

/** A refund by bank transfer or to the card: the exact amount, never rounded, at most what is owed. */
export function refundExact(method: 'transfer' | 'card', dueMinor: number, amountMinor: number): RefundOutcome {
  if (!Number.isSafeInteger(dueMinor)) throw new RangeError(`amount due is not whole cents: ${dueMinor}`);
  if (dueMinor >= 0) return { ok: false, reason: 'nothing_owed' };
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) return { ok: false, reason: 'invalid_amount' };
  if (amountMinor > -dueMinor) return { ok: false, reason: 'exceeds_refund' };
  return { ok: true, payment: { method, amountMinor: -amountMinor, tenderedMinor: -amountMinor, changeMinor: 0, roundingMinor: 0 } };
}

/** A card payment of the original sale, as a credit note sees it. */
export interface OriginalCardPayment {
  amountMinor: number;
  /** The shop's calendar day it was paid on (YYYY-MM-DD in the shop's time zone). */
  paidOn: string;
  /** Cancelled already (by an earlier credit note). */
  cancelled: boolean;
}

export type CancelRefusal = 'cancelled' | 'refunded' | 'not_today' | 'not_exact';

/**
 * Whether the terminal may cancel (reverse) an original card payment now: only once; only while
 * none of the sale's card money went back another way (`cardLeftMinor`: what the sale took by
 * card minus what credit notes gave back to cards); only on the shop day it was paid; only for its
 * exact amount — the credit note must owe at least that much (`owedMinor`, positive). Otherwise
 * the refund goes to the card as a refund, in cash or by transfer.
 */
export function cancelRefusal(card: OriginalCardPayment, today: string, owedMinor: number, cardLeftMinor: number): CancelRefusal | null {
  if (card.cancelled) return 'cancelled';
  if (cardLeftMinor < card.amountMinor) return 'refunded';
  if (card.paidOn !== today) return 'not_today';
  return owedMinor >= card.amountMinor ? null : 'not_exact';
}

/**
 * How a credit note of `refundMinor` (positive) pays back a sale paid by card and cash, part by
 * part: the card first gets back up to what it paid (cancelled or refunded to the card, exact),
 * and what is left goes back in cash, rounded as a cash refund. A sale paid by card alone comes
 * back wholly to the card; by cash alone, wholly in cash.
 */
export function refundParts(
  original: { cardMinor: number; cashMinor: number },
  refundMinor: number,
  rule: CashRounding,
): { cardMinor: number; cashExactMinor: number; cashPaidOutMinor: number } {
  if (!Number.isSafeInteger(refundMinor) || refundMinor < 0) throw new RangeError(`refund is not whole cents: ${refundMinor}`);
  const cardMinor = Math.min(refundMinor, Math.max(0, original.cardMinor));
  const cashExactMinor = refundMinor - cardMinor;
  return { cardMinor, cashExactMinor, cashPaidOutMinor: roundCash(cashExactMinor, rule) };
}

/** Σ of what confirmed credit notes returned of each original row, as positive amounts. */
export function returnedPerRow(creditRows: readonly { ofRowId: string; quantityMilli: number }[]): Map<string, number> {
  const returned = new Map<string, number>();
  for (const r of creditRows) returned.set(r.ofRowId, sumMinor([returned.get(r.ofRowId) ?? 0, -r.quantityMilli]));
  return returned;
}

/** The VAT inside a gross amount at a rate (basis points), half-up to the cent: a returns register line's VAT. */
export function vatInGross(grossMinor: number, rateBp: number): number {
  if (!Number.isSafeInteger(grossMinor) || !Number.isInteger(rateBp) || rateBp < 0) throw new RangeError(`bad gross ${grossMinor} or rate ${rateBp}`);
  const vat = toMinor(new D(grossMinor).times(rateBp).dividedBy(10_000 + rateBp));
  return vat === 0 ? 0 : vat;
}
