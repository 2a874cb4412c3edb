import { formatMoney } from '../contract/codecs.js';
import { PosError } from '../contract/errors.js';
import type { OrphanedApproval, ReceiptView } from '../contract/api.js';
import * as repo from '../db/receipts-repo.js';
import {
  findTerminalRequest,
  finishTerminalRequest,
  insertTerminalRequest,
  orphanedApprovals,
  requestsInDoubt,
  recentReceiptNos,
  setOrphaned,
  type TerminalRequestRecord,
} from '../db/terminal-repo.js';
import { logDevice } from '../db/device-log-repo.js';
import { takeNonCash } from '../domain/payment.js';
import type { CallContext } from './context.js';
import type { CoreDeps } from './ports.js';
import { shopDay } from './credit-view.js';
import type { ReceiptContext } from './receipt-context.js';
import { TerminalUnavailableError, type RecoveryOutcome, type TerminalResult } from './terminal-port.js';

type Asked = TerminalResult | 'unavailable' | 'unknown';

/** Asks the terminal; a missing terminal or a lost answer becomes a value, never a throw. */
async function ask(call: () => Promise<TerminalResult>): Promise<Asked> {
  try {
    return await call();
  } catch (error) {
    return error instanceof TerminalUnavailableError ? 'unavailable' : 'unknown';
  }
}

const money = (minor: number) => formatMoney(minor, 'en'); // for log text

/**
 * Card payments as a persisted state machine. A request is journalled (pending) before the first
 * byte goes to the terminal and becomes approved or declined only from the terminal's answer.
 * A lost answer is settled by asking the terminal (status, repeat last receipt), never by sending
 * the authorization again: while any request is in doubt, no new card payment starts.
 */
