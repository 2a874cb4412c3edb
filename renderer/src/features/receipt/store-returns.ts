import type { ReceiptView } from '../../../../electron/contract/api';
import { ApiError, call } from '../../lib/pos-client';
import type { Kit } from './store-kit';
import type { ReceiptData, ReturnActions } from './store-types';

/** A different receipt on screen: nothing of the previous one's payment or picture may linger. */
const fresh: Partial<ReceiptData> = { payment: null, lastRowId: null };

const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError('internal', error instanceof Error ? error.message : String(error));

/** Is this receipt a credit note (a return)? */
export const isCreditNote = (receipt: ReceiptView | null | undefined): boolean => receipt?.documentType === 'credit_note';

/**
 * Why Credit (F5) cannot be pressed now, as a translation key; null when it can: only a confirmed
 * sale is credited.
 */
export function creditBlocked(receipt: ReceiptView | null): string | null {
  if (!receipt) return 'toolbar.creditNothing';
  if (receipt.documentType !== 'receipt') return 'toolbar.creditNotSale';
  if (receipt.status !== 'confirmed') return 'toolbar.creditNotConfirmed';
  return null;
}

export function returnActions(kit: Kit): ReturnActions {
  const { set, get, message, notify, enqueue } = kit;

  /** The credit note draft on screen, or null after saying why there is none. */
  const creditDraft = (): ReceiptView | null => {
    const receipt = kit.openReceipt();
    if (receipt && !isCreditNote(receipt)) {
      notify('error', 'errors.credit.not_a_credit_note');
      return null;
    }
    return receipt;
  };

  /** What may go back to this card now: its amount, at most the card part of what is still owed. */
  const refundable = (receipt: ReceiptView, paymentId: string): number => {
    const card = receipt.credit?.cards.find((c) => c.paymentId === paymentId);
    return card ? Math.min(card.amountMinor, receipt.credit?.cardRefundMinor ?? 0) : 0;
  };

  /**
   * Money back through the card terminal. It may take a while, as a card payment does: the screen
   * stays usable meanwhile, and says what came back once the terminal approved it.
   */
  const viaTerminal = (request: (receipt: ReceiptView) => { amount: number; done: Promise<ReceiptView> }, messageKey: string) => {
    set({ payment: null, cardPending: true, terminalPrompt: null, message: null });
    return enqueue(async () => {
      try {
        const receipt = creditDraft();
        if (!receipt) return false;
        const { amount, done } = request(receipt);
        set({ receipt: await done, message: message('success', messageKey, { amount }) });
        return true;
      } finally {
        set({ cardPending: false, terminalPrompt: null });
      }
    }, false);
  };

  const refundToCard = (paymentId: string) =>
    viaTerminal((receipt) => {
      const amount = refundable(receipt, paymentId);
      return { amount, done: call('receipt.refundCard', { receiptId: receipt.id, amountMinor: amount }) };
    }, 'messages.cardRefunded');

  const cancelCard = (paymentId: string) =>
    viaTerminal(
      (receipt) => ({
        amount: receipt.credit?.cards.find((c) => c.paymentId === paymentId)?.amountMinor ?? 0,
        done: call('receipt.cancelCard', { receiptId: receipt.id, paymentId }),
      }),
      'messages.cardCancelled',
    );

  return {
    showFind() {
      set({ dialog: { kind: 'find' }, payment: null });
    },

    async findReceipt(text) {
      // Scans and row edits still on their way belong to the receipt on screen: they go first.
      await kit.whenIdle();
      try {
        const view = await call('receipt.find', { text });
        set({ receipt: view, ...fresh, dialog: null, message: message('info', 'messages.found', { number: view.number ?? text }) });
        return null;
      } catch (error) {
        return asApiError(error);
      }
    },

    openFound(receiptId) {
      set({ dialog: null });
      return enqueue(async () => {
        const view = await call('receipt.get', { receiptId });
        set({ receipt: view, ...fresh, message: message('info', 'messages.found', { number: view.number ?? '' }) });
        return true;
      }, false);
    },

    credit() {
      return enqueue(async () => {
        const receipt = kit.anyReceipt();
        if (!receipt) return false;
        const blocked = creditBlocked(receipt);
        if (blocked) {
          notify('error', blocked);
          return false;
        }
        const view = await call('receipt.credit', { receiptId: receipt.id });
        set({ receipt: view, ...fresh, message: message('info', 'messages.creditStarted', { number: view.credit?.originalNumber ?? receipt.number ?? '' }) });
        return true;
      }, false);
    },

    cancelCard,
    refundToCard,

    cancelFirstCard() {
      const receipt = creditDraft();
      if (!receipt) return Promise.resolve(false);
      if (get().cardPending) {
        notify('info', 'messages.cardBusy');
        return Promise.resolve(false);
      }
      const cards = receipt.credit?.cards ?? [];
      const first = cards.find((c) => c.refusal === null);
      if (first) return cancelCard(first.paymentId);
      // Another day or part of it: the money goes back to the card as a refund instead.
      const refundableCard = cards.find((c) => c.refusal !== 'cancelled' && refundable(receipt, c.paymentId) > 0);
      if (refundableCard) return refundToCard(refundableCard.paymentId);
      const refused = cards[0];
      if (refused?.refusal) notify('error', `credit.refusal.${refused.refusal}`);
      else notify('error', 'messages.noCardToCancel');
      return Promise.resolve(false);
    },

    showTransferRefund() {
      const receipt = creditDraft();
      if (!receipt) return;
      if (receipt.dueMinor >= 0) {
        notify('error', 'errors.payment.nothing_owed');
        return;
      }
      set({ dialog: { kind: 'transfer' }, payment: null });
    },

    refundTransfer(refund) {
      return enqueue(async () => {
        const receipt = creditDraft();
        if (!receipt) return new ApiError('credit.not_a_credit_note', 'no credit note on screen');
        try {
          const view = await call('receipt.refundTransfer', { receiptId: receipt.id, ...refund });
          set({ receipt: view, dialog: null, message: message('success', 'messages.refundedTransfer', { amount: refund.amountMinor, name: refund.payeeName }) });
          return null;
        } catch (error) {
          return asApiError(error);
        }
      }, null);
    },
  };
}
