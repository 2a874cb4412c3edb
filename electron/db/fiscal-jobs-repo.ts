/**
 * The fiscal outbox (migrations/0003_devices.sql `fiscal_jobs`): written in the confirming
 * transaction, drained by the fiscal worker.
 *
 *   pending ──markSent──▶ sent ──markDone──▶ done          (done never changes: a trigger)
 *                          │  ▲
 *                          │  └─ markSent again (a retry after the printer said it was not registered)
 *                          └────markFailed──▶ failed       (needs a person; retryFailed puts it back)
 *
 * While a job is `sent`, `fiscal_ref` holds the printer's receipt counter read just before the
 * attempt (`bn:<n>`), so after a crash or a lost reply the worker can ask the printer whether the
 * receipt got through instead of registering it twice.
 */
import type { Db } from './open.js';
import { LadderHistory, printerRateBp } from '../domain/tax-ladder.js';
import type { FiscalReceipt } from '../domain/fiscal-receipt.js';

export type FiscalJobStatus = 'pending' | 'sent' | 'done' | 'failed';

export interface FiscalJobRecord {
  id: string;
  receiptId: string;
  document: string;
  status: FiscalJobStatus;
  attempts: number;
  lastError: string | null;
  fiscalRef: string | null;
  createdAt: string;
  doneAt: string | null;
}

const COLUMNS = `id, receipt_id AS receiptId, document, status, attempts, last_error AS lastError,
  fiscal_ref AS fiscalRef, created_at AS createdAt, done_at AS doneAt`;

export function insertFiscalJob(db: Db, job: { id: string; receiptId: string; document: string; now: string }): void {
  db.prepare(`INSERT INTO fiscal_jobs (id, receipt_id, document, created_at) VALUES (?, ?, ?, ?)`).run(job.id, job.receiptId, job.document, job.now);
}

export function getFiscalJob(db: Db, id: string): FiscalJobRecord | null {
  return (db.prepare(`SELECT ${COLUMNS} FROM fiscal_jobs WHERE id = ?`).get(id) as FiscalJobRecord | undefined) ?? null;
}

export function fiscalJobForReceipt(db: Db, receiptId: string): FiscalJobRecord | null {
  return (db.prepare(`SELECT ${COLUMNS} FROM fiscal_jobs WHERE receipt_id = ?`).get(receiptId) as FiscalJobRecord | undefined) ?? null;
}

/** The job to work on: an interrupted (`sent`) or waiting job, oldest first — registration order. */
export function nextOpenFiscalJob(db: Db): FiscalJobRecord | null {
  const row = db
    .prepare(`SELECT ${COLUMNS} FROM fiscal_jobs WHERE status IN ('pending', 'sent') ORDER BY created_at, rowid LIMIT 1`)
    .get() as FiscalJobRecord | undefined;
  return row ?? null;
}

export function countOpenFiscalJobs(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM fiscal_jobs WHERE status IN ('pending', 'sent')`).get() as { n: number }).n;
}

export function countFailedFiscalJobs(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM fiscal_jobs WHERE status = 'failed'`).get() as { n: number }).n;
}

/** The marker a `sent` job carries: the printer's completed-receipts counter before the attempt. */
export function sentMarker(receiptsCompleted: number): string {
  return `bn:${receiptsCompleted}`;
}

