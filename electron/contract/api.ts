import { z } from 'zod';
import {
  AppInfo,
  ArticleHit,
  Code,
  ConfirmWarning,
  CustomerView,
  DeviceLogEntry,
  DevicesView,
  DiscountBp,
  Id,
  MAX_AMOUNT_MINOR,
  MAX_PRICE_MINOR,
  NonNegativeMinor,
  OrphanedApproval,
  PaymentMethod,
  PrinterStatusView,
  QuantityMilli,
  ReceiptSummary,
  ReceiptView,
  ReferenceLists,
  Text,
} from './views.js';
import { SettingsView } from './settings.js';

export * from './views.js';
export * from './settings.js';
export * from './returns.js';
export * from './day.js';
export * from './ledger.js';
import { LedgerStatusView } from './ledger.js';
import { ClosedDayView, CloseInput, CloseSetup, DaySummaryView, DayView, DenominationCount } from './day.js';
import { FoundReceipt, StockAction } from './returns.js';
export * from './owner.js';
import { DaySalesInput, DaySalesView, ZPdfInput, ZPdfView } from './owner.js';
export * from './catalogue.js';
import { ImportApplyView, ImportPreviewInput, ImportPreviewView, ImportRef, ImportUploadInput, ImportUploadView } from './catalogue.js';

/**
 * The one contract between the renderer and the core: every channel with its input and output
 * schema. The dispatcher validates inputs at the boundary (and, in tests, outputs too).
 */
const ReceiptRef = z.object({ receiptId: Id });

