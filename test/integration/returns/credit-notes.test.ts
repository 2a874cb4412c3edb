/**
 * Returns through the dispatcher on a real SQLite file: a sale found by its printed number,
 * credited in part, refunded in cash (rounded), confirmed with its own number; what is left to
 * return across credit notes; stock back or written off; the refund by transfer; bad input refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { outboxOf, startTestCore, type TestCore } from '../../support/core.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

const MILK = '4740010010014'; // Piim 2,5% 1 l, 1.19, 24 %
const APPLES = '1301'; // Õunad Eesti, 1.79/kg, 24 %
const BOOK = '1601'; // Raamat, 19.90, 9 %

const stockOf = (code: string) =>
  (core.db.prepare(`SELECT s.quantity_milli AS q FROM stock s JOIN articles a ON a.id = s.article_id WHERE a.code = ? AND s.warehouse_code = 'MAIN'`).get(code) as
    | { q: number }
    | undefined)?.q ?? null;

/** The shop keeps stock of milk and books: 10 of each. */
const keepStock = () =>
  core.db.prepare(`INSERT OR REPLACE INTO stock (warehouse_code, article_id, quantity_milli) SELECT 'MAIN', id, 10000 FROM articles WHERE code IN ('1001', '1601')`).run();

/** A confirmed cash sale of milk ×2, 1.250 kg apples and a book: 2.38 + 2.24 + 19.90 = 24.52, paid 24.50. */
async function sale() {
  let r = await core.ok('receipt.new', {});
  r = await core.ok('receipt.addArticle', { receiptId: r.id, code: MILK });
  r = await core.ok('receipt.addArticle', { receiptId: r.id, code: MILK });
  r = await core.ok('receipt.addArticle', { receiptId: r.id, code: APPLES, quantityMilli: 1250 });
  r = await core.ok('receipt.addArticle', { receiptId: r.id, code: BOOK });
  r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 3000 });
  return core.ok('receipt.confirm', { receiptId: r.id });
}

