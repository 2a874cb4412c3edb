import type { Db } from './open.js';
import type { DayFigures } from '../domain/day-close.js';

/** The till's days, their cash movements and what their documents add up to. */

export interface DayRecord {
  id: string;
  till: string;
  openedAt: string;
  openingFloatMinor: number;
  closedAt: string | null;
  zNumber: number | null;
  expectedMinor: number | null;
  countedMinor: number | null;
  differenceMinor: number | null;
  remainsMinor: number | null;
  differenceReason: string;
  report: string | null;
  /** The Z report's paper as the close made it (null: closed before papers were kept). */
  paper: string | null;
}

const COLUMNS = `id, till, opened_at AS openedAt, opening_float_minor AS openingFloatMinor, closed_at AS closedAt, z_number AS zNumber,
  expected_minor AS expectedMinor, counted_minor AS countedMinor, difference_minor AS differenceMinor, remains_minor AS remainsMinor,
  difference_reason AS differenceReason, report, paper`;

export function openDay(db: Db, till: string): DayRecord | null {
  return (db.prepare(`SELECT ${COLUMNS} FROM days WHERE till = ? AND closed_at IS NULL`).get(till) as DayRecord | undefined) ?? null;
}

export function lastClosedDay(db: Db, till: string): DayRecord | null {
  return (db.prepare(`SELECT ${COLUMNS} FROM days WHERE till = ? AND closed_at IS NOT NULL ORDER BY z_number DESC LIMIT 1`).get(till) as DayRecord | undefined) ?? null;
}

export function closedDays(db: Db, till: string, limit = 100): DayRecord[] {
  return db.prepare(`SELECT ${COLUMNS} FROM days WHERE till = ? AND closed_at IS NOT NULL ORDER BY z_number DESC LIMIT ?`).all(till, limit) as DayRecord[];
}

export function closedDayByZ(db: Db, till: string, zNumber: number): DayRecord | null {
  return (db.prepare(`SELECT ${COLUMNS} FROM days WHERE till = ? AND z_number = ?`).get(till, zNumber) as DayRecord | undefined) ?? null;
}

export function insertDay(db: Db, d: { id: string; till: string; openedAt: string; openingFloatMinor: number }): void {
  db.prepare(`INSERT INTO days (id, till, opened_at, opening_float_minor) VALUES (?, ?, ?, ?)`).run(d.id, d.till, d.openedAt, d.openingFloatMinor);
}

/** The next Z number of a till; call inside the closing transaction. */
export function nextZNumber(db: Db, till: string): number {
  return (db.prepare(`SELECT coalesce(max(z_number), 0) + 1 AS n FROM days WHERE till = ?`).get(till) as { n: number }).n;
}

export function markClosed(
  db: Db,
  c: {
    id: string;
    closedAt: string;
    zNumber: number;
    expectedMinor: number;
    countedMinor: number;
    differenceMinor: number;
    remainsMinor: number;
    reason: string;
    report: string;
    paper: string;
  },
): void {
  db.prepare(
    `UPDATE days SET closed_at = @closedAt, z_number = @zNumber, expected_minor = @expectedMinor, counted_minor = @countedMinor,
            difference_minor = @differenceMinor, remains_minor = @remainsMinor, difference_reason = @reason, report = @report,
            paper = @paper
      WHERE id = @id AND closed_at IS NULL`,
  ).run(c);
}

/**
 * The next number of a cash movement made during the day (cash in, cash out), gapless: ledgers
 * that number documents with integers (Directo) or by series and number (B1.lt) take it as its
 * identity. The close's own movements are numbered by their Z report instead.
 */
export function nextMovementNumber(db: Db): string {
  const n = (db.prepare(`SELECT count(*) AS n FROM cash_movements WHERE number IS NOT NULL`).get() as { n: number }).n;
  return `M${String(n + 1).padStart(6, '0')}`;
}

export function insertMovement(
  db: Db,
  m: { id: string; dayId: string; kind: 'cash_in' | 'cash_out' | 'difference'; direction: string; amountMinor: number; comment: string; now: string; cashier: string; number?: string },
): void {
  db.prepare(
    `INSERT INTO cash_movements (id, day_id, kind, direction, amount_minor, comment, created_at, cashier, number)
     VALUES (@id, @dayId, @kind, @direction, @amountMinor, @comment, @now, @cashier, @number)`,
  ).run({ ...m, number: m.number ?? null });
}

/**
 * What the day's documents add up to, summed in SQL from their frozen facts (one pass per table).
 * Each pass reads indexes only (migration 0010): the day's documents from the receipts index, then
 * each document's VAT lines, tenders and row discounts from indexes holding the figures summed.
 */
