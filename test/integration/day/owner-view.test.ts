/**
 * The owner's view through the dispatcher on a real SQLite file: a day's sales by hour of the
 * shop's clock (returns on their own hour, quiet hours as zeros) and by payment method (a split
 * payment in both), adding up to exactly the X and Z reports; and a closed day's Z report as a PDF,
 * read from the reports folder or — when the file is gone — made again from the frozen report.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, tempDir, type TestCore } from '../../support/core.js';
import { waitFor } from '../../support/wait.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

/** A confirmed sale of one milk re-priced to `priceMinor`: `cardMinor` by card, the rest in cash (rounded). */
async function sale(priceMinor: number, cardMinor = 0) {
  let r = await core.ok('receipt.new', {});
  r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
  r = await core.ok('receipt.updateRow', { receiptId: r.id, rowId: r.rows[0]?.id ?? '', unitPriceMinor: priceMinor });
  if (cardMinor > 0) r = await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: cardMinor });
  if (r.dueMinor > 0) r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: r.cashDueMinor });
  return core.ok('receipt.confirm', { receiptId: r.id });
}

/** The clock moved to an instant (the test clock starts at 2026-11-22T10:00:00Z and only goes forward). */
function at(iso: string) {
  const ms = Date.parse(iso) - core.clock.now().getTime();
  if (ms < 0) throw new Error(`the clock is past ${iso}`);
  core.clock.advance(ms);
}