describe('a return: find the sale by its number, credit, refund in cash, confirm', () => {
  it('partial return of a cash sale: rows as sold, refund rounded, own number series, stock back, paper titled credit note', async () => {
    core = await startTestCore();
    keepStock();
    const sold = await sale();
    expect(sold).toMatchObject({ number: 'K000001', totalMinor: 2452, payableMinor: 2450, roundingMinor: -2 });
    const milkBefore = stockOf('1001');

    // Typed as printed, typed short, scanned from the QR (the number itself): the same receipt.
    for (const text of ['K000001', 'k1', '1']) expect((await core.ok('receipt.find', { text })).id).toBe(sold.id);

    let note = await core.ok('receipt.credit', { receiptId: sold.id });
    expect(note).toMatchObject({
      documentType: 'credit_note',
      status: 'modified',
      seriesCode: 'KR',
      creditOf: sold.id,
      credit: { originalId: sold.id, originalNumber: 'K000001', cards: [] },
      totalMinor: -2452,
    });
    expect(note.rows.map((r) => [r.name, r.quantityMilli, r.unitPriceMinor, r.credit?.leftMilli])).toEqual([
      ['Piim 2,5% 1 l', -2000, 119, 2000],
      ['Õunad Eesti', -1250, 179, 1250],
      ['Raamat: Eesti köök', -1000, 1990, 1000],
    ]);

    // The book stays with the customer; one milk of two comes back.
    note = await core.ok('receipt.removeRow', { receiptId: note.id, rowId: note.rows[2]?.id ?? '' });
    note = await core.ok('receipt.updateRow', { receiptId: note.id, rowId: note.rows[0]?.id ?? '', quantityMilli: -1000 });
    // 1.19 + 2.24 = 3.43 owed; cash pays out 3.45.
    expect(note).toMatchObject({ totalMinor: -343, dueMinor: -343, cashDueMinor: -345 });
    note = await core.ok('receipt.pay', { receiptId: note.id, method: 'cash', amountMinor: 345 });
    expect(note).toMatchObject({ dueMinor: 0, roundingMinor: -2, payableMinor: -345, payments: [{ method: 'cash', amountMinor: -345 }] });
    note = await core.ok('receipt.confirm', { receiptId: note.id });
    expect(note).toMatchObject({ status: 'confirmed', number: 'KR000001', totalMinor: -343, payableMinor: -345, roundingMinor: -2 });

    expect(stockOf('1001')).toBe((milkBefore ?? 0) + 1000);
    const paper = outboxOf<{ creditOf: unknown; openDrawer: boolean; number: string }>(core.db, 'print.receipt', note.id)[0]?.payload;
    expect(paper).toMatchObject({ number: 'KR000001', creditOf: { number: 'K000001', confirmedAt: sold.confirmedAt }, openDrawer: true });
    const preview = (await core.ok('receipt.preview', { receiptId: note.id })).lines.join('\n');
    // The till's paper speaks the shop's language (Estonian here).
    expect(preview).toContain('KREEDITARVE');
    expect(preview).toMatch(/Tagastatav müük +K000001 22\.11\.2026 12:00/);
    expect(preview).toMatch(/TAGASTADA EUR +-3,45/);
    expect(preview).toContain('Kliendi allkiri');
  });

  it('left to return counts every confirmed credit note; over-return is refused; a fully returned sale cannot be credited', async () => {
    core = await startTestCore();
    const sold = await sale();
    let first = await core.ok('receipt.credit', { receiptId: sold.id });
    // Only apples, 0.400 kg of 1.250: weighed to the gram.
    first = await core.ok('receipt.removeRow', { receiptId: first.id, rowId: first.rows[0]?.id ?? '' });
    first = await core.ok('receipt.removeRow', { receiptId: first.id, rowId: first.rows[1]?.id ?? '' });
    first = await core.ok('receipt.updateRow', { receiptId: first.id, rowId: first.rows[0]?.id ?? '', quantityMilli: -400 });
    // 0.4 × 1.79 = 0.716 → 0.72 owed, paid out 0.70.
    first = await core.ok('receipt.pay', { receiptId: first.id, method: 'cash', amountMinor: first.cashDueMinor * -1 });
    expect(first).toMatchObject({ totalMinor: -72, payableMinor: -70 });
    await core.ok('receipt.confirm', { receiptId: first.id });

    let second = await core.ok('receipt.credit', { receiptId: sold.id });
    expect(second.rows.map((r) => [r.name, r.quantityMilli, r.credit?.leftMilli])).toEqual([
      ['Piim 2,5% 1 l', -2000, 2000],
      ['Õunad Eesti', -850, 850],
      ['Raamat: Eesti köök', -1000, 1000],
    ]);
    const apples = second.rows[1]?.id ?? '';
    expect(await core.call('receipt.updateRow', { receiptId: second.id, rowId: apples, quantityMilli: -851 })).toMatchObject({
      ok: false,
      error: { code: 'credit.above_left', details: { leftMilli: 850, field: 'quantityMilli' } },
    });
    expect(await core.call('receipt.updateRow', { receiptId: second.id, rowId: apples, quantityMilli: 850 })).toMatchObject({
      ok: false,
      error: { code: 'credit.positive_quantity' },
    });
    // Prices, discounts and articles stay as sold.
    expect(await core.call('receipt.updateRow', { receiptId: second.id, rowId: apples, unitPriceMinor: 100 })).toMatchObject({
      ok: false,
      error: { code: 'credit.frozen', details: { field: 'unitPriceMinor' } },
    });
    expect(await core.call('receipt.addArticle', { receiptId: second.id, code: MILK })).toMatchObject({ ok: false, error: { code: 'credit.frozen' } });
    second = await core.ok('receipt.get', { receiptId: second.id });
    expect(second.totalMinor).toBe(-(238 + 152 + 1990));

    second = await core.ok('receipt.pay', { receiptId: second.id, method: 'cash', amountMinor: -second.cashDueMinor });
    await core.ok('receipt.confirm', { receiptId: second.id });
    expect(await core.call('receipt.credit', { receiptId: sold.id })).toMatchObject({ ok: false, error: { code: 'credit.nothing_left', details: { number: 'K000001' } } });
  });

  it('a draft cannot be credited; a credit note cannot be credited; the refund must be paid out before F12', async () => {
    core = await startTestCore();
    const draft = await core.ok('receipt.new', {});
    await core.ok('receipt.addArticle', { receiptId: draft.id, code: MILK });
    expect(await core.call('receipt.credit', { receiptId: draft.id })).toMatchObject({ ok: false, error: { code: 'credit.not_confirmed' } });
    expect(await core.call('receipt.find', { text: 'K000099' })).toMatchObject({ ok: false, error: { code: 'receipt.not_found' } });

    const sold = await sale();
    const note = await core.ok('receipt.credit', { receiptId: sold.id });
    // Credit pressed again continues the same return.
    expect((await core.ok('receipt.credit', { receiptId: sold.id })).id).toBe(note.id);
    expect(await core.call('receipt.confirm', { receiptId: note.id })).toMatchObject({ ok: false, error: { code: 'receipt.not_paid', details: { due: -2452 } } });
    expect(await core.call('receipt.pay', { receiptId: note.id, method: 'cash', amountMinor: 3000 })).toMatchObject({
      ok: false,
      error: { code: 'payment.exceeds_refund', details: { owedMinor: 2452 } },
    });
    await core.ok('receipt.pay', { receiptId: note.id, method: 'cash', amountMinor: 2450 });
    const confirmed = await core.ok('receipt.confirm', { receiptId: note.id });
    // The whole sale was rounded −0.02 (24.52 → 24.50); its whole credit books +0.02.
    expect(confirmed).toMatchObject({ roundingMinor: 2, payableMinor: -2450 });
    expect(await core.call('receipt.credit', { receiptId: confirmed.id })).toMatchObject({ ok: false, error: { code: 'credit.of_credit_note' } });
    // Immutable like any confirmed document.
    expect(() => core.db.prepare(`UPDATE receipt_rows SET quantity_milli = -1 WHERE receipt_id = ?`).run(confirmed.id)).toThrow(/confirmed/);
  });
});

