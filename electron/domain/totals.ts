import { D, sumMinor, toMinor } from './money.js';

/**
 * What the totals need from a receipt row: prices include VAT, quantity in thousandths
 * (1.25 kg = 1250; negative on a credit note), the row's discount in basis points (12.5 % = 1250).
 */
export interface TotalsRow {
  quantityMilli: number;
  unitPriceMinor: number;
  vatRateBp: number;
  discountBp: number;
  /**
   * The row's sum when it is not quantity × price: the last return of a sold row takes back what
   * is left of the row's sum, so several credit notes never give back more than the sale took.
   */
  fixedSumMinor?: number | null;
}

export interface VatLine {
  rateBp: number;
  grossMinor: number;
  netMinor: number;
  vatMinor: number;
}

export interface ReceiptTotals {
  rowSums: number[];
  /** Per row: list sum − row sum, i.e. what the discount took off (negative on a credit row). */
  discountSums: number[];
  vat: VatLine[];
  totalMinor: number;
}

/** Half-up to the cent; -0 (e.g. -0.003 rounds to -0) becomes 0 so screens and equality stay clean. */
function cents(value: D): number {
  const n = toMinor(value);
  return n === 0 ? 0 : n;
}

function checkRow(row: TotalsRow): void {
  for (const [name, v] of [
    ['quantityMilli', row.quantityMilli],
    ['unitPriceMinor', row.unitPriceMinor],
    ['vatRateBp', row.vatRateBp],
  ] as const) {
    if (!Number.isSafeInteger(v)) throw new RangeError(`${name} is not a whole number: ${v}`);
  }
  if (!Number.isInteger(row.discountBp) || row.discountBp < 0 || row.discountBp > 10_000) {
    throw new RangeError(`discountBp must be 0..10000: ${row.discountBp}`);
  }
  if (row.vatRateBp < 0) throw new RangeError(`vatRateBp must not be negative: ${row.vatRateBp}`);
}

/** The row's sum before its discount: quantity × unit price incl. VAT, half-up to the cent. */
export function listSum(row: TotalsRow): number {
  checkRow(row);
  return cents(new D(row.quantityMilli).times(row.unitPriceMinor).dividedBy(1000));
}

/**
 * A row's sum: quantity × unit price × (100 % − discount), as ONE exact Decimal expression rounded
 * half-up once — rounding the discount or the list sum separately first could be a cent off.
 * Never cash-rounded (line prices stay exact; only a cash payment is rounded). Half-up mirrors for negative quantities.
 */
export function rowSum(row: TotalsRow): number {
  checkRow(row);
  if (row.fixedSumMinor !== undefined && row.fixedSumMinor !== null) {
    if (!Number.isSafeInteger(row.fixedSumMinor)) throw new RangeError(`fixedSumMinor is not whole cents: ${row.fixedSumMinor}`);
    return row.fixedSumMinor;
  }
  return cents(
    new D(row.quantityMilli)
      .times(row.unitPriceMinor)
      .times(10_000 - row.discountBp)
      .dividedBy(1000 * 10_000),
  );
}

/**
 * THE totals function: row sums, discounts, VAT per rate and the receipt total. Every screen,
 * printout and report takes its numbers from here. VAT is extracted from the gross sum of each rate
 * (gross × rate / (100 % + rate)), so a receipt's VAT does not drift with its row count. The total
 * is the sum of the rows — the turnover; cash rounding is a payment matter (see payment.ts).
 */
export function computeTotals(rows: readonly TotalsRow[]): ReceiptTotals {
  const rowSums = rows.map(rowSum);
  const discountSums = rows.map((row, i) => listSum(row) - (rowSums[i] ?? 0));
  const grossByRate = new Map<number, number>();
  rows.forEach((row, i) => {
    grossByRate.set(row.vatRateBp, (grossByRate.get(row.vatRateBp) ?? 0) + (rowSums[i] ?? 0));
  });
  const vat = [...grossByRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBp, grossMinor]) => {
      const vatMinor = cents(new D(grossMinor).times(rateBp).dividedBy(10_000 + rateBp));
      return { rateBp, grossMinor, netMinor: grossMinor - vatMinor, vatMinor };
    });
  const totalMinor = sumMinor(rowSums);
  return { rowSums, discountSums, vat, totalMinor };
}
