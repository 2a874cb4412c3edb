import { z } from 'zod';

/**
 * What a credit note shows beyond a receipt: the sale it returns, per row what is left to return
 * and where the goods go, and the original's card payments that can be cancelled on the terminal.
 */

/** A returned row's goods: back into the receipt's warehouse, or written off as damaged. */
export const StockAction = z.enum(['back', 'write_off']);
export type StockAction = z.infer<typeof StockAction>;

export const CreditRowView = z.object({
  /** The row of the original sale this row returns. */
  ofRowId: z.string(),
  soldMilli: z.number().int().positive(),
  /** What may still come back of the sold row, after every other confirmed credit note. */
  leftMilli: z.number().int().nonnegative(),
  stockAction: StockAction,
});
export type CreditRowView = z.infer<typeof CreditRowView>;

/** Why the terminal may not cancel an original card payment now. */
export const CancelRefusal = z.enum(['cancelled', 'refunded', 'not_today', 'not_exact']);
export type CancelRefusal = z.infer<typeof CancelRefusal>;

export const OriginalCardView = z.object({
  paymentId: z.string(),
  amountMinor: z.number().int(),
  reference: z.string().nullable(),
  receiptNo: z.string().nullable(),
  paidAt: z.string(),
  /** Null: it can be cancelled now (same shop day, the exact amount is owed). */
  refusal: CancelRefusal.nullable(),
});
export type OriginalCardView = z.infer<typeof OriginalCardView>;

export const CreditNoteView = z.object({
  originalId: z.string(),
  originalNumber: z.string(),
  originalConfirmedAt: z.string(),
  /** The original's card payments (a draft offers to cancel them; empty once confirmed). */
  cards: z.array(OriginalCardView),
  /** What the sale took by card and no credit note gave back yet: a card refund goes no further. */
  cardLeftMinor: z.number().int().nonnegative(),
  /** What a refund to the card would give back now: the card part of what is still owed. */
  cardRefundMinor: z.number().int().nonnegative(),
});
export type CreditNoteView = z.infer<typeof CreditNoteView>;

/** A refund by bank transfer: who gets it and where (booked as a prepayment owed to the customer). */
export const PayeeView = z.object({ name: z.string(), iban: z.string(), comment: z.string() });
export type PayeeView = z.infer<typeof PayeeView>;

/** A confirmed receipt found by a search over number, date, amount, customer and article. */
export const FoundReceipt = z.object({
  id: z.string(),
  documentType: z.enum(['receipt', 'credit_note']),
  number: z.string(),
  confirmedAt: z.string(),
  customerName: z.string(),
  totalMinor: z.number().int(),
  /** What matched, for the pick list ("Apples 1 kg"). */
  match: z.string(),
});
export type FoundReceipt = z.infer<typeof FoundReceipt>;
