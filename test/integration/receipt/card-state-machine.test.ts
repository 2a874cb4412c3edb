import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentTerminal, RecoveryOutcome, TerminalResult } from '../../../electron/usecases/terminal-port.js';
import { startTestCore, type TestCore } from '../../support/core.js';
import { receiptOf } from './support.js';
import { waitFor } from '../../support/wait.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

/**
 * A terminal whose answers the test decides: what pay() does (answer, or lose the answer after
 * approving), and what the terminal says when asked afterwards. It counts authorizations, so
 * "never a second authorization" is checked on what the terminal saw.
 */
function scriptedTerminal() {
  const t = {
    authorizations: [] as { requestId: string; amountMinor: number }[],
    reversals: [] as { receiptNo?: string }[],
    /** 'approve' | 'decline' | 'lose' (approves inside the terminal, the answer never arrives). */
    next: 'approve' as 'approve' | 'decline' | 'lose',
    /** What recover() answers; 'truth' = what really happened. */
    recovery: 'truth' as 'truth' | 'unknown',
    approved: new Set<string>(),
  };
  const approve = (requestId: string): Extract<TerminalResult, { approved: true }> => ({
    approved: true,
    reference: `AUTH ${requestId} ****4242`,
    receiptNo: String(t.authorizations.length).padStart(4, '0'),
    trace: '000001',
    slips: [
      { copy: 'customer', lines: ['KAART ****4242', 'APPROVED', 'KLIENDI KOOPIA'] },
      { copy: 'merchant', lines: ['KAART ****4242', 'APPROVED', 'KAUPMEHE KOOPIA'] },
    ],
  });
  const terminal: PaymentTerminal = {
    name: 'scripted',
    async pay({ requestId, amountMinor }) {
      t.authorizations.push({ requestId, amountMinor });
      if (t.next === 'decline') return { approved: false, reason: 'declined by the bank', code: 5 };
      t.approved.add(requestId);
      if (t.next === 'lose') throw new Error('timeout: no answer from the terminal');
      return approve(requestId);
    },
    async reverse({ receiptNo }) {
      t.reversals.push(receiptNo ? { receiptNo } : {});
      return { approved: true, reference: 'REVERSED' };
    },
    async recover({ requestId }): Promise<RecoveryOutcome> {
      if (t.recovery === 'unknown') return { outcome: 'unknown', reason: 'terminal busy' };
      return t.approved.has(requestId) ? { outcome: 'approved', ...approve(requestId) } : { outcome: 'declined', reason: 'not found' };
    },
    readIdCard: async () => null,
  };
  return { t, terminal };
}

