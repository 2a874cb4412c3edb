import { afterEach, describe, expect, it } from 'vitest';
import { outboxOf, startTestCore, type TestCore } from '../../support/core.js';
import { customerByCode, receiptOf } from './support.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

const FLOWERS = '4740010019017'; // 1901, price 0, article policy forbid
const BAG = '4740010019024'; // 1902, price 0, article policy none

describe('rows: discount, content, price, serial number, salesperson, stock', () => {
  it('a row discount lowers the row sum (half-up, once) and shows what it took off; content can be overwritten', async () => {
    core = await startTestCore();
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1301', quantityMilli: 1000 }); // apples 1.79/kg
    const rowId = r.rows[0]?.id ?? '';
    r = await core.ok('receipt.updateRow', { receiptId: r.id, rowId, quantityMilli: 1250, discountBp: 1250, name: 'Õunad (Antonovka)' });
    // 1.25 × 1.79 = 2.2375; −12.5 % = 1.9578125 → 1.96; list 2.24 → discount 0.28
    expect(r.rows[0]).toMatchObject({ sumMinor: 196, discountMinor: 28, name: 'Õunad (Antonovka)', discountBp: 1250 });
    expect(r.totalMinor).toBe(196);
    expect(await core.call('receipt.updateRow', { receiptId: r.id, rowId, discountBp: 10_001 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('serial number and salesperson are kept per row; an unknown salesperson is refused', async () => {
    core = await startTestCore();
    let r = await receiptOf(core, 1000);
    const rowId = r.rows[0]?.id ?? '';
    r = await core.ok('receipt.updateRow', { receiptId: r.id, rowId, serialNo: 'SN 123', salespersonCode: 'MARI' });
    expect(r.rows[0]).toMatchObject({ serialNo: 'SN 123', salespersonCode: 'MARI' });
    expect(await core.call('receipt.updateRow', { receiptId: r.id, rowId, salespersonCode: 'NOBODY' })).toMatchObject({
      ok: false,
      error: { code: 'salesperson.not_found' },
    });
    await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 1000 });
    const confirmed = await core.ok('receipt.confirm', { receiptId: r.id });
    const [job] = outboxOf<{ rows: { serialNo: string; salesperson: string | null }[]; cashier: string }>(core.db, 'print.receipt', confirmed.id);
    const doc = job!.payload;
    expect(doc.rows[0]).toMatchObject({ serialNo: 'SN 123', salesperson: 'Mari Maasikas' });
    expect(doc.cashier).toBe('Mari Maasikas');
  });

  it('more than the stock on hand is flagged per warehouse; a confirmed sale takes it out of stock', async () => {
    core = await startTestCore();
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1205' }); // 2 in stock in MAIN
    expect(r.rows[0]).toMatchObject({ stockMilli: 2000, overStock: false, imageUrl: 'articles/chocolate.svg' });
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1205' });
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1205', quantityMilli: 1000 });
    // Scanned again, the article adds to its row: 3 of the 2 in stock.
    expect(r.rows.map((x) => [x.quantityMilli, x.overStock])).toEqual([[3000, true]]);
    r = await core.ok('receipt.setHeader', { receiptId: r.id, warehouseCode: 'STALL' });
    expect(r.rows[0]).toMatchObject({ stockMilli: null, overStock: false }); // not kept at the stall
    r = await core.ok('receipt.setHeader', { receiptId: r.id, warehouseCode: 'MAIN' });
    r = await core.ok('receipt.updateRow', { receiptId: r.id, rowId: r.rows[0]?.id ?? '', quantityMilli: 2000 });
    await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 500 });
    await core.ok('receipt.confirm', { receiptId: r.id });
    const [hit] = await core.ok('article.search', { query: '1205', limit: 5 });
    expect(hit).toMatchObject({ code: '1205', stockMilli: 0 });
  });

  it('the article index finds by code, name fragment and barcode, exact matches first', async () => {
    core = await startTestCore();
    expect((await core.ok('article.search', { query: 'kinkekaart', limit: 10 })).map((a) => a.code)).toEqual(['1801', '1802']);
    expect((await core.ok('article.search', { query: '4740010012018', limit: 10 }))[0]).toMatchObject({ code: '1201', barcode: '4740010012018' });
    expect((await core.ok('article.search', { query: '100%', limit: 10 })).map((a) => a.code)).toEqual([]);
    expect(await core.ok('article.search', { query: '', limit: 5 })).toHaveLength(5);
  });
});

describe('zero-price policy: none / warn on save / forbid, with a per-article override', () => {
  it('forbid (article override) blocks save, payment and confirm until a price is typed', async () => {
    core = await startTestCore(); // system policy: warn
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: FLOWERS });
    expect(r.rows.map((x) => x.zeroPrice)).toEqual(['ok', 'forbid']);
    for (const wire of [
      await core.call('receipt.save', { receiptId: r.id }),
      await core.call('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 500 }),
      await core.call('receipt.confirm', { receiptId: r.id }),
    ]) {
      expect(wire).toMatchObject({ ok: false, error: { code: 'row.price_required', details: { lines: '2' } } });
    }
    expect((await core.ok('receipt.get', { receiptId: r.id })).status).toBe('modified');
    r = await core.ok('receipt.updateRow', { receiptId: r.id, rowId: r.rows[1]?.id ?? '', unitPriceMinor: 1500 });
    expect(r.rows[1]?.zeroPrice).toBe('ok');
    expect((await core.ok('receipt.save', { receiptId: r.id })).status).toBe('view');
  });

  it('warn lets the save through and flags the row; the article override "none" wins over a system "forbid"', async () => {
    core = await startTestCore();
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
    r = await core.ok('receipt.updateRow', { receiptId: r.id, rowId: r.rows[0]?.id ?? '', unitPriceMinor: 0 });
    expect(r.rows[0]?.zeroPrice).toBe('warn');
    expect((await core.ok('receipt.save', { receiptId: r.id })).status).toBe('view');
    await core.ok('settings.update', { zeroPricePolicy: 'forbid' });
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: BAG });
    expect(r.rows.map((x) => x.zeroPrice)).toEqual(['forbid', 'ok']);
    await core.ok('settings.update', { zeroPricePolicy: 'none' });
    expect((await core.ok('receipt.get', { receiptId: r.id })).rows.map((x) => x.zeroPrice)).toEqual(['ok', 'ok']);
  });
});

