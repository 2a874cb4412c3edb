import { z } from 'zod';
import { CreditNoteView, CreditRowView, PayeeView } from './returns.js';

/**
 * What the core shows the renderer: the views every channel answers with. Money is integer minor
 * units (cents), quantities are integer thousandths ("milli"), times are ISO-8601 strings: no
 * floats, no Dates.
 */

export const Id = z.string().min(1).max(64);
export const Minor = z.number().int().safe();
export const NonNegativeMinor = Minor.nonnegative();
/** Quantity in thousandths of a unit: 1.25 kg = 1250. At most 1 000 000 units on one row. */
export const MAX_QUANTITY_MILLI = 1_000_000_000;
export const QuantityMilli = z.number().int().min(-MAX_QUANTITY_MILLI).max(MAX_QUANTITY_MILLI).refine((q) => q !== 0, {
  message: 'quantity must not be zero',
});
/** The highest unit price a row takes: 10 000 000.00 (any more is a typing slip, and sums stay exact). */
export const MAX_PRICE_MINOR = 1_000_000_000;
/** The most money one payment takes: 1 000 000 000.00. */
export const MAX_AMOUNT_MINOR = 100_000_000_000;
/** Warnings the cashier may confirm a receipt over, having been asked. */
export const ConfirmWarning = z.enum(['zero_price', 'zero_total']);
export type ConfirmWarning = z.infer<typeof ConfirmWarning>;
/** VAT rate in basis points: 22 % = 2200. */
const RateBp = z.number().int().min(0).max(10_000);

/** Directo's statuses: New (nothing entered), Modified (unsaved changes), View (saved, unchanged), Confirmed. */
export const ReceiptStatus = z.enum(['new', 'modified', 'view', 'confirmed']);
export type ReceiptStatus = z.infer<typeof ReceiptStatus>;

export const Unit = z.enum(['pcs', 'kg']);
export type Unit = z.infer<typeof Unit>;

/** Discount in basis points: 12.5 % = 1250. */
export const DiscountBp = z.number().int().min(0).max(10_000);

export const ZeroPricePolicy = z.enum(['none', 'warn', 'forbid']);
export type ZeroPricePolicy = z.infer<typeof ZeroPricePolicy>;

/** What the zero-price policy says about one row right now. */
export const ZeroPriceOutcome = z.enum(['ok', 'warn', 'forbid']);
export type ZeroPriceOutcome = z.infer<typeof ZeroPriceOutcome>;

export const CashRounding = z.enum(['none', '0.05']);
export type CashRounding = z.infer<typeof CashRounding>;

export const Code = z.string().trim().min(1).max(32);
export const Text = (max: number) => z.string().trim().max(max);

export const ReceiptRowView = z.object({
  id: Id,
  lineNo: z.number().int().positive(),
  articleId: Id,
  code: z.string(),
  /** Content: the article's name, or what the cashier typed over it. */
  name: z.string(),
  unit: Unit,
  quantityMilli: QuantityMilli,
  /** Unit price incl. VAT, before the row's discount. */
  unitPriceMinor: Minor,
  discountBp: DiscountBp,
  vatRateBp: RateBp,
  /** quantity × unit price − discount, rounded to the cent; never cash-rounded. */
  sumMinor: Minor,
  /** What the discount took off this row (list sum − sum). */
  discountMinor: Minor,
  serialNo: z.string(),
  salespersonCode: z.string().nullable(),
  /** The article's picture (a URL or a path under the renderer), if it has one. */
  imageUrl: z.string().nullable(),
  /** Stock on hand in the receipt's warehouse; null when the article's stock is not kept. */
  stockMilli: z.number().int().nullable(),
  /** The receipt asks for more of this article than the warehouse has (shown red). */
  overStock: z.boolean(),
  zeroPrice: ZeroPriceOutcome,
  /** On a credit note: the sold row it returns, what is left of it, where the goods go. */
  credit: CreditRowView.nullable(),
});
export type ReceiptRowView = z.infer<typeof ReceiptRowView>;

