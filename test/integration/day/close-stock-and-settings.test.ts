/**
 * The close beyond the cash, on a real SQLite file: the stock count of the listed articles (an
 * article nobody counted goes to zero, one inventory document per close), the totals per cashier,
 * and each part of the close as the till's settings have it — the day opened only on purpose, a
 * blind close, a tolerated difference, the directions cash may go.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { outboxOf, startTestCore, type TestCore } from '../../support/core.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

const stockOf = (code: string) =>
  (core.db.prepare(`SELECT s.quantity_milli AS q FROM stock s JOIN articles a ON a.id = s.article_id WHERE a.code = ? AND s.warehouse_code = 'MAIN'`).get(code) as { q: number } | undefined)?.q ?? null;
const articleId = (code: string) => (core.db.prepare(`SELECT id FROM articles WHERE code = ?`).get(code) as { id: string }).id;

/** A confirmed cash sale of one piece of `code` at its price. */
async function sale(code = '1001') {
  let r = await core.ok('receipt.new', {});
  r = await core.ok('receipt.addArticle', { receiptId: r.id, code });
  r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: r.cashDueMinor });
  return core.ok('receipt.confirm', { receiptId: r.id });
}

describe('the stock count at close', () => {
  it('counted articles take the count, an uncounted one goes to zero; one inventory document with expected, counted and difference; on the Z paper', async () => {
    core = await startTestCore();
    core.db.prepare(`INSERT OR REPLACE INTO stock (warehouse_code, article_id, quantity_milli) VALUES ('MAIN', ?, 10000), ('MAIN', ?, 3000)`).run(articleId('1001'), articleId('1601'));
    await core.ok('settings.update', { closeCountArticles: ['1001', '1601', 'NO-SUCH'] });
    await sale('1001');

    const day = await core.ok('day.current', {});
    // The list as the close screen shows it: unknown codes left out, stock after the sale.
    expect(day?.close.inventory.map((i) => [i.code, i.expectedMilli])).toEqual([
      ['1001', 9000],
      ['1601', 3000],
    ]);

    // A count of an article not on the list changes nothing.
    const expected = day?.expectedMinor ?? 0;
    const refused = await core.call('day.close', { countedMinor: expected, inventory: [{ articleId: articleId('1804'), countedMilli: 1000 }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'day.inventory_invalid', details: { field: 'inventory' } } });
    expect(await core.ok('day.current', {})).not.toBeNull();
    expect(stockOf('1001')).toBe(9000);

    const z = await core.ok('day.close', { countedMinor: expected, inventory: [{ articleId: articleId('1001'), countedMilli: 8000 }] });
    expect(z.inventory.map((r) => [r.code, r.expectedMilli, r.countedMilli, r.counted, r.differenceMilli])).toEqual([
      ['1001', 9000, 8000, true, -1000],
      ['1601', 3000, 0, false, -3000],
    ]);
    expect([stockOf('1001'), stockOf('1601')]).toEqual([8000, 0]);
    const docs = core.db.prepare(`SELECT count(*) AS n FROM inventories`).get() as { n: number };
    expect(docs.n).toBe(1);
    // A fact: the database refuses to change it.
    expect(() => core.db.prepare(`UPDATE inventory_rows SET counted_milli = 1`).run()).toThrow(/an inventory is a fact/);
    // The Z paper lists the count; a reprint reads it back as it was written.
    const [paper] = outboxOf<{ inventory: { code: string; counted: boolean }[] }>(core.db, 'print.report');
    expect(paper?.payload.inventory?.map((r) => [r.code, r.counted])).toEqual([
      ['1001', true],
      ['1601', false],
    ]);
    expect((await core.ok('day.zReports', {}))[0]?.inventory).toHaveLength(2);
  });
});

