import { PosError } from '../contract/errors.js';
import type { ReceiptView } from '../contract/api.js';
import type { Db } from '../db/open.js';
import type { ReceiptRecord, RowRecord } from '../db/receipts-repo.js';
import { soldRows } from '../db/returns-repo.js';
import { requestsInDoubt } from '../db/terminal-repo.js';
import { lastReturnSum, leftToReturn, returnRefusal } from '../domain/returns.js';

/**
 * What a credit note keeps as it was sold: the customer, the rows' prices, discounts, VAT rates,
 * names and salespeople. Only how much comes back (and where the goods go) may change.
 */
export function refuseOnCreditNote(r: ReceiptRecord, field: string): void {
  if (r.docType === 'credit_note') throw new PosError('credit.frozen', 'a credit note keeps the sale as it was', { field });
}

/** What is left to return of each sold row of the original, after every other confirmed credit note. */
export function leftPerRow(db: Db, creditNote: ReceiptRecord): Map<string, number> {
  if (creditNote.creditOf === null) return new Map();
  return new Map(soldRows(db, creditNote.creditOf, creditNote.id).map((s) => [s.rowId, leftToReturn(s)]));
}

/** A credit note row's quantity: negative, and no more than is left of its sold row. */
export function checkReturnRow(row: RowRecord, left: ReadonlyMap<string, number>): void {
  const leftMilli = row.creditOfRow ? (left.get(row.creditOfRow) ?? 0) : 0;
  const refusal = returnRefusal(row.quantityMilli, leftMilli);
  if (refusal === 'positive_quantity') {
    throw new PosError('credit.positive_quantity', 'a credit note returns: its quantities are negative', { name: row.name, field: 'quantityMilli' });
  }
  if (refusal === 'above_left') {
    throw new PosError('credit.above_left', 'more than is left to return', {
      name: row.name,
      unit: row.unit,
      leftMilli,
      field: 'quantityMilli',
    });
  }
}

/** Why a refund amount is refused, for the cashier. */
export function refundRefused(reason: 'nothing_owed' | 'invalid_amount' | 'exceeds_refund', dueMinor: number): PosError {
  if (reason === 'exceeds_refund') return new PosError('payment.exceeds_refund', 'more than is owed', { owedMinor: -dueMinor, field: 'amountMinor' });
  if (reason === 'nothing_owed') return new PosError('payment.nothing_owed', 'nothing is owed');
  return new PosError('payment.invalid_amount', 'invalid amount', { field: 'amountMinor' });
}

/**
 * A card payment, cancellation or refund of this document the terminal has not answered yet may
 * have moved money: until it is settled (by asking the terminal), nothing else may settle,
 * confirm or drop the document.
 */
export function refuseWhileCardInDoubt(db: Db, receiptId: string): void {
  const pending = requestsInDoubt(db).find((r) => r.receiptId === receiptId);
  if (pending) throw new PosError('payment.terminal_in_doubt', 'a card request of this receipt is not settled', { amount: pending.amountMinor });
}

/**
 * After a credit note's rows change: what went back by card or transfer must still be owed. A
 * smaller return after the refund was given would leave the customer owing the shop.
 */
export function checkRefundCovered(view: ReceiptView): void {
  if (view.documentType !== 'credit_note' || view.dueMinor <= 0) return;
  throw new PosError('credit.refund_given', 'more was refunded than this return is worth', { paid: -view.paidMinor, field: 'quantityMilli' });
}

/**
 * A credit note draft's rows with the sum each last return of a part-returned row takes (see
 * `lastReturnSum`); other documents' rows as they are.
 */
export function withReturnSums(db: Db, r: ReceiptRecord): ReceiptRecord {
  if (r.docType !== 'credit_note' || r.status !== 'draft' || r.creditOf === null) return r;
  const sold = new Map(soldRows(db, r.creditOf, r.id).map((s) => [s.rowId, s]));
  return {
    ...r,
    rows: r.rows.map((row) => {
      const of = row.creditOfRow ? sold.get(row.creditOfRow) : undefined;
      const fixedSumMinor = of ? lastReturnSum(of, row.quantityMilli) : null;
      return fixedSumMinor === null ? row : { ...row, fixedSumMinor };
    }),
  };
}
