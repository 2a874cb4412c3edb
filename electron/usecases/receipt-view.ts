import type { ReceiptStatus, ReceiptView, SettingsView } from '../contract/api.js';
import type { ReceiptRecord, RowArticleFacts } from '../db/receipts-repo.js';
import { computeTotals } from '../domain/totals.js';
import { paymentState } from '../domain/payment.js';
import { zeroPriceOutcome } from '../domain/zero-price.js';

export function formatReceiptNumber(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(6, '0')}`;
}

/** Directo's status: Confirmed; Modified (unsaved changes); View (saved, unchanged); New. */
export function receiptStatus(r: Pick<ReceiptRecord, 'status' | 'dirty' | 'savedAt'>): ReceiptStatus {
  if (r.status === 'confirmed') return 'confirmed';
  if (r.dirty) return 'modified';
  return r.savedAt === null ? 'new' : 'view';
}

export interface ViewContext {
  settings: SettingsView;
  /** Picture, stock (in the receipt's warehouse) and zero-price override of a row's article. */
  facts(articleId: string, warehouseCode: string): RowArticleFacts;
}

/** The view the renderer shows: every number in it comes from the one totals function. */
export function toReceiptView(r: ReceiptRecord, ctx: ViewContext): ReceiptView {
  const { settings } = ctx;
  const totals = computeTotals(r.rows);
  const pay = paymentState(totals.totalMinor, r.payments, settings.cashRounding);
  const warehouseCode = r.warehouseCode ?? settings.defaultWarehouse;
  const confirmed = r.status === 'confirmed';

  // Stock is compared with everything this receipt takes of the article, over all its rows.
  const wanted = new Map<string, number>();
  for (const row of r.rows) wanted.set(row.articleId, (wanted.get(row.articleId) ?? 0) + row.quantityMilli);

  return {
    id: r.id,
    status: receiptStatus(r),
    number: r.number === null ? null : formatReceiptNumber(r.seriesPrefix, r.number),
    seriesCode: r.seriesCode,
    currency: r.currency,
    createdAt: r.createdAt,
    confirmedAt: r.confirmedAt,
    savedAt: r.savedAt,
    printedAt: r.printedAt,
    locked: !confirmed && r.printedAt !== null && settings.lockAfterPrint,
    customer: r.customerId === null ? null : { id: r.customerId, code: r.customerCode ?? '' },
    customerName: r.customerName,
    address: r.address,
    vatNo: r.vatNo,
    email: r.email,
    priceFormulaCode: r.priceFormulaCode,
    objectCode: r.objectCode,
    warehouseCode,
    creditOf: r.creditOf,
    rows: r.rows.map(({ priceLocked: _locked, ...row }, i) => {
      const facts = ctx.facts(row.articleId, warehouseCode);
      const stockMilli = confirmed ? null : facts.stockMilli;
      return {
        ...row,
        sumMinor: totals.rowSums[i] ?? 0,
        discountMinor: totals.discountSums[i] ?? 0,
        imageUrl: facts.imageUrl,
        stockMilli,
        overStock: stockMilli !== null && (wanted.get(row.articleId) ?? 0) > stockMilli,
        zeroPrice: confirmed ? 'ok' : zeroPriceOutcome(row.unitPriceMinor, settings.zeroPricePolicy, facts.zeroPricePolicy),
      };
    }),
    vat: totals.vat,
    totalMinor: totals.totalMinor,
    roundingMinor: pay.roundingMinor,
    payableMinor: pay.payableMinor,
    paidMinor: pay.paidMinor,
    dueMinor: pay.dueMinor,
    cashDueMinor: pay.cashDueMinor,
    moneyMinor: pay.moneyMinor,
    changeMinor: pay.changeMinor,
    payments: r.payments.map((p) => ({
      id: p.id,
      method: p.method,
      amountMinor: p.amountMinor,
      tenderedMinor: p.tenderedMinor,
      changeMinor: p.changeMinor,
      roundingMinor: p.roundingMinor,
      reference: p.reference,
    })),
  };
}
