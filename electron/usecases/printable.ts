import { z } from 'zod';
import { DayReportView } from '../contract/day.js';

/**
 * The paper of a document as the core hands it to a receipt printer: plain data, every number
 * already decided (sums, VAT lines, labels come later, in the shop's language), so a reprint years
 * later prints the same receipt without re-running business logic. Frozen beside a confirmed
 * document and carried by the print outbox; validated whenever it is read back.
 *
 * Money is integer minor units, quantities integer thousandths; nothing here is a float.
 */
const Int = z.number().int().safe();
const Method = z.enum(['cash', 'card', 'transfer', 'prepayment']);

export const PrintableRow = z.object({
  name: z.string(),
  /** Thousandths: 1250 = 1.25. */
  quantityMilli: Int,
  unit: z.enum(['pcs', 'kg']),
  /** Unit price incl. VAT, before the row's discount. */
  unitPriceMinor: Int,
  /** quantity × unit price − discount: what the row costs. */
  sumMinor: Int,
  /** Basis points: 2200 = 22 %. */
  vatRateBp: Int,
  /** Basis points: 1000 = 10 %; 0 = no discount. */
  discountBp: Int,
  /** What the discount took off the row (list sum − sum). */
  discountMinor: Int,
  /** '' = none. */
  serialNo: z.string(),
  /** The salesperson's name (commission), or null. */
  salesperson: z.string().nullable(),
});

export const PrintableVat = z.object({ rateBp: Int, netMinor: Int, vatMinor: Int, grossMinor: Int });

export const PrintablePayment = z.object({
  method: Method,
  amountMinor: Int,
  tenderedMinor: Int,
  changeMinor: Int,
  /** Card: the terminal's approval code / masked card number; null when there is none. */
  reference: z.string().nullable(),
});

export const PrintableCustomer = z.object({ name: z.string(), code: z.string(), vatNo: z.string(), address: z.string() });

export const PrintableReceipt = z.object({
  shopName: z.string(),
  /** Address and the shop's own header lines. */
  shopLines: z.array(z.string()),
  /** Registration and VAT numbers, printed with the printout's words for them (absent on old papers). */
  shopRegNo: z.string().optional(),
  shopVatNo: z.string().optional(),
  /** The shop's own lines at the foot; none: the printout's thanks. */
  footerLines: z.array(z.string()).optional(),
  tillName: z.string(),
  /** Null only on a pro-forma printed before the receipt got its number. */
  number: z.string().nullable(),
  /** ISO-8601 UTC instant: the confirm time, or for a pro-forma the print time. */
  confirmedAt: z.string(),
  /** IANA zone the shop is in; the paper shows local time. */
  timeZone: z.string(),
  currency: z.string(),
  /** Decides words and number format on paper ('et' → comma decimals). */
  locale: z.string(),
  /** Null: the anonymous private person (no customer block). */
  customer: PrintableCustomer.nullable(),
  rows: z.array(PrintableRow),
  vat: z.array(PrintableVat),
  /** Turnover: the sum of the rows, never rounded. */
  totalMinor: Int,
  /** The 5-cent cash rounding line: payable − total. */
  roundingMinor: Int,
  /** What the customer pays: total + rounding. */
  payableMinor: Int,
  payments: z.array(PrintablePayment),
  changeMinor: Int,
  /** The cashier's name; '' = not printed. */
  cashier: z.string(),
  /** A reprint: the copy label is printed prominently. */
  copy: z.boolean(),
  /** Printed before confirm: not a fiscal receipt. */
  proForma: z.boolean(),
  /** Kick the cash drawer after the cut (a sale that took cash). */
  openDrawer: z.boolean().optional(),
  /** Data for a QR code under the receipt (the receipt number); null/absent = none. */
  qr: z.string().nullable().optional(),
  /** Print the shop's logo above the header when the printer has it. */
  logo: z.boolean().optional(),
  /** The card terminal's slips, each printed after the receipt and cut off. */
  cardSlips: z.array(z.array(z.string())).optional(),
  /** A credit note: the number and confirm time of the sale it returns. */
  creditOf: z.object({ number: z.string(), confirmedAt: z.string() }).nullable().optional(),
});
export type PrintableReceipt = z.output<typeof PrintableReceipt>;

