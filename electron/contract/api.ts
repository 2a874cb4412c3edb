import { z } from 'zod';

/**
 * The one contract between the renderer and the core. Every channel has an input and an output
 * schema; the dispatcher validates inputs at the boundary. Money is integer minor units (cents),
 * quantities are integer thousandths ("milli"), times are ISO-8601 strings: no floats, no Dates.
 */

const Id = z.string().min(1).max(64);
const Minor = z.number().int().safe();
const NonNegativeMinor = Minor.nonnegative();
/** Quantity in thousandths of a unit: 1.25 kg = 1250. At most 1 000 000 units on one row. */
export const QuantityMilli = z.number().int().min(-1_000_000_000).max(1_000_000_000).refine((q) => q !== 0, {
  message: 'quantity must not be zero',
});
/** VAT rate in basis points: 22 % = 2200. */
const RateBp = z.number().int().min(0).max(10_000);

export const ReceiptStatus = z.enum(['new', 'modified', 'confirmed']);
export type ReceiptStatus = z.infer<typeof ReceiptStatus>;

export const Unit = z.enum(['pcs', 'kg']);
export type Unit = z.infer<typeof Unit>;

export const ReceiptRowView = z.object({
  id: Id,
  lineNo: z.number().int().positive(),
  articleId: Id,
  code: z.string(),
  name: z.string(),
  unit: Unit,
  quantityMilli: QuantityMilli,
  unitPriceMinor: Minor,
  vatRateBp: RateBp,
  sumMinor: Minor,
});
export type ReceiptRowView = z.infer<typeof ReceiptRowView>;

export const VatLineView = z.object({
  rateBp: RateBp,
  grossMinor: Minor,
  netMinor: Minor,
  vatMinor: Minor,
});
export type VatLineView = z.infer<typeof VatLineView>;

export const PaymentMethod = z.enum(['cash', 'card']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const PaymentView = z.object({
  id: Id,
  method: PaymentMethod,
  /** What the payment covers of the receipt total. */
  amountMinor: Minor,
  /** What the customer handed over (cash only; equals amount for card). */
  tenderedMinor: Minor,
  changeMinor: NonNegativeMinor,
});
export type PaymentView = z.infer<typeof PaymentView>;

export const ReceiptView = z.object({
  id: Id,
  status: ReceiptStatus,
  /** Receipt number with the series prefix, assigned at confirm (gapless per series). */
  number: z.string().nullable(),
  seriesCode: z.string(),
  currency: z.string().length(3),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  rows: z.array(ReceiptRowView),
  vat: z.array(VatLineView),
  totalMinor: Minor,
  paidMinor: Minor,
  dueMinor: Minor,
  /** Cash handed over by the customer, summed over cash payments ("Money"). */
  moneyMinor: NonNegativeMinor,
  changeMinor: NonNegativeMinor,
  payments: z.array(PaymentView),
});
export type ReceiptView = z.infer<typeof ReceiptView>;

export const PrinterState = z.enum(['ok', 'offline', 'paper_out', 'cover_open', 'error', 'unavailable']);
export type PrinterState = z.infer<typeof PrinterState>;

export const PrinterStatusView = z.object({
  name: z.string(),
  state: PrinterState,
  /** Confirmed receipts waiting for the printer. */
  pendingJobs: z.number().int().nonnegative(),
  message: z.string().optional(),
});
export type PrinterStatusView = z.infer<typeof PrinterStatusView>;

export const AppInfo = z.object({
  version: z.string(),
  locale: z.string(),
  currency: z.string().length(3),
  shopName: z.string(),
  tillName: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

const ReceiptRef = z.object({ receiptId: Id });

export const api = {
  'app.info': { input: z.object({}), output: AppInfo },
  'receipt.new': { input: z.object({}), output: ReceiptView },
  /** The newest unconfirmed receipt, so a reload or a restart resumes the sale in progress. */
  'receipt.current': { input: z.object({}), output: ReceiptView.nullable() },
  'receipt.get': { input: ReceiptRef, output: ReceiptView },
  'receipt.addArticle': {
    input: z.object({ receiptId: Id, code: z.string().trim().min(1).max(64) }),
    output: ReceiptView,
  },
  'receipt.setQuantity': {
    input: z.object({ receiptId: Id, rowId: Id, quantityMilli: QuantityMilli }),
    output: ReceiptView,
  },
  'receipt.removeRow': { input: z.object({ receiptId: Id, rowId: Id }), output: ReceiptView },
  'receipt.payCash': {
    input: z.object({ receiptId: Id, tenderedMinor: NonNegativeMinor }),
    output: ReceiptView,
  },
  'receipt.confirm': { input: ReceiptRef, output: ReceiptView },
  'printer.status': { input: z.object({}), output: PrinterStatusView },
} as const;

export type Api = typeof api;
export type Channel = keyof Api;
export type Input<C extends Channel> = z.input<Api[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Api[C]['input']>;
export type Output<C extends Channel> = z.output<Api[C]['output']>;
export const CHANNELS = Object.keys(api) as Channel[];
export const isChannel = (name: string): name is Channel => Object.hasOwn(api, name);
