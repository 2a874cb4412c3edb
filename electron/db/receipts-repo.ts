import type { Db } from './open.js';
import type { Unit } from '../contract/api.js';

/** Rows as stored; mapped to camelCase here so nothing above the repository sees SQL shapes. */
export interface ReceiptRecord {
  id: string;
  status: 'draft' | 'confirmed';
  seriesCode: string;
  seriesPrefix: string;
  number: number | null;
  currency: string;
  createdAt: string;
  confirmedAt: string | null;
  rows: RowRecord[];
  payments: PaymentRecord[];
}

export interface RowRecord {
  id: string;
  lineNo: number;
  articleId: string;
  code: string;
  name: string;
  unit: Unit;
  quantityMilli: number;
  unitPriceMinor: number;
  vatRateBp: number;
}

export interface PaymentRecord {
  id: string;
  method: 'cash' | 'card';
  amountMinor: number;
  tenderedMinor: number;
  changeMinor: number;
}

export interface ArticleRecord {
  id: string;
  code: string;
  name: string;
  unit: Unit;
  priceMinor: number;
  vatRateBp: number;
}

export function findReceipt(db: Db, id: string): ReceiptRecord | null {
  const head = db
    .prepare(
      `SELECT r.id, r.status, r.series_code AS seriesCode, s.prefix AS seriesPrefix, r.number, r.currency,
              r.created_at AS createdAt, r.confirmed_at AS confirmedAt
         FROM receipts r JOIN number_series s ON s.code = r.series_code
        WHERE r.id = ?`,
    )
    .get(id) as Omit<ReceiptRecord, 'rows' | 'payments'> | undefined;
  if (!head) return null;
  const rows = db
    .prepare(
      `SELECT id, line_no AS lineNo, article_id AS articleId, code, name, unit, quantity_milli AS quantityMilli,
              unit_price_minor AS unitPriceMinor, vat_rate_bp AS vatRateBp
         FROM receipt_rows WHERE receipt_id = ? ORDER BY line_no`,
    )
    .all(id) as RowRecord[];
  const payments = db
    .prepare(
      `SELECT id, method, amount_minor AS amountMinor, tendered_minor AS tenderedMinor, change_minor AS changeMinor
         FROM payments WHERE receipt_id = ? ORDER BY created_at, rowid`,
    )
    .all(id) as PaymentRecord[];
  return { ...head, rows, payments };
}

export function newestDraftId(db: Db): string | null {
  const row = db
    .prepare(`SELECT id FROM receipts WHERE status = 'draft' ORDER BY created_at DESC, rowid DESC LIMIT 1`)
    .get() as { id: string } | undefined;
  return row?.id ?? null;
}

/** An active article by any of its barcodes, or by its code. */
export function findArticleByCode(db: Db, code: string): ArticleRecord | null {
  const row = db
    .prepare(
      `SELECT a.id, a.code, a.name, a.unit, a.price_minor AS priceMinor, a.vat_rate_bp AS vatRateBp
         FROM articles a
        WHERE a.active = 1
          AND (a.id = (SELECT article_id FROM article_barcodes WHERE barcode = @code) OR a.code = @code)
        LIMIT 1`,
    )
    .get({ code }) as ArticleRecord | undefined;
  return row ?? null;
}

export function insertReceipt(
  db: Db,
  r: { id: string; seriesCode: string; currency: string; now: string },
): void {
  db.prepare(
    `INSERT INTO receipts (id, status, series_code, currency, created_at, updated_at)
     VALUES (?, 'draft', ?, ?, ?, ?)`,
  ).run(r.id, r.seriesCode, r.currency, r.now, r.now);
}

export function touchReceipt(db: Db, id: string, now: string): void {
  db.prepare(`UPDATE receipts SET updated_at = ? WHERE id = ?`).run(now, id);
}

export function insertRow(db: Db, receiptId: string, row: RowRecord): void {
  db.prepare(
    `INSERT INTO receipt_rows (id, receipt_id, line_no, article_id, code, name, unit, quantity_milli, unit_price_minor, vat_rate_bp)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(row.id, receiptId, row.lineNo, row.articleId, row.code, row.name, row.unit, row.quantityMilli, row.unitPriceMinor, row.vatRateBp);
}

export function updateRowQuantity(db: Db, rowId: string, quantityMilli: number): void {
  db.prepare(`UPDATE receipt_rows SET quantity_milli = ? WHERE id = ?`).run(quantityMilli, rowId);
}

export function deleteRow(db: Db, rowId: string): void {
  db.prepare(`DELETE FROM receipt_rows WHERE id = ?`).run(rowId);
}

export function deleteCashPayments(db: Db, receiptId: string): void {
  db.prepare(`DELETE FROM payments WHERE receipt_id = ? AND method = 'cash'`).run(receiptId);
}

export function insertPayment(db: Db, receiptId: string, p: PaymentRecord, now: string): void {
  db.prepare(
    `INSERT INTO payments (id, receipt_id, method, amount_minor, tendered_minor, change_minor, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.id, receiptId, p.method, p.amountMinor, p.tenderedMinor, p.changeMinor, now);
}

/** Takes the next number of a series and advances it; call inside the confirming transaction. */
export function takeNextNumber(db: Db, seriesCode: string): number {
  const row = db.prepare(`SELECT next_number AS n FROM number_series WHERE code = ?`).get(seriesCode) as
    | { n: number }
    | undefined;
  if (!row) throw new Error(`number series ${seriesCode} does not exist`);
  db.prepare(`UPDATE number_series SET next_number = next_number + 1 WHERE code = ?`).run(seriesCode);
  return row.n;
}

export function markConfirmed(
  db: Db,
  r: { id: string; number: number; confirmedAt: string; totalMinor: number },
): void {
  db.prepare(
    `UPDATE receipts SET status = 'confirmed', number = ?, confirmed_at = ?, updated_at = ?, total_minor = ? WHERE id = ?`,
  ).run(r.number, r.confirmedAt, r.confirmedAt, r.totalMinor, r.id);
}