export function documentFigures(db: Db, dayId: string): Omit<DayFigures, 'movements' | 'drawerOpenings' | 'cashiers'> {
  // Summed first, then joined to the few series: a join inside would be a lookup per document.
  // Series are ordered by when their first document of the day was confirmed; numbers are taken
  // one by one in the confirming transactions, so that is the one with the lowest number — read
  // through the series' number index, where min(confirmed_at) would read every document's row.
  const perSeries = db
    .prepare(
      `SELECT g.type, s.prefix, g.count, g.first, g.last, g.totalMinor, g.roundingMinor
         FROM (SELECT r.doc_type AS type, r.series_code AS series, count(*) AS count, min(r.number) AS first, max(r.number) AS last,
                      sum(r.total_minor) AS totalMinor, sum(r.rounding_minor) AS roundingMinor
                 FROM receipts r
                WHERE r.day_id = ? AND r.status = 'confirmed' AND r.doc_type IN ('receipt', 'credit_note')
                GROUP BY r.doc_type, r.series_code) g
         JOIN number_series s ON s.code = g.series
         JOIN receipts f ON f.series_code = g.series AND f.number = g.first
        ORDER BY f.confirmed_at, g.type, g.series`,
    )
    .all(dayId) as { type: 'receipt' | 'credit_note'; prefix: string; count: number; first: number; last: number; totalMinor: number; roundingMinor: number }[];
  const number = (prefix: string, n: number) => `${prefix}${String(n).padStart(6, '0')}`;
  const documents: DayFigures['documents'] = (['receipt', 'credit_note'] as const).flatMap((type) => {
    const of = perSeries.filter((p) => p.type === type);
    const [first] = of;
    const last = of.at(-1);
    if (!first || !last) return [];
    return [
      {
        type,
        count: of.reduce((n, p) => n + p.count, 0),
        first: number(first.prefix, first.first),
        last: number(last.prefix, last.last),
        totalMinor: of.reduce((n, p) => n + p.totalMinor, 0),
        roundingMinor: of.reduce((n, p) => n + p.roundingMinor, 0),
      },
    ];
  });
  const vat = db
    .prepare(
      `SELECT v.rate_bp AS rateBp, sum(v.net_minor) AS netMinor, sum(v.vat_minor) AS vatMinor, sum(v.gross_minor) AS grossMinor
         FROM receipts r JOIN document_vat_lines v ON v.document_id = r.id
        WHERE r.day_id = ? AND r.status = 'confirmed' GROUP BY v.rate_bp ORDER BY v.rate_bp DESC`,
    )
    .all(dayId) as DayFigures['vat'];
  const tenders = db
    .prepare(
      `SELECT t.method, sum(t.amount_minor) AS amountMinor FROM receipts r JOIN document_tenders t ON t.document_id = r.id
        WHERE r.day_id = ? AND r.status = 'confirmed'
        GROUP BY t.method ORDER BY CASE t.method WHEN 'cash' THEN 1 WHEN 'card' THEN 2 WHEN 'transfer' THEN 3 ELSE 4 END`,
    )
    .all(dayId) as DayFigures['tenders'];
  const discount = db
    .prepare(
      `SELECT coalesce(sum(rr.discount_minor), 0) AS n FROM receipts r JOIN receipt_rows rr ON rr.receipt_id = r.id
        WHERE r.day_id = ? AND r.status = 'confirmed'`,
    )
    .get(dayId) as { n: number };
  return { documents, vat, tenders, discountMinor: discount.n };
}

/** The day's cash movements by kind, and the drawer opened without a sale while it was open. */
export function movementFigures(db: Db, day: { id: string; openedAt: string; closedAt: string | null }): Pick<DayFigures, 'movements' | 'drawerOpenings'> {
  const movements = db
    .prepare(`SELECT kind, sum(amount_minor) AS amountMinor FROM cash_movements WHERE day_id = ? GROUP BY kind`)
    .all(day.id) as DayFigures['movements'];
  const drawer = db
    .prepare(`SELECT count(*) AS n FROM device_log WHERE device = 'drawer' AND event = 'drawer.open' AND at >= ? AND (? IS NULL OR at <= ?)`)
    .get(day.openedAt, day.closedAt, day.closedAt) as { n: number };
  return { movements, drawerOpenings: drawer.n };
}

/** Unconfirmed receipts that took or paid out money: a close waits for them. */
export function draftsWithPayments(db: Db): number {
  return (db.prepare(`SELECT count(DISTINCT r.id) AS n FROM receipts r JOIN payments p ON p.receipt_id = r.id WHERE r.status = 'draft'`).get() as { n: number }).n;
}

/** Assigns a document being confirmed to the open day and to the cashier confirming it. */
export function setDay(db: Db, receiptId: string, dayId: string, cashier: string): void {
  db.prepare(`UPDATE receipts SET day_id = ?, cashier = ? WHERE id = ? AND status = 'draft'`).run(dayId, cashier, receiptId);
}
