import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../support/core.js';
import { receiptOf } from '../receipt/support.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

// A short transaction timeout, so a dropped line is noticed in seconds rather than minutes.
const zvtTill = () => startTestCore({ terminal: { kind: 'zvt', transport: 'sim', responseTimeoutMs: 3000 } });
const sim = () => {
  const s = core.terminalSimulator;
  if (!s) throw new Error('no ZVT simulator');
  return s;
};

describe('card payments through the ZVT terminal simulator over a serial PTY', () => {
  it('split 12.23: card 10.00 approved by ZVT (receipt no, slip), the cash remainder rounded to 2.25', async () => {
    core = await zvtTill();
    let r = await receiptOf(core, 1223);
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 1000 });
    expect(r).toMatchObject({ dueMinor: 223, cashDueMinor: 225, payments: [{ method: 'card', amountMinor: 1000 }] });
    expect(sim().authorizations()).toEqual([expect.objectContaining({ amountMinor: 1000, approved: true })]);
    const stored = core.db.prepare(`SELECT receipt_no AS n, slip FROM payments WHERE method = 'card'`).get() as { n: string; slip: string };
    expect(stored.n).toBe(sim().authorizations()[0]?.receiptNo);
    expect(JSON.parse(stored.slip)).not.toEqual([]);
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 225 });
    expect(r).toMatchObject({ roundingMinor: 2, dueMinor: 0 });
    expect((await core.ok('receipt.confirm', { receiptId: r.id })).status).toBe('confirmed');
  }, 30_000);

  it('the line drops mid-payment: the till asks the terminal, records the approval once, never authorizes twice', async () => {
    core = await zvtTill();
    const r = await receiptOf(core, 1500);
    sim().script({ outcome: 'drop' });
    const wire = await core.call('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 1500 });
    // Either the till settled it at once by asking, or it says the payment is in doubt.
    if (!wire.ok) expect(wire.error.code).toBe('payment.terminal_in_doubt');
    await core.ok('terminal.recover', {});
    const after = await core.ok('receipt.get', { receiptId: r.id });
    expect(after).toMatchObject({ dueMinor: 0, payments: [{ method: 'card', amountMinor: 1500 }] });
    expect(sim().authorizations()).toHaveLength(1);
    // A second F6 on the paid receipt is refused by the till, not sent.
    expect(await core.call('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 100 })).toMatchObject({ ok: false });
    expect(sim().authorizations()).toHaveLength(1);
  }, 60_000);

  it('a declined card records nothing; a same-day cancel reverses by the terminal receipt number', async () => {
    core = await zvtTill();
    let r = await receiptOf(core, 866);
    expect(await core.call('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 866 })).toMatchObject({
      ok: false,
      error: { code: 'payment.declined' },
    });
    r = await core.ok('receipt.get', { receiptId: r.id });
    expect(r.payments).toEqual([]);
    r = await core.ok('receipt.updateRow', { receiptId: r.id, rowId: r.rows[0]?.id ?? '', unitPriceMinor: 870 });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 870 });
    r = await core.ok('receipt.removePayment', { receiptId: r.id, paymentId: r.payments[0]?.id ?? '' });
    expect(r.payments).toEqual([]);
    expect(sim().authorizations().filter((a) => a.approved)).toEqual([expect.objectContaining({ amountMinor: 870, reversed: true })]);
  }, 60_000);
});
