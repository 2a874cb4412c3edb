import { afterEach, describe, expect, it } from 'vitest';
import { outboxOf, startTestCore, type TestCore } from '../../support/core.js';
import { receiptOf } from './support.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

describe('the receipt life cycle: New → Modified → View → Confirmed, Leave, Copy, Delete, series, lock', () => {
  it('F9 saves (View); a change makes it Modified; Leave goes back to the saved rows and cash', async () => {
    core = await startTestCore();
    let r = await core.ok('receipt.new', {});
    expect(r.status).toBe('new');
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
    expect(r.status).toBe('modified');
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 50 });
    r = await core.ok('receipt.save', { receiptId: r.id });
    expect(r).toMatchObject({ status: 'view', savedAt: expect.any(String) });
    const saved = r;
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1601' });
    r = await core.ok('receipt.setHeader', { receiptId: r.id, customerName: 'Walk-in', email: 'a@b.ee' });
    expect(r).toMatchObject({ status: 'modified', payments: [] });
    r = (await core.ok('receipt.revert', { receiptId: r.id })) ?? r;
    expect(r).toMatchObject({ status: 'view', customerName: '', email: '', totalMinor: 119, dueMinor: 69 });
    expect(r.rows.map((x) => [x.id, x.code])).toEqual(saved.rows.map((x) => [x.id, x.code]));
    expect(r.payments.map((p) => p.amountMinor)).toEqual([50]);
  });

  it('Leave on a receipt that was never saved drops it', async () => {
    core = await startTestCore();
    const r = await core.ok('receipt.new', {});
    await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
    expect(await core.ok('receipt.revert', { receiptId: r.id })).toBeNull();
    expect(await core.call('receipt.get', { receiptId: r.id })).toMatchObject({ ok: false, error: { code: 'receipt.not_found' } });
  });

  it('Delete needs the permission setting and only touches unconfirmed receipts', async () => {
    core = await startTestCore();
    const r = await receiptOf(core, 300);
    await core.ok('settings.update', { allowDelete: false });
    expect(await core.call('receipt.delete', { receiptId: r.id })).toMatchObject({ ok: false, error: { code: 'receipt.delete_forbidden' } });
    await core.ok('settings.update', { allowDelete: true });
    expect(await core.ok('receipt.delete', { receiptId: r.id })).toEqual({ deleted: true });
    expect(await core.ok('receipt.listOpen', {})).toEqual([]);
    const sold = await receiptOf(core, 300);
    await core.ok('receipt.pay', { receiptId: sold.id, method: 'cash', amountMinor: 300 });
    await core.ok('receipt.confirm', { receiptId: sold.id });
    expect(await core.call('receipt.delete', { receiptId: sold.id })).toMatchObject({ ok: false, error: { code: 'receipt.confirmed' } });
  });

  it('Copy makes a new receipt dated now with the customer and rows, without serial numbers or payments', async () => {
    core = await startTestCore();
    let r = await receiptOf(core, 300);
    const [mari] = await core.ok('customer.search', { query: 'Mari Tamm', by: 'any' });
    r = await core.ok('receipt.setCustomer', { receiptId: r.id, customerId: mari?.id ?? '' });
    r = await core.ok('receipt.updateRow', { receiptId: r.id, rowId: r.rows[0]?.id ?? '', serialNo: 'SN-1', quantityMilli: 2000 });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 1000 });
    r = await core.ok('receipt.confirm', { receiptId: r.id });
    core.clock.advance(3_600_000);
    const copy = await core.ok('receipt.copy', { receiptId: r.id });
    expect(copy).toMatchObject({
      status: 'modified',
      number: null,
      seriesCode: 'K',
      createdAt: '2026-11-22T11:00:00.000Z',
      customerName: 'Mari Tamm',
      payments: [],
      totalMinor: r.totalMinor,
    });
    expect(copy.id).not.toBe(r.id);
    // The price was typed by hand (3.00), so the customer's formula left it alone.
    expect(copy.rows.map((x) => [x.quantityMilli, x.unitPriceMinor, x.discountBp, x.serialNo])).toEqual([[2000, 300, 0, '']]);
  });

  it('several number series: the receipt picks one; numbers are gapless per series', async () => {
    core = await startTestCore();
    const lists = await core.ok('reference.lists', {});
    expect(lists.series.map((s) => s.code)).toEqual(['K', 'KR', 'M']);
    const sell = async (series?: string) => {
      let r = await receiptOf(core, 100);
      if (series) r = await core.ok('receipt.setSeries', { receiptId: r.id, seriesCode: series });
      await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 100 });
      return (await core.ok('receipt.confirm', { receiptId: r.id })).number;
    };
    expect([await sell(), await sell('M'), await sell(), await sell('M')]).toEqual(['K000001', 'M000001', 'K000002', 'M000002']);
    expect(await core.call('receipt.setSeries', { receiptId: (await core.ok('receipt.new', {})).id, seriesCode: 'X' })).toMatchObject({
      ok: false,
      error: { code: 'series.not_found' },
    });
    await core.ok('settings.update', { defaultSeries: 'M' });
    expect((await core.ok('receipt.new', {})).seriesCode).toBe('M');
  });

  it('F8 on a draft prints a pro-forma; with "lock after print" the receipt can no longer change but can be paid', async () => {
    core = await startTestCore();
    await core.ok('settings.update', { lockAfterPrint: true });
    let r = await receiptOf(core, 450);
    const preview = await core.ok('receipt.preview', { receiptId: r.id });
    expect(preview.lines.join('\n')).toMatch(/PRO FORMA/);
    r = await core.ok('receipt.print', { receiptId: r.id });
    expect(r).toMatchObject({ locked: true, printedAt: expect.any(String) });
    expect(await core.call('receipt.addArticle', { receiptId: r.id, code: '1001' })).toMatchObject({ ok: false, error: { code: 'receipt.locked' } });
    expect(await core.call('receipt.setHeader', { receiptId: r.id, customerName: 'x' })).toMatchObject({ ok: false, error: { code: 'receipt.locked' } });
    await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 450 });
    r = await core.ok('receipt.confirm', { receiptId: r.id });
    expect(r.status).toBe('confirmed');
    // A confirmed receipt's F8 prints the paper frozen at confirm, marked COPY.
    const copy = await core.ok('receipt.preview', { receiptId: r.id });
    expect(copy.lines.join('\n')).toMatch(/KOOPIA|COPY/);
    expect(copy.lines.join('\n')).toContain(r.number ?? '?');
    await core.ok('receipt.print', { receiptId: r.id });
    const jobs = outboxOf<{ proForma: boolean; copy: boolean }>(core.db, 'print.receipt', r.id);
    expect(jobs.map((j) => j.payload).map((d) => [d.proForma, d.copy])).toEqual([
      [true, false],
      [false, false],
      [false, true],
    ]);
  });

  it('settings are stored in SQLite and survive a restart', async () => {
    core = await startTestCore();
    const s = await core.ok('settings.update', { zeroPricePolicy: 'forbid', cashierName: 'Anu', salespersonPerRow: true });
    expect(s).toMatchObject({ zeroPricePolicy: 'forbid', cashierName: 'Anu', salespersonPerRow: true, cashRounding: '0.05' });
    expect(await core.call('settings.update', { defaultWarehouse: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'warehouse.not_found' } });
    expect(await core.call('settings.update', { cashRounding: '0.10' as never })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const dataDir = core.dataDir;
    await core.close();
    core = await startTestCore({ dataDir });
    expect(await core.ok('settings.get', {})).toMatchObject({ zeroPricePolicy: 'forbid', cashierName: 'Anu', salespersonPerRow: true });
  });
});
