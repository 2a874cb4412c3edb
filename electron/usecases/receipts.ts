import { PosError } from '../contract/errors.js';
import type { ParsedInput, ReceiptSummary, ReceiptView } from '../contract/api.js';
import * as repo from '../db/receipts-repo.js';
import { exists } from '../db/reference-repo.js';
import type { CallContext } from './context.js';
import type { CoreDeps } from './ports.js';
import { refuseOnCreditNote, refuseWhileCardInDoubt } from './credit-rules.js';
import { receiptContext } from './receipt-context.js';

/**
 * The receipt's life cycle (its rows: receipt-rows.ts). Each use case is a single immediate transaction: load, apply
 * the pure domain, persist, and return the fresh view. Drafts live in SQLite too, so a crash or a
 * reload never loses the sale in progress; "unsaved" (Modified) only means "changed since F9".
 */
export function receiptUseCases(deps: CoreDeps) {
  const rc = receiptContext(deps);
  const { db, ids, shop, tx } = deps;

  const create = (ctx: CallContext, seriesCode?: string): string => {
    const s = ctx.settings;
    const series = seriesCode ?? s.defaultSeries;
    if (!exists(db, 'number_series', series)) throw new PosError('series.not_found', `no number series ${series}`, { code: series });
    const id = ids.next();
    repo.insertReceipt(db, { id, seriesCode: series, currency: shop.currency, warehouseCode: s.defaultWarehouse, now: ctx.now });
    return id;
  };

  return {
    'receipt.new': ({ seriesCode }: ParsedInput<'receipt.new'>, ctx: CallContext): ReceiptView => tx(() => rc.view(ctx, create(ctx, seriesCode))),

    'receipt.current': (_: unknown, ctx: CallContext): ReceiptView | null => {
      const id = repo.newestDraftId(db);
      return id === null ? null : rc.view(ctx, id);
    },

    'receipt.get': ({ receiptId }: ParsedInput<'receipt.get'>, ctx: CallContext): ReceiptView => rc.view(ctx, receiptId),

    'receipt.listOpen': (_: unknown, ctx: CallContext): ReceiptSummary[] =>
      repo.openDraftIds(db).map((id) => {
        const v = rc.view(ctx, id);
        return { id, status: v.status, number: v.number, customerName: v.customerName, totalMinor: v.totalMinor, createdAt: v.createdAt };
      }),

    'receipt.save': ({ receiptId }: ParsedInput<'receipt.save'>, ctx: CallContext): ReceiptView =>
      tx(() => {
        rc.save(ctx, rc.loadDraft(receiptId));
        return rc.view(ctx, receiptId);
      }),

    'receipt.revert': ({ receiptId }: ParsedInput<'receipt.revert'>, ctx: CallContext): ReceiptView | null =>
      tx(() => {
        const r = rc.loadEditable(ctx, receiptId);
        if (rc.revert(ctx, r)) return rc.view(ctx, receiptId);
        refuseWhileCardInDoubt(db, receiptId);
        // Never saved: leaving it drops it, unless money already moved on a card.
        if (r.payments.some((p) => p.method !== 'cash')) throw new PosError('receipt.has_card_payment', 'payments other than cash');
        repo.deleteReceipt(db, receiptId);
        return null;
      }),

    'receipt.delete': ({ receiptId }: ParsedInput<'receipt.delete'>, ctx: CallContext) =>
      tx(() => {
        const r = rc.loadDraft(receiptId);
        if (!ctx.settings.allowDelete) throw new PosError('receipt.delete_forbidden', 'deleting receipts is not allowed');
        refuseWhileCardInDoubt(db, receiptId);
        if (r.payments.some((p) => p.method !== 'cash')) throw new PosError('receipt.has_card_payment', 'payments other than cash');
        repo.deleteReceipt(db, receiptId);
        return { deleted: true as const };
      }),

    'receipt.copy': ({ receiptId }: ParsedInput<'receipt.copy'>, ctx: CallContext): ReceiptView =>
      tx(() => {
        const source = rc.load(receiptId);
        // A credit note's rows return goods: copied into a sale they would sell them with a minus.
        refuseOnCreditNote(source, 'rows');
        // Dated now, numbered from this till's series at confirm; serial numbers belong to the
        // items sold before, and payments to that sale, so neither is copied.
        const id = create(ctx);
        repo.updateHeader(db, id, { ...source, warehouseCode: source.warehouseCode ?? ctx.settings.defaultWarehouse });
        source.rows.forEach((row, i) => repo.insertRow(db, id, { ...row, id: ids.next(), lineNo: i + 1, serialNo: '' }));
        rc.changed(ctx, id, true);
        return rc.view(ctx, id);
      }),
  };
}
