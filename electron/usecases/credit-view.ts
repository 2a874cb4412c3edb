import type { CreditRowView, OriginalCardView } from '../contract/api.js';
import type { Db } from '../db/open.js';
import { findReceipt, type ReceiptRecord } from '../db/receipts-repo.js';
import { cancelledPaymentIds, cardGivenBack, soldRows } from '../db/returns-repo.js';
import { sumMinor } from '../domain/money.js';
import { cancelRefusal, leftToReturn, refundParts } from '../domain/returns.js';
import { formatReceiptNumber, type CreditFacts } from './receipt-view.js';

/** The shop's calendar day of an instant (YYYY-MM-DD), in the shop's time zone. */
export function shopDay(iso: string, timeZone: string): string {
  let format = DAY_FORMATS.get(timeZone);
  if (!format) DAY_FORMATS.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone })));
  return format.format(new Date(iso));
}
// A formatter is costly to make and a date search asks for hundreds of days: one per time zone.
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * What a credit note shows of its original: the sale's number and date, per row what is left to
 * return after every other confirmed credit note, and (on a draft) the original's card payments
 * with whether the terminal may cancel them now (`owedMinor`: what the note still owes, positive).
 */
export function creditFacts(db: Db, r: ReceiptRecord, now: string, timeZone: string, owedMinor: number): CreditFacts | null {
  if (r.docType !== 'credit_note' || r.creditOf === null) return null;
  const original = findReceipt(db, r.creditOf);
  if (!original || original.number === null || original.confirmedAt === null) return null;
  const sold = new Map(soldRows(db, original.id, r.id).map((s) => [s.rowId, s]));
  const rows = new Map<string, CreditRowView>();
  for (const row of r.rows) {
    const s = row.creditOfRow ? sold.get(row.creditOfRow) : undefined;
    if (!s) continue;
    rows.set(row.id, { ofRowId: s.rowId, soldMilli: s.soldMilli, leftMilli: leftToReturn(s), stockAction: row.stockAction ?? 'back' });
  }
  const cardPayments = original.payments.filter((p) => p.method === 'card' && p.amountMinor > 0);
  const cardLeftMinor = Math.max(0, sumMinor(cardPayments.map((p) => p.amountMinor)) - cardGivenBack(db, original.id));
  const cashMinor = sumMinor(original.payments.filter((p) => p.method !== 'card').map((p) => p.amountMinor));
  const cancelled = cancelledPaymentIds(
    db,
    cardPayments.map((p) => p.id),
  );
  const today = shopDay(now, timeZone);
  const cards: OriginalCardView[] =
    r.status === 'confirmed'
      ? []
      : cardPayments.map((p) => ({
          paymentId: p.id,
          amountMinor: p.amountMinor,
          reference: p.reference,
          receiptNo: p.receiptNo ?? null,
          paidAt: p.createdAt ?? original.confirmedAt ?? now,
          refusal: cancelRefusal(
            { amountMinor: p.amountMinor, paidOn: shopDay(p.createdAt ?? original.confirmedAt ?? now, timeZone), cancelled: cancelled.has(p.id) },
            today,
            owedMinor,
            cardLeftMinor,
          ),
        }));
  return {
    note: {
      originalId: original.id,
      originalNumber: formatReceiptNumber(original.seriesPrefix, original.number),
      originalConfirmedAt: original.confirmedAt,
      cards,
      cardLeftMinor,
      // Card first, the rest in cash: the card part of what is still owed.
      cardRefundMinor: r.status === 'confirmed' ? 0 : refundParts({ cardMinor: cardLeftMinor, cashMinor }, owedMinor, 'none').cardMinor,
    },
    rows,
  };
}
