/**
 * The other ways a day reaches a ledger, timed from the moment the ledger may take it until the
 * lane is empty: a day's receipts written one by one into the file export (each post rewrites the
 * day's files: the cost grows with the day), and a day in the daily shape — hledger-web takes one
 * summary at the close however many receipts it covers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { tillAccounts } from '../../electron/domain/ledger-posting.js';
import { startTestCore, type TestCore } from '../support/core.js';
import { startHledgerWeb } from '../support/ledger-hledger.js';

const pending = (core: TestCore) => (core.db.prepare(`SELECT count(*) AS n FROM outbox WHERE lane = 'ledger' AND status IN ('pending', 'in_doubt')`).get() as { n: number }).n;

async function sell(core: TestCore, receipts: number): Promise<void> {
  for (let i = 0; i < receipts; i++) {
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: i % 2 ? '1001' : '1201' });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: r.cashDueMinor });
    await core.ok('receipt.confirm', { receiptId: r.id });
  }
}

async function drained(core: TestCore): Promise<void> {
  while (pending(core) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
}

export async function benchLedgerShapes(report: (line: string) => void): Promise<void> {
  const receipts = Number(process.env.BENCH_LEDGER_RECEIPTS ?? 200);
  const dir = await mkdtemp(join(tmpdir(), 'till-bench-export-'));
  const files = await startTestCore({ ledger: `file:${dir}` });
  try {
    await files.ok('settings.update', { closeCountArticles: [] });
    await files.ok('day.open', { floatMinor: 0 });
    let t0 = 0;
    await files.outbox.exclusive('ledger', async () => {
      await sell(files, receipts);
      t0 = performance.now();
    });
    await drained(files);
    const seconds = (performance.now() - t0) / 1000;
    report(`ledger file export, each receipt: ${receipts} receipts in ${seconds.toFixed(1)} s = ${(receipts / seconds).toFixed(1)} receipts/s`);
  } finally {
    await files.close();
    await rm(dir, { recursive: true, force: true });
  }

  const ledger = await startHledgerWeb(tillAccounts({ ratesBp: [2400, 2200, 1300, 900, 0], roundingAccount: 'income:rounding', warehouses: ['MAIN'] }), 'EUR');
  const core = await startTestCore({ ledger: `hledger-web:${ledger.baseUrl}?journal=${encodeURIComponent(ledger.journalFile)}` });
  try {
    await core.ok('settings.update', { closeCountArticles: [], ledgerSalesShape: 'daily' });
    await core.ok('day.open', { floatMinor: 0 });
    await sell(core, receipts);
    const x = await core.ok('day.current', {});
    const t0 = performance.now();
    await core.ok('day.close', { countedMinor: x?.expectedMinor ?? 0, reason: '', cashOut: [] });
    await drained(core);
    const seconds = (performance.now() - t0) / 1000;
    report(`ledger into hledger-web, daily shape: ${receipts} receipts closed and posted as one summary in ${seconds.toFixed(2)} s = ${(receipts / seconds).toFixed(0)} receipts/s (goal ≥ 500)`);
  } finally {
    await core.close();
    await ledger.stop();
  }
}