export const api = {
  'app.info': { input: z.object({}), output: AppInfo },
  'receipt.new': { input: z.object({ seriesCode: Code.optional() }), output: ReceiptView },
  /** The newest unconfirmed receipt, so a reload or a restart resumes the sale in progress. */
  'receipt.current': { input: z.object({}), output: ReceiptView.nullable() },
  'receipt.get': { input: ReceiptRef, output: ReceiptView },
  /** Unconfirmed receipts (saved or not), newest first: closed sales can be reopened. */
  'receipt.listOpen': { input: z.object({}), output: z.array(ReceiptSummary) },
  'receipt.addArticle': {
    input: z.object({
      receiptId: Id,
      code: z.string().trim().min(1).max(64),
      /** The weight of a weighed article entered without a scale label (thousandths of a kg). */
      quantityMilli: QuantityMilli.refine((q) => q > 0, { message: 'quantity must be more than zero' }).optional(),
      /** The cashier was asked "Are you sure?" about the quantity and said yes. */
      confirmed: z.boolean().default(false),
    }),
    output: ReceiptView,
  },
  /** Changes the fields given; the others stay. */
  'receipt.updateRow': {
    input: z.object({
      receiptId: Id,
      rowId: Id,
      quantityMilli: QuantityMilli.optional(),
      discountBp: DiscountBp.optional(),
      name: Text(80).min(1).optional(),
      unitPriceMinor: NonNegativeMinor.max(MAX_PRICE_MINOR).optional(),
      serialNo: Text(64).optional(),
      salespersonCode: Code.nullable().optional(),
      /** A credit note row: its goods back into the warehouse or written off. */
      stockAction: StockAction.optional(),
      /** The cashier was asked "Are you sure?" about the quantity and said yes. */
      confirmed: z.boolean().default(false),
    }),
    output: ReceiptView,
  },
  'receipt.removeRow': { input: z.object({ receiptId: Id, rowId: Id }), output: ReceiptView },
  'receipt.setHeader': {
    input: z.object({
      receiptId: Id,
      customerName: Text(80).optional(),
      address: Text(200).optional(),
      vatNo: Text(32).optional(),
      email: Text(120).optional(),
      objectCode: Code.nullable().optional(),
      warehouseCode: Code.optional(),
    }),
    output: ReceiptView,
  },
  /** Picks the customer (null: back to the anonymous private person) and re-prices every row. */
  'receipt.setCustomer': { input: z.object({ receiptId: Id, customerId: Id.nullable() }), output: ReceiptView },
  'receipt.setSeries': { input: z.object({ receiptId: Id, seriesCode: Code }), output: ReceiptView },
  /** F9: the zero-price policy is checked; the receipt becomes View. */
  'receipt.save': { input: ReceiptRef, output: ReceiptView },
  /** Leave: drop unsaved changes (back to the saved state; a never-saved receipt is deleted → null). */
  'receipt.revert': { input: ReceiptRef, output: ReceiptView.nullable() },
  /** Delete an unconfirmed receipt (needs the delete permission setting). */
  'receipt.delete': { input: ReceiptRef, output: z.object({ deleted: z.literal(true) }) },
  /** A new receipt with this one's customer and rows, dated now, in the till's default series. */
  'receipt.copy': { input: ReceiptRef, output: ReceiptView },
  /**
   * Takes a payment. Cash: `amountMinor` is what the customer handed over (5-cent rounding and
   * change apply). Card: the amount to charge on the terminal. Transfer / prepayment: the amount.
   * Saves the receipt first (the zero-price policy applies).
   */
  'receipt.pay': {
    input: z.object({
      receiptId: Id,
      method: PaymentMethod,
      amountMinor: NonNegativeMinor.max(MAX_AMOUNT_MINOR),
      /** The cashier was asked about an unusually large amount of cash and said yes. */
      confirmed: z.boolean().default(false),
    }),
    output: ReceiptView,
  },
  /** Removes a payment from an unconfirmed receipt; a card payment is reversed on the terminal. */
  'receipt.removePayment': { input: z.object({ receiptId: Id, paymentId: Id }), output: ReceiptView },
  /** F12. `accept`: the warnings the cashier was shown and confirmed over (rows without a price, a total of 0.00). */
  'receipt.confirm': { input: ReceiptRef.extend({ accept: z.array(ConfirmWarning).default([]) }), output: ReceiptView },
  /** F8 preview: the printout as text lines, exactly as the printer would get it. */
  'receipt.preview': { input: ReceiptRef, output: z.object({ lines: z.array(z.string()) }) },
  /** F8 print: a confirmed receipt prints as a COPY; an unconfirmed one as a pro-forma (and locks, if set). */
  'receipt.print': { input: ReceiptRef, output: ReceiptView },
  /** A confirmed receipt by its number as typed or scanned from the paper (its barcode or QR). */
  'receipt.find': { input: z.object({ text: z.string().trim().min(1).max(64) }), output: ReceiptView },
  /** Confirmed receipts by number, date (2026-12-03), amount (12.34), customer or article, newest first. */
  'receipt.search': {
    input: z.object({ query: z.string().trim().max(80), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.array(FoundReceipt),
  },
  /** Credit: a credit note of a confirmed receipt with everything left to return (an open one is reused). */
  'receipt.credit': { input: ReceiptRef, output: ReceiptView },
  /** Cancels an original card payment on the terminal (same shop day, exact amount) as a credit note's refund. */
  'receipt.cancelCard': { input: z.object({ receiptId: Id, paymentId: Id }), output: ReceiptView },
  /** A credit note's refund to the card on the terminal (ZVT 06 31), when the card payment cannot be cancelled. */
  'receipt.refundCard': { input: z.object({ receiptId: Id, amountMinor: NonNegativeMinor.max(MAX_AMOUNT_MINOR) }), output: ReceiptView },
  /** A credit note's refund by bank transfer: booked as a prepayment owed to the customer. */
  'receipt.refundTransfer': {
    input: z.object({
      receiptId: Id,
      amountMinor: NonNegativeMinor.max(MAX_AMOUNT_MINOR),
      payeeName: Text(80).min(1),
      iban: Text(42).min(1),
      comment: Text(200).min(1),
    }),
    output: ReceiptView,
  },
  /** The open day with its X report (running totals, no reset); null before the day is opened. */
  'day.current': { input: z.object({}), output: DayView.nullable() },
  /** The ledger uploader: what waits, what was set aside, the ledger's health. */
  'ledger.status': { input: z.object({}), output: LedgerStatusView },
  /** Everything waiting goes now (no waiting out the back-off); set-aside documents named here are tried again. */
  'ledger.syncNow': { input: z.object({ retry: z.array(z.string()).max(10_000).default([]) }), output: LedgerStatusView },
  /** Asks the ledger now whether it can be reached and is the ledger expected (its answer as it gave it). */
  'ledger.check': { input: z.object({}), output: z.object({ ok: z.boolean(), detail: z.string() }) },
  /** The ledger's API key or token, kept in the till and never read back; '' removes it. */
  'ledger.setSecret': { input: z.object({ secret: z.string().trim().max(500) }), output: LedgerStatusView },
  /** The open day's summary: documents by type, payments by method, cash moved — everyone's or only this cashier's. */
  'day.summary': { input: z.object({ cashierOnly: z.boolean().default(false) }), output: DaySummaryView },
  /** How this till opens and closes its day (counts, cash out, the stock count), open or not. */
  'day.setup': { input: z.object({}), output: CloseSetup },
  /** Opens the day with its float, counted by denominations or typed as a total. */
  'day.open': { input: z.object({ floatMinor: NonNegativeMinor.max(MAX_AMOUNT_MINOR).optional(), counts: z.array(DenominationCount).optional() }), output: DayView },
  /** Cash put in or taken out during the day, with a reason; the drawer opens. */
  'day.cash': {
    input: z.object({ kind: z.enum(['cash_in', 'cash_out']), amountMinor: NonNegativeMinor.max(MAX_AMOUNT_MINOR), reason: z.string().trim().min(3).max(120) }),
    output: DayView,
  },
  /** Closes the day in one transaction: count, cash out, difference, Z number and report; the Z report prints. */
  'day.close': { input: CloseInput, output: ClosedDayView },
  /** The X report (running totals, no reset) on the receipt printer. */
  'day.printX': { input: z.object({}), output: z.object({ queued: z.literal(true) }) },
  /** A closed day's Z report printed again, as it was closed, marked COPY. */
  'day.printZ': { input: z.object({ zNumber: z.number().int().positive() }), output: z.object({ queued: z.literal(true) }) },
  /** Closed days, newest first: their Z reports as they were closed. */
  'day.zReports': { input: z.object({ limit: z.number().int().min(1).max(500).default(50) }), output: z.array(ClosedDayView) },
  /** The open day's (or a closed day's, by its Z number) sales by hour of the shop's clock and by payment method; null: no day is open. */
  'day.sales': { input: DaySalesInput, output: DaySalesView.nullable() },
  /** A closed day's Z report as a PDF: the file the close saved, or made again from the frozen report when it is missing. */
  'day.zPdf': { input: ZPdfInput, output: ZPdfView },
  /** Article index: by code, name or barcode. */
  'article.search': {
    input: z.object({ query: z.string().trim().max(64), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.array(ArticleHit),
  },
  /** Product cards from a CSV export: one slice of the file (the first one starts the upload). */
  'catalogue.importUpload': { input: ImportUploadInput, output: ImportUploadView },
  /** Reads the uploaded file and compares it with the articles: green, yellow, red, rejected. Nothing changes yet. */
  'catalogue.importPreview': { input: ImportPreviewInput, output: ImportPreviewView },
  /** Applies a previewed import in one transaction (new articles in, changed ones updated), or changes nothing. */
  'catalogue.importApply': { input: ImportRef, output: ImportApplyView },
  /** The product cards the ledger keeps (B1.lt, Directo), previewed like a file: nothing changes until apply. */
  'catalogue.importFromLedger': { input: z.object({}), output: ImportPreviewView },
  /** Forgets an upload or a preview that will not be applied. */
  'catalogue.importCancel': { input: ImportRef, output: z.object({ cancelled: z.literal(true) }) },
  /** Customer search by name, code, ID code or phone (`by` narrows it). */
  'customer.search': {
    input: z.object({ query: z.string().trim().max(80), by: z.enum(['any', 'phone', 'idCode']).default('any') }),
    output: z.array(CustomerView),
  },
  /** F10: asks the card terminal to read the customer's ID card; null when no card was read. */
  'customer.readIdCard': {
    input: z.object({}),
    output: z.object({ idCode: z.string().nullable(), customers: z.array(CustomerView) }),
  },
  'settings.get': { input: z.object({}), output: SettingsView },
  'settings.update': { input: SettingsView.partial(), output: SettingsView },
  'reference.lists': { input: z.object({}), output: ReferenceLists },
  'printer.status': { input: z.object({}), output: PrinterStatusView },
  'devices.status': { input: z.object({}), output: DevicesView },
  /** A short test page on the receipt printer (settings screen). */
  'printer.test': { input: z.object({}), output: z.object({ queued: z.literal(true) }) },
  /** Opens the cash drawer without a sale (needs the setting); the reason is logged. */
  'drawer.open': { input: z.object({ reason: z.string().trim().min(3).max(120) }), output: z.object({ queued: z.literal(true) }) },
  /** The device log, newest first: reprints, drawer opens, faults, reconnects. */
  /** Approved card payments no sale took: the customer must get the money back (reverse them). */
  'terminal.orphans': { input: z.object({}), output: z.array(OrphanedApproval) },
  'terminal.reverseOrphan': { input: z.object({ requestId: Id }), output: z.array(OrphanedApproval) },
  /** Asks the terminal again about card payments whose outcome is not known (after a fault). */
  'terminal.recover': { input: z.object({}), output: z.object({ settled: z.number().int(), inDoubt: z.number().int() }) },
  'devices.log': { input: z.object({ limit: z.number().int().min(1).max(500).default(100) }), output: z.array(DeviceLogEntry) },
} as const;

export type Api = typeof api;
export type Channel = keyof Api;
export type Input<C extends Channel> = z.input<Api[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Api[C]['input']>;
export type Output<C extends Channel> = z.output<Api[C]['output']>;
export const CHANNELS = Object.keys(api) as Channel[];
export const isChannel = (name: string): name is Channel => Object.hasOwn(api, name);
