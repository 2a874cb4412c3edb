import type { ReceiptView } from '../contract/api.js';
import type { ReturnsRegisterLine } from '../db/returns-repo.js';
import { vatInGross } from '../domain/returns.js';
import { shopDay } from './credit-view.js';

/**
 * The returns register lines of a confirmed credit note (Poland, with a fiscal printer: a refund
 * is not a fiscal sale, so each returned line is recorded — the sale's document and date, the
 * goods, the return's date, the gross refund and its VAT, and the protocol the customer signed,
 * which is the credit note itself). From the credit note's frozen row sums.
 */
export function returnsRegisterLines(view: ReceiptView, timeZone: string): ReturnsRegisterLine[] {
  const credit = view.credit;
  if (!credit || view.number === null || view.confirmedAt === null) throw new Error(`credit note ${view.id} is not confirmed`);
  return view.rows.map((row, i) => ({
    creditNoteId: view.id,
    lineNo: i + 1,
    saleDocument: credit.originalNumber,
    saleDate: shopDay(credit.originalConfirmedAt, timeZone),
    returnDate: shopDay(view.confirmedAt ?? '', timeZone),
    goods: row.name,
    quantityMilli: -row.quantityMilli,
    grossMinor: -row.sumMinor,
    vatRateBp: row.vatRateBp,
    vatMinor: vatInGross(-row.sumMinor, row.vatRateBp),
    protocol: view.number ?? '',
  }));
}