describe('totals per cashier', () => {
  it('each document counts for the cashier who confirmed it, frozen with it', async () => {
    core = await startTestCore();
    await core.ok('settings.update', { cashierName: 'Mari Maasikas' });
    await sale('1001');
    await sale('1001');
    await core.ok('settings.update', { cashierName: 'Jüri Jõgi' });
    const third = await sale('1201');
    const x = await core.ok('day.current', {});
    expect(x?.report?.cashiers).toEqual([
      { name: 'Jüri Jõgi', count: 1, totalMinor: third.totalMinor },
      { name: 'Mari Maasikas', count: 2, totalMinor: 238 },
    ]);
    // Renaming the cashier later does not move what was confirmed.
    await core.ok('settings.update', { cashierName: 'Someone Else' });
    expect((await core.ok('day.current', {}))?.report?.cashiers.map((c) => c.name)).toEqual(['Jüri Jõgi', 'Mari Maasikas']);
  });

  it('the summary: documents by type, payments by method and cash moved, from the day’s start or for this cashier only', async () => {
    core = await startTestCore();
    await core.ok('settings.update', { cashierName: 'Mari Maasikas' });
    await core.ok('day.open', { floatMinor: 5000 });
    await sale('1001');
    await core.ok('day.cash', { kind: 'cash_in', amountMinor: 1000, reason: 'change money' });
    await core.ok('settings.update', { cashierName: 'Jüri Jõgi' });
    await sale('1201');
    await core.ok('day.cash', { kind: 'cash_out', amountMinor: 300, reason: 'window cleaner' });

    expect(await core.ok('day.summary', {})).toEqual({
      cashier: null,
      documents: [{ type: 'receipt', count: 2, totalMinor: 348 }],
      tenders: [{ method: 'cash', amountMinor: 350 }],
      movements: [
        { kind: 'cash_in', count: 1, amountMinor: 1000 },
        { kind: 'cash_out', count: 1, amountMinor: 300 },
      ],
    });
    // Jüri's own: his sale (2.29 paid 2.30 in cash) and his cash out, nothing of Mari's.
    expect(await core.ok('day.summary', { cashierOnly: true })).toEqual({
      cashier: 'Jüri Jõgi',
      documents: [{ type: 'receipt', count: 1, totalMinor: 229 }],
      tenders: [{ method: 'cash', amountMinor: 230 }],
      movements: [{ kind: 'cash_out', count: 1, amountMinor: 300 }],
    });
  });
});

