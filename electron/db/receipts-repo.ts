import type { Db } from './open.js';
import type { PaymentMethod, Unit, ZeroPricePolicy } from '../contract/api.js';
import { readCardSlips, type CardSlip } from '../domain/card-slips.js';
import type { DocumentType } from '../domain/document.js';

/** Rows as stored; mapped to camelCase here so nothing above the repository sees SQL shapes. */
export interface ReceiptHeader {
  customerId: string | null;
  customerName: string;
  address: string;
  vatNo: string;
  email: string;
  priceFormulaCode: string | null;
  objectCode: string | null;
  warehouseCode: string | null;
}

export interface ReceiptRecord extends ReceiptHeader {
  id: string;
  docType: DocumentType;
  status: 'draft' | 'confirmed';
  seriesCode: string;
  seriesPrefix: string;
  number: number | null;
  currency: string;
  createdAt: string;
  confirmedAt: string | null;
  customerCode: string | null;
  creditOf: string | null;
  dirty: boolean;
  savedAt: string | null;
  savedSnapshot: string | null;
  printedAt: string | null;
  /** Frozen at confirm; null on a draft (its numbers are computed live). */
  totalMinor: number | null;
  roundingMinor: number | null;
  payableMinor: number | null;
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
  discountBp: number;
  vatRateBp: number;
  serialNo: string;
  salespersonCode: string | null;
  /** 1: the price was typed by hand or came from a scale's price label; a customer pick keeps it. */
  priceLocked?: 0 | 1;
  /** Frozen at confirm (null on a draft): the row's sum and what its discount took off. */
  sumMinor?: number | null;
  discountMinor?: number | null;
  /** A credit note's row: the sold row it returns, and where its goods go. */
  creditOfRow?: string | null;
  stockAction?: 'back' | 'write_off' | null;
  /** Not stored: the sum a credit note's last return of a part-returned row takes (see domain/returns.ts). */
  fixedSumMinor?: number | null;
}

/** What a row shows from its article today: picture, stock and zero-price override. */
export interface RowArticleFacts {
  imageUrl: string | null;
  stockMilli: number | null;
  zeroPricePolicy: ZeroPricePolicy | null;
}

export interface PaymentRecord {
  id: string;
  method: PaymentMethod;
  amountMinor: number;
  tenderedMinor: number;
  changeMinor: number;
  roundingMinor: number;
  reference: string | null;
  /** Card: the terminal's receipt number (a reversal names the payment by it) and its slips (one per copy). */
  receiptNo?: string | null;
  slip?: CardSlip[] | null;
  createdAt?: string;
  /** A refund by bank transfer: to whom and where. */
  payeeName?: string | null;
  payeeIban?: string | null;
  payeeComment?: string | null;
  /** A credit note's card refund: the original card payment the terminal cancelled. */
  cancelsPayment?: string | null;
}

export interface ArticleRecord {
  id: string;
  code: string;
  name: string;
  unit: Unit;
  priceMinor: number;
  vatRateBp: number;
}

const ROW_COLUMNS = `id, line_no AS lineNo, article_id AS articleId, code, name, unit, quantity_milli AS quantityMilli,
  unit_price_minor AS unitPriceMinor, discount_bp AS discountBp, vat_rate_bp AS vatRateBp, serial_no AS serialNo,
  salesperson_code AS salespersonCode, price_locked AS priceLocked, sum_minor AS sumMinor, discount_minor AS discountMinor,
  credit_of_row AS creditOfRow, stock_action AS stockAction`;
const PAYMENT_COLUMNS = `id, method, amount_minor AS amountMinor, tendered_minor AS tenderedMinor, change_minor AS changeMinor,
  rounding_minor AS roundingMinor, reference, receipt_no AS receiptNo, slip, created_at AS createdAt,
  payee_name AS payeeName, payee_iban AS payeeIban, payee_comment AS payeeComment, cancels_payment AS cancelsPayment`;

