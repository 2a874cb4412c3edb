import { PosError } from '../contract/errors.js';
import type { ReceiptView } from '../contract/api.js';
import { readFacts } from '../db/documents-repo.js';
import * as repo from '../db/receipts-repo.js';
import { policyPrice, zeroPriceCheck } from '../domain/zero-price.js';
import type { CallContext } from './context.js';
import type { CoreDeps } from './ports.js';
import { withReturnSums } from './credit-rules.js';
import { creditFacts } from './credit-view.js';
import { toReceiptView } from './receipt-view.js';

/** What a saved receipt goes back to on Leave: header, series, rows and the cash it was paid with. */
interface Snapshot {
  header: repo.ReceiptHeader;
  seriesCode: string;
  rows: repo.RowRecord[];
  payments: repo.PaymentRecord[];
}

/**
 * The shared moves of the receipt use cases: loading with the right guard, the view, saving and
 * the zero-price policy. Each takes the call's context (its time and settings); the use cases run
 * them inside one transaction (`deps.tx`).
 */
export function receiptContext(deps: CoreDeps) {
  const { db } = deps;

  const load = (id: string): repo.ReceiptRecord => {
    const r = repo.findReceipt(db, id);
    if (!r) throw new PosError('receipt.not_found', `receipt ${id} not found`);
    return withReturnSums(db, r);
  };
  const loadDraft = (id: string): repo.ReceiptRecord => {
    const r = load(id);
    if (r.status !== 'draft') throw new PosError('receipt.confirmed', `receipt ${id} is confirmed`);
    return r;
  };
  /** A draft whose content may change: not printed-and-locked. */
  const loadEditable = (ctx: CallContext, id: string): repo.ReceiptRecord => {
    const r = loadDraft(id);
    if (r.printedAt !== null && ctx.settings.lockAfterPrint) throw new PosError('receipt.locked', `receipt ${id} is printed and locked`);
    return r;
  };
  const viewOf = (ctx: CallContext, r: repo.ReceiptRecord): ReceiptView =>
    toReceiptView(r, {
      settings: ctx.settings,
      facts: (articleId, warehouse) => repo.rowArticleFacts(db, articleId, warehouse),
      frozen: (documentId) => readFacts(db, documentId),
      credit: (record, owedMinor) => creditFacts(db, record, ctx.now, ctx.settings.timeZone, owedMinor),
    });
  const view = (ctx: CallContext, id: string): ReceiptView => viewOf(ctx, load(id));

  /** Content changed: cash typed against the old total no longer fits, so it is taken again. */
  const changed = (ctx: CallContext, receiptId: string, rowsChanged: boolean) => {
    if (rowsChanged) repo.deleteCashPayments(db, receiptId);
    repo.markDirty(db, receiptId, ctx.now);
  };

  /** The rows the zero-price policy warns about and those it forbids (a 100 % discount counts as no price). */
  const zeroPriceLines = (ctx: CallContext, r: repo.ReceiptRecord) => {
    const warehouse = r.warehouseCode ?? ctx.settings.defaultWarehouse;
    return zeroPriceCheck(
      r.rows.map((row) => ({
        lineNo: row.lineNo,
        unitPriceMinor: policyPrice(row),
        articlePolicy: repo.rowArticleFacts(db, row.articleId, warehouse).zeroPricePolicy,
      })),
      ctx.settings.zeroPricePolicy,
    );
  };

  /** "Enter the selling price!": rows the zero-price policy forbids block save, payment and confirm. */
  const checkZeroPrices = (ctx: CallContext, r: repo.ReceiptRecord) => {
    const { forbid } = zeroPriceLines(ctx, r);
    if (forbid.length > 0) throw new PosError('row.price_required', 'enter the selling price', { lines: forbid.join(', ') });
  };

  /** F9, and the first step of every payment: the receipt becomes View and Leave comes back here. */
  const save = (ctx: CallContext, r: repo.ReceiptRecord, check = true) => {
    if (check) checkZeroPrices(ctx, r);
    const snapshot: Snapshot = {
      header: {
        customerId: r.customerId,
        customerName: r.customerName,
        address: r.address,
        vatNo: r.vatNo,
        email: r.email,
        priceFormulaCode: r.priceFormulaCode,
        objectCode: r.objectCode,
        warehouseCode: r.warehouseCode,
      },
      seriesCode: r.seriesCode,
      rows: r.rows,
      payments: r.payments.filter((p) => p.method === 'cash'),
    };
    repo.markSaved(db, r.id, JSON.stringify(snapshot), ctx.now);
  };

  /**
   * Leave: back to the saved state. Card, transfer and prepayment payments are never in doubt
   * (each one saved the receipt as it was taken), so only rows, header and cash are restored.
   */
  const revert = (ctx: CallContext, r: repo.ReceiptRecord): boolean => {
    if (r.savedSnapshot === null) return false;
    const snap = JSON.parse(r.savedSnapshot) as Snapshot;
    repo.deleteRows(db, r.id);
    repo.deleteCashPayments(db, r.id);
    repo.setSeries(db, r.id, snap.seriesCode);
    repo.updateHeader(db, r.id, snap.header);
    for (const row of snap.rows) repo.insertRow(db, r.id, row);
    for (const p of snap.payments) repo.insertPayment(db, r.id, p, ctx.now);
    repo.markSaved(db, r.id, r.savedSnapshot, ctx.now);
    return true;
  };

  return { db, load, loadDraft, loadEditable, view, viewOf, changed, zeroPriceLines, checkZeroPrices, save, revert };
}

export type ReceiptContext = ReturnType<typeof receiptContext>;