export const VatLineView = z.object({
  rateBp: RateBp,
  grossMinor: Minor,
  netMinor: Minor,
  vatMinor: Minor,
});
export type VatLineView = z.infer<typeof VatLineView>;

export const PaymentMethod = z.enum(['cash', 'card', 'transfer', 'prepayment']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const PaymentView = z.object({
  id: Id,
  method: PaymentMethod,
  /** What the payment covers of the amount payable (for cash: after 5-cent rounding). */
  amountMinor: Minor,
  /** What the customer handed over (cash only; equals amount otherwise). */
  tenderedMinor: Minor,
  changeMinor: NonNegativeMinor,
  /** The 5-cent rounding this cash payment settled with (payable − exact due); 0 otherwise. */
  roundingMinor: Minor,
  /** Card: the terminal's approval code and masked card number. */
  reference: z.string().nullable(),
  /** A refund by bank transfer: to whom and where. */
  payee: PayeeView.nullable(),
});
export type PaymentView = z.infer<typeof PaymentView>;

export const CustomerView = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  idCode: z.string(),
  phone: z.string(),
  email: z.string(),
  address: z.string(),
  vatNo: z.string(),
  priceFormulaCode: z.string().nullable(),
  /** The formula's name and discount, for the drop-down ("Staff −10 %"). */
  priceFormulaName: z.string().nullable(),
  discountBp: DiscountBp,
});
export type CustomerView = z.infer<typeof CustomerView>;

/** What kind of document: a receipt sells; a credit note returns; the others record the day. */
export const DocumentType = z.enum(['receipt', 'credit_note', 'cash_movement', 'inventory', 'z_report']);
export type DocumentType = z.infer<typeof DocumentType>;

export const ReceiptView = z.object({
  id: Id,
  documentType: DocumentType,
  status: ReceiptStatus,
  /** Receipt number with the series prefix, assigned at confirm (gapless per series). */
  number: z.string().nullable(),
  seriesCode: z.string(),
  currency: z.string().length(3),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  /** Last F9 (or payment, which saves first); null when never saved. */
  savedAt: z.string().nullable(),
  /** Printed before confirm (F8); with "lock after print" the receipt can no longer change. */
  printedAt: z.string().nullable(),
  locked: z.boolean(),
  /** Null: the default anonymous private person. */
  customer: z.object({ id: Id, code: z.string() }).nullable(),
  customerName: z.string(),
  address: z.string(),
  vatNo: z.string(),
  email: z.string(),
  priceFormulaCode: z.string().nullable(),
  objectCode: z.string().nullable(),
  warehouseCode: z.string(),
  /** The receipt this one credits (on a credit note). */
  creditOf: z.string().nullable(),
  /** A credit note's original sale and its card payments. */
  credit: CreditNoteView.nullable(),
  rows: z.array(ReceiptRowView),
  vat: z.array(VatLineView),
  /** Turnover: the sum of the rows, never rounded. */
  totalMinor: Minor,
  /** The rounding line: payable − total, from cash payments only (−0.02 … +0.02 each). */
  roundingMinor: Minor,
  /** What the customer pays in all: total + rounding. */
  payableMinor: Minor,
  paidMinor: Minor,
  /** Still to pay, exact (card, transfer and prepayment take this). */
  dueMinor: Minor,
  /** What F4 pre-fills: the amount due rounded by the cash rounding setting. */
  cashDueMinor: Minor,
  /** Cash handed over by the customer, summed over cash payments ("Money"); negative: paid out on a refund. */
  moneyMinor: Minor,
  changeMinor: NonNegativeMinor,
  payments: z.array(PaymentView),
});
export type ReceiptView = z.infer<typeof ReceiptView>;

export const PrinterState = z.enum(['ok', 'offline', 'paper_out', 'cover_open', 'error', 'unavailable']);
export type PrinterState = z.infer<typeof PrinterState>;

/**
 * A text about a device for a person to read, as a translation key and the values it needs: the
 * renderer words it in the screen's language (`devices.message.<key>`).
 */
