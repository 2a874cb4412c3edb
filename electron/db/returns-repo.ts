import type { Db } from './open.js';
import type { SoldRow } from '../domain/returns.js';

/** What credit notes need of the database: sold rows with what came back, the links, the registers. */

/** The original's rows with what confirmed credit notes (other than `exceptId`) returned of each. */
export function soldRows(db: Db, originalId: string, exceptId: string | null = null): SoldRow[] {
  return db
    .prepare(
      `SELECT r.id AS rowId, r.quantity_milli AS soldMilli, r.sum_minor AS soldSumMinor,
              coalesce((SELECT -sum(c.quantity_milli) FROM receipt_rows c JOIN receipts d ON d.id = c.receipt_id
                         WHERE c.credit_of_row = r.id AND d.status = 'confirmed' AND d.id IS NOT @exceptId), 0) AS returnedMilli,
              coalesce((SELECT -sum(c.sum_minor) FROM receipt_rows c JOIN receipts d ON d.id = c.receipt_id
                         WHERE c.credit_of_row = r.id AND d.status = 'confirmed' AND d.id IS NOT @exceptId), 0) AS returnedSumMinor
         FROM receipt_rows r WHERE r.receipt_id = @originalId ORDER BY r.line_no`,
    )
    .all({ originalId, exceptId }) as SoldRow[];
}

/** An unconfirmed credit note of this receipt, so Credit twice continues the same return. */
export function openCreditNoteOf(db: Db, originalId: string): string | null {
  const row = db
    .prepare(`SELECT id FROM receipts WHERE credit_of = ? AND status = 'draft' AND doc_type = 'credit_note' ORDER BY created_at DESC LIMIT 1`)
    .get(originalId) as { id: string } | undefined;
  return row?.id ?? null;
}

export function linkCreditNote(db: Db, creditNoteId: string, originalId: string): void {
  db.prepare(`UPDATE receipts SET credit_of = ? WHERE id = ?`).run(originalId, creditNoteId);
}

/** A prefix as typed matches the series' prefix without its separators, in any case ("ka" finds "KA-"). */
const PREFIX_MATCH = `upper(replace(replace(replace(s.prefix, '-', ''), ' ', ''), '/', '')) = upper(?)`;

/** A confirmed document by its printed number: the series' prefix (or, typed without one, its code) and the digits. */
export function confirmedIdByNumber(db: Db, series: { prefix: string } | { code: string }, number: number): string | null {
  const byPrefix = 'prefix' in series;
  const row = db
    .prepare(
      `SELECT r.id FROM receipts r JOIN number_series s ON s.code = r.series_code
        WHERE r.status = 'confirmed' AND ${byPrefix ? PREFIX_MATCH : 's.code = ?'} AND r.number = ?`,
    )
    .get(byPrefix ? series.prefix : series.code, number) as { id: string } | undefined;
  return row?.id ?? null;
}

/**
 * The original card payments a credit note cancelled on the terminal, or asked the terminal to
 * cancel (approved, or still in doubt): none of them may be cancelled again.
 */
