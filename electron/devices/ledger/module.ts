import type { SettingsView } from '../../contract/api.js';
import { PosError } from '../../contract/errors.js';
import type { OutboxWorker } from '../../effects/worker.js';
import type { LedgerPort } from '../../usecases/ports.js';
import type { LedgerConnector } from './connector.js';
import { LedgerDrainer, type LedgerHealth } from './drainer.js';
import { HledgerWebConnector } from './hledger-web.js';

/**
 * Which ledger the till posts to, as a connection string (the settings screen's, else POS_LEDGER):
 * `none`, or `hledger-web:http://127.0.0.1:5077?journal=/path/to/pos.journal` — the file it serves,
 * which lookups read themselves (hledger-web's own copy can be stale, see the connector).
 */
export type LedgerConnection = { kind: 'none' } | { kind: 'hledger-web'; baseUrl: string; journalFile: string };

export function parseLedgerConnection(text: string): LedgerConnection {
  const t = text.trim();
  if (t === '' || t === 'none') return { kind: 'none' };
  const m = /^hledger-web:(https?:\/\/[^?\s]+)\?journal=(.+)$/.exec(t);
  if (m?.[1] && m[2]) {
    const url = new URL(m[1]);
    // hledger-web has no authentication: it is reached on this machine only.
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new PosError('ledger.bad_connection', 'hledger-web only on this machine', { field: 'ledgerConnection' });
    return { kind: 'hledger-web', baseUrl: m[1], journalFile: decodeURIComponent(m[2]) };
  }
  throw new PosError('ledger.bad_connection', `not a ledger connection: ${t}`, { field: 'ledgerConnection' });
}

function connectorOf(connection: LedgerConnection): LedgerConnector | null {
  switch (connection.kind) {
    case 'none':
      return null;
    case 'hledger-web':
      return new HledgerWebConnector({ baseUrl: connection.baseUrl, journalFile: connection.journalFile });
  }
}

export interface LedgerModule {
  port: LedgerPort;
  /** The connector's name and the lane's last exchange, for the sync screen. */
  health(): { name: string | null } & LedgerHealth;
  check(changes: Partial<SettingsView>): void;
  settingsChanged(changes: Partial<SettingsView>): Promise<void>;
  close(): Promise<void>;
}

/** The ledger lane of the outbox, its connector replaceable from the settings screen. */
export function startLedgerModule(
  ctx: { worker: OutboxWorker; settings: SettingsView; now(): Date; log(line: string): void },
  options: { start?: string; retryMs?: number; maxRetryMs?: number } = {},
): LedgerModule {
  let connector: LedgerConnector | null = null;
  let drainer: LedgerDrainer | null = null;
  const connect = (text: string) => {
    const previous = connector;
    connector = connectorOf(parseLedgerConnection(text));
    drainer = connector ? new LedgerDrainer({ connector, now: ctx.now, log: ctx.log }) : null;
    // Weeks offline are normal: retries spread out (full jitter) up to a quarter of an hour apart.
    ctx.worker.attach('ledger', drainer, { retryMs: options.retryMs ?? 2_000, maxRetryMs: options.maxRetryMs ?? 15 * 60_000, fullJitter: true, pollMs: 0 });
    void previous?.close?.();
  };
  const resolved = (setting: string) => (setting.trim() === '' ? (options.start ?? 'none') : setting);
  connect(resolved(ctx.settings.ledgerConnection));
  return {
    port: {
      enabled: () => connector !== null,
      health: () => ({ name: connector?.name ?? null, ...(drainer?.health ?? { lastSuccessAt: null, lastError: null }) }),
      syncNow: () => ctx.worker.kick('ledger'),
    },
    health: () => ({ name: connector?.name ?? null, ...(drainer?.health ?? { lastSuccessAt: null, lastError: null }) }),
    check: (changes) => {
      if (changes.ledgerConnection !== undefined) parseLedgerConnection(resolved(changes.ledgerConnection));
    },
    async settingsChanged(changes) {
      if (changes.ledgerConnection === undefined) return;
      await ctx.worker.exclusive('ledger', async () => connect(resolved(changes.ledgerConnection ?? '')));
    },
    close: async () => {
      await connector?.close?.();
    },
  };
}