export function parseSentMarker(fiscalRef: string | null): number | null {
  const m = /^bn:(\d+)$/.exec(fiscalRef ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * Committed on its own, before anything is sent to the printer: a crash from here on leaves a
 * `sent` job, which is never registered again without asking the printer first.
 */
export function markFiscalJobSent(db: Db, id: string, receiptsCompleted: number): void {
  db.transaction(() => {
    const changed = db
      .prepare(`UPDATE fiscal_jobs SET status = 'sent', attempts = attempts + 1, fiscal_ref = ? WHERE id = ? AND status IN ('pending', 'sent')`)
      .run(sentMarker(receiptsCompleted), id).changes;
    if (changed !== 1) throw new Error(`fiscal job ${id} is not open`);
  }).immediate();
}

export function markFiscalJobDone(db: Db, id: string, fiscalRef: string, now: string): void {
  db.prepare(`UPDATE fiscal_jobs SET status = 'done', fiscal_ref = ?, last_error = NULL, done_at = ? WHERE id = ?`).run(fiscalRef, now, id);
}

/** Needs a person: the printer refused the document, or whether it was registered cannot be told. */
export function markFiscalJobFailed(db: Db, id: string, error: string): void {
  db.prepare(`UPDATE fiscal_jobs SET status = 'failed', last_error = ? WHERE id = ? AND status <> 'done'`).run(error, id);
}

/** A transient problem (printer offline, paper): the job keeps its status and is retried. */
export function noteFiscalJobError(db: Db, id: string, error: string): void {
  db.prepare(`UPDATE fiscal_jobs SET last_error = ? WHERE id = ? AND status <> 'done'`).run(error, id);
}

/** After a person checked the printer: register a failed job again (from scratch). */
export function retryFailedFiscalJob(db: Db, id: string): boolean {
  return db.prepare(`UPDATE fiscal_jobs SET status = 'pending', fiscal_ref = NULL WHERE id = ? AND status = 'failed'`).run(id).changes === 1;
}

/** After a person confirmed on the printer that a failed/sent job *was* registered. */
export function resolveFiscalJobAsDone(db: Db, id: string, fiscalRef: string, now: string): boolean {
  return (
    db.prepare(`UPDATE fiscal_jobs SET status = 'done', fiscal_ref = ?, last_error = NULL, done_at = ? WHERE id = ? AND status IN ('failed', 'sent')`).run(fiscalRef, now, id)
      .changes === 1
  );
}

function documentLines(document: string): { name: string; rateBp: number }[] {
  try {
    const doc = JSON.parse(document) as Partial<FiscalReceipt>;
    return (doc.lines ?? []).flatMap((l) => (typeof l.name === 'string' && typeof l.rateBp === 'number' ? [{ name: l.name, rateBp: l.rateBp }] : []));
  } catch {
    return [];
  }
}

/** Done jobs replayed so far, per database: done jobs never change, so only new ones are read. */
const doneCache = new WeakMap<Db, Map<string, { history: LadderHistory; doneAt: string; id: string }>>();

/**
 * The tax-ladder history the printer will have when the *next* receipt reaches it: every done job
 * (in the order they were registered), then every job still queued or in flight (the worker
 * registers them first, oldest first). Failed jobs are left out — they were refused and are not
 * retried unless a person says so. Pass the PTU map when several rates share a letter.
 * Use it in the confirm transaction: `taxLadderViolations(lines, ladderHistory(db, ptuMap), ptuMap)`.
 */
export function ladderHistory(db: Db, ptuMap?: Readonly<Record<string, string>>): LadderHistory {
  const ptuKey = JSON.stringify(ptuMap ?? null);
  let perMap = doneCache.get(db);
  if (!perMap) doneCache.set(db, (perMap = new Map()));
  let cache = perMap.get(ptuKey);
  if (!cache) perMap.set(ptuKey, (cache = { history: new LadderHistory(), doneAt: '', id: '' }));
  const newDone = db
    .prepare(
      `SELECT id, document, done_at AS doneAt FROM fiscal_jobs
        WHERE status = 'done' AND (coalesce(done_at, '') > ? OR (coalesce(done_at, '') = ? AND id > ?))
        ORDER BY coalesce(done_at, ''), id`,
    )
    .all(cache.doneAt, cache.doneAt, cache.id) as { id: string; document: string; doneAt: string | null }[];
  for (const job of newDone) {
    for (const line of documentLines(job.document)) cache.history.record(line.name, printerRateBp(line.rateBp, ptuMap));
    cache.doneAt = job.doneAt ?? '';
    cache.id = job.id;
  }
  const history = cache.history.copy();
  const open = db.prepare(`SELECT document FROM fiscal_jobs WHERE status IN ('sent', 'pending') ORDER BY created_at, rowid`).all() as { document: string }[];
  for (const job of open) for (const line of documentLines(job.document)) history.record(line.name, printerRateBp(line.rateBp, ptuMap));
  return history;
}
