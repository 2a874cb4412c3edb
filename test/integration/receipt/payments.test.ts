import { afterEach, describe, expect, it } from 'vitest';
import { outboxOf, startTestCore, type TestCore } from '../../support/core.js';
import { receiptOf } from './support.js';
import { waitFor } from '../../support/wait.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

const printedDocument = (receiptId: string) => outboxOf(core.db, 'print.receipt', receiptId)[0]?.payload ?? {};

describe('5-cent cash rounding (cash only, the final amount, 1-2 down, 3-4 up) and split payments', () => {
  it.each([
    [1222, 1220, -2],
    [1223, 1225, 2],
    [1227, 1225, -2],
    [1228, 1230, 2],
    [1225, 1225, 0],
  ])('all cash on %i: F4 offers %i, the rounding line is %i and the turnover stays exact', async (total, pay, rounding) => {
    core = await startTestCore();
    let r = await receiptOf(core, total);
    expect(r.cashDueMinor).toBe(pay);
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: pay });
    expect(r).toMatchObject({ totalMinor: total, roundingMinor: rounding, payableMinor: pay, dueMinor: 0, changeMinor: 0 });
    r = await core.ok('receipt.confirm', { receiptId: r.id });
    expect(printedDocument(r.id)).toMatchObject({ totalMinor: total, roundingMinor: rounding, payableMinor: pay });
    const stored = core.db.prepare('SELECT total_minor AS t, rounding_minor AS r, rounding_account AS a FROM receipts WHERE id = ?').get(r.id);
    expect(stored).toEqual({ t: total, r: rounding, a: 'income:rounding' });
  });

  it('card 10.00 first, then cash on 12.23: the cash remainder 2.23 is rounded to 2.25', async () => {
    core = await startTestCore();
    let r = await receiptOf(core, 1223);
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 1000 });
    expect(r).toMatchObject({ dueMinor: 223, cashDueMinor: 225, status: 'view' });
    expect(r.payments[0]).toMatchObject({ method: 'card', amountMinor: 1000, roundingMinor: 0, reference: expect.stringMatching(/\S/) });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 500 });
    expect(r).toMatchObject({ roundingMinor: 2, payableMinor: 1225, paidMinor: 1225, dueMinor: 0, moneyMinor: 500, changeMinor: 275 });
    expect((await core.ok('receipt.confirm', { receiptId: r.id })).status).toBe('confirmed');
  });

  it('cash 5.00 first on 12.23, then card: the card takes the exact 7.23 and nothing is rounded', async () => {
    core = await startTestCore();
    let r = await receiptOf(core, 1223);
    expect(r.cashDueMinor).toBe(1225);
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 500 });
    expect(r).toMatchObject({ dueMinor: 723, roundingMinor: 0 });
    expect(await core.call('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 800 })).toMatchObject({
      ok: false,
      error: { code: 'payment.exceeds_due', details: { due: 723 } },
    });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 723 });
    expect(r).toMatchObject({ dueMinor: 0, roundingMinor: 0, payableMinor: 1223, changeMinor: 0 });
  });

  it('the rounding line is booked to the account set at the time of the sale', async () => {
    core = await startTestCore();
    await core.ok('settings.update', { roundingAccount: '6990 Ümardused' });
    let r = await receiptOf(core, 1223);
    await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 1225 });
    r = await core.ok('receipt.confirm', { receiptId: r.id });
    await core.ok('settings.update', { roundingAccount: 'income:rounding' });
    expect(core.db.prepare('SELECT rounding_minor AS r, rounding_account AS a FROM receipts WHERE id = ?').get(r.id)).toEqual({
      r: 2,
      a: '6990 Ümardused',
    });
  });

  it('with cash rounding switched off in the settings, cash pays the exact amount at once', async () => {
    core = await startTestCore();
    await core.ok('settings.update', { cashRounding: 'none' });
    const r = await receiptOf(core, 1223);
    expect(r.cashDueMinor).toBe(1223);
    expect(await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 2000 })).toMatchObject({ roundingMinor: 0, changeMinor: 777 });
  });

  it('a declined card leaves no payment, the attempt stays in the terminal journal, and cash still sells', async () => {
    core = await startTestCore();
    let r = await receiptOf(core, 1266); // the simulator declines amounts ending in 66 cents
    expect(await core.call('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 1266 })).toMatchObject({
      ok: false,
      error: { code: 'payment.declined', details: { reason: 'insufficient funds' } },
    });
    r = await core.ok('receipt.get', { receiptId: r.id });
    expect(r.payments).toEqual([]);
    expect(core.db.prepare('SELECT kind, status, amount_minor AS a FROM terminal_requests').all()).toEqual([
      { kind: 'payment', status: 'declined', a: 1266 },
    ]);
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 1265 });
    expect(r.dueMinor).toBe(0);
  });

  it('without a card terminal a card payment says so; the till keeps selling for cash', async () => {
    core = await startTestCore({ terminal: { kind: 'none' } });
    const r = await receiptOf(core, 500);
    expect(await core.call('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 500 })).toMatchObject({
      ok: false,
      error: { code: 'payment.terminal_unavailable' },
    });
    expect((await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 500 })).dueMinor).toBe(0);
  });

  it('transfer and prepayment work only when the settings allow them, and change behaviour at once', async () => {
    core = await startTestCore();
    const r = await receiptOf(core, 1000);
    expect(await core.call('receipt.pay', { receiptId: r.id, method: 'transfer', amountMinor: 400 })).toMatchObject({
      ok: false,
      error: { code: 'payment.method_disabled', details: { method: 'transfer' } },
    });
    await core.ok('settings.update', { transferEnabled: true, prepaymentEnabled: true });
    await core.ok('receipt.pay', { receiptId: r.id, method: 'transfer', amountMinor: 400 });
    const paid = await core.ok('receipt.pay', { receiptId: r.id, method: 'prepayment', amountMinor: 600 });
    expect(paid.payments.map((p) => [p.method, p.amountMinor])).toEqual([
      ['transfer', 400],
      ['prepayment', 600],
    ]);
    expect(paid).toMatchObject({ dueMinor: 0, roundingMinor: 0, changeMinor: 0 });
  });

  it('a card payment is removed only through a reversal on the terminal', async () => {
    core = await startTestCore();
    let r = await receiptOf(core, 800);
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 800 });
    const payment = r.payments[0];
    if (!payment) throw new Error('no payment');
    r = await core.ok('receipt.removePayment', { receiptId: r.id, paymentId: payment.id });
    expect(r).toMatchObject({ payments: [], dueMinor: 800 });
    expect(core.db.prepare('SELECT kind, status FROM terminal_requests ORDER BY rowid').all()).toEqual([
      { kind: 'payment', status: 'approved' },
      { kind: 'reversal', status: 'approved' },
    ]);
  });

  it('rows changed after a card payment: cash goes, the card stays, and an overpaid receipt cannot be confirmed', async () => {
    core = await startTestCore();
    let r = await receiptOf(core, 800);
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1002' });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 945 });
    r = await core.ok('receipt.removeRow', { receiptId: r.id, rowId: r.rows[1]?.id ?? '' });
    expect(r).toMatchObject({ dueMinor: -145, status: 'modified' });
    expect(await core.call('receipt.confirm', { receiptId: r.id })).toMatchObject({ ok: false, error: { code: 'receipt.overpaid', details: { over: 145 } } });
    expect(await core.call('receipt.delete', { receiptId: r.id })).toMatchObject({ ok: false, error: { code: 'receipt.has_card_payment' } });
  });

  it('a terminal request cut off by a crash is settled by asking the terminal at the next start, never taken as approved', async () => {
    core = await startTestCore();
    const r = await receiptOf(core, 500);
    core.db
      .prepare(`INSERT INTO terminal_requests (id, receipt_id, kind, amount_minor, created_at) VALUES ('t1', ?, 'payment', 500, 'x')`)
      .run(r.id);
    const dataDir = core.dataDir;
    await core.close();
    core = await startTestCore({ dataDir });
    // This terminal never received it: declined, no payment, and card payments work again.
    await waitFor(() => (core.db.prepare(`SELECT status FROM terminal_requests WHERE id = 't1'`).get() as { status: string }).status === 'declined', 'recovery');
    expect((await core.ok('receipt.get', { receiptId: r.id })).payments).toEqual([]);
    expect((await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 500 })).dueMinor).toBe(0);
  });
});
