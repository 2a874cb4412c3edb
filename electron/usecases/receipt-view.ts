import type { CreditNoteView, CreditRowView, ReceiptStatus, ReceiptView, SettingsView } from '../contract/api.js';
import type { FrozenMoney } from '../db/documents-repo.js';
import type { ReceiptRecord, RowArticleFacts } from '../db/receipts-repo.js';
import { settledPayments } from '../domain/document.js';
import { paymentState } from '../domain/payment.js';
import { computeTotals } from '../domain/totals.js';
import { policyPrice, zeroPriceOutcome } from '../domain/zero-price.js';

export function formatReceiptNumber(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(6, '0')}`;
}

/** Directo's status: Confirmed; Modified (unsaved changes); View (saved, unchanged); New. */
export function receiptStatus(r: Pick<ReceiptRecord, 'status' | 'dirty' | 'savedAt'>): ReceiptStatus {
  if (r.status === 'confirmed') return 'confirmed';
  if (r.dirty) return 'modified';
  return r.savedAt === null ? 'new' : 'view';
}

/** What a credit note shows of its sale: the note's link and, per row id, what is left to return. */
export interface CreditFacts {
  note: CreditNoteView;
  rows: Map<string, CreditRowView>;
}

export interface ViewContext {
  settings: SettingsView;
  /** Picture, stock (in the receipt's warehouse) and zero-price override of a row's article. */
  facts(articleId: string, warehouseCode: string): RowArticleFacts;
  /** The VAT lines and tenders frozen when the document was confirmed. */
  frozen(documentId: string): FrozenMoney;
  /** A credit note's original and per row what is left to return (`owedMinor`: what it still owes). */
  credit(r: ReceiptRecord, owedMinor: number): CreditFacts | null;
}

type Money = Pick<
  ReceiptView,
  'vat' | 'totalMinor' | 'roundingMinor' | 'payableMinor' | 'paidMinor' | 'dueMinor' | 'cashDueMinor' | 'moneyMinor' | 'changeMinor'
> & { rows: { sumMinor: number; discountMinor: number }[] };

/** A draft's numbers: the one totals function and the payments taken so far, with today's settings. */
function draftMoney(r: ReceiptRecord, settings: SettingsView): Money {
  const totals = computeTotals(r.rows);
  const pay = paymentState(totals.totalMinor, r.payments, settings.cashRounding);
  return {
    rows: r.rows.map((_, i) => ({ sumMinor: totals.rowSums[i] ?? 0, discountMinor: totals.discountSums[i] ?? 0 })),
    vat: totals.vat,
    totalMinor: totals.totalMinor,
    ...pay,
  };
}

/** A confirmed document's numbers: its frozen facts, whatever the code or the settings say today. */
function frozenMoney(r: ReceiptRecord, frozen: FrozenMoney): Money {
  if (r.totalMinor === null || r.roundingMinor === null || r.payableMinor === null) throw new Error(`receipt ${r.id} has no frozen totals`);
  const paid = settledPayments(frozen.tenders);
  return {
    rows: r.rows.map((row) => {
      if (row.sumMinor == null || row.discountMinor == null) throw new Error(`row ${row.id} of receipt ${r.id} has no frozen sum`);
      return { sumMinor: row.sumMinor, discountMinor: row.discountMinor };
    }),
    vat: frozen.vat,
    totalMinor: r.totalMinor,
    roundingMinor: r.roundingMinor,
    payableMinor: r.payableMinor,
    paidMinor: paid.paidMinor,
    dueMinor: r.payableMinor - paid.paidMinor,
    cashDueMinor: 0,
    moneyMinor: paid.moneyMinor,
    changeMinor: paid.changeMinor,
  };
}

/** The view the renderer shows: a draft computed live, a confirmed document as it was frozen. */
export function toReceiptView(r: ReceiptRecord, ctx: ViewContext): ReceiptView {
  const { settings } = ctx;
  const confirmed = r.status === 'confirmed';
  const money = confirmed ? frozenMoney(r, ctx.frozen(r.id)) : draftMoney(r, settings);
  const warehouseCode = r.warehouseCode ?? settings.defaultWarehouse;
  const credit = ctx.credit(r, Math.max(0, -money.dueMinor));

  // Stock is compared with everything this receipt takes of the article, over all its rows.
  const wanted = new Map<string, number>();
  for (const row of r.rows) wanted.set(row.articleId, (wanted.get(row.articleId) ?? 0) + row.quantityMilli);

  return {
    id: r.id,
    documentType: r.docType,
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
    credit: credit?.note ?? null,
    rows: r.rows.map(({ priceLocked: _locked, sumMinor: _sum, discountMinor: _discount, creditOfRow: _of, stockAction: _action, fixedSumMinor: _fixed, ...row }, i) => {
      const facts = ctx.facts(row.articleId, warehouseCode);
      const stockMilli = confirmed ? null : facts.stockMilli;
      return {
        ...row,
        sumMinor: money.rows[i]?.sumMinor ?? 0,
        discountMinor: money.rows[i]?.discountMinor ?? 0,
        imageUrl: facts.imageUrl,
        stockMilli,
        overStock: stockMilli !== null && (wanted.get(row.articleId) ?? 0) > stockMilli,
        zeroPrice: confirmed ? 'ok' : zeroPriceOutcome(policyPrice(row), settings.zeroPricePolicy, facts.zeroPricePolicy),
        credit: credit?.rows.get(row.id) ?? null,
      };
    }),
    vat: money.vat,
    totalMinor: money.totalMinor,
    roundingMinor: money.roundingMinor,
    payableMinor: money.payableMinor,
    paidMinor: money.paidMinor,
    dueMinor: money.dueMinor,
    cashDueMinor: money.cashDueMinor,
    moneyMinor: money.moneyMinor,
    changeMinor: money.changeMinor,
    payments: r.payments.map((p) => ({
      id: p.id,
      method: p.method,
      amountMinor: p.amountMinor,
      tenderedMinor: p.tenderedMinor,
      changeMinor: p.changeMinor,
      roundingMinor: p.roundingMinor,
      reference: p.reference,
      payee: p.payeeName ? { name: p.payeeName, iban: p.payeeIban ?? '', comment: p.payeeComment ?? '' } : null,
    })),
  };
}
