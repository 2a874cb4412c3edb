import { D, toMinor } from './money.js';

/** What the totals need from a receipt row: prices include VAT. */
export interface TotalsRow {
  quantityMilli: number;
  unitPriceMinor: number;
  vatRateBp: number;
}

export interface VatLine {
  rateBp: number;
  grossMinor: number;
  netMinor: number;
  vatMinor: number;
}

export interface ReceiptTotals {
  rowSums: number[];
  vat: VatLine[];
  totalMinor: number;
}

/** A row's sum: quantity × unit price incl. VAT, rounded half-up to the cent. Never cash-rounded. */
export function rowSum(row: TotalsRow): number {
  return toMinor(new D(row.unitPriceMinor).times(row.quantityMilli).dividedBy(1000));
}

/**
 * THE totals function: row sums, VAT per rate and the receipt total. Every screen, printout and
 * report takes its numbers from here. VAT is extracted from the gross sum of each rate
 * (gross × rate / (100 % + rate)), so a receipt's VAT does not drift with its row count.
 */
export function computeTotals(rows: readonly TotalsRow[]): ReceiptTotals {
  const rowSums = rows.map(rowSum);
  const grossByRate = new Map<number, number>();
  rows.forEach((row, i) => {
    grossByRate.set(row.vatRateBp, (grossByRate.get(row.vatRateBp) ?? 0) + (rowSums[i] ?? 0));
  });
  const vat = [...grossByRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBp, grossMinor]) => {
      const vatMinor = toMinor(new D(grossMinor).times(rateBp).dividedBy(10_000 + rateBp));
      return { rateBp, grossMinor, netMinor: grossMinor - vatMinor, vatMinor };
    });
  const totalMinor = rowSums.reduce((a, b) => a + b, 0);
  return { rowSums, vat, totalMinor };
}
