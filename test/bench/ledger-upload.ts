/**
 * The uploader into a real hledger-web: a backlog of sales made while the ledger was away
 * (BENCH_LEDGER_RECEIPTS, 200 by default), then the ledger comes back and the till catches up —
 * receipts per second until the lane is empty (goal ≥ 500/s), and the scan → row time while it
 * drains next to the idle one (goal: p99 within 20 %).
 */
import { performance } from 'node:perf_hooks';
import { tillAccounts } from '../../electron/domain/ledger-posting.js';
import { startTestCore } from '../support/core.js';
import { startHledgerWeb } from '../support/ledger-hledger.js';

export async function benchLedgerUpload(stats: (label: string, samples: number[]) => void, report: (line: string) => void): Promise<void> {
  const receipts = Number(process.env.BENCH_LEDGER_RECEIPTS ?? 200);
  const ledger = await startHledgerWeb(tillAccounts({ ratesBp: [2400, 2200, 1300, 900, 0], roundingAccount: 'income:rounding', warehouses: ['MAIN'] }), 'EUR');
  // Pointed at the journal from the start, but with the lane held until the backlog is made.
  const core = await startTestCore({ ledger: `hledger-web:${ledger.baseUrl}?journal=${encodeURIComponent(ledger.journalFile)}` });
  const pending = () => (core.db.prepare(`SELECT count(*) AS n FROM outbox WHERE lane = 'ledger' AND status IN ('pending', 'in_doubt')`).get() as { n: number }).n;
  const scan = async (): Promise<number[]> => {
    const samples: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await core.ok('receipt.new', {});
      const t0 = performance.now();
      await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
      samples.push(performance.now() - t0);
      await core.ok('receipt.delete', { receiptId: r.id }).catch(() => undefined);
    }
    return samples;
  };
  try {
    await core.ok('day.open', { floatMinor: 0 });
    const idle = await scan();
    let t0 = 0;
    await core.outbox.exclusive('ledger', async () => {
      for (let i = 0; i < receipts; i++) {
        let r = await core.ok('receipt.new', {});
        r = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
        r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: r.cashDueMinor });
        await core.ok('receipt.confirm', { receiptId: r.id });
      }
      t0 = performance.now();
    });
    const draining = await scan();
    while (pending() > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = (performance.now() - t0) / 1000;
    report(`ledger upload into hledger-web: ${receipts} receipts in ${seconds.toFixed(1)} s = ${(receipts / seconds).toFixed(1)} receipts/s (goal ≥ 500)`);
    stats('scan → row, idle', idle);
    stats('scan → row, while the uploader drains', draining);
  } finally {
    await core.close();
    await ledger.stop();
  }
}