describe('where returned goods go, and refunds by transfer', () => {
  it('a row written off as damaged does not go back to stock: a write-off document of its own holds it', async () => {
    core = await startTestCore();
    keepStock();
    const sold = await sale();
    const [milk, book] = [stockOf('1001') ?? 0, stockOf('1601') ?? 0];
    let note = await core.ok('receipt.credit', { receiptId: sold.id });
    note = await core.ok('receipt.updateRow', { receiptId: note.id, rowId: note.rows[2]?.id ?? '', stockAction: 'write_off' });
    expect(note.rows.map((r) => r.credit?.stockAction)).toEqual(['back', 'back', 'write_off']);
    note = await core.ok('receipt.pay', { receiptId: note.id, method: 'cash', amountMinor: 2450 });
    await core.ok('receipt.confirm', { receiptId: note.id });
    expect(stockOf('1001')).toBe(milk + 2000);
    expect(stockOf('1601')).toBe(book);
    const writeOff = core.db
      .prepare(`SELECT d.kind, d.warehouse_code AS warehouse, r.name, r.quantity_milli AS q FROM stock_documents d JOIN stock_document_rows r ON r.document_id = d.id WHERE d.source_id = ?`)
      .all(note.id);
    expect(writeOff).toEqual([{ kind: 'write_off', warehouse: 'MAIN', name: 'Raamat: Eesti köök', q: 1000 }]);
  });

  it('a refund by bank transfer needs a valid IBAN; it is kept with the payee, exact, never rounded', async () => {
    core = await startTestCore();
    const sold = await sale();
    const note = await core.ok('receipt.credit', { receiptId: sold.id });
    const refund = { receiptId: note.id, amountMinor: 2452, payeeName: 'Mari Maasikas', comment: 'returned unopened' };
    const bad = await core.call('receipt.refundTransfer', { ...refund, iban: 'EE38 2200 2210 2014 5686' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'iban.invalid', details: { field: 'iban', reason: 'check_digits' } } });
    expect((await core.ok('receipt.get', { receiptId: note.id })).payments).toEqual([]);
    const paid = await core.ok('receipt.refundTransfer', { ...refund, iban: 'ee38 2200 2210 2014 5685' });
    expect(paid).toMatchObject({
      dueMinor: 0,
      roundingMinor: 0,
      payments: [{ method: 'transfer', amountMinor: -2452, payee: { name: 'Mari Maasikas', iban: 'EE382200221020145685', comment: 'returned unopened' } }],
    });
    const confirmed = await core.ok('receipt.confirm', { receiptId: note.id });
    const paper = outboxOf<{ openDrawer: boolean }>(core.db, 'print.receipt', confirmed.id)[0]?.payload;
    // No cash left the drawer: it stays shut.
    expect(paper?.openDrawer).toBe(false);
  });

  it('finds confirmed sales by date, amount, customer or article', async () => {
    core = await startTestCore();
    const sold = await sale();
    for (const query of ['Raamat', '24.52', '22.11.2026', '2026-11-22', 'K0000']) {
      expect((await core.ok('receipt.search', { query })).map((f) => f.number), query).toEqual(['K000001']);
    }
    expect((await core.ok('receipt.search', { query: 'Raamat' }))[0]).toMatchObject({ id: sold.id, match: 'Raamat: Eesti köök', totalMinor: 2452 });
    expect(await core.ok('receipt.search', { query: '23.11.2026' })).toEqual([]);
  });
});

