import type { CreditRowView, OriginalCardView } from '../contract/api.js';
import type { Db } from '../db/open.js';
import { findReceipt, type ReceiptRecord } from '../db/receipts-repo.js';
import { cancelledPaymentIds, soldRows } from '../db/returns-repo.js';
import { cancelRefusal, leftToReturn } from '../domain/returns.js';
import { formatReceiptNumber, type CreditFacts } from './receipt-view.js';

/** The shop's calendar day of an instant (YYYY-MM-DD), in the shop's time zone. */
export function shopDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(iso));
}

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
          ),
        }));
  return {
    note: {
      originalId: original.id,
      originalNumber: formatReceiptNumber(original.seriesPrefix, original.number),
      originalConfirmedAt: original.confirmedAt,
      cards,
    },
    rows,
  };
}
