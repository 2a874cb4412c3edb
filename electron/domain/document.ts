import { sumMinor } from './money.js';
import { paymentState, type Payment, type PaymentMethod } from './payment.js';
import type { CashRounding } from './rounding.js';
import { computeTotals, type TotalsRow, type VatLine } from './totals.js';

/**
 * The documents a till makes. A receipt sells; a credit note takes goods back; cash movements,
 * inventories and Z reports record the day. Every document is a draft until it is confirmed,
 * and a confirmed document is a fact: immutable, carrying the numbers it was confirmed with.
 */
export const DOCUMENT_TYPES = ['receipt', 'credit_note', 'cash_movement', 'inventory', 'z_report'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/**
 * Which quantities a row may have on a document of this type: a receipt sells (more than zero),
 * a credit note returns (less than zero). Documents without article rows take none.
 */
export function quantityAllowed(type: DocumentType, quantityMilli: number): boolean {
  if (!Number.isSafeInteger(quantityMilli) || quantityMilli === 0) return false;
  switch (type) {
    case 'receipt':
      return quantityMilli > 0;
    case 'credit_note':
      return quantityMilli < 0;
    default:
      return false;
  }
}

/** One payment method's part of a confirmed document: what the shop's books and reports need. */
export interface Tender {
  method: PaymentMethod;
  /** What the payments of this method covered of the amount payable. */
  amountMinor: number;
  /** What the customer handed over (cash); equal to the amount for other methods. */
  tenderedMinor: number;
  changeMinor: number;
  /** Cash rounding settled by this method (only cash rounds). */
  roundingMinor: number;
}

/** The numbers a document is confirmed with, frozen beside it; nothing recomputes them later. */
export interface DocumentFacts {
  /** Per row, in row order: its sum and what its discount took off. */
  rows: { sumMinor: number; discountMinor: number }[];
  /** VAT per rate, highest rate first. */
  vat: VatLine[];
  /** Turnover: the sum of the rows. */
  totalMinor: number;
  roundingMinor: number;
  /** Total + rounding: what the payments covered. */
  payableMinor: number;
  /** Per payment method, in a fixed order (cash, card, transfer, prepayment); methods not used are left out. */
  tenders: Tender[];
}

const METHOD_ORDER: readonly PaymentMethod[] = ['cash', 'card', 'transfer', 'prepayment'];

/** Payments summed per method. */
export function tendersOf(payments: readonly Payment[]): Tender[] {
  return METHOD_ORDER.flatMap((method) => {
    const of = payments.filter((p) => p.method === method);
    if (of.length === 0) return [];
    return [
      {
        method,
        amountMinor: sumMinor(of.map((p) => p.amountMinor)),
        tenderedMinor: sumMinor(of.map((p) => p.tenderedMinor)),
        changeMinor: sumMinor(of.map((p) => p.changeMinor)),
        roundingMinor: sumMinor(of.map((p) => p.roundingMinor)),
      },
    ];
  });
}

/**
 * The facts of a draft at the moment it is confirmed, from the one totals function and the
 * payments taken. Confirm writes them in its transaction; views, paper, fiscal documents and
 * reports of the confirmed document read them and never call the totals function again.
 */
export function freezeFacts(rows: readonly TotalsRow[], payments: readonly Payment[], rule: CashRounding): DocumentFacts {
  const totals = computeTotals(rows);
  const pay = paymentState(totals.totalMinor, payments, rule);
  return {
    rows: rows.map((_, i) => ({ sumMinor: totals.rowSums[i] ?? 0, discountMinor: totals.discountSums[i] ?? 0 })),
    vat: totals.vat,
    totalMinor: totals.totalMinor,
    roundingMinor: pay.roundingMinor,
    payableMinor: pay.payableMinor,
    tenders: tendersOf(payments),
  };
}

/** The payment section of a confirmed document, read from its tenders: sums of frozen facts only. */
export function settledPayments(tenders: readonly Tender[]): { paidMinor: number; moneyMinor: number; changeMinor: number } {
  const cash = tenders.filter((t) => t.method === 'cash');
  return {
    paidMinor: sumMinor(tenders.map((t) => t.amountMinor)),
    moneyMinor: sumMinor(cash.map((t) => t.tenderedMinor)),
    changeMinor: sumMinor(cash.map((t) => t.changeMinor)),
  };
}