export const STATUS_KEYS = [
  'printer.paper_near_end',
  /** What the printer's driver said (details.text), e.g. why a port cannot be opened. */
  'printer.detail',
  'printer.none',
  'fiscal.offline',
  'fiscal.paper_out',
  'fiscal.cover_open',
  'fiscal.device_error',
  'fiscal.error',
  'fiscal.offline_waiting',
  'fiscal.check_registered',
  'fiscal.refused',
  'fiscal.failed',
  /** The day close's daily report: waiting for the printer, cannot be told, refused (details.number: the Z number). */
  'fiscal.daily_report_waiting',
  'fiscal.check_daily_report',
  'fiscal.daily_report_refused',
  'terminal.orphans',
  /** The day close's end of day on the card terminal: waiting for it, cannot be told, refused (details.number: the Z number). */
  'terminal.end_of_day_waiting',
  'terminal.end_of_day_check',
  'terminal.end_of_day_refused',
  'scanner.no_hid',
  'scanner.problems',
  /** Documents the ledger would not take, set aside for a person (details.count). */
  'ledger.parked',
] as const;
export const StatusText = z.object({
  key: z.enum(STATUS_KEYS),
  details: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type StatusText = z.infer<typeof StatusText>;

export const PrinterStatusView = z.object({
  name: z.string(),
  state: PrinterState,
  /** Confirmed receipts waiting for the printer. */
  pendingJobs: z.number().int().nonnegative(),
  /** Paper near end while printing (state ok), or what is wrong. */
  message: StatusText.optional(),
});
export type PrinterStatusView = z.infer<typeof PrinterStatusView>;

export const AppInfo = z.object({
  version: z.string(),
  locale: z.string(),
  currency: z.string().length(3),
  shopName: z.string(),
  tillName: z.string(),
  /** The shop's time zone: the screen shows every time in it. */
  timeZone: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

const Named = z.object({ code: z.string(), name: z.string() });
export const ReferenceLists = z.object({
  series: z.array(Named.extend({ prefix: z.string() })),
  warehouses: z.array(Named),
  objects: z.array(Named),
  salespeople: z.array(Named),
  priceFormulas: z.array(Named.extend({ discountBp: DiscountBp, priceListCode: z.string().nullable() })),
});
export type ReferenceLists = z.infer<typeof ReferenceLists>;

export const ArticleHit = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  barcode: z.string().nullable(),
  unit: Unit,
  priceMinor: Minor,
  vatRateBp: RateBp,
  stockMilli: z.number().int().nullable(),
  imageUrl: z.string().nullable(),
});
export type ArticleHit = z.infer<typeof ArticleHit>;

export const ReceiptSummary = z.object({
  id: Id,
  status: ReceiptStatus,
  number: z.string().nullable(),
  customerName: z.string(),
  totalMinor: Minor,
  createdAt: z.string(),
});
export type ReceiptSummary = z.infer<typeof ReceiptSummary>;

/** One device as the status bar shows it. `none` = not configured (nothing to show). */
export const DeviceState = z.enum(['ok', 'warning', 'offline', 'error', 'unavailable', 'none']);
export type DeviceState = z.infer<typeof DeviceState>;
export const DeviceStatus = z.object({ name: z.string(), state: DeviceState, message: StatusText.optional() });
export type DeviceStatus = z.infer<typeof DeviceStatus>;
export const DevicesView = z.object({
  printer: DeviceStatus,
  fiscal: DeviceStatus,
  terminal: DeviceStatus,
  scanner: DeviceStatus,
  /** The accounting ledger's uploader: a warning while documents are set aside. */
  ledger: DeviceStatus,
});
export type DevicesView = z.infer<typeof DevicesView>;

export const DeviceLogEntry = z.object({
  at: z.string(),
  device: z.string(),
  event: z.string(),
  detail: z.string(),
});
export type DeviceLogEntry = z.infer<typeof DeviceLogEntry>;

/** A card payment the terminal approved but no sale took (found when the till asked it after a fault). */
export const OrphanedApproval = z.object({
  requestId: Id,
  amountMinor: Minor,
  at: z.string(),
  reference: z.string().nullable(),
  receiptNo: z.string().nullable(),
});
export type OrphanedApproval = z.infer<typeof OrphanedApproval>;

