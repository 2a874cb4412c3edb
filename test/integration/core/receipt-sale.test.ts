import { afterEach, describe, expect, it } from 'vitest';
import { outboxOf, startTestCore, type TestCore } from '../../support/core.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

const MILK = '4740010010014'; // Piim 2,5% 1 l, 1.19, 24 %
const APPLES = '1301'; // Õunad Eesti, by code, 1.79/kg
const BOOK = '1601'; // Raamat, 19.90, 9 %

describe('a cash sale through the contract (real SQLite file)', () => {
  it('F2 → scan → quantity → F4 cash → F12: confirmed with number, change and a queued print job', async () => {
    core = await startTestCore();
    const fresh = await core.ok('receipt.new', {});
    expect(fresh).toMatchObject({ status: 'new', number: null, rows: [], totalMinor: 0 });

    let r = await core.ok('receipt.addArticle', { receiptId: fresh.id, code: MILK });
    expect(r.status).toBe('modified');
    expect(r.rows).toEqual([
      expect.objectContaining({ lineNo: 1, name: 'Piim 2,5% 1 l', unit: 'pcs', quantityMilli: 1000, unitPriceMinor: 119, sumMinor: 119 }),
    ]);
    // Apples are sold by weight: typed without a scale label, the till asks for the weight first.
    expect(await core.call('receipt.addArticle', { receiptId: r.id, code: APPLES })).toMatchObject({
      ok: false,
      error: { code: 'article.needs_weight', details: { code: '1301', name: 'Õunad Eesti' } },
    });
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: APPLES, quantityMilli: 1250 });
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: BOOK });
    // 1.19 + 1.25 kg × 1.79 (2.2375 → 2.24) + 19.90
    expect(r.totalMinor).toBe(2333);
    expect(r.dueMinor).toBe(2333);
    expect(r.vat).toEqual([
      { rateBp: 2400, grossMinor: 343, netMinor: 277, vatMinor: 66 },
      { rateBp: 900, grossMinor: 1990, netMinor: 1826, vatMinor: 164 },
    ]);

    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 5000 });
    // Cash is rounded to 5 cents (Estonia): 23.33 → 23.35; the turnover stays 23.33.
    expect(r).toMatchObject({ moneyMinor: 5000, changeMinor: 2665, dueMinor: 0, paidMinor: 2335, roundingMinor: 2, totalMinor: 2333 });

    r = await core.ok('receipt.confirm', { receiptId: r.id });
    expect(r).toMatchObject({ status: 'confirmed', number: 'K000001', confirmedAt: '2026-11-22T10:00:00.000Z' });
    const job = outboxOf(core.db, 'print.receipt');
    expect(job).toHaveLength(1);
    expect(job[0]?.documentId).toBe(r.id);
    expect(job[0]?.payload).toMatchObject({ number: 'K000001', totalMinor: 2333, roundingMinor: 2, payableMinor: 2335, changeMinor: 2665 });
    expect(await core.ok('receipt.current', {})).toBeNull();
  });

  it('numbers are gapless per series: refused confirms take no number', async () => {
    core = await startTestCore();
    const numbers: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await core.ok('receipt.new', {});
      await core.ok('receipt.addArticle', { receiptId: r.id, code: MILK });
      const refused = await core.call('receipt.confirm', { receiptId: r.id });
      expect(refused).toMatchObject({ ok: false, error: { code: 'receipt.not_paid', details: { due: 119 } } });
      await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 200 });
      numbers.push((await core.ok('receipt.confirm', { receiptId: r.id })).number);
    }
    expect(numbers).toEqual(['K000001', 'K000002', 'K000003']);
  });

  it('an unknown code is a clear error and changes nothing', async () => {
    core = await startTestCore();
    const r = await core.ok('receipt.new', {});
    const wire = await core.call('receipt.addArticle', { receiptId: r.id, code: '0000000000000' });
    expect(wire).toMatchObject({ ok: false, error: { code: 'article.not_found', details: { code: '0000000000000' } } });
    expect(await core.ok('receipt.get', { receiptId: r.id })).toMatchObject({ rows: [], status: 'new' });
  });

  it('a confirmed receipt cannot be changed, through the core or straight in SQL', async () => {
    core = await startTestCore();
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: MILK });
    await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 119 });
    r = await core.ok('receipt.confirm', { receiptId: r.id });
    const rowId = r.rows[0]?.id ?? '';
    for (const wire of [
      await core.call('receipt.addArticle', { receiptId: r.id, code: MILK }),
      await core.call('receipt.updateRow', { receiptId: r.id, rowId, quantityMilli: 5000 }),
      await core.call('receipt.removeRow', { receiptId: r.id, rowId }),
      await core.call('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 100 }),
      await core.call('receipt.confirm', { receiptId: r.id }),
    ]) {
      expect(wire).toMatchObject({ ok: false, error: { code: 'receipt.confirmed' } });
    }
    expect(() => core.db.prepare('UPDATE receipt_rows SET quantity_milli = 5000').run()).toThrow(/receipt is confirmed/);
    expect(() => core.db.prepare('DELETE FROM payments').run()).toThrow(/receipt is confirmed/);
    expect(() => core.db.prepare("UPDATE receipts SET total_minor = 1").run()).toThrow(/receipt is confirmed/);
    expect(() => core.db.prepare('DELETE FROM receipts').run()).toThrow(/receipt is confirmed/);
    expect(await core.ok('receipt.get', { receiptId: r.id })).toEqual(r);
  });

  it('changing rows after cash was taken drops that cash, so Money and Change never lie', async () => {
    core = await startTestCore();
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: MILK });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 500 });
    expect(r.changeMinor).toBe(380); // 1.19 in cash is 1.20
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: MILK });
    expect(r).toMatchObject({ payments: [], moneyMinor: 0, changeMinor: 0, dueMinor: 238 });
  });

  it('partial cash leaves the rest due; confirm waits for it', async () => {
    core = await startTestCore();
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: BOOK });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 1000 });
    expect(r).toMatchObject({ dueMinor: 990, changeMinor: 0 });
    expect(await core.call('receipt.confirm', { receiptId: r.id })).toMatchObject({ ok: false, error: { code: 'receipt.not_paid' } });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 2000 });
    expect(r).toMatchObject({ dueMinor: 0, moneyMinor: 3000, changeMinor: 1010 });
    expect(await core.call('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 100 })).toMatchObject({
      ok: false,
      error: { code: 'payment.nothing_due' },
    });
  });

  it('refuses empty receipts, zero or negative quantities and rows of other receipts', async () => {
    core = await startTestCore();
    const a = await core.ok('receipt.new', {});
    expect(await core.call('receipt.confirm', { receiptId: a.id })).toMatchObject({ ok: false, error: { code: 'receipt.empty' } });
    const withRow = await core.ok('receipt.addArticle', { receiptId: a.id, code: MILK });
    const rowId = withRow.rows[0]?.id ?? '';
    expect(await core.call('receipt.updateRow', { receiptId: a.id, rowId, quantityMilli: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await core.call('receipt.updateRow', { receiptId: a.id, rowId, quantityMilli: -1000 })).toMatchObject({
      ok: false,
      error: { code: 'quantity.invalid' },
    });
    const b = await core.ok('receipt.new', {});
    expect(await core.call('receipt.removeRow', { receiptId: b.id, rowId })).toMatchObject({ ok: false, error: { code: 'row.not_found' } });
    expect(await core.ok('receipt.get', { receiptId: a.id })).toEqual(withRow);
  });

  it('the sale in progress survives a restart: receipt.current resumes it', async () => {
    core = await startTestCore();
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: MILK });
    const dataDir = core.dataDir;
    await core.close();
    core = await startTestCore({ dataDir });
    expect(await core.ok('receipt.current', {})).toEqual(r);
  });
});
