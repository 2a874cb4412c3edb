/**
 * The print model: plain, JSON-serialisable data that a print-job row stores. Everything the paper
 * shows is decided here (already-computed sums, VAT lines, labels) so that a reprint years later
 * produces the same receipt without re-running business logic.
 *
 * Money is integer minor units, quantities integer thousandths; nothing here is a float.
 */

export interface PrintableRow {
  name: string;
  /** Thousandths: 1250 = 1.25. */
  quantityMilli: number;
  unit: 'pcs' | 'kg';
  unitPriceMinor: number;
  sumMinor: number;
  /** Basis points: 2200 = 22 %. */
  vatRateBp: number;
}

export interface PrintableVat {
  rateBp: number;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
}

export interface PrintablePayment {
  method: 'cash' | 'card';
  amountMinor: number;
  tenderedMinor: number;
  changeMinor: number;
}

export interface PrintableReceipt {
  shopName: string;
  shopLines: string[];
  tillName: string;
  number: string;
  /** ISO-8601 UTC instant. */
  confirmedAt: string;
  /** IANA zone the shop is in, e.g. 'Europe/Tallinn'; the paper shows local time dd.MM.yyyy HH:mm. */
  timeZone: string;
  currency: string;
  /** Decides number format on paper ('et' → comma decimals). */
  locale: string;
  rows: PrintableRow[];
  vat: PrintableVat[];
  totalMinor: number;
  payments: PrintablePayment[];
  changeMinor: number;
  /** A reprint: the `copy` label is printed prominently. */
  copy: boolean;
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
  /** Unit words after the quantity; default to 'pcs' / 'kg' when not given. */
  pcs?: string;
  kg?: string;
}
