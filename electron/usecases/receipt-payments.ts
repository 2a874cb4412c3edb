import { PosError } from '../contract/errors.js';
import type { ParsedInput, PaymentMethod, ReceiptView } from '../contract/api.js';
import * as repo from '../db/receipts-repo.js';
import { takeCash, takeNonCash, type PaymentOutcome } from '../domain/payment.js';
import type { CoreDeps } from './ports.js';
import { receiptContext, type ReceiptContext } from './receipt-context.js';
import { cardPayments } from './card-payments.js';

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
  const ctx: ReceiptContext = receiptContext(deps);
  const { db, ids, terminal } = deps;
  const { tx, now } = ctx;

  const methodAllowed = (method: PaymentMethod) => {
    const s = ctx.settings();
    if ((method === 'transfer' && !s.transferEnabled) || (method === 'prepayment' && !s.prepaymentEnabled)) {
      throw new PosError('payment.method_disabled', `${method} payments are switched off`, { method });
    }
  };

  /** Checks a payment can be taken now; returns the outcome to record. */
  const prepare = (receiptId: string, method: PaymentMethod, amountMinor: number) => {
    const r = ctx.loadDraft(receiptId);
    if (r.rows.length === 0) throw new PosError('payment.nothing_due', 'the receipt has no rows');
    ctx.checkZeroPrices(r, ctx.settings());
    const current = ctx.viewOf(r);
    const outcome =
      method === 'cash'
        ? takeCash(current.dueMinor, amountMinor, ctx.settings().cashRounding)
        : takeNonCash(method, current.dueMinor, amountMinor);
    if (!outcome.ok) throw outcomeError(outcome, current.dueMinor);
    return outcome.payment;
  };

  const record = (receiptId: string, payment: repo.PaymentRecord, terminalRequestId: string | null = null) => {
    repo.insertPayment(db, receiptId, { ...payment, terminalRequestId }, now());
    // Checked before the money moved; an approved card must be recorded whatever changed since.
    ctx.save(ctx.load(receiptId), false);
  };

  const card = cardPayments(deps, ctx);

  return {
    'receipt.pay': async ({ receiptId, method, amountMinor }: ParsedInput<'receipt.pay'>): Promise<ReceiptView> => {
      methodAllowed(method);
      if (method === 'card') {
        return card.pay(receiptId, amountMinor, () => {
          const r = ctx.loadDraft(receiptId);
          if (r.rows.length === 0) throw new PosError('payment.nothing_due', 'the receipt has no rows');
          ctx.checkZeroPrices(r, ctx.settings());
        });
      }
      return tx(() => {
        const payment = prepare(receiptId, method, amountMinor);
        record(receiptId, { id: ids.next(), reference: null, ...payment });
        return ctx.view(receiptId);
      });
    },

    'terminal.orphans': () => card.orphans(),
    'terminal.reverseOrphan': async ({ requestId }: ParsedInput<'terminal.reverseOrphan'>) => {
      await card.reverseOrphan(requestId);
      return card.orphans();
    },
    'terminal.recover': () => card.recoverAll(),
    'terminal.endOfDay': async () => {
      if (!terminal.endOfDay) return { ok: false, lines: [] };
      const result = await terminal.endOfDay();
      return { ok: result.ok, lines: result.lines };
    },

    'receipt.removePayment': async ({ receiptId, paymentId }: ParsedInput<'receipt.removePayment'>): Promise<ReceiptView> => {
      const payment = tx(() => {
        const r = ctx.loadDraft(receiptId);
        const p = r.payments.find((x) => x.id === paymentId);
        if (!p) throw new PosError('payment.not_found', `payment ${paymentId} not found`);
        return p;
      });
      // Card money went through the terminal: it comes back only through the terminal.
      if (payment.method === 'card') return card.reverse(receiptId, payment);
      return tx(() => {
        repo.deletePayment(db, payment.id);
        ctx.save(ctx.load(receiptId), false);
        return ctx.view(receiptId);
      });
    },
  };
}
