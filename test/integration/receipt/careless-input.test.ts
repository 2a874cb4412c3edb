import { afterEach, describe, expect, it } from 'vitest';
import { recentDeviceLog } from '../../../electron/db/device-log-repo.js';
import { startTestCore, type TestCore } from '../../support/core.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

const MILK = '4740010010014'; // Piim 1.19, pcs
const APPLES = '1301'; // Õunad Eesti 1.79/kg
const CHOCOLATE = '1205'; // 2 in stock

async function draftWith(...codes: string[]) {
  const r = await core.ok('receipt.new', {});
  for (const code of codes) await core.ok('receipt.addArticle', { receiptId: r.id, code });
  return core.ok('receipt.get', { receiptId: r.id });
}

describe('what a tired cashier may type is asked about, explained, and never taken silently', () => {
  it('zero-price rows (a 100 % discount counts) warn at F12 too; confirming over the warning is a second, explicit step', async () => {
    core = await startTestCore();
    let r = await draftWith(MILK, '1002');
    r = await core.ok('receipt.updateRow', { receiptId: r.id, rowId: r.rows[0]!.id, discountBp: 10_000 });
    expect(r.rows[0]).toMatchObject({ sumMinor: 0, zeroPrice: 'warn' });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: r.cashDueMinor });
    expect(await core.call('receipt.confirm', { receiptId: r.id })).toMatchObject({
      ok: false,
      error: { code: 'receipt.confirm_warnings', details: { warnings: 'zero_price', lines: '1' } },
    });
    expect((await core.ok('receipt.get', { receiptId: r.id })).status).toBe('view');
    expect(await core.ok('receipt.confirm', { receiptId: r.id, accept: ['zero_price'] })).toMatchObject({ status: 'confirmed' });
  });

  it('a receipt totalling 0.00 with rows asks before it is confirmed', async () => {
    core = await startTestCore();
    await core.ok('settings.update', { zeroPricePolicy: 'none' });
    let r = await draftWith(MILK);
    r = await core.ok('receipt.updateRow', { receiptId: r.id, rowId: r.rows[0]!.id, unitPriceMinor: 0 });
    expect(await core.call('receipt.confirm', { receiptId: r.id })).toMatchObject({
      ok: false,
      error: { code: 'receipt.confirm_warnings', details: { warnings: 'zero_total' } },
    });
    expect(await core.ok('receipt.confirm', { receiptId: r.id, accept: ['zero_total'] })).toMatchObject({ status: 'confirmed', totalMinor: 0 });
  });

  it('a quantity above the per-row limit, or far above the stock, asks; yes takes it, and nothing changed meanwhile', async () => {
    core = await startTestCore();
    const r = await draftWith(MILK);
    const rowId = r.rows[0]!.id;
    expect(await core.call('receipt.updateRow', { receiptId: r.id, rowId, quantityMilli: 1_500_000 })).toMatchObject({
      ok: false,
      error: { code: 'quantity.implausible', details: { reason: 'limit', limitMilli: 999_000, quantityMilli: 1_500_000, field: 'quantityMilli' } },
    });
    expect((await core.ok('receipt.get', { receiptId: r.id })).rows[0]!.quantityMilli).toBe(1000);
    expect((await core.ok('receipt.updateRow', { receiptId: r.id, rowId, quantityMilli: 1_500_000, confirmed: true })).rows[0]!.quantityMilli).toBe(1_500_000);

    const c = await draftWith(CHOCOLATE);
    expect(await core.call('receipt.updateRow', { receiptId: c.id, rowId: c.rows[0]!.id, quantityMilli: 13_000 })).toMatchObject({
      ok: false,
      error: { code: 'quantity.implausible', details: { reason: 'stock', stockMilli: 2_000 } },
    });
    expect(await core.call('receipt.updateRow', { receiptId: c.id, rowId: c.rows[0]!.id, quantityMilli: 12_000 })).toMatchObject({ ok: true });
    // The limit is a setting.
    await core.ok('settings.update', { maxQuantityPcs: 5 });
    expect(await core.call('receipt.updateRow', { receiptId: c.id, rowId: c.rows[0]!.id, quantityMilli: 6_000 })).toMatchObject({
      ok: false,
      error: { code: 'quantity.implausible', details: { limitMilli: 5_000 } },
    });
  });

  it('cash received above the amount due plus the largest banknote asks; yes takes it', async () => {
    core = await startTestCore();
    const r = await draftWith(MILK); // 1.19, cash 1.20
    expect(await core.call('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 500_000 })).toMatchObject({
      ok: false,
      error: { code: 'payment.implausible_cash', details: { tenderedMinor: 500_000, limitMinor: 20_119, field: 'amountMinor' } },
    });
    expect((await core.ok('receipt.get', { receiptId: r.id })).payments).toEqual([]);
    expect(await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 20_000 })).toMatchObject({ changeMinor: 19_880 });
  });

  it('numbers that pass validation but do not fit the money range name their field, never "internal"', async () => {
    core = await startTestCore();
    const r = await draftWith(MILK);
    const rowId = r.rows[0]!.id;
    expect(await core.call('receipt.updateRow', { receiptId: r.id, rowId, unitPriceMinor: 10_000_000_000 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { field: 'unitPriceMinor' } },
    });
    // Each value alone is allowed; together, on enough rows, the receipt no longer adds up exactly.
    await core.ok('receipt.updateRow', { receiptId: r.id, rowId, unitPriceMinor: 1_000_000_000 });
    let last = await core.call('receipt.updateRow', { receiptId: r.id, rowId, quantityMilli: 1_000_000_000, confirmed: true });
    for (let i = 0; last.ok && i < 12; i++) {
      const added = await core.ok('receipt.addArticle', { receiptId: r.id, code: `100${(i % 7) + 1}`, confirmed: true });
      last = await core.call('receipt.updateRow', {
        receiptId: r.id,
        rowId: added.rows.at(-1)!.id,
        unitPriceMinor: 1_000_000_000,
        quantityMilli: 1_000_000_000,
        confirmed: true,
      });
    }
    expect(last).toMatchObject({ ok: false, error: { code: 'amount.too_large' } });
    expect(['unitPriceMinor', 'quantityMilli']).toContain(!last.ok && last.error.details?.field);
  });

  it('a per-piece article takes whole pieces; a weighed one is weighed first', async () => {
    core = await startTestCore();
    const r = await draftWith(MILK);
    expect(await core.call('receipt.updateRow', { receiptId: r.id, rowId: r.rows[0]!.id, quantityMilli: 1500 })).toMatchObject({
      ok: false,
      error: { code: 'quantity.not_whole', details: { name: 'Piim 2,5% 1 l', field: 'quantityMilli' } },
    });
    expect(await core.call('receipt.addArticle', { receiptId: r.id, code: APPLES })).toMatchObject({
      ok: false,
      error: { code: 'article.needs_weight', details: { code: '1301' } },
    });
    expect((await core.ok('receipt.get', { receiptId: r.id })).rows).toHaveLength(1);
    const weighed = await core.ok('receipt.addArticle', { receiptId: r.id, code: APPLES, quantityMilli: 1234 });
    expect(weighed.rows[1]).toMatchObject({ quantityMilli: 1234, sumMinor: 221 });
  });

  it('scanning an article already on the receipt adds to its row; the setting makes it a new row', async () => {
    core = await startTestCore();
    let r = await draftWith(MILK, MILK, MILK);
    expect(r.rows.map((x) => [x.code, x.quantityMilli])).toEqual([['1001', 3000]]);
    // A row whose price was typed by hand is a row of its own.
    r = await core.ok('receipt.updateRow', { receiptId: r.id, rowId: r.rows[0]!.id, unitPriceMinor: 99 });
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: MILK });
    expect(r.rows.map((x) => x.quantityMilli)).toEqual([3000, 1000]);
    await core.ok('settings.update', { mergeScans: false });
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: MILK });
    expect(r.rows.map((x) => x.quantityMilli)).toEqual([3000, 1000, 1000]);
  });

  it('a removed row is in the log: which row, what it was, on which receipt', async () => {
    core = await startTestCore();
    const r = await draftWith(MILK, '1002');
    await core.ok('receipt.removeRow', { receiptId: r.id, rowId: r.rows[0]!.id });
    const [entry] = recentDeviceLog(core.db, 5);
    expect(entry).toMatchObject({ device: 'receipt', event: 'row.removed', detail: 'row 1: 1001 Piim 2,5% 1 l, 1 × 1.19' });
    expect((await core.ok('devices.log', { limit: 5 }))[0]).toMatchObject({ event: 'row.removed' });
  });
});