describe('customers: search, price formulas, ID card', () => {
  it('picking a customer fills the header and re-prices every row; back to anonymous restores the prices', async () => {
    core = await startTestCore();
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' }); // 1.19
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1203' }); // 7.99
    const staff = await customerByCode(core, 'C001'); // Staff −10 %
    r = await core.ok('receipt.setCustomer', { receiptId: r.id, customerId: staff.id });
    expect(r).toMatchObject({ customer: { id: staff.id, code: 'C001' }, customerName: 'Mari Tamm', address: 'Pikk 1, 10123 Tallinn', email: 'mari.tamm@example.ee', priceFormulaCode: 'STAFF' });
    expect(r.rows.map((x) => [x.unitPriceMinor, x.discountBp, x.sumMinor])).toEqual([
      [119, 1000, 107],
      [799, 1000, 719],
    ]);
    // New rows take the customer's price too.
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1101' });
    expect(r.rows[2]).toMatchObject({ unitPriceMinor: 189, discountBp: 1000, sumMinor: 170 });

    const wholesale = await customerByCode(core, 'C003'); // price list: 1001 → 0.99, 1203 → 6.49, 1101 → 1.59
    r = await core.ok('receipt.setCustomer', { receiptId: r.id, customerId: wholesale.id });
    expect(r).toMatchObject({ vatNo: 'EE101234568' });
    expect(r.rows.map((x) => [x.unitPriceMinor, x.discountBp])).toEqual([
      [99, 0],
      [649, 0],
      [159, 0],
    ]);
    r = await core.ok('receipt.setCustomer', { receiptId: r.id, customerId: null });
    expect(r).toMatchObject({ customer: null, customerName: '', vatNo: '' });
    expect(r.rows.map((x) => [x.unitPriceMinor, x.discountBp])).toEqual([
      [119, 0],
      [799, 0],
      [189, 0],
    ]);
  });

  it('a price typed by hand is kept when a customer is picked; the other rows are re-priced', async () => {
    core = await startTestCore();
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1203' });
    r = await core.ok('receipt.updateRow', { receiptId: r.id, rowId: r.rows[1]?.id ?? '', unitPriceMinor: 700 });
    const staff = await customerByCode(core, 'C001');
    r = await core.ok('receipt.setCustomer', { receiptId: r.id, customerId: staff.id });
    expect(r.rows.map((x) => [x.unitPriceMinor, x.discountBp])).toEqual([
      [119, 1000],
      [700, 0],
    ]);
  });

  it('search by name, code, ID code and phone; one phone, two customers → both offered', async () => {
    core = await startTestCore();
    expect((await core.ok('customer.search', { query: 'kask', by: 'any' })).map((c) => c.code)).toEqual(['C002', 'C004', 'C003']);
    expect((await core.ok('customer.search', { query: '38001085718', by: 'idCode' })).map((c) => c.code)).toEqual(['C002']);
    expect((await core.ok('customer.search', { query: '5559 8765', by: 'phone' })).map((c) => c.code).sort()).toEqual(['C002', 'C004']);
    expect(await core.ok('customer.search', { query: '55', by: 'phone' })).toEqual([]);
    const [staff] = await core.ok('customer.search', { query: 'C001', by: 'any' });
    expect(staff).toMatchObject({ priceFormulaName: 'Staff -10 %', discountBp: 1000 });
  });

  it('F10 reads the ID card through the terminal (simulated) and finds the customer', async () => {
    core = await startTestCore();
    expect(await core.ok('customer.readIdCard', {})).toMatchObject({ idCode: '38001085718', customers: [{ code: 'C002' }] });
    await core.close();
    core = await startTestCore({ terminal: { kind: 'none' } });
    expect(await core.call('customer.readIdCard', {})).toMatchObject({ ok: false, error: { code: 'payment.terminal_unavailable' } });
  });
});
