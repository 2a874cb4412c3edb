import type { ReceiptView } from '../contract/api.js';
import type { ReceiptRecord } from '../db/receipts-repo.js';
import { computeTotals } from '../domain/totals.js';
import { paymentState } from '../domain/payment.js';

export function formatReceiptNumber(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(6, '0')}`;
}

/** The view the renderer shows: every number in it comes from the one totals function. */
export function toReceiptView(r: ReceiptRecord): ReceiptView {
  const totals = computeTotals(r.rows);
  const pay = paymentState(totals.totalMinor, r.payments);
  const status = r.status === 'confirmed' ? 'confirmed' : r.rows.length === 0 && r.payments.length === 0 ? 'new' : 'modified';
  return {
    id: r.id,
    status,
    number: r.number === null ? null : formatReceiptNumber(r.seriesPrefix, r.number),
    seriesCode: r.seriesCode,
    currency: r.currency,
    createdAt: r.createdAt,
    confirmedAt: r.confirmedAt,
    rows: r.rows.map((row, i) => ({ ...row, sumMinor: totals.rowSums[i] ?? 0 })),
    vat: totals.vat,
    totalMinor: totals.totalMinor,
    paidMinor: pay.paidMinor,
    dueMinor: pay.dueMinor,
    moneyMinor: pay.moneyMinor,
    changeMinor: pay.changeMinor,
    payments: r.payments.map((p) => ({ ...p })),
  };
}
