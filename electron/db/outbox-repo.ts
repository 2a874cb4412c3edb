/**
 * The outbox: one table of effects (print a receipt, kick the drawer, register a receipt on the
 * fiscal printer…), written in the transaction of the document that causes them, carried out by
 * the outbox worker lane by lane, oldest first.
 *
 *   pending ──inDoubt──▶ in_doubt ──done──▶ done          (done never changes: a trigger)
 *      │  ▲                 │
 *      │  └─retry───────────┤  (the device said it did not happen: start again)
 *      └──────failed────────┴──▶ failed                   (needs a person; retryFailed puts it back)
 *
 * `progress` counts the steps of a multi-step effect already confirmed by the device (chunks of a
 * receipt on paper); `marker` is what the worker noted, committed on its own, just before a step
 * whose outcome could be lost (the fiscal printer's receipt counter; the chunk the printer is
 * being sent), so after a crash the device can be asked whether the step happened, or the step
 * is repeated visibly, instead of doing it twice unnoticed.
 */
import type { Db } from './open.js';

export type OutboxStatus = 'pending' | 'in_doubt' | 'done' | 'failed';

export interface OutboxEntry {
  seq: number;
  id: string;
  lane: string;
  kind: string;
  version: number;
  documentId: string | null;
  payload: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  progress: number;
  marker: string | null;
  result: string | null;
  createdAt: string;
  doneAt: string | null;
}

const COLUMNS = `seq, id, lane, kind, version, document_id AS documentId, payload, status, attempts,
  next_attempt_at AS nextAttemptAt, last_error AS lastError, progress, marker, result, created_at AS createdAt, done_at AS doneAt`;

export function insertEntry(
  db: Db,
  e: { id: string; lane: string; kind: string; version: number; documentId: string | null; payload: string; now: string },
): void {
  db.prepare(
    `INSERT INTO outbox (id, lane, kind, version, document_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.id, e.lane, e.kind, e.version, e.documentId, e.payload, e.now);
}

export function getEntry(db: Db, id: string): OutboxEntry | null {
  return (db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`).get(id) as OutboxEntry | undefined) ?? null;
}

/** The entry a lane works on next: the oldest one still open (an interrupted one first, by age). */
export function headOfLane(db: Db, lane: string): OutboxEntry | null {
  return (
    (db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE lane = ? AND status IN ('pending', 'in_doubt') ORDER BY seq LIMIT 1`).get(lane) as
      | OutboxEntry
      | undefined) ?? null
  );
}

export function countOpen(db: Db, lane: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM outbox WHERE lane = ? AND status IN ('pending', 'in_doubt')`).get(lane) as { n: number }).n;
}

export function countFailed(db: Db, lane: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM outbox WHERE lane = ? AND status = 'failed'`).get(lane) as { n: number }).n;
}

/** Entries of one kind, oldest first (tests, the first paper of a document). */
export function entriesOfKind(db: Db, kind: string, documentId?: string): OutboxEntry[] {
  return documentId === undefined
    ? (db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE kind = ? ORDER BY seq`).all(kind) as OutboxEntry[])
    : (db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE kind = ? AND document_id = ? ORDER BY seq`).all(kind, documentId) as OutboxEntry[]);
}

/** The first `progress` steps are done. Only while open; progress never goes back. */
export function setProgress(db: Db, id: string, progress: number): void {
  db.prepare(`UPDATE outbox SET progress = ? WHERE id = ? AND status IN ('pending', 'in_doubt') AND progress < ?`).run(progress, id, progress);
}

/**
 * Committed on its own, before a step whose outcome could be lost but which the drainer settles
 * itself (the print drainer's "sending chunk k"): status and attempts stay as they are.
 */
export function setMarker(db: Db, id: string, marker: string): void {
  db.prepare(`UPDATE outbox SET marker = ? WHERE id = ? AND status IN ('pending', 'in_doubt')`).run(marker, id);
}

/**
 * Committed on its own, before the step whose outcome could be lost: from here on a crash leaves
 * an entry `in_doubt`, which the drainer settles by asking the device before doing anything again.
 */
export function markInDoubt(db: Db, id: string, marker: string): void {
  db.transaction(() => {
    const changed = db
      .prepare(`UPDATE outbox SET status = 'in_doubt', attempts = attempts + 1, marker = ? WHERE id = ? AND status IN ('pending', 'in_doubt')`)
      .run(marker, id).changes;
    if (changed !== 1) throw new Error(`outbox entry ${id} is not open`);
  }).immediate();
}

export function markDone(db: Db, id: string, o: { now: string; result?: string | null; progress?: number; counted: boolean }): void {
  db.prepare(
    `UPDATE outbox SET status = 'done', attempts = attempts + ?, last_error = NULL, next_attempt_at = NULL, done_at = ?,
            result = coalesce(?, result), progress = max(progress, ?)
      WHERE id = ? AND status IN ('pending', 'in_doubt')`,
  ).run(o.counted ? 1 : 0, o.now, o.result ?? null, o.progress ?? 0, id);
}

/** A passing problem (device offline, paper out): the entry stays where it is and is tried again after `nextAttemptAt`. */
export function markRetry(db: Db, id: string, o: { error: string; nextAttemptAt: string; counted: boolean }): void {
  db.prepare(
    `UPDATE outbox SET attempts = attempts + ?, last_error = ?, next_attempt_at = ? WHERE id = ? AND status IN ('pending', 'in_doubt')`,
  ).run(o.counted ? 1 : 0, o.error, o.nextAttemptAt, id);
}

/** An in-doubt entry the device says never happened: it starts again from scratch. */
export function markNotDone(db: Db, id: string): void {
  db.prepare(`UPDATE outbox SET status = 'pending', marker = NULL WHERE id = ? AND status = 'in_doubt'`).run(id);
}

/** Needs a person: the device refused it, or whether it happened cannot be told. The lane moves on. */
export function markFailed(db: Db, id: string, o: { error: string; counted: boolean }): void {
  db.prepare(`UPDATE outbox SET status = 'failed', attempts = attempts + ?, last_error = ? WHERE id = ? AND status <> 'done'`).run(
    o.counted ? 1 : 0,
    o.error,
    id,
  );
}

/** After a person checked the device: carry out a failed entry again, from scratch. */
export function retryFailed(db: Db, id: string): boolean {
  return db.prepare(`UPDATE outbox SET status = 'pending', marker = NULL, next_attempt_at = NULL WHERE id = ? AND status = 'failed'`).run(id).changes === 1;
}

/** After a person confirmed on the device that a failed or in-doubt entry did happen. */
export function resolveAsDone(db: Db, id: string, result: string, now: string): boolean {
  return (
    db.prepare(`UPDATE outbox SET status = 'done', result = ?, last_error = NULL, done_at = ? WHERE id = ? AND status IN ('failed', 'in_doubt')`).run(result, now, id)
      .changes === 1
  );
}

/** A draft's effects (pro-forma printouts) go with it when it is deleted; a confirmed document's never do (a trigger). */
export function deleteEntriesOfDraft(db: Db, documentId: string): void {
  db.prepare(`DELETE FROM outbox WHERE document_id = ?`).run(documentId);
}
