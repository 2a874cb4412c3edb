import type { Db } from '../db/open.js';
import { insertEntry } from '../db/outbox-repo.js';
import { EFFECTS, type EffectKind, type EffectPayload, type Lane, type Outbox } from './effects.js';
import type { Clock, Ids } from './ports.js';

/**
 * The one way use cases write: `tx(fn)` runs `fn` in one immediate transaction, and `outbox`
 * queues effects inside it. Once the outermost transaction commits, the lanes it queued effects
 * on are woken (a rolled-back transaction wakes nobody and leaves nothing queued).
 */
export function transactions(deps: { db: Db; ids: Ids; clock: Clock; wake(lane: Lane): void }): {
  tx<T>(fn: () => T): T;
  outbox: Outbox;
} {
  const { db } = deps;
  let touched = new Set<Lane>();
  let depth = 0;

  const outbox: Outbox = {
    enqueue<K extends EffectKind>(kind: K, payload: EffectPayload<K>, options: { documentId?: string | null } = {}): string {
      if (depth === 0 || !db.inTransaction) throw new Error(`an effect (${kind}) is queued only inside its document's transaction (tx)`);
      const spec = EFFECTS[kind];
      // Validated on the way in too: what the worker reads back is what the schema promises.
      const checked = spec.schema.parse(payload);
      const id = deps.ids.next();
      insertEntry(db, {
        id,
        lane: spec.lane,
        kind,
        version: spec.version,
        documentId: options.documentId ?? null,
        payload: JSON.stringify(checked),
        now: deps.clock.now().toISOString(),
      });
      touched.add(spec.lane);
      return id;
    },
  };

  const tx = <T>(fn: () => T): T => {
    const counted = () => {
      depth += 1;
      try {
        return fn();
      } finally {
        depth -= 1;
      }
    };
    if (db.inTransaction) return db.transaction(counted)();
    let result: T;
    try {
      result = db.transaction(counted).immediate();
    } catch (error) {
      touched = new Set();
      throw error;
    }
    const lanes = touched;
    touched = new Set();
    for (const lane of lanes) deps.wake(lane);
    return result;
  };

  return { tx, outbox };
}