describe('card payments never charge twice (a persisted state machine)', () => {
  it('a lost answer is settled by asking the terminal: the approval is recorded once, with its slip and receipt number', async () => {
    const { t, terminal } = scriptedTerminal();
    core = await startTestCore({ terminal });
    const r = await receiptOf(core, 1223);
    t.next = 'lose';
    const paid = await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 1000 });
    expect(paid).toMatchObject({ dueMinor: 223, payments: [{ method: 'card', amountMinor: 1000 }] });
    expect(t.authorizations).toHaveLength(1);
    const stored = core.db.prepare(`SELECT receipt_no AS n, slip FROM payments`).get() as { n: string; slip: string };
    expect(stored.n).toBe('0001');
    expect(JSON.parse(stored.slip)).toEqual([
      { copy: 'customer', lines: ['KAART ****4242', 'APPROVED', 'KLIENDI KOOPIA'] },
      { copy: 'merchant', lines: ['KAART ****4242', 'APPROVED', 'KAUPMEHE KOOPIA'] },
    ]);
  });

  it('while a payment is in doubt no new authorization is sent; once the terminal answers, the payment lands on its sale', async () => {
    const { t, terminal } = scriptedTerminal();
    core = await startTestCore({ terminal });
    const r = await receiptOf(core, 800);
    t.next = 'lose';
    t.recovery = 'unknown';
    expect(await core.call('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 800 })).toMatchObject({
      ok: false,
      error: { code: 'payment.terminal_in_doubt', details: { amount: 800 } },
    });
    t.next = 'approve';
    expect(await core.call('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 800 })).toMatchObject({
      ok: false,
      error: { code: 'payment.terminal_in_doubt' },
    });
    expect(t.authorizations).toHaveLength(1); // the second F6 never reached the terminal
    t.recovery = 'truth';
    expect(await core.ok('terminal.recover', {})).toEqual({ settled: 1, inDoubt: 0 });
    expect(await core.ok('receipt.get', { receiptId: r.id })).toMatchObject({ dueMinor: 0, payments: [{ method: 'card', amountMinor: 800 }] });
    expect((await core.ok('receipt.confirm', { receiptId: r.id })).status).toBe('confirmed');
  });

  it('a late approval after the cashier took cash is offered for reversal, and reversed once', async () => {
    const { t, terminal } = scriptedTerminal();
    core = await startTestCore({ terminal });
    const r = await receiptOf(core, 800);
    t.next = 'lose';
    t.recovery = 'unknown';
    await core.call('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 800 });
    await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 800 });
    await core.ok('receipt.confirm', { receiptId: r.id });
    t.recovery = 'truth';
    await core.ok('terminal.recover', {});
    const [orphan] = await core.ok('terminal.orphans', {});
    expect(orphan).toMatchObject({ amountMinor: 800, receiptNo: '0001' });
    expect(await core.ok('terminal.reverseOrphan', { requestId: orphan?.requestId ?? '' })).toEqual([]);
    expect(t.reversals).toEqual([{ receiptNo: '0001' }]);
    expect(await core.call('terminal.reverseOrphan', { requestId: orphan?.requestId ?? '' })).toMatchObject({
      ok: false,
      error: { code: 'payment.not_orphaned' },
    });
  });

  it("the terminal's slip prints after the receipt (customer copy by default, both copies by setting)", async () => {
    const { terminal } = scriptedTerminal();
    core = await startTestCore({ terminal, printer: { kind: 'escpos', transport: 'sim', link: 'memory' } });
    const sell = async () => {
      const r = await receiptOf(core, 700);
      await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 700 });
      await core.ok('receipt.confirm', { receiptId: r.id });
    };
    const sim = () => {
      if (!core.printer.simulator) throw new Error('no simulator');
      return core.printer.simulator;
    };
    await sell();
    await waitFor(() => sim().documents().length === 2, 'the receipt and one slip');
    expect(sim().documents()[1]?.text).toContain('KLIENDI KOOPIA');
    expect(sim().documents()[1]?.text).not.toContain('KAUPMEHE KOOPIA');
    await core.ok('settings.update', { terminalSlips: 'both' });
    await sell();
    await waitFor(() => sim().documents().length === 5, 'the receipt and two slips');
    expect(sim().documents().slice(3).map((d) => d.lines.at(-1))).toEqual(['KLIENDI KOOPIA', 'KAUPMEHE KOOPIA']);
    await core.ok('settings.update', { terminalSlips: 'none' });
    await sell();
    await waitFor(() => sim().documents().length === 6, 'the receipt alone');
    expect(sim().documents()[5]?.text).not.toContain('KAART ****4242');
  });

  it('a declined card confirms nothing; a reversal is by the terminal receipt number, only on the same day', async () => {
    const { t, terminal } = scriptedTerminal();
    core = await startTestCore({ terminal });
    let r = await receiptOf(core, 500);
    t.next = 'decline';
    expect(await core.call('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 500 })).toMatchObject({
      ok: false,
      error: { code: 'payment.declined' },
    });
    expect(await core.call('receipt.confirm', { receiptId: r.id })).toMatchObject({ ok: false, error: { code: 'receipt.not_paid' } });
    t.next = 'approve';
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 500 });
    const payment = r.payments[0];
    r = await core.ok('receipt.removePayment', { receiptId: r.id, paymentId: payment?.id ?? '' });
    expect(t.reversals).toEqual([{ receiptNo: '0002' }]);
    expect(r.payments).toEqual([]);

    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 500 });
    core.clock.advance(24 * 3600 * 1000); // the next day
    expect(await core.call('receipt.removePayment', { receiptId: r.id, paymentId: r.payments[0]?.id ?? '' })).toMatchObject({
      ok: false,
      error: { code: 'payment.reversal_not_today' },
    });
    expect(t.reversals).toHaveLength(1);
  });
});
