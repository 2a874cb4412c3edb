/**
 * A busy day without selling it receipt by receipt: confirmed receipts written straight into
 * SQLite with the facts a confirm freezes (row sum and discount, VAT line, tender, total), in the
 * open day, numbered in the receipt series as the till numbers them. For benchmarks and for tests
 * that need a close with enough to sum; a sale through the core afterwards takes the next number.
 */
import { uuidv7Ids } from '../../electron/app/ids.js';
import type { Db } from '../../electron/db/open.js';

export interface BusyDay {
  /** The open day the receipts belong to. */
  dayId: string;
  receipts: number;
  /** When the first receipt is confirmed (ms since the epoch); the rest follow `stepMs` apart. */
  startMs: number;
  stepMs: number;
}

/**
 * Writes the receipts in one transaction. Each is one row of article 1001 at 24 % VAT, paid in
 * full by card (every third) or cash, with no change, rounding or discount. Ids are UUIDv7 from
 * the receipts' own times, as the till makes them.
 */
export function fillDay(db: Db, day: BusyDay): void {
  let t = day.startMs;
  const ids = uuidv7Ids({ now: () => new Date(t) });
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
  // The numbers are taken from the series as a confirm takes them: gapless, and not taken again.
  const takeNumbers = db.prepare(`UPDATE number_series SET next_number = next_number + ? WHERE code = 'K' RETURNING next_number - ? AS first`);
  db.transaction(() => {
    const { first } = takeNumbers.get(day.receipts, day.receipts) as { first: number };
    for (let i = 0; i < day.receipts; i++) {
      t += day.stepMs;
      const at = new Date(t).toISOString();
      const id = ids.next();
      const gross = 100 + (i % 4000);
      // The VAT in a gross amount at 24 %, half up, in integers: gross × 24 / 124.
      const vatMinor = Math.floor((gross * 2400 * 2 + 12_400) / (12_400 * 2));
      receipt.run(id, at, at, day.dayId);
      row.run(ids.next(), id, gross, gross);
      vat.run(id, gross - vatMinor, vatMinor, gross);
      tender.run(id, i % 3 === 0 ? 'card' : 'cash', gross, gross);
      confirm.run(first + i, at, gross, gross, id);
    }
  })();
}
