import type { Db } from './open.js';

export type PrintJobKind = 'receipt' | 'drawer' | 'test';

export interface PrintJobRecord {
  id: string;
  /** Null for a drawer kick or a test page. */
  receiptId: string | null;
  kind: PrintJobKind;
  document: string;
  attempts: number;
  /** Chunks of the document the printer has confirmed; printing resumes after them. */
  progress: number;
}

export function insertPrintJob(
  db: Db,
  job: { id: string; receiptId: string | null; kind?: PrintJobKind; document: string; now: string },
): void {
  db.prepare(`INSERT INTO print_jobs (id, receipt_id, kind, document, created_at) VALUES (?, ?, ?, ?, ?)`).run(
    job.id,
    job.receiptId,
    job.kind ?? 'receipt',
    job.document,
    job.now,
  );
}

const COLUMNS = `id, receipt_id AS receiptId, kind, document, attempts, progress`;

export function oldestPendingJob(db: Db): PrintJobRecord | null {
  const row = db
    .prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE status = 'pending' ORDER BY created_at, rowid LIMIT 1`)
    .get() as PrintJobRecord | undefined;
  return row ?? null;
}

export function findPrintJob(db: Db, id: string): (PrintJobRecord & { status: 'pending' | 'done'; lastError: string | null }) | null {
  const row = db.prepare(`SELECT ${COLUMNS}, status, last_error AS lastError FROM print_jobs WHERE id = ?`).get(id) as
    | (PrintJobRecord & { status: 'pending' | 'done'; lastError: string | null })
    | undefined;
  return row ?? null;
}

export function countPendingJobs(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM print_jobs WHERE status = 'pending'`).get() as { n: number }).n;
}

/**
 * Records that the first `progress` chunks are on paper. Only while pending (a done job stays
 * done, see the trigger); progress never goes back, so a late write cannot undo a later one.
 */
export function setJobProgress(db: Db, id: string, progress: number): void {
  db.prepare(`UPDATE print_jobs SET progress = ? WHERE id = ? AND status = 'pending' AND progress < ?`).run(progress, id, progress);
}

export function markJobDone(db: Db, id: string, now: string, progress?: number): void {
  db.prepare(
    `UPDATE print_jobs SET status = 'done', attempts = attempts + 1, last_error = NULL, printed_at = ?,
            progress = max(progress, ?) WHERE id = ? AND status = 'pending'`,
  ).run(now, progress ?? 0, id);
}

export function markJobFailed(db: Db, id: string, error: string): void {
  db.prepare(`UPDATE print_jobs SET attempts = attempts + 1, last_error = ? WHERE id = ? AND status = 'pending'`).run(error, id);
}

/** Sets aside a job that can never print (its document cannot be read): done, with the reason, never printed. */
export function markJobAbandoned(db: Db, id: string, error: string): void {
  db.prepare(`UPDATE print_jobs SET status = 'done', attempts = attempts + 1, last_error = ? WHERE id = ? AND status = 'pending'`).run(error, id);
}
