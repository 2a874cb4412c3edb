/**
 * The X and Z report of a busy day: 50 000 confirmed receipts (BENCH_DAY_RECEIPTS) of one day,
 * written straight into SQLite with their frozen facts, then the X report (`day.current`) and the
 * close (`day.close`, which sums the day again, writes its documents and the Z report). Goal:
 * each ≤ 250 ms.
 */
import { performance } from 'node:perf_hooks';
import { startTestCore, tempDir } from '../support/core.js';

export async function benchDayReport(stats: (label: string, samples: number[]) => void): Promise<void> {
  const receipts = Number(process.env.BENCH_DAY_RECEIPTS ?? 50_000);
  const dir = tempDir('till-bench-day-');
  const core = await startTestCore({ dataDir: dir.path, checkOutputs: false });
  try {
    await core.ok('day.open', { floatMinor: 10_000 });
    const day = (await core.ok('day.current', {}))?.id ?? '';
    const db = core.db;
    const at = '2026-11-22T10:00:00.000Z';
    const receipt = db.prepare(
      `INSERT INTO receipts (id, status, series_code, currency, created_at, updated_at, warehouse_code, day_id) VALUES (?, 'draft', 'K', 'EUR', ?, ?, 'MAIN', ?)`,
    );
    const row = db.prepare(
      `INSERT INTO receipt_rows (id, receipt_id, line_no, article_id, code, name, unit, quantity_milli, unit_price_minor, vat_rate_bp, sum_minor, discount_minor)
       SELECT ?, ?, 1, id, code, name, unit, 1000, ?, 2400, ?, 0 FROM articles WHERE code = '1001'`,
    );
    const vat = db.prepare(`INSERT INTO document_vat_lines (document_id, rate_bp, net_minor, vat_minor, gross_minor) VALUES (?, 2400, ?, ?, ?)`);
    const tender = db.prepare(`INSERT INTO document_tenders (document_id, method, amount_minor, tendered_minor, change_minor, rounding_minor) VALUES (?, ?, ?, ?, 0, 0)`);
    const confirm = db.prepare(
      `UPDATE receipts SET status = 'confirmed', number = ?, confirmed_at = ?, total_minor = ?, rounding_minor = 0, payable_minor = ?, rounding_account = 'x' WHERE id = ?`,
    );
    db.transaction(() => {
      for (let i = 0; i < receipts; i++) {
        const id = `bench-r-${i}`;
        const gross = 100 + (i % 4000);
        const vatMinor = Math.round((gross * 2400) / 12_400);
        receipt.run(id, at, at, day);
        row.run(`bench-row-${i}`, id, gross, gross);
        vat.run(id, gross - vatMinor, vatMinor, gross);
        tender.run(id, i % 3 === 0 ? 'card' : 'cash', gross, gross);
        confirm.run(i + 1, at, gross, gross, id);
      }
    })();
    const x: number[] = [];
    for (let n = 0; n < 10; n++) {
      const t0 = performance.now();
      await core.ok('day.current', {});
      x.push(performance.now() - t0);
    }
    stats(`X report, ${receipts} receipts`, x);
    const expected = (await core.ok('day.current', {}))?.expectedMinor ?? 0;
    const t0 = performance.now();
    await core.ok('day.close', { countedMinor: expected });
    stats(`Z report (close), ${receipts}`, [performance.now() - t0]);
  } finally {
    await core.close();
    dir.remove();
  }
}
