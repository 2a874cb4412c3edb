import type { LedgerStatusView, ParsedInput } from '../contract/api.js';
import type { Db } from '../db/open.js';
import { readSecret, writeSecret } from '../db/secrets-repo.js';
import type { CoreDeps } from './ports.js';

/**
 * The sync screen's view of the ledger lane, and its actions: go now, try again what was set
 * aside, and set the ledger's API key (kept in the till, never shown again). A set-aside document tried again is looked up by its key first (it may have reached
 * the ledger after all), so a retry never makes a second entry.
 */
function status(db: Db, deps: Pick<CoreDeps, 'ledger'>): LedgerStatusView {
  const counts = db
    .prepare(
      `SELECT sum(status = 'pending') AS pending, sum(status = 'in_doubt') AS inDoubt,
              min(CASE WHEN status IN ('pending', 'in_doubt') THEN created_at END) AS oldest
         FROM outbox WHERE lane = 'ledger'`,
    )
    .get() as { pending: number | null; inDoubt: number | null; oldest: string | null };
  const parked = (
    db
      .prepare(`SELECT id, payload, last_error AS error, created_at AS createdAt FROM outbox WHERE lane = 'ledger' AND status = 'failed' ORDER BY seq LIMIT 200`)
      .all() as { id: string; payload: string; error: string | null; createdAt: string }[]
  ).map((p) => {
    const doc = JSON.parse(p.payload) as { key?: string; type?: string; number?: string };
    return { entryId: p.id, key: doc.key ?? '', type: doc.type ?? '', number: doc.number ?? '', error: p.error ?? '', createdAt: p.createdAt };
  });
  const health = deps.ledger?.health() ?? { name: null, lastSuccessAt: null, lastError: null };
  return {
    connector: health.name,
    pending: counts.pending ?? 0,
    inDoubt: counts.inDoubt ?? 0,
    oldestPendingAt: counts.oldest,
    lastSuccessAt: health.lastSuccessAt,
    lastError: health.lastError,
    needsSecret: deps.ledger?.needsSecret() ?? false,
    secretSet: readSecret(db, 'ledger') !== null,
    parked,
  };
}

export function ledgerSyncUseCases(deps: CoreDeps) {
  const { db, tx } = deps;
  return {
    handlers: {
      'ledger.status': (): LedgerStatusView => status(db, deps),
      'ledger.syncNow': ({ retry }: ParsedInput<'ledger.syncNow'>): LedgerStatusView => {
        tx(() => {
          // In doubt, not pending: the uploader asks the ledger for it before sending it again.
          const again = db.prepare(`UPDATE outbox SET status = 'in_doubt', marker = 'tried again by a person', next_attempt_at = NULL WHERE id = ? AND lane = 'ledger' AND status = 'failed'`);
          for (const id of retry) again.run(id);
          db.prepare(`UPDATE outbox SET next_attempt_at = NULL WHERE lane = 'ledger' AND status IN ('pending', 'in_doubt')`).run();
        });
        deps.ledger?.syncNow();
        return status(db, deps);
      },
      'ledger.check': async (): Promise<{ ok: boolean; detail: string }> => (deps.ledger ? deps.ledger.check() : { ok: false, detail: 'none' }),
      'ledger.setSecret': async ({ secret }: ParsedInput<'ledger.setSecret'>): Promise<LedgerStatusView> => {
        tx(() => writeSecret(db, 'ledger', secret));
        // The connector is made again with it; what waited for the key goes now.
        await deps.ledger?.secretChanged();
        deps.ledger?.syncNow();
        return status(db, deps);
      },
    },
  };
}
