import { sumMinor } from './money.js';

/**
 * The day's cash: what the drawer should hold, what was counted, what leaves it at close and what
 * stays for tomorrow. Every amount is integer minor units.
 *
 * expected = opening float + cash taken − cash paid out + cash put in − cash taken out
 * where "cash taken" is what cash payments covered (after 5-cent rounding, without the change
 * handed back — change never counts as cash received) and refunds paid out in cash come off it.
 * Card, transfer and prepayment never enter the drawer.
 */

/** Notes and coins the close counts, highest first, per currency (face values in minor units). */
export const DENOMINATIONS: Readonly<Record<string, readonly number[]>> = {
  EUR: [50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  PLN: [50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  UAH: [100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 10],
  KZT: [2_000_000, 1_000_000, 500_000, 200_000, 100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100],
};

export type CountRefusal = { reason: 'negative' | 'not_whole'; valueMinor: number } | { reason: 'unknown_denomination'; valueMinor: number };

/** Σ count × face value; each count a whole, non-negative number of a denomination in the list. */
export function countedTotal(
  denominations: readonly number[],
  counts: readonly { valueMinor: number; count: number }[],
): { ok: true; totalMinor: number } | ({ ok: false } & CountRefusal) {
  for (const c of counts) {
    if (!denominations.includes(c.valueMinor)) return { ok: false, reason: 'unknown_denomination', valueMinor: c.valueMinor };
    if (!Number.isSafeInteger(c.count)) return { ok: false, reason: 'not_whole', valueMinor: c.valueMinor };
    if (c.count < 0) return { ok: false, reason: 'negative', valueMinor: c.valueMinor };
  }
  return { ok: true, totalMinor: sumMinor(counts.map((c) => c.count * c.valueMinor)) };
}

/** The day's cash as the documents and movements say (all amounts as booked: refunds negative). */
export interface CashDay {
  openingFloatMinor: number;
  /** Σ of the cash tenders of the day's confirmed documents: sales positive, cash refunds negative. */
  cashTendersMinor: number;
  /** Cash put into the drawer during the day (change money), positive. */
  cashInMinor: number;
  /** Cash taken out during the day (before the close), positive. */
  cashOutMinor: number;
}

/** What the drawer should hold now. */
export function expectedInRegister(day: CashDay): number {
  return sumMinor([day.openingFloatMinor, day.cashTendersMinor, day.cashInMinor, -day.cashOutMinor]);
}

export interface CloseCash {
  expectedMinor: number;
  countedMinor: number;
  /** Taken out at close, per direction (to the bank, to cash collection, to the safe). */
  cashOut: readonly { direction: string; amountMinor: number }[];
}

export type CloseRefusal = 'negative' | 'cash_out_above_register';

export interface ClosedCash {
  /** counted − expected: positive when there is more in the drawer than the documents say. */
  differenceMinor: number;
  cashOutMinor: number;
  /** What stays in the drawer: tomorrow's opening float. */
  remainsMinor: number;
}

/**
 * The cash part of a close. The difference is the count against the documents — booked as its
 * own movement, never hidden in the sales; cash out comes from what was counted, and what is left
 * is tomorrow's float. Nothing negative; no more out than is in the drawer.
 */
export function closeCash(input: CloseCash): { ok: true; cash: ClosedCash } | { ok: false; reason: CloseRefusal } {
  if (!Number.isSafeInteger(input.countedMinor) || input.countedMinor < 0) return { ok: false, reason: 'negative' };
  if (input.cashOut.some((o) => !Number.isSafeInteger(o.amountMinor) || o.amountMinor < 0)) return { ok: false, reason: 'negative' };
  const cashOutMinor = sumMinor(input.cashOut.map((o) => o.amountMinor));
  if (cashOutMinor > input.countedMinor) return { ok: false, reason: 'cash_out_above_register' };
  return {
    ok: true,
    cash: { differenceMinor: input.countedMinor - input.expectedMinor, cashOutMinor, remainsMinor: input.countedMinor - cashOutMinor },
  };
}

/** A difference between count and documents needs a reason from whoever closes, above the tolerance. */
export function differenceNeedsReason(differenceMinor: number, toleranceMinor: number): boolean {
  return Math.abs(differenceMinor) > toleranceMinor;
}

/** What the day's documents add up to, as the database sums their frozen facts. */
export interface DayFigures {
  /** Per document type: how many, the first and last number, Σ totals and Σ rounding. */
  documents: { type: 'receipt' | 'credit_note'; count: number; first: string | null; last: string | null; totalMinor: number; roundingMinor: number }[];
  vat: { rateBp: number; netMinor: number; vatMinor: number; grossMinor: number }[];
  tenders: { method: string; amountMinor: number }[];
  /** Σ of what row discounts took off (credit notes give it back: negative). */
  discountMinor: number;
  movements: { kind: 'cash_in' | 'cash_out' | 'difference'; amountMinor: number }[];
  drawerOpenings: number;
  /** Per cashier who confirmed documents: how many, and what they add up to (credit notes negative). */
  cashiers: { name: string; count: number; totalMinor: number }[];
}

export interface DayReport {
  salesMinor: number;
  returnsMinor: number;
  netMinor: number;
  roundingMinor: number;
  receipts: { count: number; first: string | null; last: string | null };
  creditNotes: { count: number; first: string | null; last: string | null };
  vat: DayFigures['vat'];
  tenders: DayFigures['tenders'];
  discountMinor: number;
  cashInMinor: number;
  cashOutMinor: number;
  differenceMinor: number;
  drawerOpenings: number;
  cashiers: DayFigures['cashiers'];
}

/** The X or Z report of a day: sales, returns (negative) and net, from the documents' frozen facts. */
export function dayReport(f: DayFigures): DayReport {
  const of = (type: 'receipt' | 'credit_note') => f.documents.find((d) => d.type === type);
  const sales = of('receipt');
  const returns = of('credit_note');
  const moved = (kind: DayFigures['movements'][number]['kind']) => sumMinor(f.movements.filter((m) => m.kind === kind).map((m) => m.amountMinor));
  return {
    salesMinor: sales?.totalMinor ?? 0,
    returnsMinor: returns?.totalMinor ?? 0,
    netMinor: sumMinor([sales?.totalMinor ?? 0, returns?.totalMinor ?? 0]),
    roundingMinor: sumMinor(f.documents.map((d) => d.roundingMinor)),
    receipts: { count: sales?.count ?? 0, first: sales?.first ?? null, last: sales?.last ?? null },
    creditNotes: { count: returns?.count ?? 0, first: returns?.first ?? null, last: returns?.last ?? null },
    vat: [...f.vat].sort((a, b) => b.rateBp - a.rateBp),
    tenders: f.tenders,
    discountMinor: f.discountMinor,
    cashInMinor: moved('cash_in'),
    cashOutMinor: moved('cash_out'),
    differenceMinor: moved('difference'),
    drawerOpenings: f.drawerOpenings,
    cashiers: f.cashiers,
  };
}