describe('what a credit note keeps to itself', () => {
  it('returned in parts, a discounted row gives back what it cost, not a cent more', async () => {
    core = await startTestCore();
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: MILK });
    // 3 × 0.05 with 10 % off: 0.135 → 0.14 for the row; each piece alone would be 0.045 → 0.05.
    r = await core.ok('receipt.updateRow', { receiptId: r.id, rowId: r.rows[0]?.id ?? '', quantityMilli: 3000, unitPriceMinor: 5, discountBp: 1000 });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 15 });
    const sold = await core.ok('receipt.confirm', { receiptId: r.id });
    expect(sold.totalMinor).toBe(14);
    const totals: number[] = [];
    for (let i = 0; i < 3; i++) {
      let note = await core.ok('receipt.credit', { receiptId: sold.id });
      note = await core.ok('receipt.updateRow', { receiptId: note.id, rowId: note.rows[0]?.id ?? '', quantityMilli: -1000 });
      note = await core.ok('receipt.refundTransfer', {
        receiptId: note.id,
        amountMinor: -note.dueMinor,
        payeeName: 'Mari Maasikas',
        iban: 'EE382200221020145685',
        comment: 'three returns',
      });
      totals.push((await core.ok('receipt.confirm', { receiptId: note.id })).totalMinor);
    }
    expect(totals).toEqual([-5, -5, -4]);
  });

  it('a credit note stays in its series and its customer; settings keep credit notes out of the sales series', async () => {
    core = await startTestCore();
    const sold = await sale();
    const note = await core.ok('receipt.credit', { receiptId: sold.id });
    expect(await core.call('receipt.setSeries', { receiptId: note.id, seriesCode: 'K' })).toMatchObject({
      ok: false,
      error: { code: 'credit.frozen', details: { field: 'seriesCode' } },
    });
    expect(await core.call('receipt.setCustomer', { receiptId: note.id, customerId: null })).toMatchObject({ ok: false, error: { code: 'credit.frozen' } });
    expect(await core.call('settings.update', { creditSeries: 'K' })).toMatchObject({ ok: false, error: { code: 'series.credit_same', details: { field: 'creditSeries' } } });
  });

  it('while a card refund of the credit note is in doubt (a crash mid-request), nothing else settles, confirms or drops it', async () => {
    core = await startTestCore();
    const sold = await sale();
    const note = await core.ok('receipt.credit', { receiptId: sold.id });
    // As a till that died while the terminal cancelled the card finds it at the next start.
    core.db
      .prepare(`INSERT INTO terminal_requests (id, receipt_id, kind, amount_minor, status, created_at) VALUES ('lost-1', ?, 'refund', 1000, 'unknown', ?)`)
      .run(note.id, '2026-11-22T10:00:00.000Z');
    const inDoubt = { ok: false, error: { code: 'payment.terminal_in_doubt', details: { amount: 1000 } } };
    expect(await core.call('receipt.pay', { receiptId: note.id, method: 'cash', amountMinor: 2450 })).toMatchObject(inDoubt);
    expect(
      await core.call('receipt.refundTransfer', { receiptId: note.id, amountMinor: 2452, payeeName: 'A', iban: 'EE382200221020145685', comment: 'x' }),
    ).toMatchObject(inDoubt);
    expect(await core.call('receipt.confirm', { receiptId: note.id })).toMatchObject(inDoubt);
    expect(await core.call('receipt.delete', { receiptId: note.id })).toMatchObject(inDoubt);
    expect(await core.call('receipt.revert', { receiptId: note.id })).toMatchObject(inDoubt);
    expect((await core.ok('receipt.get', { receiptId: note.id })).payments).toEqual([]);
  });
});