export function cancelledPaymentIds(db: Db, paymentIds: readonly string[]): Set<string> {
  if (paymentIds.length === 0) return new Set();
  const list = paymentIds.map(() => '?').join(',');
  const rows = db
    .prepare(
      `SELECT cancels_payment AS id FROM payments WHERE cancels_payment IN (${list})
       UNION SELECT payment_id FROM terminal_requests
        WHERE kind = 'reversal' AND status IN ('approved', 'pending', 'unknown') AND payment_id IN (${list})`,
    )
    .all(...paymentIds, ...paymentIds) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

/**
 * Card money already given back for a sale, over all its credit notes (drafts too): cancelled or
 * refunded card payments, and cancellations or refunds the terminal was asked for whose answer is
 * not known yet. A card refund never goes beyond what the sale took by card minus this.
 */
export function cardGivenBack(db: Db, originalId: string): number {
  const row = db
    .prepare(
      `SELECT coalesce((SELECT -sum(p.amount_minor) FROM payments p JOIN receipts n ON n.id = p.receipt_id
                         WHERE n.credit_of = @originalId AND p.method = 'card' AND p.amount_minor < 0), 0)
            + coalesce((SELECT sum(t.amount_minor) FROM terminal_requests t JOIN receipts n ON n.id = t.receipt_id
                         WHERE n.credit_of = @originalId AND t.kind IN ('reversal', 'refund') AND t.status IN ('pending', 'unknown')), 0) AS n`,
    )
    .get({ originalId }) as { n: number };
  return row.n;
}

export interface FoundRow {
  id: string;
  docType: 'receipt' | 'credit_note';
  prefix: string;
  number: number;
  confirmedAt: string;
  customerName: string;
  totalMinor: number;
  match: string;
}

/**
 * Confirmed receipts and credit notes whose number, confirm day, total, customer or an article
 * (code or name) matches, newest first. `day` is YYYY-MM-DD in UTC bounds the caller computed for
 * the shop's time zone; `amountMinor` the total typed as money.
 */
export function searchConfirmed(
  db: Db,
  q: { text: string; amountMinor: number | null; dayFrom: string | null; dayTo: string | null; limit: number },
): FoundRow[] {
  const like = `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .prepare(
      `SELECT r.id, r.doc_type AS docType, s.prefix, r.number, r.confirmed_at AS confirmedAt, r.customer_name AS customerName,
              r.total_minor AS totalMinor,
              coalesce((SELECT rr.name FROM receipt_rows rr WHERE rr.receipt_id = r.id
                          AND (rr.name LIKE @like ESCAPE '\\' OR rr.code LIKE @like ESCAPE '\\') ORDER BY rr.line_no LIMIT 1), '') AS match
         FROM receipts r JOIN number_series s ON s.code = r.series_code
        WHERE r.status = 'confirmed' AND r.doc_type IN ('receipt', 'credit_note')
          AND (@text = ''
               OR (s.prefix || printf('%06d', r.number)) LIKE @like ESCAPE '\\'
               OR r.customer_name LIKE @like ESCAPE '\\'
               OR (@amount IS NOT NULL AND abs(r.total_minor) = @amount)
               OR (@dayFrom IS NOT NULL AND r.confirmed_at >= @dayFrom AND r.confirmed_at < @dayTo)
               OR EXISTS (SELECT 1 FROM receipt_rows rr WHERE rr.receipt_id = r.id
                           AND (rr.name LIKE @like ESCAPE '\\' OR rr.code LIKE @like ESCAPE '\\')))
        ORDER BY r.confirmed_at DESC, r.rowid DESC
        LIMIT @limit`,
    )
    .all({ text: q.text, like, amount: q.amountMinor, dayFrom: q.dayFrom, dayTo: q.dayTo, limit: q.limit }) as FoundRow[];
}

/** Goods that came back damaged: a write-off document of their own. */
export function insertWriteOff(
  db: Db,
  doc: { id: string; warehouseCode: string; sourceId: string; now: string; rows: { articleId: string; name: string; quantityMilli: number }[] },
): void {
  db.prepare(`INSERT INTO stock_documents (id, kind, warehouse_code, source_id, created_at) VALUES (?, 'write_off', ?, ?, ?)`).run(
    doc.id,
    doc.warehouseCode,
    doc.sourceId,
    doc.now,
  );
  const row = db.prepare(`INSERT INTO stock_document_rows (document_id, line_no, article_id, name, quantity_milli) VALUES (?, ?, ?, ?, ?)`);
  doc.rows.forEach((r, i) => row.run(doc.id, i + 1, r.articleId, r.name, r.quantityMilli));
}

export interface WriteOffRecord {
  id: string;
  warehouseCode: string;
  rows: { articleId: string; name: string; quantityMilli: number }[];
}

export function writeOffsOf(db: Db, sourceId: string): WriteOffRecord[] {
  const docs = db
    .prepare(`SELECT id, warehouse_code AS warehouseCode FROM stock_documents WHERE source_id = ? AND kind = 'write_off' ORDER BY rowid`)
    .all(sourceId) as { id: string; warehouseCode: string }[];
  const rows = db.prepare(
    `SELECT article_id AS articleId, name, quantity_milli AS quantityMilli FROM stock_document_rows WHERE document_id = ? ORDER BY line_no`,
  );
  return docs.map((d) => ({ ...d, rows: rows.all(d.id) as WriteOffRecord['rows'] }));
}

export interface ReturnsRegisterLine {
  creditNoteId: string;
  lineNo: number;
  saleDocument: string;
  saleDate: string;
  returnDate: string;
  goods: string;
  quantityMilli: number;
  grossMinor: number;
  vatRateBp: number;
  vatMinor: number;
  protocol: string;
}

export function insertReturnsRegister(db: Db, lines: readonly ReturnsRegisterLine[]): void {
  const insert = db.prepare(
    `INSERT INTO returns_register (credit_note_id, line_no, sale_document, sale_date, return_date, goods, quantity_milli,
                                   gross_minor, vat_rate_bp, vat_minor, protocol)
     VALUES (@creditNoteId, @lineNo, @saleDocument, @saleDate, @returnDate, @goods, @quantityMilli, @grossMinor, @vatRateBp, @vatMinor, @protocol)`,
  );
  for (const line of lines) insert.run(line);
}

export function returnsRegister(db: Db): ReturnsRegisterLine[] {
  return db
    .prepare(
      `SELECT credit_note_id AS creditNoteId, line_no AS lineNo, sale_document AS saleDocument, sale_date AS saleDate,
              return_date AS returnDate, goods, quantity_milli AS quantityMilli, gross_minor AS grossMinor, vat_rate_bp AS vatRateBp,
              vat_minor AS vatMinor, protocol
         FROM returns_register ORDER BY rowid`,
    )
    .all() as ReturnsRegisterLine[];
}