/** The text of a PDF, as a reader would copy it out. */
function pdfText(bytes: Buffer): string {
  const dir = tempDir('owner-pdf-');
  try {
    const file = join(dir.path, 'z.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    dir.remove();
  }
}

describe("the owner's view of a day", () => {
  it('sales by hour of the shop clock: a credit note on its own hour, the quiet hour as zeros; by method a split payment in both; the same as the X and the Z report', async () => {
    core = await startTestCore();
    await core.ok('settings.update', { timeZone: 'Europe/Tallinn' }); // UTC+2 in November
    expect(await core.ok('day.sales', {})).toBeNull();

    at('2026-11-22T10:05:00.000Z'); // 12:05 in Tallinn
    const first = await sale(1223); // cash: 12.25 taken (rounded), total 12.23
    at('2026-11-22T10:59:59.000Z'); // 12:59:59
    await sale(2000, 2000); // card
    at('2026-11-22T12:10:00.000Z'); // 14:10: the first sale comes back, in cash
    let note = await core.ok('receipt.credit', { receiptId: first.id });
    note = await core.ok('receipt.pay', { receiptId: note.id, method: 'cash', amountMinor: 1225 });
    await core.ok('receipt.confirm', { receiptId: note.id });
    at('2026-11-22T12:20:00.000Z'); // 14:20: 19.99, 5.00 by card and 14.99 in cash (15.00 taken)
    await sale(1999, 500);

    const sales = await core.ok('day.sales', {});
    expect(sales).toMatchObject({ zNumber: null, closedAt: null, timeZone: 'Europe/Tallinn', salesMinor: 5222, returnsMinor: -1223, netMinor: 3999 });
    expect(sales?.hours).toEqual([
      { date: '2026-11-22', hour: 12, salesMinor: 3223, returnsMinor: 0, netMinor: 3223, receipts: 2, creditNotes: 0 },
      { date: '2026-11-22', hour: 13, salesMinor: 0, returnsMinor: 0, netMinor: 0, receipts: 0, creditNotes: 0 },
      { date: '2026-11-22', hour: 14, salesMinor: 1999, returnsMinor: -1223, netMinor: 776, receipts: 1, creditNotes: 1 },
    ]);
    // Cash is what it took after rounding (12.25 + 15.00) and paid back (12.25); the split sale is in both methods.
    expect(sales?.methods).toEqual([
      { method: 'cash', salesMinor: 2725, refundsMinor: -1225, netMinor: 1500 },
      { method: 'card', salesMinor: 2500, refundsMinor: 0, netMinor: 2500 },
    ]);

    // The charts say what the X report says.
    const x = await core.ok('day.current', {});
    expect([sales?.salesMinor, sales?.returnsMinor, sales?.netMinor]).toEqual([x?.report?.salesMinor, x?.report?.returnsMinor, x?.report?.netMinor]);
    expect(sales?.methods.map((m) => ({ method: m.method, amountMinor: m.netMinor }))).toEqual(x?.report?.tenders);

    // Closed: the same figures by its Z number; no day open now.
    await core.ok('day.close', { countedMinor: x?.expectedMinor ?? 0, reason: '' });
    const closed = await core.ok('day.sales', { zNumber: 1 });
    expect(closed).toMatchObject({ zNumber: 1, closedAt: '2026-11-22T12:20:00.000Z', hours: sales?.hours, methods: sales?.methods, netMinor: 3999 });
    expect(await core.ok('day.sales', {})).toBeNull();
    expect(await core.call('day.sales', { zNumber: 2 })).toMatchObject({ ok: false, error: { code: 'day.not_found' } });
  });

  it("groups by the shop's own hour in a zone a quarter hour off UTC, and the next day's sales are not this day's", async () => {
    core = await startTestCore();
    await core.ok('settings.update', { timeZone: 'Asia/Kathmandu' }); // UTC+05:45
    at('2026-11-22T10:10:00.000Z'); // 15:55 in Kathmandu
    await sale(1000);
    at('2026-11-22T10:20:00.000Z'); // 16:05: the same UTC hour, the next hour of the shop
    await sale(700);
    expect((await core.ok('day.sales', {}))?.hours).toEqual([
      { date: '2026-11-22', hour: 15, salesMinor: 1000, returnsMinor: 0, netMinor: 1000, receipts: 1, creditNotes: 0 },
      { date: '2026-11-22', hour: 16, salesMinor: 700, returnsMinor: 0, netMinor: 700, receipts: 1, creditNotes: 0 },
    ]);
    await core.ok('day.close', { countedMinor: 1700, reason: '' });
    at('2026-11-22T18:30:00.000Z'); // 00:15 on the 23rd: the next day's first sale
    await sale(300);
    expect((await core.ok('day.sales', {}))?.hours).toEqual([{ date: '2026-11-23', hour: 0, salesMinor: 300, returnsMinor: 0, netMinor: 300, receipts: 1, creditNotes: 0 }]);
    expect((await core.ok('day.sales', { zNumber: 1 }))?.netMinor).toBe(1700);
  });

  it('the Z report as a PDF: the saved file, and when it was deleted, the same report made again from the closed day', async () => {
    core = await startTestCore();
    await sale(1223);
    await core.ok('day.close', { countedMinor: 1200, reason: 'five cents short' });
    const file = join(core.dataDir, 'reports', 'Z-000001.pdf');
    await waitFor(() => existsSync(file), 'the Z report PDF');

    const saved = await core.ok('day.zPdf', { zNumber: 1 });
    expect(saved).toMatchObject({ zNumber: 1, fileName: 'Z-000001.pdf', contentType: 'application/pdf', source: 'file' });
    const savedBytes = Buffer.from(saved.base64, 'base64');
    expect(savedBytes.equals(readFileSync(file))).toBe(true);
    expect(pdfText(savedBytes)).toContain('Z-ARUANNE 1');

    // The file is gone (deleted, or the files lane never got to it): made again, and saved nowhere.
    rmSync(file);
    const made = await core.ok('day.zPdf', { zNumber: 1 });
    expect(made).toMatchObject({ zNumber: 1, fileName: 'Z-000001.pdf', source: 'rendered' });
    const bytes = Buffer.from(made.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(bytes);
    expect(text).toContain('Z-ARUANNE 1');
    // Its frozen figures: the sale's net and the reason the count differed.
    expect(text).toMatch(/Põhjus: five cents short/);
    expect(text).toMatch(/12,23/);
    expect(existsSync(file)).toBe(false);

    expect(await core.call('day.zPdf', { zNumber: 2 })).toMatchObject({ ok: false, error: { code: 'day.not_found' } });
    expect(await core.call('day.zPdf', { zNumber: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
