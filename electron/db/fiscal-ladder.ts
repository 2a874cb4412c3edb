import type { Db } from './open.js';
import { LadderHistory, printerRateBp } from '../domain/tax-ladder.js';

/** The lines of a stored fiscal receipt, as far as they can be read (a broken payload counts as none). */
function documentLines(payload: string): { name: string; rateBp: number }[] {
  try {
    const doc = JSON.parse(payload) as { lines?: { name?: unknown; rateBp?: unknown }[] };
    return (doc.lines ?? []).flatMap((l) => (typeof l.name === 'string' && typeof l.rateBp === 'number' ? [{ name: l.name, rateBp: l.rateBp }] : []));
  } catch {
    return [];
  }
}

/** Registered receipts replayed so far, per database: registered receipts never change, so only new ones are read. */
const doneCache = new WeakMap<Db, Map<string, { history: LadderHistory; doneAt: string; id: string }>>();

/**
 * The tax-ladder history the fiscal printer will have when the *next* receipt reaches it: every
 * registered receipt (in the order they were registered), then every one still queued or in
 * flight (the outbox registers them first, oldest first). Failed ones are left out — they were
 * refused and are not retried unless a person says so. Pass the PTU map when several rates share
 * a letter. Use it in the confirm transaction: `taxLadderViolations(lines, ladderHistory(db, ptuMap), ptuMap)`.
 */
export function ladderHistory(db: Db, ptuMap?: Readonly<Record<string, string>>): LadderHistory {
  const ptuKey = JSON.stringify(ptuMap ?? null);
  let perMap = doneCache.get(db);
  if (!perMap) doneCache.set(db, (perMap = new Map()));
  let cache = perMap.get(ptuKey);
  if (!cache) perMap.set(ptuKey, (cache = { history: new LadderHistory(), doneAt: '', id: '' }));
  const newDone = db
    .prepare(
      `SELECT id, payload, done_at AS doneAt FROM outbox
        WHERE kind = 'fiscal.receipt' AND status = 'done' AND (coalesce(done_at, '') > ? OR (coalesce(done_at, '') = ? AND id > ?))
        ORDER BY coalesce(done_at, ''), id`,
    )
    .all(cache.doneAt, cache.doneAt, cache.id) as { id: string; payload: string; doneAt: string | null }[];
  for (const entry of newDone) {
    for (const line of documentLines(entry.payload)) cache.history.record(line.name, printerRateBp(line.rateBp, ptuMap));
    cache.doneAt = entry.doneAt ?? '';
    cache.id = entry.id;
  }
  const history = cache.history.copy();
  const open = db
    .prepare(`SELECT payload FROM outbox WHERE kind = 'fiscal.receipt' AND status IN ('pending', 'in_doubt') ORDER BY seq`)
    .all() as { payload: string }[];
  for (const entry of open) for (const line of documentLines(entry.payload)) history.record(line.name, printerRateBp(line.rateBp, ptuMap));
  return history;
}