export function findReceipt(db: Db, id: string): ReceiptRecord | null {
  const head = db
    .prepare(
      `SELECT r.id, r.doc_type AS docType, r.status, r.series_code AS seriesCode, s.prefix AS seriesPrefix, r.number, r.currency,
              r.created_at AS createdAt, r.confirmed_at AS confirmedAt, r.customer_id AS customerId, c.code AS customerCode,
              r.customer_name AS customerName, r.address, r.vat_no AS vatNo, r.email, r.price_formula_code AS priceFormulaCode,
              r.object_code AS objectCode, r.warehouse_code AS warehouseCode, r.credit_of AS creditOf, r.dirty,
              r.saved_at AS savedAt, r.saved_snapshot AS savedSnapshot, r.printed_at AS printedAt,
              r.total_minor AS totalMinor, r.rounding_minor AS roundingMinor, r.payable_minor AS payableMinor
         FROM receipts r JOIN number_series s ON s.code = r.series_code LEFT JOIN customers c ON c.id = r.customer_id
        WHERE r.id = ?`,
    )
    .get(id) as (Omit<ReceiptRecord, 'rows' | 'payments' | 'dirty'> & { dirty: number }) | undefined;
  if (!head) return null;
  const rows = db.prepare(`SELECT ${ROW_COLUMNS} FROM receipt_rows WHERE receipt_id = ? ORDER BY line_no`).all(id) as RowRecord[];
  const payments = db
    .prepare(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE receipt_id = ? ORDER BY created_at, rowid`)
    .all(id) as (Omit<PaymentRecord, 'slip'> & { slip: string | null })[];
  return {
    ...head,
    dirty: head.dirty === 1,
    rows,
    payments: payments.map((p) => ({ ...p, slip: p.slip === null ? null : readCardSlips(JSON.parse(p.slip)) })),
  };
}

export function rowArticleFacts(db: Db, articleId: string, warehouseCode: string): RowArticleFacts {
  const row = db
    .prepare(
      `SELECT a.image_url AS imageUrl, a.zero_price_policy AS zeroPricePolicy,
              (SELECT quantity_milli FROM stock WHERE article_id = a.id AND warehouse_code = ?) AS stockMilli
         FROM articles a WHERE a.id = ?`,
    )
    .get(warehouseCode, articleId) as RowArticleFacts | undefined;
  return row ?? { imageUrl: null, stockMilli: null, zeroPricePolicy: null };
}

export function newestDraftId(db: Db): string | null {
  const row = db
    .prepare(`SELECT id FROM receipts WHERE status = 'draft' ORDER BY created_at DESC, rowid DESC LIMIT 1`)
    .get() as { id: string } | undefined;
  return row?.id ?? null;
}

export function openDraftIds(db: Db, limit = 100): string[] {
  return (
    db.prepare(`SELECT id FROM receipts WHERE status = 'draft' ORDER BY created_at DESC, rowid DESC LIMIT ?`).all(limit) as {
      id: string;
    }[]
  ).map((r) => r.id);
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

/**
 * An active article by the item code of a scale label (its PLU): the article code equal to the
 * digits as printed, else to the digits without leading zeros — a 5-digit PLU field prints article
 * 1301 as 01301. Never matches by barcode: the label's item code is not one.
 */
export function findArticleByItemCode(db: Db, itemCode: string): ArticleRecord | null {
  const short = itemCode.replace(/^0+/, '');
  const row = db
    .prepare(
      `SELECT id, code, name, unit, price_minor AS priceMinor, vat_rate_bp AS vatRateBp
         FROM articles
        WHERE active = 1 AND (code = @itemCode OR (@short <> '' AND code = @short))
        ORDER BY code = @itemCode DESC
        LIMIT 1`,
    )
    .get({ itemCode, short }) as ArticleRecord | undefined;
  return row ?? null;
}

export function findArticle(db: Db, id: string): ArticleRecord | null {
  const row = db
    .prepare(`SELECT id, code, name, unit, price_minor AS priceMinor, vat_rate_bp AS vatRateBp FROM articles WHERE id = ?`)
    .get(id) as ArticleRecord | undefined;
  return row ?? null;
}

export function insertReceipt(
  db: Db,
  r: { id: string; docType?: DocumentType; seriesCode: string; currency: string; warehouseCode: string; now: string },
): void {
  db.prepare(
    `INSERT INTO receipts (id, doc_type, status, series_code, currency, warehouse_code, created_at, updated_at)
     VALUES (?, ?, 'draft', ?, ?, ?, ?, ?)`,
  ).run(r.id, r.docType ?? 'receipt', r.seriesCode, r.currency, r.warehouseCode, r.now, r.now);
}

/** Something changed since the last save: the status becomes Modified. */
export function markDirty(db: Db, id: string, now: string): void {
  db.prepare(`UPDATE receipts SET updated_at = ?, dirty = 1 WHERE id = ?`).run(now, id);
}

export function markSaved(db: Db, id: string, snapshot: string, now: string): void {
  db.prepare(`UPDATE receipts SET updated_at = ?, dirty = 0, saved_at = ?, saved_snapshot = ? WHERE id = ?`).run(
    now,
    now,
    snapshot,
    id,
  );
}

export function markPrinted(db: Db, id: string, now: string): void {
  db.prepare(`UPDATE receipts SET printed_at = ? WHERE id = ?`).run(now, id);
}

export function setSeries(db: Db, id: string, seriesCode: string): void {
  db.prepare(`UPDATE receipts SET series_code = ? WHERE id = ?`).run(seriesCode, id);
}

export function updateHeader(db: Db, id: string, h: ReceiptHeader): void {
  db.prepare(
    `UPDATE receipts SET customer_id = @customerId, customer_name = @customerName, address = @address, vat_no = @vatNo,
            email = @email, price_formula_code = @priceFormulaCode, object_code = @objectCode, warehouse_code = @warehouseCode
      WHERE id = @id`,
  ).run({ ...h, id });
}

export function insertRow(db: Db, receiptId: string, row: RowRecord): void {
  db.prepare(
    `INSERT INTO receipt_rows (id, receipt_id, line_no, article_id, code, name, unit, quantity_milli, unit_price_minor,
                               discount_bp, vat_rate_bp, serial_no, salesperson_code, price_locked, credit_of_row, stock_action)
     VALUES (@id, @receiptId, @lineNo, @articleId, @code, @name, @unit, @quantityMilli, @unitPriceMinor,
             @discountBp, @vatRateBp, @serialNo, @salespersonCode, @priceLocked, @creditOfRow, @stockAction)`,
  ).run({ ...row, receiptId, priceLocked: row.priceLocked ?? 0, creditOfRow: row.creditOfRow ?? null, stockAction: row.stockAction ?? null });
}

export function updateRow(db: Db, row: RowRecord): void {
  db.prepare(
    `UPDATE receipt_rows SET name = @name, quantity_milli = @quantityMilli, unit_price_minor = @unitPriceMinor,
            discount_bp = @discountBp, serial_no = @serialNo, salesperson_code = @salespersonCode, price_locked = @priceLocked,
            stock_action = @stockAction
      WHERE id = @id`,
  ).run({ ...row, priceLocked: row.priceLocked ?? 0, stockAction: row.stockAction ?? null });
}

export function deleteRow(db: Db, rowId: string): void {
  db.prepare(`DELETE FROM receipt_rows WHERE id = ?`).run(rowId);
}

/** Numbers a draft's rows 1, 2, 3… again in their order (after a row was removed). */
export function renumberRows(db: Db, receiptId: string): void {
  const rows = db.prepare(`SELECT id, line_no AS lineNo FROM receipt_rows WHERE receipt_id = ? ORDER BY line_no`).all(receiptId) as {
    id: string;
    lineNo: number;
  }[];
  // Ascending, each row moves down into a number already free: (receipt_id, line_no) stays unique.
  const move = db.prepare(`UPDATE receipt_rows SET line_no = ? WHERE id = ?`);
  rows.forEach((row, i) => {
    if (row.lineNo !== i + 1) move.run(i + 1, row.id);
  });
}

export function deleteRows(db: Db, receiptId: string): void {
  db.prepare(`DELETE FROM receipt_rows WHERE receipt_id = ?`).run(receiptId);
}

export function deleteCashPayments(db: Db, receiptId: string): number {
  return db.prepare(`DELETE FROM payments WHERE receipt_id = ? AND method = 'cash'`).run(receiptId).changes;
}

export function deletePayments(db: Db, receiptId: string): void {
  db.prepare(`DELETE FROM payments WHERE receipt_id = ?`).run(receiptId);
}

/** The card payment a terminal request recorded, if any. */
export function paymentOfTerminalRequest(db: Db, requestId: string): { id: string; receiptId: string } | null {
  return (
    (db.prepare(`SELECT id, receipt_id AS receiptId FROM payments WHERE terminal_request_id = ?`).get(requestId) as
      | { id: string; receiptId: string }
      | undefined) ?? null
  );
}

export function deletePayment(db: Db, paymentId: string): void {
  db.prepare(`DELETE FROM payments WHERE id = ?`).run(paymentId);
}

export function deleteReceipt(db: Db, id: string): void {
  db.prepare(`DELETE FROM receipt_rows WHERE receipt_id = ?`).run(id);
  db.prepare(`DELETE FROM payments WHERE receipt_id = ?`).run(id);
  db.prepare(`UPDATE terminal_requests SET receipt_id = NULL WHERE receipt_id = ?`).run(id);
  // Pro-forma printouts of a draft are not fiscal documents: they go with it.
  db.prepare(`DELETE FROM outbox WHERE document_id = ?`).run(id);
  db.prepare(`DELETE FROM receipts WHERE id = ?`).run(id);
}

export function insertPayment(
  db: Db,
  receiptId: string,
  p: PaymentRecord & { terminalRequestId?: string | null },
  now: string,
): void {
  db.prepare(
    `INSERT INTO payments (id, receipt_id, method, amount_minor, tendered_minor, change_minor, rounding_minor, reference,
                           terminal_request_id, receipt_no, slip, created_at, payee_name, payee_iban, payee_comment, cancels_payment)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    p.id,
    receiptId,
    p.method,
    p.amountMinor,
    p.tenderedMinor,
    p.changeMinor,
    p.roundingMinor,
    p.reference,
    p.terminalRequestId ?? null,
    p.receiptNo ?? null,
    p.slip ? JSON.stringify(p.slip) : null,
    // A payment restored by Leave keeps its original time (same-day reversal depends on it).
    p.createdAt ?? now,
    p.payeeName ?? null,
    p.payeeIban ?? null,
    p.payeeComment ?? null,
    p.cancelsPayment ?? null,
  );
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
  r: {
    id: string;
    number: number;
    confirmedAt: string;
    totalMinor: number;
    roundingMinor: number;
    payableMinor: number;
    roundingAccount: string;
  },
): void {
  db.prepare(
    `UPDATE receipts SET status = 'confirmed', number = ?, confirmed_at = ?, updated_at = ?, total_minor = ?, rounding_minor = ?,
            payable_minor = ?, rounding_account = ?, dirty = 0, saved_snapshot = NULL
      WHERE id = ? AND status = 'draft'`,
  ).run(r.number, r.confirmedAt, r.confirmedAt, r.totalMinor, r.roundingMinor, r.payableMinor, r.roundingAccount, r.id);
}

/** A confirmed sale takes its rows out of the warehouse's stock (articles whose stock is kept). */
export function takeFromStock(db: Db, warehouseCode: string, rows: readonly { articleId: string; quantityMilli: number }[]): void {
  const update = db.prepare(`UPDATE stock SET quantity_milli = quantity_milli - ? WHERE warehouse_code = ? AND article_id = ?`);
  for (const row of rows) update.run(row.quantityMilli, warehouseCode, row.articleId);
}
