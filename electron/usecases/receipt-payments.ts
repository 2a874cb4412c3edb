import { PosError } from '../contract/errors.js';
import type { ParsedInput, PaymentMethod, ReceiptView } from '../contract/api.js';
import * as repo from '../db/receipts-repo.js';
import { finishTerminalRequest, insertTerminalRequest } from '../db/terminal-repo.js';
import { takeCash, takeNonCash, type PaymentOutcome } from '../domain/payment.js';
import { TerminalUnavailableError, type TerminalResult } from '../devices/payment-terminal.js';
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

/** Asks the terminal, turning a missing or failing terminal into a result instead of a throw. */
async function askTerminal(call: () => Promise<TerminalResult>): Promise<TerminalResult | 'unavailable' | 'unknown'> {
  try {
    return await call();
  } catch (error) {
    return error instanceof TerminalUnavailableError ? 'unavailable' : 'unknown';
  }
}

/**
 * Payments: cash (5-cent rounding, change), card (through the terminal), transfer and prepayment
 * (behind settings). A payment saves the receipt first, so the zero-price policy applies and
 * Leave never undoes money that moved.
 */
export function receiptPaymentUseCases(deps: CoreDeps) {
  const ctx: ReceiptContext = receiptContext(deps);
  const { db, ids, terminal, clock } = deps;
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

  const payByCard = async (receiptId: string, amountMinor: number): Promise<ReceiptView> => {
    const requestId = tx(() => {
      prepare(receiptId, 'card', amountMinor);
      const id = ids.next();
      // Journalled before the terminal is asked: a crash mid-payment leaves a trace (#5 resolves it).
      insertTerminalRequest(db, { id, receiptId, kind: 'payment', amountMinor, now: now() });
      return id;
    });
    const result = await askTerminal(() => terminal.pay({ requestId, amountMinor, currency: deps.shop.currency }));
    // The outcome is journalled in its own transaction, so a refusal thrown below cannot roll it back.
    const refusal = tx((): PosError | null => {
      const finishedAt = clock.now().toISOString();
      if (result === 'unavailable' || result === 'unknown') {
        finishTerminalRequest(db, { id: requestId, status: result === 'unknown' ? 'unknown' : 'declined', reference: null, message: result, now: finishedAt });
        return new PosError('payment.terminal_unavailable', 'the card terminal did not answer', { terminal: terminal.name });
      }
      if (!result.approved) {
        finishTerminalRequest(db, { id: requestId, status: 'declined', reference: null, message: result.reason, now: finishedAt });
        return new PosError('payment.declined', `declined: ${result.reason}`, { reason: result.reason });
      }
      finishTerminalRequest(db, { id: requestId, status: 'approved', reference: result.reference, message: null, now: finishedAt });
      record(
        receiptId,
        { id: ids.next(), method: 'card', amountMinor, tenderedMinor: amountMinor, changeMinor: 0, roundingMinor: 0, reference: result.reference },
        requestId,
      );
      return null;
    });
    if (refusal) throw refusal;
    return ctx.view(receiptId);
  };

  const reverseCard = async (receiptId: string, payment: repo.PaymentRecord): Promise<ReceiptView> => {
    const requestId = tx(() => {
      const id = ids.next();
      insertTerminalRequest(db, { id, receiptId, kind: 'reversal', amountMinor: payment.amountMinor, now: now() });
      return id;
    });
    const result = await askTerminal(() =>
      terminal.reverse({ requestId, amountMinor: payment.amountMinor, reference: payment.reference ?? '' }),
    );
    const refusal = tx((): PosError | null => {
      const finishedAt = clock.now().toISOString();
      if (result === 'unavailable' || result === 'unknown' || !result.approved) {
        const reason = typeof result === 'string' ? result : result.reason;
        finishTerminalRequest(db, { id: requestId, status: result === 'unknown' ? 'unknown' : 'declined', reference: null, message: reason, now: finishedAt });
        return typeof result === 'string'
          ? new PosError('payment.terminal_unavailable', 'the card terminal did not answer', { terminal: terminal.name })
          : new PosError('payment.declined', `reversal declined: ${reason}`, { reason });
      }
      finishTerminalRequest(db, { id: requestId, status: 'approved', reference: result.reference, message: null, now: finishedAt });
      repo.deletePayment(db, payment.id);
      ctx.save(ctx.load(receiptId), false);
      return null;
    });
    if (refusal) throw refusal;
    return ctx.view(receiptId);
  };

  return {
    'receipt.pay': async ({ receiptId, method, amountMinor }: ParsedInput<'receipt.pay'>): Promise<ReceiptView> => {
      methodAllowed(method);
      if (method === 'card') return payByCard(receiptId, amountMinor);
      return tx(() => {
        const payment = prepare(receiptId, method, amountMinor);
        record(receiptId, { id: ids.next(), reference: null, ...payment });
        return ctx.view(receiptId);
      });
    },

    'receipt.removePayment': async ({ receiptId, paymentId }: ParsedInput<'receipt.removePayment'>): Promise<ReceiptView> => {
      const payment = tx(() => {
        const r = ctx.loadDraft(receiptId);
        const p = r.payments.find((x) => x.id === paymentId);
        if (!p) throw new PosError('payment.not_found', `payment ${paymentId} not found`);
        return p;
      });
      // Card money went through the terminal: it comes back only through the terminal.
      if (payment.method === 'card') return reverseCard(receiptId, payment);
      return tx(() => {
        repo.deletePayment(db, payment.id);
        ctx.save(ctx.load(receiptId), false);
        return ctx.view(receiptId);
      });
    },
  };
}
