/**
 * The print model: plain, JSON-serialisable data that a print-job row stores. Everything the paper
 * shows is decided here (already-computed sums, VAT lines, labels) so that a reprint years later
 * produces the same receipt without re-running business logic.
 *
 * Money is integer minor units, quantities integer thousandths; nothing here is a float. The till
 * hands papers written by older versions over already brought to this shape.
 */


export interface PrintableRow {
  name: string;
  /** Thousandths: 1250 = 1.25. */
  quantityMilli: number;
  unit: 'pcs' | 'kg';
  /** Unit price incl. VAT, before the row's discount. */
  unitPriceMinor: number;
  /** quantity × unit price − discount: what the row costs. */
  sumMinor: number;
  /** Basis points: 2200 = 22 %. */
  vatRateBp: number;
  /** Basis points: 1000 = 10 %; 0 = no discount. */
  discountBp: number;
  /** What the discount took off the row (list sum − sum). */
  discountMinor: number;
  /** '' = none. */
  serialNo: string;
  /** The salesperson's name (commission), or null. */
  salesperson: string | null;
}

export interface PrintableVat {
  rateBp: number;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
}

export type PrintablePaymentMethod = 'cash' | 'card' | 'transfer' | 'prepayment';

export interface PrintablePayment {
  method: PrintablePaymentMethod;
  amountMinor: number;
  tenderedMinor: number;
  changeMinor: number;
  /** Card: the terminal's approval code / masked card number; null when there is none. */
  reference: string | null;
}

export interface PrintableCustomer {
  name: string;
  code: string;
  vatNo: string;
  address: string;
}

export interface PrintableReceipt {
  shopName: string;
  /** Address and the shop's own header lines. */
  shopLines: string[];
  /** Registration and VAT numbers of the shop, each printed with its label; absent or '' = none. */
  shopRegNo?: string;
  shopVatNo?: string;
  /** The shop's own lines at the foot of the receipt; absent or empty = the `thanks` label. */
  footerLines?: string[];
  /** '' = no till line. */
  tillName: string;
  /** Null only on a pro-forma printed before the receipt got its number. */
  number: string | null;
  /** ISO-8601 UTC instant: the confirm time, or for a pro-forma the print time. */
  confirmedAt: string;
  /** IANA zone the shop is in, e.g. 'Europe/Tallinn'; the paper shows local time dd.MM.yyyy HH:mm. */
  timeZone: string;
  currency: string;
  /** Decides number format on paper ('et' → comma decimals). */
  locale: string;
  /** Null: the anonymous private person (no customer block). */
  customer: PrintableCustomer | null;
  rows: PrintableRow[];
  vat: PrintableVat[];
  /** Turnover: the sum of the rows, never rounded. */
  totalMinor: number;
  /** The 5-cent cash rounding line: payable − total (e.g. −2 for 12.22 paid in cash as 12.20). */
  roundingMinor: number;
  /** What the customer pays: total + rounding. */
  payableMinor: number;
  payments: PrintablePayment[];
  changeMinor: number;
  /** The cashier's name; '' = not printed. */
  cashier: string;
  /** A reprint: the `copy` label is printed prominently. */
  copy: boolean;
  /** Printed before confirm: not a fiscal receipt, the `proForma` banner replaces the title. */
  proForma: boolean;
  /** Kick the cash drawer after the cut (a sale that took cash). Absent = no. */
  openDrawer?: boolean;
  /** Data for a QR code printed under the receipt (the receipt number); null/absent = none. */
  qr?: string | null;
  /** Print the shop's logo (assets/logo.pbm) above the header when the printer has it. */
  logo?: boolean;
  /** The card terminal's slips (its own receipt text), each printed after the receipt and cut off. */
  cardSlips?: string[][];
  /** A credit note: the sale it returns (titled `creditNote`, with a line for the customer's signature). */
  creditOf?: { number: string; confirmedAt: string } | null;
}

/** A 'test' print job: a short page to check the printer, its profile and code page. */
export interface PrintableTestPage {
  shopName: string;
  /** The shop's language: its letters are the first sample line. */
  locale: string;
  /** ISO-8601 instant the test was requested. */
  at: string;
  /** IANA zone for the printed time; UTC when absent. */
  timeZone?: string;
}

/** A 'drawer' print job: open the cash drawer without a sale. */
export interface DrawerJob {
  /** Why (logged), e.g. 'change for the float'. */
  reason: string;
}

/** Translated words for the paper, supplied by the caller in the shop's language. */
export interface ReceiptLabels {
  receipt: string;
  number: string;
  time: string;
  till: string;
  vatRate: string;
  net: string;
  vat: string;
  gross: string;
  total: string;
  cash: string;
  card: string;
  change: string;
  copy: string;
  thanks: string;
  /** "Discount" on a row, followed by the percentage and the amount taken off. */
  discount: string;
  /** The 5-cent cash rounding line. */
  rounding: string;
  /** The rounded amount the customer pays ("TO PAY"). */
  toPay: string;
  transfer: string;
  prepayment: string;
  cashier: string;
  customer: string;
  vatNo: string;
  /** The shop's registration number ("Reg. nr"). */
  regNo?: string;
  serialNo: string;
  salesperson: string;
  /** The banner on a receipt printed before confirm ("PRO FORMA – not a receipt"). */
  proForma: string;
  /** Unit words after the quantity; default to 'pcs' / 'kg' when not given. */
  pcs?: string;
  kg?: string;
  /** The line printed before a part that may repeat one already on paper ("— continued —"). */
  continued?: string;
  /** A credit note's title, the line naming the sale it returns, and the customer's signature line. */
  creditNote?: string;
  creditOf?: string;
  signature?: string;
  signatureShop?: string;
  /** What a refund pays out ("TO REFUND"), where a sale has `toPay`. */
  toRefund?: string;
  /** The X and Z reports' words; English where one is missing. */
  report?: Readonly<Record<string, string>>;
  /** Cash in / cash out papers' words; English where one is missing. */
  movement?: Readonly<Record<string, string>>;
  /** Test page words; English when not given. */
  testPage?: string;
  printer?: string;
  codePage?: string;
}

/**
 * English words for the labels added after the first version. Labels come from locale files at
 * print time; a locale that has not caught up yet still prints (in English) instead of failing
 * the print job.
 */
export const FALLBACK_LABELS: Readonly<
  Pick<ReceiptLabels, 'discount' | 'rounding' | 'toPay' | 'transfer' | 'prepayment' | 'cashier' | 'customer' | 'vatNo' | 'serialNo' | 'salesperson' | 'proForma'> &
    Required<Pick<ReceiptLabels, 'continued'>>
> = {
  discount: 'Discount',
  rounding: 'Rounding',
  toPay: 'TO PAY',
  transfer: 'Transfer',
  prepayment: 'Prepayment',
  cashier: 'Cashier',
  customer: 'Customer',
  vatNo: 'VAT No.',
  serialNo: 'S/N',
  salesperson: 'Salesperson',
  proForma: 'PRO FORMA – not a receipt',
  continued: '— continued —',
};

/** `labels` with any missing newer label taken from FALLBACK_LABELS. */
export function completeLabels(labels: ReceiptLabels): ReceiptLabels {
  const out: ReceiptLabels = { ...labels };
  for (const key of Object.keys(FALLBACK_LABELS) as (keyof typeof FALLBACK_LABELS)[]) {
    if (typeof out[key] !== 'string') out[key] = FALLBACK_LABELS[key];
  }
  return out;
}
