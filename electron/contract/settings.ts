import { z } from 'zod';
import { CashDirection } from './day.js';
import { CashRounding, Code, NonNegativeMinor, Text, ZeroPricePolicy } from './views.js';

/**
 * A store's layout of restricted-circulation EAN-13 barcodes (prefix 20–29) printed by scales:
 * `prefix` (2 digits) + item code (`itemDigits`) + [price/measure verifier digit] + value + check
 * digit, 13 in all. The value is grams (`weight`, the row's quantity) or cents (`price`).
 */
export const WeightBarcodeLayout = z
  .object({
    prefix: z.string().regex(/^2\d$/),
    itemDigits: z.number().int().min(3).max(6),
    kind: z.enum(['weight', 'price']),
    verifier: z.boolean(),
  })
  .refine((l) => 10 - l.itemDigits - (l.verifier ? 1 : 0) >= 4, { message: 'leaves fewer than 4 digits for the value' });
export type WeightBarcodeLayout = z.infer<typeof WeightBarcodeLayout>;

/** An IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '' || zone !== zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Settings a shop changes on the settings screen; stored in SQLite, read by every use case. */
export const SettingsView = z.object({
  zeroPricePolicy: ZeroPricePolicy,
  lockAfterPrint: z.boolean(),
  /** Until staff roles exist, the permission to delete unconfirmed receipts. */
  allowDelete: z.boolean(),
  salespersonPerRow: z.boolean(),
  showArticleImage: z.boolean(),
  /** Typing a phone number into the Customer field finds the customer. */
  phoneLookup: z.boolean(),
  transferEnabled: z.boolean(),
  prepaymentEnabled: z.boolean(),
  /** A scan that adds no row or a refused F12 sounds a tone (the cashier may be looking at the customer). */
  errorTone: z.boolean(),
  /** Rounding of the cash payment term. */
  cashRounding: CashRounding,
  /** Ledger account the rounding line is booked to. */
  roundingAccount: Text(64).min(1),
  defaultSeries: Code,
  /** The number series credit notes take their numbers from. */
  creditSeries: Code,
  defaultWarehouse: Code,
  /** Printed on receipts until staff log-in exists. */
  cashierName: Text(40).min(1),

  // Devices.
  /**
   * The receipt printer as a connection string; '' = what the till was started with (POS_PRINTER):
   * `escpos:serial:/dev/ttyUSB0?baud=19200&parity=none&flow=none&profile=epson-wpc1257`,
   * `escpos:tcp:192.168.1.50:9100?profile=…`, `sim`, `none`.
   */
  printerConnection: Text(200),
  /** Kick the cash drawer (on the printer) when cash moves at confirm. */
  drawerOnCash: z.boolean(),
  /** Lets the cashier open the drawer without a sale, with a reason (logged). */
  drawerOpenAllowed: z.boolean(),
  /** Print a QR code of the receipt number under the receipt. */
  receiptQr: z.boolean(),
  /** Print the shop's logo (assets/logo.pbm) at the top. */
  receiptLogo: z.boolean(),
  /** Keyboard-wedge scanner: characters it sends before a code (programmed into the scanner). */
  scannerPrefix: Text(8),
  /** Longest gap between a scanner's keystrokes (ms); slower input is a person typing. */
  scannerMaxGapMs: z.number().int().min(5).max(200),
  /** Fewest characters a scan has. */
  scannerMinLength: z.number().int().min(3).max(32),
  weightBarcodes: z.array(WeightBarcodeLayout).max(10),
  /**
   * The card terminal; '' = what the till was started with (POS_TERMINAL):
   * `zvt:serial:/dev/ttyACM0?baud=9600`, `zvt:tcp:10.0.0.5:20007`, `sim`, `none`.
   */
  terminalConnection: Text(200),
  /** ZVT password (6 digits) the terminal expects from the till. */
  terminalPassword: z.string().regex(/^\d{6}$/),
  /** Which copies of the terminal's card slip the receipt printer prints. */
  terminalSlips: z.enum(['none', 'customer', 'both']),
  /**
   * The accounting ledger every document is posted to; '' = what the till was started with
   * (POS_LEDGER): `none`, `hledger-web:http://127.0.0.1:5077?journal=/path/pos.journal`,
   * `b1:https://www.b1.lt`, `directo:https://login.directo.ee/xmlcore/cap_xml_direct/xmlcore.asp`,
   * `file:/path/to/folder`. The API key or token is not here: it is set on its own and never read back.
   */
  ledgerConnection: Text(300),
  /**
   * How sales reach the ledger: each receipt and credit note as its own document, or one daily
   * summary per VAT rate and payment method at the close (what a ledger that takes a day's retail
   * sales as one sheet wants).
   */
  ledgerSalesShape: z.enum(['receipt', 'daily']),
  /** Goods written off (damaged returns): each as its own document, or one daily sheet at the close. */
  ledgerWriteOffShape: z.enum(['document', 'daily']),
  /** Poland: the fiscal printer, '' / `none`, `posnet:serial:/dev/ttyS1?baud=9600`, `posnet:sim`. */
  fiscalConnection: Text(200),
  /** Fiscal PTU letter per VAT rate (basis points as the key): {"2300":"A","800":"B"}. */
  ptuMap: z.record(z.string().regex(/^\d{1,5}$/), z.string().regex(/^[A-G]$/)),

  // The shop and the till, printed on every receipt (a change never alters a confirmed receipt's
  // paper: that is kept as it was printed).
  /** Legal name of the shop. */
  shopName: Text(80),
  shopAddress: Text(200),
  /** Company registration number. */
  shopRegNo: Text(32),
  shopVatNo: Text(32),
  tillName: Text(40),
  /** Extra lines under the shop's identity on every receipt. */
  receiptHeader: z.array(Text(64)).max(6),
  /** Lines at the foot of every receipt; none: the printout's own thanks. */
  receiptFooter: z.array(Text(64)).max(6),
  /** The shop's time zone (IANA name): every time shown or printed, and the shop day, follow it. */
  timeZone: z.string().refine(isTimeZone, { message: 'not a time zone the till knows (e.g. Europe/Tallinn)' }),

  // What a tired cashier may have mistyped: the till asks before taking it.
  /** More pieces than this on one row asks "Are you sure?". */
  maxQuantityPcs: z.number().int().min(1).max(1_000_000),
  /** More than this weight (thousandths of a kg) on one row asks. */
  maxQuantityKgMilli: z.number().int().min(1).max(1_000_000_000),
  /** Cash received above the amount due plus this (the largest banknote in use) asks. */
  largestBanknoteMinor: NonNegativeMinor,
  /** Scanning an article already on the receipt adds to its quantity (else a new row). */
  mergeScans: z.boolean(),

  // The day and its close; each part of the close can be switched off.
  /** The first sale opens the day with the float the last close left; off: the day is opened on the Day screen first. */
  dayAutoOpen: z.boolean(),
  /** The float and the close are counted note by note and coin by coin; off: the total is typed. */
  closeByDenominations: z.boolean(),
  /** Where cash can be taken out to at close, in this order (none: nothing is taken out at close). */
  closeCashOut: z.array(CashDirection).max(3).refine((d) => new Set(d).size === d.length, { message: 'a direction is listed twice' }),
  /** What stays in the register for tomorrow; the first direction takes the rest of the count. 0: no preset. */
  closeRemainsMinor: NonNegativeMinor,
  /** A blind close: whoever closes does not see what the drawer should hold nor the difference. */
  closeBlind: z.boolean(),
  /** A difference up to this needs no reason. */
  closeToleranceMinor: NonNegativeMinor,
  /** Articles (codes) of this till's warehouse counted at every close; none: no stock count. */
  closeCountArticles: z.array(Code).max(200),
});
export type SettingsView = z.infer<typeof SettingsView>;
