import { PosError } from '../contract/errors.js';
import type { ParsedInput, PaymentMethod, ReceiptView } from '../contract/api.js';
import * as repo from '../db/receipts-repo.js';
import { takeCash, takeNonCash, type PaymentOutcome } from '../domain/payment.js';
import { refundCash } from '../domain/returns.js';
import { implausibleCash } from '../domain/plausibility.js';
import { cardPayments } from './card-payments.js';
import { refundRefused, refuseWhileCardInDoubt } from './credit-rules.js';
import type { CallContext } from './context.js';
import type { CoreDeps } from './ports.js';
import { receiptContext, type ReceiptContext } from './receipt-context.js';

const outcomeError = (outcome: Exclude<PaymentOutcome, { ok: true }>, dueMinor: number): PosError => {
  switch (outcome.reason) {
    case 'nothing_due':
      return new PosError('payment.nothing_due', 'nothing is due');
    case 'exceeds_due':
      return new PosError('payment.exceeds_due', 'amount exceeds the amount due', { due: dueMinor });
    default:
      return new PosError('payment.invalid_amount', 'invalid amount');
  }
};

/**
 * Payments: cash (5-cent rounding, change), card (through the terminal), transfer and prepayment
 * (behind settings). A payment saves the receipt first, so the zero-price policy applies and
 * Leave never undoes money that moved.
 */
export function receiptPaymentUseCases(deps: CoreDeps) {
  const rc: ReceiptContext = receiptContext(deps);
  const { db, ids, tx } = deps;
  const card = cardPayments(deps, rc);

  const methodAllowed = (ctx: CallContext, method: PaymentMethod) => {
    const s = ctx.settings;
    if ((method === 'transfer' && !s.transferEnabled) || (method === 'prepayment' && !s.prepaymentEnabled)) {
      throw new PosError('payment.method_disabled', `${method} payments are switched off`, { method });
    }
  };

  /**
   * A credit note pays back: cash (the amount paid out, rounded as a cash refund is). A transfer
   * refund needs the payee (`receipt.refundTransfer`); a card refund cancels the original card
   * payment (`receipt.cancelCard`). Nothing settles the refund while a card cancellation is in doubt.
   */
  const refund = (ctx: CallContext, receiptId: string, method: PaymentMethod, dueMinor: number, paidOutMinor: number) => {
    refuseWhileCardInDoubt(db, receiptId);
    if (method !== 'cash') throw new PosError('payment.method_disabled', `a refund by ${method} is not taken here`, { method });
    const outcome = refundCash(dueMinor, paidOutMinor, ctx.settings.cashRounding);
    if (outcome.ok) return outcome.payment;
    throw refundRefused(outcome.reason, dueMinor);
  };

  /** Checks a payment can be taken now; returns the outcome to record. */
  const prepare = (ctx: CallContext, receiptId: string, method: PaymentMethod, amountMinor: number, confirmed: boolean) => {
    const r = rc.loadDraft(receiptId);
    if (r.rows.length === 0) throw new PosError('payment.nothing_due', 'the receipt has no rows');
    rc.checkZeroPrices(ctx, r);
    const current = rc.viewOf(ctx, r);
    if (r.docType === 'credit_note') return refund(ctx, r.id, method, current.dueMinor, amountMinor);
    const slip = method === 'cash' && !confirmed ? implausibleCash(amountMinor, current.dueMinor, ctx.settings.largestBanknoteMinor) : null;
    if (slip) {
      throw new PosError('payment.implausible_cash', 'are you sure about the cash received?', {
        tenderedMinor: amountMinor,
        limitMinor: slip.limitMinor,
        field: 'amountMinor',
      });
    }
    const outcome =
      method === 'cash'
        ? takeCash(current.dueMinor, amountMinor, ctx.settings.cashRounding)
        : takeNonCash(method, current.dueMinor, amountMinor);
    if (!outcome.ok) throw outcomeError(outcome, current.dueMinor);
    return outcome.payment;
  };

  const record = (ctx: CallContext, receiptId: string, payment: repo.PaymentRecord) => {
    repo.insertPayment(db, receiptId, { ...payment, terminalRequestId: null }, ctx.now);
    // Checked in prepare; saving makes the receipt View with this payment in its snapshot.
    rc.save(ctx, rc.load(receiptId), false);
  };

  return {
    'receipt.pay': async ({ receiptId, method, amountMinor, confirmed }: ParsedInput<'receipt.pay'>, ctx: CallContext): Promise<ReceiptView> => {
      methodAllowed(ctx, method);
      if (method === 'card') {
        if (rc.load(receiptId).docType === 'credit_note') {
          throw new PosError('credit.card_by_cancel', 'a card refund cancels the original card payment');
        }
        return card.pay(ctx, receiptId, amountMinor, () => {
          const r = rc.loadDraft(receiptId);
          if (r.rows.length === 0) throw new PosError('payment.nothing_due', 'the receipt has no rows');
          rc.checkZeroPrices(ctx, r);
        });
      }
      return tx(() => {
        const payment = prepare(ctx, receiptId, method, amountMinor, confirmed);
        record(ctx, receiptId, { id: ids.next(), reference: null, ...payment });
        return rc.view(ctx, receiptId);
      });
    },

    'terminal.orphans': () => card.orphans(),
    'terminal.reverseOrphan': async ({ requestId }: ParsedInput<'terminal.reverseOrphan'>) => {
      await card.reverseOrphan(requestId);
      return card.orphans();
    },
    'terminal.recover': (_: unknown, ctx: CallContext) => card.recoverAll(ctx),

    'receipt.removePayment': async ({ receiptId, paymentId }: ParsedInput<'receipt.removePayment'>, ctx: CallContext): Promise<ReceiptView> => {
      const payment = tx(() => {
        const r = rc.loadDraft(receiptId);
        const p = r.payments.find((x) => x.id === paymentId);
        if (!p) throw new PosError('payment.not_found', `payment ${paymentId} not found`);
        return p;
      });
      // A card payment the terminal cancelled for a refund is money given back: it stays.
      if (payment.method === 'card' && payment.amountMinor < 0) throw new PosError('credit.card_cancelled', 'the card payment was cancelled on the terminal');
      // Card money went through the terminal: it comes back only through the terminal.
      if (payment.method === 'card') return card.reverse(ctx, receiptId, payment);
      return tx(() => {
        repo.deletePayment(db, payment.id);
        rc.save(ctx, rc.load(receiptId), false);
        return rc.view(ctx, receiptId);
      });
    },
  };
}
