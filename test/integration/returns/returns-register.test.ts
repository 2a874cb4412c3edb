/**
 * Poland: with a POSNET fiscal printer set, a refund is not a fiscal sale. The credit note prints
 * as a non-fiscal document on the receipt printer and each returned line goes to the returns
 * register (ewidencja zwrotów): the sale's document and date, the goods, the return's date, the
 * gross refund and its VAT, and the protocol the customer signed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { returnsRegister } from '../../../electron/db/returns-repo.js';
import { fiscalSimOf, outboxOf, startTestCore, type TestCore } from '../../support/core.js';
import { waitFor } from '../../support/wait.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

const fiscalSim = () => fiscalSimOf(core);

describe('returns with a fiscal printer set', () => {
  it('the sale is a fiscal receipt; its credit note is no fiscal document, prints as paper and is in the returns register', async () => {
    core = await startTestCore();
    await core.ok('settings.update', { cashRounding: 'none', fiscalConnection: 'posnet:sim?link=memory' });
    await waitFor(async () => (await core.ok('devices.status', {})).fiscal.state !== 'none', 'the fiscal printer');

    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1601' });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: r.totalMinor });
    const sold = await core.ok('receipt.confirm', { receiptId: r.id });
    await waitFor(() => fiscalSim().receipts().length === 1, 'the fiscal receipt');

    core.clock.advance(2 * 24 * 3_600_000);
    let note = await core.ok('receipt.credit', { receiptId: sold.id });
    note = await core.ok('receipt.pay', { receiptId: note.id, method: 'cash', amountMinor: 2109 });
    note = await core.ok('receipt.confirm', { receiptId: note.id });

    expect(outboxOf(core.db, 'fiscal.receipt', note.id)).toEqual([]);
    expect(outboxOf(core.db, 'print.receipt', note.id)).toHaveLength(1);
    expect(returnsRegister(core.db)).toEqual([
      {
        creditNoteId: note.id,
        lineNo: 1,
        saleDocument: 'K000001',
        saleDate: '2026-11-22',
        returnDate: '2026-11-24',
        goods: 'Piim 2,5% 1 l',
        quantityMilli: 1000,
        grossMinor: 119,
        vatRateBp: 2400,
        vatMinor: 23,
        protocol: 'KR000001',
      },
      expect.objectContaining({ lineNo: 2, goods: 'Raamat: Eesti köök', grossMinor: 1990, vatRateBp: 900, vatMinor: 164, protocol: 'KR000001' }),
    ]);
    // Still exactly one fiscal receipt: the refund did not register as a sale.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fiscalSim().receipts()).toHaveLength(1);
    // The register is append-only.
    expect(() => core.db.prepare(`DELETE FROM returns_register`).run()).toThrow(/append-only/);
  });

  it('without a fiscal printer there is no returns register to keep', async () => {
    core = await startTestCore();
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 120 });
    const sold = await core.ok('receipt.confirm', { receiptId: r.id });
    let note = await core.ok('receipt.credit', { receiptId: sold.id });
    note = await core.ok('receipt.pay', { receiptId: note.id, method: 'cash', amountMinor: 120 });
    await core.ok('receipt.confirm', { receiptId: note.id });
    expect(returnsRegister(core.db)).toEqual([]);
  });
});