describe('the close as the settings have it', () => {
  it('with the day opened on purpose only, a sale before the open is refused and changes nothing', async () => {
    core = await startTestCore();
    await core.ok('settings.update', { dayAutoOpen: false });
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: r.dueMinor });
    expect(await core.call('receipt.confirm', { receiptId: r.id })).toMatchObject({ ok: false, error: { code: 'day.not_open' } });
    expect((await core.ok('receipt.get', { receiptId: r.id })).status).not.toBe('confirmed');
    await core.ok('day.open', { floatMinor: 5000 });
    expect((await core.ok('receipt.confirm', { receiptId: r.id })).status).toBe('confirmed');
  });

  it('a blind close tells whoever closes nothing the drawer’s content could be worked out from; the Z report holds it all for the manager', async () => {
    core = await startTestCore();
    await core.ok('settings.update', { closeBlind: true });
    await core.ok('day.open', { floatMinor: 5000 });
    await sale('1001');
    const day = await core.ok('day.current', {});
    expect(day).toMatchObject({ expectedMinor: null, report: null });
    // Nothing that sums the day's cash answers: summary, charts, X paper.
    for (const [channel, input] of [
      ['day.summary', {}],
      ['day.sales', {}],
      ['day.printX', {}],
    ] as const) {
      expect(await core.call(channel, input), channel).toMatchObject({ ok: false, error: { code: 'day.blind' } });
    }
    // A cash out is not refused against the drawer (a refusal would tell how much is in it): 20.00 out of 51.20.
    await core.ok('day.cash', { kind: 'cash_out', amountMinor: 2000, reason: 'to the safe' });
    expect(await core.ok('day.cash', { kind: 'cash_out', amountMinor: 999_999, reason: 'far too much' })).toMatchObject({ expectedMinor: null, report: null });

    const z = await core.ok('day.close', { countedMinor: 3000 });
    expect(z).toMatchObject({ expectedMinor: null, differenceMinor: null, countedMinor: 3000, report: null });
    expect(JSON.stringify(z)).not.toMatch(/-99\d{4}|3120|5120/);
    expect((await core.ok('day.zReports', {}))[0]).toMatchObject({ expectedMinor: null, differenceMinor: null, report: null });
    expect(await core.call('day.zPdf', { zNumber: 1 })).toMatchObject({ ok: false, error: { code: 'day.blind' } });
    expect(await core.call('day.printZ', { zNumber: 1 })).toMatchObject({ ok: false, error: { code: 'day.blind' } });
    // The paper for the manager: 50.00 + 1.20 − 20.00 − 9 999.99 expected, 30.00 counted.
    const [paper] = outboxOf<{ cash: { expectedMinor: number; differenceMinor: number } }>(core.db, 'print.report');
    expect(paper?.payload.cash).toMatchObject({ expectedMinor: -996_879, differenceMinor: 999_879 });
    // The manager's till (not blind) reads it all.
    await core.ok('settings.update', { closeBlind: false });
    expect((await core.ok('day.zReports', {}))[0]).toMatchObject({ expectedMinor: -996_879, differenceMinor: 999_879, report: { netMinor: 119 } });
  });

  it('a difference within the tolerance needs no reason; above it, it does', async () => {
    core = await startTestCore();
    await core.ok('settings.update', { closeToleranceMinor: 50 });
    await core.ok('day.open', { floatMinor: 5000 });
    expect(await core.call('day.close', { countedMinor: 4940 })).toMatchObject({ ok: false, error: { code: 'day.difference_needs_reason', details: { field: 'reason' } } });
    expect(await core.ok('day.close', { countedMinor: 4950 })).toMatchObject({ differenceMinor: -50, reason: '' });
  });

  it('cash goes out at close only where this till sends it', async () => {
    core = await startTestCore();
    await core.ok('settings.update', { closeCashOut: ['safe'] });
    await core.ok('day.open', { floatMinor: 5000 });
    expect(await core.call('day.close', { countedMinor: 5000, cashOut: [{ direction: 'bank', amountMinor: 1000, comment: '' }] })).toMatchObject({
      ok: false,
      error: { code: 'day.direction_not_set' },
    });
    expect(await core.ok('day.close', { countedMinor: 5000, cashOut: [{ direction: 'safe', amountMinor: 1000, comment: '' }] })).toMatchObject({ remainsMinor: 4000 });
  });

  it('a Z report printed again is the paper the close made: a shop renamed since does not change its letterhead', async () => {
    core = await startTestCore();
    await core.ok('settings.update', { shopName: 'Vana Pood OÜ' });
    await core.ok('day.open', { floatMinor: 1000 });
    await core.ok('day.close', { countedMinor: 1000 });
    await core.ok('settings.update', { shopName: 'Uus Pood AS' });
    await core.ok('day.printZ', { zNumber: 1 });
    const papers = outboxOf<{ shopName: string; copy: boolean; zNumber: number }>(core.db, 'print.report').map((p) => p.payload);
    expect(papers.map((p) => [p.zNumber, p.shopName, p.copy])).toEqual([
      [1, 'Vana Pood OÜ', false],
      [1, 'Vana Pood OÜ', true],
    ]);
  });

  it('counting by notes and coins switched off: the close takes a typed total, the screen gets no list', async () => {
    core = await startTestCore();
    await core.ok('settings.update', { closeByDenominations: false });
    expect((await core.ok('day.setup', {})).denominations).toEqual([]);
    await core.ok('day.open', { floatMinor: 2000 });
    expect(await core.ok('day.close', { countedMinor: 2000 })).toMatchObject({ differenceMinor: 0 });
  });
});
