import type { Db } from './open.js';

/**
 * A day's sales for the owner's charts, summed in SQL from the frozen facts of its confirmed
 * documents (their totals, their tenders per method) — never recomputed from their rows, so the
 * charts add up to exactly what the X and Z reports say.
 */

/** What one type of document confirmed in one quarter of an hour (UTC) adds up to. */
export interface QuarterSums {
  /** The quarter's start, e.g. "2026-11-22T10:45:00Z". */
  quarter: string;
  type: 'receipt' | 'credit_note';
  documents: number;
  totalMinor: number;
}

/**
 * Per quarter of an hour rather than per hour: every time zone is a whole number of quarter hours
 * away from UTC (+05:45 and +08:45 exist), so each quarter falls into exactly one hour of the
 * shop's clock, whatever its zone — which the use case decides, SQLite knowing no time zones.
 */
export function salesByQuarter(db: Db, dayId: string): QuarterSums[] {
  return db
    .prepare(
      `SELECT strftime('%Y-%m-%dT%H:', r.confirmed_at) || printf('%02d', CAST(strftime('%M', r.confirmed_at) AS INTEGER) / 15 * 15) || ':00Z' AS quarter,
              r.doc_type AS type, count(*) AS documents, sum(r.total_minor) AS totalMinor
         FROM receipts r
        WHERE r.day_id = ? AND r.status = 'confirmed' AND r.doc_type IN ('receipt', 'credit_note')
        GROUP BY quarter, r.doc_type ORDER BY quarter`,
    )
    .all(dayId) as QuarterSums[];
}

/** What the day's documents took (receipts) and paid back (credit notes: negative) per payment method. */
export interface MethodSums {
  method: 'cash' | 'card' | 'transfer' | 'prepayment';
  type: string;
  amountMinor: number;
}

/** The same documents as the reports' payments per method (every confirmed document of the day), split by type. */
export function tendersByMethod(db: Db, dayId: string): MethodSums[] {
  return db
    .prepare(
      `SELECT t.method, r.doc_type AS type, sum(t.amount_minor) AS amountMinor
         FROM receipts r JOIN document_tenders t ON t.document_id = r.id
        WHERE r.day_id = ? AND r.status = 'confirmed'
        GROUP BY t.method, r.doc_type
        ORDER BY CASE t.method WHEN 'cash' THEN 1 WHEN 'card' THEN 2 WHEN 'transfer' THEN 3 ELSE 4 END, r.doc_type`,
    )
    .all(dayId) as MethodSums[];
}
