import { z } from 'zod';

/**
 * A document as the ledger gets it: frozen when the document is confirmed (or the day closed),
 * carried by the outbox's ledger lane, posted exactly once. The key is the document's identity in
 * every ledger — `company:till:type:series-number` — so a post whose answer was lost is looked up
 * by it before anything is sent again.
 *
 * Money is integer minor units, quantities integer thousandths. `postings` is a balanced
 * double-entry transaction (per commodity: the money's currency, or an article's code for stock
 * moved without a value); `lines` and `payments` are the document's facts for ledgers that take
 * documents rather than transactions.
 */
const Int = z.number().int().safe();

export const LedgerDocumentType = z.enum(['sale', 'credit_note', 'cash_in', 'cash_out', 'cash_difference', 'write_off', 'inventory']);
export type LedgerDocumentType = z.infer<typeof LedgerDocumentType>;

export const LedgerPosting = z.object({
  account: z.string().min(1).max(200),
  /** What moves: a currency (EUR) or, for goods moved without a value, an article's code. */
  commodity: z.string().min(1).max(40),
  /** Minor units of a currency, thousandths of an article; debit positive, credit negative. */
  amount: Int,
  /** Why, on the ledger's line (e.g. "cash part rounded"). */
  comment: z.string().max(200).default(''),
});
export type LedgerPosting = z.output<typeof LedgerPosting>;

export const LedgerDocument = z.object({
  /** `company:till:type:series-number`: unique per document, the same on every try. */
  key: z.string().min(1).max(200),
  type: LedgerDocumentType,
  /** The document's number as printed (K000042) or made for it (the day's Z and movement). */
  number: z.string().min(1).max(60),
  /** The shop's calendar day of the document (YYYY-MM-DD in its time zone). */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** ISO instant. */
  at: z.string(),
  description: z.string().max(200),
  currency: z.string().length(3),
  till: z.string(),
  /** The Z number of the day the document belongs to, once known (null while the day is open). */
  dayId: z.string().nullable(),
  postings: z.array(LedgerPosting).min(2),
  /** The document's rows (sales, credit notes, write-offs, inventory). */
  lines: z
    .array(
      z.object({
        code: z.string(),
        name: z.string(),
        barcode: z.string().default(''),
        quantityMilli: Int,
        unit: z.string(),
        /** Incl. VAT, per unit, before discount; 0 for goods moved without a value. */
        unitPriceMinor: Int,
        discountMinor: Int,
        sumMinor: Int,
        vatRateBp: Int,
      }),
    )
    .default([]),
  payments: z.array(z.object({ method: z.string(), amountMinor: Int })).default([]),
  vat: z.array(z.object({ rateBp: Int, netMinor: Int, vatMinor: Int, grossMinor: Int })).default([]),
  customer: z.object({ code: z.string(), name: z.string(), regNo: z.string().default(''), vatNo: z.string().default('') }).nullable().default(null),
  /** The sale a credit note returns (its key). */
  creditOf: z.string().nullable().default(null),
});
export type LedgerDocument = z.output<typeof LedgerDocument>;

/** The document's key: the same wherever and whenever it is built. */
export const ledgerKey = (company: string, till: string, type: LedgerDocumentType, number: string): string =>
  [company || 'shop', till || 'till', type, number].map((part) => part.replace(/[:\s]+/g, '-')).join(':');
