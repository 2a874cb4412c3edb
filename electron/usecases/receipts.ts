import { PosError } from '../contract/errors.js';
import type { ParsedInput, ReceiptView } from '../contract/api.js';
import type { Db } from '../db/open.js';
import * as repo from '../db/receipts-repo.js';
import { insertPrintJob } from '../db/print-jobs-repo.js';
import { takeCash } from '../domain/payment.js';
import type { Clock, Ids, ShopConfig } from './ports.js';
import { toReceiptView } from './receipt-view.js';
import { toPrintableReceipt } from './print-document.js';

export interface ReceiptDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  shop: ShopConfig;
  /** Called after a confirm has committed, to wake the print worker. */
  onPrintQueued(): void;
}

/**
 * The cash-receipt use cases. Each one is a single immediate transaction: load, apply the pure
 * domain, persist, and return the fresh view. Drafts live in SQLite too, so a crash or a reload
 * never loses the sale in progress.
 */
export function receiptUseCases(deps: ReceiptDeps) {
  const { db, clock, ids, shop } = deps;
  const now = () => clock.now().toISOString();
  const tx = <T>(fn: () => T): T => db.transaction(fn).immediate();

  const load = (id: string): repo.ReceiptRecord => {
    const r = repo.findReceipt(db, id);
    if (!r) throw new PosError('receipt.not_found', `receipt ${id} not found`);
    return r;
  };
  const loadDraft = (id: string): repo.ReceiptRecord => {
    const r = load(id);
    if (r.status !== 'draft') throw new PosError('receipt.confirmed', `receipt ${id} is confirmed`);
    return r;
  };
  const view = (id: string): ReceiptView => toReceiptView(load(id));

  /** Rows changed: cash taken against the old total no longer fits, so it is taken again. */
  const rowsChanged = (receiptId: string) => {
    repo.deleteCashPayments(db, receiptId);
    repo.touchReceipt(db, receiptId, now());
  };

  return {
    'receipt.new': (): ReceiptView =>
      tx(() => {
        const id = ids.next();
        repo.insertReceipt(db, { id, seriesCode: shop.seriesCode, currency: shop.currency, now: now() });
        return view(id);
      }),

    'receipt.current': (): ReceiptView | null => {
      const id = repo.newestDraftId(db);
      return id === null ? null : view(id);
    },

    'receipt.get': ({ receiptId }: ParsedInput<'receipt.get'>): ReceiptView => view(receiptId),

    'receipt.addArticle': ({ receiptId, code }: ParsedInput<'receipt.addArticle'>): ReceiptView =>
      tx(() => {
        const r = loadDraft(receiptId);
        const article = repo.findArticleByCode(db, code);
        if (!article) throw new PosError('article.not_found', `no article with code ${code}`, { code });
        repo.insertRow(db, receiptId, {
          id: ids.next(),
          lineNo: r.rows.reduce((max, row) => Math.max(max, row.lineNo), 0) + 1,
          articleId: article.id,
          code: article.code,
          name: article.name,
          unit: article.unit,
          quantityMilli: 1000,
          unitPriceMinor: article.priceMinor,
          vatRateBp: article.vatRateBp,
        });
        rowsChanged(receiptId);
        return view(receiptId);
      }),

    'receipt.setQuantity': ({ receiptId, rowId, quantityMilli }: ParsedInput<'receipt.setQuantity'>): ReceiptView =>
      tx(() => {
        const r = loadDraft(receiptId);
        if (!r.rows.some((row) => row.id === rowId)) throw new PosError('row.not_found', `row ${rowId} not found`);
        // A sale sells: negative quantities belong to credit notes, which have their own flow.
        if (quantityMilli <= 0) throw new PosError('quantity.invalid', 'quantity must be positive');
        repo.updateRowQuantity(db, rowId, quantityMilli);
        rowsChanged(receiptId);
        return view(receiptId);
      }),

    'receipt.removeRow': ({ receiptId, rowId }: ParsedInput<'receipt.removeRow'>): ReceiptView =>
      tx(() => {
        const r = loadDraft(receiptId);
        if (!r.rows.some((row) => row.id === rowId)) throw new PosError('row.not_found', `row ${rowId} not found`);
        repo.deleteRow(db, rowId);
        rowsChanged(receiptId);
        return view(receiptId);
      }),

    'receipt.payCash': ({ receiptId, tenderedMinor }: ParsedInput<'receipt.payCash'>): ReceiptView =>
      tx(() => {
        const current = toReceiptView(loadDraft(receiptId));
        const outcome = takeCash(current.dueMinor, tenderedMinor);
        if (!outcome.ok) {
          throw outcome.reason === 'nothing_due'
            ? new PosError('payment.nothing_due', 'nothing is due')
            : new PosError('payment.invalid_amount', 'invalid cash amount');
        }
        repo.insertPayment(db, receiptId, { id: ids.next(), ...outcome.payment }, now());
        repo.touchReceipt(db, receiptId, now());
        return view(receiptId);
      }),

    'receipt.confirm': ({ receiptId }: ParsedInput<'receipt.confirm'>): ReceiptView => {
      const confirmed = tx(() => {
        const draft = toReceiptView(loadDraft(receiptId));
        if (draft.rows.length === 0) throw new PosError('receipt.empty', 'receipt has no rows');
        if (draft.dueMinor > 0) throw new PosError('receipt.not_paid', 'receipt is not fully paid', { due: draft.dueMinor });
        const confirmedAt = now();
        const number = repo.takeNextNumber(db, shop.seriesCode);
        repo.markConfirmed(db, { id: receiptId, number, confirmedAt, totalMinor: draft.totalMinor });
        const result = view(receiptId);
        // Queued in the same transaction as the sale: a crash after commit still prints, once.
        insertPrintJob(db, {
          id: ids.next(),
          receiptId,
          document: JSON.stringify(toPrintableReceipt(result, shop)),
          now: confirmedAt,
        });
        return result;
      });
      deps.onPrintQueued();
      return confirmed;
    },
  };
}
