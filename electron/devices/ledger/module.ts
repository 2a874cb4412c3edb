import { posix, win32 } from 'node:path';
import type { DeviceStatus, SettingsView } from '../../contract/api.js';
import { PosError } from '../../contract/errors.js';
import type { OutboxWorker } from '../../effects/worker.js';
import type { LedgerPort } from '../../usecases/ports.js';
import { B1Connector } from './b1.js';
import { LedgerError, type LedgerConnector } from './connector.js';
import { DirectoConnector } from './directo.js';
import { LedgerDrainer, type LedgerHealth } from './drainer.js';
import { FileExportConnector } from './file-export.js';
import { HledgerWebConnector } from './hledger-web.js';

/**
 * Which ledger the till posts to, as a connection string (the settings screen's, else POS_LEDGER):
 * - `none`;
 * - `hledger-web:http://127.0.0.1:5077?journal=/path/to/pos.journal` — the file it serves, which
 *   lookups read themselves (hledger-web's own copy can be stale, see the connector);
 * - `b1:https://www.b1.lt` and `directo:https://login.directo.ee/xmlcore/cap_xml_direct/xmlcore.asp`
 *   — their API key or token is set apart (`ledger.setSecret`) and never shown;
 * - `file:/path/to/folder` — CSV and JSON per day for ledgers that load files.
 */
export type LedgerConnection =
  | { kind: 'none' }
  | { kind: 'hledger-web'; baseUrl: string; journalFile: string }
  | { kind: 'b1'; baseUrl: string }
  | { kind: 'directo'; url: string }
  | { kind: 'file'; dir: string };

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
const refuse = (why: string) => new PosError('ledger.bad_connection', why, { field: 'ledgerConnection' });

/** An API key travels only encrypted, except to a ledger on this machine (a test double). */
function secureUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse(`not an address: ${text}`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.includes(url.hostname))) return url;
  throw refuse(`the API key would travel unencrypted: ${text}`);
}

export function parseLedgerConnection(text: string): LedgerConnection {
  const t = text.trim();
  if (t === '' || t === 'none') return { kind: 'none' };
  const hledger = /^hledger-web:(https?:\/\/[^?\s]+)\?journal=(.+)$/.exec(t);
  if (hledger?.[1] && hledger[2]) {
    const url = new URL(hledger[1]);
    // hledger-web has no authentication: it is reached on this machine only.
    if (!LOOPBACK.includes(url.hostname)) throw refuse('hledger-web only on this machine');
    return { kind: 'hledger-web', baseUrl: hledger[1], journalFile: decodeURIComponent(hledger[2]) };
  }
  const service = /^(b1|directo):(\S+)$/.exec(t);
  if (service?.[1] && service[2]) {
    const url = secureUrl(service[2]).toString().replace(/\/$/, '');
    return service[1] === 'b1' ? { kind: 'b1', baseUrl: url } : { kind: 'directo', url };
  }
  const file = /^file:(.+)$/.exec(t);
  // An absolute folder on this system or on Windows (C:\export, \\server\share): a relative one would move with the working directory.
  if (file?.[1] && (posix.isAbsolute(file[1]) || win32.isAbsolute(file[1]))) return { kind: 'file', dir: file[1] };
  throw refuse(`not a ledger connection: ${t}`);
}

const needsSecret = (c: LedgerConnection) => c.kind === 'b1' || c.kind === 'directo';

/** A ledger that takes a key, before one is set: documents wait (temporary), nothing is set aside. */
function waitingForSecret(kind: string): LedgerConnector {
  const why = () => new LedgerError('temporary', `${kind}: no API key is set on this till`);
  return {
    name: `${kind} (no API key)`,
    find: () => Promise.reject(why()),
    post: () => Promise.reject(why()),
    health: () => Promise.resolve({ ok: false, detail: `${kind}: no API key is set on this till` }),
  };
}

function connectorOf(connection: LedgerConnection, secret: string): LedgerConnector | null {
  switch (connection.kind) {
    case 'none':
      return null;
    case 'hledger-web':
      return new HledgerWebConnector({ baseUrl: connection.baseUrl, journalFile: connection.journalFile });
    case 'b1':
      return secret ? new B1Connector({ baseUrl: connection.baseUrl, apiKey: secret }) : waitingForSecret('B1.lt');
    case 'directo':
      return secret ? new DirectoConnector({ url: connection.url, token: secret }) : waitingForSecret('Directo');
    case 'file':
      return new FileExportConnector({ dir: connection.dir });
  }
}

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
  options: { start?: string; retryMs?: number; maxRetryMs?: number } = {},
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
    connector = connectorOf(connection, ctx.secret());
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
