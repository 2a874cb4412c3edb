import type { Db } from './open.js';

/**
 * A day's sales and goods written off, summed for the ledger's daily sheets, from the documents'
 * frozen facts. Documents already queued for the ledger one by one (the shape was "each receipt"
 * when they were confirmed) are left out, so switching the shape mid-day sends nothing twice.
 */
const NOT_SENT_ALONE = (types: string) =>
  `NOT EXISTS (SELECT 1 FROM outbox o WHERE o.lane = 'ledger' AND o.document_id = r.id AND json_extract(o.payload, '$.type') IN (${types}))`;

/** An article's barcode (its first), for ledgers that match goods by barcode; '' when it has none. */
const BARCODE = `coalesce((SELECT min(b.barcode) FROM article_barcodes b WHERE b.article_id = rr.article_id), '')`;

const DAY_SALES = `r.day_id = @dayId AND r.status = 'confirmed' AND r.doc_type IN ('receipt', 'credit_note') AND ${NOT_SENT_ALONE(`'sale', 'credit_note'`)}`;

export interface DaySalesFacts {
  sales: number;
  creditNotes: number;
  vat: { rateBp: number; netMinor: number; vatMinor: number; grossMinor: number }[];
  tenders: { method: string; amountMinor: number }[];
  roundingMinor: number;
  /** The rounding account the documents were confirmed with (null: none rounded). */
  roundingAccount: string | null;
  /** The latest confirm among them: the sheet's date (a close after midnight does not move the day's sales to the next day). */
  lastConfirmedAt: string | null;
  /** Per article, sales and returns apart: a sold-and-returned article at another price would otherwise net to a sum without a quantity. */
  lines: { code: string; barcode: string; name: string; unit: string; vatRateBp: number; quantityMilli: number; sumMinor: number; discountMinor: number }[];
}

export function daySalesFacts(db: Db, dayId: string): DaySalesFacts {
  const counts = db
    .prepare(
      `SELECT sum(r.doc_type = 'receipt') AS sales, sum(r.doc_type = 'credit_note') AS creditNotes,
              coalesce(sum(r.rounding_minor), 0) AS roundingMinor, max(CASE WHEN r.rounding_minor <> 0 THEN r.rounding_account END) AS roundingAccount,
              max(r.confirmed_at) AS lastConfirmedAt
         FROM receipts r WHERE ${DAY_SALES}`,
    )
    .get({ dayId }) as { sales: number | null; creditNotes: number | null; roundingMinor: number; roundingAccount: string | null; lastConfirmedAt: string | null };
  const vat = db
    .prepare(
      `SELECT v.rate_bp AS rateBp, sum(v.net_minor) AS netMinor, sum(v.vat_minor) AS vatMinor, sum(v.gross_minor) AS grossMinor
         FROM document_vat_lines v JOIN receipts r ON r.id = v.document_id WHERE ${DAY_SALES} GROUP BY v.rate_bp ORDER BY v.rate_bp DESC`,
    )
    .all({ dayId }) as DaySalesFacts['vat'];
  const tenders = db
    .prepare(
      `SELECT t.method, sum(t.amount_minor) AS amountMinor FROM document_tenders t JOIN receipts r ON r.id = t.document_id
        WHERE ${DAY_SALES} GROUP BY t.method ORDER BY t.method`,
    )
    .all({ dayId }) as DaySalesFacts['tenders'];
  const lines = db
    .prepare(
      `SELECT rr.code, ${BARCODE} AS barcode, rr.name, rr.unit, rr.vat_rate_bp AS vatRateBp, sum(rr.quantity_milli) AS quantityMilli,
              sum(rr.sum_minor) AS sumMinor, sum(coalesce(rr.discount_minor, 0)) AS discountMinor
         FROM receipt_rows rr JOIN receipts r ON r.id = rr.receipt_id WHERE ${DAY_SALES}
        GROUP BY rr.code, rr.article_id, rr.name, rr.unit, rr.vat_rate_bp, rr.quantity_milli > 0
        ORDER BY rr.code, rr.vat_rate_bp, rr.quantity_milli < 0`,
    )
    .all({ dayId }) as DaySalesFacts['lines'];
  return { ...counts, sales: counts.sales ?? 0, creditNotes: counts.creditNotes ?? 0, vat, tenders, lines };
}

/** Goods that came back damaged on the day's credit notes (positive: out of the warehouse), per warehouse and article. */
export function dayWriteOffs(db: Db, dayId: string): { warehouse: string; code: string; barcode: string; name: string; unit: string; vatRateBp: number; quantityMilli: number }[] {
  return db
    .prepare(
      `SELECT coalesce(r.warehouse_code, '') AS warehouse, rr.code, ${BARCODE} AS barcode, rr.name, rr.unit, rr.vat_rate_bp AS vatRateBp, -sum(rr.quantity_milli) AS quantityMilli
         FROM receipt_rows rr JOIN receipts r ON r.id = rr.receipt_id
        WHERE r.day_id = @dayId AND r.status = 'confirmed' AND r.doc_type = 'credit_note' AND rr.stock_action = 'write_off' AND ${NOT_SENT_ALONE(`'write_off'`)}
        GROUP BY r.warehouse_code, rr.code, rr.article_id, rr.name, rr.unit, rr.vat_rate_bp ORDER BY r.warehouse_code, rr.code`,
    )
    .all({ dayId }) as { warehouse: string; code: string; barcode: string; name: string; unit: string; vatRateBp: number; quantityMilli: number }[];
}

/** Articles' barcodes (the first of each), for ledgers that match goods by barcode. */
export function barcodesOf(db: Db, articleIds: readonly string[]): Map<string, string> {
  const one = db.prepare(`SELECT min(barcode) AS barcode FROM article_barcodes WHERE article_id = ?`);
  return new Map(articleIds.map((id) => [id, (one.get(id) as { barcode: string | null } | undefined)?.barcode ?? '']));
}
