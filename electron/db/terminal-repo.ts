import type { Db } from './open.js';

/** The card-terminal journal: a request is written before the terminal is asked. */
export function insertTerminalRequest(
  db: Db,
  r: { id: string; receiptId: string; kind: 'payment' | 'reversal'; amountMinor: number; now: string },
): void {
  db.prepare(
    `INSERT INTO terminal_requests (id, receipt_id, kind, amount_minor, created_at) VALUES (?, ?, ?, ?, ?)`,
  ).run(r.id, r.receiptId, r.kind, r.amountMinor, r.now);
}

export function finishTerminalRequest(
  db: Db,
  r: { id: string; status: 'approved' | 'declined' | 'unknown'; reference: string | null; message: string | null; now: string },
): void {
  db.prepare(`UPDATE terminal_requests SET status = ?, reference = ?, message = ?, finished_at = ? WHERE id = ?`).run(
    r.status,
    r.reference,
    r.message,
    r.now,
    r.id,
  );
}

/**
 * Requests still pending at start-up were cut off by a crash: their outcome is unknown until the
 * terminal is asked (#5 brings that). Marked so, they are never taken for approvals.
 */
export function markInterruptedRequests(db: Db, now: string): number {
  return db
    .prepare(`UPDATE terminal_requests SET status = 'unknown', message = 'interrupted', finished_at = ? WHERE status = 'pending'`)
    .run(now).changes;
}
