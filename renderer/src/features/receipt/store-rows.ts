import type { ReceiptView } from '../../../../electron/contract/api';
import { ApiError, call } from '../../lib/pos-client';
import type { Kit } from './store-kit';
import type { RowActions } from './store-types';



export function rowActions(kit: Kit): RowActions {
  const { set, message, enqueue } = kit;

  return {
    addArticle(code) {
      const trimmed = code.trim();
      if (trimmed === '') return Promise.resolve(false);
      return enqueue(async () => {
        const receipt = kit.editableReceipt();
        if (!receipt) return false;
        let view: ReceiptView;
        try {
          view = await call('receipt.addArticle', { receiptId: receipt.id, code: trimmed });
        } catch (error) {
          // The message names the code the cashier scanned, even if the core left it out.
          if (error instanceof ApiError && error.code === 'article.not_found' && error.details.code === undefined) {
            throw new ApiError(error.code, error.message, { ...error.details, code: trimmed });
          }
          throw error;
        }
        // The new row is the one the receipt did not have before (the core may renumber rows).
        const known = new Set(receipt.rows.map((r) => r.id));
        const row =
          view.rows.find((r) => !known.has(r.id)) ??
          view.rows.reduce<ReceiptView['rows'][number] | undefined>((latest, r) => (latest && latest.lineNo > r.lineNo ? latest : r), undefined);
        // The row's name is on screen already; the message only says where it went.
        set({ receipt: view, lastRowId: row?.id ?? null, message: row ? message('success', 'messages.added', { n: row.lineNo }) : null });
        return true;
      }, false);
    },

    updateRow(rowId, patch) {
      return enqueue(async () => {
        const receipt = kit.editableReceipt();
        if (!receipt) return false;
        const view = await call('receipt.updateRow', { receiptId: receipt.id, rowId, ...patch });
        const row = view.rows.find((r) => r.id === rowId);
        const onlyQuantity = Object.keys(patch).length === 1 && patch.quantityMilli !== undefined;
        set({
          receipt: view,
          message: !row
            ? null
            : onlyQuantity
              ? message('success', 'messages.quantitySet', { n: row.lineNo, quantityMilli: row.quantityMilli })
              : message('success', 'messages.rowChanged', { n: row.lineNo }),
        });
        return true;
      }, false);
    },

    removeRow(rowId) {
      return enqueue(async () => {
        const receipt = kit.editableReceipt();
        if (!receipt) return false;
        const lineNo = receipt.rows.find((r) => r.id === rowId)?.lineNo;
        const view = await call('receipt.removeRow', { receiptId: receipt.id, rowId });
        set((s) => ({
          receipt: view,
          lastRowId: s.lastRowId === rowId ? null : s.lastRowId,
          message: lineNo ? message('info', 'messages.removed', { n: lineNo }) : null,
        }));
        return true;
      }, false);
    },
  };
}

/** The row whose picture the image panel shows: the one entered last, else the last row. */
export function lastEnteredRow(receipt: ReceiptView | null, lastRowId: string | null) {
  if (!receipt) return undefined;
  return receipt.rows.find((r) => r.id === lastRowId) ?? receipt.rows.at(-1);
}
