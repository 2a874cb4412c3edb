import type { Db } from './open.js';
import type { CardSlip } from '../domain/card-slips.js';

export type TerminalRequestKind = 'payment' | 'reversal' | 'refund';
export type TerminalRequestStatus = 'pending' | 'approved' | 'declined' | 'unknown';

export interface TerminalRequestRecord {
  id: string;
  receiptId: string | null;
  kind: TerminalRequestKind;
  amountMinor: number;
  status: TerminalRequestStatus;
  reference: string | null;
  receiptNo: string | null;
  paymentId: string | null;
  orphaned: number;
  createdAt: string;
}

const COLUMNS = `id, receipt_id AS receiptId, kind, amount_minor AS amountMinor, status, reference, receipt_no AS receiptNo,
  payment_id AS paymentId, orphaned, created_at AS createdAt`;

/** The card-terminal journal: a request is written before the terminal is asked. */
export function insertTerminalRequest(
  db: Db,
  r: { id: string; receiptId: string | null; kind: TerminalRequestKind; amountMinor: number; now: string; paymentId?: string | null },
): void {
  db.prepare(
    `INSERT INTO terminal_requests (id, receipt_id, kind, amount_minor, payment_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.receiptId, r.kind, r.amountMinor, r.paymentId ?? null, r.now);
}

export function finishTerminalRequest(
  db: Db,
  r: {
    id: string;
    status: 'approved' | 'declined' | 'unknown';
    reference: string | null;
    message: string | null;
    now: string;
    receiptNo?: string | null;
    trace?: string | null;
    slip?: readonly CardSlip[] | null;
  },
): void {
  db.prepare(
    `UPDATE terminal_requests SET status = ?, reference = ?, message = ?, finished_at = ?, receipt_no = ?, trace = ?, slip = ? WHERE id = ?`,
  ).run(r.status, r.reference, r.message, r.now, r.receiptNo ?? null, r.trace ?? null, r.slip ? JSON.stringify(r.slip) : null, r.id);
}

export function findTerminalRequest(db: Db, id: string): TerminalRequestRecord | null {
  return (db.prepare(`SELECT ${COLUMNS} FROM terminal_requests WHERE id = ?`).get(id) as TerminalRequestRecord | undefined) ?? null;
}

/** Requests whose outcome the till does not know yet: never sent again, only asked about. */
export function requestsInDoubt(db: Db): TerminalRequestRecord[] {
  return db
    .prepare(`SELECT ${COLUMNS} FROM terminal_requests WHERE status IN ('pending', 'unknown') ORDER BY created_at, rowid`)
    .all() as TerminalRequestRecord[];
}

/** The terminal receipt numbers of the latest recorded requests, newest first. */
export function recentReceiptNos(db: Db, limit = 200): string[] {
  return (
    db.prepare(`SELECT receipt_no AS n FROM terminal_requests WHERE receipt_no IS NOT NULL ORDER BY created_at DESC, rowid DESC LIMIT ?`).all(limit) as { n: string }[]
  ).map((r) => r.n);
}

/** Approved card payments no sale took (found by recovery after the cashier moved on). */
export function orphanedApprovals(db: Db): TerminalRequestRecord[] {
  return db.prepare(`SELECT ${COLUMNS} FROM terminal_requests WHERE orphaned = 1 ORDER BY created_at, rowid`).all() as TerminalRequestRecord[];
}

export function setOrphaned(db: Db, id: string, orphaned: boolean): void {
  db.prepare(`UPDATE terminal_requests SET orphaned = ? WHERE id = ?`).run(orphaned ? 1 : 0, id);
}

/**
 * Requests still pending at start-up were cut off by a crash: their outcome is unknown until the
 * terminal is asked. Marked so, they are never taken for approvals.
 */
export function markInterruptedRequests(db: Db, now: string): number {
  return db
    .prepare(`UPDATE terminal_requests SET status = 'unknown', message = 'interrupted', finished_at = ? WHERE status = 'pending'`)
    .run(now).changes;
}
