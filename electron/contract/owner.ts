import { z } from 'zod';
import { PaymentMethod } from './views.js';

/**
 * The owner's view of a day: its sales by hour of the shop's clock and by payment method, and its
 * Z report as a PDF. Money is integer minor units, summed by the core from the documents' frozen
 * facts; the screen draws and formats them, it never adds them up.
 */

const Int = z.number().int().safe();
const NonNegative = Int.nonnegative();
const ZNumber = Int.positive();

/** One hour of the shop's clock: what the documents confirmed in it add up to. */
export const SalesHourView = z.object({
  /** The shop's calendar day (YYYY-MM-DD) and hour (0–23), in its time zone. */
  date: z.iso.date(),
  hour: Int.min(0).max(23),
  /** The receipts' totals (turnover, before cash rounding). */
  salesMinor: Int,
  /** The credit notes' totals: negative. */
  returnsMinor: Int,
  netMinor: Int,
  receipts: NonNegative,
  creditNotes: NonNegative,
});
export type SalesHourView = z.infer<typeof SalesHourView>;

/** What was taken and paid back by one payment method (cash after rounding, change not counted). */
export const SalesMethodView = z.object({
  method: PaymentMethod,
  /** Taken by the receipts. */
  salesMinor: Int,
  /** Paid back by the credit notes: negative. */
  refundsMinor: Int,
  netMinor: Int,
});
export type SalesMethodView = z.infer<typeof SalesMethodView>;

export const DaySalesView = z.object({
  /** null: the day still open. */
  zNumber: ZNumber.nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  /** The zone the hours are in (the shop's). */
  timeZone: z.string(),
  /** Hour by hour, in order; an hour without documents between two with them is listed with zeros. */
  hours: z.array(SalesHourView),
  /** In the order of the X report: cash, card, transfer, prepayment; only methods that were used. */
  methods: z.array(SalesMethodView),
  /** The day's totals: the same as its X or Z report. */
  salesMinor: Int,
  returnsMinor: Int,
  netMinor: Int,
});
export type DaySalesView = z.infer<typeof DaySalesView>;

/** Without a Z number: the open day. */
export const DaySalesInput = z.object({ zNumber: ZNumber.optional() });

export const ZPdfInput = z.object({ zNumber: ZNumber });

/** A Z report as a PDF file, its bytes carried in the answer (the same over IPC and HTTP). */
export const ZPdfView = z.object({
  zNumber: ZNumber,
  /** e.g. "Z-000001.pdf": the name in the reports folder, and the name a download gets. */
  fileName: z.string().regex(/^Z-\d{6,}\.pdf$/),
  contentType: z.literal('application/pdf'),
  base64: z.base64(),
  /** 'file': read from the reports folder; 'rendered': the file was not there, so it was made now from the frozen report. */
  source: z.enum(['file', 'rendered']),
});
export type ZPdfView = z.infer<typeof ZPdfView>;