/** The X or Z report on paper: the figures as frozen (a Z report at its close), worded at print time. */
export const PrintableDayReport = DayReportView.extend({
  kind: z.enum(['x', 'z']),
  zNumber: Int.nullable(),
  shopName: z.string(),
  tillName: z.string(),
  openedAt: z.string(),
  at: z.string(),
  timeZone: z.string(),
  locale: z.string(),
  currency: z.string(),
  copy: z.boolean(),
  cash: z
    .object({ floatMinor: Int, expectedMinor: Int, countedMinor: Int, differenceMinor: Int, cashOutMinor: Int.optional(), remainsMinor: Int, reason: z.string() })
    .nullable()
    .optional(),
  /** The close's stock count (a Z report). */
  inventory: z
    .array(z.object({ code: z.string(), name: z.string(), unit: z.string(), expectedMilli: Int, countedMilli: Int, counted: z.boolean(), differenceMilli: Int }))
    .optional(),
});
export type PrintableDayReport = z.output<typeof PrintableDayReport>;

/** Cash put in or taken out during the day, on paper: what, how much, why, who, when. */
export const PrintableCashMovement = z.object({
  kind: z.enum(['cash_in', 'cash_out']),
  amountMinor: Int.positive(),
  reason: z.string(),
  shopName: z.string(),
  tillName: z.string(),
  cashier: z.string(),
  at: z.string(),
  timeZone: z.string(),
  locale: z.string(),
  currency: z.string(),
});
export type PrintableCashMovement = z.output<typeof PrintableCashMovement>;

/** A short page to check the printer, its profile and code page. */
export const PrintableTestPage = z.object({
  shopName: z.string(),
  /** The shop's language: its letters are the first sample line. */
  locale: z.string(),
  /** ISO-8601 instant the test was requested. */
  at: z.string(),
  /** IANA zone for the printed time; UTC when absent. */
  timeZone: z.string().optional(),
});
export type PrintableTestPage = z.output<typeof PrintableTestPage>;

/** Open the cash drawer without a sale. */
export const DrawerKick = z.object({ reason: z.string() });
export type DrawerKick = z.output<typeof DrawerKick>;

/**
 * A receipt's paper as the first versions stored it, before papers carried a version: the fields
 * added since (discounts, serial numbers, salespeople, customer, rounding, cashier, pro-forma) may
 * be missing. `upgradePaper` fills them with neutral values so it prints as it did then.
 */
const StoredPaper = PrintableReceipt.extend({
  number: z.string().nullable().optional(),
  customer: PrintableCustomer.nullable().optional(),
  rows: z.array(PrintableRow.partial({ discountBp: true, discountMinor: true, serialNo: true, salesperson: true })),
  roundingMinor: Int.optional(),
  payableMinor: Int.optional(),
  payments: z.array(PrintablePayment.partial({ reference: true })),
  cashier: z.string().optional(),
  copy: z.boolean().optional(),
  proForma: z.boolean().optional(),
});

export function upgradePaper(raw: unknown): PrintableReceipt {
  const doc = StoredPaper.parse(raw);
  const roundingMinor = doc.roundingMinor ?? 0;
  return {
    ...doc,
    number: doc.number ?? null,
    customer: doc.customer ?? null,
    rows: doc.rows.map((r) => ({
      ...r,
      discountBp: r.discountBp ?? 0,
      discountMinor: r.discountMinor ?? 0,
      serialNo: r.serialNo ?? '',
      salesperson: r.salesperson ?? null,
    })),
    roundingMinor,
    payableMinor: doc.payableMinor ?? doc.totalMinor + roundingMinor,
    payments: doc.payments.map((p) => ({ ...p, reference: p.reference ?? null })),
    cashier: doc.cashier ?? '',
    copy: doc.copy ?? false,
    proForma: doc.proForma ?? false,
  };
}
