import { afterEach, describe, expect, it } from 'vitest';
import { startZvtTill, zvtSimOf, type TestCore } from '../../support/core.js';
import { receiptOf } from '../receipt/support.js';
import { waitFor } from '../../support/wait.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

// A short transaction timeout, so a dropped line is noticed in seconds rather than minutes.
const zvtTill = () => startZvtTill();
const sim = () => zvtSimOf(core);

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

describe('card slips from the ZVT terminal to the paper', () => {
  // The terminal's two receipts (customer's, merchant's) kept apart all the way to the printer.
  const slipTill = () => startZvtTill({ printer: { kind: 'escpos', transport: 'sim', link: 'memory' } });
  const paper = () => {
    const s = core.printer.simulator;
    if (!s) throw new Error('no printer simulator');
    return s;
  };
  const allPrinted = () => waitFor(async () => (await core.ok('printer.status', {})).pendingJobs === 0, 'everything printed');
  const count = (text: string) => paper().documents().filter((d) => d.text.includes(text)).length;

  async function cardSale(amountMinor: number, beforeConfirm?: (receiptId: string) => void): Promise<void> {
    const r = await receiptOf(core, amountMinor);
    await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor });
    beforeConfirm?.(r.id);
    await core.ok('receipt.confirm', { receiptId: r.id });
    await allPrinted();
  }

  it("'customer' (the default) prints the customer's slip alone, on its own cut; both copies are kept", async () => {
    core = await slipTill();
    await cardSale(1000);
    const docs = paper().documents();
    expect(docs).toHaveLength(2);
    expect(docs.every((d) => d.cut)).toBe(true);
    expect(docs[0]!.text).toMatch(/KOKKU EUR\s+10,00/);
    expect(docs[1]!.text).toContain('CUSTOMER COPY');
    expect(docs[1]!.text).not.toContain('MERCHANT COPY');
    const stored = core.db.prepare(`SELECT slip FROM payments WHERE method = 'card'`).get() as { slip: string };
    expect((JSON.parse(stored.slip) as { copy: string; lines: string[] }[]).map((s) => [s.copy, s.lines.some((l) => l.includes('COPY'))])).toEqual([
      ['customer', true],
      ['merchant', true],
    ]);
  }, 30_000);

  it("'both' prints the customer's and then the merchant's slip, each once, each on its own cut", async () => {
    core = await slipTill();
    await core.ok('settings.update', { terminalSlips: 'both' });
    await cardSale(1250);
    const docs = paper().documents();
    expect(docs).toHaveLength(3);
    expect(docs.every((d) => d.cut)).toBe(true);
    expect([docs[1]!.text.includes('CUSTOMER COPY'), docs[1]!.text.includes('MERCHANT COPY')]).toEqual([true, false]);
    expect([docs[2]!.text.includes('CUSTOMER COPY'), docs[2]!.text.includes('MERCHANT COPY')]).toEqual([false, true]);
    expect([count('CUSTOMER COPY'), count('MERCHANT COPY')]).toEqual([1, 1]);
    expect(docs[2]!.text).toMatch(/AMOUNT\s+EUR 12\.50/);
  }, 30_000);

  it('a card payment stored by the version before (one list of lines) prints as one slip, once', async () => {
    core = await slipTill();
    await core.ok('settings.update', { terminalSlips: 'both' });
    await cardSale(700, (receiptId) => {
      // What the previous version stored: every line the terminal printed, one list.
      const row = core.db.prepare(`SELECT id, slip FROM payments WHERE receipt_id = ? AND method = 'card'`).get(receiptId) as { id: string; slip: string };
      const lines = (JSON.parse(row.slip) as { lines: string[] }[]).flatMap((s) => s.lines);
      core.db.prepare(`UPDATE payments SET slip = ? WHERE id = ?`).run(JSON.stringify(lines), row.id);
    });
    const docs = paper().documents();
    expect(docs).toHaveLength(2);
    expect([count('CUSTOMER COPY'), count('MERCHANT COPY')]).toEqual([1, 1]);
    expect(docs[1]!.text).toContain('CUSTOMER COPY');
    expect(docs[1]!.text).toContain('MERCHANT COPY');
  }, 30_000);

  it("'none' prints the receipt alone", async () => {
    core = await slipTill();
    await core.ok('settings.update', { terminalSlips: 'none' });
    await cardSale(990);
    expect(paper().documents()).toHaveLength(1);
    expect(count('COPY')).toBe(0);
  }, 30_000);
});
