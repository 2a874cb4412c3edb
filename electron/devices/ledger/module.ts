import type { DeviceStatus, SettingsView } from '../../contract/api.js';
import { PosError } from '../../contract/errors.js';
import type { OutboxWorker } from '../../effects/worker.js';
import type { LedgerPort } from '../../usecases/ports.js';
import { connectorOf, needsSecret, parseLedgerConnection, type LedgerConnection } from './connection.js';
import type { LedgerConnector } from './connector.js';
import { LedgerDrainer, type LedgerHealth } from './drainer.js';
import { ThreadedConnector } from './threaded-connector.js';

export { parseLedgerConnection, type LedgerConnection } from './connection.js';

export interface LedgerModule {
  port: LedgerPort;
  check(changes: Partial<SettingsView>): void;
  settingsChanged(changes: Partial<SettingsView>): Promise<void>;
  close(): Promise<void>;
}

/** The ledger lane of the outbox, its connector replaceable from the settings screen. */
export function startLedgerModule(
  ctx: {
    worker: OutboxWorker;
    settings: SettingsView;
    now(): Date;
    log(line: string): void;
    secret(): string;
    /** How many documents are set aside (the outbox's failed ledger entries). */
    parked(): number;
    status(status: DeviceStatus): void;
  },
  /** `thread: false` keeps the connector on the calling thread (a test that wants one process). */
  options: { start?: string; retryMs?: number; maxRetryMs?: number; thread?: boolean } = {},
): LedgerModule {
  let connection: LedgerConnection = { kind: 'none' };
  let connector: LedgerConnector | null = null;
  let drainer: LedgerDrainer | null = null;
  // The status bar: a warning while something is set aside, so nobody has to open the settings to learn it.
  const report = () => {
    if (!connector) return ctx.status({ name: '', state: 'none' });
    const count = ctx.parked();
    ctx.status(count > 0 ? { name: connector.name, state: 'warning', message: { key: 'ledger.parked', details: { count } } } : { name: connector.name, state: 'ok' });
  };
  const connect = (text: string) => {
    const previous = connector;
    connection = parseLedgerConnection(text);
    const secret = ctx.secret();
    // Made here too: a connection it refuses is refused now, and its name is known at once.
    const local = connectorOf(connection, secret);
    const threaded = local !== null && options.thread !== false && !(needsSecret(connection) && secret === '');
    connector = threaded ? new ThreadedConnector(connection, secret, { name: local.name, hasArticles: typeof local.listArticles === 'function' }) : local;
    drainer = connector ? new LedgerDrainer({ connector, now: ctx.now, log: ctx.log, settled: report }) : null;
    report();
    // Weeks offline are normal: retries spread out (full jitter) up to a quarter of an hour apart.
    ctx.worker.attach('ledger', drainer, { retryMs: options.retryMs ?? 2_000, maxRetryMs: options.maxRetryMs ?? 15 * 60_000, fullJitter: true, pollMs: 0 });
    void previous?.close?.();
  };
  const resolved = (setting: string) => (setting.trim() === '' ? (options.start ?? 'none') : setting);
  let current = resolved(ctx.settings.ledgerConnection);
  connect(current);
  const health = (): { name: string | null } & LedgerHealth => ({ name: connector?.name ?? null, ...(drainer?.health ?? { lastSuccessAt: null, lastError: null }) });
  return {
    port: {
      enabled: () => connector !== null,
      health,
      syncNow: () => {
        report();
        ctx.worker.kick('ledger');
      },
      needsSecret: () => needsSecret(connection),
      check: async () => (connector ? connector.health() : { ok: false, detail: 'none' }),
      secretChanged: () => ctx.worker.exclusive('ledger', async () => connect(current)),
      articles: async () => {
        const source = connector;
        if (!source?.listArticles) return null;
        try {
          return await source.listArticles();
        } catch (error) {
          throw new PosError('ledger.cards_failed', `${source.name}: product cards: ${error instanceof Error ? error.message : String(error)}`, {
            reason: error instanceof Error ? error.message : String(error),
          });
        }
      },
    },
    check: (changes) => {
      if (changes.ledgerConnection !== undefined) parseLedgerConnection(resolved(changes.ledgerConnection));
    },
    async settingsChanged(changes) {
      if (changes.ledgerConnection === undefined) return;
      current = resolved(changes.ledgerConnection);
      await ctx.worker.exclusive('ledger', async () => connect(current));
    },
    close: async () => {
      await connector?.close?.();
    },
  };
}
