import type { ReceiptView } from '../../../../electron/contract/api';
import { ApiError, call } from '../../lib/pos-client';
import type { Kit } from './store-kit';
import type { Ask, RowActions } from './store-types';

type Row = ReceiptView['rows'][number];

/**
 * The row the cashier just touched: the new one, else the one whose quantity grew (a scan added
 * to it), else the last.
 */
function touchedRow(before: ReceiptView, after: ReceiptView): Row | undefined {
  const known = new Map(before.rows.map((r) => [r.id, r.quantityMilli]));
  return (
    after.rows.find((r) => !known.has(r.id)) ??
    after.rows.find((r) => r.quantityMilli !== known.get(r.id)) ??
    after.rows.reduce<Row | undefined>((latest, r) => (latest && latest.lineNo > r.lineNo ? latest : r), undefined)
  );
}

export function rowActions(kit: Kit): RowActions {
  const { set, get, message, enqueue } = kit;
  const ask = (question: Ask) => set({ dialog: { kind: 'ask', ask: question } });

  return {
    addArticle(code, options = {}) {
      const trimmed = code.trim();
      if (trimmed === '') return Promise.resolve(false);
      return enqueue(async () => {
        const receipt = kit.editableReceipt();
        if (!receipt) return false;
        let view: ReceiptView;
        try {
          view = await call('receipt.addArticle', { receiptId: receipt.id, code: trimmed, ...options });
        } catch (error) {
          if (error instanceof ApiError) {
            // A weighed article without a scale label: the cashier weighs it and types the weight.
            if (error.code === 'article.needs_weight') {
              set({ dialog: { kind: 'weight', code: trimmed, name: String(error.details.name ?? trimmed) } });
              return false;
            }
            if (error.code === 'quantity.implausible') {
              ask({ what: 'quantity', details: error.details, retry: { kind: 'article', code: trimmed, ...(options.quantityMilli ? { quantityMilli: options.quantityMilli } : {}) } });
              return false;
            }
            // The message names the code the cashier scanned, even if the core left it out.
            if (error.code === 'article.not_found' && error.details.code === undefined) {
              throw new ApiError(error.code, error.message, { ...error.details, code: trimmed });
            }
          }
          throw error;
        }
        const row = touchedRow(receipt, view);
        const merged = row !== undefined && receipt.rows.some((r) => r.id === row.id);
        // The row's name is on screen already; the message only says where it went.
        set({
          receipt: view,
          lastRowId: row?.id ?? null,
          message: !row
            ? null
            : merged
              ? message('success', 'messages.addedToRow', { n: row.lineNo, quantityMilli: row.quantityMilli })
              : message('success', 'messages.added', { n: row.lineNo }),
        });
        return true;
      }, false);
    },

    updateRow(rowId, patch, confirmed = false) {
      return enqueue(async () => {
        const receipt = kit.editableReceipt();
        if (!receipt) return false;
        let view: ReceiptView;
        try {
          view = await call('receipt.updateRow', { receiptId: receipt.id, rowId, ...patch, confirmed });
        } catch (error) {
          if (error instanceof ApiError && error.code === 'quantity.implausible') {
            ask({ what: 'quantity', details: error.details, retry: { kind: 'row', rowId, patch } });
            return false;
          }
          throw error;
        }
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

    askRemoveRow(rowId) {
      const receipt = kit.editableReceipt();
      const row = receipt?.rows.find((r) => r.id === rowId);
      if (row) ask({ what: 'removeRow', rowId, lineNo: row.lineNo, name: row.name });
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

    answerAsk(yes) {
      const dialog = get().dialog;
      set({ dialog: null });
      if (dialog?.kind !== 'ask' || !yes) return Promise.resolve(false);
      const question = dialog.ask;
      const actions = get();
      switch (question.what) {
        case 'confirm':
          return actions.confirm(question.warnings);
        case 'cash':
          return actions.pay(question.method, question.amountMinor, true);
        case 'removeRow':
          return actions.removeRow(question.rowId);
        case 'quantity': {
          const { retry } = question;
          return retry.kind === 'row'
            ? actions.updateRow(retry.rowId, retry.patch, true)
            : actions.addArticle(retry.code, { confirmed: true, ...(retry.quantityMilli ? { quantityMilli: retry.quantityMilli } : {}) });
        }
      }
    },

    enterWeight(quantityMilli) {
      const dialog = get().dialog;
      set({ dialog: null });
      if (dialog?.kind !== 'weight' || quantityMilli === null) return Promise.resolve(false);
      return get().addArticle(dialog.code, { quantityMilli });
    },
  };
}

/** The row whose picture the image panel shows: the one entered last, else the last row. */
export function lastEnteredRow(receipt: ReceiptView | null, lastRowId: string | null) {
  if (!receipt) return undefined;
  return receipt.rows.find((r) => r.id === lastRowId) ?? receipt.rows.at(-1);
}
