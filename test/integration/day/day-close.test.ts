/**
 * The day through the dispatcher on a real SQLite file: the first confirm opens it with the float
 * the last close left, cash moves in and out, the X report runs any time, and the close writes its
 * movements, difference, Z number and report in one transaction; a receipt confirmed after the
 * close is the next day's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/contract/api.js';
import { outboxOf, startTestCore, type TestCore } from '../../support/core.js';
import { waitFor } from '../../support/wait.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

/** A confirmed sale of one milk re-priced to `priceMinor`, paid in cash (rounded) or by card. */
async function sale(priceMinor: number, method: 'cash' | 'card' = 'cash') {
  let r = await core.ok('receipt.new', {});
  r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
  r = await core.ok('receipt.updateRow', { receiptId: r.id, rowId: r.rows[0]?.id ?? '', unitPriceMinor: priceMinor });
  r = await core.ok('receipt.pay', { receiptId: r.id, method, amountMinor: method === 'cash' ? r.cashDueMinor + 500 : r.dueMinor });
  return core.ok('receipt.confirm', { receiptId: r.id });
}

describe('the day: open, X report, close with a Z report', () => {
  it('a day of sales, a refund and a cash-out closes with its count, difference and Z 1; the float carries into the next day', async () => {
    core = await startTestCore();
    expect(await core.ok('day.current', {})).toBeNull();
    await core.ok('day.open', { counts: [{ valueMinor: 2000, count: 2 }, { valueMinor: 1000, count: 1 }] }); // 50.00
    expect(await core.call('day.open', { floatMinor: 0 })).toMatchObject({ ok: false, error: { code: 'day.already_open' } });

    const first = await sale(1223); // cash 12.25 taken (change 5.00 back)
    await sale(2000, 'card');
    let note = await core.ok('receipt.credit', { receiptId: first.id });
    note = await core.ok('receipt.pay', { receiptId: note.id, method: 'cash', amountMinor: 1225 });
    await core.ok('receipt.confirm', { receiptId: note.id });
    await core.ok('day.cash', { kind: 'cash_out', amountMinor: 1000, reason: 'coffee for the shop' });

    const x = await core.ok('day.current', {});
    // 50.00 + 12.25 − 12.25 − 10.00: the change and the card never count as cash.
    expect(x).toMatchObject({
      openingFloatMinor: 5000,
      expectedMinor: 4000,
      report: {
        salesMinor: 3223,
        returnsMinor: -1223,
        netMinor: 2000,
        roundingMinor: 0,
        receipts: { count: 2, first: 'K000001', last: 'K000002' },
        creditNotes: { count: 1, first: 'KR000001', last: 'KR000001' },
        tenders: [
          { method: 'cash', amountMinor: 0 },
          { method: 'card', amountMinor: 2000 },
        ],
        cashOutMinor: 1000,
      },
    });
    expect(x?.report?.vat).toEqual([{ rateBp: 2400, netMinor: 1613, vatMinor: 387, grossMinor: 2000 }]);

    // Counted 39.80 (0.20 short); 20.00 to the bank, the rest stays.
    const counts = [{ valueMinor: 2000, count: 1 }, { valueMinor: 1000, count: 1 }, { valueMinor: 500, count: 1 }, { valueMinor: 200, count: 2 }, { valueMinor: 50, count: 1 }, { valueMinor: 20, count: 1 }, { valueMinor: 10, count: 1 }];
    const z = await core.ok('day.close', { counts, cashOut: [{ direction: 'bank', amountMinor: 2000, comment: 'bag 17' }], reason: 'coins dropped' });
    expect(z).toMatchObject({ zNumber: 1, expectedMinor: 4000, countedMinor: 3980, differenceMinor: -20, remainsMinor: 1980, reason: 'coins dropped' });
    // The report's cash out is the day's (which the expected amount counts); the close's own is its own line.
    expect(z.report).toMatchObject({ netMinor: 2000, cashOutMinor: 1000, differenceMinor: -20 });
    const paper = outboxOf<{ kind: string; zNumber: number }>(core.db, 'print.report');
    expect(paper.map((p) => [p.payload.kind, p.payload.zNumber])).toEqual([['z', 1]]);
    // The Z report as a PDF in the data directory, its text in the shop's language (letters included).
    const pdf = join(core.dataDir, 'reports', 'Z-000001.pdf');
    await waitFor(() => existsSync(pdf), 'the Z report PDF');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Z-ARUANNE 1');
    expect(text).toMatch(/24% +16,13 3,87 20,00/);
    expect(text).toMatch(/Põhjus: coins dropped/);
    expect(text).toMatch(/Sulgemisel välja võetud +20,00/);
    expect(await core.ok('day.current', {})).toBeNull();
    expect(await core.call('day.close', { countedMinor: 0 })).toMatchObject({ ok: false, error: { code: 'day.not_open' } });

    // The next sale is the next day's: it opens with the float the close left.
    core.clock.advance(60_000);
    await sale(500);
    const next = await core.ok('day.current', {});
    expect(next).toMatchObject({ openingFloatMinor: 1980, report: { receipts: { count: 1, first: 'K000003' } } });
    const z2 = await core.ok('day.close', { countedMinor: 2480, reason: '' });
    expect(z2).toMatchObject({ zNumber: 2, expectedMinor: 2480, differenceMinor: 0 });
    expect((await core.ok('day.zReports', {})).map((d) => d.zNumber)).toEqual([2, 1]);
    // Z 1 again, as it was closed, marked COPY; an X report needs an open day.
    await core.ok('day.printZ', { zNumber: 1 });
    const copy = outboxOf<{ kind: string; zNumber: number; copy: boolean; netMinor: number; at: string }>(core.db, 'print.report').at(-1)?.payload;
    expect(copy).toMatchObject({ kind: 'z', zNumber: 1, copy: true, netMinor: 2000, at: z.closedAt });
    expect(await core.call('day.printZ', { zNumber: 9 })).toMatchObject({ ok: false, error: { code: 'day.not_found' } });
    expect(await core.call('day.printX', {})).toMatchObject({ ok: false, error: { code: 'day.not_open' } });
    // A closed day never changes.
    expect(() => core.db.prepare(`UPDATE days SET counted_minor = 0 WHERE z_number = 1`).run()).toThrow(/closed/);
  });

  it('a close refused changes nothing: a difference without a reason, more out than counted, a coin that does not exist', async () => {
    core = await startTestCore();
    await core.ok('day.open', { floatMinor: 1000 });
    await sale(1000);
    const refusals: [Input<'day.close'>, string, string][] = [
      [{ countedMinor: 1900 }, 'day.difference_needs_reason', 'reason'],
      [{ countedMinor: 2000, cashOut: [{ direction: 'bank', amountMinor: 2001, comment: '' }] }, 'day.cash_out_above_register', 'cashOut'],
      [{ counts: [{ valueMinor: 300, count: 1 }] }, 'day.count_invalid', 'counts'],
      [{ counts: [{ valueMinor: 100, count: -2 }] }, 'day.count_invalid', 'counts'],
    ];
    for (const [input, code, field] of refusals) {
      expect(await core.call('day.close', input), code).toMatchObject({ ok: false, error: { code, details: { field } } });
    }
    expect(core.db.prepare(`SELECT count(*) AS n FROM cash_movements`).get()).toEqual({ n: 0 });
    expect(outboxOf(core.db, 'print.report')).toEqual([]);
    expect(await core.ok('day.current', {})).toMatchObject({ expectedMinor: 2000 });
    expect(await core.call('day.cash', { kind: 'cash_out', amountMinor: 2001, reason: 'too much' })).toMatchObject({
      ok: false,
      error: { code: 'day.cash_out_above_register' },
    });
    await core.ok('day.cash', { kind: 'cash_in', amountMinor: 500, reason: 'change money' });
    // The drawer opened for the cash put in, through the printer lane.
    expect(outboxOf<{ reason: string }>(core.db, 'print.drawer').map((e) => e.payload.reason)).toEqual(['cash in: change money']);
    // Its paper goes with the money: what, how much, why, who.
    expect(outboxOf<{ kind: string; amountMinor: number; reason: string; cashier: string }>(core.db, 'print.movement').map((e) => e.payload)).toMatchObject([
      { kind: 'cash_in', amountMinor: 500, reason: 'change money', cashier: expect.any(String) },
    ]);
    expect((await core.ok('day.close', { countedMinor: 2500 })).zNumber).toBe(1);
  });

  it('a receipt that took cash but is not confirmed keeps the day open until it is', async () => {
    core = await startTestCore();
    await sale(1000);
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 200 });
    expect(await core.call('day.close', { countedMinor: 1200 })).toMatchObject({ ok: false, error: { code: 'day.open_payments', details: { count: 1 } } });
    await core.ok('receipt.confirm', { receiptId: r.id });
    expect(await core.ok('day.close', { countedMinor: 1120, reason: '' })).toMatchObject({ zNumber: 1, differenceMinor: 0 });
    // Nothing is confirmed outside an open day, whatever the code does: the database refuses it.
    const draft = await core.ok('receipt.new', {});
    expect(() =>
      core.db
        .prepare(`UPDATE receipts SET status = 'confirmed', number = 99, confirmed_at = ?, total_minor = 0 WHERE id = ?`)
        .run('2026-11-22T10:00:00.000Z', draft.id),
    ).toThrow(/open day/);
    expect(await core.call('day.close', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('a close that fails halfway writes nothing: no movement, no Z number, the day still open', async () => {
    core = await startTestCore();
    await sale(1000);
    // The disk refuses the day's last write (as a crash between the close's statements would cut it off).
    core.db.exec(`CREATE TEMP TRIGGER fail_close BEFORE UPDATE OF closed_at ON days BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const failed = await core.call('day.close', { countedMinor: 500, cashOut: [{ direction: 'bank', amountMinor: 300, comment: '' }], reason: 'short' });
    expect(failed.ok).toBe(false);
    expect(core.db.prepare(`SELECT count(*) AS n FROM cash_movements`).get()).toEqual({ n: 0 });
    expect(outboxOf(core.db, 'print.report')).toEqual([]);
    expect(await core.ok('day.current', {})).toMatchObject({ expectedMinor: 1000 });
    core.db.exec(`DROP TRIGGER temp.fail_close`);
    expect((await core.ok('day.close', { countedMinor: 1000 })).zNumber).toBe(1);
  });
});
