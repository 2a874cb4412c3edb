import type { PaymentMethod, ReceiptView } from '../../../../electron/contract/api';
import { ApiError, call } from '../../lib/pos-client';
import type { Kit } from './store-kit';
import { isCreditNote } from './store-returns';
import type { PaymentActions } from './store-types';


const PAID_KEY: Record<Exclude<PaymentMethod, 'cash'>, string> = {
  card: 'messages.paidCard',
  transfer: 'messages.paidTransfer',
  prepayment: 'messages.paidPrepayment',
};

export function paymentActions(kit: Kit): PaymentActions {
  const { set, get, message, notify, enqueue } = kit;
  let seq = 0;

  const enabled = (method: PaymentMethod) => {
    const { settings } = get();
    if (method === 'transfer') return settings.transferEnabled;
    if (method === 'prepayment') return settings.prepaymentEnabled;
    return true;
  };

  /**
   * A credit note pays back: F4 opens the cash field with the refund rounded as cash is (a
   * positive amount, paid out); a card refund cancels the sale's card payment, a transfer needs
   * the payee (their own dialogs).
   */
  const startRefund = (receipt: ReceiptView, method: PaymentMethod): boolean => {
    if (method === 'card') {
      void get().cancelFirstCard();
      return false;
    }
    if (method !== 'cash') {
      get().showTransferRefund();
      return false;
    }
    if (receipt.dueMinor >= 0) {
      notify('error', 'errors.payment.nothing_owed');
      return false;
    }
    seq += 1;
    set({ payment: { method, amountMinor: -receipt.cashDueMinor, seq }, message: message('info', 'messages.payPrompt.refund') });
    return true;
  };

  return {
    startPayment(method) {
      const receipt = kit.openReceipt();
      if (!receipt) return false;
      if (receipt.rows.length === 0) {
        notify('info', 'messages.nothingToPay');
        return false;
      }
      if (!enabled(method)) {
        notify('error', 'errors.payment.method_disabled');
        return false;
      }
      // "Enter the selling price!" comes first: the money keys stay shut while a row the
      // zero-price policy forbids has no price (the core refuses it too).
      const forbidden = receipt.rows.filter((r) => r.zeroPrice === 'forbid').map((r) => r.lineNo);
      if (forbidden.length > 0) {
        notify('error', 'errors.row.price_required', { lines: forbidden.join(', ') });
        return false;
      }
      if (isCreditNote(receipt)) return startRefund(receipt, method);
      if (receipt.dueMinor <= 0) {
        notify('error', 'errors.payment.nothing_due');
        return false;
      }
      if (method === 'card' && get().cardPending) {
        notify('info', 'messages.cardBusy');
        return false;
      }
      seq += 1;
      const amountMinor = method === 'cash' ? receipt.cashDueMinor : receipt.dueMinor;
      set({ payment: { method, amountMinor, seq }, message: message('info', `messages.payPrompt.${method}`) });
      return true;
    },

    cancelPayment() {
      set((s) => ({ payment: null, message: s.message?.key.startsWith('messages.payPrompt.') ? null : s.message }));
    },

    pay(method, amountMinor, confirmed = false) {
      // The card terminal may take a minute: its field closes at once and the screen stays usable
      // (a status says the terminal is busy). Cash and the others keep their field until accepted.
      const card = method === 'card';
      if (card) set({ payment: null, cardPending: true, terminalPrompt: null, message: null });
      return enqueue(async () => {
        try {
          const receipt = kit.openReceipt();
          if (!receipt) return false;
          let view;
          try {
            view = await call('receipt.pay', { receiptId: receipt.id, method, amountMinor, confirmed });
          } catch (error) {
            // 5000 typed for 50.00: the till asks before it takes it.
            if (error instanceof ApiError && error.code === 'payment.implausible_cash') {
              set({ dialog: { kind: 'ask', ask: { what: 'cash', method, amountMinor, details: error.details } } });
              return false;
            }
            throw error;
          }
          const paidOut = -(view.payments.at(-1)?.amountMinor ?? -amountMinor);
          const paid = isCreditNote(view)
            ? view.dueMinor < 0
              ? message('warning', 'messages.refundShort', { amount: paidOut, due: -view.dueMinor })
              : message('success', 'messages.refunded', { amount: paidOut })
            : method !== 'cash'
              ? message('success', PAID_KEY[method], { amount: view.payments.at(-1)?.amountMinor ?? amountMinor })
              : view.dueMinor > 0
                ? // Less than was due is a part payment, not a sale settled: say what is still owed.
                  message('warning', 'messages.paidShort', { receivedMinor: amountMinor, due: view.dueMinor })
                : message('success', 'messages.paid', { money: view.moneyMinor, change: view.changeMinor });
          set((s) => ({ receipt: view, payment: s.payment?.method === method ? null : s.payment, message: paid }));
          return true;
        } finally {
          if (card) set({ cardPending: false, terminalPrompt: null });
        }
      }, false);
    },

    removePayment(paymentId) {
      return enqueue(async () => {
        const receipt = kit.openReceipt();
        if (!receipt) return false;
        const n = receipt.payments.findIndex((p) => p.id === paymentId) + 1;
        const view = await call('receipt.removePayment', { receiptId: receipt.id, paymentId });
        set({ receipt: view, message: message('info', 'messages.paymentRemoved', { n }) });
        return true;
      }, false);
    },
  };
}
