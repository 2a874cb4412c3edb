import type { Db } from './open.js';

export interface PrintJobRecord {
  id: string;
  receiptId: string;
  document: string;
  attempts: number;
}

export function insertPrintJob(db: Db, job: { id: string; receiptId: string; document: string; now: string }): void {
  db.prepare(`INSERT INTO print_jobs (id, receipt_id, document, created_at) VALUES (?, ?, ?, ?)`).run(
    job.id,
    job.receiptId,
    job.document,
    job.now,
  );
}

export function oldestPendingJob(db: Db): PrintJobRecord | null {
  const row = db
    .prepare(
      `SELECT id, receipt_id AS receiptId, document, attempts FROM print_jobs
        WHERE status = 'pending' ORDER BY created_at, rowid LIMIT 1`,
    )
    .get() as PrintJobRecord | undefined;
  return row ?? null;
}

export function countPendingJobs(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM print_jobs WHERE status = 'pending'`).get() as { n: number }).n;
}

export function markJobDone(db: Db, id: string, now: string): void {
  db.prepare(`UPDATE print_jobs SET status = 'done', attempts = attempts + 1, last_error = NULL, printed_at = ? WHERE id = ?`).run(now, id);
}

export function markJobFailed(db: Db, id: string, error: string): void {
  db.prepare(`UPDATE print_jobs SET attempts = attempts + 1, last_error = ? WHERE id = ?`).run(error, id);
}
