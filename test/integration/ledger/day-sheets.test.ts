/**
 * The daily shapes: the day's sales as one summary per VAT rate and payment method and the goods
 * written off as one daily sheet, posted at the close — into a real hledger-web, balanced, each
 * once, and saying what the day's X report said. A shape switched mid-day sends nothing twice.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RetailSalesReport } from '../../../electron/devices/ledger/file-export-report.js';
import { tillAccounts } from '../../../electron/domain/ledger-posting.js';
import type { LedgerDocument } from '../../../electron/usecases/ledger-document.js';
import { outboxOf, startTestCore, type TestCore } from '../../support/core.js';
import { hledgerCheck, keyCounts, startHledgerWeb, type HledgerWeb } from '../../support/ledger-hledger.js';
import { waitFor } from '../../support/wait.js';

let core: TestCore | null = null;
let ledger: HledgerWeb | null = null;
afterEach(async () => {
  await core?.close();
  await ledger?.stop();
  core = null;
  ledger = null;
});

const ACCOUNTS = tillAccounts({ ratesBp: [2400, 2200, 1300, 900, 0], roundingAccount: 'income:rounding', warehouses: ['MAIN'] });
const pending = (c: TestCore) => (c.db.prepare(`SELECT count(*) AS n FROM outbox WHERE lane = 'ledger' AND status IN ('pending', 'in_doubt')`).get() as { n: number }).n;

async function sale(c: TestCore, codes: string[], cardMinor = 0) {
  let r = await c.ok('receipt.new', {});
  for (const code of codes) r = await c.ok('receipt.addArticle', { receiptId: r.id, code });
  if (cardMinor > 0) r = await c.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: cardMinor });
  r = await c.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: r.cashDueMinor });
  return c.ok('receipt.confirm', { receiptId: r.id });
}

describe('the daily shapes', () => {
  it('one sales summary and one write-off sheet at the close, balanced, once, with the X report’s figures', async () => {
    ledger = await startHledgerWeb(ACCOUNTS, 'EUR', ['1601']);
    core = await startTestCore({ ledger: `hledger-web:${ledger.baseUrl}?journal=${encodeURIComponent(ledger.journalFile)}` });
    const c = core;
    await c.ok('settings.update', { closeCountArticles: [] });
    await c.ok('day.open', { floatMinor: 0 });
    // Confirmed while the shape was "each receipt": it goes alone, now.
    const alone = await sale(c, ['1001']);
    await c.ok('settings.update', { ledgerSalesShape: 'daily', ledgerWriteOffShape: 'daily' });
    await sale(c, ['1001', '1201'], 100);
    const book = await sale(c, ['1601', '1001']);
    let note = await c.ok('receipt.credit', { receiptId: book.id });
    const bookRow = note.rows.find((r) => r.code === '1601');
    note = await c.ok('receipt.updateRow', { receiptId: note.id, rowId: bookRow?.id ?? '', stockAction: 'write_off' });
    note = await c.ok('receipt.pay', { receiptId: note.id, method: 'cash', amountMinor: Math.abs(note.cashDueMinor) });
    await c.ok('receipt.confirm', { receiptId: note.id });
    // Nothing more goes before the close in the daily shapes.
    await waitFor(() => pending(c) === 0, 'the lone sale posted', 20_000);
    expect(outboxOf(c.db, 'ledger.document')).toHaveLength(1);

    const x = await c.ok('day.current', {});
    await c.ok('day.close', { countedMinor: x?.expectedMinor ?? 0, reason: '', cashOut: [] });
    await waitFor(() => pending(c) === 0, 'the sheets posted', 20_000);
    const docs = outboxOf(c.db, 'ledger.document').map((e) => e.payload as LedgerDocument);
    expect(docs.map((d) => [d.type, d.number])).toEqual([
      ['sale', alone.number],
      ['sale', 'ZS1'],
      ['write_off', 'ZW1'],
    ]);
    const summary = docs[1];
    expect(summary?.description).toBe('Daily sales Z1: 2 receipts, 1 credit note(s)');
    // Per article, sales and returns apart, with the article's barcode for ledgers that match by it.
    expect(summary?.lines.map((l) => [l.code, l.quantityMilli, l.barcode])).toEqual([
      ['1001', 2000, '4740010010014'],
      ['1001', -1000, '4740010010014'],
      ['1201', 1000, expect.stringMatching(/^\d{13}$/)],
      ['1601', 1000, expect.stringMatching(/^\d{13}$/)],
      ['1601', -1000, expect.stringMatching(/^\d{13}$/)],
    ]);
    expect(summary?.payments.find((p) => p.method === 'card')?.amountMinor).toBe(100);
    expect(docs[2]?.lines.map((l) => [l.code, l.quantityMilli])).toEqual([['1601', 1000]]);

    const counts = await keyCounts(ledger.journalFile);
    expect([...counts.values()]).toEqual([1, 1, 1]);
    const check = await hledgerCheck(ledger.journalFile);
    expect(check.output).toBe('');
    expect(check.code).toBe(0);
    // The lone sale plus the summary are the whole day's X report, to the cent.
    const journal = ledger.journalFile;
    const minorOf = (query: string): number => {
      const csv = execFileSync('hledger', ['-f', journal, 'balance', query, '-N', '--depth', '2', '-O', 'csv'], { encoding: 'utf8' });
      const amount = /"(-?[\d,]+\.\d{2}) EUR"/.exec(csv.split('\n')[1] ?? '')?.[1] ?? 'none';
      return Number(amount.replace(/[,.]/g, ''));
    };
    const vat = x?.report?.vat ?? [];
    expect(minorOf('income:sales')).toBe(-vat.reduce((s, v) => s + v.netMinor, 0));
    expect(minorOf('liabilities:vat')).toBe(-vat.reduce((s, v) => s + v.vatMinor, 0));
  });

  it('into a folder: the day’s documents and its retail-sales report per VAT rate and payment method, as the X report says', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'till-export-'));
    try {
      core = await startTestCore({ ledger: `file:${dir}` });
      const c = core;
      await c.ok('settings.update', { closeCountArticles: [] });
      await c.ok('day.open', { floatMinor: 0 });
      const first = await sale(c, ['1001', '1201'], 100);
      await sale(c, ['1601']);
      let note = await c.ok('receipt.credit', { receiptId: first.id });
      note = await c.ok('receipt.pay', { receiptId: note.id, method: 'cash', amountMinor: Math.abs(note.cashDueMinor) });
      await c.ok('receipt.confirm', { receiptId: note.id });
      const x = await c.ok('day.current', {});
      await waitFor(() => pending(c) === 0, 'the documents written', 20_000);

      const day = (await readdir(dir)).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
      expect(day).toHaveLength(1);
      const report = JSON.parse(await readFile(join(dir, day[0] ?? '', 'retail-sales.json'), 'utf8')) as RetailSalesReport;
      const eur = report.currencies[0];
      expect(eur).toMatchObject({ currency: 'EUR', salesCount: 2, creditNoteCount: 1 });
      // Per VAT rate, the net of sales and returns is the X report's, to the cent.
      const cents = (text: string) => Number(text.replace('.', ''));
      expect(eur?.vat.map((v) => [v.rateBp, cents(v.net.net), cents(v.vat.net)])).toEqual(
        (x?.report?.vat ?? []).map((v) => [v.rateBp, v.netMinor, v.vatMinor]),
      );
      // Per payment method: the card part once, the cash net of the refund.
      expect(eur?.payments.find((p) => p.method === 'card')).toMatchObject({ received: '1.00', paidBack: '0.00', net: '1.00' });
      const csv = await readFile(join(dir, day[0] ?? '', 'documents.csv'), 'utf8');
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv.split('\r\n').filter((l) => l.includes(first.number ?? '-'))).not.toHaveLength(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('switched back to each receipt before the close: what waited for the sheet still goes, once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'till-export-'));
    try {
      core = await startTestCore({ ledger: `file:${dir}` });
      const c = core;
      await c.ok('settings.update', { closeCountArticles: [], ledgerSalesShape: 'daily' });
      await c.ok('day.open', { floatMinor: 0 });
      const waited = await sale(c, ['1001']);
      await c.ok('settings.update', { ledgerSalesShape: 'receipt' });
      const alone = await sale(c, ['1201']);
      const x = await c.ok('day.current', {});
      await c.ok('day.close', { countedMinor: x?.expectedMinor ?? 0, reason: '', cashOut: [] });
      await waitFor(() => pending(c) === 0, 'the documents written', 20_000);
      const docs = outboxOf(c.db, 'ledger.document').map((e) => e.payload as LedgerDocument);
      expect(docs.map((d) => [d.type, d.number])).toEqual([
        ['sale', alone.number],
        ['sale', 'ZS1'],
      ]);
      expect(docs[1]?.lines.map((l) => l.code)).toEqual(['1001']);
      expect(docs[1]?.payments).toEqual([{ method: 'cash', amountMinor: waited.payableMinor }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