export function cardPayments(deps: CoreDeps, rc: ReceiptContext) {
  const { db, ids, clock, terminal, tx } = deps;
  // The terminal answers seconds or minutes after the call started: what it answered is recorded
  // at the time it answered.
  const now = () => clock.now().toISOString();
  const onPrompt = (p: { key: string; text: string }) => deps.screen.terminalPrompt(p);

  /** An approved card request as a payment of its receipt (negative: money given back), the receipt saved. */
  const recordCard = (
    ctx: CallContext,
    receiptId: string,
    req: TerminalRequestRecord,
    result: Extract<TerminalResult, { approved: true }>,
    amountMinor: number,
    cancelsPayment: string | null,
  ) => {
    repo.insertPayment(
      db,
      receiptId,
      {
        id: ids.next(),
        method: 'card',
        amountMinor,
        tenderedMinor: amountMinor,
        changeMinor: 0,
        roundingMinor: 0,
        reference: result.reference,
        receiptNo: result.receiptNo ?? null,
        slip: result.slips ?? null,
        terminalRequestId: req.id,
        cancelsPayment,
      },
      now(),
    );
    rc.save(ctx, rc.load(receiptId), false);
  };

  /** Attaches an approved payment to its receipt, or marks it orphaned when no sale can take it. */
  const settleApproved = (ctx: CallContext, req: TerminalRequestRecord, result: Extract<TerminalResult, { approved: true }>) => {
    finishTerminalRequest(db, {
      id: req.id,
      status: 'approved',
      reference: result.reference,
      message: null,
      now: now(),
      receiptNo: result.receiptNo ?? null,
      trace: result.trace ?? null,
      slip: result.slips ?? null,
    });
    if (req.kind === 'refund' || req.kind === 'reversal') {
      const r = req.receiptId ? repo.findReceipt(db, req.receiptId) : null;
      if (req.kind === 'reversal' && r?.status === 'draft' && r.payments.some((p) => p.id === req.paymentId)) {
        // A payment of this very receipt, cancelled: it goes.
        repo.deletePayment(db, req.paymentId ?? '');
        rc.save(ctx, rc.load(r.id), false);
      } else if (r?.status === 'draft' && r.docType === 'credit_note' && !repo.paymentOfTerminalRequest(db, req.id)) {
        // A credit note's refund: the sale's card payment cancelled, or money back to the card.
        recordCard(ctx, r.id, req, result, -req.amountMinor, req.kind === 'reversal' ? req.paymentId : null);
      } else if (req.kind === 'refund' || (r === null && req.paymentId !== null)) {
        // Money given back that no credit note holds any more: a manager must see it.
        logDevice(db, { at: now(), device: 'terminal', event: `${req.kind}.unattached`, detail: `${money(req.amountMinor)} ${result.reference}`, receiptId: req.receiptId });
      }
      return;
    }
    if (repo.paymentOfTerminalRequest(db, req.id)) return;
    const r = req.receiptId ? repo.findReceipt(db, req.receiptId) : null;
    const due = r && r.status === 'draft' ? rc.viewOf(ctx, r).dueMinor : 0;
    if (!r || r.status !== 'draft' || due < req.amountMinor) {
      // The customer was charged but the sale went on without it: offer the reversal.
      setOrphaned(db, req.id, true);
      logDevice(db, { at: now(), device: 'terminal', event: 'approval.orphaned', detail: `${money(req.amountMinor)} ${result.reference}`, receiptId: req.receiptId });
      return;
    }
    // Checked before the money moved; an approved card must be recorded whatever changed since.
    recordCard(ctx, r.id, req, result, req.amountMinor, null);
  };

  /** Asks the terminal about one request in doubt; true when its outcome is now known. */
  const recoverOne = async (ctx: CallContext, req: TerminalRequestRecord): Promise<boolean> => {
    if (!terminal.recover) return false;
    let outcome: RecoveryOutcome;
    try {
      outcome = await terminal.recover({
        requestId: req.id,
        kind: req.kind,
        amountMinor: req.amountMinor,
        startedAt: req.createdAt,
        knownReceiptNos: recentReceiptNos(db),
      });
    } catch {
      return false;
    }
    if (outcome.outcome === 'unknown') return false;
    tx(() => {
      const fresh = findTerminalRequest(db, req.id);
      if (!fresh || (fresh.status !== 'pending' && fresh.status !== 'unknown')) return;
      if (outcome.outcome === 'approved') settleApproved(ctx, fresh, outcome);
      else finishTerminalRequest(db, { id: req.id, status: 'declined', reference: null, message: outcome.reason, now: now() });
      logDevice(db, { at: now(), device: 'terminal', event: `recovered.${outcome.outcome}`, detail: money(req.amountMinor), receiptId: req.receiptId });
    });
    return true;
  };

  /** Settles every request in doubt it can; returns how many remain unknown. */
  const recoverAll = async (ctx: CallContext): Promise<{ settled: number; inDoubt: number }> => {
    let settled = 0;
    for (const req of requestsInDoubt(db)) if (await recoverOne(ctx, req)) settled += 1;
    if (settled > 0) deps.screen.terminalChanged();
    return { settled, inDoubt: requestsInDoubt(db).length };
  };

  const reverseCall = (requestId: string, payment: repo.PaymentRecord) =>
    terminal.reverse({
      requestId,
      amountMinor: payment.amountMinor,
      reference: payment.reference ?? '',
      ...(payment.receiptNo ? { receiptNo: payment.receiptNo } : {}),
      onPrompt,
    });

  /**
   * Money back through the terminal (a reversal or a refund to the card), journalled before the
   * terminal is asked; a lost answer is settled by asking the terminal, never by asking it to pay
   * out again. Resolves once the approval is recorded; throws why not otherwise.
   */
  const giveBack = async (
    ctx: CallContext,
    receiptId: string,
    request: { kind: 'reversal' | 'refund'; amountMinor: number; paymentId: string | null },
    call: (requestId: string) => Promise<TerminalResult>,
    options: { check?: () => void; onApproved?: () => void } = {},
  ): Promise<void> => {
    if (requestsInDoubt(db).length > 0 && (await recoverAll(ctx)).inDoubt > 0) throw inDoubtError();
    // Checked again after any recovery, in the transaction that journals the request: what an
    // earlier lost answer turned out to have given back counts.
    const requestId = tx(() => {
      options.check?.();
      const id = ids.next();
      insertTerminalRequest(db, { id, receiptId, ...request, now: now() });
      return id;
    });
    const result = await ask(() => call(requestId));
    if (result === 'unknown') {
      const req = findTerminalRequest(db, requestId);
      if (req && (await recoverOne(ctx, req))) {
        // Asked afterwards, the terminal said it never did it: nothing was given back.
        if (findTerminalRequest(db, requestId)?.status !== 'approved') throw new PosError('payment.declined', `${request.kind} not carried out`, { reason: 'not carried out' });
        return;
      }
      tx(() => finishTerminalRequest(db, { id: requestId, status: 'unknown', reference: null, message: 'no answer', now: now() }));
      throw inDoubtError();
    }
    const refusal = tx((): PosError | null => {
      if (result === 'unavailable' || !result.approved) {
        const reason = result === 'unavailable' ? 'unavailable' : result.reason;
        finishTerminalRequest(db, { id: requestId, status: 'declined', reference: null, message: reason, now: now() });
        return result === 'unavailable'
          ? new PosError('payment.terminal_unavailable', 'no card terminal', { terminal: terminal.name })
          : new PosError('payment.declined', `${request.kind} declined: ${reason}`, { reason });
      }
      const req = findTerminalRequest(db, requestId);
      if (req) settleApproved(ctx, req, result);
      options.onApproved?.();
      return null;
    });
    if (refusal) throw refusal;
  };

  const inDoubtError = () => {
    const [first] = requestsInDoubt(db);
    return new PosError('payment.terminal_in_doubt', 'an earlier card payment is not settled', { amount: first?.amountMinor ?? 0 });
  };

  return {
    recoverAll,

    async pay(ctx: CallContext, receiptId: string, amountMinor: number, prepareCheck: () => void): Promise<ReceiptView> {
      // Never a second authorization while an earlier one may have gone through.
      if (requestsInDoubt(db).length > 0 && (await recoverAll(ctx)).inDoubt > 0) throw inDoubtError();
      const requestId = tx(() => {
        prepareCheck();
        const current = rc.view(ctx, receiptId);
        const outcome = takeNonCash('card', current.dueMinor, amountMinor);
        if (!outcome.ok) {
          throw outcome.reason === 'exceeds_due'
            ? new PosError('payment.exceeds_due', 'amount exceeds the amount due', { due: current.dueMinor })
            : outcome.reason === 'nothing_due'
              ? new PosError('payment.nothing_due', 'nothing is due')
              : new PosError('payment.invalid_amount', 'invalid amount');
        }
        const id = ids.next();
        // Journalled before the terminal is asked: a crash mid-payment leaves a trace to settle.
        insertTerminalRequest(db, { id, receiptId, kind: 'payment', amountMinor, now: now() });
        return id;
      });
      const result = await ask(() => terminal.pay({ requestId, amountMinor, currency: deps.shop.currency, onPrompt }));
      if (result === 'unknown') {
        // The answer was lost (timeout, cable): ask the terminal what happened, do not pay again.
        const req = findTerminalRequest(db, requestId);
        if (req && (await recoverOne(ctx, req))) return settledView(ctx, requestId, receiptId);
        tx(() => finishTerminalRequest(db, { id: requestId, status: 'unknown', reference: null, message: 'no answer', now: now() }));
        throw inDoubtError();
      }
      const refusal = tx((): PosError | null => {
        const finishedAt = clock.now().toISOString();
        if (result === 'unavailable') {
          finishTerminalRequest(db, { id: requestId, status: 'declined', reference: null, message: 'unavailable', now: finishedAt });
          return new PosError('payment.terminal_unavailable', 'no card terminal', { terminal: terminal.name });
        }
        if (!result.approved) {
          finishTerminalRequest(db, { id: requestId, status: 'declined', reference: null, message: result.reason, now: finishedAt });
          return new PosError('payment.declined', `declined: ${result.reason}`, {
            reason: result.reason,
            ...(result.key ? { key: result.key } : {}),
          });
        }
        const req = findTerminalRequest(db, requestId);
        if (req) settleApproved(ctx, req, result);
        return null;
      });
      if (refusal) throw refusal;
      deps.screen.terminalChanged();
      return settledView(ctx, requestId, receiptId);
    },

    /** Same-day cancellation of a card payment, for its exact amount, by the terminal's receipt number. */
    async reverse(ctx: CallContext, receiptId: string, payment: repo.PaymentRecord): Promise<ReceiptView> {
      if (payment.createdAt && shopDay(payment.createdAt, ctx.settings.timeZone) !== shopDay(ctx.now, ctx.settings.timeZone)) {
        throw new PosError('payment.reversal_not_today', 'a card payment can be cancelled only on its own day');
      }
      await giveBack(ctx, receiptId, { kind: 'reversal', amountMinor: payment.amountMinor, paymentId: payment.id }, (requestId) => reverseCall(requestId, payment));
      return rc.view(ctx, receiptId);
    },

    /** A credit note's refund: the sale's card payment cancelled on the terminal by its receipt number. */
    async cancelOriginal(ctx: CallContext, creditNoteId: string, originalId: string, payment: repo.PaymentRecord, check: () => void): Promise<ReceiptView> {
      await giveBack(ctx, creditNoteId, { kind: 'reversal', amountMinor: payment.amountMinor, paymentId: payment.id }, (requestId) => reverseCall(requestId, payment), {
        check,
        onApproved: () => logDevice(db, { at: now(), device: 'terminal', event: 'credit.card_cancelled', detail: money(payment.amountMinor), receiptId: originalId }),
      });
      deps.screen.terminalChanged();
      return rc.view(ctx, creditNoteId);
    },

    /** A credit note's refund to the card (ZVT 06 31): the amount back to the card the customer presents. */
    async refundToCard(ctx: CallContext, creditNoteId: string, amountMinor: number, check: () => void): Promise<ReceiptView> {
      const refund = terminal.refund;
      if (!refund) throw new PosError('credit.card_refund_unavailable', 'this terminal does not refund to a card', { terminal: terminal.name });
      await giveBack(ctx, creditNoteId, { kind: 'refund', amountMinor, paymentId: null }, (requestId) => refund.call(terminal, { requestId, amountMinor, onPrompt }), { check });
      deps.screen.terminalChanged();
      return rc.view(ctx, creditNoteId);
    },

    orphans(): OrphanedApproval[] {
      return orphanedApprovals(db).map((r) => ({
        requestId: r.id,
        amountMinor: r.amountMinor,
        at: r.createdAt,
        reference: r.reference,
        receiptNo: r.receiptNo,
      }));
    },

    /** Gives the customer's money back for an approval no sale took. */
    async reverseOrphan(requestId: string): Promise<void> {
      const orphan = findTerminalRequest(db, requestId);
      if (!orphan || orphan.orphaned !== 1) throw new PosError('payment.not_orphaned', 'no such approval to reverse');
      const reversalId = tx(() => {
        const id = ids.next();
        insertTerminalRequest(db, { id, receiptId: null, kind: 'reversal', amountMinor: orphan.amountMinor, now: now() });
        return id;
      });
      const result = await ask(() =>
        terminal.reverse({
          requestId: reversalId,
          amountMinor: orphan.amountMinor,
          reference: orphan.reference ?? '',
          ...(orphan.receiptNo ? { receiptNo: orphan.receiptNo } : {}),
          onPrompt,
        }),
      );
      tx(() => {
        if (typeof result !== 'string' && result.approved) {
          finishTerminalRequest(db, { id: reversalId, status: 'approved', reference: result.reference, message: null, now: now() });
          setOrphaned(db, requestId, false);
          logDevice(db, { at: now(), device: 'terminal', event: 'orphan.reversed', detail: money(orphan.amountMinor) });
        } else {
          const reason = typeof result === 'string' ? result : result.reason;
          finishTerminalRequest(db, { id: reversalId, status: result === 'unknown' ? 'unknown' : 'declined', reference: null, message: reason, now: now() });
        }
      });
      deps.screen.terminalChanged();
      if (typeof result === 'string') throw result === 'unavailable' ? new PosError('payment.terminal_unavailable', 'no card terminal', { terminal: terminal.name }) : inDoubtError();
      if (!result.approved) throw new PosError('payment.declined', `reversal declined: ${result.reason}`, { reason: result.reason });
    },
  };

  /** The receipt after a card answer; an approval that went to no sale says so. */
  function settledView(ctx: CallContext, requestId: string, receiptId: string): ReceiptView {
    const req = findTerminalRequest(db, requestId);
    if (req?.status === 'approved' && req.orphaned === 1) {
      throw new PosError('payment.declined', 'approved, but the receipt moved on: reverse it', { reason: 'receipt changed' });
    }
    return rc.view(ctx, receiptId);
  }
}
